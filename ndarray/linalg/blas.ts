// The vector kernels (BLAS level 1) the factorisations share, written for speed on Float64Arrays.
// A dot product summed into one variable makes every addition wait for the previous one; four
// partial sums let the CPU overlap them (about 3x faster), and add the products in a pairwise-like
// order that is, if anything, more accurate. Short vectors (n < 4) are summed left to right.

/** sum_k a[ia + k] * b[ib + k] for k < n (both contiguous). */
export function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += a[ia + k] * b[ib + k];
    s1 += a[ia + k + 1] * b[ib + k + 1];
    s2 += a[ia + k + 2] * b[ib + k + 2];
    s3 += a[ia + k + 3] * b[ib + k + 3];
  }
  let s = s0 + s1 + (s2 + s3);
  for (; k < n; k++) s += a[ia + k] * b[ib + k];
  return s;
}

/** y[iy + k] += alpha * x[ix + k] for k < n. */
export function axpy(alpha: number, x: Float64Array, ix: number, y: Float64Array, iy: number, n: number): void {
  for (let k = 0; k < n; k++) y[iy + k] += alpha * x[ix + k];
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
