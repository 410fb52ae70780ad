"""Oracle for tests/sklearn_datasets.test.ts: scikit-learn 1.2.1's sample generators and loaders.

Run with Debian's scikit-learn: `/usr/bin/python3 tests/oracle/sklearn_datasets.py`. Writes
tests/fixtures/sklearn_datasets.json (every make_* for several seeds and options, full X and y) and
tests/fixtures/sklearn_datasets_loaders.json (shapes, first rows, class counts, checksums). Options
are written with tessera's camelCase names so the test can pass them straight through.
"""
import math
import os

from common import camel, plain, write_json  # noqa: E402  (first: it drops this folder from sys.path)
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn import datasets  # noqa: E402


def case(fn, seed, **kwargs):
    out = getattr(datasets, fn)(random_state=seed, **kwargs)
    names = ['X', 'y', 'extra']
    result = {names[i]: plain(a) for i, a in enumerate(out)}
    result['yDtype'] = str(out[1].dtype)
    return {'fn': fn, 'seed': seed, 'options': {camel(k): plain(v) for k, v in kwargs.items()}, **result}


def chained(fn, seed, calls):
    """Several calls sharing one RandomState: each must continue the stream where the last stopped."""
    rng = np.random.RandomState(seed)
    outs = [getattr(datasets, fn)(random_state=rng, **kw) for kw in calls]
    return {'fn': fn, 'seed': seed, 'calls': [{camel(k): plain(v) for k, v in kw.items()} for kw in calls],
            'X': [plain(o[0]) for o in outs], 'y': [plain(o[1]) for o in outs]}


def generators():
    cases = []
    for seed, kw in [(0, {}), (42, dict(n_samples=101, noise=0.1)), (1, dict(n_samples=(3, 5), noise=0.2)),
                     (7, dict(n_samples=30, shuffle=False, noise=0.05)), (42, dict(n_samples=300, noise=0.1)),
                     (3, dict(n_samples=40, noise=0.0))]:
        cases.append(case('make_moons', seed, **kw))
    for seed, kw in [(0, {}), (42, dict(n_samples=200, noise=0.08)), (3, dict(n_samples=51, factor=0.5, noise=0.1)),
                     (5, dict(n_samples=(10, 6), shuffle=False)), (9, dict(n_samples=40, factor=0.0, noise=0.02))]:
        cases.append(case('make_circles', seed, **kw))
    for seed, kw in [(0, {}), (42, dict(n_samples=200, centers=1, cluster_std=2.0)),
                     (1, dict(n_samples=60, centers=[[-10, -10], [-2.5, 2.5], [10, 10]], cluster_std=[1.0, 3.0, 5.0])),
                     (2, dict(n_samples=[10, 20, 5], n_features=3, return_centers=True)),
                     (9, dict(n_samples=50, n_features=4, centers=5, center_box=(-3.0, 3.0), shuffle=False)),
                     (11, dict(n_samples=[4, 6], centers=[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], cluster_std=0.5))]:
        cases.append(case('make_blobs', seed, **kw))
    for seed, kw in [(0, {}),
                     (1, dict(n_samples=60, n_features=8, n_informative=3, n_redundant=2, n_repeated=2, n_classes=3,
                              n_clusters_per_class=1, flip_y=0.1, class_sep=2.0)),
                     (2, dict(n_samples=50, n_features=5, weights=[0.7])),
                     (3, dict(n_samples=40, n_features=6, hypercube=False, shift=None, scale=None)),
                     (4, dict(n_samples=30, n_features=4, shuffle=False, flip_y=0.0)),
                     (5, dict(n_samples=25, n_features=12, n_informative=10, n_redundant=1)),
                     (6, dict(n_samples=20, n_features=33, n_informative=32, n_redundant=0, n_classes=3)),
                     (7, dict(n_samples=45, n_features=6, n_informative=3, n_classes=4, n_clusters_per_class=2,
                              weights=[0.1, 0.2, 0.3, 0.4], flip_y=0.3, shift=[1, 2, 3, 4, 5, 6], scale=0.5))]:
        cases.append(case('make_classification', seed, **kw))
    for seed, kw in [(0, dict(n_samples=50, n_features=10, n_informative=3)),
                     (1, dict(n_samples=40, n_features=6, noise=1.5, bias=3.0, coef=True)),
                     (2, dict(n_samples=30, n_features=5, n_targets=2, coef=True)),
                     (3, dict(n_samples=20, n_features=4, shuffle=False, noise=0.5)),
                     (4, dict(n_samples=30, n_features=8, effective_rank=3, tail_strength=0.3, noise=0.1)),
                     (5, dict(n_samples=12, n_features=20, n_informative=25, effective_rank=2, coef=True))]:
        cases.append(case('make_regression', seed, **kw))
    chains = [chained('make_moons', 42, [dict(n_samples=20, noise=0.1), dict(n_samples=20, noise=0.05)]),
              chained('make_blobs', 0, [dict(n_samples=10), dict(n_samples=10, centers=2)]),
              chained('make_classification', 8, [dict(n_samples=15, n_features=4), dict(n_samples=15, n_features=4)])]
    low_rank = dict(seed=6, options=dict(nSamples=15, nFeatures=10, effectiveRank=4, tailStrength=0.2),
                    X=plain(datasets.make_low_rank_matrix(15, 10, effective_rank=4, tail_strength=0.2, random_state=6)))
    return dict(cases=cases, chains=chains, lowRank=low_rank)


def mean_of_two(seed, batch_size, variant, pulls):
    """The article's three generators, drawing from RandomState(seed); x and y as held after `pulls` pulls."""
    rng = np.random.RandomState(seed)

    def gen():
        x = np.zeros((batch_size, 2))
        while True:
            if variant == 'fresh':
                x = np.zeros((batch_size, 2))
            for i in range(batch_size):
                x[i][0] = rng.randint(0, 100)
                x[i][1] = rng.randint(0, 100)
            x_mean = (x[::, 0] + x[::, 1]) / 2
            yield (np.copy(x) if variant == 'copy' else x), np.expand_dims(x_mean, -1)

    it = gen()
    got = [next(it) for _ in range(pulls)]
    return dict(seed=seed, batchSize=batch_size, variant=variant,
                x=[plain(x) for x, _ in got], y=[plain(y) for _, y in got])


def sum_of_sines(n, d_theta, skip, freqs, amps, phases):
    """The tutorial's listing, dedented (see FEATURES.md section 9)."""
    values = []
    for step_num in range(n):
        angle = d_theta * (step_num + skip)
        total = 0
        for wave in range(len(freqs)):
            total += amps[wave] * math.sin(freqs[wave] * (phases[wave] + angle))
        values.append(total)
    return dict(args=[n, d_theta, skip, freqs, amps, phases], values=values)


def tutorial():
    return dict(
        meanOfTwo=[mean_of_two(s, b, v, 3) for s in (0, 5) for b in (1, 4) for v in ('shared-buffer', 'fresh', 'copy')],
        sumOfSines=[sum_of_sines(200, 0.057, 0, [1, 2], [1, 2], [0, 0]),
                    sum_of_sines(50, 0.057, 400, [1.1, 1.7, 3.1, 7], [1, 2, 2, 3], [0, 0, 0, 0]),
                    sum_of_sines(30, 0.1, 5, [0.5, 3], [2, 0.5], [0.3, -1])])


def loader_summary(name, bunch):
    X, y = bunch.data, bunch.target
    classes, counts = np.unique(y, return_counts=True)
    summary = dict(
        shape=list(X.shape), targetShape=list(y.shape), dataDtype=str(X.dtype), targetDtype=str(y.dtype),
        firstRows=plain(X[:3]), lastRow=plain(X[-1]), firstTargets=plain(y[:5]), lastTarget=plain(y[-1]),
        columnSums=plain(X.sum(axis=0)), columnSquares=plain((X * X).sum(axis=0)), targetSum=plain(y.sum()),
        featureNames=plain(list(bunch.feature_names)),
        descrLength=len(bunch.DESCR), descrStart=bunch.DESCR[:80], descrEnd=bunch.DESCR[-80:],
    )
    if y.dtype.kind == 'i':
        summary['classCounts'] = dict(classes=plain(classes), counts=plain(counts))
    if 'target_names' in bunch:
        summary['targetNames'] = plain(list(bunch.target_names))
    if 'images' in bunch:
        summary['imagesShape'] = list(bunch.images.shape)
    return name, summary


def loaders():
    out = dict([
        loader_summary('iris', datasets.load_iris()),
        loader_summary('digits', datasets.load_digits()),
        loader_summary('digits5', datasets.load_digits(n_class=5)),
        loader_summary('diabetes', datasets.load_diabetes()),
        loader_summary('diabetesRaw', datasets.load_diabetes(scaled=False)),
        loader_summary('breastCancer', datasets.load_breast_cancer()),
    ])
    X, y = datasets.load_diabetes(return_X_y=True)
    out['diabetesScaled'] = dict(rows=plain(X[::40]))
    return out


def write(name, payload):
    payload = dict(versions=dict(numpy=np.__version__, sklearn=sklearn.__version__), **payload)
    path = write_json(name, payload)
    print('wrote %s (%d bytes)' % (os.path.relpath(path), os.path.getsize(path)))


def main():
    write('sklearn_datasets.json', dict(**generators(), **tutorial()))
    write('sklearn_datasets_loaders.json', loaders())


if __name__ == '__main__':
    main()
