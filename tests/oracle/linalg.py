# Fixture generator for tests/linalg.test.ts: runs NumPy's np.linalg on deterministic inputs and
# writes tests/fixtures/linalg.json (well-conditioned cases by size and shape, batches, dtypes),
# tests/fixtures/linalg_hard.json (near-singular, rank-deficient, repeated eigen/singular values)
# and tests/fixtures/linalg_errors.json (NumPy's error types and messages).
# Run with Debian's NumPy: /usr/bin/python3 tests/oracle/linalg.py
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
import common  # noqa: E402,F401  (drops this folder from sys.path before NumPy is imported)
from common import plain  # noqa: E402
import numpy as np  # noqa: E402

OUT = os.path.join(HERE, '..', 'fixtures')
rng = np.random.default_rng(20240603)

SIZES = [1, 2, 3, 5, 17, 40]
SHAPES = [(7, 3), (3, 7), (40, 17), (17, 40), (1, 5), (5, 1)]
VECTORS_UP_TO = 17  # singular/eigen vectors are stored only for matrices this small (fixture size)


def arr(x):
    return {'data': plain(np.asarray(x)), 'shape': list(np.shape(x)), 'dtype': str(np.asarray(x).dtype)}


def randn(*shape):
    """Random normal entries with 4 decimals (short JSON, exactly the same matrix in both languages)."""
    return np.round(rng.standard_normal(shape), 4)


def spd(n):
    b = randn(n, n)
    return np.round(b @ b.T + n * np.eye(n), 4)


def sym(n):
    b = randn(n, n)
    return np.round((b + b.T) / 2, 4)


def with_spectrum(values, m=None):
    """A symmetric matrix Q diag(values) Q^T, or m x n U diag(values) V^T when m is given."""
    n = len(values)
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    if m is None:
        return q @ np.diag(values) @ q.T
    u, _ = np.linalg.qr(rng.standard_normal((m, n)))
    return u @ np.diag(values) @ q.T


def main_fixtures():
    f = {}
    f['solve'] = []
    for n in SIZES:
        a = randn(n, n)
        b = randn(n)
        bm = randn(n, 3)
        f['solve'].append({'a': arr(a), 'b': arr(b), 'x': arr(np.linalg.solve(a, b))})
        f['solve'].append({'a': arr(a), 'b': arr(bm), 'x': arr(np.linalg.solve(a, bm))})
    # batches: vector rule (b.ndim == a.ndim - 1) and broadcast batch dimensions
    a = randn(2, 3, 4, 4)
    for b in (randn(2, 3, 4), randn(4, 2), randn(1, 3, 4, 2)):
        f['solve'].append({'a': arr(a), 'b': arr(b), 'x': arr(np.linalg.solve(a, b))})
    a1 = randn(2, 1, 3, 3)
    b1 = randn(1, 4, 3, 2)
    f['solve'].append({'a': arr(a1), 'b': arr(b1), 'x': arr(np.linalg.solve(a1, b1))})
    a32, b32 = randn(5, 5).astype(np.float32), randn(5).astype(np.float32)
    f['solve'].append({'a': arr(a32), 'b': arr(b32), 'x': arr(np.linalg.solve(a32, b32))})
    ai = rng.integers(-5, 6, (4, 4)) + 10 * np.eye(4, dtype=np.int64)
    f['solve'].append({'a': arr(ai.astype(np.int32)), 'b': arr(np.arange(4, dtype=np.int32)),
                       'x': arr(np.linalg.solve(ai, np.arange(4)))})

    f['inv'] = [{'a': arr(a), 'x': arr(np.linalg.inv(a))} for a in
                [randn(n, n) for n in SIZES] + [randn(2, 3, 3), randn(4, 4).astype(np.float32), np.zeros((0, 0))]]
    dets = [randn(n, n) for n in SIZES] + [randn(2, 3, 3), randn(3, 3).astype(np.float32),
                                           np.array([[1., 2.], [3., 4.]]), np.array([[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]]),
                                           np.zeros((0, 0)), np.eye(3) * 1e200, np.diag([1e200, 1e200, 1e-300, 1e-100])]
    f['det'] = [{'a': arr(a), 'x': arr(np.linalg.det(a))} for a in dets]
    f['slogdet'] = []
    for a in dets:
        sign, logdet = np.linalg.slogdet(a)
        f['slogdet'].append({'a': arr(a), 'sign': arr(sign), 'logabsdet': arr(logdet)})
    f['cholesky'] = [{'a': arr(a), 'x': arr(np.linalg.cholesky(a))} for a in
                     [spd(n) for n in SIZES] + [np.stack([spd(3), spd(3)]), spd(4).astype(np.float32)]]

    f['qr'] = []
    for shape in [(n, n) for n in SIZES] + SHAPES + [(2, 4, 3)]:
        a = randn(*shape)
        case = {'a': arr(a), 'r': arr(np.linalg.qr(a, mode='r'))}
        if max(shape) <= VECTORS_UP_TO:
            for mode in ('reduced', 'complete'):
                q, r = np.linalg.qr(a, mode=mode)
                case[mode] = {'Q': arr(q), 'R': arr(r)}
        f['qr'].append(case)

    f['svd'] = []
    for shape in [(n, n) for n in SIZES] + SHAPES + [(2, 4, 3), (0, 3), (3, 0)]:
        a = randn(*shape)
        case = {'a': arr(a), 'S': arr(np.linalg.svd(a, compute_uv=False))}
        if max(shape) <= VECTORS_UP_TO and a.size:
            u, s, vh = np.linalg.svd(a, full_matrices=False)
            case['U'], case['Vh'] = arr(u), arr(vh)
        f['svd'].append(case)
    a = randn(6, 4).astype(np.float32)
    f['svd'].append({'a': arr(a), 'S': arr(np.linalg.svd(a, compute_uv=False))})

    f['eigh'] = []
    for a in [sym(n) for n in SIZES] + [np.stack([sym(4), sym(4)]), sym(5).astype(np.float32)]:
        w, v = np.linalg.eigh(a)
        case = {'a': arr(a), 'w': arr(w), 'UPLO': 'L'}
        if a.shape[-1] <= VECTORS_UP_TO:
            case['v'] = arr(v)
        f['eigh'].append(case)
    a = randn(6, 6)  # not symmetric: each UPLO reads only its own triangle
    for uplo in ('L', 'U'):
        w, v = np.linalg.eigh(a, UPLO=uplo)
        f['eigh'].append({'a': arr(a), 'w': arr(w), 'v': arr(v), 'UPLO': uplo})

    f['lstsq'] = []
    for (m, n), k in [((20, 5), None), ((20, 5), 3), ((5, 20), None), ((5, 20), 2), ((6, 6), None), ((40, 17), 2)]:
        a = randn(m, n)
        b = randn(m) if k is None else randn(m, k)
        f['lstsq'].append(lstsq_case(a, b, None))
    f['lstsq'].append(lstsq_case(randn(8, 3).astype(np.float32), randn(8).astype(np.float32), None))
    f['lstsq'].append(lstsq_case(np.zeros((3, 0)), randn(3), None))

    f['pinv'] = [{'a': arr(a), 'x': arr(np.linalg.pinv(a))} for a in
                 [randn(7, 3), randn(3, 7), randn(5, 5), randn(2, 4, 3), randn(3, 2).astype(np.float32)]]

    f['matrix_rank'] = []
    for a, tol in [(randn(5, 5), None), (randn(6, 3) @ randn(3, 5), None), (randn(2, 4, 3), None),
                   (np.array([1., 0, 2]), None), (np.zeros(3), None), (randn(4, 2) @ randn(2, 4), 1e-3),
                   ((randn(6, 2) @ randn(2, 6)).astype(np.float32), None), (np.diag([1, 1e-9, 1e-13]), None),
                   (np.diag([1, 1e-9, 1e-13]), 1e-10)]:
        f['matrix_rank'].append({'a': arr(a), 'tol': tol, 'rank': arr(np.linalg.matrix_rank(a, tol=tol))})

    f['norm'] = []
    x3 = randn(3, 4, 5)
    m2 = randn(4, 6)
    v = randn(7)
    vec_ords = [None, 2, 1, np.inf, -np.inf, 0, 3, 0.5, -1, -2]
    mat_ords = [None, 'fro', 'nuc', 1, -1, 2, -2, np.inf, -np.inf]
    for o in vec_ords:
        f['norm'].append(norm_case(v, o, None))
        f['norm'].append(norm_case(x3, o, 1))
        f['norm'].append(norm_case(x3, o, -1, True))
    for o in mat_ords:
        f['norm'].append(norm_case(m2, o, None))
        f['norm'].append(norm_case(x3, o, (2, 0)))
        f['norm'].append(norm_case(x3, o, (0, 1), True))
    f['norm'].append(norm_case(x3, None, None))
    f['norm'].append(norm_case(x3, None, None, True))
    f['norm'].append(norm_case(v.astype(np.float32), None, None))
    f['norm'].append(norm_case(m2.astype(np.float32), 'nuc', None))
    f['norm'].append(norm_case(np.arange(6, dtype=np.int32).reshape(2, 3), None, None))
    f['norm'].append(norm_case(np.array([1., np.nan]), np.inf, None))
    f['norm'].append(norm_case(np.zeros((0, 3)), 1, None))
    return f


def lstsq_case(a, b, rcond):
    x, res, rank, s = np.linalg.lstsq(a, b, rcond=rcond)
    return {'a': arr(a), 'b': arr(b), 'rcond': rcond, 'x': arr(x), 'residuals': arr(res), 'rank': int(rank), 's': arr(s)}


def norm_case(x, ord_, axis, keepdims=False):
    o = None if ord_ is None else (ord_ if isinstance(ord_, str) else plain(float(ord_)))
    return {'a': arr(x), 'ord': o, 'axis': list(axis) if isinstance(axis, tuple) else axis, 'keepdims': keepdims,
            'x': arr(np.linalg.norm(x, ord_, axis, keepdims))}


def hard_fixtures():
    h = {}
    # Near-singular systems: condition numbers 1e8 and 1e12 (x is only accurate to cond * eps).
    h['near_singular_solve'] = []
    for cond in (1e8, 1e12):
        a = with_spectrum(np.geomspace(1, 1 / cond, 6), m=6)
        b = randn(6)
        h['near_singular_solve'].append({'a': arr(a), 'b': arr(b), 'x': arr(np.linalg.solve(a, b)), 'cond': cond})
    # Rank-deficient least squares: x is the minimum-norm solution, rank counts s > rcond * s_max.
    h['rank_deficient_lstsq'] = []
    for (m, n, r), rcond in [((10, 6, 4), None), ((6, 10, 3), None), ((8, 8, 5), 1e-10), ((9, 4, 2), -1)]:
        a = randn(m, r) @ randn(r, n)
        b = randn(m, 2)
        h['rank_deficient_lstsq'].append(lstsq_case(a, b, rcond))
    # Repeated eigenvalues: eigenvectors are not unique, the projector on each eigenspace is.
    h['repeated_eigh'] = []
    for values in ([1, 1, 1, 2, 3, 3], [2, 2, 2, 2], [-1, 0, 0, 0, 5, 5, 5, 9]):
        a = with_spectrum(np.array(values, dtype=float))
        a = (a + a.T) / 2
        w, v = np.linalg.eigh(a)
        h['repeated_eigh'].append({'a': arr(a), 'w': arr(w), 'v': arr(v), 'groups': groups(values)})
    # Repeated and zero singular values.
    h['repeated_svd'] = []
    for (m, values) in [(7, [3, 3, 1, 1, 0]), (5, [2, 2, 2]), (6, [5, 0, 0, 0])]:
        a = with_spectrum(np.array(values, dtype=float), m=m)
        u, s, vh = np.linalg.svd(a, full_matrices=False)
        h['repeated_svd'].append({'a': arr(a), 'S': arr(s), 'U': arr(u), 'Vh': arr(vh), 'groups': groups(values)})
    h['rank_deficient_pinv'] = []
    for a in (randn(7, 2) @ randn(2, 5), with_spectrum(np.array([1, 1e-3, 1e-16]), m=3)):
        h['rank_deficient_pinv'].append({'a': arr(a), 'x': arr(np.linalg.pinv(a))})
    # Badly scaled entries (overflow/underflow of naive sums of squares).
    h['scaled_svd'] = []
    for scale in (1e150, 1e-150):
        a = randn(5, 4) * scale
        h['scaled_svd'].append({'a': arr(a), 'S': arr(np.linalg.svd(a, compute_uv=False))})
    return h


def groups(values):
    """Index ranges [start, end) of equal values in sorted (ascending) order."""
    vs = sorted(values)
    out, start = [], 0
    for i in range(1, len(vs) + 1):
        if i == len(vs) or vs[i] != vs[start]:
            out.append([start, i])
            start = i
    return out


ERRORS = [
    # [function, args, kwargs]: args are nested lists (numpy arrays of float64 unless tagged).
    ['solve', [[[1, 2], [2, 4]], [1, 2]], {}],
    ['solve', [[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [1, 2]], {}],
    ['solve', [[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 2], [3, 4]]], {}],
    ['solve', [[[1, 2, 3], [4, 5, 6]], [1, 2]], {}],
    ['solve', [[1, 2, 3], [1, 2, 3]], {}],
    ['solve', [{'ones': [2, 3, 3]}, [1, 2, 3]], {}],
    ['inv', [[[1, 2], [2, 4]]], {}],
    ['inv', [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]], {}],
    ['inv', [[[1, 2, 3], [4, 5, 6]]], {}],
    ['det', [[1, 2]], {}],
    ['det', [[[1, 2, 3], [4, 5, 6]]], {}],
    ['cholesky', [[[1, 2], [2, 1]]], {}],
    ['cholesky', [[[-1, 0], [0, 1]]], {}],
    ['cholesky', [[[1, 2, 3], [4, 5, 6]]], {}],
    ['qr', [[1, 2, 3]], {}],
    ['qr', [[[1, 2], [3, 4]]], {'mode': 'bad'}],
    ['svd', [[[float('nan'), 1], [1, 1]]], {}],
    ['svd', [[1, 2]], {}],
    ['eigh', [[[1, 2], [2, 1]]], {'UPLO': 'X'}],
    ['eigh', [[[1, 2, 3], [4, 5, 6]]], {}],
    ['eigvalsh', [[1, 2]], {}],
    ['lstsq', [[[1, 2], [3, 4], [5, 6]], [1, 2]], {}],
    ['lstsq', [{'ones': [2, 3, 2]}, [1, 2, 3]], {}],
    ['lstsq', [[[1, 2], [3, 4], [5, 6]], {'ones': [3, 2, 2]}], {}],
    ['pinv', [[1, 2]], {}],
    ['norm', [{'ones': [2, 3, 2]}], {'ord': 2}],
    ['norm', [{'ones': [2, 3]}], {'ord': 'nuc', 'axis': 0}],
    ['norm', [{'ones': [2, 3]}], {'ord': 'fro', 'axis': 1}],
    ['norm', [{'ones': [2, 3]}], {'ord': 3}],
    ['norm', [{'ones': [2, 3]}], {'axis': [0, 0]}],
    ['norm', [{'ones': [2, 3]}], {'axis': [0, 1, 1]}],
    ['norm', [{'ones': [2, 3]}], {'axis': 2}],
    ['norm', [{'zeros': [3, 0]}], {'ord': float('inf'), 'axis': 1}],
    ['norm', [{'zeros': [0, 3]}], {'ord': 2}],
]
NUMPY_NAMES = {'matrixRank': 'matrix_rank'}


def build(x):
    if isinstance(x, dict):
        (kind, shape), = x.items()
        return np.ones(shape) if kind == 'ones' else np.zeros(shape)
    return np.asarray(x, dtype=float)


def error_fixtures():
    out = []
    for fname, args, kwargs in ERRORS:
        np_kwargs = {('ord' if k == 'ord' else k): (tuple(v) if k == 'axis' and isinstance(v, list) else v)
                     for k, v in kwargs.items()}
        if fname == 'lstsq':
            np_kwargs['rcond'] = None
        try:
            getattr(np.linalg, NUMPY_NAMES.get(fname, fname))(*[build(a) for a in args], **np_kwargs)
            raise SystemExit(f'expected an error from {fname}{args}{kwargs}')
        except (ValueError, np.linalg.LinAlgError) as e:
            kind = type(e).__name__
            out.append({'fn': fname, 'args': plain(args), 'kwargs': plain(kwargs), 'type': kind, 'message': str(e)})
    return out


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path, 'w') as fh:
        json.dump(obj, fh, separators=(',', ':'), allow_nan=False)
    print(f'{path}: {os.path.getsize(path) // 1024} KiB')


if __name__ == '__main__':
    np.seterr(over='ignore')
    write('linalg.json', main_fixtures())
    write('linalg_hard.json', hard_fixtures())
    write('linalg_errors.json', error_fixtures())
