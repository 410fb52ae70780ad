// Making an SVD's signs deterministic (scikit-learn's svd_flip).
// A = U S Vᵀ is unchanged when column j of U and row j of Vᵀ are both negated, so every SVD routine
// may return either sign, and two libraries (or versions) often disagree. svd_flip picks one: the
// entry of largest magnitude in each column of U is made positive (u-based), or in each row of Vᵀ.
// The one thing to understand: after the flip, PCA components no longer depend on the SVD code.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';

/** Flips in place: U is m x k (row-major), Vt is k x n. u-based: the sign of U's largest |entry|
 *  in column j (the first one on ties) becomes the sign of both column j of U and row j of Vt. */
export function svdFlipInPlace(U: Float64Array, m: number, Vt: Float64Array, n: number, k: number, uBasedDecision = true): void {
  for (let j = 0; j < k; j++) {
    let pick = 0, best = -1;
    if (uBasedDecision) {
      for (let i = 0; i < m; i++) if (Math.abs(U[i * k + j]) > best) { best = Math.abs(U[i * k + j]); pick = U[i * k + j]; }
    } else {
      for (let i = 0; i < n; i++) if (Math.abs(Vt[j * n + i]) > best) { best = Math.abs(Vt[j * n + i]); pick = Vt[j * n + i]; }
    }
    const sign = Math.sign(pick); // 0 for an all-zero vector, which then stays zero (as in NumPy)
    for (let i = 0; i < m; i++) U[i * k + j] *= sign;
    for (let i = 0; i < n; i++) Vt[j * n + i] *= sign;
  }
}

/** sklearn.utils.extmath.svd_flip(u, v, u_based_decision): sign-corrected copies [U, Vt]. */
export function svdFlip(u: NDArray, v: NDArray, options: { uBasedDecision?: boolean } = {}): [NDArray, NDArray] {
  const [m, k] = u.shape, n = v.shape[1];
  const U = Float64Array.from(u.astype('float64').dataSync()), Vt = Float64Array.from(v.astype('float64').dataSync());
  svdFlipInPlace(U, m, Vt, n, k, options.uBasedDecision ?? true);
  return [np.NDArray.fromTyped(U, [m, k], 'float64'), np.NDArray.fromTyped(Vt, [v.shape[0], n], 'float64')];
}
