"""Oracle for tests/sklearn_cluster.test.ts: scikit-learn 1.2.1's KMeans and kmeans_plusplus.

Run with Debian's scikit-learn: `/usr/bin/python3 tests/oracle/sklearn_cluster.py`. Writes
tests/fixtures/sklearn_cluster.json. OpenMP is limited to one thread so that the sums inside
scikit-learn's Lloyd kernel run in one fixed order (tessera's single-threaded order). Large inputs are
not stored: the test regenerates them with tessera's RandomState (bit-identical to NumPy's) from
the recorded seed and checks a checksum first.
"""
import os
import warnings

os.environ['OMP_NUM_THREADS'] = '1'
from common import plain, write_json  # noqa: E402  (first: it drops this folder from sys.path)
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans, kmeans_plusplus  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402

warnings.simplefilter('ignore')


def generated(seed, n, f, kind):
    """Data the test regenerates: RandomState(seed).rand(n, f) or .randn(n, f)."""
    rng = np.random.RandomState(seed)
    X = rng.rand(n, f) if kind == 'rand' else rng.randn(n, f)
    return X, {'seed': seed, 'shape': [n, f], 'kind': kind, 'sum': float(X.sum())}


def fit_case(name, X, params, stored=True, source=None, sample_weight=None, X_new=None):
    kw = {'n_clusters': params['nClusters'], 'n_init': params.get('nInit', 10), 'max_iter': params.get('maxIter', 300),
          'tol': params.get('tol', 1e-4), 'random_state': params.get('randomState'),
          'init': np.array(params['init']) if isinstance(params.get('init'), list) else params.get('init', 'k-means++')}
    km = KMeans(**kw).fit(X, sample_weight=sample_weight)
    case = {'name': name, 'params': params, 'clusterCenters': km.cluster_centers_, 'labels': km.labels_,
            'inertia': km.inertia_, 'nIter': km.n_iter_}
    if stored:
        case['X'] = X
    else:
        case['source'] = source
    if sample_weight is not None:
        case['sampleWeight'] = sample_weight
    if X_new is not None:
        case['Xnew'] = X_new
        case['predict'] = km.predict(X_new)
        case['transform'] = km.transform(X_new)
        case['score'] = km.score(X_new)
    return case


def main():
    cases = []
    Xb, _ = make_blobs(n_samples=120, centers=4, n_features=2, random_state=0)
    Xb_new = np.random.RandomState(5).uniform(-10, 10, size=(6, 2))
    cases.append(fit_case('blobs k4 rs0 nInit10', Xb, {'nClusters': 4, 'nInit': 10, 'randomState': 0}, X_new=Xb_new))
    cases.append(fit_case('blobs k3 rs1 nInit1', Xb, {'nClusters': 3, 'nInit': 1, 'randomState': 1}))
    cases.append(fit_case('blobs k6 random init rs7', Xb, {'nClusters': 6, 'nInit': 3, 'init': 'random', 'randomState': 7}))
    cases.append(fit_case('blobs k4 maxIter 2', Xb, {'nClusters': 4, 'nInit': 2, 'maxIter': 2, 'randomState': 3}))
    cases.append(fit_case('blobs k5 tol 0', Xb, {'nClusters': 5, 'nInit': 2, 'tol': 0, 'randomState': 11}))
    init = [[0.0, 0.0], [5.0, 5.0], [-5.0, 5.0], [1.0, -2.0]]
    cases.append(fit_case('blobs init array nInit1', Xb, {'nClusters': 4, 'nInit': 1, 'init': init}))
    cases.append(fit_case('blobs init array nInit10', Xb, {'nClusters': 4, 'nInit': 10, 'init': init}))
    # A center far from every point is empty after the first E-step and gets relocated.
    far = [[0.0, 0.0], [2.0, 4.0], [100.0, 100.0]]
    cases.append(fit_case('empty cluster relocation', Xb, {'nClusters': 3, 'nInit': 1, 'init': far}))
    far2 = [[0.0, 0.0], [100.0, 100.0], [-100.0, 100.0], [2.0, 4.0]]
    cases.append(fit_case('two empty clusters', Xb, {'nClusters': 4, 'nInit': 1, 'init': far2}))
    sw = np.random.RandomState(2).uniform(0.5, 2.0, size=Xb.shape[0])
    cases.append(fit_case('sample weights', Xb, {'nClusters': 4, 'nInit': 3, 'randomState': 4}, sample_weight=sw))
    Xs = np.array([[1.0, 2.0], [1.0, 4.0], [1.0, 0.0], [10.0, 2.0], [10.0, 4.0], [10.0, 0.0]])
    cases.append(fit_case('sklearn docstring example', Xs, {'nClusters': 2, 'nInit': 10, 'randomState': 0},
                          X_new=np.array([[0.0, 0.0], [12.0, 3.0]])))

    for seed, (n, f, k, rs, n_init, init, kind) in enumerate([
            (300, 5, 5, 42, 10, 'k-means++', 'rand'),
            (500, 3, 8, 0, 4, 'random', 'randn'),
            (2000, 16, 8, 1, 2, 'k-means++', 'randn'),
            (1000, 2, 10, 5, 10, 'k-means++', 'rand')]):
        X, source = generated(100 + seed, n, f, kind)
        cases.append(fit_case(f'random {n}x{f} k{k} {init}', X,
                              {'nClusters': k, 'nInit': n_init, 'init': init, 'randomState': rs},
                              stored=False, source=source))

    plusplus = []
    for seed, (n, f, k, rs) in enumerate([(120, 2, 4, 0), (300, 5, 7, 3), (50, 3, 1, 9)]):
        X, source = generated(200 + seed, n, f, 'randn')
        centers, indices = kmeans_plusplus(X, k, random_state=rs)
        plusplus.append({'source': source, 'nClusters': k, 'randomState': rs, 'centers': centers, 'indices': indices})

    # K2: seed 42, seven blobs of 200 points (centers=1, cluster_std=2) drawn from the global
    # generator, then KMeans(n_clusters=k) for k = 2..10, each continuing the global stream.
    np.random.seed(42)
    X2 = np.vstack([make_blobs(n_samples=200, centers=1, cluster_std=2)[0] for _ in range(7)])
    k2 = {'X': X2, 'runs': []}
    for k in range(2, 11):
        km = KMeans(n_clusters=k).fit(X2)
        k2['runs'].append({'k': k, 'clusterCenters': km.cluster_centers_, 'labels': km.labels_,
                           'inertia': km.inertia_, 'nIter': km.n_iter_})

    errors = {}
    for label, fn in [
        ('tooFewSamples', lambda: KMeans(n_clusters=7, n_init=1).fit(Xs)),
        ('initShape', lambda: KMeans(n_clusters=3, init=np.zeros((2, 2)), n_init=1).fit(Xs)),
        ('initFeatures', lambda: KMeans(n_clusters=2, init=np.zeros((2, 3)), n_init=1).fit(Xs)),
        ('nClusters', lambda: KMeans(n_clusters=0).fit(Xs)),
        ('predictFeatures', lambda: KMeans(n_clusters=2, n_init=1).fit(Xs).predict([[1.0, 2.0, 3.0]])),
    ]:
        try:
            fn()
        except Exception as e:  # noqa: BLE001
            errors[label] = str(e)

    out = {'versions': {'sklearn': sklearn.__version__, 'numpy': np.__version__},
           'cases': cases, 'plusplus': plusplus, 'k2': k2, 'errors': errors}
    write_json('sklearn_cluster.json', plain(out))


main()
