"""Oracle for tests/sklearn_tree.test.ts and tests/sklearn_ensemble.test.ts (scikit-learn 1.2.1).

Run with Debian's scikit-learn: `/usr/bin/python3 tests/oracle/sklearn_tree.py`. Writes
tests/fixtures/sklearn_tree.json (decision trees: full `tree_` arrays, predictions, probabilities,
importances) and tests/fixtures/sklearn_tree_ensemble.json (AdaBoost SAMME/SAMME.R, random forests,
k-nearest neighbours, and FEATURES K6: boosting on the spirals). Every case stores its data, so the
tests need no generator; options are written with tessera's camelCase names.
"""

from common import camel, plain, spirals, write_json  # noqa: E402  (first: it drops this folder from sys.path)
import numpy as np  # noqa: E402
from sklearn.datasets import load_iris, make_moons  # noqa: E402
from sklearn.ensemble import AdaBoostClassifier, RandomForestClassifier  # noqa: E402
from sklearn.linear_model import RidgeClassifier  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor  # noqa: E402


def tree_arrays(est):
    t = est.tree_
    return dict(childrenLeft=t.children_left, childrenRight=t.children_right, feature=t.feature,
                threshold=t.threshold, impurity=t.impurity, nNodeSamples=t.n_node_samples,
                weightedNNodeSamples=t.weighted_n_node_samples, value=t.value.ravel(),
                depth=est.get_depth(), nLeaves=est.get_n_leaves(), featureImportances=est.feature_importances_)


# ---- data -------------------------------------------------------------------------------------
iris = load_iris()
X_iris, y_iris = iris.data, iris.target
X_moons, y_moons = make_moons(200, noise=0.25, random_state=0)
rs = np.random.RandomState(7)
# Small integers: many equal values, so ties between candidate splits are everywhere.
X_ties = rs.randint(0, 3, (60, 3)).astype(float)
y_ties = rs.randint(0, 3, 60)
w_ties = rs.randint(0, 4, 60).astype(float)  # includes zero weights
X_sine = np.sort(rs.uniform(-2, 2, 80)).reshape(-1, 1)
y_sine = 2 * np.sin(X_sine[:, 0]) + rs.uniform(-0.2, 0.2, 80)
grid = np.array([[x, y] for x in np.linspace(-1.5, 2.5, 9) for y in np.linspace(-1, 1.5, 6)])


def params_of(kw):
    return {camel(k): v for k, v in kw.items()}


# ---- decision trees ---------------------------------------------------------------------------
def tree_case(name, cls, X, y, kw, sample_weight=None, X_test=None):
    est = cls(**kw).fit(X, y, sample_weight=sample_weight)
    X_test = X if X_test is None else X_test
    out = dict(name=name, regressor=cls is DecisionTreeRegressor, params=params_of(kw), X=X, y=y,
               sampleWeight=sample_weight, XTest=X_test, tree=tree_arrays(est), predict=est.predict(X_test))
    if cls is DecisionTreeClassifier:
        out['predictProba'] = est.predict_proba(X_test)
        out['classes'] = est.classes_
    return out


trees = [
    tree_case('iris gini', DecisionTreeClassifier, X_iris, y_iris, dict(random_state=0)),
    tree_case('iris entropy', DecisionTreeClassifier, X_iris, y_iris, dict(criterion='entropy', random_state=1)),
    tree_case('iris depth 2', DecisionTreeClassifier, X_iris, y_iris, dict(max_depth=2, random_state=0)),
    tree_case('iris max_features 2', DecisionTreeClassifier, X_iris, y_iris, dict(max_features=2, random_state=3)),
    tree_case('iris min_samples_leaf 5', DecisionTreeClassifier, X_iris, y_iris, dict(min_samples_leaf=5, random_state=0)),
    tree_case('iris labels 10/20/30', DecisionTreeClassifier, X_iris, y_iris * 10 + 10, dict(random_state=0)),
    tree_case('moons', DecisionTreeClassifier, X_moons, y_moons, dict(random_state=0), X_test=grid),
    tree_case('moons min_impurity_decrease', DecisionTreeClassifier, X_moons, y_moons,
              dict(min_impurity_decrease=0.01, random_state=0), X_test=grid),
    tree_case('ties', DecisionTreeClassifier, X_ties, y_ties, dict(random_state=0)),
    tree_case('ties seed 5', DecisionTreeClassifier, X_ties, y_ties, dict(random_state=5)),
    tree_case('ties sample weights', DecisionTreeClassifier, X_ties, y_ties, dict(random_state=0), sample_weight=w_ties),
    tree_case('ties sqrt entropy', DecisionTreeClassifier, X_ties, y_ties,
              dict(criterion='entropy', max_features='sqrt', random_state=2), sample_weight=w_ties),
    tree_case('sine regressor', DecisionTreeRegressor, X_sine, y_sine, dict(random_state=0)),
    tree_case('sine regressor depth 3', DecisionTreeRegressor, X_sine, y_sine, dict(max_depth=3, random_state=0),
              X_test=np.linspace(-2.5, 2.5, 11).reshape(-1, 1)),
    tree_case('ties regressor weights', DecisionTreeRegressor, X_ties, y_ties.astype(float) * 1.5,
              dict(min_samples_split=6, random_state=4), sample_weight=w_ties),
]


# ---- AdaBoost ---------------------------------------------------------------------------------
def boost_case(name, X, y, kw, base=None, X_test=None, split=None):
    est = AdaBoostClassifier(base, **kw).fit(X, y)
    X_test = X if X_test is None else X_test
    out = dict(name=name, base=None if base is None else type(base).__name__,
               baseParams=None if base is None else params_of(base.get_params()),
               params=params_of(kw), X=X, y=y, XTest=X_test, split=split,
               estimatorWeights=est.estimator_weights_, estimatorErrors=est.estimator_errors_,
               nEstimators=len(est.estimators_), classes=est.classes_,
               predict=est.predict(X_test), decisionFunction=est.decision_function(X_test),
               predictProba=est.predict_proba(X_test), score=est.score(X_test, est.predict(X_test)))
    if base is None or isinstance(base, DecisionTreeClassifier):
        out['members'] = [dict(feature=m.tree_.feature, threshold=m.tree_.threshold,
                               seed=m.random_state) for m in est.estimators_]
        out['featureImportances'] = est.feature_importances_
    else:
        out['seeds'] = [m.random_state for m in est.estimators_]
    return out


X_sp, y_sp = spirals()
idx = np.arange(len(y_sp))
train, test = train_test_split(idx, test_size=0.33, random_state=42)
Xtr, Xte, ytr, yte = X_sp[train], X_sp[test], y_sp[train], y_sp[test]
k6_tree = AdaBoostClassifier(DecisionTreeClassifier(), algorithm='SAMME', random_state=0).fit(Xtr, ytr)
k6_ridge = AdaBoostClassifier(RidgeClassifier(), algorithm='SAMME', random_state=0).fit(Xtr, ytr)

boosting = [
    boost_case('iris stumps SAMME', X_iris, y_iris, dict(algorithm='SAMME', random_state=0)),
    boost_case('iris stumps SAMME lr 0.5', X_iris, y_iris, dict(algorithm='SAMME', learning_rate=0.5, n_estimators=20, random_state=3)),
    boost_case('moons stumps SAMME', X_moons, y_moons, dict(algorithm='SAMME', random_state=0), X_test=grid),
    boost_case('moons depth 3 SAMME', X_moons, y_moons, dict(algorithm='SAMME', n_estimators=10, random_state=1),
               base=DecisionTreeClassifier(max_depth=3), X_test=grid),
    boost_case('iris stumps SAMME.R', X_iris, y_iris, dict(algorithm='SAMME.R', n_estimators=20, random_state=0)),
    boost_case('K6 full trees', X_sp[train], y_sp[train], dict(algorithm='SAMME', random_state=0),
               base=DecisionTreeClassifier(), X_test=Xte, split=dict(train=train, test=test)),
    boost_case('K6 ridge', X_sp[train], y_sp[train], dict(algorithm='SAMME', random_state=0),
               base=RidgeClassifier(), X_test=Xte, split=dict(train=train, test=test)),
]
k6 = dict(X=X_sp, y=y_sp, train=train, test=test,
          treeTestScore=k6_tree.score(Xte, yte), ridgeTestScore=k6_ridge.score(Xte, yte),
          treeMembers=len(k6_tree.estimators_), ridgeMembers=len(k6_ridge.estimators_))


# ---- random forest ----------------------------------------------------------------------------
def forest_case(name, X, y, kw, X_test=None):
    est = RandomForestClassifier(**kw).fit(X, y)
    X_test = X if X_test is None else X_test
    return dict(name=name, params=params_of(kw), X=X, y=y, XTest=X_test,
                predict=est.predict(X_test), predictProba=est.predict_proba(X_test),
                featureImportances=est.feature_importances_,
                nodeCounts=[t.tree_.node_count for t in est.estimators_],
                seeds=[t.random_state for t in est.estimators_])


forests = [
    forest_case('iris 10 trees', X_iris, y_iris, dict(n_estimators=10, random_state=0)),
    forest_case('moons 15 trees depth 4', X_moons, y_moons, dict(n_estimators=15, max_depth=4, random_state=1), X_test=grid),
    forest_case('ties no bootstrap entropy', X_ties, y_ties, dict(n_estimators=5, bootstrap=False, criterion='entropy', random_state=2)),
    forest_case('iris max_samples 0.5', X_iris, y_iris, dict(n_estimators=5, max_samples=0.5, max_features=None, random_state=3)),
]


# ---- k nearest neighbours ---------------------------------------------------------------------
iris_test = np.array([[5.0, 3.0, 1.5, 0.2], [6.0, 2.8, 4.5, 1.5], [6.3, 3.0, 5.0, 1.8], [5.8, 2.7, 5.1, 1.9],
                      [4.9, 2.5, 4.5, 1.7], [7.0, 3.2, 4.7, 1.4], [6.0, 2.2, 5.0, 1.5]])


def knn_case(name, X, y, kw, X_test):
    est = KNeighborsClassifier(**kw).fit(X, y)
    brute = KNeighborsClassifier(**kw, algorithm='brute').fit(X, y)
    dist, ind = est.kneighbors(X_test)
    return dict(name=name, params=params_of(kw), X=X, y=y, XTest=X_test, predict=est.predict(X_test),
                predictBrute=brute.predict(X_test), predictProba=est.predict_proba(X_test),
                kneighborsDistance=dist, kneighborsIndex=ind)


neighbors = [
    knn_case('iris k5 uniform on train', X_iris, y_iris, dict(), X_iris),
    knn_case('iris k5 uniform', X_iris, y_iris, dict(), iris_test),
    knn_case('iris k7 distance', X_iris, y_iris, dict(n_neighbors=7, weights='distance'), iris_test),
    knn_case('iris k3 distance on train', X_iris, y_iris, dict(n_neighbors=3, weights='distance'), X_iris),
    knn_case('iris k4 p1', X_iris, y_iris, dict(n_neighbors=4, p=1), iris_test),
    knn_case('moons k15', X_moons, y_moons, dict(n_neighbors=15), grid),
]

# These two keep json's default separators (', ' and ': '), as they were first written.
write_json('sklearn_tree.json', plain(dict(trees=trees)), separators=None)
write_json('sklearn_tree_ensemble.json', plain(dict(boosting=boosting, k6=k6, forests=forests, neighbors=neighbors)), separators=None)
