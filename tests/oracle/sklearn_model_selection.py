"""Oracle for tests/sklearn_model_selection.test.ts and tests/sklearn_pipeline.test.ts: scikit-learn 1.2.1's
splitters, train_test_split, shuffle, ParameterGrid/ParameterSampler, sample_without_replacement, cross-validation
and the K7-K12 searches (FEATURES.md 8.2) on moons(300, noise=.1, random_state=42).

Run with Debian's scikit-learn: `/usr/bin/python3 tests/oracle/sklearn_model_selection.py`.
Writes tests/fixtures/sklearn_model_selection.json. Indices are the rows of np.arange(n) that land on each side.
"""
import os

from common import camel, plain, write_json  # noqa: E402  (first: it drops this folder from sys.path)
import numpy as np  # noqa: E402
from scipy import stats  # noqa: E402
from sklearn import datasets  # noqa: E402
from sklearn.linear_model import Ridge, RidgeClassifier  # noqa: E402
from sklearn.model_selection import (GridSearchCV, KFold, LeaveOneOut, ParameterGrid, ParameterSampler,  # noqa: E402
                                     RandomizedSearchCV, ShuffleSplit, StratifiedKFold, StratifiedShuffleSplit,
                                     cross_val_score, cross_validate, train_test_split)
from sklearn.pipeline import Pipeline, make_pipeline  # noqa: E402
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler  # noqa: E402
from sklearn.utils import _approximate_mode, shuffle  # noqa: E402
from sklearn.utils.random import sample_without_replacement  # noqa: E402


def opts(**kw):
    return {camel(k): plain(v) for k, v in kw.items()}


def labels_70_30():
    """300 labels, 70 % zeros and 30 % ones, in a seeded random order."""
    y = np.array([0] * 210 + [1] * 90)
    np.random.RandomState(0).shuffle(y)
    return y


def train_test_cases():
    cases = []
    y3 = np.array([2, 0, 1, 1, 0, 2, 2, 2, 0, 1, 0, 0, 1, 2, 2, 1, 0, 2, 1, 0])
    y7030 = labels_70_30()
    settings = [
        (10, dict(random_state=0)), (20, dict(random_state=42)), (150, dict(test_size=0.33, random_state=42)),
        (300, dict(test_size=0.2, random_state=123)), (17, dict(test_size=5, random_state=1)),
        (17, dict(train_size=0.5, random_state=2)), (40, dict(train_size=10, test_size=0.3, random_state=3)),
        (23, dict(shuffle=False)), (23, dict(test_size=0.4, shuffle=False)), (200, dict(test_size=0.25, random_state=42)),
    ]
    for n, kw in settings:
        train, test = train_test_split(np.arange(n), **kw)
        cases.append({'n': n, 'options': opts(**kw), 'train': plain(train), 'test': plain(test)})
    for y, kw in [(y3, dict(random_state=0)), (y3, dict(test_size=0.3, random_state=5)),
                  (y7030, dict(random_state=42)), (y7030, dict(test_size=0.1, train_size=0.6, random_state=7))]:
        train, test = train_test_split(np.arange(len(y)), stratify=y, **kw)
        cases.append({'n': len(y), 'options': opts(**kw), 'stratify': plain(y), 'train': plain(train), 'test': plain(test)})
    return cases


def shuffle_split_cases():
    cases = []
    y = np.array([1, 1, 2, 2, 2, 3, 3, 3, 3, 1, 2, 3, 3, 3, 1, 1])
    for cls, kw in [(ShuffleSplit, dict(n_splits=3, random_state=0)), (ShuffleSplit, dict(n_splits=2, test_size=4, train_size=7, random_state=9)),
                    (StratifiedShuffleSplit, dict(n_splits=3, test_size=0.2, random_state=0)),
                    (StratifiedShuffleSplit, dict(n_splits=4, test_size=0.5, random_state=42)),
                    (StratifiedShuffleSplit, dict(n_splits=2, test_size=5, train_size=6, random_state=1))]:
        splits = list(cls(**kw).split(np.zeros((len(y), 1)), y))
        cases.append({'cls': cls.__name__, 'options': opts(**kw), 'y': plain(y), 'splits': plain(splits)})
    return cases


def approximate_mode_cases():
    cases = []
    for counts, draws, seed in [([4, 2], 3, 0), ([5, 2], 4, 0), ([2, 2, 2, 1], 2, 0), ([2, 2, 2, 1], 2, 42),
                                ([10, 10, 10, 10, 10], 7, 3), ([3, 5, 7, 11], 13, 8), ([210, 90], 75, 42)]:
        cases.append({'counts': counts, 'draws': draws, 'seed': seed,
                      'out': plain(_approximate_mode(np.array(counts), draws, np.random.RandomState(seed)))})
    return cases


def kfold_cases():
    cases = []
    for n, kw in [(10, dict(n_splits=2)), (11, dict(n_splits=3)), (17, dict(n_splits=5)), (10, dict(n_splits=3, shuffle=True, random_state=0)),
                  (23, dict(n_splits=4, shuffle=True, random_state=42))]:
        cases.append({'cls': 'KFold', 'n': n, 'options': opts(**kw), 'splits': plain(list(KFold(**kw).split(np.zeros(n))))})
    moons_y = datasets.make_moons(300, noise=0.1, random_state=42)[1]
    y3 = np.array([2, 0, 1, 1, 0, 2, 2, 2, 0, 1, 0, 0, 1, 2, 2, 1, 0, 2, 1, 0, 5, 5, 5])
    for y, kw in [(labels_70_30(), dict(n_splits=10)), (labels_70_30(), dict(n_splits=10, shuffle=True, random_state=42)),
                  (np.array([0] * 210 + [1] * 90), dict(n_splits=10)), (moons_y, dict(n_splits=3)), (moons_y, dict(n_splits=5, shuffle=True, random_state=0)),
                  (y3, dict(n_splits=3)), (y3, dict(n_splits=3, shuffle=True, random_state=7)), (y3, dict(n_splits=4))]:
        splits = list(StratifiedKFold(**kw).split(np.zeros(len(y)), y))
        cases.append({'cls': 'StratifiedKFold', 'n': len(y), 'y': plain(y), 'options': opts(**kw), 'splits': plain(splits)})
    cases.append({'cls': 'LeaveOneOut', 'n': 4, 'options': {}, 'splits': plain(list(LeaveOneOut().split(np.zeros(4))))})
    return cases


def shuffle_cases():
    cases = []
    for n, kw in [(10, dict(random_state=0)), (25, dict(random_state=42)), (25, dict(random_state=1, n_samples=7))]:
        cases.append({'n': n, 'options': opts(**kw), 'rows': plain(shuffle(np.arange(n), **kw))})
    return cases


K7_GRID = {'alpha': [1, 2, 3, 5, 10, 20], 'solver': ['svd', 'lsqr', 'sag']}


def grid_cases():
    grids = [K7_GRID, [{'b': [1, 2], 'a': ['x', 'y', 'z']}, {'c': [True, False]}, {}], {'kernel': ['rbf'], 'gamma': [0.1, 1.0], 'C': [1, 10]}]
    return [{'grid': plain(g), 'params': plain(list(ParameterGrid(g)))} for g in grids]


def sampler_cases():
    cases = []
    for grid, n_iter, seed in [(K7_GRID, 10, 0), (K7_GRID, 5, 42), (K7_GRID, 18, 0), (K7_GRID, 17, 3),
                               ({'a': list(range(100)), 'b': list(range(10))}, 5, 0), ({'a': list(range(100))}, 99, 1),
                               ({'a': list(range(300))}, 50, 2), ({'a': list(range(30))}, 6, 3)]:
        cases.append({'grid': plain(grid), 'nIter': n_iter, 'seed': seed, 'params': plain(list(ParameterSampler(grid, n_iter, random_state=seed)))})
    # A distribution: scipy's uniform(loc, scale) draws loc + scale * rng.uniform(); rvs mixes with list draws.
    dist = {'alpha': stats.uniform(0.1, 0.9), 'solver': ['svd', 'lsqr', 'sag']}
    cases.append({'grid': {'alpha': {'uniform': [0.1, 0.9]}, 'solver': ['svd', 'lsqr', 'sag']}, 'nIter': 6, 'seed': 0,
                  'params': plain(list(ParameterSampler(dist, 6, random_state=0)))})
    two = [{'alpha': stats.uniform(0.0, 2.0)}, {'solver': ['a', 'b', 'c', 'd'], 'tol': [1, 2]}]
    cases.append({'grid': [{'alpha': {'uniform': [0.0, 2.0]}}, {'solver': ['a', 'b', 'c', 'd'], 'tol': [1, 2]}], 'nIter': 8, 'seed': 5,
                  'params': plain(list(ParameterSampler(two, 8, random_state=5)))})
    return cases


def sample_cases():
    cases = []
    for n, k, method, seed in [(1000, 5, 'auto', 0), (100, 50, 'auto', 1), (100, 99, 'auto', 2), (100, 100, 'auto', 3), (50, 15, 'tracking_selection', 4),
                               (50, 15, 'reservoir_sampling', 5), (50, 15, 'pool', 6), (10, 5, 'auto', 42), (200, 30, 'tracking_selection', 7), (0, 0, 'auto', 0)]:
        cases.append({'n': n, 'k': k, 'method': method, 'seed': seed, 'out': plain(sample_without_replacement(n, k, method=method, random_state=seed))})
    return cases


def results_of(search, keys):
    r = search.cv_results_
    out = {camel(k): plain(r[k]) for k in keys if k in r}
    out['params'] = plain(r['params'])
    out['bestIndex'] = int(search.best_index_)
    out['bestScore'] = float(search.best_score_)
    out['bestParams'] = plain(search.best_params_)
    return out


def search_cases(X, y):
    out = {}
    k7 = GridSearchCV(RidgeClassifier(), K7_GRID, cv=3, return_train_score=True).fit(X, y)
    keys = ['split0_test_score', 'split1_test_score', 'split2_test_score', 'mean_test_score', 'std_test_score', 'rank_test_score',
            'split0_train_score', 'split1_train_score', 'split2_train_score', 'mean_train_score', 'std_train_score', 'param_alpha', 'param_solver']
    out['k7'] = results_of(k7, keys)
    out['k9'] = {'X': [[0, 0], [1, 0], [2, 2]], 'decision': plain(k7.decision_function([[0, 0], [1, 0], [2, 2]])),
                 'predict': plain(k7.predict([[0, 0], [1, 0], [2, 2]])), 'score': float(k7.score(X, y))}
    pipe = Pipeline([('poly', PolynomialFeatures()), ('ridge', RidgeClassifier())])
    k8 = GridSearchCV(pipe, {'poly__degree': list(range(7)), 'ridge__alpha': [0.25, 0.5, 1, 2]}, cv=3).fit(X, y)
    out['k8'] = results_of(k8, ['split0_test_score', 'split1_test_score', 'split2_test_score', 'mean_test_score', 'std_test_score', 'rank_test_score'])
    k10 = RandomizedSearchCV(RidgeClassifier(), K7_GRID, n_iter=10, random_state=0, cv=3).fit(X, y)
    out['k10'] = results_of(k10, ['mean_test_score', 'rank_test_score'])
    reg = GridSearchCV(Ridge(), {'alpha': [0.1, 1.0, 10.0]}, cv=4, scoring='neg_mean_squared_error').fit(X, X[:, 0] + 2 * X[:, 1])
    out['regression'] = results_of(reg, ['mean_test_score', 'std_test_score', 'rank_test_score', 'split0_test_score'])
    multi = GridSearchCV(RidgeClassifier(), {'alpha': [0.1, 100.0, 1000.0]}, cv=3, scoring=['accuracy', 'f1'], refit='f1').fit(X, y)
    out['multimetric'] = results_of(multi, ['mean_test_accuracy', 'rank_test_accuracy', 'mean_test_f1', 'rank_test_f1'])
    return out


def cross_val_cases(X, y):
    skf = StratifiedKFold(10, shuffle=True, random_state=42)
    yreg = X[:, 0] - 0.5 * X[:, 1]
    cv = cross_validate(Ridge(alpha=0.5), X, yreg, cv=4, scoring=['r2', 'neg_mean_absolute_error'], return_train_score=True)
    return {
        'k12': plain(cross_val_score(RidgeClassifier(), X, y, cv=skf)),
        'default': plain(cross_val_score(RidgeClassifier(), X, y)),
        'f1': plain(cross_val_score(RidgeClassifier(alpha=3.0), X, y, cv=4, scoring='f1')),
        'regressionKFold': plain(cross_val_score(Ridge(), X, yreg, cv=3)),
        'negMse': plain(cross_val_score(Ridge(), X, yreg, cv=5, scoring='neg_mean_squared_error')),
        'crossValidate': {camel(k): plain(v) for k, v in cv.items() if not k.endswith('_time')},
        'pipeline': plain(cross_val_score(make_pipeline(MinMaxScaler(), RidgeClassifier()), X, y, cv=5)),
    }


def pipeline_cases(X, y):
    names = [n for n, _ in make_pipeline(StandardScaler(), MinMaxScaler(), StandardScaler(), Ridge(), StandardScaler()).steps]
    pipe = Pipeline([('scale', MinMaxScaler()), ('poly', PolynomialFeatures(3)), ('clf', RidgeClassifier(alpha=0.5))]).fit(X, y)
    keys = sorted(pipe.get_params(deep=True).keys())
    return {'names': names, 'deepKeys': keys, 'decision': plain(pipe.decision_function(X[:5])), 'score': float(pipe.score(X, y)),
            'transform': plain(pipe[:-1].transform(X[:3]))}


def main():
    X, y = datasets.make_moons(300, noise=0.1, random_state=42)
    fixture = {
        'moons': {'X': plain(X), 'y': plain(y)},
        'trainTestSplit': train_test_cases(),
        'shuffleSplit': shuffle_split_cases(),
        'approximateMode': approximate_mode_cases(),
        'kfold': kfold_cases(),
        'shuffle': shuffle_cases(),
        'parameterGrid': grid_cases(),
        'parameterSampler': sampler_cases(),
        'sampleWithoutReplacement': sample_cases(),
        'search': search_cases(X, y),
        'crossVal': cross_val_cases(X, y),
        'pipeline': pipeline_cases(X, y),
    }
    path = write_json('sklearn_model_selection.json', fixture)
    print(f'wrote {path} ({os.path.getsize(path)} bytes)')


if __name__ == '__main__':
    main()
