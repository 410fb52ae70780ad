// Householder QR: A = Q R with Q orthogonal and R upper triangular.
// Column k of R comes from one reflector H_k that zeroes column k below the diagonal; then
// R = H_{K-1} ... H_1 H_0 A and Q = H_0 H_1 ... H_{K-1} (each H is its own inverse). Orthogonal
// transformations never amplify rounding errors, which is why QR is the stable way to solve least
// squares. Like LAPACK (dgeqrf + dorgqr), the reflectors are stored below R's diagonal and Q is
// built afterwards by applying them backwards to the identity; R's diagonal is -sign(a_kk) * norm,
// so its signs match NumPy's. Tall matrices take the blocked form (blocked-householder.ts): the same
// reflectors, applied by matrix products.
import type { ArrayLike, NDArray } from '../ndarray.ts';
import { ValueError } from '../errors.ts';
import { makeReflector, loadReflector, applyLeft } from './householder.ts';
import { readStack, wrap, matrixAt } from './stack.ts';
import { blockedQR, explicitQ } from './blocked-householder.ts';
import { checkOptions } from '../options.ts';

/** From this many rows on, a matrix at least twice as tall as wide takes the blocked QR. */
const BLOCKED_ROWS = 512;

/** Factors the m x n matrix `a` in place: R on and above the diagonal, reflector k's vector below
 *  a_kk in column k. Returns the reflectors' tau. */
export function householderQR(a: Float64Array, m: number, n: number): Float64Array {
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const v = new Float64Array(m), w = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    tau[j] = makeReflector(a, j * n + j, n, m - j);
    loadReflector(a, j * n + j, n, m - j, v);
    applyLeft(a, n, v, tau[j], j, m, j + 1, n, w);
  }
  return tau;
}

/** The first `cols` columns of Q = H_0 ... H_{k-1} (an m x cols matrix), from the reflectors
 *  that `householderQR` left in `qr` (m x n): Q = H_0 (H_1 (... (H_{k-1} I))). */
export function formQ(qr: Float64Array, m: number, n: number, tau: Float64Array, cols: number): Float64Array {
  const q = new Float64Array(m * cols);
  for (let i = 0; i < Math.min(m, cols); i++) q[i * cols + i] = 1;
  const v = new Float64Array(m), w = new Float64Array(cols);
  for (let j = tau.length - 1; j >= 0; j--) {
    loadReflector(qr, j * n + j, n, m - j, v);
    // H_j touches rows j.. only, and columns < j of the partial product are still e_0..e_{j-1}.
    applyLeft(q, cols, v, tau[j], j, m, j, cols, w);
  }
  return q;
}

/** The upper triangle of the first `rows` rows of the m x n factored matrix. */
export function upper(qr: Float64Array, n: number, rows: number): Float64Array {
  const r = new Float64Array(rows * n);
  for (let i = 0; i < rows; i++) for (let j = i; j < n; j++) r[i * n + j] = qr[i * n + j];
  return r;
}

export type QRMode = 'reduced' | 'complete' | 'r';

/** np.linalg.qr(a, {mode}) for a stack (..., M, N), K = min(M, N):
 *  'reduced' (default) {Q: (..., M, K), R: (..., K, N)}; 'complete' {Q: (..., M, M), R: (..., M, N)};
 *  'r' returns R (..., K, N) alone. */
export function qr(a: ArrayLike, options: { mode: 'r' }): NDArray;
export function qr(a: ArrayLike, options?: { mode?: 'reduced' | 'complete' }): { Q: NDArray; R: NDArray };
export function qr(a: ArrayLike, options: { mode?: QRMode } = {}): NDArray | { Q: NDArray; R: NDArray } {
  checkOptions('qr', options, ['mode']);
  const mode = options.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') throw new ValueError(`Unrecognized mode '${String(mode)}'`);
  const A = readStack(a, 'qr');
  const { rows: m, cols: n, count, batch } = A;
  const k = Math.min(m, n);
  const qCols = mode === 'complete' ? m : k;
  const rRows = mode === 'complete' ? m : k;
  const qOut = new Float64Array(count * m * qCols), rOut = new Float64Array(count * rRows * n);
  for (let b = 0; b < count; b++) {
    const f = matrixAt(A.data, b, m * n);
    if (m >= BLOCKED_ROWS && m >= 2 * n && n > 0) {
      // Tall: the blocked QR, and Q by matrix products (blocked-householder.ts).
      const compact = blockedQR(f, m, n);
      matrixAt(rOut, b, rRows * n).set(upper(f, n, Math.min(rRows, m)));
      if (mode !== 'r') matrixAt(qOut, b, m * qCols).set(explicitQ(compact, qCols));
      continue;
    }
    const tau = householderQR(f, m, n);
    matrixAt(rOut, b, rRows * n).set(upper(f, n, Math.min(rRows, m)));
    if (mode !== 'r') matrixAt(qOut, b, m * qCols).set(formQ(f, m, n, tau, qCols));
  }
  const R = wrap(rOut, [...batch, rRows, n], A.dtype);
  if (mode === 'r') return R;
  return { Q: wrap(qOut, [...batch, m, qCols], A.dtype), R };
}
