// Shuffling and sampling from a population, as NumPy's legacy RandomState does it.
// shuffle is Fisher-Yates from the end: for i = n-1 down to 1, swap item i with a uniform j in
// [0, i]. choice draws indices (uniform integers, or a search in the cumulative probabilities) and
// then takes those items. The one thing to understand: an array's rows are shuffled by running the
// swaps on the row *indices* and gathering the rows once; the stream and the result are NumPy's.
import { NDArray, type ArrayLike } from '../ndarray.ts';
import { asarray } from '../creation.ts';
import { checkTotalSize, shapeSize } from '../shape.ts';
import { IndexError, ValueError } from '../errors.ts';
import type { MT19937 } from './mt19937.ts';
import { boundedFill, randomInterval } from './bounded.ts';
import { kahanSum } from './distributions.ts';

export interface ChoiceOptions {
  /** Sample with replacement (default true): an item may be picked several times. */
  replace?: boolean;
  /** The probability of each item (must sum to 1); uniform when absent. */
  p?: ArrayLike;
}

/** Fisher-Yates in place, from the end (NumPy's _shuffle_raw and its untyped loop). */
function fisherYates(mt: MT19937, items: { length: number; [i: number]: unknown }): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInterval(mt, i);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}

/** 0, 1, ..., n-1 shuffled. */
function shuffledRange(mt: MT19937, n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  fisherYates(mt, idx);
  return idx;
}

const indexArray = (idx: Int32Array, shape: readonly number[] = [idx.length]): NDArray => NDArray.fromTyped(idx, shape, 'int32');

/** np.random.shuffle: permutes the rows of `x` (its first axis) or the items of a JS array, in place. */
export function shuffle(mt: MT19937, x: NDArray | unknown[]): void {
  if (Array.isArray(x) || ArrayBuffer.isView(x)) {
    fisherYates(mt, x as unknown[]);
    return;
  }
  if (!(x instanceof NDArray)) {
    throw new TypeError(`shuffle() takes an array to permute in place (an NDArray, a JS array or a typed array), got ${x === null ? 'null' : typeof x}`);
  }
  const n = x.length; // a 0-d array throws NumPy's "len() of unsized object"
  const order = shuffledRange(mt, n);
  if (n > 1) x.set(':', x.get(indexArray(order)));
}

/** np.random.permutation: shuffled range(n) for an integer, else a shuffled copy of the rows. */
export function permutation(mt: MT19937, x: number | ArrayLike): NDArray {
  if (typeof x === 'number' && Number.isInteger(x)) return indexArray(shuffledRange(mt, checkTotalSize(Math.max(x, 0))));
  const arr = asarray(x);
  if (arr.ndim < 1) throw new IndexError('x must be an integer or at least 1-dimensional');
  return arr.get(indexArray(shuffledRange(mt, arr.shape[0])));
}

/** Validates `p` as NumPy does and returns it as float64 values. */
function checkProbabilities(p: ArrayLike, popSize: number): Float64Array {
  const arr = asarray(p);
  if (arr.ndim !== 1) throw new ValueError("'p' must be 1-dimensional");
  if (arr.size !== popSize) throw new ValueError(`'a' and 'p' must have same size (a has ${popSize} items, p has ${arr.size})`);
  const values = Float64Array.from(arr.dataSync());
  // tolerance sqrt(eps) of float64, or of float32 when p is float32
  const atol = arr.dtype === 'float32' ? Math.sqrt(2 ** -23) : Math.sqrt(2 ** -52);
  const sum = values.length ? kahanSum(values) : 0;
  if (Number.isNaN(sum)) throw new ValueError('probabilities contain NaN');
  if (values.some((v) => v < 0)) throw new ValueError('probabilities are not non-negative');
  if (Math.abs(sum - 1) > atol) throw new ValueError(`probabilities do not sum to 1 (sum is ${sum})`);
  return values;
}

/** Running sums of `p`, divided by the total (NumPy: cdf = p.cumsum(); cdf /= cdf[-1]). */
function normalisedCdf(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let sum = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = sum += p[i];
  const total = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= total;
  return cdf;
}

/** searchsorted(cdf, u, side='right'): the number of cdf entries <= u. */
function searchRight(cdf: Float64Array, u: number): number {
  let lo = 0, hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Without replacement, weighted: draw as many uniforms as items are missing, keep the first
 *  occurrence of each new index, zero the probabilities of the found ones, repeat. */
function weightedWithoutReplacement(mt: MT19937, p: Float64Array, count: number): Int32Array {
  if (p.filter((v) => v > 0).length < count) throw new ValueError('Fewer non-zero entries in p than size');
  const weights = p.slice();
  const found = new Int32Array(count);
  let nFound = 0;
  while (nFound < count) {
    const draws = Array.from({ length: count - nFound }, () => mt.nextDouble());
    for (let i = 0; i < nFound; i++) weights[found[i]] = 0;
    const cdf = normalisedCdf(weights);
    const seen = new Set<number>();
    for (const u of draws) seen.add(searchRight(cdf, u)); // a Set keeps first-occurrence order
    for (const k of seen) found[nFound++] = k;
  }
  return found;
}

/** The indices choice() samples from range(popSize). */
function choiceIndices(mt: MT19937, popSize: number, count: number, replace: boolean, p: Float64Array | null): Int32Array {
  if (replace) {
    const idx = new Int32Array(count);
    if (p) {
      const cdf = normalisedCdf(p);
      for (let i = 0; i < count; i++) idx[i] = searchRight(cdf, mt.nextDouble());
    } else {
      boundedFill(mt, 32, 0, popSize - 1, idx);
    }
    return idx;
  }
  if (count > popSize) throw new ValueError("Cannot take a larger sample than population when 'replace=False'");
  return p ? weightedWithoutReplacement(mt, p, count) : shuffledRange(mt, popSize).slice(0, count);
}

/** The population size of `a` (an integer n, or a 1-D array) with NumPy's checks. */
function populationOf(a: number | ArrayLike, count: number): { popSize: number; items: NDArray | null } {
  const arr = typeof a === 'number' ? null : asarray(a);
  if (arr === null || arr.ndim === 0) {
    const n = arr === null ? (a as number) : arr.dataSync()[0];
    if (!Number.isInteger(n)) throw new ValueError(`a must be 1-dimensional or an integer (got ${n})`);
    if (n <= 0 && count !== 0) throw new ValueError('a must be greater than 0 unless no samples are taken');
    return { popSize: n, items: null };
  }
  if (arr.ndim !== 1) throw new ValueError(`a must be 1-dimensional (got ${arr.ndim} dimensions)`);
  if (arr.size === 0 && count !== 0) throw new ValueError("'a' cannot be empty unless no samples are taken");
  return { popSize: arr.size, items: arr };
}

/** np.random.choice(a, size, {replace, p}); `shape` null means one sample returned as a number. */
export function choice(mt: MT19937, a: number | ArrayLike, shape: readonly number[] | null, options: ChoiceOptions): number | NDArray {
  const count = shape ? shapeSize(shape) : 1;
  const { popSize, items } = populationOf(a, count);
  const p = options.p === undefined ? null : checkProbabilities(options.p, popSize);
  const idx = choiceIndices(mt, popSize, count, options.replace ?? true, p);
  if (!shape) return items ? items.get(idx[0]).itemSync() : idx[0];
  const idxArray = indexArray(idx, shape);
  return items ? items.get(idxArray) : idxArray;
}
