// Least squares, pseudo-inverse and rank, all from the SVD A = U diag(s) V^T.
// The x minimising ||A x - b|| (and, among those, ||x||) is x = V diag(1/s_i) U^T b, where the
// one thing to understand is the cutoff: singular values below rcond * s_max are noise, and
// dividing by them would blow the noise up, so they count as exact zeros. Their number decides
// the rank. pinv(A) is the same formula with b = I; matrixRank counts the values above tol.
import { type ArrayLike, NDArray } from '../ndarray.ts';
import { LinAlgError } from '../errors.ts';
import { svdFactor } from './svd.ts';
import { type Dense, readDense, readStack, asStack, assert2d, resultDType, wrap, matrixAt } from './stack.ts';
import { checkOptions } from '../options.ts';

const EPS64 = 2 ** -52, EPS32 = 2 ** -23;

/** x (n x k) = V diag(1/s_i, i < rank) U^T b for b (m x k), from a reduced SVD (u: m x r, vh: r x n). */
function svdSolve(u: Float64Array, s: Float64Array, vh: Float64Array, rank: number, b: Float64Array, m: number, n: number, k: number): Float64Array {
  const r = s.length;
  const x = new Float64Array(n * k), t = new Float64Array(k);
  for (let i = 0; i < rank; i++) {
    // t = (u_i . b) / s_i, one row of U^T b; then x += v_i t (v_i is row i of vh).
    t.fill(0);
    for (let p = 0; p < m; p++) {
      const up = u[p * r + i];
      for (let c = 0; c < k; c++) t[c] += up * b[p * k + c];
    }
    for (let c = 0; c < k; c++) t[c] /= s[i];
    for (let j = 0; j < n; j++) {
      const vij = vh[i * n + j];
      for (let c = 0; c < k; c++) x[j * k + c] += vij * t[c];
    }
  }
  return x;
}

/** Number of singular values (descending) strictly above `cutoff`. */
function countAbove(s: Float64Array, cutoff: number): number {
  let r = 0;
  while (r < s.length && s[r] > cutoff) r++;
  return r;
}

/** Column sums of (b - a x)^2: a m x n, x n x k, b m x k. */
function residualSquares(a: Float64Array, x: Float64Array, b: Float64Array, m: number, n: number, k: number): Float64Array {
  const out = new Float64Array(k), row = new Float64Array(k);
  for (let p = 0; p < m; p++) {
    row.set(b.subarray(p * k, (p + 1) * k));
    for (let j = 0; j < n; j++) {
      const apj = a[p * n + j];
      for (let c = 0; c < k; c++) row[c] -= apj * x[j * k + c];
    }
    for (let c = 0; c < k; c++) out[c] += row[c] * row[c];
  }
  return out;
}

export interface LstsqResult {
  /** The least-squares solution, (N,) or (N, K) like b. */
  x: NDArray;
  /** Squared residual norms per column of b, (K,) ((1,) for a vector b); empty when rank < N or M <= N. */
  residuals: NDArray;
  rank: number;
  /** Singular values of a, descending. */
  s: NDArray;
}

/** np.linalg.lstsq(a, b, {rcond}) for a (M, N) and b (M,) or (M, K). Singular values at or below
 *  rcond * s_max are treated as zero; rcond defaults to eps * max(M, N) (NumPy's rcond=None), and an
 *  rcond outside (0, 1), -1 for instance, means eps (LAPACK's convention, which NumPy inherits). */
export function lstsq(a: ArrayLike, b: ArrayLike, options: { rcond?: number | null } = {}): LstsqResult {
  checkOptions('lstsq', options, ['rcond']);
  const A = readDense(a, 'lstsq'), B0 = readDense(b, 'lstsq');
  const vector = B0.shape.length === 1;
  const B: Dense = vector ? { ...B0, shape: [B0.shape[0], 1] } : B0;
  assert2d(A);
  assert2d(B);
  const [m, n] = A.shape, [m2, k] = B.shape;
  if (m !== m2) throw new LinAlgError('Incompatible dimensions');
  const dtype = resultDType(A.dtype, B.dtype);
  let rcond = options.rcond ?? EPS64 * Math.max(m, n);
  if (!(rcond > 0 && rcond < 1)) rcond = EPS64; // LAPACK's gelsd: rcond <= 0 or >= 1 means machine precision
  if (!A.data.every(Number.isFinite)) throw new LinAlgError('SVD did not converge in Linear Least Squares');
  const f = svdFactor(A.data.slice(), m, n, 'reduced');
  const rank = f.s.length ? countAbove(f.s, rcond * f.s[0]) : 0;
  const x = svdSolve(f.u as Float64Array, f.s, f.vh as Float64Array, rank, B.data, m, n, k);
  const full = rank === n && m > n;
  const residuals = full ? residualSquares(A.data, x, B.data, m, n, k) : new Float64Array(0);
  return {
    x: wrap(x, vector ? [n] : [n, k], dtype),
    residuals: wrap(residuals, [residuals.length], dtype),
    rank,
    s: wrap(f.s, [f.s.length], dtype),
  };
}

/** np.linalg.pinv(a, {rcond = 1e-15}): the Moore-Penrose pseudo-inverse of each (..., M, N) matrix,
 *  shape (..., N, M); singular values at or below rcond * s_max are dropped. */
export function pinv(a: ArrayLike, options: { rcond?: number } = {}): NDArray {
  checkOptions('pinv', options, ['rcond'], ['hermitian', 'rtol']);
  const rcond = options.rcond ?? 1e-15;
  const A = readStack(a, 'pinv');
  const { rows: m, cols: n, count, batch } = A;
  const out = new Float64Array(count * n * m);
  if (m > 0 && n > 0) {
    const eye = new Float64Array(m * m);
    for (let i = 0; i < m; i++) eye[i * m + i] = 1;
    for (let b = 0; b < count; b++) {
      const f = svdFactor(matrixAt(A.data, b, m * n), m, n, 'reduced');
      const rank = countAbove(f.s, rcond * f.s[0]);
      matrixAt(out, b, n * m).set(svdSolve(f.u as Float64Array, f.s, f.vh as Float64Array, rank, eye, m, n, m));
    }
  }
  return wrap(out, [...batch, n, m], A.dtype);
}

/** np.linalg.matrixRank(a, {tol}): the number of singular values above tol for each (..., M, N)
 *  matrix (int32, shape (...)); tol defaults to s_max * max(M, N) * eps of the result dtype.
 *  Arrays with fewer than 2 dimensions have rank 1 unless all zero. */
export function matrixRank(a: ArrayLike, options: { tol?: number } = {}): NDArray {
  checkOptions('matrix_rank', options, ['tol'], ['hermitian', 'rtol']);
  const d = readDense(a, 'matrixRank');
  if (d.shape.length < 2) return NDArray.fromTyped(Int32Array.of(d.data.some((v) => v !== 0) ? 1 : 0), [], 'int32');
  const A = asStack(d);
  const { rows: m, cols: n, count, batch } = A;
  const f32 = A.dtype === 'float32';
  // In float32 NumPy compares float32 singular values with a float32 tolerance.
  const round = f32 ? Math.fround : (v: number) => v;
  const out = new Int32Array(count);
  for (let b = 0; b < count; b++) {
    const s = svdFactor(matrixAt(A.data, b, m * n), m, n, 'none').s.map(round);
    if (!s.length) continue;
    const tol = options.tol ?? round(round(s[0] * Math.max(m, n)) * (f32 ? EPS32 : EPS64));
    out[b] = countAbove(s, tol);
  }
  return NDArray.fromTyped(out, batch, 'int32');
}
