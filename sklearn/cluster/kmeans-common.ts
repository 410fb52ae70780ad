// The arithmetic k-means repeats millions of times, on row-major Float64Array buffers.
// The one idea: the squared distance from a sample x to a center c is ‖x‖² - 2 x·c + ‖c‖², and
// to find the *nearest* center ‖x‖² can be dropped (it is the same for every center), so labelling
// costs one dot product per (sample, center) pair. Exact distances (x - c)² are only needed for the
// inertia, summed four features at a time as scikit-learn's Cython kernel does (same rounding).
import * as np from '../../ndarray/index.ts';
import { parallelFor, sharedTyped } from '../../ndarray/cpu/threads.ts';

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

/** The centers rearranged for scorePair: each group of four (j = 4g … 4g+3) feature by feature,
 *  c_4g[p], c_4g+1[p], c_4g+2[p], c_4g+3[p], so one pass reads them in order; the last k mod 4
 *  centers follow row by row. */
function packCenters(centers: Float64Array, k: number, f: number): Float64Array {
  const packed = new Float64Array(k * f);
  const grouped = k - (k % 4);
  for (let j = 0; j < grouped; j++) for (let p = 0; p < f; p++) packed[((j >> 2) * f + p) * 4 + (j & 3)] = centers[j * f + p];
  packed.set(centers.subarray(grouped * f), grouped * f);
  return packed;
}

/** scores[0..k) and scores[k..2k) = ‖c_j‖² + (-2 x·c_j) for the samples at x[a..a+f) and x[b..b+f).
 *  Two samples and four centers are scored per pass (eight running dot products, each x and c
 *  value loaded once for several products); every dot product still adds its terms in order. */
function scorePair(x: Float64Array, a: number, b: number, f: number, packed: Float64Array, centerNorms: Float64Array, k: number, scores: Float64Array): void {
  let j = 0;
  for (; j + 4 <= k; j += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    for (let p = 0, q = j * f; p < f; p++, q += 4) {
      const u = x[a + p], v = x[b + p];
      const e0 = packed[q], e1 = packed[q + 1], e2 = packed[q + 2], e3 = packed[q + 3];
      a0 += u * e0; a1 += u * e1; a2 += u * e2; a3 += u * e3;
      b0 += v * e0; b1 += v * e1; b2 += v * e2; b3 += v * e3;
    }
    scores[j] = centerNorms[j] + -2 * a0;
    scores[j + 1] = centerNorms[j + 1] + -2 * a1;
    scores[j + 2] = centerNorms[j + 2] + -2 * a2;
    scores[j + 3] = centerNorms[j + 3] + -2 * a3;
    scores[k + j] = centerNorms[j] + -2 * b0;
    scores[k + j + 1] = centerNorms[j + 1] + -2 * b1;
    scores[k + j + 2] = centerNorms[j + 2] + -2 * b2;
    scores[k + j + 3] = centerNorms[j + 3] + -2 * b3;
  }
  for (; j < k; j++) {
    let da = 0, db = 0;
    for (let p = 0, c = j * f; p < f; p++) {
      da += x[a + p] * packed[c + p];
      db += x[b + p] * packed[c + p];
    }
    scores[j] = centerNorms[j] + -2 * da;
    scores[k + j] = centerNorms[j] + -2 * db;
  }
}

/** The index of the smallest of scores[from..from+k), the first on ties. */
function argminAt(scores: Float64Array, from: number, k: number): number {
  let best = 0, bestScore = scores[from];
  for (let j = 1; j < k; j++) {
    if (scores[from + j] < bestScore) {
      bestScore = scores[from + j];
      best = j;
    }
  }
  return best;
}

/** Adds sample i (weight w) to its cluster's running sums: Σ w x (k x f) and Σ w (k). */
function accumulate(x: Float64Array, i: number, f: number, w: number, label: number, sums: Float64Array, weightSums: Float64Array): void {
  weightSums[label] += w;
  for (let p = 0, c = label * f, xi = i * f; p < f; p++) sums[c + p] += x[xi + p] * w;
}

/** labels[i] for the samples from..to-1 (from even): the nearest center, two samples per scorePair.
 *  A parallelFor body: it runs in worker threads from its source, using only its arguments and the
 *  helpers scorePair and argminAt. */
function labelRows(from: number, to: number, x: Float64Array, f: number, packed: Float64Array, norms: Float64Array, k: number, labels: Int32Array): void {
  const scores = new Float64Array(2 * k);
  for (let i = from; i < to; i += 2) {
    const b = i + 1 < to ? i + 1 : i; // an odd last sample is scored twice
    scorePair(x, i * f, b * f, f, packed, norms, k, scores);
    labels[i] = argminAt(scores, 0, k);
    if (b !== i) labels[b] = argminAt(scores, k, k);
  }
}

/** Below this many samples the E-step stays on the calling thread. */
const PARALLEL_SAMPLES = 8192;

/** The E-step: labels[i] = the nearest center to sample i, the argmin over j of ‖c_j‖² - 2 x_i·c_j
 *  (‖x_i‖² is the same for every center, so it is left out). Large inputs are labelled by several
 *  threads (each sample's scores are computed the same way on any thread). Given `sums` (k x f) and
 *  `weightSums` (k), each sample is then added to its cluster's totals, in sample order (the first
 *  half of the M-step). */
export function assignLabels(s: Samples, centers: Float64Array, k: number, labels: Int32Array, sums?: Float64Array, weightSums?: Float64Array): void {
  const { x, n, f, weights } = s;
  const norms = rowNorms(centers, k, f);
  const packed = packCenters(centers, k, f);
  // The workers write the labels into shared memory; copied out afterwards if `labels` is not there.
  const out = n >= PARALLEL_SAMPLES && !(labels.buffer instanceof SharedArrayBuffer) ? sharedTyped(Int32Array, n) : labels;
  parallelFor(n, PARALLEL_SAMPLES, labelRows, [scorePair, argminAt], [x, f, packed, norms, k, out], 2);
  if (out !== labels) labels.set(out);
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
