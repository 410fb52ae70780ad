// LU factorisation with partial pivoting: P A = L U, L unit lower triangular, U upper triangular.
// Gaussian elimination column by column; at step k the row with the largest |a_ik| (i >= k) is
// swapped up so every multiplier l_ik = a_ik / a_kk has |l_ik| <= 1, which keeps rounding errors
// from growing. With the factors, A x = b is two triangular solves (L y = P b, then U x = y),
// det A = (-1)^swaps * prod(u_kk), and inv A solves A X = I. A zero pivot means A is singular.
import type { ArrayLike, NDArray } from '../ndarray.ts';
import { broadcastShapes, shapeSize } from '../shape.ts';
import { LinAlgError, ValueError } from '../errors.ts';
import { dot, axpy } from './blas.ts';
import { type Stack, readStack, readDense, resultDType, wrap, matrixAt, batchSources } from './stack.ts';

/** Factors the n x n matrix `a` in place (L below the diagonal, U on and above); piv[k] is the
 *  row swapped with row k. Returns the first k with u_kk = 0, or -1.
 *  Left-looking ("Crout") order, as OpenBLAS's getf2 that NumPy calls: column j is finished in one
 *  go, a_ij -= (l_i0 u_0j + ... ), the sum being a dot product of row i with a copy of column j.
 *  Summing before subtracting is what makes e.g. [[1,2,3],[4,5,6],[7,8,9]] exactly singular here
 *  as in NumPy. */
export function luFactor(a: Float64Array, n: number, piv: Int32Array): number {
  let zeroPivot = -1;
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) col[i] = a[i * n + j];
    for (let i = 1; i < n; i++) {
      col[i] -= dot(a, i * n, col, 0, Math.min(i, j));
      a[i * n + j] = col[i];
    }
    let p = j, big = Math.abs(col[j]);
    for (let i = j + 1; i < n; i++) {
      const v = Math.abs(col[i]);
      if (v > big) { big = v; p = i; }
    }
    piv[j] = p;
    if (p !== j) swapRows(a, n, p, j);
    const ujj = a[j * n + j];
    if (ujj === 0) {
      if (zeroPivot < 0) zeroPivot = j;
      continue;
    }
    const rinv = 1 / ujj;
    for (let i = j + 1; i < n; i++) a[i * n + j] *= rinv;
  }
  return zeroPivot;
}

function swapRows(a: Float64Array, ncols: number, r: number, s: number): void {
  for (let j = 0, pr = r * ncols, ps = s * ncols; j < ncols; j++) {
    const t = a[pr + j];
    a[pr + j] = a[ps + j];
    a[ps + j] = t;
  }
}

/** Overwrites b (n x k) with A^-1 b, given the factors of A: permute, L y = P b, U x = y. */
export function luSolve(lu: Float64Array, n: number, piv: Int32Array, b: Float64Array, k: number): void {
  for (let i = 0; i < n; i++) if (piv[i] !== i) swapRows(b, k, i, piv[i]);
  // Forward substitution: y_i = b_i - sum_{j<i} l_ij y_j (whole rows of b at once).
  for (let i = 1; i < n; i++) {
    const bi = i * k;
    for (let j = 0; j < i; j++) if (lu[i * n + j] !== 0) axpy(-lu[i * n + j], b, j * k, b, bi, k);
  }
  // Back substitution: x_i = (y_i - sum_{j>i} u_ij x_j) / u_ii.
  for (let i = n - 1; i >= 0; i--) {
    const bi = i * k;
    for (let j = i + 1; j < n; j++) if (lu[i * n + j] !== 0) axpy(-lu[i * n + j], b, j * k, b, bi, k);
    const r = 1 / lu[i * n + i];
    for (let c = 0; c < k; c++) b[bi + c] *= r;
  }
}

/** sign and log|det| from the factors: det = (-1)^swaps prod u_kk. Logs never overflow. */
export function luLogDet(lu: Float64Array, n: number, piv: Int32Array): { sign: number; logabsdet: number } {
  let sign = 1, logabsdet = 0;
  for (let k = 0; k < n; k++) {
    const u = lu[k * n + k];
    if (u === 0) return { sign: 0, logabsdet: -Infinity };
    if (piv[k] !== k) sign = -sign;
    if (u < 0) sign = -sign;
    logabsdet += Math.log(Math.abs(u));
  }
  return { sign, logabsdet };
}

/** det from the factors as (-1)^swaps * prod u_kk, the product kept as mantissa * 2^exponent so
 *  intermediate products cannot overflow or underflow when the determinant itself does not. */
export function luDet(lu: Float64Array, n: number, piv: Int32Array): number {
  let mant = 1, exp = 0;
  for (let k = 0; k < n; k++) {
    const u = lu[k * n + k];
    if (u === 0) return 0;
    if (piv[k] !== k) mant = -mant;
    const [um, ue] = frexp(u);
    const [mm, me] = frexp(mant * um);
    mant = mm;
    exp += ue + me;
  }
  const half = Math.trunc(exp / 2);
  return mant * 2 ** half * 2 ** (exp - half);
}

/** x = m * 2^e with 1 <= |m| < 4 (a power of two divides exactly, so no rounding). */
function frexp(x: number): [number, number] {
  if (!Number.isFinite(x)) return [x, 0];
  const e = Math.floor(Math.log2(Math.abs(x)));
  return [x / 2 ** e, e];
}

/** np.linalg.solve(a, b): x with a @ x = b. a is (..., M, M); b is (..., M) when it has one
 *  dimension less than a (NumPy 1.x's rule), else (..., M, K); batch dimensions broadcast.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const a = [[3, 1], [1, 2]];
 * const x = np.linalg.solve(a, [9, 8]); // 3x + y = 9, x + 2y = 8
 * console.log(x, await np.allclose(np.matmul(a, x), [9, 8]));
 * ```
 *
 * ```text output
 * array([2., 3.]) true
 * ```
 */
export function solve(a: ArrayLike, b: ArrayLike): NDArray {
  const A = readStack(a, 'solve', true);
  const B = readDense(b, 'solve');
  const vector = B.shape.length === A.shape.length - 1;
  const core = vector ? 1 : 2;
  const name = vector ? 'solve1' : 'solve';
  const sig = vector ? '(m,m),(m)->(m)' : '(m,m),(m,n)->(m,n)';
  if (B.shape.length < core) {
    throw new ValueError(`${name}: Input operand 1 does not have enough dimensions (has ${B.shape.length}, gufunc core with signature ${sig} requires ${core})`);
  }
  const n = A.rows;
  const bRows = B.shape[B.shape.length - core];
  if (bRows !== n) {
    throw new ValueError(`${name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${sig} (size ${bRows} is different from ${n})`);
  }
  const k = vector ? 1 : B.shape[B.shape.length - 1];
  const bBatch = B.shape.slice(0, B.shape.length - core);
  const batch = broadcastShapes(A.batch, bBatch);
  const count = shapeSize(batch);
  const srcA = batchSources(batch, A.batch), srcB = batchSources(batch, bBatch);
  const out = new Float64Array(count * n * k);
  const piv = new Int32Array(n);
  for (let m = 0; m < count; m++) {
    const lu = matrixAt(A.data, srcA[m], n * n).slice();
    if (luFactor(lu, n, piv) >= 0) throw new LinAlgError('Singular matrix');
    const x = matrixAt(out, m, n * k);
    x.set(matrixAt(B.data, srcB[m], n * k));
    luSolve(lu, n, piv, x, k);
  }
  const shape = vector ? [...batch, n] : [...batch, n, k];
  return wrap(out, shape, resultDType(A.dtype, B.dtype));
}

/** np.linalg.inv(a): the inverse of each matrix of a stack (..., M, M); solves A X = I. */
export function inv(a: ArrayLike): NDArray {
  const A = readStack(a, 'inv', true);
  const n = A.rows, size = n * n;
  const out = new Float64Array(A.count * size);
  const piv = new Int32Array(n);
  for (let m = 0; m < A.count; m++) {
    const lu = matrixAt(A.data, m, size);
    if (luFactor(lu, n, piv) >= 0) throw new LinAlgError('Singular matrix');
    const x = matrixAt(out, m, size);
    for (let i = 0; i < n; i++) x[i * n + i] = 1;
    luSolve(lu, n, piv, x, n);
  }
  return wrap(out, A.shape, A.dtype);
}

/** np.linalg.det(a): determinants of a stack (..., M, M), shape (...) (0-d for one matrix).
 *  A singular matrix has determinant 0 (no error). */
export function det(a: ArrayLike): NDArray {
  const A = readStack(a, 'det', true);
  return wrap(perMatrixLU(A, luDet), A.batch, A.dtype);
}

/** np.linalg.slogdet(a): {sign, logabsdet} with det = sign * exp(logabsdet), safe from overflow. */
export function slogdet(a: ArrayLike): { sign: NDArray; logabsdet: NDArray } {
  const A = readStack(a, 'slogdet', true);
  const logabsdet = new Float64Array(A.count);
  const sign = perMatrixLU(A, (lu, n, piv, m) => {
    const r = luLogDet(lu, n, piv);
    logabsdet[m] = r.logabsdet;
    return r.sign;
  });
  return { sign: wrap(sign, A.batch, A.dtype), logabsdet: wrap(logabsdet, A.batch, A.dtype) };
}

/** Factors every matrix of the stack (in place) and maps matrix m's factors to one number. */
function perMatrixLU(A: Stack, f: (lu: Float64Array, n: number, piv: Int32Array, m: number) => number): Float64Array {
  const n = A.rows;
  const out = new Float64Array(A.count);
  const piv = new Int32Array(n);
  for (let m = 0; m < A.count; m++) {
    const lu = matrixAt(A.data, m, n * n);
    luFactor(lu, n, piv);
    out[m] = f(lu, n, piv, m);
  }
  return out;
}
