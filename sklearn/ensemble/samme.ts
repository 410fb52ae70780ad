// Small row-wise helpers for the boosting and forest code, on row-major n x k Float64Arrays: NumPy's
// float sum, argmax, softmax and SAMME.R's centred log-probabilities.
// The one thing to understand: sums go through np.sum so they add in NumPy's (pairwise) order, which
// keeps weighted errors equal to scikit-learn's to the last bit.
import * as np from '../../ndarray/index.ts';

/** np.sum of a float64 vector. */
export function npSum(a: Float64Array): number {
  return np.sum(np.NDArray.fromTyped(a, [a.length], 'float64')).itemSync();
}

/** The column of each row's largest value (the first one on ties, as np.argmax). */
export function argmaxRows(a: Float64Array, k: number): Int32Array {
  const out = new Int32Array(a.length / k);
  for (let i = 0; i < out.length; i++) {
    for (let c = 1; c < k; c++) if (a[i * k + c] > a[i * k + out[i]]) out[i] = c;
  }
  return out;
}

/** Each row mapped to e^(z - max z) / Σ e^(z - max z). */
export function softmaxRows(z: Float64Array, k: number): Float64Array {
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i += k) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, z[i + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[i + c] = Math.exp(z[i + c] - max);
    for (let c = 0; c < k; c++) out[i + c] /= sum;
  }
  return out;
}

/** SAMME.R's member score: (K - 1)·(log p_c - mean_c' log p_c'), with p clipped at machine epsilon. */
export function sammeProba(proba: Float64Array, k: number): Float64Array {
  const logs = proba.map((p) => np.libm.log(Math.max(p, Number.EPSILON)));
  const out = new Float64Array(logs.length);
  for (let i = 0; i < logs.length; i += k) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += logs[i + c];
    for (let c = 0; c < k; c++) out[i + c] = (k - 1) * (logs[i + c] - (1 / k) * sum);
  }
  return out;
}
