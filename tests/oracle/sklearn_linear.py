"""Oracle for tests/sklearn_linear.test.ts: scikit-learn 1.2.1's linear models.

Run with Debian's scikit-learn: `/usr/bin/python3 tests/oracle/sklearn_linear.py`. Writes
tests/fixtures/sklearn_linear.json: Ridge, RidgeClassifier, RidgeClassifierCV, LinearRegression and
LogisticRegression fitted on small data sets (stored in the file), with coef_, intercept_, n_iter_,
and predictions / decision values / probabilities on held-out rows. Options are written with
tessera's camelCase names so the test can pass them straight through.
"""
import os
import warnings

from common import camel, noisy_sine, plain, write_json  # noqa: E402  (first: it drops this folder from sys.path)
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import make_moons, load_iris  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import (  # noqa: E402
    LinearRegression, LogisticRegression, Ridge, RidgeClassifier, RidgeClassifierCV)
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from scipy.optimize import nnls  # noqa: E402


def options(kw):
    return {camel(k): plain(v) for k, v in kw.items()}


def data_sets():
    rng = np.random.RandomState(0)
    d = {}
    X = rng.normal(size=(30, 5)) * [1.0, 2.0, 0.5, 3.0, 1.0] + [0.0, 1.0, -2.0, 5.0, 0.5]
    d['tall'] = dict(X=X, y=X @ [1.5, -2.0, 0.3, 0.0, 4.0] + 0.7 + rng.normal(scale=0.5, size=30),
                     Y=X @ rng.normal(size=(5, 3)) + rng.normal(size=(30, 3)), Xtest=rng.normal(size=(6, 5)),
                     sw=rng.uniform(0.1, 3.0, size=30))
    X = rng.normal(size=(8, 12))
    d['wide'] = dict(X=X, y=rng.normal(size=8), Y=rng.normal(size=(8, 2)), Xtest=rng.normal(size=(4, 12)),
                     sw=rng.uniform(0.5, 2.0, size=8))
    X = rng.normal(size=(25, 4))
    X = np.hstack([X, X[:, :1] * 2.0 - X[:, 1:2]])  # a linearly dependent column: rank 4
    d['deficient'] = dict(X=X, y=X[:, 0] - X[:, 2] + rng.normal(scale=0.1, size=25), Xtest=rng.normal(size=(3, 5)))
    X = rng.uniform(-1, 1, size=(40, 3))
    d['positive'] = dict(X=X, y=X @ [2.0, -1.0, 0.5] + 0.3 + rng.normal(scale=0.2, size=40),
                         Y=np.column_stack([X @ [2.0, -1.0, 0.5], X @ [-1.0, 1.0, 1.0]]) + rng.normal(scale=0.2, size=(40, 2)),
                         Xtest=rng.uniform(-1, 1, size=(4, 3)))
    return d


def fitted(est, X, y, Xtest, sw=None):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)
        est.fit(X, y, sample_weight=sw) if sw is not None else est.fit(X, y)
    out = dict(coef=plain(est.coef_), intercept=plain(est.intercept_))
    if hasattr(est, 'n_iter_'):
        out['nIter'] = plain(est.n_iter_)
    if hasattr(est, 'rank_'):
        out['rank'] = plain(est.rank_)
        out['singular'] = plain(est.singular_)
    out['predict'] = plain(est.predict(Xtest))
    return out


def exact_positive_ridge(X, y, alpha, fit_intercept):
    """The exact minimiser of ||y - Xw - b||^2 + alpha ||w||^2 with w >= 0 (sklearn's L-BFGS-B stops at
    tol=1e-4 short of it): NNLS on the centred X stacked over sqrt(alpha) I."""
    Xc, Y = (X - X.mean(0), y - y.mean(0)) if fit_intercept else (X, y)
    Y = Y.reshape(len(X), -1)
    A = np.vstack([Xc, np.sqrt(alpha) * np.eye(X.shape[1])])
    coef = np.array([nnls(A, np.concatenate([Y[:, t], np.zeros(X.shape[1])]))[0] for t in range(Y.shape[1])])
    intercept = (y.mean(0) - X.mean(0) @ coef.T) if fit_intercept else np.zeros(len(coef))
    return dict(coef=plain(coef.ravel() if y.ndim == 1 else coef), intercept=plain(intercept))


def ridge_cases(d):
    cases = []

    def add(data, target, kw, weighted=False):
        ds = d[data]
        y = ds[target]
        sw = ds['sw'] if weighted else None
        cases.append(dict(data=data, target=target, weighted=weighted, options=options(kw),
                          **fitted(Ridge(**kw), ds['X'], y, ds['Xtest'], sw)))
        if kw.get('positive'):
            cases[-1]['exact'] = exact_positive_ridge(ds['X'], y, kw['alpha'], kw.get('fit_intercept', True))

    for data in ['tall', 'wide']:
        for target in ['y', 'Y']:
            for alpha in [0.1, 1.0, 10.0]:
                for fit_intercept in [True, False]:
                    for solver in ['auto', 'cholesky', 'svd']:
                        add(data, target, dict(alpha=alpha, fit_intercept=fit_intercept, solver=solver))
                    add(data, target, dict(alpha=alpha, fit_intercept=fit_intercept, solver='lsqr'))
                    add(data, target, dict(alpha=alpha, fit_intercept=fit_intercept, solver='lsqr', tol=1e-10))
                    add(data, target, dict(alpha=alpha, fit_intercept=fit_intercept, solver='sparse_cg'))
        for solver in ['cholesky', 'svd', 'lsqr', 'sparse_cg']:
            add(data, 'y', dict(alpha=0.5, solver=solver, tol=1e-10), weighted=True)
            add(data, 'Y', dict(alpha=0.5, solver=solver, tol=1e-10), weighted=True)
        add(data, 'Y', dict(alpha=np.array([0.1, 1.0, 10.0][:d[data]['Y'].shape[1]]), solver='cholesky'))
        add(data, 'Y', dict(alpha=np.array([0.1, 1.0, 10.0][:d[data]['Y'].shape[1]]), solver='svd'))
    for solver in ['sag', 'saga']:
        for seed in [0, 7]:
            add('tall', 'y', dict(alpha=1.0, solver=solver, random_state=seed))
            add('tall', 'Y', dict(alpha=3.0, solver=solver, random_state=seed, fit_intercept=False))
        add('tall', 'y', dict(alpha=1.0, solver=solver, random_state=1, max_iter=5, tol=1e-12))
        add('tall', 'y', dict(alpha=0.5, solver=solver, random_state=2), weighted=True)
    add('tall', 'y', dict(alpha=1.0, solver='sparse_cg', max_iter=2))
    add('deficient', 'y', dict(alpha=1e-8, solver='svd'))
    add('deficient', 'y', dict(alpha=1e-3, solver='cholesky'))
    for target in ['y', 'Y']:
        add('positive', target, dict(alpha=1.0, positive=True))
        add('positive', target, dict(alpha=0.1, positive=True, solver='lbfgs', fit_intercept=False))
    return cases


def k1():
    xs, ys = noisy_sine()
    col = np.reshape(xs, [len(xs), 1])
    est = Ridge().fit(col, ys)
    ends = [[np.min(col)], [np.max(col)]]
    return dict(x=plain(xs), y=plain(ys), coef=plain(est.coef_), intercept=plain(est.intercept_),
                ends=plain(ends), predictEnds=plain(est.predict(ends)), score=plain(est.score(col, ys)))


def classifier_cases(iris):
    X, y = make_moons(300, noise=0.1, random_state=42)
    probe = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 2.0], [-1.0, 0.5], [0.5, -0.5]])
    cases = []

    def add(data, kw, weighted=False):
        Xd, yd = (X, y) if data == 'moons' else iris
        Xt = probe if data == 'moons' else Xd[::10]
        sw = np.linspace(0.5, 2.0, len(yd)) if weighted else None
        est = RidgeClassifier(**kw)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', ConvergenceWarning)
            est.fit(Xd, yd, sample_weight=sw)
        cases.append(dict(data=data, weighted=weighted, options=options(kw), coef=plain(est.coef_),
                          intercept=plain(est.intercept_), classes=plain(est.classes_), nIter=plain(est.n_iter_),
                          decision=plain(est.decision_function(Xt)), predict=plain(est.predict(Xt)),
                          predictTrain=plain(est.predict(Xd)), score=plain(est.score(Xd, yd))))

    for alpha in [1.0, 2.0, 10.0]:
        for solver in ['auto', 'svd', 'cholesky', 'lsqr', 'sag']:
            add('moons', dict(alpha=alpha, solver=solver, random_state=0))
    add('moons', dict(solver='sag', random_state=3, tol=1e-6))
    add('moons', dict(solver='cholesky', fit_intercept=False))
    add('moons', dict(solver='svd', class_weight='balanced'))
    add('moons', dict(solver='cholesky'), weighted=True)
    for solver in ['svd', 'cholesky', 'lsqr']:
        add('iris', dict(alpha=1.0, solver=solver))
    add('iris', dict(alpha=0.5, solver='cholesky', class_weight={0: 2.0, 2: 0.5}))
    add('iris', dict(alpha=5.0, solver='sag', random_state=0))
    return dict(moons=dict(X=plain(X), y=plain(y)), probe=plain(probe), cases=cases)


def cv_cases(iris, d):
    X, y = make_moons(300, noise=0.1, random_state=42)
    rng = np.random.RandomState(5)
    Xw = rng.normal(size=(12, 20))
    yw = rng.randint(0, 3, size=12)
    sets = dict(moons=(X, y), iris=iris, wide=(Xw, yw), moons60=(X[:60], y[:60]))
    cases = []

    def add(data, kw, cv=None, store=False):
        Xd, yd = sets[data]
        est = RidgeClassifierCV(cv=cv, store_cv_values=store, **kw).fit(Xd, yd)
        out = dict(data=data, options=options(kw), cv=cv if cv is None or isinstance(cv, int) else 'stratified10',
                   alpha=plain(est.alpha_), bestScore=plain(est.best_score_), coef=plain(est.coef_),
                   intercept=plain(est.intercept_), predict=plain(est.predict(Xd[::7])), score=plain(est.score(Xd, yd)))
        if store:
            out['cvValues'] = plain(est.cv_values_)
        cases.append(out)

    add('moons', {})
    add('moons', dict(alphas=[0.001, 0.01, 100.0, 1000.0]))
    add('moons', dict(fit_intercept=False))
    add('iris', {})
    add('iris', dict(alphas=[1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0]))
    add('wide', {})
    add('wide', dict(alphas=[0.01, 0.5, 50.0], fit_intercept=False))
    add('moons60', {}, store=True)
    add('moons', {}, cv=StratifiedKFold(10))
    add('iris', dict(alphas=[0.01, 1.0, 100.0]), cv=3)
    return dict(wide=dict(X=plain(Xw), y=plain(yw)), cases=cases)


def linear_regression_cases(d):
    cases = []

    def add(data, target, kw, weighted=False):
        ds = d[data]
        sw = ds['sw'] if weighted else None
        cases.append(dict(data=data, target=target, weighted=weighted, options=options(kw),
                          **fitted(LinearRegression(**kw), ds['X'], ds[target], ds['Xtest'], sw)))

    for data in ['tall', 'wide']:
        for target in ['y', 'Y']:
            for fit_intercept in [True, False]:
                add(data, target, dict(fit_intercept=fit_intercept))
            add(data, target, {}, weighted=True)
    add('deficient', 'y', {})
    add('deficient', 'y', dict(fit_intercept=False))
    for target in ['y', 'Y']:
        add('positive', target, dict(positive=True))
        add('positive', target, dict(positive=True, fit_intercept=False))
    return cases


def logistic_cases(iris):
    X, y = iris
    Xm, ym = make_moons(200, noise=0.2, random_state=1)
    rng = np.random.RandomState(3)
    Xb = rng.normal(size=(80, 6))
    yb = np.where(Xb @ [1.0, -2.0, 0.5, 0.0, 1.0, 0.3] + rng.normal(size=80) > 0, 5, 2)
    sets = dict(iris=(X, y), moons=(Xm, ym), binary=(Xb, yb))
    cases = []

    def add(data, kw, fits=1):
        Xd, yd = sets[data]
        est = LogisticRegression(**kw)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', ConvergenceWarning)
            for _ in range(fits):
                est.fit(Xd, yd)
        Xt = Xd[::9]
        cases.append(dict(data=data, options=options(kw), fits=fits, coef=plain(est.coef_), intercept=plain(est.intercept_),
                          nIter=plain(est.n_iter_), classes=plain(est.classes_), proba=plain(est.predict_proba(Xt)),
                          decision=plain(est.decision_function(Xt)), predict=plain(est.predict(Xt)),
                          score=plain(est.score(Xd, yd))))

    add('iris', {})
    add('iris', dict(C=0.1))
    add('iris', dict(C=100.0, max_iter=1000))
    add('iris', dict(fit_intercept=False))
    add('iris', dict(multi_class='ovr'))
    add('iris', dict(max_iter=10))
    add('iris', dict(tol=1e-8, max_iter=2000))
    add('moons', {})
    add('moons', dict(C=0.01))
    add('moons', dict(multi_class='multinomial'))
    add('binary', {})
    add('binary', dict(penalty=None))
    add('binary', dict(C=0.5, fit_intercept=False))
    add('binary', dict(class_weight='balanced'))
    add('iris', dict(class_weight={0: 3.0, 1: 0.5}, C=0.1))
    add('iris', dict(class_weight='balanced', multi_class='ovr', C=0.1))
    add('binary', dict(solver='sag', random_state=0))
    add('binary', dict(solver='saga', random_state=0, C=0.5))
    add('moons', dict(solver='sag', random_state=1, max_iter=500))
    add('moons', dict(solver='saga', multi_class='multinomial', random_state=2))
    add('iris', dict(solver='sag', random_state=0, max_iter=300))
    add('iris', dict(solver='saga', random_state=0, multi_class='ovr', max_iter=50))
    add('iris', dict(warm_start=True, max_iter=5), fits=3)
    add('binary', dict(warm_start=True, max_iter=2), fits=2)
    add('moons', dict(warm_start=True, max_iter=3, multi_class='multinomial'), fits=2)
    return dict(moons=dict(X=plain(Xm), y=plain(ym)), binary=dict(X=plain(Xb), y=plain(yb)), cases=cases)


def main():
    d = data_sets()
    iris = load_iris(return_X_y=True)
    out = dict(
        versions=dict(sklearn=sklearn.__version__, numpy=np.__version__),
        data={name: {k: plain(v) for k, v in ds.items()} for name, ds in d.items()},
        iris=dict(X=plain(iris[0]), y=plain(iris[1])),
        ridge=ridge_cases(d), k1=k1(), classifier=classifier_cases(iris), cv=cv_cases(iris, d),
        linearRegression=linear_regression_cases(d), logistic=logistic_cases(iris),
    )
    path = write_json('sklearn_linear.json', out)
    print(f'wrote {path} ({os.path.getsize(path)} bytes)')


if __name__ == '__main__':
    main()
