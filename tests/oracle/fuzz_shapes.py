"""Oracle for tests/bad-inputs/fuzz-shapes.test.ts: random shapes and options fed to NumPy.

Run with Debian's NumPy 1.24:

    /usr/bin/python3 tests/oracle/fuzz_shapes.py

Draws (from a fixed seed) calls of the shape-changing functions tessera shares with NumPy: reductions
with random `axis` (None, an int in or out of range, a tuple, repeated axes) and `keepdims`, cumulative
ops, binary ufuncs on shapes that do or do not broadcast, reshape, transpose, expand_dims, squeeze,
moveaxis, swapaxes, concatenate, stack, broadcast_to, tile, repeat, flip, diff, sort, quantile, matmul,
split and take. Each case is written with tessera's function name and option names; the fixture holds
NumPy's result shape (or list of shapes), or the name of the error NumPy raised:

    tests/fixtures/fuzz_shapes.json: [{fn, args, options, shape | shapes | error}, ...]

Arrays are given as {"shape": [...]}: the test and this script both fill them with 0, 1, 2, ... (float64).
"""
import random
import warnings

import common  # noqa: F401  (drops this folder from sys.path before NumPy is imported)
from common import write_json

import numpy as np

warnings.filterwarnings('ignore')  # empty means and the like: the shape is what is compared
rng = random.Random(20261207)
N_CASES = 600


def shape(max_rank=4):
    return [rng.choice([0, 1, 1, 2, 3]) for _ in range(rng.randint(0, max_rank))]


def axis_value(ndim, allow_tuple=True):
    r = rng.random()
    if r < 0.15:
        return None
    if r < 0.75 or not allow_tuple:
        return rng.randint(-ndim - 1, ndim)
    return [rng.randint(-ndim - 1, ndim) for _ in range(rng.randint(1, 3))]


def reduction(fn):
    s = shape()
    options = {}
    if rng.random() < 0.9:
        options['axis'] = axis_value(len(s), fn not in ('argmax', 'argmin', 'cumsum', 'cumprod'))
    if fn not in ('cumsum', 'cumprod') and rng.random() < 0.5:
        options['keepdims'] = rng.random() < 0.5
    return {'fn': fn, 'args': [{'shape': s}], 'options': options}


def broadcastable_pair():
    a = shape(3)
    b = [d if rng.random() < 0.6 else rng.choice([1, 2, 3]) for d in a[rng.randint(0, len(a)):]] if a else shape(2)
    return (a, b) if rng.random() < 0.5 else (b, a)


def case():
    kind = rng.choice(['reduce'] * 6 + ['binary'] * 2 + ['reshape', 'transpose', 'expandDims', 'squeeze', 'moveaxis',
                                                        'swapaxes', 'concatenate', 'stack', 'broadcastTo', 'tile',
                                                        'repeat', 'flip', 'diff', 'sort', 'quantile', 'matmul',
                                                        'arraySplit', 'take'])
    if kind == 'reduce':
        return reduction(rng.choice(['sum', 'mean', 'max', 'min', 'prod', 'std', 'var', 'argmax', 'argmin', 'all',
                                     'any', 'cumsum', 'cumprod', 'ptp']))
    if kind == 'binary':
        a, b = broadcastable_pair()
        return {'fn': rng.choice(['add', 'multiply', 'maximum', 'greater']), 'args': [{'shape': a}, {'shape': b}]}
    s = shape()
    nd = len(s)
    x = {'shape': s}
    if kind == 'reshape':
        size = int(np.prod(s)) if s else 1
        new = [rng.choice([1, 2, 3, size, -1]) for _ in range(rng.randint(0, 3))]
        return {'fn': 'reshape', 'args': [x, new]}
    if kind == 'transpose':
        perm = list(range(nd))
        rng.shuffle(perm)
        if rng.random() < 0.3 and perm:
            perm[0] = rng.randint(-nd - 1, nd)
        return {'fn': 'transpose', 'args': [x, perm]}
    if kind == 'expandDims':
        return {'fn': 'expandDims', 'args': [x, axis_value(nd + 1) if rng.random() < 0.8 else [0, 0]]}
    if kind == 'squeeze':
        options = {} if rng.random() < 0.3 else {'axis': axis_value(nd)}
        return {'fn': 'squeeze', 'args': [x], 'options': options}
    if kind == 'moveaxis':
        k = rng.randint(1, 2)
        return {'fn': 'moveaxis', 'args': [x, [rng.randint(-nd - 1, nd) for _ in range(k)], [rng.randint(-nd - 1, nd) for _ in range(k)]]}
    if kind == 'swapaxes':
        return {'fn': 'swapaxes', 'args': [x, rng.randint(-nd - 1, nd), rng.randint(-nd - 1, nd)]}
    if kind in ('concatenate', 'stack'):
        other = list(s)
        if other and rng.random() < 0.5:
            other[rng.randrange(len(other))] = rng.choice([0, 1, 2, 3])
        return {'fn': kind, 'args': [[x, {'shape': other}]], 'options': {'axis': rng.randint(-nd - 2, nd + 1)}}
    if kind == 'broadcastTo':
        target = [rng.choice([1, 2, 3]) for _ in range(rng.randint(0, 2))] + [d if rng.random() < 0.7 else rng.choice([1, 2, 3]) for d in s]
        return {'fn': 'broadcastTo', 'args': [x, target]}
    if kind == 'tile':
        return {'fn': 'tile', 'args': [x, [rng.choice([0, 1, 2]) for _ in range(rng.randint(1, 3))]]}
    if kind == 'repeat':
        options = {} if rng.random() < 0.3 else {'axis': axis_value(nd, False)}
        return {'fn': 'repeat', 'args': [x, rng.choice([0, 1, 2])], 'options': options}
    if kind == 'flip':
        return {'fn': 'flip', 'args': [x], 'options': {'axis': axis_value(nd)}}
    if kind == 'diff':
        return {'fn': 'diff', 'args': [x], 'options': {'n': rng.choice([0, 1, 2]), 'axis': rng.randint(-nd - 1, nd)}}
    if kind == 'sort':
        return {'fn': 'sort', 'args': [x], 'options': {'axis': axis_value(nd, False)}}
    if kind == 'quantile':
        return {'fn': 'quantile', 'args': [x, rng.choice([0.5, [0.25, 0.75]])], 'options': {'axis': axis_value(nd), 'keepdims': rng.random() < 0.5}}
    if kind == 'matmul':
        a, b = shape(3), shape(3)
        if a and b and rng.random() < 0.6:
            b = b[:-2] + [a[-1]] + b[-1:] if len(b) >= 2 else [a[-1]]
        return {'fn': 'matmul', 'args': [{'shape': a}, {'shape': b}]}
    if kind == 'arraySplit':
        return {'fn': 'arraySplit', 'args': [x, rng.choice([1, 2, 3, [1], [0, 2]])], 'options': {'axis': rng.randint(-nd - 1, nd)}}
    indices = [rng.randint(-3, 3) for _ in range(rng.randint(0, 3))]
    return {'fn': 'take', 'args': [x, indices], 'options': {'axis': rng.randint(-nd - 1, nd)}}


NUMPY = {
    'expandDims': np.expand_dims, 'broadcastTo': np.broadcast_to, 'arraySplit': np.array_split, 'ptp': np.ptp,
}


def arg(a):
    if isinstance(a, dict) and 'shape' in a:
        return np.arange(int(np.prod(a['shape'])) if a['shape'] else 1, dtype=float).reshape(a['shape'])
    if isinstance(a, list) and a and isinstance(a[0], dict):
        return [arg(v) for v in a]
    return a


def run(c):
    f = NUMPY.get(c['fn'], getattr(np, c['fn'], None))
    args = [arg(a) for a in c['args']]
    options = {k: (tuple(v) if isinstance(v, list) else v) for k, v in c.get('options', {}).items()}
    if c['fn'] in ('moveaxis', 'transpose', 'expandDims'):
        args = [args[0]] + [tuple(v) if isinstance(v, list) else v for v in args[1:]]
    try:
        out = f(*args, **options)
    except Exception as e:  # noqa: BLE001  (the error class is the result)
        return {'error': type(e).__name__}
    if isinstance(out, list):
        return {'shapes': [list(o.shape) for o in out]}
    return {'shape': list(np.shape(out))}


cases = []
for _ in range(N_CASES):
    c = case()
    c.setdefault('options', {})
    c.update(run(c))
    cases.append(c)
path = write_json('fuzz_shapes.json', cases)
errors = sum('error' in c for c in cases)
print(f'{path}: {len(cases)} cases, {errors} refused by NumPy')
