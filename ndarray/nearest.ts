// np.nearestRows: for each row x_i of X, the index of the nearest row c_j of C in Euclidean
// distance (k-means' E-step, and a nearest-neighbour query with one neighbour). The one idea:
// ‖x - c‖² = ‖x‖² - 2 x·c + ‖c‖², and ‖x‖² is the same for every c, so the nearest c_j is the
// argmin over j of ‖c_j‖² - 2 x·c_j: one dot product per (row, center) pair. The scores are rounded
// as scikit-learn's Cython k-means rounds them, so the labels agree with it bit for bit.
// Large inputs are labelled by the worker threads (labelRows below is a parallelFor body, run from
// its source text); each row is scored the same way on any thread, and by either kernel set: the
// WebAssembly kernel (wasm/nearest-kernel.ts) adds the same products in the same order as scorePair.
import { NDArray, requireNDArray, type ArrayLike } from './ndarray.ts';
import { asarray } from './creation.ts';
import { ValueError } from './errors.ts';
import { checkOptions } from './options.ts';
import { asTypedArray, float64Elements } from './buffers.ts';
import { parallelFor, sharedTyped, inSharedMemory } from './cpu/threads.ts';
import type { WasmGemm } from './cpu/wasm/gemm.ts';
import { NEAREST_GROUP } from './cpu/wasm/nearest-kernel.ts';

/** Below this many rows the labelling stays on the calling thread. */
const PARALLEL_ROWS = 8192;

export interface NearestRowsOptions {
  /** An int32 (n,) C-contiguous CPU array to write the labels into (NumPy's `out`); it is returned.
   *  One from np.sharedEmpty is written by the worker threads in place. */
  out?: NDArray;
}

/** For X (n, f) and C (k, f), the (n,) int32 array of argmin_j ‖X_i - C_j‖², the first j on ties.
 *  CPU arrays, computed in float64; X from np.sharedEmpty is read by the worker threads without a copy.
 *  @example np.nearestRows([[0, 0], [5, 5], [1, 0]], [[0, 1], [4, 4]]) // [0, 1, 0] */
export function nearestRows(samples: ArrayLike, centers: ArrayLike, options: NearestRowsOptions = {}): NDArray {
  checkOptions('nearestRows', options, ['out']);
  const X = asarray(samples), C = asarray(centers);
  if (X.ndim !== 2 || C.ndim !== 2 || X.shape[1] !== C.shape[1]) {
    throw new ValueError(`nearestRows: expected X (n, f) and C (k, f) with the same f, got shapes (${X.shape.join(', ')}) and (${C.shape.join(', ')})`);
  }
  const [n, f] = X.shape, k = C.shape[0];
  if (k === 0) throw new ValueError('nearestRows: C has no rows to choose from');
  const out = options.out === undefined ? null : checkOut(options.out, n);
  const c = float64Elements(C, 'nearestRows'), rows = float64Elements(X, 'nearestRows');
  const x = n >= PARALLEL_ROWS ? inSharedMemory(rows) : rows;
  const given = out && (asTypedArray(out) as Int32Array);
  // the threads write into shared memory: `out`'s own buffer when it is there, else a copy made here
  const inPlace = given !== null && (n < PARALLEL_ROWS || (typeof SharedArrayBuffer === 'function' && given.buffer instanceof SharedArrayBuffer));
  const labels = inPlace ? given : sharedTyped(Int32Array, n);
  const norms = rowNorms(c, k, f);
  const args: LabelArgs = [x, f, packCenters(c, k, f), norms, k, labels, packGroups(c, k, f), padNorms(norms)];
  parallelFor(n, PARALLEL_ROWS, labelRows, [scorePair, argminAt, labelRowsWasm], args, 2);
  if (out === null) return NDArray.fromTyped(labels, [n], 'int32', 'cpu', { copy: false });
  if (!inPlace) given!.set(labels);
  return out;
}

function checkOut(given: unknown, n: number): NDArray {
  const out = requireNDArray('nearestRows', 'out', given);
  if (out.device !== 'cpu' || out.dtype !== 'int32' || out.ndim !== 1 || out.shape[0] !== n || !out.flags.cContiguous) {
    throw new ValueError(`nearestRows: out must be a C-contiguous int32 CPU array of shape (${n},), got ${out.dtype} of shape (${out.shape.join(', ')}) on '${out.device}'`);
  }
  return out;
}

/** ‖row j‖² for each of the k rows of c, each summed in order. */
function rowNorms(c: Float64Array, k: number, f: number): Float64Array {
  const out = new Float64Array(k);
  for (let j = 0, p = 0; j < k; j++) {
    let s = 0;
    for (let q = 0; q < f; q++, p++) s += c[p] * c[p];
    out[j] = s;
  }
  return out;
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

/** scores[0..k) and scores[k..2k) = ‖c_j‖² + (-2 x·c_j) for the rows at x[a..a+f) and x[b..b+f).
 *  Two rows and four centers are scored per pass (eight running dot products, each x and c
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

type LabelArgs = [x: Float64Array, f: number, packed: Float64Array, norms: Float64Array, k: number, labels: Int32Array, groups: Float64Array, groupNorms: Float64Array];

/** labels[i] for the rows from..to-1 (from even): the nearest center, by the thread's WebAssembly
 *  kernel when it has one (the same scores, bit for bit), else two rows per scorePair. */
function labelRows(this: WasmGemm | null, from: number, to: number, ...[x, f, packed, norms, k, labels, groups, groupNorms]: LabelArgs): void {
  if (this && f > 0) {
    labelRowsWasm(this, from, to, x, f, groups, groupNorms, k, labels);
    return;
  }
  const scores = new Float64Array(2 * k);
  for (let i = from; i < to; i += 2) {
    const b = i + 1 < to ? i + 1 : i; // an odd last row is scored twice
    scorePair(x, i * f, b * f, f, packed, norms, k, scores);
    labels[i] = argminAt(scores, 0, k);
    if (b !== i) labels[b] = argminAt(scores, k, k);
  }
}

/** The rows from..to-1 a block at a time in the WebAssembly kernel's memory (wasm/nearest-kernel.ts):
 *  [packed centers | their norms | a block of rows of x | the block's scores], in float64 units. */
function labelRowsWasm(w: WasmGemm, from: number, to: number, x: Float64Array, f: number, groups: Float64Array, groupNorms: Float64Array, k: number, labels: Int32Array): void {
  const BLOCK = 256; // rows staged at once (even); a local, as the workers run this function's source
  const kPad = groupNorms.length;
  const nAt = groups.length, xAt = nAt + kPad, sAt = xAt + BLOCK * f, end = sAt + BLOCK * kPad;
  const pages = Math.ceil((end * 8 - w.memory.buffer.byteLength) / 65536);
  if (pages > 0) w.memory.grow(pages);
  const heap = new Float64Array(w.memory.buffer);
  heap.set(groups, 0);
  heap.set(groupNorms, nAt);
  for (let r0 = from; r0 < to; r0 += BLOCK) {
    const m = Math.min(BLOCK, to - r0);
    heap.set(x.subarray(r0 * f, (r0 + m) * f), xAt);
    if (m % 2 === 1) heap.copyWithin(xAt + m * f, xAt + (m - 1) * f, xAt + m * f); // an odd last row, twice
    w.nearest(xAt * 8, m + (m % 2), f, 0, kPad / 8, nAt * 8, sAt * 8);
    for (let i = 0; i < m; i++) labels[r0 + i] = argminAt(heap, sAt + i * kPad, k);
  }
}

/** The centers for the WebAssembly kernel: groups of NEAREST_GROUP, feature by feature within a group
 *  (c_8g[p], ..., c_8g+7[p] side by side), zeros past the last center. */
function packGroups(c: Float64Array, k: number, f: number): Float64Array {
  const G = NEAREST_GROUP, out = new Float64Array(Math.ceil(k / G) * G * f);
  for (let j = 0; j < k; j++) for (let p = 0; p < f; p++) out[(Math.floor(j / G) * f + p) * G + (j % G)] = c[j * f + p];
  return out;
}

/** The norms padded to whole groups with +Infinity: a padding center never scores below a real one. */
function padNorms(norms: Float64Array): Float64Array {
  const out = new Float64Array(Math.ceil(norms.length / NEAREST_GROUP) * NEAREST_GROUP).fill(Infinity);
  out.set(norms);
  return out;
}
