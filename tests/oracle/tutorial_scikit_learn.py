"""Oracle for docs/tutorials/scikit-learn.md: the tutorial's examples run with scikit-learn itself.

Run with Debian's scikit-learn 1.2.1 / NumPy 1.24: `/usr/bin/python3 tests/oracle/tutorial_scikit_learn.py`.
It prints, block by block, the same lines the tutorial's TypeScript prints (NumPy's repr for arrays,
JavaScript's number formatting for plain numbers), so the two outputs can be compared with `diff`:

    node scripts/docs-check.mjs scikit-learn   # builds build/docs/docs__tutorials__scikit-learn.md.mjs
    node build/docs/docs__tutorials__scikit-learn.md.mjs | grep -av BLOCK > /tmp/ts.txt
    /usr/bin/python3 tests/oracle/tutorial_scikit_learn.py | grep -av BLOCK > /tmp/py.txt
    diff /tmp/ts.txt /tmp/py.txt   # no output: every printed value is scikit-learn's

(The block markers hold a NUL byte, as the docs checker's do, hence `grep -a`.)

Data sets that scikit-learn does not have (tessera's makeSpirals and makeClockwiseCircles) are rebuilt
here from their definitions.
"""
import math
from decimal import Decimal, ROUND_HALF_UP

import common  # noqa: E402,F401  (drops this folder from sys.path before NumPy is imported)
import numpy as np  # noqa: E402
from common import sibling, spirals  # noqa: E402
JS = sibling('jsprint')  # JavaScript's ways of printing numbers
js, out, block, fixed, shape, s = (JS.js, JS.out, JS.block, JS.fixed, JS.shape, JS.s)  # noqa: E402


from sklearn.linear_model import Ridge, RidgeClassifier, LogisticRegression  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402

# ---- Estimators: Ridge on a noisy sine (K1)
block(1)
np.random.seed(42)
x_vals, y_vals = [], []
for i in range(100):
    x = np.random.uniform(-2, 2)
    y = np.random.uniform(-0.2, 0.2) + 2 * math.sin(x)
    x_vals.append(x)
    y_vals.append(y)
out(repr(np.array(x_vals[:3])), repr(np.array(y_vals[:3])))

block(2)
x_column = np.reshape(x_vals, [len(x_vals), 1])
ridge_estimator = Ridge()
fitted = ridge_estimator.fit(x_column, y_vals)
out(fitted is ridge_estimator, repr(ridge_estimator))
out(repr(ridge_estimator.coef_), fixed(ridge_estimator.intercept_, 6))

block(3)
x_left, x_right = np.min(x_column), np.max(x_column)
y_left, y_right = ridge_estimator.predict([[x_left]]), ridge_estimator.predict([[x_right]])
out(fixed(x_left, 6), repr(y_left), fixed(x_right, 6), repr(y_right))
out('R² =', fixed(ridge_estimator.score(x_column, y_vals), 6))

block(4)
try:
    ridge_estimator.predict(x_vals)
except ValueError as e:
    lines = ('ValueError: ' + str(e)).split('\n')
    out(lines[0])
    out(lines[-1])

# ---- decision_function and predict_proba
block(5)
iris = load_iris()
some_flowers = iris.data[[0, 60, 120]]
ridge_classifier = RidgeClassifier().fit(iris.data, iris.target)
out(s(ridge_classifier.decision_function(some_flowers)))
out(hasattr(ridge_classifier, 'predict_proba'))
logistic = LogisticRegression(max_iter=1000).fit(iris.data, iris.target)
proba = logistic.predict_proba(some_flowers)
out(s(np.round(proba, 3)))
out(s(np.sum(proba, axis=1)), s(logistic.predict(some_flowers)))

# ---- Clustering (K2)
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402

block(6)
np.random.seed(42)
blobs = [make_blobs(n_samples=200, centers=1, cluster_std=2) for _ in range(7)]
xy_points = np.concatenate([X for X, _ in blobs])
out(shape(xy_points), s(xy_points[:3]))

block(7)
for num_clusters in range(2, 11):
    k_means = KMeans(n_clusters=num_clusters, random_state=0, n_init=10)
    k_means.fit(xy_points)
    predictions = k_means.predict(xy_points)
    sizes = np.bincount(predictions, minlength=num_clusters)
    out(f'k={num_clusters}', fixed(k_means.inertia_, 2), ' '.join(map(str, sizes)))
    if num_clusters == 7:
        seven_clusters = k_means
out(s(seven_clusters.cluster_centers_))

# ---- Transformations (K3, K3b, K4)
from sklearn.preprocessing import MinMaxScaler  # noqa: E402
from sklearn.datasets import make_moons  # noqa: E402

block(8)
weather = [[60, 0.2, 4, 0.1], [75, 0.0, 8, 0.05], [70, 0.1, 12, 0.2]]
np.set_printoptions(suppress=True)
weather_scaler = MinMaxScaler()
scaled_weather = weather_scaler.fit_transform(weather)
out(s(np.round(scaled_weather, 3)))
out(repr(weather_scaler.data_min_), repr(weather_scaler.data_max_))
out(s(weather_scaler.inverse_transform(scaled_weather)))

block(9)
training_samples, _ = make_moons(n_samples=100, noise=0.2, random_state=44)
moons_test, _ = make_moons(n_samples=100, noise=0.05, random_state=42)
test_samples = moons_test * [2, 0.6]
mm_scaler = MinMaxScaler()
mm_scaler.fit(training_samples)
transformed_training_samples = mm_scaler.transform(training_samples)
transformed_test_samples = mm_scaler.transform(test_samples)


def value_range(a):
    return ' to '.join(s(r) for r in (np.min(a, axis=0), np.max(a, axis=0)))


out('training', value_range(training_samples), '->', value_range(transformed_training_samples))
out('test    ', value_range(test_samples), '->', value_range(transformed_test_samples))

block(10)
np.random.seed(42)
curve = []
for i in range(100):
    x = np.random.uniform(0.9, 5.5)
    curve.append([x, np.random.uniform(-0.2, 0.2) + 2 * math.sin(x)])
curve_scaler = MinMaxScaler()
scaled_curve = curve_scaler.fit_transform(curve)
line_model = Ridge().fit(scaled_curve[:, :1], scaled_curve[:, 1])
ends = line_model.predict([[0], [1]])
scaled_line = np.stack([np.array([0, 1]), ends], axis=1)
line = curve_scaler.inverse_transform(scaled_line)
out('scaled ends  ', s(scaled_line))
out('original ends', s(line))
out('data x range ', curve_scaler.data_min_[0], curve_scaler.data_max_[0])

# ---- Data refinement with PCA (K5)
from sklearn.decomposition import PCA  # noqa: E402

block(11)
np.random.seed(42)
blob_data = np.random.normal(0, 0.3, [3000, 3]) * [0.8, 0.3, 0.7]
pca = PCA(n_components=2, whiten=True)
pca.fit(blob_data)
reduced_blob = pca.transform(blob_data)
out(shape(reduced_blob))
out(s(pca.components_))
out(repr(pca.explained_variance_ratio_), fixed(np.sum(pca.explained_variance_ratio_), 6))
out(s(np.mean(reduced_blob, axis=0)), s(np.std(reduced_blob, axis=0, ddof=1)))

# ---- Ensembles (K6)
from sklearn.ensemble import AdaBoostClassifier  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402


block(12)
spiral_xy, spiral_labels = spirals(trig=math)
training_spirals, test_spirals, training_spiral_labels, test_spiral_labels = \
    train_test_split(spiral_xy, spiral_labels, test_size=0.33, random_state=42)
out(shape(training_spirals), shape(test_spirals), s(np.bincount(test_spiral_labels)))

block(13)
ridge_ensemble = AdaBoostClassifier(RidgeClassifier(), algorithm='SAMME')
ridge_ensemble.fit(training_spirals, training_spiral_labels)
predicted_classes = ridge_ensemble.predict(test_spirals)
out('members:', len(ridge_ensemble.estimators_), 'test accuracy:', fixed(ridge_ensemble.score(test_spirals, test_spiral_labels), 4))
out('first test predictions:', s(predicted_classes[:12]), 'true:', s(test_spiral_labels[:12]))

block(14)
tree_ensemble = AdaBoostClassifier(DecisionTreeClassifier(), algorithm='SAMME', random_state=0)
tree_ensemble.fit(training_spirals, training_spiral_labels)
out('members:', len(tree_ensemble.estimators_), 'test accuracy:', fixed(tree_ensemble.score(test_spirals, test_spiral_labels), 4))
out(s(tree_ensemble.estimator_weights_[:3]), s(tree_ensemble.estimator_errors_[:3]))
# The chapter's default algorithm ('SAMME.R' in scikit-learn 1.2) keeps the same single tree.
samme_r = AdaBoostClassifier(DecisionTreeClassifier(), random_state=0).fit(training_spirals, training_spiral_labels)
assert len(samme_r.estimators_) == 1
assert (samme_r.predict(test_spirals) == tree_ensemble.predict(test_spirals)).all()

# ---- Cross-validation (K11, K12)
from sklearn.linear_model import RidgeClassifierCV  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_score  # noqa: E402
from sklearn.exceptions import NotFittedError  # noqa: E402

block(15)
moons_xy, moons_labels = make_moons(n_samples=300, noise=0.1, random_state=42)
out(shape(moons_xy), s(np.bincount(moons_labels)))

block(16)
ridge_classifier_cv = RidgeClassifierCV()
try:
    ridge_classifier_cv.score(moons_xy, moons_labels)
except NotFittedError as e:
    out('NotFittedError: ' + str(e))
ridge_classifier_cv.fit(moons_xy, moons_labels)
out('alpha_:', ridge_classifier_cv.alpha_, 'training accuracy:', fixed(ridge_classifier_cv.score(moons_xy, moons_labels), 4))
strat_fold = StratifiedKFold(n_splits=10)
ridge_classifier_cv10 = RidgeClassifierCV(cv=strat_fold).fit(moons_xy, moons_labels)
out('alpha_:', ridge_classifier_cv10.alpha_, 'mean fold accuracy:', fixed(ridge_classifier_cv10.best_score_, 4),
    'training accuracy:', fixed(ridge_classifier_cv10.score(moons_xy, moons_labels), 4))

block(17)
labels_7030 = np.concatenate([np.zeros(210, dtype=int), np.ones(90, dtype=int)])
shuffled_folds = StratifiedKFold(n_splits=10, shuffle=True, random_state=42)
splits = list(shuffled_folds.split(np.zeros([300, 1]), labels_7030))
for train, test in splits[:3]:
    ones = int(np.sum(test >= 210))
    out(f'train {len(train)}, test {len(test)} ({len(test) - ones} + {ones}):', ' '.join(map(str, test[:6])), '...')
out(bool((np.sort(np.concatenate([t for _, t in splits])) == np.arange(300)).all()))

block(18)
fold_scores = cross_val_score(RidgeClassifier(), moons_xy, moons_labels, cv=shuffled_folds)
out(s(fold_scores))
out('mean', fixed(np.mean(fold_scores), 4))

# ---- Grid search (K7) and randomized search (K10)
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV  # noqa: E402


def params_js(p):
    """A flat params dict as console.log prints a JS object (keys sorted: tessera lists them in
    ParameterGrid's sorted order, while scikit-learn's ParameterGrid[i] builds them in reverse)."""
    return '{ ' + ', '.join(f"{k}: " + (f"'{v}'" if isinstance(v, str) else js(v)) for k, v in sorted(p.items())) + ' }'


block(19)
parameter_dictionary = {'alpha': (1, 2, 3, 5, 10, 20), 'solver': ('svd', 'lsqr', 'sag')}
grid_searcher = GridSearchCV(RidgeClassifier(), parameter_dictionary, cv=3, return_train_score=True, verbose=1)
grid_searcher.fit(moons_xy, moons_labels)
out(repr(grid_searcher.best_estimator_))
out(fixed(grid_searcher.best_score_, 4), params_js(grid_searcher.best_params_), grid_searcher.best_index_)

block(20)
res = grid_searcher.cv_results_
for i, p in enumerate(res['params']):
    out(f"{js(p['alpha']):>2} {p['solver']:<4}  test {fixed(res['mean_test_score'][i], 4)}  "
        f"train {fixed(res['mean_train_score'][i], 4)}  rank {res['rank_test_score'][i]}")

block(21)
block(22)
random_searcher = RandomizedSearchCV(RidgeClassifier(), parameter_dictionary, n_iter=10, cv=3, random_state=0)
random_searcher.fit(moons_xy, moons_labels)
for p in random_searcher.cv_results_['params']:
    out(p['alpha'], p['solver'])
out(fixed(random_searcher.best_score_, 4), params_js(random_searcher.best_params_))

# ---- Pipelines (K15, K8)
from sklearn.preprocessing import PolynomialFeatures  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402

block(23)
cubic = PolynomialFeatures(degree=3).fit([[2, 3]])
out(', '.join(cubic.get_feature_names_out(['x', 'y'])))
out(s(cubic.transform([[2, 3]])))
for degree in range(7):
    poly = PolynomialFeatures(degree=degree).fit(moons_xy)
    out(f'degree {degree}: {poly.n_output_features_} features')

block(24)
pipeline = Pipeline([('poly', PolynomialFeatures()), ('ridge', RidgeClassifier())])
pipe_parameter_dictionary = {'poly__degree': (0, 1, 2, 3, 4, 5, 6), 'ridge__alpha': (0.25, 0.5, 1, 2)}
pipe_searcher = GridSearchCV(pipeline, pipe_parameter_dictionary, cv=3, return_train_score=True, verbose=1)
pipe_searcher.fit(moons_xy, moons_labels)
out(params_js(pipe_searcher.best_params_), fixed(pipe_searcher.best_score_, 4))
out(' '.join(repr(pipe_searcher.best_estimator_).split()))  # scikit-learn wraps its repr over two lines
pipe_test, pipe_train = pipe_searcher.cv_results_['mean_test_score'], pipe_searcher.cv_results_['mean_train_score']
out('degree  test score for alpha 0.25 / 0.5 / 1 / 2     train score for alpha 0.25')
for d in range(7):
    row = ' '.join(fixed(pipe_test[4 * d + a], 4) for a in range(4))
    out(f'{d}       {row}       {fixed(pipe_train[4 * d], 4)}')

# ---- The decision function (K9)
block(25)
best_linear = grid_searcher.best_estimator_
probes = [[0, 0], [1, 0], [2, 2]]
confidence = grid_searcher.decision_function(probes)
out(repr(confidence), s(grid_searcher.predict(probes)))
out(repr(best_linear.coef_), repr(best_linear.intercept_))
out('f(1, 0) - f(0, 0) =', fixed(confidence[1] - confidence[0], 8), '= w[0]')

SHADES = '@@Oo- .+*##'


def shade_map(model, cols=60, rows=15):
    gx, gy = np.meshgrid(np.linspace(-1.5, 2.5, cols), np.linspace(1.5, -1, rows))
    f = np.clip(model.decision_function(np.stack([gx.ravel(), gy.ravel()], axis=1)), -1, 1)
    for r in range(rows):
        # Math.round: halves round up
        out(''.join(SHADES[math.floor((f[r * cols + c] + 1) * 5 + 0.5)] for c in range(cols)))


block(26)
shade_map(grid_searcher)

block(27)
out(s(pipe_searcher.decision_function(probes)), s(pipe_searcher.predict(probes)))
shade_map(pipe_searcher)

# ---- Data sets (K14)
from sklearn.datasets import load_diabetes, load_digits, make_circles  # noqa: E402


def names_js(names):
    """A short list of strings as console.log prints a JS array."""
    return '[ ' + ', '.join(f"'{n}'" for n in names) + ' ]'


block(28)
out(shape(iris.data), s(iris.data[0]), names_js(iris.target_names))
house_data = load_diabetes()
out(shape(house_data.data), ' '.join(house_data.feature_names), s(house_data.target[:5]))
digits_x, digits_y = load_digits(return_X_y=True)
out(shape(digits_x), s(np.bincount(digits_y)))

block(29)
clean_moons, clean_moon_labels = make_moons(n_samples=800, noise=0)
moons_xy2, moons_xy2_labels = make_moons(n_samples=800, noise=0.08, random_state=42)
clean_circles, _ = make_circles(n_samples=200, noise=0)
circle_xy, circle_xy_labels = make_circles(n_samples=200, noise=0.08, random_state=42)
blob_xy, blob_labels = make_blobs(n_samples=800, centers=3, random_state=42)
wide_blob_xy, wide_blob_labels = make_blobs(n_samples=800, centers=[[-10, -10], [-2.5, 2.5], [10, 10]],
                                            cluster_std=[1, 3, 5], random_state=42)
for name, X, y in [('moons', moons_xy2, moons_xy2_labels), ('circles', circle_xy, circle_xy_labels),
                   ('blobs', blob_xy, blob_labels), ('wide blobs', wide_blob_xy, wide_blob_labels)]:
    out(f'{name:<10}', shape(X), s(np.bincount(y)), s(X[0]))


def radius(X, center):
    return np.sqrt(np.sum(np.square(X - center), axis=1))


out(s(np.unique(np.round(radius(clean_moons[clean_moon_labels == 0], [0, 0]), 12))),
    s(np.unique(np.round(radius(clean_moons[clean_moon_labels == 1], [1, 0.5]), 12))),
    s(np.unique(np.round(radius(clean_circles, [0, 0]), 12))))

# ---- Utilities (K13)
from sklearn.utils import shuffle  # noqa: E402


def make_clockwise_circles(n_samples=200, noise=0.12, random_state=None):
    """tessera's makeClockwiseCircles: step i walks clockwise from 3 o'clock and emits a point of
    radius 1 (label 0), then one of radius 0.7 (label 1), each coordinate jittered by U(-noise, noise)."""
    rng = np.random.RandomState(random_state)
    steps = n_samples // 2
    X, y = [], []
    for i in range(steps):
        angle = -2 * math.pi * i / steps
        for label, r in enumerate([1, 0.7]):
            px = r * math.cos(angle) + rng.uniform(-noise, noise)
            py = r * math.sin(angle) + rng.uniform(-noise, noise)
            X.append([px, py])
            y.append(label)
    return np.array(X), np.array(y)


block(30)
samples_train, samples_test, labels_train, labels_test = \
    train_test_split(circle_xy, circle_xy_labels, test_size=0.25, random_state=42)
out(shape(samples_train), shape(samples_test), shape(labels_train), shape(labels_test))
out(s(samples_test[:3]), s(labels_test[:3]))
out('test labels', s(np.bincount(labels_test)))

block(31)
clock_xy, clock_labels = make_clockwise_circles(200, 0.12, 42)
naive_train, naive_test = clock_xy[:150], clock_xy[150:]


def upper_right(X):
    return int(np.sum((X[:, 0] > 0) & (X[:, 1] > 0)))


out('upper right quarter: first 150 rows', upper_right(naive_train), '| last 50 rows', upper_right(naive_test))
out('upper right quarter: trainTestSplit of makeCircles', upper_right(samples_train), '|', upper_right(samples_test))
shuffled_xy, shuffled_labels = shuffle(clock_xy, clock_labels, random_state=42)
out(s(clock_labels[:8]), s(shuffled_labels[:8]), shape(shuffled_xy))
