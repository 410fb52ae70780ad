// Regression metrics: how far predictions are from the targets.
// R² = 1 - SS_res / SS_tot compares the model with always predicting the mean of y (R² = 0);
// a perfect model has R² = 1, and a worse-than-the-mean model has R² < 0.
import { toCpu, checkConsistentLength } from '../validation.ts';

async function pairs(yTrue: unknown, yPred: unknown): Promise<[Float64Array, Float64Array]> {
  const [t, p] = [await toCpu(yTrue), await toCpu(yPred)];
  checkConsistentLength(t, p);
  return [t.ravel().dataSync() as Float64Array, p.ravel().dataSync() as Float64Array];
}

/** mean((y - ŷ)²). */
export async function meanSquaredError(yTrue: unknown, yPred: unknown): Promise<number> {
  const [t, p] = await pairs(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += (t[i] - p[i]) ** 2;
  return s / t.length;
}

/** mean(|y - ŷ|). */
export async function meanAbsoluteError(yTrue: unknown, yPred: unknown): Promise<number> {
  const [t, p] = await pairs(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += Math.abs(t[i] - p[i]);
  return s / t.length;
}

/** 1 - Σ(y - ŷ)² / Σ(y - ȳ)²; a constant y gives 1 for a perfect fit, else 0 (as scikit-learn). */
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
