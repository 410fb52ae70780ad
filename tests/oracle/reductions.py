"""Fixtures for tests/reductions.test.ts and tests/sorting.test.ts, computed by NumPy 1.24.

Run with Debian's NumPy: /usr/bin/python3 tests/oracle/reductions.py
Writes tests/fixtures/reductions.json and tests/fixtures/reductions-sorting.json:
  inputs: [{shape, dtype, data} or {shape, dtype, hash: true} (data made by hash_data, also in the test),
           plus view: null | 'T' (transpose) | 'flip' (reverse axis 0) | 'step' (every 2nd along the last axis)]
  cases:  [{op, x (index into inputs), options, out: {shape, dtype, data}} or {..., error: {type, message}}]
Integer results are NumPy's int64/uint64 results wrapped to int32/uint32, exactly what tessera's
32-bit accumulators give; NaN/inf are the strings 'nan'/'inf'/'-inf'.
"""
import json
import os
import warnings

# tests/oracle/ holds a random.py that would shadow the standard library's for numpy.
HERE = os.path.dirname(os.path.abspath(__file__))
import common  # noqa: E402,F401  (drops this folder from sys.path before NumPy is imported)
from common import whole  # noqa: E402

import numpy as np  # noqa: E402

warnings.simplefilter('ignore')  # mean of empty slice, degrees of freedom <= 0
rng = np.random.default_rng(20240611)
inputs = []  # the input specs of the file being built; cases refer to them by index


def register(spec):
    inputs.append(spec)
    return len(inputs) - 1
FIXTURES = os.path.join(HERE, '..', 'fixtures')
TESSERA = {'int64': 'int32', 'uint64': 'uint32'}


def number(v):
    """A value as the fixtures hold it: whole numbers as ints, -0.0 kept (so signed zeros are checked)."""
    return whole(float(v))


def tessera_dtype(a):
    return TESSERA.get(a.dtype.name, a.dtype.name)


def encode_result(r):
    r = np.asarray(r)
    r = r.astype(tessera_dtype(r))  # int64 -> int32 wraps modulo 2**32, as tessera's accumulator does
    return {'shape': list(r.shape), 'dtype': r.dtype.name, 'data': [number(v) for v in r.ravel()]}


def hash_data(n, dtype):
    """Deterministic pseudo-random values in [0, 1000) that the test regenerates bit for bit."""
    i = np.arange(n, dtype=np.float64)
    v = ((i * 2654435761.0) % 4294967296.0) / 4294967296.0 * 1000.0
    return v.astype(dtype)


def random_data(shape, dtype, nan=False):
    n = int(np.prod(shape))
    if dtype == 'bool':
        return rng.random(n) < 0.6
    if dtype in ('float32', 'float64'):
        v = np.round(rng.normal(0, 10, n), 3).astype(dtype)
        if nan and n > 0:
            v[rng.random(n) < 0.2] = np.nan
        return v
    lo, hi = (0, 7) if dtype.startswith('u') else (-6, 7)
    return rng.integers(lo, hi, n).astype(dtype)


def make_view(base, view):
    if view == 'T':
        return base.T
    if view == 'flip':
        return np.flip(base, 0)
    if view == 'step':
        return base[..., ::2]
    return base


def base_shape(shape, view):
    """The shape of the stored array such that make_view gives `shape`."""
    if view == 'T':
        return shape[::-1]
    if view == 'step':
        return shape[:-1] + [shape[-1] * 2]
    return shape


def make_input(shape, dtype, view=None, nan=False, hashed=False):
    bshape = base_shape(list(shape), view)
    n = int(np.prod(bshape))
    data = hash_data(n, dtype) if hashed else random_data(bshape, dtype, nan)
    base = data.reshape(bshape)
    spec = {'shape': bshape, 'dtype': dtype, 'view': view}
    if hashed:
        spec['hash'] = True
    else:
        spec['data'] = [number(v) for v in base.ravel()]
    return register(spec), make_view(base, view)


def call(op, x, options):
    kw = {}
    for k, v in options.items():
        kw[{'keepdims': 'keepdims', 'axis': 'axis', 'ddof': 'ddof', 'dtype': 'dtype', 'side': 'side',
            'minlength': 'minlength'}[k]] = tuple(v) if isinstance(v, list) and k == 'axis' else v
    return getattr(np, op)(x, **kw)


def case(op, spec, x, options):
    c = {'op': op, 'x': spec, 'options': options}
    try:
        c['out'] = encode_result(call(op, x, options))
    except Exception as e:  # noqa: BLE001
        c['error'] = {'type': type(e).__name__, 'message': str(e)}
    return c


def random_shape():
    ndim = int(rng.integers(1, 5))
    dims = [int(rng.integers(1, 6 - ndim // 2)) for _ in range(ndim)]
    if rng.random() < 0.12:
        dims[int(rng.integers(0, ndim))] = 0
    return dims


def axis_options(ndim):
    opts = [None] + list(range(ndim)) + [-1]
    if ndim >= 2:
        pair = sorted(rng.choice(ndim, 2, replace=False).tolist())
        opts += [pair, [-1, 0], list(range(ndim))]
    opts.append([])
    return opts


REDUCE = ['sum', 'prod', 'min', 'max', 'all', 'any', 'mean', 'var', 'std']
DTYPES = ['float64', 'float32', 'int32', 'int8', 'uint8', 'bool', 'int16', 'uint16']


def reduction_cases():
    cases = []
    for _ in range(30):
        shape = random_shape()
        dtype = DTYPES[int(rng.integers(0, len(DTYPES)))]
        view = [None, 'T', 'flip', 'step'][int(rng.integers(0, 4))]
        spec, x = make_input(shape, dtype, view, nan=rng.random() < 0.3)
        for op in REDUCE:
            for axis in axis_options(len(shape)):
                for keepdims in (False, True):
                    if keepdims and rng.random() < 0.7:
                        continue
                    opts = {'axis': axis, 'keepdims': keepdims}
                    if op in ('var', 'std'):
                        opts['ddof'] = int(rng.integers(0, 2))
                    cases.append(case(op, spec, x, opts))
        for op in ('argmin', 'argmax'):
            for axis in [None] + list(range(len(shape))) + [-1]:
                for keepdims in (False, True):
                    cases.append(case(op, spec, x, {'axis': axis, 'keepdims': keepdims}))
        for op in ('cumsum', 'cumprod'):
            for axis in [None] + list(range(len(shape))) + [-1]:
                cases.append(case(op, spec, x, {'axis': axis}))
    return cases


def special_cases():
    cases = []

    def add(op, data, dtype, options, view=None):
        base = np.array(data, dtype=dtype)
        spec = register({'shape': list(base.shape), 'dtype': dtype, 'view': view, 'data': [number(v) for v in base.ravel()]})
        cases.append(case(op, spec, make_view(base, view), options))

    nan = float('nan')
    inf = float('inf')
    # NaN propagation, infinities, ties and NaN for argmin/argmax (first one wins).
    for op in ('min', 'max', 'sum', 'prod', 'argmin', 'argmax', 'cumsum', 'mean'):
        add(op, [3, nan, 1, nan, 0], 'float64', {})
        add(op, [[1, nan], [2, 3], [nan, nan]], 'float32', {'axis': 0})
        add(op, [[1, nan], [2, 3], [nan, nan]], 'float64', {'axis': 1})
        add(op, [inf, -inf, 2], 'float64', {})
    for op in ('argmin', 'argmax'):
        add(op, [[5, 1, 5, 1], [2, 2, 2, 2], [7, 9, 9, 7]], 'int32', {'axis': 1})
        add(op, [[5, 1, 5, 1], [2, 2, 2, 2], [7, 9, 9, 7]], 'int32', {'axis': 0})
        add(op, [[5, 1, 5, 1], [2, 2, 2, 2], [7, 9, 9, 7]], 'int32', {})
        add(op, [[5, 1, 5, 1], [2, 2, 2, 2], [7, 9, 9, 7]], 'int32', {'axis': 0}, 'T')
        add(op, [[1, nan, 0], [nan, 2, nan]], 'float64', {'axis': 0}, 'T')
        add(op, [[0, 1], [nan, 1], [1, nan]], 'float64', {'axis': 0})
        add(op, 5, 'float64', {'axis': 0})
        add(op, [True, False, True], 'bool', {})
        add(op, [[]], 'float64', {'axis': 1})
        add(op, [[]], 'float64', {'axis': 0})
        add(op, [], 'float64', {})
    # Empty reductions: identities, NaN means, errors for min/max.
    for op in REDUCE:
        add(op, [], 'float64', {})
        add(op, np.zeros((0, 3)).tolist(), 'float64', {'axis': 0})
        add(op, np.zeros((0, 3)).tolist(), 'float64', {'axis': 1})
        add(op, np.zeros((3, 0)).tolist(), 'int32', {'axis': 1, 'keepdims': True})
        add(op, 7, 'int32', {})
    # Degrees of freedom: N - ddof <= 0 gives inf or nan.
    for op in ('var', 'std'):
        add(op, [1, 2, 4], 'float64', {'ddof': 1})
        add(op, [1, 2], 'float64', {'ddof': 2})
        add(op, [1, 1], 'float64', {'ddof': 2})
        add(op, [1, 2], 'float64', {'ddof': 3})
        add(op, [[1, 2, 3], [4, 6, 9]], 'int32', {'axis': 1, 'ddof': 1, 'keepdims': True})
        add(op, [[1, 2, 3], [4, 6, 9]], 'float32', {'axis': 0, 'ddof': 1})
    # Integer accumulators wrap; bool sums count; dtype options.
    add('sum', [2**31 - 1, 1], 'int32', {})
    add('sum', [255, 255, 255], 'uint8', {})
    add('prod', [65536, 65536, 3], 'int32', {})
    add('prod', [-3, 100000, 100000], 'int32', {})
    add('cumprod', [65536, 65536, 3, 5], 'int32', {})
    add('cumsum', [True, True, False, True], 'bool', {})
    add('sum', [[True, False], [True, True]], 'bool', {'axis': 0})
    add('sum', [0.1, 0.2, 0.3], 'float64', {'dtype': 'float32'})
    add('sum', [1.9, 2.9, -1.5], 'float64', {'dtype': 'int32'})
    add('mean', [1, 2, 4], 'int8', {'dtype': 'float32'})
    add('cumsum', [0.1, 0.2, 0.3], 'float64', {'dtype': 'float32'})
    add('all', [nan, 1], 'float64', {})
    add('any', [0, -0.0], 'float64', {})
    # Axis errors.
    add('sum', [[1, 2]], 'float64', {'axis': 2})
    add('sum', [[1, 2]], 'float64', {'axis': -3})
    add('sum', [[1, 2]], 'float64', {'axis': [0, 0]})
    add('sum', [[1, 2]], 'float64', {'axis': [1, -1]})
    add('argmax', [[1, 2]], 'float64', {'axis': 2})
    add('cumsum', [[1, 2]], 'float64', {'axis': -3})
    return cases


def pairwise_cases():
    """Long float32/float64 reductions (hash data): pairwise blocks, 8192-element chunks, strided views."""
    cases = []
    for dtype in ('float32', 'float64'):
        for shape, view, axes in [([20000], None, [None]), ([3, 9000], None, [None, 1]),
                                  ([9000, 3], None, [0]), ([3, 9000], 'T', [None, 1]),
                                  ([600, 40], 'flip', [0]), ([4, 3000], 'step', [None, 1]),
                                  ([130, 7, 11], None, [None, 0, [0, 2]])]:
            spec, x = make_input(shape, dtype, view, hashed=True)
            for axis in axes:
                for op in ('sum', 'mean', 'var', 'std'):
                    cases.append(case(op, spec, x, {'axis': axis}))
            cases.append(case('max', spec, x, {}))
    return cases


def sorting_cases():
    cases = []
    for _ in range(40):
        shape = random_shape()
        dtype = DTYPES[int(rng.integers(0, len(DTYPES)))]
        view = [None, 'T', 'flip', 'step'][int(rng.integers(0, 4))]
        spec, x = make_input(shape, dtype, view, nan=rng.random() < 0.5)
        for axis in [None, -1] + list(range(len(shape))):
            cases.append(case('sort', spec, x, {'axis': axis}))
            # NumPy's default argsort is not stable; tessera's is: compare with kind='stable'.
            c = case('argsort', spec, x, {'axis': axis})
            if 'out' in c:
                c['out'] = encode_result(np.argsort(x, axis=axis, kind='stable'))
            cases.append(c)
    # Distinct values: NumPy's default (quicksort) order is the only order, so compare with it directly.
    for shape in ([17], [5, 6], [3, 4, 5]):
        base = rng.permutation(int(np.prod(shape))).astype('float64').reshape(shape) / 7
        spec = register({'shape': shape, 'dtype': 'float64', 'view': None, 'data': [number(v) for v in base.ravel()]})
        for axis in [None, -1, 0]:
            cases.append(case('argsort', spec, base, {'axis': axis}))
    for data, dtype in [([3, 1, 2, 3, 1, 1], 'int32'), ([[2.5, float('nan')], [float('nan'), -1], [2.5, 0]], 'float64'),
                        ([], 'float32'), ([True, False, True], 'bool'), ([[7, 3], [3, 255]], 'uint8')]:
        base = np.array(data, dtype=dtype)
        spec = register({'shape': list(base.shape), 'dtype': dtype, 'view': None, 'data': [number(v) for v in base.ravel()]})
        u = np.unique(base, return_index=True, return_inverse=True, return_counts=True)
        cases.append({'op': 'unique', 'x': spec, 'options': {},
                      'out': {k: encode_result(v) for k, v in zip(('values', 'indices', 'inverse', 'counts'), u)}})
    sorted_a = np.array([-1.5, 0, 0, 0, 2, 7.25, float('nan'), float('nan')])
    a_spec = register({'shape': [8], 'dtype': 'float64', 'view': None, 'data': [number(v) for v in sorted_a]})
    v = np.array([[-2, 0, 1], [7.25, 100, float('nan')]])
    for side in ('left', 'right'):
        cases.append({'op': 'searchsorted', 'x': a_spec, 'v': [[number(t) for t in row] for row in v], 'options': {'side': side},
                      'out': encode_result(np.searchsorted(sorted_a, v, side=side))})
    for data, opts in [([0, 1, 1, 3, 2, 1, 7], {}), ([0, 1, 1, 3], {'minlength': 8}), ([], {}), ([2, 0], {'weights': [0.5, 1.25]}),
                       ([-1, 2], {}), ([1, 2], {'minlength': -1}), ([1, 2], {'weights': [1.0]})]:
        x = np.array(data, dtype='int32')
        spec = register({'shape': [len(data)], 'dtype': 'int32', 'view': None, 'data': data})
        c = {'op': 'bincount', 'x': spec, 'options': opts}
        try:
            c['out'] = encode_result(np.bincount(x, **opts))
        except Exception as e:  # noqa: BLE001
            c['error'] = {'type': type(e).__name__, 'message': str(e)}
        cases.append(c)
    return cases


def write(name, make_cases):
    inputs.clear()
    cases = make_cases()
    path = os.path.join(FIXTURES, name)
    with open(path, 'w') as f:
        json.dump({'numpy': np.__version__, 'inputs': inputs, 'cases': cases}, f, separators=(',', ':'))
    print(f'{path}: {len(inputs)} inputs, {len(cases)} cases, {os.path.getsize(path) // 1024} KiB')


write('reductions.json', reduction_cases)
write('reductions-special.json', lambda: special_cases() + pairwise_cases())
write('reductions-sorting.json', sorting_cases)
