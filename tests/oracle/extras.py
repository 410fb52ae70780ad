"""Fixtures for tests/extras.test.ts, computed by NumPy 1.24: repeat, tile, flatnonzero, degrees/radians,
median, quantile, percentile, diff, average and ptp.

Run with Debian's NumPy: /usr/bin/python3 tests/oracle/extras.py  -> tests/fixtures/extras.json
Each case: {op, x: {data, dtype}, args: {...tessera options...}, out: {shape, dtype, data}} or
{..., error: {type, message}}. Inputs are int32/float32/float64/bool, so NumPy's results have tessera's
dtypes, except index results (int64 in NumPy, int32 in tessera), which are written as int32.
"""
import common  # noqa: F401  (drops this folder from sys.path before NumPy is imported)
from common import plain, write_json

import warnings
import numpy as np

warnings.simplefilter('ignore')
rng = np.random.default_rng(20240612)
cases = []


def arr(x, dtype):
    return np.asarray(x, dtype=dtype)


def enc(a):
    a = np.asarray(a)
    if a.dtype == np.int64:
        a = a.astype(np.int32)
    return {'shape': list(a.shape), 'dtype': a.dtype.name, 'data': plain(a)}


def case(op, x, args, fn):
    c = {'op': op, 'x': enc(x), 'args': plain(args)}
    try:
        c['out'] = enc(fn(x))
    except Exception as e:  # noqa: BLE001 - the error is the expected result
        c['error'] = {'type': type(e).__name__, 'message': str(e)}
    cases.append(c)


def kw(args, rename=None):
    """The tessera options as NumPy keywords (camelCase names are the same words here)."""
    return {(rename or {}).get(k, k): (tuple(v) if isinstance(v, list) else v) for k, v in args.items()}


m23 = arr([[1, 2, 3], [4, 5, 6]], np.int32)
f34 = rng.normal(size=(3, 4)).round(3)
f34_32 = f34.astype(np.float32)
with_nan = f34.copy()
with_nan[1, 2] = np.nan

# ---- repeat / tile --------------------------------------------------------------------------
for x, repeats, args in [
    (m23, 2, {}), (m23, 2, {'axis': 0}), (m23, [1, 0, 3], {'axis': 1}), (m23, [2, 1], {'axis': -2}),
    (arr(7, np.float64), 3, {}), (arr([True, False], np.bool_), [0, 2], {}), (m23, 0, {'axis': 1}),
    (m23, [1, 2], {'axis': 1}), (m23, -1, {}), (m23, 2, {'axis': 2}), (m23, [1, -1], {'axis': 0}),
]:
    a = {'repeats': repeats, **args}
    case('repeat', x, a, lambda x, r=repeats, o=args: np.repeat(x, r, **o))
for x, reps in [
    (arr([1, 2, 3], np.int32), 2), (arr([1, 2, 3], np.int32), [2, 2]), (m23, 2), (m23, [2, 1, 2]),
    (m23, [3, 1]), (arr(5, np.float32), [2, 3]), (m23, [0, 2]), (arr([[True], [False]], np.bool_), [1, 3]),
    (m23, [1, 1]),
]:
    case('tile', x, {'reps': reps}, lambda x, r=reps: np.tile(x, r))

# ---- flatnonzero, degrees / radians ---------------------------------------------------------
for x in [arr([[0, 1, 0], [2, 0, 3]], np.int32), arr([True, False, True], np.bool_), arr([0.0, np.nan, -0.0, 1e-300], np.float64),
          arr(0, np.int32), arr(4, np.int32), np.zeros((0, 3))]:
    case('flatnonzero', x, {}, np.flatnonzero)
angles = [arr([0, np.pi / 6, np.pi, -2.5, 1e-8, 123.456, np.nan, np.inf], np.float64),
          arr([0, 0.5, 1, 3.14159, -7.25, 1e-3, 1e5, 2.2e-7], np.float32),
          arr([0, 30, 90, 180, -45, 7], np.int32), arr([[1, -100], [3, 127]], np.int8), arr([True, False], np.bool_)]
for name in ['degrees', 'radians', 'rad2deg', 'deg2rad']:
    for x in angles:
        # NumPy computes int8 and bool in float16; tessera has no float16 and uses float32 (ops.ts 'float' rule).
        f16 = x.dtype in (np.int8, np.bool_)
        case(name, x, {}, lambda x, f=getattr(np, name), f16=f16: f(x.astype(np.float32) if f16 else x))
big32 = rng.normal(scale=100, size=64).astype(np.float32)
case('degrees', big32, {}, np.degrees)
case('radians', big32, {}, np.radians)

# ---- median / quantile / percentile ---------------------------------------------------------
ints = rng.integers(-50, 50, size=(4, 5)).astype(np.int32)
stat_inputs = [f34, f34_32, with_nan, ints, arr([3.0, 1.0, 2.0, 7.0], np.float64), arr(5.5, np.float64),
               rng.normal(size=(2, 3, 4)).round(2), arr([1.0, np.inf, -np.inf, 2.0], np.float64)]
axis_options = [{}, {'axis': 0}, {'axis': 1}, {'axis': -1, 'keepdims': True}, {'axis': [0, 1]}, {'keepdims': True}, {'axis': 3}]
for x in stat_inputs:
    for o in axis_options:
        if 'axis' in o and x.ndim == 0 and o['axis'] != 3:
            continue
        case('median', x, o, lambda x, o=o: np.median(x, **kw(o)))
        for q in [0.5, 0.3, [0.0, 0.25, 1.0], [[0.1, 0.9], [0.75, 0.5]]]:
            case('quantile', x, {'q': q, **o}, lambda x, q=q, o=o: np.quantile(x, q, **kw(o)))
        for q in [50, 37.5, [10, 90, 100]]:
            case('percentile', x, {'q': q, **o}, lambda x, q=q, o=o: np.percentile(x, q, **kw(o)))
case('median', np.zeros(0), {}, np.median)
case('median', arr([1, 2, 3, 4], np.int32), {}, np.median)
case('median', arr([1, 2, 3, np.nan], np.float32), {}, np.median)
case('quantile', f34, {'q': 1.5}, lambda x: np.quantile(x, 1.5))
case('quantile', f34, {'q': [0.5, -0.1]}, lambda x: np.quantile(x, [0.5, -0.1]))
case('percentile', f34, {'q': 101}, lambda x: np.percentile(x, 101))

# ---- diff / average / ptp -------------------------------------------------------------------
for x in [arr([1, 4, 9, 16, 25], np.int32), f34, f34_32, with_nan, arr([True, False, False, True], np.bool_), ints]:
    for o in [{}, {'n': 2}, {'n': 0}, {'axis': 0}, {'n': 3, 'axis': 0}, {'n': 7}, {'n': -1}]:
        if o.get('axis') == 0 and x.ndim == 1 and o.get('n') == 3:
            continue
        case('diff', x, o, lambda x, o=o: np.diff(x, **o))
case('diff', arr(3, np.int32), {}, np.diff)
for x in [f34, f34_32, ints, with_nan, arr([[True, False], [True, True]], np.bool_)]:
    w_full = rng.uniform(0.5, 2, size=x.shape).round(2)
    for o in [{}, {'axis': 0}, {'axis': 1, 'keepdims': True}, {'weights': w_full}, {'weights': w_full, 'axis': 1},
              {'weights': w_full.astype(np.float32), 'axis': 0}, {'weights': np.arange(1, x.shape[1] + 1, dtype=np.int32), 'axis': 1},
              {'weights': np.arange(1, x.shape[0] + 1, dtype=np.float64), 'axis': -2, 'keepdims': True},
              {'weights': np.arange(x.shape[1], dtype=np.float64)}, {'weights': np.zeros(x.shape[1]), 'axis': 1},
              {'weights': np.ones(x.shape[0] + 1), 'axis': 0}, {'weights': w_full.reshape(-1), 'axis': 0}]:
        args = {k: (enc(v) if isinstance(v, np.ndarray) else v) for k, v in o.items()}
        case('average', x, args, lambda x, o=o: np.average(x, **kw(o)))
for x in [f34, ints, with_nan, f34_32]:
    for o in [{}, {'axis': 0}, {'axis': 1, 'keepdims': True}, {'axis': [0, 1]}]:
        case('ptp', x, o, lambda x, o=o: np.ptp(x, **kw(o)))

print(write_json('extras.json', {'numpy': np.__version__, 'cases': cases}), len(cases), 'cases')
