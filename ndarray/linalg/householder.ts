// Householder reflectors: the orthogonal building block of QR, SVD (bidiagonalisation) and eigh
// (tridiagonalisation). H = I - tau v v^T (v[0] = 1) is a mirror that maps a vector x onto
// beta e1, zeroing every entry below the first. The one thing to understand: beta takes the sign
// opposite to x[0] (beta = -sign(x0) |x|), so x - beta e1 never subtracts two close numbers.
// This is LAPACK's dlarfg convention, which is what fixes the signs NumPy's qr returns.
// Matrices are row-major Float64Arrays; `ld` is the row length (number of columns) of the buffer.
import { dot, axpy } from './blas.ts';

/** ||x|| for x = a[start + i*stride], i < n, scaled by max|x_i| so squares cannot overflow or underflow. */
export function norm2(a: Float64Array, start: number, stride: number, n: number): number {
  let scale = 0;
  for (let i = 0, p = start; i < n; i++, p += stride) scale = Math.max(scale, Math.abs(a[p]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let ssq = 0;
  for (let i = 0, p = start; i < n; i++, p += stride) {
    const t = a[p] / scale;
    ssq += t * t;
  }
  return scale * Math.sqrt(ssq);
}

/** Turns x = a[start + i*stride] (i < n) into its reflector, in place (LAPACK's dlarfg):
 *  afterwards a[start] = beta and a[start + i*stride] = v_i for i >= 1 (v_0 = 1 is implicit).
 *  Returns tau = (beta - x0)/beta, with tau = 0 (H = I) when x is already a multiple of e1. */
export function makeReflector(a: Float64Array, start: number, stride: number, n: number): number {
  if (n <= 1) return 0;
  const alpha = a[start];
  const xnorm = norm2(a, start + stride, stride, n - 1);
  if (xnorm === 0) return 0;
  const r = Math.hypot(alpha, xnorm);
  const beta = alpha >= 0 ? -r : r;
  // v = x / (x0 - beta): x0 and -beta have the same sign, so the denominator has no cancellation.
  const scale = 1 / (alpha - beta);
  for (let i = 1, p = start + stride; i < n; i++, p += stride) a[p] *= scale;
  a[start] = beta;
  return (beta - alpha) / beta;
}

/** Copies the reflector stored at a[start + i*stride] (i >= 1) into v[0..n), with v[0] = 1. */
export function loadReflector(a: Float64Array, start: number, stride: number, n: number, v: Float64Array): void {
  v[0] = 1;
  for (let i = 1, p = start + stride; i < n; i++, p += stride) v[i] = a[p];
}

/** A[r0:r1, c0:c1] = H A[r0:r1, c0:c1] with H = I - tau v v^T, v of length r1 - r0.
 *  Row-major friendly: w = v^T A is a sum of rows, then every row i moves by -tau v_i w. */
export function applyLeft(
  a: Float64Array, ld: number, v: Float64Array, tau: number,
  r0: number, r1: number, c0: number, c1: number, w: Float64Array,
): void {
  if (tau === 0 || c1 <= c0) return;
  const nc = c1 - c0;
  w.fill(0, 0, nc);
  for (let i = r0; i < r1; i++) if (v[i - r0] !== 0) axpy(v[i - r0], a, i * ld + c0, w, 0, nc);
  for (let i = r0; i < r1; i++) if (v[i - r0] !== 0) axpy(-tau * v[i - r0], w, 0, a, i * ld + c0, nc);
}

/** A[r0:r1, c0:c1] = A[r0:r1, c0:c1] H with H = I - tau v v^T, v of length c1 - c0:
 *  each row x becomes x - tau (x . v) v. */
export function applyRight(
  a: Float64Array, ld: number, v: Float64Array, tau: number,
  r0: number, r1: number, c0: number, c1: number,
): void {
  if (tau === 0) return;
  const nc = c1 - c0;
  for (let i = r0; i < r1; i++) {
    const row = i * ld + c0;
    const f = tau * dot(a, row, v, 0, nc);
    if (f !== 0) axpy(-f, v, 0, a, row, nc);
  }
}

/** The n x n product H_0 H_1 ... H_{n-2} of reflectors stored in rows: H_k acts on indices
 *  k+1..n-1, its vector lies right of a[k][k+1] (as bidiagonalisation and tridiagonalisation leave
 *  them). Built backwards, H_0 (H_1 (... I)), so each step only touches the trailing block. */
export function rowReflectorProduct(a: Float64Array, n: number, tau: Float64Array): Float64Array {
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) p[i * n + i] = 1;
  const v = new Float64Array(n), w = new Float64Array(n);
  for (let k = n - 2; k >= 0; k--) {
    loadReflector(a, k * n + k + 1, 1, n - k - 1, v);
    applyLeft(p, n, v, tau[k], k + 1, n, k + 1, n, w);
  }
  return p;
}
