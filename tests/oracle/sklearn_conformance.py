"""Oracle for tests/sklearn_conformance.test.ts: what scikit-learn 1.2.1 itself says and prints.

Run with Debian's scikit-learn: `/usr/bin/python3 tests/oracle/sklearn_conformance.py`. Writes
tests/fixtures/sklearn_conformance.json with the data sets the conformance suite fits on, and, for
every estimator of the suite's registry (tests/conformance-sklearn/registry.ts mirrors the table
below, entry for entry), scikit-learn's repr of the default and of the changed configuration, its
param names, and the exception (class and message) it raises for an unknown param in set_params,
when used unfitted, fitted on NaN / infinity / a 1-D X, or given NaN, a 1-D X or a wrong number of
features after fitting. `None` means scikit-learn accepts the input. Parameter names in reprs and
messages are converted to tessera's camelCase (`n_clusters=` -> `nClusters=`).
"""
import re
import warnings

from common import camel, write_json  # noqa: E402  (first: it drops this folder from sys.path)
import numpy as np  # noqa: E402
from sklearn.datasets import make_blobs, make_regression  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.ensemble import AdaBoostClassifier, RandomForestClassifier  # noqa: E402
from sklearn.linear_model import (  # noqa: E402
    LinearRegression, LogisticRegression, Ridge, RidgeClassifier, RidgeClassifierCV)
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402
from sklearn.pipeline import Pipeline, make_pipeline  # noqa: E402
from sklearn.preprocessing import (  # noqa: E402
    LabelEncoder, MaxAbsScaler, MinMaxScaler, OneHotEncoder, PolynomialFeatures, StandardScaler)
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor  # noqa: E402


def camel_repr(text):
    """sklearn's repr on one line, tuples as lists, `snake_name=` and `'snake_key':` in camelCase."""
    text = re.sub(r'\n\s*', ' ', text)
    text = re.sub(r'=\(([^()]*)\)', r'=[\1]', text)  # a tuple value: tessera has arrays
    text = re.sub(r'\b([A-Za-z][A-Za-z0-9_]*)=', lambda m: camel(m.group(1)) + '=', text)
    return re.sub(r"'([a-z][A-Za-z0-9_]*)':", lambda m: "'" + camel(m.group(1)) + "':", text)


def data_sets():
    X, y = make_blobs(n_samples=60, centers=3, n_features=2, random_state=0)
    Xo, yo = make_blobs(n_samples=40, centers=2, n_features=3, random_state=1)
    R, r = make_regression(n_samples=60, n_features=2, noise=1.0, random_state=0)
    Ro, ro = make_regression(n_samples=40, n_features=3, noise=1.0, random_state=1)
    rng = np.random.RandomState(0)
    C = rng.randint(0, 3, size=(60, 2)).astype(float)
    Co = rng.randint(0, 4, size=(40, 3)).astype(float)
    return {
        'classification': dict(X=X, y=y, Xother=Xo, yother=yo),
        'regression': dict(X=R, y=r, Xother=Ro, yother=ro),
        'categorical': dict(X=C, y=y, Xother=Co, yother=yo),
        # LabelEncoder's input is the labels themselves (X unused).
        'labels': dict(X=X, y=y * 10 + 5, Xother=Xo, yother=yo * 3 - 1),
    }


# name: (data set, default construction, the changed construction the suite checks)
def registry():
    tree2 = DecisionTreeClassifier(max_depth=2)
    return {
        'LinearRegression': ('regression', LinearRegression(), LinearRegression(fit_intercept=False)),
        'Ridge': ('regression', Ridge(), Ridge(alpha=2, solver='svd')),
        'RidgeClassifier': ('classification', RidgeClassifier(), RidgeClassifier(alpha=0.5, class_weight='balanced')),
        'RidgeClassifierCV': ('classification', RidgeClassifierCV(), RidgeClassifierCV(alphas=[1, 10], fit_intercept=False)),
        'LogisticRegression': ('classification', LogisticRegression(), LogisticRegression(C=10, max_iter=500)),
        'DecisionTreeClassifier': ('classification', DecisionTreeClassifier(), DecisionTreeClassifier(max_depth=3, random_state=0)),
        'DecisionTreeRegressor': ('regression', DecisionTreeRegressor(), DecisionTreeRegressor(max_depth=3, min_samples_leaf=2, random_state=0)),
        'AdaBoostClassifier': ('classification', AdaBoostClassifier(),
                               AdaBoostClassifier(estimator=tree2, n_estimators=10, random_state=0)),
        'RandomForestClassifier': ('classification', RandomForestClassifier(),
                                   RandomForestClassifier(n_estimators=10, max_depth=3, random_state=0)),
        'KNeighborsClassifier': ('classification', KNeighborsClassifier(), KNeighborsClassifier(n_neighbors=3, weights='distance')),
        'KMeans': ('classification', KMeans(), KMeans(n_clusters=3, n_init=3, random_state=0)),
        'PCA': ('classification', PCA(), PCA(n_components=1, whiten=True)),
        'StandardScaler': ('classification', StandardScaler(), StandardScaler(with_mean=False)),
        'MinMaxScaler': ('classification', MinMaxScaler(), MinMaxScaler(feature_range=(-1, 1))),
        'MaxAbsScaler': ('classification', MaxAbsScaler(), MaxAbsScaler(copy=False)),
        'PolynomialFeatures': ('classification', PolynomialFeatures(), PolynomialFeatures(degree=3, include_bias=False)),
        'OneHotEncoder': ('categorical', OneHotEncoder(), OneHotEncoder(handle_unknown='ignore')),
        'LabelEncoder': ('labels', LabelEncoder(), LabelEncoder()),
        'Pipeline': ('classification', Pipeline([('pca', PCA(n_components=2)), ('logreg', LogisticRegression())]),
                     Pipeline([('pca', PCA(n_components=2)), ('logreg', LogisticRegression(C=10))])),
        'makePipeline': ('regression', make_pipeline(StandardScaler(), Ridge()), make_pipeline(StandardScaler(), Ridge(alpha=10))),
        'GridSearchCV': ('regression', GridSearchCV(Ridge(), {'alpha': [0.1, 1, 10]}),
                         GridSearchCV(Ridge(), {'alpha': [0.1, 1, 10]}, cv=3)),
        'RandomizedSearchCV': ('classification', RandomizedSearchCV(DecisionTreeClassifier(random_state=0), {'max_depth': [1, 2, 3, None]}),
                               RandomizedSearchCV(DecisionTreeClassifier(random_state=0), {'max_depth': [1, 2, 3, None]},
                                                  n_iter=3, cv=3, random_state=0)),
    }


def outcome(f):
    """The exception f raises as {type, message}, or None when it returns."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            f()
    except Exception as e:  # noqa: BLE001 - every exception is an observation here
        return {'type': type(e).__name__, 'message': str(e)}
    return None


def probes(est, d, labels):
    """What scikit-learn does with bad input: unfitted use, NaN/inf/1-D in fit, NaN/1-D/wrong width after."""
    X, y = d['X'], d['y']
    method = next(m for m in ('predict', 'transform') if hasattr(est, m))
    supervised = labels or hasattr(est, 'predict') and not isinstance(est, KMeans)

    def fit(A):
        if labels:
            return lambda: est.fit(A)
        return (lambda: est.fit(A, y)) if supervised else (lambda: est.fit(A))

    def call(A):
        return lambda: getattr(est, method)(A)

    Xnan, Xinf = X.copy(), X.copy()
    Xnan[3, 1], Xinf[3, 1] = np.nan, np.inf
    out = {'method': method, 'notFitted': outcome(call(y if labels else X))}
    if labels:
        ynan = y.astype(float)
        ynan[3] = np.nan
        out['fitNaN'] = outcome(fit(ynan))
        out['fitInf'] = outcome(fit(np.where(np.arange(len(y)) == 3, np.inf, y)))
        out['fit1d'] = outcome(fit(X))  # LabelEncoder wants 1-D: a 2-D input is the wrong shape
        est.fit(y)
        out['predict1d'] = outcome(call(X[:4]))
        out['nFeatures'] = outcome(call(np.array([7.0, 5.0])))  # unseen labels
        return out
    out['fitNaN'] = outcome(fit(Xnan))
    out['fitInf'] = outcome(fit(Xinf))
    out['fit1d'] = outcome(fit(np.arange(len(y)) / 2))
    fit(X)()
    out['predictNaN'] = outcome(call(Xnan[:5]))
    out['predict1d'] = outcome(call(np.arange(4) / 2))
    out['nFeatures'] = outcome(call(np.ones((4, 3))))
    return out


def main():
    data = data_sets()
    estimators = {}
    for name, (kind, default, changed) in registry().items():
        invalid = outcome(lambda: changed.set_params(noSuchParam=1))
        estimators[name] = {
            'data': kind,
            'reprDefault': camel_repr(repr(default)),
            'reprChanged': camel_repr(repr(changed)),
            'paramNames': sorted(camel(k) for k in changed.get_params(deep=False)),
            'invalidParam': {**invalid, 'message': camel_repr(invalid['message'])},
            **probes(changed, data[kind], kind == 'labels'),
        }
    out = {
        'data': {k: {n: v.tolist() for n, v in d.items()} for k, d in data.items()},
        'estimators': estimators,
    }
    write_json('sklearn_conformance.json', out)


if __name__ == '__main__':
    main()
