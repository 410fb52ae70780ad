// Centring the data so the intercept need not be learned (scikit-learn's _preprocess_data).
// With x̄ and ȳ the (sample-weighted) column means, minimising ||(y - ȳ) - (X - x̄) w|| gives the
// same w as fitting y ≈ X w + b, and then b = ȳ - x̄ · w. So every linear model centres X and y,
// solves a problem with no intercept, and recovers b at the end (`interceptFrom`). Sample weights
// s_i enter least squares as sqrt(s_i) times each row (`rescaleRows`): Σ s_i r_i² = ||sqrt(S) r||².
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { valuesOf } from '../validation.ts';

export interface Offsets {
  /** x̄ (features,). */
  xOffset: NDArray;
  /** ȳ (targets,). */
  yOffset: NDArray;
}

/** Column means Σ_i s_i a_ij / Σ_i s_i (plain means when `sw` is null), as np.average(a, axis=0,
 *  weights=sw): one pass down the rows of `a`, both sums in row order whatever the number of columns.
 *  (A loop over the buffer: np.average and sᵀA by np.matmul take 1.5 times as long on 100,000 x 50.) */
export function columnMeans(a: NDArray, sw: Float64Array | null): NDArray {
  const [n, p] = a.shape, data = valuesOf(a);
  const sums = new Float64Array(p);
  let total = 0;
  for (let i = 0, off = 0; i < n; i++, off += p) {
    const s = sw ? sw[i] : 1;
    total += s;
    for (let j = 0; j < p; j++) sums[j] += s * data[off + j];
  }
  return np.divide(sums, total);
}

/** The weighted column means of X and Y when fitting an intercept, else zeros (nothing to remove). */
export function dataOffsets(X: NDArray, Y: NDArray, fitIntercept: boolean, sw: Float64Array | null): Offsets {
  if (!fitIntercept) return { xOffset: np.zeros(X.shape[1]), yOffset: np.zeros(Y.shape[1]) };
  return { xOffset: columnMeans(X, sw), yOffset: columnMeans(Y, sw) };
}

/** X - 1 offsetᵀ as a new array (X itself is only read). */
export function centred(X: NDArray, offset: NDArray): NDArray {
  return np.subtract(X, offset);
}

/** Centred copies of X and Y when fitting an intercept (plain copies without one, the offsets 0). */
export function centreData(X: NDArray, Y: NDArray, fitIntercept: boolean, sw: Float64Array | null): Offsets & { X: NDArray; Y: NDArray } {
  const offsets = dataOffsets(X, Y, fitIntercept, sw);
  return { ...offsets, X: centred(X, offsets.xOffset), Y: centred(Y, offsets.yOffset) };
}

/** Multiplies row i of each array by sqrt(sw_i), in place (callers pass their own copies); returns
 *  the square roots. */
export function rescaleRows(sw: Float64Array, ...arrays: NDArray[]): NDArray {
  const sqrtSw = np.sqrt(sw);
  const column = sqrtSw.reshape([-1, 1]);
  for (const a of arrays) np.multiply(a, column, { out: a });
  return sqrtSw;
}

/** b_t = ȳ_t - x̄ · w_t for coef (targets, features): the intercept the centring removed. */
export function interceptFrom(coef: NDArray, xOffset: NDArray, yOffset: NDArray): NDArray {
  return np.subtract(yOffset, np.matmul(coef, xOffset));
}
