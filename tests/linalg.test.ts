// np.linalg against NumPy 1.24 (fixtures from tests/oracle/linalg.py).
// Well-conditioned cases compare values normwise to 1e-10 relative (1e-6 for float32). Where the
// answer is not unique, the test compares what is: singular/eigen vectors up to sign (|u_i . u'_i|
// = 1), projectors onto repeated eigenspaces, and factorisations through A = Q R = U S Vh with
// orthonormal factors. Errors compare NumPy's exception class and message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import * as linalg from '../ndarray/linalg/index.ts';
import type { NDArray } from '../ndarray/ndarray.ts';
import type { DType } from '../ndarray/dtype.ts';
import fx from './fixtures/linalg.json';
import hard from './fixtures/linalg_hard.json';
import errors from './fixtures/linalg_errors.json';
import { assertClose, decodeNumber as decode } from './fixture-values.ts';

type Fix = { data: unknown; shape: number[]; dtype: string };
type Mat = number[][];

const flat = (f: Fix): number[] => [f.data].flat(Infinity as 1).map(decode);
const DTYPES: Record<string, DType> = { float64: 'float64', float32: 'float32', int32: 'int32', int64: 'int32', bool: 'bool' };
/** A fixture as an NDArray of its dtype (int64 becomes int32). */
const load = (f: Fix): NDArray => np.array(flat(f), { dtype: DTYPES[f.dtype] }).reshape(f.shape);
const values = (x: NDArray): number[] => Array.from(x.dataSync());
const tolOf = (dtype: string): number => (dtype === 'float32' ? 1e-6 : 1e-10);

/** max|actual - expected| <= rtol * max|expected| (normwise), same shape, NaN/inf in the same places. */
function close(actual: NDArray, expected: Fix, what: string, rtol = tolOf(expected.dtype)): void {
  assert.equal([...actual.shape], expected.shape, `${what}: shape`);
  if (expected.dtype.startsWith('float')) assert.is(actual.dtype, expected.dtype, `${what}: dtype`);
  assertClose(values(actual), flat(expected), { rtol, floor: 1e-300, normwise: true }, what);
}

// ---- small dense helpers on nested arrays, for checking factorisations -----------------------
const mat = (x: NDArray): Mat => x.toArraySync() as Mat;
const matF = (f: Fix): Mat => mat(load(f));
const tr = (a: Mat): Mat => (a[0] ?? []).map((_, j) => a.map((r) => r[j]));
const mul = (a: Mat, b: Mat): Mat => a.map((r) => (b[0] ?? []).map((_, j) => r.reduce((s, x, k) => s + x * b[k][j], 0)));
const eye = (n: number): Mat => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => +(i === j)));
const maxAbs = (a: Mat): number => Math.max(0, ...a.flat().map(Math.abs));
const diff = (a: Mat, b: Mat): number => Math.max(0, ...a.flatMap((r, i) => r.map((x, j) => Math.abs(x - b[i][j]))));
const cols = (a: Mat, from: number, to: number): Mat => a.map((r) => r.slice(from, to));

function nearly(a: Mat, b: Mat, what: string, rtol = 1e-12): void {
  const err = diff(a, b), scale = Math.max(1, maxAbs(b));
  assert.ok(err <= rtol * scale, `${what}: off by ${err} (scale ${scale})`);
}

/** Q has orthonormal columns: Q^T Q = I. */
const orthonormal = (q: Mat, what: string, rtol = 1e-12): void => nearly(mul(tr(q), q), eye(q[0]?.length ?? 0), `${what}: Q^T Q = I`, rtol);
/** Tolerance for identities checked on a result of dtype `d` (float32 results are rounded). */
const idTol = (d: DType): number => (d === 'float32' ? 1e-6 : 1e-12);

/** Columns of a and b span the same lines: |a_j . b_j| = 1 for every column j. */
function sameColumnsUpToSign(a: Mat, b: Mat, what: string, tol = 1e-9): void {
  const dots = mul(tr(a), b);
  dots.forEach((r, j) => assert.ok(Math.abs(Math.abs(r[j]) - 1) < tol, `${what}: column ${j} |dot| = ${Math.abs(r[j])}`));
}

// ---- well-conditioned cases -----------------------------------------------------------------
test('worked example: solve([[3, 1], [1, 2]], [9, 8]) is [2, 3] and det is 5, as NumPy gives', () => {
  assertClose(linalg.solve(np.array([[3, 1], [1, 2]]), np.array([9, 8])), [2, 3], { rtol: 1e-12, floor: 1 }, 'solve');
  assertClose(linalg.det(np.array([[3, 1], [1, 2]])), 5, { rtol: 1e-12, floor: 1 }, 'det');
});

test('solve: sizes 1..40, vector and matrix right-hand sides, batches, float32 and int inputs', () => {
  for (const [i, c] of fx.solve.entries()) close(linalg.solve(load(c.a), load(c.b)), c.x, `solve #${i}`);
});

test('solve accepts nested JS arrays', () => {
  assert.equal(linalg.solve([[2, 0], [0, 4]], [2, 2]).toArraySync(), [1, 0.5]);
});

test('inv, det and slogdet', () => {
  for (const [i, c] of fx.inv.entries()) close(linalg.inv(load(c.a)), c.x, `inv #${i}`);
  for (const [i, c] of fx.det.entries()) close(linalg.det(load(c.a)), c.x, `det #${i}`);
  for (const [i, c] of fx.slogdet.entries()) {
    const r = linalg.slogdet(load(c.a));
    close(r.sign, c.sign, `slogdet sign #${i}`);
    close(r.logabsdet, c.logabsdet, `slogdet logabsdet #${i}`);
  }
});

test('det sees exactly singular matrices as NumPy does (same elimination order)', () => {
  assert.equal(values(linalg.det([[1, 2, 3], [4, 5, 6], [7, 8, 9]])), [0]);
  assert.equal(values(linalg.det([[1, 2], [3, 4]])), [-2]);
});

test('cholesky: lower factor, reads only the lower triangle', () => {
  for (const [i, c] of fx.cholesky.entries()) close(linalg.cholesky(load(c.a)), c.x, `cholesky #${i}`);
  assert.equal(linalg.cholesky([[4, 99], [2, 5]]).toArraySync(), [[2, 0], [1, 2]]);
});

test('qr: R (and Q) equal NumPy\'s, signs included; Q R = A with orthonormal Q', () => {
  for (const [i, c] of fx.qr.entries()) {
    const a = load(c.a);
    close(linalg.qr(a, { mode: 'r' }), c.r, `qr r #${i}`);
    for (const mode of ['reduced', 'complete'] as const) {
      const { Q, R } = linalg.qr(a, { mode });
      const want = (c as Record<string, unknown>)[mode] as { Q: Fix; R: Fix } | undefined;
      if (want) {
        close(Q, want.Q, `qr ${mode} Q #${i}`);
        close(R, want.R, `qr ${mode} R #${i}`);
      }
      if (a.ndim !== 2) continue;
      const [q, r] = [mat(Q), mat(R)];
      nearly(mul(q, r), mat(a), `qr ${mode} #${i}: Q R = A`, idTol(a.dtype));
      orthonormal(q, `qr ${mode} #${i}`, idTol(a.dtype));
      r.forEach((row, k) => row.slice(0, k).forEach((x) => assert.is(x, 0, `qr #${i}: R lower part`)));
    }
  }
});

test('svd: singular values, singular vectors up to sign, U S Vh = A, orthonormal U and V', () => {
  for (const [i, c] of fx.svd.entries()) {
    const a = load(c.a);
    close(linalg.svd(a, { computeUV: false }), c.S, `svd S #${i}`);
    if (a.ndim !== 2) continue;
    const [m, n] = a.shape, k = Math.min(m, n);
    for (const fullMatrices of [true, false]) {
      const { U, S, Vh } = linalg.svd(a, { fullMatrices });
      close(S, c.S, `svd S (with vectors) #${i}`);
      assert.equal([...U.shape], [m, fullMatrices ? m : k]);
      assert.equal([...Vh.shape], [fullMatrices ? n : k, n]);
      const [u, v, s] = [mat(U), tr(mat(Vh)), values(S)];
      orthonormal(u, `svd U #${i}`, idTol(a.dtype));
      orthonormal(v, `svd V #${i}`, idTol(a.dtype));
      const us = cols(u, 0, k).map((r) => r.map((x, j) => x * s[j]));
      nearly(mul(us, tr(cols(v, 0, k))), mat(a), `svd #${i}: U S Vh = A`, idTol(a.dtype));
      if ('U' in c && c.U) {
        sameColumnsUpToSign(cols(u, 0, k), matF(c.U as Fix), `svd U #${i}`);
        sameColumnsUpToSign(cols(v, 0, k), tr(matF(c.Vh as Fix)), `svd V #${i}`);
      }
    }
  }
});

test('eigh: ascending eigenvalues, eigenvectors up to sign, A V = V diag(w); eigvalsh agrees', () => {
  for (const [i, c] of fx.eigh.entries()) {
    const a = load(c.a);
    const opts = { UPLO: c.UPLO as 'L' | 'U' };
    const { eigenvalues, eigenvectors } = linalg.eigh(a, opts);
    close(eigenvalues, c.w, `eigh w #${i}`);
    close(linalg.eigvalsh(a, opts), c.w, `eigvalsh #${i}`);
    if (a.ndim !== 2) continue;
    const v = mat(eigenvectors), w = values(eigenvalues);
    orthonormal(v, `eigh #${i}`, idTol(a.dtype));
    const n = a.shape[0];
    const sym = mat(a).map((r, p) => r.map((x, q) => ((p >= q) === (c.UPLO === 'L') ? x : mat(a)[q][p])));
    nearly(mul(sym, v), v.map((r) => r.map((x, j) => x * w[j])), `eigh #${i}: A V = V diag(w)`, idTol(a.dtype) * n);
    if (c.v) sameColumnsUpToSign(v, matF(c.v as Fix), `eigh #${i}`, 1e3 * idTol(a.dtype));
  }
});

test('lstsq: x, residuals, rank and s (tall, wide, square, float32, empty)', () => {
  for (const [i, c] of fx.lstsq.entries()) {
    const r = linalg.lstsq(load(c.a), load(c.b), c.rcond === null ? {} : { rcond: c.rcond });
    close(r.x, c.x, `lstsq x #${i}`);
    close(r.residuals, c.residuals, `lstsq residuals #${i}`);
    close(r.s, c.s, `lstsq s #${i}`);
    assert.is(r.rank, c.rank, `lstsq rank #${i}`);
  }
});

test('pinv and matrixRank', () => {
  for (const [i, c] of fx.pinv.entries()) close(linalg.pinv(load(c.a)), c.x, `pinv #${i}`);
  for (const [i, c] of fx.matrix_rank.entries()) {
    const r = linalg.matrixRank(load(c.a), c.tol === null ? {} : { tol: c.tol });
    assert.equal(values(r), flat(c.rank), `matrixRank #${i}`);
    assert.equal([...r.shape], c.rank.shape, `matrixRank shape #${i}`);
  }
});

test('norm: vector and matrix orders, axes, keepdims, dtypes, scaling', () => {
  for (const [i, c] of fx.norm.entries()) {
    const ord = c.ord === null ? undefined : typeof c.ord === 'string' && c.ord !== 'fro' && c.ord !== 'nuc' ? decode(c.ord) : c.ord;
    const x = linalg.norm(load(c.a as Fix), { ord: ord as linalg.NormOrder, axis: c.axis as number | number[] | null, keepdims: c.keepdims });
    close(x, c.x as Fix, `norm #${i} ord=${c.ord} axis=${c.axis}`);
  }
});

test('norm does not overflow or underflow where a plain sum of squares would (NumPy gives inf / 0)', () => {
  assert.equal(values(linalg.norm([1e200, 1e200])), [Math.SQRT2 * 1e200]);
  assert.equal(values(linalg.norm([3e-200, 4e-200])), [5e-200]);
  assert.equal(values(linalg.norm([[1e200, 0], [0, 1e200]], { ord: 'fro' })), [Math.SQRT2 * 1e200]);
});

// ---- hard cases ---------------------------------------------------------------------------
test('near-singular solve: agrees to cond * eps and is backward stable', () => {
  for (const [i, c] of hard.near_singular_solve.entries()) {
    const a = load(c.a), b = load(c.b);
    const x = linalg.solve(a, b);
    close(x, c.x, `near-singular #${i}`, c.cond * 1e-14);
    const r = mul(mat(a), values(x).map((v) => [v])).map((row, k) => row[0] - values(b)[k]);
    const bound = 1e-14 * maxAbs(mat(a)) * Math.max(...values(x).map(Math.abs));
    assert.ok(Math.max(...r.map(Math.abs)) <= bound, `near-singular #${i}: residual`);
  }
});

test('rank-deficient lstsq: minimum-norm x, rank and s', () => {
  for (const [i, c] of hard.rank_deficient_lstsq.entries()) {
    const r = linalg.lstsq(load(c.a), load(c.b), c.rcond === null ? {} : { rcond: c.rcond });
    assert.is(r.rank, c.rank, `rank #${i}`);
    close(r.x, c.x, `x #${i}`, 1e-9);
    close(r.s, c.s, `s #${i}`, 1e-12);
    close(r.residuals, c.residuals, `residuals #${i}`);
  }
  for (const [i, c] of hard.rank_deficient_pinv.entries()) close(linalg.pinv(load(c.a)), c.x, `pinv #${i}`, 1e-9);
});

/** The projector V_g V_g^T onto the span of columns [from, to) of V. */
const projector = (v: Mat, [from, to]: number[]): Mat => mul(cols(v, from, to), tr(cols(v, from, to)));

test('repeated eigenvalues: eigenvalues and eigenspace projectors match', () => {
  for (const [i, c] of hard.repeated_eigh.entries()) {
    const { eigenvalues, eigenvectors } = linalg.eigh(load(c.a));
    close(eigenvalues, c.w, `repeated eigh w #${i}`, 1e-12);
    const [v, vNp] = [mat(eigenvectors), matF(c.v)];
    orthonormal(v, `repeated eigh #${i}`);
    for (const g of c.groups) nearly(projector(v, g), projector(vNp, g), `eigenspace ${g} #${i}`, 1e-10);
  }
});

test('repeated and zero singular values: S and singular subspaces match', () => {
  for (const [i, c] of hard.repeated_svd.entries()) {
    const { U, S, Vh } = linalg.svd(load(c.a), { fullMatrices: false });
    close(S, c.S, `repeated svd S #${i}`, 1e-12);
    // groups index ascending values; S is descending.
    const k = c.S.shape[0];
    for (const [from, to] of c.groups) {
      const g = [k - to, k - from];
      if (c.S.data[g[0]] === 0 || Math.abs(decode(c.S.data[g[0]])) < 1e-12) continue; // null space: any basis
      nearly(projector(mat(U), g), projector(matF(c.U), g), `left subspace ${g} #${i}`, 1e-10);
      nearly(projector(tr(mat(Vh)), g), projector(tr(matF(c.Vh)), g), `right subspace ${g} #${i}`, 1e-10);
    }
  }
  for (const [i, c] of hard.scaled_svd.entries()) close(linalg.svd(load(c.a), { computeUV: false }), c.S, `scaled svd #${i}`, 1e-12);
});

// ---- errors -------------------------------------------------------------------------------
type ErrorCase = { fn: string; args: unknown[]; kwargs: Record<string, unknown>; type: string; message: string };

function buildArg(x: unknown): NDArray {
  if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
    const [[kind, shape]] = Object.entries(x as Record<string, number[]>);
    return kind === 'ones' ? np.ones(shape) : np.zeros(shape);
  }
  return np.array([x].flat(Infinity as 1).map(decode)).reshape(shapeOf(x));
}

const shapeOf = (x: unknown): number[] => (Array.isArray(x) ? [x.length, ...shapeOf(x[0])] : []);

function call(c: ErrorCase): unknown {
  const [a, b] = c.args.map(buildArg);
  const kw = c.kwargs as Record<string, never>;
  switch (c.fn) {
    case 'solve': return linalg.solve(a, b);
    case 'lstsq': return linalg.lstsq(a, b);
    case 'norm': return linalg.norm(a, { ord: kw.ord === 'inf' ? Infinity : kw.ord, axis: kw.axis });
    case 'qr': return linalg.qr(a, kw);
    case 'eigh': return linalg.eigh(a, kw);
    default: return (linalg as unknown as Record<string, (x: NDArray) => unknown>)[c.fn](a);
  }
}

test('errors: NumPy\'s classes and messages', () => {
  for (const c of errors as ErrorCase[]) {
    const what = `${c.fn}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`;
    try {
      call(c);
    } catch (e) {
      assert.is((e as Error).name, c.type, `${what}: class`);
      assert.is((e as Error).message, c.message, `${what}: message`);
      continue;
    }
    assert.unreachable(`${what} did not throw`);
  }
});

test('errors are instances of np.LinAlgError / np.ValueError', () => {
  assert.throws(() => linalg.inv([[0, 0], [0, 0]]), (e: unknown) => e instanceof np.LinAlgError);
  assert.throws(() => linalg.norm([1, 2], { ord: 'fro' }), (e: unknown) => e instanceof np.ValueError);
});

test('results keep float32, other dtypes compute in float64', () => {
  const f32 = np.array([[2, 1], [1, 3]], { dtype: 'float32' });
  for (const r of [linalg.inv(f32), linalg.det(f32), linalg.cholesky(f32), linalg.eigvalsh(f32), linalg.norm(f32), linalg.pinv(f32)]) {
    assert.is(r.dtype, 'float32');
  }
  assert.is(linalg.inv(np.array([[2, 1], [1, 3]], { dtype: 'int32' })).dtype, 'float64');
  assert.is(linalg.solve(f32, [1, 2]).dtype, 'float64');
});

test('inputs are never modified', () => {
  const a = np.array([[4, 1, 2], [1, 5, 3], [2, 3, 6]]);
  const before = a.toArraySync();
  linalg.inv(a); linalg.det(a); linalg.cholesky(a); linalg.qr(a); linalg.svd(a); linalg.eigh(a); linalg.lstsq(a, [1, 2, 3]); linalg.pinv(a);
  assert.equal(a.toArraySync(), before);
});

test('linalg leaves no arrays behind', () => {
  const before = np.memory().cpu.arrays;
  const a = np.array([[4, 1], [1, 3]]);
  const outs = [linalg.solve(a, [1, 2]), linalg.inv([[1, 2], [3, 4]]), linalg.norm([[1, 2], [3, 4]], { ord: 2 })];
  const e = linalg.eigh(a);
  for (const x of [a, ...outs, e.eigenvalues, e.eigenvectors]) x.dispose();
  assert.is(np.memory().cpu.arrays, before);
});

test.run();
