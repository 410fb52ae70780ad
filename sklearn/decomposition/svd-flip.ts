// Making an SVD's signs deterministic (scikit-learn's svd_flip).
// A = U S Vᵀ is unchanged when column j of U and row j of Vᵀ are both negated, so every SVD routine
// may return either sign, and two libraries (or versions) often disagree. svd_flip picks one: the
// entry of largest magnitude in each column of U is made positive (u-based), or in each row of Vᵀ.
// The one thing to understand: after the flip, PCA components no longer depend on the SVD code.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { checkOptions } from '../utils/check-params.ts';
import { matrixArg } from '../validation.ts';
import { ValueError } from '../../ndarray/index.ts';

/** Flips in place: U is m x k (row-major), Vt is k x n. u-based: the sign of U's largest |entry|
 *  in column j (the first one on ties) becomes the sign of both column j of U and row j of Vt.
 *  U is walked row by row (one pass finds every column's pick, one applies the signs). */
export function svdFlipInPlace(U: Float64Array, m: number, Vt: Float64Array, n: number, k: number, uBasedDecision = true): void {
  const best = new Float64Array(k).fill(-1), pick = new Float64Array(k);
  if (uBasedDecision) {
    for (let i = 0; i < m; i++) {
      for (let j = 0, r = i * k; j < k; j++) {
        const x = U[r + j];
        if (Math.abs(x) > best[j]) { best[j] = Math.abs(x); pick[j] = x; }
      }
    }
  } else {
    for (let j = 0; j < k; j++) {
      for (let i = 0, r = j * n; i < n; i++) if (Math.abs(Vt[r + i]) > best[j]) { best[j] = Math.abs(Vt[r + i]); pick[j] = Vt[r + i]; }
    }
  }
  const sign = pick.map(Math.sign); // 0 for an all-zero vector, which then stays zero (as in NumPy)
  if (sign.every((s) => s === 1)) return;
  for (let i = 0; i < m; i++) for (let j = 0, r = i * k; j < k; j++) U[r + j] *= sign[j];
  for (let j = 0; j < k; j++) for (let i = 0, r = j * n; i < n; i++) Vt[r + i] *= sign[j];
}

/** sklearn.utils.extmath.svd_flip(u, v, u_based_decision): sign-corrected copies [U, Vt]. */
export function svdFlip(u: NDArray, v: NDArray, options: { uBasedDecision?: boolean } = {}): [NDArray, NDArray] {
  checkOptions('svdFlip', options, ['uBasedDecision']);
  [u, v] = [matrixArg('svdFlip', 'u', u), matrixArg('svdFlip', 'v', v)];
  const [m, k] = u.shape, n = v.shape[1];
  if (v.shape[0] !== k) throw new ValueError(`svdFlip(): u has ${k} columns but v has ${v.shape[0]} rows; expected u (m, k) and v (k, n)`);
  // dataSync gives a fresh copy of a float64 array, so it can be flipped in place
  const fresh = (a: NDArray): Float64Array => (a.dtype === 'float64' ? a : a.astype('float64')).dataSync() as Float64Array;
  const U = fresh(u), Vt = fresh(v);
  svdFlipInPlace(U, m, Vt, n, k, options.uBasedDecision ?? true);
  const own = { copy: false };
  return [np.NDArray.fromTyped(U, [m, k], 'float64', 'cpu', own), np.NDArray.fromTyped(Vt, [v.shape[0], n], 'float64', 'cpu', own)];
}
