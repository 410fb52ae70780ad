"""Fixtures for tests/ufuncs.test.ts, tests/broadcasting.test.ts and tests/promotion.test.ts (NumPy 1.24).

Run with Debian's NumPy: /usr/bin/python3 tests/oracle/ufuncs.py
Writes tests/fixtures/ufuncs_*.json. Numbers: NaN/inf are 'nan'/'inf'/'-inf'; -0.0 stays -0.0.
Only arrays meet here: NumPy 1.24 casts Python scalars by value (tessera follows NEP 50), so scalar
promotion is tested directly in tests/promotion.test.ts, never from these files.
Where NumPy's result dtype is float16 (float ops on bool and 8-bit ints), tessera computes in float32:
the values below are then NumPy's results on the input cast to float32, and 'numpy_dtype' says so.
"""
import json
import math
import os
import warnings

# tests/oracle/ holds a random.py that would shadow the standard library's for numpy.
HERE = os.path.dirname(os.path.abspath(__file__))
import common  # noqa: E402,F401  (drops this folder from sys.path before NumPy is imported)
from common import whole  # noqa: E402

import numpy as np  # noqa: E402
from numpy.lib.stride_tricks import as_strided  # noqa: E402

warnings.simplefilter('ignore')  # division by zero, invalid values, overflow
FIXTURES = os.path.join(HERE, '..', 'fixtures')
DTYPES = ['bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64']
INTS = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32']

# tessera name -> NumPy function
BINARY = {
    'add': np.add, 'subtract': np.subtract, 'multiply': np.multiply, 'divide': np.divide, 'power': np.power,
    'floorDivide': np.floor_divide, 'mod': np.mod, 'fmod': np.fmod, 'maximum': np.maximum, 'minimum': np.minimum,
    'fmax': np.fmax, 'fmin': np.fmin, 'equal': np.equal, 'notEqual': np.not_equal, 'less': np.less,
    'lessEqual': np.less_equal, 'greater': np.greater, 'greaterEqual': np.greater_equal,
    'logicalAnd': np.logical_and, 'logicalOr': np.logical_or, 'logicalXor': np.logical_xor,
    'bitwiseAnd': np.bitwise_and, 'bitwiseOr': np.bitwise_or, 'bitwiseXor': np.bitwise_xor,
    'arctan2': np.arctan2, 'hypot': np.hypot, 'logaddexp': np.logaddexp, 'logaddexp2': np.logaddexp2,
}
UNARY = {
    'negative': np.negative, 'positive': np.positive, 'abs': np.abs, 'sign': np.sign, 'sqrt': np.sqrt,
    'square': np.square, 'exp': np.exp, 'expm1': np.expm1, 'log': np.log, 'log1p': np.log1p, 'log2': np.log2,
    'log10': np.log10, 'sin': np.sin, 'cos': np.cos, 'tan': np.tan, 'arcsin': np.arcsin, 'arccos': np.arccos,
    'arctan': np.arctan, 'sinh': np.sinh, 'cosh': np.cosh, 'tanh': np.tanh, 'arcsinh': np.arcsinh,
    'arccosh': np.arccosh, 'arctanh': np.arctanh, 'floor': np.floor, 'ceil': np.ceil, 'trunc': np.trunc,
    'rint': np.rint, 'reciprocal': np.reciprocal, 'isnan': np.isnan, 'isfinite': np.isfinite, 'isinf': np.isinf,
    'logicalNot': np.logical_not, 'invert': np.invert,
}

FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.0, -7.0, 0.1, 2.675, 1e-10, 1e10, 100.0, 0.75,
          -0.999, math.nan, math.inf, -math.inf]
FLOATS_B = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, -7.0, 1e10, math.nan, math.inf, -math.inf]
INT_CANDIDATES = [0, 1, -1, 2, -2, 3, 7, -7, 100, -100, 127, -128, 255, 32767, -32768, 65535,
                  2**31 - 1, -2**31, 2**32 - 1]
INT_B = [0, 1, -1, 2, 3, -7, 100, 127, -128, 255, 2**31 - 1]


def encode(a):
    a = np.asarray(a)
    return {'shape': list(a.shape), 'dtype': a.dtype.name, 'data': [whole(v) for v in a.ravel()]}


def error(e):
    return {'type': type(e).__name__, 'message': str(e).strip()}


def representable(values, dtype):
    if dtype == 'bool':
        return [False, True]
    info = np.iinfo(dtype) if dtype in INTS else None
    return [v for v in values if info is None or info.min <= v <= info.max]


def call(f, *xs):
    try:
        return {'out': encode(f(*xs))}
    except Exception as e:  # noqa: BLE001 - the error is the expected result
        return {'error': error(e)}


def computed(f, xs):
    """f on the arrays xs; a float16 result is recomputed from float32 inputs (tessera has no float16)."""
    r = call(f, *xs)
    if 'out' in r and r['out']['dtype'] == 'float16':
        r = call(f, *[x.astype(np.float32) for x in xs])
        r['numpy_dtype'] = 'float16'
    return r


def values_fixture():
    unary, binary = [], []
    for d in DTYPES:
        xs = FLOATS if d in ('float32', 'float64') else representable(INT_CANDIDATES, d)
        x = np.array(xs, dtype=d)
        if d not in ('float32', 'float64'):
            x_nonzero = x[x != 0]
        for name, f in UNARY.items():
            arg = x_nonzero if (name == 'reciprocal' and d not in ('float32', 'float64')) else x
            unary.append({'op': name, 'x': encode(arg), **computed(f, [arg])})
        bs = FLOATS_B if d in ('float32', 'float64') else representable(INT_B, d)
        a = np.repeat(np.array(xs if d in ('float32', 'float64') else representable(INT_B, d), dtype=d), len(bs))
        b = np.tile(np.array(bs, dtype=d), len(a) // len(bs))
        for name, f in BINARY.items():
            bb = b
            if name == 'power' and d in INTS:
                bb = np.abs(b.astype(np.float64)).astype(d) % 9  # ints to negative powers raise
            binary.append({'op': name, 'a': encode(a), 'b': encode(bb), **computed(f, [a, bb])})
    return {'numpy': np.__version__, 'unary': unary, 'binary': binary}


def promotion_fixture():
    pairs = []
    for da in DTYPES:
        for db in DTYPES:
            a, b = np.ones(2, da), np.ones(2, db)
            row = {'a': da, 'b': db, 'result_type': np.result_type(a, b).name, 'ops': {}}
            for name in ['add', 'subtract', 'multiply', 'divide', 'power', 'floorDivide', 'mod', 'maximum',
                         'equal', 'logicalAnd', 'arctan2', 'bitwiseAnd']:
                try:
                    row['ops'][name] = BINARY[name](a, b).dtype.name
                except Exception as e:  # noqa: BLE001
                    row['ops'][name] = error(e)
            pairs.append(row)
    unary = []
    for d in DTYPES:
        row = {'dtype': d, 'ops': {}}
        for name, f in UNARY.items():
            try:
                row['ops'][name] = f(np.ones(2, d)).dtype.name
            except Exception as e:  # noqa: BLE001
                row['ops'][name] = error(e)
        unary.append(row)
    inplace = []
    for dout in DTYPES:
        for dother in DTYPES:
            for name in ['add', 'multiply', 'divide', 'subtract']:
                x = np.ones(3, dout)
                try:
                    BINARY[name](x, np.ones(3, dother), out=x)
                    inplace.append({'op': name, 'out': dout, 'other': dother, 'ok': True})
                except Exception as e:  # noqa: BLE001
                    inplace.append({'op': name, 'out': dout, 'other': dother, 'error': error(e)})
    return {'numpy': np.__version__, 'pairs': pairs, 'unary': unary, 'inplace': inplace}


SHAPES = [(), (1,), (3,), (4,), (0,), (1, 3), (3, 1), (2, 3), (2, 1), (1, 1), (4, 3), (2, 4), (0, 3), (3, 0),
          (1, 0), (2, 1, 3), (2, 2, 1), (1, 2, 3), (5, 1, 1, 3), (2, 3, 4)]
EXTRA_PAIRS = [((8, 1, 6, 1), (7, 1, 5)), ((5,), (5, 1)), ((7, 1), (7,)), ((256, 256, 3), (3,)),
               ((15, 3, 5), (15, 1, 5)), ((15, 3, 5), (3, 1)), ((3,), (4,)), ((2, 1), (8, 4, 3)),
               ((0,), (1,)), ((0,), (2,)), ((2, 0), (2, 1)), ((1, 2, 0), (3, 1, 1))]


def operand(shape, k):
    n = int(np.prod(shape))
    return (np.arange(n, dtype=np.float64) * (k + 1) + 10 * k).reshape(shape)


def broadcast_fixture():
    cases = []
    pairs = [(a, b) for a in SHAPES for b in SHAPES] + EXTRA_PAIRS
    for sa, sb in pairs:
        a, b = operand(sa, 0), operand(sb, 1)
        case = {'shapes': [list(sa), list(sb)]}
        try:
            r = np.add(a, b)
            case['shape'] = list(r.shape)
            if r.size <= 64:
                case['add'] = encode(r)['data']
        except ValueError as e:
            case['error'] = str(e).strip()
        cases.append(case)
    triples = []
    for shapes in [((2, 1), (3,), ()), ((4, 1, 1), (1, 3, 1), (2,)), ((3,), (3,), (4,)), ((0, 1), (1,), (1, 5)),
                   ((1,), (2, 1), (1, 1, 3))]:
        cond = (np.arange(int(np.prod(shapes[0]))) % 2 == 0).reshape(shapes[0])
        x, y = operand(shapes[1], 1), operand(shapes[2], 2)
        case = {'shapes': [list(s) for s in shapes]}
        try:
            case['where'] = encode(np.where(cond, x, y))
        except ValueError as e:
            case['error'] = str(e).strip()
        triples.append(case)
    outs = []
    for sa, sb, so in [((2, 3), (3,), (3,)), ((1, 3), (3,), (3,)), ((3,), (3,), (2, 3)), ((3,), (), (4,)),
                       ((2, 1), (), (3,)), ((2, 1), (3,), (4, 2, 3)), ((), (), (2, 2))]:
        a, b = operand(sa, 0), operand(sb, 1)
        case = {'shapes': [list(sa), list(sb)], 'out_shape': list(so)}
        try:
            case['out'] = encode(np.add(a, b, out=np.zeros(so)))
        except ValueError as e:
            case['error'] = str(e).strip()
        outs.append(case)
    return {'numpy': np.__version__, 'pairs': cases, 'triples': triples, 'outs': outs}


def view(base, shape, strides, offset):
    """The view tessera builds with base.view(shape, strides, offset) (strides in elements)."""
    item = base.itemsize
    flat = base.reshape(-1)
    return as_strided(flat[offset:], shape=shape, strides=[s * item for s in strides])


def misc_fixture():
    out = {'numpy': np.__version__}
    # round (half to even, with decimals) on floats and ints
    vals = [0.5, 1.5, 2.5, -0.5, -1.5, 0.125, 0.375, 2.675, 1234.5678, -1234.5678, 15.0, 25.0, -25.0, 1e-9,
            math.nan, math.inf]
    out['round'] = []
    for d in ['float64', 'float32']:
        for dec in [-2, -1, 0, 1, 2, 3]:
            x = np.array(vals, dtype=d)
            out['round'].append({'x': encode(x), 'decimals': dec, 'out': encode(np.round(x, dec))})
    for dec in [-2, -1, 0, 2]:
        x = np.array([15, 25, -15, -25, 149, 150, 151, 250, -250, 1234], dtype=np.int32)
        out['round'].append({'x': encode(x), 'decimals': dec, 'out': encode(np.round(x, dec))})
    # clip
    x = np.array([-3.0, -1.0, 0.0, 0.5, 2.0, 7.0, math.nan, math.inf])
    out['clip'] = [{'x': encode(x), 'min': lo, 'max': hi, 'out': encode(np.clip(x, lo, hi))}
                   for lo, hi in [(0.0, 1.0), (None, 1.0), (-1.0, None), (2.0, 1.0)]]
    # isclose / allclose / array_equal
    a = np.array([1.0, 1.0, 1e10, 1e-8, 0.0, math.nan, math.nan, math.inf, math.inf, -math.inf, 1.0, 100.0])
    b = np.array([1.0 + 1e-6, 1.1, 1.00001e10, 2e-8, 1e-9, math.nan, 1.0, math.inf, -math.inf, -math.inf,
                  math.inf, 100.001])
    out['isclose'] = []
    for opts in [{}, {'equal_nan': True}, {'rtol': 1e-3}, {'atol': 0.1}, {'rtol': 0.0, 'atol': 0.0}]:
        out['isclose'].append({'a': encode(a), 'b': encode(b), 'options': opts,
                               'out': encode(np.isclose(a, b, **opts)),
                               'allclose': bool(np.allclose(a[:2], b[:2], **opts))})
    eq = [([1, 2, 3], [1, 2, 3], {}), ([1, 2, 3], [1, 2, 4], {}), ([1, 2], [[1, 2]], {}),
          ([1.0, math.nan], [1.0, math.nan], {}), ([1.0, math.nan], [1.0, math.nan], {'equal_nan': True}),
          ([], [], {}), ([[1, 2], [3, 4]], [[1, 2], [3, 4]], {})]
    out['array_equal'] = [{'a': [whole(v) for v in np.ravel(p)], 'a_shape': list(np.shape(p)),
                           'b': [whole(v) for v in np.ravel(q)], 'b_shape': list(np.shape(q)),
                           'options': o, 'out': bool(np.array_equal(np.array(p), np.array(q), **o))}
                          for p, q, o in eq]
    # shares_memory over views of one base of 24 elements (strides and offsets in elements)
    base = np.arange(24.0)
    specs = [
        (([12], [2], 0), ([12], [2], 1)),          # a[::2] vs a[1::2]: extents overlap, no common element
        (([10], [1], 0), ([10], [1], 5)),          # a[:10] vs a[5:15]
        (([5], [1], 0), ([5], [1], 5)),            # touching, no overlap
        (([4, 3], [6, 1], 0), ([4, 3], [6, 1], 3)),  # left and right halves of a (4, 6)
        (([4, 3], [6, 2], 0), ([3, 3], [6, 2], 7)),  # b[:, ::2] vs b[1:, 1::2]
        (([4, 3], [6, 2], 0), ([3, 3], [6, 2], 8)),  # b[:, ::2] vs b[1:, 2::2]
        (([6, 4], [1, 6], 0), ([24], [-1], 23)),   # transpose vs reversed
        (([3], [0], 4), ([2], [1], 3)),            # broadcast element inside
        (([0], [1], 0), ([24], [1], 0)),           # empty
        (([8], [3], 0), ([6], [4], 1)),            # 3i = 4j + 1: i=3, j=2
        (([7], [3], 2), ([5], [5], 0)),            # 3i + 2 = 5j: i=1, j=1
        (([2, 2], [12, 5], 0), ([2, 2], [12, 5], 1)),  # {0,5,12,17} vs {1,6,13,18}
    ]
    out['shares_memory'] = [{'a': list(p), 'b': list(q), 'out': bool(np.shares_memory(view(base, *p), view(base, *q)))}
                            for p, q in specs]
    # interp
    xp, fp = [1.0, 2.0, 3.0, 5.0], [3.0, 2.0, 0.0, 10.0]
    x = [0.0, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, math.nan, -math.inf, math.inf]
    out['interp'] = [{'x': [whole(v) for v in x], 'xp': xp, 'fp': fp, 'options': o,
                      'out': encode(np.interp(x, xp, fp, **o))} for o in [{}, {'left': -1.0, 'right': 99.0}]]
    # strided and negative-step operands, views as `out`, and overlapping in-place updates
    a = np.arange(12.0).reshape(3, 4)
    b = np.arange(12.0).reshape(3, 4) * 10 - 7
    out['strided'] = {
        'flip0_plus_a': encode(np.add(np.flip(a, 0), a)),
        'aT_times_bT': encode(np.multiply(a.T, b.T)),
        'flipT_minus_row': encode(np.subtract(np.flip(a).T, np.array([1.0, 2.0, 3.0]))),
        'exp_flip': encode(np.exp(np.flip(a, 1) / 10)),
        'out_T': encode(np.add(a, b, out=np.zeros((4, 3)).T).T),
        'out_flip': encode(np.flip(np.add(a, 1.0, out=np.flip(np.zeros((3, 4)))))),
    }
    v = np.arange(10.0)
    v[1:] += v[:-1]
    out['strided']['shift_iadd'] = encode(v)
    v = np.arange(10.0)
    np.add(v, np.flip(v), out=v)
    out['strided']['flip_iadd'] = encode(v)
    m = np.arange(9.0).reshape(3, 3)
    m += m.T
    out['strided']['T_iadd'] = encode(m)
    m = np.arange(9.0).reshape(3, 3)
    m += m[0]
    out['strided']['row_iadd'] = encode(m)
    u = np.arange(6, dtype=np.int32)
    u[::2] *= u[1::2]
    out['strided']['step_imul'] = encode(u)
    return out


def write(name, data):
    path = os.path.join(FIXTURES, f'ufuncs_{name}.json')
    with open(path, 'w') as f:
        json.dump(data, f, separators=(',', ':'))
    print(path, os.path.getsize(path), 'bytes')


if __name__ == '__main__':
    write('values', values_fixture())
    write('promotion', promotion_fixture())
    write('broadcast', broadcast_fixture())
    write('misc', misc_fixture())
