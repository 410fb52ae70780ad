"""Oracle for tests/sklearn_preprocessing.test.ts: scikit-learn 1.2.1's StandardScaler, MinMaxScaler,
MaxAbsScaler, PolynomialFeatures, OneHotEncoder and LabelEncoder.

Run with Debian's scikit-learn: `/usr/bin/python3 tests/oracle/sklearn_preprocessing.py`. Writes
tests/fixtures/sklearn_preprocessing.json. Options are written with tessera's camelCase names.
"""
import warnings

from common import plain, write_json  # noqa: E402  (first: it drops this folder from sys.path)
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import make_moons  # noqa: E402
from sklearn.preprocessing import (LabelEncoder, MaxAbsScaler, MinMaxScaler, OneHotEncoder,  # noqa: E402
                                   PolynomialFeatures, StandardScaler)

warnings.simplefilter('ignore')


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return str(e)
    return None


def scaler_cases():
    weather = np.array([[60, .2, 4, .1], [75, 0, 8, .05], [70, .1, 12, .2]])
    train, _ = make_moons(100, noise=.2, random_state=44)
    test, _ = make_moons(100, noise=.05, random_state=42)
    test = test * np.array([2.0, 0.6])
    rng = np.random.RandomState(3)
    messy = rng.randn(12, 4) * np.array([1.0, 100.0, 0.01, 5.0]) + np.array([0.0, 1e4, -3.0, 2.0])
    messy[:, 3] = 2.5  # a constant feature
    messy[[1, 4, 7], 0] = np.nan
    messy[5, 2] = np.nan
    new = rng.randn(5, 4) * 3
    new[2, 1] = np.nan
    datasets = {'weather': (weather, weather[::-1] * 1.1), 'K3b': (train, test), 'messy': (messy, new)}

    minmax, standard = [], []
    for data, (X, Xn) in datasets.items():
        for params in [{}, {'featureRange': [-1, 1]}, {'featureRange': [0, 1], 'clip': True}]:
            kw = {'feature_range': tuple(params.get('featureRange', (0, 1))), 'clip': params.get('clip', False)}
            s = MinMaxScaler(**kw)
            T = s.fit_transform(X)
            minmax.append({'data': data, 'params': params, 'fitTransform': T, 'transform': s.transform(Xn),
                           'inverse': s.inverse_transform(s.transform(Xn)), 'scale': s.scale_, 'min': s.min_,
                           'dataMin': s.data_min_, 'dataMax': s.data_max_, 'dataRange': s.data_range_,
                           'nSamplesSeen': s.n_samples_seen_})
        for params in [{}, {'withMean': False}, {'withStd': False}, {'withMean': False, 'withStd': False}]:
            s = StandardScaler(with_mean=params.get('withMean', True), with_std=params.get('withStd', True))
            T = s.fit_transform(X)
            standard.append({'data': data, 'params': params, 'fitTransform': T, 'transform': s.transform(Xn),
                             'inverse': s.inverse_transform(s.transform(Xn)),
                             'mean': s.mean_, 'var': s.var_, 'scale': s.scale_, 'nSamplesSeen': s.n_samples_seen_})
    # partial_fit over batches
    partial = []
    for data, (X, Xn) in datasets.items():
        st = StandardScaler()
        mm = MinMaxScaler()
        for batch in np.array_split(X, 3):
            st.partial_fit(batch)
            mm.partial_fit(batch)
        partial.append({'data': data, 'standard': {'mean': st.mean_, 'var': st.var_, 'scale': st.scale_,
                                                   'nSamplesSeen': st.n_samples_seen_, 'transform': st.transform(Xn)},
                        'minmax': {'dataMin': mm.data_min_, 'dataMax': mm.data_max_, 'scale': mm.scale_,
                                   'min': mm.min_, 'nSamplesSeen': mm.n_samples_seen_, 'transform': mm.transform(Xn)}})
    errors = {
        'featureRange': error_of(lambda: MinMaxScaler(feature_range=(2, 1)).fit(weather)),
        'infinity': error_of(lambda: StandardScaler().fit([[1.0, np.inf]])),
        'features': error_of(lambda: StandardScaler().fit(weather).transform([[1.0, 2.0]])),
    }
    data = {k: {'X': X, 'Xnew': Xn} for k, (X, Xn) in datasets.items()}
    return {'data': data, 'minmax': minmax, 'standard': standard, 'partial': partial, 'errors': errors,
            'maxabs': maxabs_cases(datasets)}


def maxabs_cases(datasets):
    """MaxAbsScaler on the same data sets (messy has NaNs and a constant column), fitted at once and over
    three partial_fit batches, plus a column of zeros and one of NaNs only."""
    zeros = np.array([[0.0, np.nan, -3.0], [0.0, np.nan, 1.5], [-0.0, np.nan, 2.0]])
    datasets = {**datasets, 'zeros': (zeros, np.array([[2.0, 1.0, -6.0]]))}
    cases = []
    for data, (X, Xn) in datasets.items():
        s = MaxAbsScaler()
        T = s.fit_transform(X)
        p = MaxAbsScaler()
        for batch in np.array_split(X, 3):
            p.partial_fit(batch)
        cases.append({'data': data, 'X': X, 'Xnew': Xn, 'fitTransform': T, 'transform': s.transform(Xn),
                      'inverse': s.inverse_transform(s.transform(Xn)), 'maxAbs': s.max_abs_, 'scale': s.scale_,
                      'nSamplesSeen': s.n_samples_seen_, 'partialMaxAbs': p.max_abs_, 'partialTransform': p.transform(Xn)})
    return cases


def polynomial_cases():
    X2 = np.array([[1.5, -2.0], [0.3, 4.0], [-1.1, 0.7]])
    widths = [PolynomialFeatures(d).fit(X2).n_output_features_ for d in range(7)]
    cases = []
    X3 = np.random.RandomState(1).randn(4, 3)
    X4 = np.random.RandomState(2).randn(3, 4)
    for X, params in [(X2, {'degree': d}) for d in range(7)] + [
            (X3, {'degree': 3}), (X3, {'degree': 2, 'includeBias': False}), (X4, {'degree': 3, 'interactionOnly': True}),
            (X4, {'degree': 2, 'interactionOnly': True, 'includeBias': False}), (X3, {'degree': [2, 3]}),
            (X3, {'degree': [2, 3], 'includeBias': False}), (X2, {'degree': [0, 2]}), (X2, {'degree': [1, 1]}),
            (X4, {'degree': [3, 3], 'interactionOnly': True})]:
        p = PolynomialFeatures(degree=tuple(params['degree']) if isinstance(params['degree'], list) else params['degree'],
                               interaction_only=params.get('interactionOnly', False),
                               include_bias=params.get('includeBias', True))
        T = p.fit_transform(X)
        cases.append({'X': X, 'params': params, 'transform': T, 'powers': p.powers_,
                      'nOutputFeatures': p.n_output_features_, 'names': list(p.get_feature_names_out())})
    named = PolynomialFeatures(3).fit(X2).get_feature_names_out(['a', 'b'])
    errors = {
        'zero': error_of(lambda: PolynomialFeatures(0, include_bias=False).fit(X2)),
        'tuple': error_of(lambda: PolynomialFeatures((3, 2)).fit(X2)),
        'names': error_of(lambda: PolynomialFeatures(2).fit(X2).get_feature_names_out(['a'])),
    }
    return {'widths': widths, 'cases': cases, 'named': list(named), 'errors': errors}


def encoder_cases():
    Xi = np.array([[0, 1], [1, 5], [2, 1], [0, 7], [2, 5]])
    Xi_new = np.array([[2, 7], [1, 1], [0, 5]])
    Xf = np.array([[0.5, 10.0], [2.5, np.nan], [0.5, 30.0], [1e-5, 10.0]])
    Xf_new = np.array([[2.5, 30.0], [1e-5, np.nan]])
    cases = []
    for X, Xn, params in [
            (Xi, Xi_new, {}), (Xi, Xi_new, {'drop': 'first'}), (Xi, Xi_new, {'drop': 'if_binary'}),
            (Xi[:, :1].copy() % 2, np.array([[1], [0]]), {'drop': 'if_binary'}), (Xi, Xi_new, {'drop': [2, 5]}),
            (Xi, np.array([[3, 1], [0, 9]]), {'handleUnknown': 'ignore'}),
            (Xi, np.array([[3, 1], [0, 9]]), {'handleUnknown': 'ignore', 'drop': 'first'}),
            (Xi, Xi_new, {'categories': [[0, 1, 2, 3], [1, 5, 7]]}),
            (Xf, Xf_new, {}), (Xf, Xf_new, {'drop': 'first'}), (np.array([[4], [4]]), np.array([[4]]), {'drop': 'first'})]:
        kw = {'sparse_output': False, 'drop': params.get('drop'), 'handle_unknown': params.get('handleUnknown', 'error'),
              'categories': params.get('categories', 'auto')}
        enc = OneHotEncoder(**kw)
        T = enc.fit_transform(X)
        Tn = enc.transform(Xn)
        # None (an ignored unknown) becomes NaN, tessera's stand-in; a 0-column input cannot be inverted
        inv = enc.inverse_transform(Tn) if Tn.shape[1] else None
        if inv is not None:
            inv = np.array([[np.nan if v is None else v for v in row] for row in inv], dtype=float)
        cases.append({'X': X, 'Xnew': Xn, 'integer': X.dtype.kind == 'i', 'params': params, 'fitTransform': T,
                      'transform': Tn, 'inverse': inv, 'categories': enc.categories_,
                      'dropIdx': None if enc.drop_idx_ is None else [None if v is None else int(v) for v in enc.drop_idx_],
                      'names': list(enc.get_feature_names_out())})
    errors = {
        'unknown': error_of(lambda: OneHotEncoder().fit(Xi).transform([[5, 1]])),
        'unknownFloat': error_of(lambda: OneHotEncoder().fit(Xf).transform([[7.5, 10.0]])),
        'unknownFit': error_of(lambda: OneHotEncoder(categories=[[0, 1], [1, 5, 7]]).fit(Xi)),
        'unsorted': error_of(lambda: OneHotEncoder(categories=[[2, 1, 0], [1, 5, 7]]).fit(Xi)),
        'shape': error_of(lambda: OneHotEncoder(categories=[[0, 1, 2]]).fit(Xi)),
        'dropMissing': error_of(lambda: OneHotEncoder(drop=[0, 9]).fit(Xi)),
        'inverseZeros': error_of(lambda: OneHotEncoder(sparse_output=False).fit(Xi).inverse_transform(np.zeros((2, 6)))),
        'inverseShape': error_of(lambda: OneHotEncoder(sparse_output=False).fit(Xi).inverse_transform(np.zeros((2, 5)))),
    }
    labels = []
    for y, y_new in [([1, 2, 2, 6], [6, 1, 2]), ([0.5, 2.5, 0.5, -1.0], [2.5, -1.0]), ([3.0, np.nan, 1.0, 3.0], [np.nan, 1.0])]:
        le = LabelEncoder()
        codes = le.fit_transform(y)
        labels.append({'y': y, 'yNew': y_new, 'classes': le.classes_, 'fitTransform': codes, 'transform': le.transform(y_new),
                       'inverse': le.inverse_transform(le.transform(y_new)), 'integer': le.classes_.dtype.kind == 'i'})
    label_errors = {
        'unseen': error_of(lambda: LabelEncoder().fit([1, 2, 2, 6]).transform([1, 7, 9])),
        'unseenFloat': error_of(lambda: LabelEncoder().fit([0.5, 2.5]).transform([0.5, 1e-05])),
        'inverse': error_of(lambda: LabelEncoder().fit([1, 2, 2, 6]).inverse_transform([0, 3, 5])),
    }
    return {'oneHot': cases, 'oneHotErrors': errors, 'label': labels, 'labelErrors': label_errors}


def main():
    out = {'versions': {'sklearn': sklearn.__version__, 'numpy': np.__version__},
           'scalers': scaler_cases(), 'polynomial': polynomial_cases(), 'encoders': encoder_cases()}
    write_json('sklearn_preprocessing.json', plain(out))


main()
