// Centring the data so the intercept need not be learned (scikit-learn's _preprocess_data).
// With x̄ and ȳ the (sample-weighted) column means, minimising ||(y - ȳ) - (X - x̄) w|| gives the
// same w as fitting y ≈ X w + b, and then b = ȳ - x̄ · w. So every linear model centres X and y,
// solves a problem with no intercept, and recovers b at the end (`interceptFrom`). Sample weights
// s_i enter least squares as sqrt(s_i) times each row (`rescaleRows`): Σ s_i r_i² = ||sqrt(S) r||².
import { type Matrix, matrix } from './solvers/dense.ts';

export interface Offsets {
  xOffset: Float64Array;
  yOffset: Float64Array;
}

/** Column means Σ_i s_i a_ij / Σ_i s_i (plain means when `sw` is null), as np.average(a, axis=0). */
export function columnMeans(a: Matrix, sw: Float64Array | null): Float64Array {
  const { data, rows, cols } = a;
  const means = new Float64Array(cols);
  let total = 0;
  for (let i = 0, off = 0; i < rows; i++, off += cols) {
    const s = sw ? sw[i] : 1;
    total += s;
    for (let j = 0; j < cols; j++) means[j] += s * data[off + j];
  }
  for (let j = 0; j < cols; j++) means[j] /= total;
  return means;
}

function subtractRowVector(a: Matrix, v: Float64Array): void {
  const { data, rows, cols } = a;
  for (let i = 0, off = 0; i < rows; i++, off += cols) {
    for (let j = 0; j < cols; j++) data[off + j] -= v[j];
  }
}

/** The weighted column means of X and Y when fitting an intercept, else zeros (nothing to remove). */
export function dataOffsets(X: Matrix, Y: Matrix, fitIntercept: boolean, sw: Float64Array | null): Offsets {
  if (!fitIntercept) return { xOffset: new Float64Array(X.cols), yOffset: new Float64Array(Y.cols) };
  return { xOffset: columnMeans(X, sw), yOffset: columnMeans(Y, sw) };
}

/** Centres X and Y IN PLACE on their weighted means when fitting an intercept (callers pass their own
 *  copies); without an intercept they are left alone and the offsets are 0. */
export function centreData(X: Matrix, Y: Matrix, fitIntercept: boolean, sw: Float64Array | null): Offsets {
  const offsets = dataOffsets(X, Y, fitIntercept, sw);
  if (fitIntercept) {
    subtractRowVector(X, offsets.xOffset);
    subtractRowVector(Y, offsets.yOffset);
  }
  return offsets;
}

/** A - 1 offsetᵀ as a new matrix (A itself is only read). */
export function centredCopy(a: Matrix, offset: Float64Array): Matrix {
  const out = matrix(a.rows, a.cols, a.data.slice());
  subtractRowVector(out, offset);
  return out;
}

/** Multiplies row i of each matrix by sqrt(sw_i), in place; returns the square roots. */
export function rescaleRows(sw: Float64Array, ...mats: Matrix[]): Float64Array {
  const sqrtSw = sw.map(Math.sqrt);
  for (const m of mats) {
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) m.data[i * m.cols + j] *= sqrtSw[i];
    }
  }
  return sqrtSw;
}

/** b_t = ȳ_t - x̄ · w_t for coef (targets x features): the intercept the centring removed. */
export function interceptFrom(coef: Matrix, xOffset: Float64Array, yOffset: Float64Array): Float64Array {
  const b = new Float64Array(coef.rows);
  for (let t = 0; t < coef.rows; t++) {
    let dot = 0;
    for (let j = 0; j < coef.cols; j++) dot += xOffset[j] * coef.data[t * coef.cols + j];
    b[t] = yOffset[t] - dot;
  }
  return b;
}
