// Regression metrics: how far predictions are from the targets.
// R² = 1 - SS_res / SS_tot compares the model with always predicting the mean of y (R² = 0);
// a perfect model has R² = 1, and a worse-than-the-mean model has R² < 0.
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { toCpu, checkConsistentLength } from '../validation.ts';

/** scikit-learn's _check_reg_targets: same length, at least one sample, finite, same number of outputs. */
async function pairs(yTrue: unknown, yPred: unknown): Promise<[Float64Array, Float64Array]> {
  const [t, p] = [await toCpu(yTrue), await toCpu(yPred)];
  checkConsistentLength(t, p);
  const [tv, pv] = [t.ravel().dataSync() as Float64Array, p.ravel().dataSync() as Float64Array];
  for (const [a, values] of [[t, tv], [p, pv]] as const) {
    if (a.ndim === 0 || a.shape[0] === 0) {
      throw new ValueError(`Found array with 0 sample(s) (shape=(${a.shape.join(', ')}${a.ndim === 1 ? ',' : ''})) while a minimum of 1 is required.`);
    }
    if (a.ndim > 2) throw new ValueError(`Found array with dim ${a.ndim}. None expected <= 2.`);
    if (values.some(Number.isNaN)) throw new ValueError('Input contains NaN.');
    if (values.some((v) => !Number.isFinite(v))) throw new ValueError("Input contains infinity or a value too large for dtype('float64').");
  }
  const outputs = (a: NDArray): number => (a.ndim === 1 ? 1 : a.shape[1]);
  if (outputs(t) !== outputs(p)) throw new ValueError(`y_true and y_pred have different number of output (${outputs(t)}!=${outputs(p)})`);
  return [tv, pv];
}

/**
 * mean((y - ŷ)²).
 *
 * @example
 * ```ts
 * import { meanSquaredError } from 'tessera/sklearn';
 *
 * console.log(await meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8])); // (0.25 + 0.25 + 0 + 1) / 4
 * ```
 *
 * ```text output
 * 0.375
 * ```
 */
export async function meanSquaredError(yTrue: unknown, yPred: unknown): Promise<number> {
  const [t, p] = await pairs(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += (t[i] - p[i]) ** 2;
  return s / t.length;
}

/**
 * mean(|y - ŷ|).
 *
 * @example
 * ```ts
 * import { meanAbsoluteError } from 'tessera/sklearn';
 *
 * console.log(await meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8])); // (0.5 + 0.5 + 0 + 1) / 4
 * ```
 *
 * ```text output
 * 0.5
 * ```
 */
export async function meanAbsoluteError(yTrue: unknown, yPred: unknown): Promise<number> {
  const [t, p] = await pairs(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += Math.abs(t[i] - p[i]);
  return s / t.length;
}

/**
 * 1 - Σ(y - ŷ)² / Σ(y - ȳ)²; a constant y gives 1 for a perfect fit, else 0 (as scikit-learn).
 *
 * @example
 * ```ts
 * import { r2Score } from 'tessera/sklearn';
 *
 * console.log(await r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]));
 * console.log(await r2Score([1, 2, 3], [2, 2, 2])); // predicting the mean scores 0
 * ```
 *
 * ```text output
 * 0.9486081370449679
 * 0
 * ```
 */
export async function r2Score(yTrue: unknown, yPred: unknown): Promise<number> {
  const [t, p] = await pairs(yTrue, yPred);
  const mean = t.reduce((s, v) => s + v, 0) / t.length;
  let res = 0, tot = 0;
  for (let i = 0; i < t.length; i++) {
    res += (t[i] - p[i]) ** 2;
    tot += (t[i] - mean) ** 2;
  }
  if (tot === 0) return res === 0 ? 1 : 0;
  return 1 - res / tot;
}
