// Householder reflectors: the orthogonal building block of QR, SVD (bidiagonalisation) and eigh
// (tridiagonalisation). H = I - tau v v^T (v[0] = 1) is a mirror that maps a vector x onto
// beta e1, zeroing every entry below the first. The one thing to understand: beta takes the sign
// opposite to x[0] (beta = -sign(x0) |x|), so x - beta e1 never subtracts two close numbers.
// This is LAPACK's dlarfg convention, which is what fixes the signs NumPy's qr returns.
// Matrices are row-major Float64Arrays; `ld` is the row length (number of columns) of the buffer.

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
  for (let i = r0; i < r1; i++) {
    const vi = v[i - r0];
    if (vi === 0) continue;
    const row = i * ld + c0;
    for (let j = 0; j < nc; j++) w[j] += vi * a[row + j];
  }
  for (let i = r0; i < r1; i++) {
    const f = tau * v[i - r0];
    if (f === 0) continue;
    const row = i * ld + c0;
    for (let j = 0; j < nc; j++) a[row + j] -= f * w[j];
  }
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
    let s = 0;
    for (let j = 0; j < nc; j++) s += a[row + j] * v[j];
    const f = tau * s;
    if (f === 0) continue;
    for (let j = 0; j < nc; j++) a[row + j] -= f * v[j];
  }
}

/** Rows r and s of a (length n each) become [c s; -s c] [row_r; row_s]: a plane (Givens) rotation.
 *  QR-type iterations (svd, eigh) keep their singular/eigen vectors as rows so this is contiguous. */
export function rotateRows(a: Float64Array, ld: number, r: number, s: number, c: number, sn: number, n: number): void {
  const pr = r * ld, ps = s * ld;
  for (let k = 0; k < n; k++) {
    const x = a[pr + k], y = a[ps + k];
    a[pr + k] = c * x + sn * y;
    a[ps + k] = c * y - sn * x;
  }
}
