# Fixture generator for tests/matmul.test.ts: NumPy's matmul, dot, inner, outer, vdot and tensordot
# on shapes that do not divide the kernel's 4x4 tiles and 256/128/1024 blocks, strided views
# (.T, flips, steps, broadcasts), batches, 1-D operands, integer/bool dtypes, and NumPy's errors.
# Big inputs are not stored: they come from a formula both sides evaluate ("gen"), with values
# k/8 so every product and sum is exact in float32 and float64, and the output is stored as an
# exact weighted checksum plus a sample. Small random inputs are stored with the full output.
# Run with Debian's NumPy: /usr/bin/python3 tests/oracle/matmul.py
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
import common  # noqa: E402,F401  (drops this folder from sys.path before NumPy is imported)
from common import plain  # noqa: E402
import numpy as np  # noqa: E402

OUT = os.path.join(HERE, '..', 'fixtures', 'matmul.json')
rng = np.random.default_rng(20240611)
FULL_UP_TO = 2000  # outputs with more elements are stored as checksum + sample


def gen(shape, dtype, seed):
    """The formula the test repeats: element i of the flat base array is ((i*mul + add) % 61 - 30) / 8
    (integers: without the / 8; bool: odd or not)."""
    size = int(np.prod(shape))
    mul, add = 7 + 2 * seed, 3 * seed + 1
    v = (np.arange(size, dtype=np.int64) * mul + add) % 61 - 30
    if dtype == 'bool':
        return (v % 2 != 0).reshape(shape)
    if dtype.startswith('float'):
        return (v / 8).astype(dtype).reshape(shape)
    return v.astype(dtype).reshape(shape)


def parse_index(s):
    if isinstance(s, int):
        return s
    parts = [int(p) if p else None for p in s.split(':')]
    return slice(*parts)


def apply_ops(x, ops):
    for op in ops:
        kind = op[0]
        if kind == 'T':
            x = x.T
        elif kind == 'flip':
            x = np.flip(x, axis=op[1])
        elif kind == 'transpose':
            x = np.transpose(x, op[1])
        elif kind == 'reshape':
            x = x.reshape(op[1])
        elif kind == 'slice':
            x = x[tuple(parse_index(s) for s in op[1])]
        elif kind == 'broadcast':
            x = np.broadcast_to(x, op[1])
        else:
            raise ValueError(kind)
    return x


def operand(shape, dtype, seed, ops=(), stored=False, scale=None):
    """An input: stored values (random, 4 decimals) or the gen formula, then view ops."""
    if stored:
        base = np.round(rng.standard_normal(shape), 4) if scale is None else rng.integers(-scale, scale + 1, shape)
        spec = {'data': plain(base.ravel()), 'shape': list(shape), 'dtype': dtype, 'ops': list(ops)}
        base = base.astype(dtype)
    else:
        base = gen(shape, dtype, seed)
        spec = {'gen': seed, 'shape': list(shape), 'dtype': dtype, 'ops': list(ops)}
    return apply_ops(base, ops), spec


def weights(n):
    return (np.arange(n) % 7) - 3


def result(r):
    r = np.asarray(r)
    flat = r.ravel().astype(np.uint8) if r.dtype == np.bool_ else r.ravel()  # bools are written as 0/1
    out = {'shape': list(r.shape), 'dtype': str(r.dtype)}
    if flat.size <= FULL_UP_TO:
        # float32 values as their shortest float32 repr (round-trips in float32, short JSON)
        out['data'] = plain([float(str(v)) for v in flat] if r.dtype == np.float32 else flat)
    else:
        every = -(-flat.size // 64)
        out['sample'] = {'every': every, 'values': plain(flat[::every])}
        out['checksum'] = float((flat.astype(np.float64) * weights(flat.size)).sum())
    return out


cases = []


def case(name, fn, a, b, **options):
    x, xs = a
    y, ys = b
    if fn == 'matmul':
        r = np.matmul(x, y)
    elif fn == 'dot':
        r = np.dot(x, y)
    elif fn == 'inner':
        r = np.inner(x, y)
    elif fn == 'outer':
        r = np.outer(x, y)
    elif fn == 'vdot':
        r = np.vdot(x, y)
    elif fn == 'tensordot':
        r = np.tensordot(x, y, axes=options.get('axes', 2))
    cases.append({'name': name, 'fn': fn, 'a': xs, 'b': ys, 'options': options, 'out': result(r)})


def matmul_cases():
    s = 0
    for dt in ('float64', 'float32'):
        for n in (1, 3, 17, 63, 65, 129):
            case(f'square {n} {dt}', 'matmul', operand((n, n), dt, s), operand((n, n), dt, s + 1))
            s += 2
    for (m, k, n) in [(63, 129, 17), (65, 3, 129), (129, 65, 63), (3, 300, 5), (130, 300, 6), (5, 300, 1030),
                      (4, 4, 4), (5, 7, 4), (33, 33, 33), (1, 129, 65), (65, 129, 1), (0, 3, 4), (2, 0, 3), (3, 4, 0)]:
        for dt in ('float64', 'float32'):
            case(f'{m}x{k} @ {k}x{n} {dt}', 'matmul', operand((m, k), dt, s), operand((k, n), dt, s + 1))
            s += 2
    # strided views: transposes, flips, steps, a reshape of a transposed array
    views = [
        ('a.T', ((129, 65), ['T']), ((129, 63), [])),
        ('b.T', ((65, 129), []), ((63, 129), ['T'])),
        ('a.T @ b.T', ((70, 40), ['T']), ((33, 70), ['T'])),
        ('flip rows of a, cols of b', ((65, 66), [['flip', 0]]), ((66, 17), [['flip', 1]])),
        ('flip both', ((40, 50), [['flip', 0], ['flip', 1]]), ((50, 30), [['flip', 0], ['flip', 1]])),
        ('step slices', ((80, 130), [['slice', ['::2', '1::2']]]), ((130, 70), [['slice', ['::2', '3:']]])),
        ('negative steps', ((90, 66), [['slice', ['::-2', '::-1']]]), ((66, 20), [['slice', [':', '::-3']]])),
        ('reshape of a transpose', ((6, 10, 12), [['transpose', [2, 0, 1]], ['reshape', [12, 60]]]), ((60, 9), [])),
        ('column of a matrix', ((40, 3), []), ((3, 50), [['slice', [':', '::7']]])),
    ]
    for name, (sa, oa), (sb, ob) in views:
        for dt in ('float64', 'float32'):
            case(f'{name} {dt}', 'matmul', operand(sa, dt, s, oa), operand(sb, dt, s + 1, ob))
            s += 2
    # batches and broadcast batch axes
    batches = [
        ('batch', ((4, 17, 9), []), ((4, 9, 33), [])),
        ('broadcast batch', ((3, 1, 17, 9), []), ((5, 9, 20), [])),
        ('stack @ matrix (folded)', ((2, 17, 65), []), ((65, 33), [])),
        ('stack @ matrix, large', ((8, 64, 32), []), ((32, 48), [])),
        ('transposed stack @ matrix', ((2, 65, 17), [['transpose', [0, 2, 1]]]), ((65, 33), [])),
        ('matrix @ stack', ((17, 9), []), ((6, 9, 20), [])),
        ('broadcast_to batch (stride 0)', ((17, 9), [['broadcast', [3, 17, 9]]]), ((3, 9, 20), [])),
        ('batch of transposed', ((3, 9, 17), [['transpose', [0, 2, 1]]]), ((20, 3, 9), [['transpose', [1, 2, 0]]])),
        ('size-1 batch', ((1, 5, 6), []), ((6, 7), [])),
        ('empty batch', ((0, 5, 6), []), ((6, 7), [])),
    ]
    for name, (sa, oa), (sb, ob) in batches:
        for dt in ('float64', 'float32'):
            case(f'{name} {dt}', 'matmul', operand(sa, dt, s, oa), operand(sb, dt, s + 1, ob))
            s += 2
    # 1-D operands
    ones = [('vec @ mat', (129,), (129, 65)), ('mat @ vec', (65, 129), (129,)), ('vec @ vec', (129,), (129,)),
            ('vec @ stack', (9,), (3, 9, 17)), ('stack @ vec', (3, 17, 9), (9,)), ('short vec @ vec', (1,), (1,))]
    for name, sa, sb in ones:
        for dt in ('float64', 'float32'):
            case(f'{name} {dt}', 'matmul', operand(sa, dt, s), operand(sb, dt, s + 1))
            s += 2
    case('reversed vec @ mat', 'matmul', operand((66,), 'float64', s, [['flip', 0]]), operand((66, 9), 'float64', s + 1))
    case('vec @ transposed mat', 'matmul', operand((65,), 'float32', s), operand((17, 65), 'float32', s + 1, ['T']))
    case('row @ transposed mat', 'matmul', operand((1, 65), 'float64', s), operand((17, 65), 'float64', s + 1, [['flip', 0], 'T']))
    # stored random values: rounding as NumPy's, to the tolerance
    for dt in ('float64', 'float32'):
        case(f'random 17x65 @ 65x17 {dt}', 'matmul', operand((17, 65), dt, 0, stored=True), operand((65, 17), dt, 0, stored=True))
        case(f'random 5x129 @ 129x7 {dt}', 'matmul', operand((5, 129), dt, 0, stored=True), operand((129, 7), dt, 0, stored=True))
        case(f'random batch {dt}', 'matmul', operand((3, 9, 40), dt, 0, stored=True), operand((40, 11), dt, 0, stored=True))
        case(f'random transposed 40x37 {dt}', 'matmul', operand((37, 40), dt, 0, ['T'], stored=True), operand((37, 37), dt, 0, stored=True))
    nan = np.round(rng.standard_normal((37, 37)), 4)
    nan[3, 5], nan[20, 30] = np.nan, np.inf
    with np.errstate(invalid='ignore'):
        nan_out = nan @ np.ones((37, 37))
    cases.append({'name': 'nan and inf propagate', 'fn': 'matmul',
                  'a': {'data': plain(nan.ravel()), 'shape': [37, 37], 'dtype': 'float64', 'ops': []},
                  'b': {'data': plain(np.ones((37, 37)).ravel()), 'shape': [37, 37], 'dtype': 'float64', 'ops': []},
                  'options': {}, 'out': result(nan_out)})
    # integers and bools
    case('int32', 'matmul', operand((17, 33), 'int32', s), operand((33, 9), 'int32', s + 1))
    case('int32 batch transposed', 'matmul', operand((2, 9, 17), 'int32', s, [['transpose', [0, 2, 1]]]), operand((9, 5), 'int32', s + 1))
    case('int32 wraps around', 'matmul', operand((4, 6), 'int32', 0, stored=True, scale=100000),
         operand((6, 3), 'int32', 0, stored=True, scale=100000))
    case('uint8 wraps around', 'matmul', operand((5, 40), 'uint8', s), operand((40, 3), 'uint8', s + 1))
    case('int8 @ uint8 -> int16', 'matmul', operand((6, 20), 'int8', s), operand((20, 4), 'uint8', s + 1))
    case('bool @ bool (count > 255)', 'matmul', operand((6, 300), 'bool', s), operand((300, 5), 'bool', s + 1))
    case('bool all false row', 'matmul', (np.zeros((2, 3), bool), {'data': [0] * 6, 'shape': [2, 3], 'dtype': 'bool', 'ops': []}),
         operand((3, 2), 'bool', s))
    case('bool @ int32', 'matmul', operand((4, 7), 'bool', s), operand((7, 3), 'int32', s + 1))
    case('int32 @ float32 -> float64', 'matmul', operand((40, 30), 'int32', s), operand((30, 20), 'float32', s + 1))
    case('int16 @ float32 -> float32', 'matmul', operand((9, 8), 'int16', s), operand((8, 7), 'float32', s + 1))
    case('float32 @ float64', 'matmul', operand((40, 33), 'float32', s), operand((33, 35), 'float64', s + 1))


def other_cases():
    s = 500
    dots = [((40, 33), (33, 35)), ((129,), (129,)), ((17, 9), (9,)), ((9,), (9, 17)), ((2, 3, 4), (5, 4, 6)),
            ((3, 4), (2, 4, 5)), ((2, 3, 4), (4,)), ((4,), (2, 4, 3)), ((), (3, 4)), ((3, 4), ())]
    for sa, sb in dots:
        case(f'dot {sa} {sb}', 'dot', operand(sa, 'float64', s), operand(sb, 'float64', s + 1))
        s += 2
    case('dot int32', 'dot', operand((5, 6), 'int32', s), operand((6, 4), 'int32', s + 1))
    case('dot bool', 'dot', operand((5, 6), 'bool', s), operand((6,), 'bool', s + 1))
    case('dot transposed float32', 'dot', operand((9, 17), 'float32', s, ['T']), operand((4, 9, 3), 'float32', s + 1, [['flip', 1]]))
    for sa, sb in [((2, 3), (5, 3)), ((2, 3, 4), (5, 4)), ((129,), (129,)), ((3,), (2, 4, 3)), ((2, 3), ()), ((4, 3), (3,))]:
        case(f'inner {sa} {sb}', 'inner', operand(sa, 'float64', s), operand(sb, 'float64', s + 1))
        s += 2
    for sa, sb, dt in [((3,), (4,), 'float64'), ((2, 2), (3,), 'int32'), ((3,), (2,), 'bool'), ((0,), (3,), 'float32')]:
        case(f'outer {sa} {sb} {dt}', 'outer', operand(sa, dt, s), operand(sb, dt, s + 1))
        s += 2
    case('vdot', 'vdot', operand((2, 3), 'float64', s), operand((6,), 'float64', s + 1))
    case('vdot transposed', 'vdot', operand((2, 2), 'float64', s, ['T']), operand((4,), 'float64', s + 1))
    case('vdot int32', 'vdot', operand((3, 5), 'int32', s), operand((15,), 'int32', s + 1))
    for sa, sb, axes in [((3, 4, 5), (4, 5, 2), 2), ((3, 4), (4, 5), 1), ((3, 4, 5), (4, 3, 2), [[1, 0], [0, 1]]),
                         ((2, 3), (4,), 0), ((3, 4, 5), (5, 4), [[-1, 1], [0, 1]])]:
        case(f'tensordot {sa} {sb} {axes}', 'tensordot', operand(sa, 'float64', s), operand(sb, 'float64', s + 1), axes=axes)
        s += 2


def error_cases():
    errors = []
    specs = [
        ('matmul', (2, 3), (2, 4), {}), ('matmul', (3,), (2,), {}), ('matmul', (2, 3), (2,), {}),
        ('matmul', (3,), (2, 4), {}), ('matmul', (4, 2, 3), (5, 4), {}), ('matmul', (), (2,), {}),
        ('matmul', (2,), (), {}), ('matmul', (2, 2, 3), (3, 3, 4), {}), ('matmul', (2, 2, 2, 3), (3, 3, 4), {}),
        ('dot', (2, 3), (2,), {}), ('dot', (3,), (2,), {}), ('dot', (2, 3, 4), (5, 6, 7), {}), ('dot', (3,), (2, 4), {}),
        ('inner', (3,), (2,), {}), ('inner', (2, 3), (2, 4), {}), ('inner', (2, 3), (5, 4, 2), {}),
        ('vdot', (3,), (2,), {}), ('vdot', (2, 2), (5,), {}),
        ('tensordot', (2, 3), (2, 3), {'axes': 1}), ('tensordot', (2, 3), (3, 2), {'axes': [[0], [0]]}),
        ('tensordot', (2, 3), (3, 2), {'axes': [[0, 1], [1]]}),
    ]
    for fn, sa, sb, options in specs:
        f = getattr(np, fn)
        try:
            f(np.ones(sa), np.ones(sb), **options)
            raise AssertionError(f'{fn} {sa} {sb} did not raise')
        except (ValueError, IndexError) as e:
            errors.append({'fn': fn, 'a': list(sa), 'b': list(sb), 'options': options,
                           'error': type(e).__name__, 'message': str(e)})
    return errors


matmul_cases()
other_cases()
with open(OUT, 'w') as fh:
    json.dump({'cases': cases, 'errors': error_cases()}, fh, separators=(',', ':'))
print(f'{len(cases)} cases -> {OUT} ({os.path.getsize(OUT)} bytes)')
