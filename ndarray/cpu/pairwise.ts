// Pairwise summation, NumPy's way of adding many floats with little rounding error.
// Adding n numbers one after another lets the error grow like n; splitting the run in halves,
// summing each half and adding the two results lets it grow like log n. As in NumPy, runs of up to
// 128 use eight interleaved partial sums (also fast: eight independent additions per step), longer
// runs split at a multiple of 8, and a reduction feeds the sum in chunks of 8192 (NumPy's buffer).
import type { TypedArray } from '../dtype.ts';

/** NumPy's iterator buffer size: a long reduction is pairwise within chunks of this many elements. */
export const CHUNK = 8192;
const BLOCK = 128;
const fround = Math.fround;

/** sum(a[start + k*stride] for k < n) in float64, pairwise. */
export function pairwiseSum(a: TypedArray, start: number, n: number, stride: number): number {
  if (n < 8) {
    let res = 0;
    for (let k = 0, p = start; k < n; k++, p += stride) res += a[p];
    return res;
  }
  if (n <= BLOCK) {
    const s = stride;
    let r0 = a[start], r1 = a[start + s], r2 = a[start + 2 * s], r3 = a[start + 3 * s];
    let r4 = a[start + 4 * s], r5 = a[start + 5 * s], r6 = a[start + 6 * s], r7 = a[start + 7 * s];
    const whole = n - (n % 8);
    let k = 8, p = start + 8 * s;
    for (; k < whole; k += 8, p += 8 * s) {
      r0 += a[p]; r1 += a[p + s]; r2 += a[p + 2 * s]; r3 += a[p + 3 * s];
      r4 += a[p + 4 * s]; r5 += a[p + 5 * s]; r6 += a[p + 6 * s]; r7 += a[p + 7 * s];
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; k < n; k++, p += s) res += a[p];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2, stride) + pairwiseSum(a, start + n2 * stride, n - n2, stride);
}

/** The same sum computed in float32 arithmetic: every partial sum is rounded to float32, so the
 *  result is the one NumPy gets for a float32 array (not the more precise float64 sum). */
export function pairwiseSum32(a: TypedArray, start: number, n: number, stride: number): number {
  if (n < 8) {
    let res = 0;
    for (let k = 0, p = start; k < n; k++, p += stride) res = fround(res + a[p]);
    return res;
  }
  if (n <= BLOCK) {
    const s = stride;
    let r0 = a[start], r1 = a[start + s], r2 = a[start + 2 * s], r3 = a[start + 3 * s];
    let r4 = a[start + 4 * s], r5 = a[start + 5 * s], r6 = a[start + 6 * s], r7 = a[start + 7 * s];
    const whole = n - (n % 8);
    let k = 8, p = start + 8 * s;
    for (; k < whole; k += 8, p += 8 * s) {
      r0 = fround(r0 + a[p]); r1 = fround(r1 + a[p + s]); r2 = fround(r2 + a[p + 2 * s]); r3 = fround(r3 + a[p + 3 * s]);
      r4 = fround(r4 + a[p + 4 * s]); r5 = fround(r5 + a[p + 5 * s]); r6 = fround(r6 + a[p + 6 * s]); r7 = fround(r7 + a[p + 7 * s]);
    }
    let res = fround(fround(fround(r0 + r1) + fround(r2 + r3)) + fround(fround(r4 + r5) + fround(r6 + r7)));
    for (; k < n; k++, p += s) res = fround(res + a[p]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return fround(pairwiseSum32(a, start, n2, stride) + pairwiseSum32(a, start + n2 * stride, n - n2, stride));
}
