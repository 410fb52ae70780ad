// The arithmetic k-means repeats millions of times, on row-major Float64Array buffers.
// The one idea: the squared distance from a sample x to a center c is ‖x‖² - 2 x·c + ‖c‖², and
// to find the *nearest* center ‖x‖² can be dropped (it is the same for every center), so labelling
// costs one dot product per (sample, center) pair: np.nearestRows, which the worker threads share.
// Exact distances (x - c)² are only needed for the inertia, summed four features at a time as
// scikit-learn's Cython kernel does (same rounding).
import * as np from '../../ndarray/index.ts';

/** n samples of f features, row-major (sample i is x[i*f .. i*f+f)), with one weight each. */
export interface Samples {
  x: Float64Array;
  n: number;
  f: number;
  weights: Float64Array;
}

/** ‖row i‖² for each of the n rows of a (n x f). */
export function rowNorms(a: Float64Array, n: number, f: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0, p = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < f; k++, p++) s += a[p] * a[p];
    out[i] = s;
  }
  return out;
}

/** The sum of a buffer rounded exactly as np.sum rounds it (pairwise summation). */
export function npSum(a: Float64Array): number {
  return np.sum(np.NDArray.fromTyped(a, [a.length], 'float64')).itemSync();
}

/** (a[ai..ai+f) - b[bi..bi+f))², accumulated in blocks of four features (Cython's unrolled loop). */
export function squaredEuclidean(a: Float64Array, ai: number, b: Float64Array, bi: number, f: number): number {
  let result = 0;
  const whole = f - (f % 4);
  let k = 0;
  for (; k < whole; k += 4) {
    const d0 = a[ai + k] - b[bi + k], d1 = a[ai + k + 1] - b[bi + k + 1];
    const d2 = a[ai + k + 2] - b[bi + k + 2], d3 = a[ai + k + 3] - b[bi + k + 3];
    result += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
  }
  for (; k < f; k++) {
    const d = a[ai + k] - b[bi + k];
    result += d * d;
  }
  return result;
}

/** Adds sample i (weight w) to its cluster's running sums: Σ w x (k x f) and Σ w (k). */
function accumulate(x: Float64Array, i: number, f: number, w: number, label: number, sums: Float64Array, weightSums: Float64Array): void {
  weightSums[label] += w;
  for (let p = 0, c = label * f, xi = i * f; p < f; p++) sums[c + p] += x[xi + p] * w;
}

/** The E-step: labels[i] = the nearest center to sample i, the argmin over j of ‖c_j‖² - 2 x_i·c_j
 *  (np.nearestRows). Given `sums` (k x f) and `weightSums` (k), each sample is then added to its
 *  cluster's totals, in sample order (the first half of the M-step). */
export function assignLabels(s: Samples, centers: Float64Array, k: number, labels: Int32Array, sums?: Float64Array, weightSums?: Float64Array): void {
  const { x, n, f, weights } = s;
  const view = (data: Float64Array, rows: number) => np.NDArray.fromTyped(data, [rows, f], 'float64', 'cpu', { copy: false });
  np.nearestRows(view(x, n), view(centers, k), { out: np.NDArray.fromTyped(labels, [n], 'int32', 'cpu', { copy: false }) });
  if (sums && weightSums) for (let i = 0; i < n; i++) accumulate(x, i, f, weights[i], labels[i], sums, weightSums);
}

/** The k-means objective: Σ_i w_i ‖x_i - c_{label i}‖². */
export function inertia(s: Samples, centers: Float64Array, labels: Int32Array): number {
  let total = 0;
  for (let i = 0; i < s.n; i++) total += squaredEuclidean(s.x, i * s.f, centers, labels[i] * s.f, s.f) * s.weights[i];
  return total;
}

/** sklearn's euclidean_distances(X, C): √max(‖x‖² - 2 x·c + ‖c‖², 0) for every (sample, center). */
export function euclideanDistances(s: Samples, centers: Float64Array, k: number): Float64Array {
  const { x, n, f } = s;
  const xx = rowNorms(x, n, f), cc = rowNorms(centers, k, f);
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let p = 0; p < f; p++) dot += x[i * f + p] * centers[j * f + p];
      out[i * k + j] = Math.sqrt(Math.max(-2 * dot + xx[i] + cc[j], 0));
    }
  }
  return out;
}

/** True when two labellings group the samples identically up to renaming the clusters. */
export function isSameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const mapping = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    if (mapping[a[i]] === -1) mapping[a[i]] = b[i];
    else if (mapping[a[i]] !== b[i]) return false;
  }
  return true;
}
