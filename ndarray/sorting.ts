// Sorting and what is built on it: sort, argsort, unique, searchsorted, bincount.
// sort/argsort run the backend's kernels along one axis (NaN sorts last). argsort is always stable
// (NumPy's kind='stable'): equal values keep their order, where NumPy's default quicksort may not.
// unique and bincount return arrays whose size depends on the values, and searchsorted is a binary
// search on the host, so these three read the values synchronously: they need CPU arrays
// (`await x.to('cpu')` first for GPU arrays).
import { isInteger, type TypedArray } from './dtype.ts';
import { checkSize, normalizeAxis } from './shape.ts';
import type { View } from './backend.ts';
import { ValueError } from './errors.ts';
import { NDArray, type ArrayLike } from './ndarray.ts';
import { asarray } from './creation.ts';
import { moveaxis, ravel } from './manipulation.ts';
import { take } from './take.ts';
import { checkOptions } from './options.ts';

/** axis: -1 (the last) by default; null sorts the flattened array. */
export interface SortOptions { axis?: number | null }

type SortKernel = (x: View, axis: number, out: View) => void;

function kernel(x: NDArray, name: 'sort' | 'argsort'): SortKernel {
  const k = x.backend[name];
  if (!k) throw new ValueError(`np.${name} is not available on the '${x.device}' device: move the array with \`await x.to('cpu')\``);
  return k.bind(x.backend);
}

/** np.sort: a sorted copy along `axis` (NaN last). */
export function sort(a: ArrayLike, options: SortOptions = {}): NDArray {
  checkOptions('sort', options, ['axis'], ['kind', 'order']);
  const x = asarray(a);
  const src = options.axis === null ? ravel(x) : x;
  const axis = normalizeAxis(options.axis ?? -1, src.ndim);
  const out = NDArray.empty(src.shape, src.dtype, x.device);
  kernel(x, 'sort')(src, axis, out);
  if (src !== x) src.dispose();
  return out;
}

/** ndarray.sort: sorts `a` in place along `axis` (default -1). */
export function sortInPlace(a: NDArray, options: { axis?: number } = {}): void {
  checkOptions('sort', options, ['axis'], ['kind', 'order']);
  a.assertWriteable();
  kernel(a, 'sort')(a, normalizeAxis(options.axis ?? -1, a.ndim), a);
}

/** np.argsort: int32 indices that sort `a` along `axis` (stable; NaN last). A 0-d array acts as 1-D. */
export function argsort(a: ArrayLike, options: SortOptions = {}): NDArray {
  checkOptions('argsort', options, ['axis'], ['kind', 'order']);
  const x = asarray(a);
  const src = options.axis === null || x.ndim === 0 ? ravel(x) : x;
  const axis = normalizeAxis(options.axis ?? -1, src.ndim);
  const out = NDArray.empty(src.shape, 'int32', x.device);
  kernel(x, 'argsort')(src, axis, out);
  if (src !== x) src.dispose();
  return out;
}

/** The values of a CPU array in C order, or a clear error for arrays on other devices. */
function hostData(x: NDArray, fn: string): TypedArray {
  if (!x.backend.readSync) {
    throw new ValueError(`np.${fn} reads the values on the host: move the array with \`await x.to('cpu')\` first`);
  }
  return x.dataSync();
}

/** NaN-last order of two values; 0 when equal (two NaNs are equal, as np.unique's equal_nan). */
const order = (u: number, v: number): number => (u < v ? -1 : u > v ? 1 : (u !== u) === (v !== v) ? 0 : u !== u ? 1 : -1);

/** The lexicographic order of rows p and q of `data` viewed as rows of length m. */
function compareRows(data: TypedArray, m: number, p: number, q: number): number {
  for (let k = 0; k < m; k++) {
    const c = order(data[p * m + k], data[q * m + k]);
    if (c !== 0) return c;
  }
  return 0;
}

export interface UniqueOptions {
  /** Also return, for each unique value, the index of its first occurrence in the flattened input. */
  returnIndex?: boolean;
  /** Also return indices into `values` that rebuild the flattened input: values[inverse]. */
  returnInverse?: boolean;
  /** Also return how many times each unique value occurs. */
  returnCounts?: boolean;
  /** The axis whose slices are compared as wholes (unique rows for axis 0); null flattens (default). */
  axis?: number | null;
}

/** np.unique's extra outputs, named (NumPy returns a tuple); the index arrays are int32. */
export interface UniqueResult {
  values: NDArray;
  indices?: NDArray;
  inverse?: NDArray;
  counts?: NDArray;
}

/** np.unique: the sorted distinct values of the flattened input, or with `axis` the distinct slices
 *  along it in lexicographic order; all NaNs count as one value (NumPy's equal_nan=True). With an
 *  options object it returns {values, indices?, inverse?, counts?}. */
export function unique(a: ArrayLike): NDArray;
export function unique(a: ArrayLike, options: UniqueOptions): UniqueResult;
export function unique(a: ArrayLike, options?: UniqueOptions): NDArray | UniqueResult {
  checkOptions('unique', options, ['returnIndex', 'returnInverse', 'returnCounts', 'axis'], ['equalNan']);
  const x = asarray(a);
  const axis = options?.axis ?? null;
  // The items compared: the elements (axis null) or the slices along `axis`, as rows of length m.
  const rows = axis === null ? x : moveaxis(x, normalizeAxis(axis, x.ndim), 0);
  const data = hostData(rows, 'unique');
  const n = axis === null ? data.length : rows.shape[0];
  const m = n === 0 ? 0 : data.length / n;
  if (rows !== x) rows.dispose();
  const perm = Int32Array.from({ length: n }, (_, i) => i).sort((p, q) => compareRows(data, m, p, q) || p - q);
  // starts[j]: position in sorted order where the j-th distinct item begins.
  const starts: number[] = [];
  for (let k = 0; k < n; k++) if (k === 0 || compareRows(data, m, perm[k - 1], perm[k]) !== 0) starts.push(k);
  const int32 = (v: readonly number[] | Int32Array): NDArray => NDArray.fromTyped(Int32Array.from(v), [v.length], 'int32', x.device);
  const first = int32(starts.map((s) => perm[s]));
  const values = take(x, first, { axis });
  if (!options) {
    first.dispose();
    return values;
  }
  const result: UniqueResult = { values };
  if (options.returnIndex) result.indices = first;
  else first.dispose();
  if (options.returnInverse) {
    const inverse = new Int32Array(perm.length);
    let j = -1;
    for (let k = 0; k < perm.length; k++) {
      if (starts[j + 1] === k) j++;
      inverse[perm[k]] = j;
    }
    result.inverse = int32(inverse);
  }
  if (options.returnCounts) result.counts = int32(starts.map((s, j) => (starts[j + 1] ?? perm.length) - s));
  return result;
}

/** np.searchsorted: for each value of `v`, the index where inserting it keeps the 1-D sorted `a`
 *  sorted: the first such index for side 'left', the last for 'right'. int32, v's shape. */
export function searchsorted(a: ArrayLike, v: ArrayLike, options: { side?: 'left' | 'right' } = {}): NDArray {
  checkOptions('searchsorted', options, ['side'], ['sorter']);
  const side = options.side ?? 'left';
  if (side !== 'left' && side !== 'right') throw new ValueError(`search side must be 'left' or 'right' (got '${String(side)}')`);
  const sorted = asarray(a);
  if (sorted.ndim !== 1) throw new ValueError('object too deep for desired array');
  const keys = hostData(sorted, 'searchsorted');
  const needles = asarray(v);
  const values = hostData(needles, 'searchsorted');
  // NaN is greater than every number: x goes before y when x < y in that order.
  const before = (p: number, q: number): boolean => p < q || (q !== q && p === p);
  const out = new Int32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const t = values[k];
    let lo = 0, hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const goRight = side === 'left' ? before(keys[mid], t) : !before(t, keys[mid]);
      if (goRight) lo = mid + 1;
      else hi = mid;
    }
    out[k] = lo;
  }
  return NDArray.fromTyped(out, needles.shape, 'int32', sorted.device);
}

/** np.bincount: counts[i] = how many times i occurs in the 1-D non-negative integer input (int32),
 *  or the sum of the matching `weights` (float64). The result has max(x)+1 bins, at least `minlength`. */
export function bincount(x: ArrayLike, options: { weights?: ArrayLike; minlength?: number } = {}): NDArray {
  checkOptions('bincount', options, ['weights', 'minlength']);
  const minlength = checkSize(options.minlength ?? 0, "'minlength' must not be negative");
  const arr = asarray(x);
  if (arr.ndim !== 1) throw new ValueError('object too deep for desired array');
  // NumPy answers an empty input before looking at its dtype or the weights: minlength zeros (intp).
  if (arr.size === 0) return NDArray.fromTyped(new Int32Array(minlength), [minlength], 'int32', arr.device);
  if (!isInteger(arr.dtype) && arr.dtype !== 'bool') {
    throw new TypeError(`Cannot cast array data from dtype('${arr.dtype}') to dtype('int64') according to the rule 'safe'`);
  }
  const data = hostData(arr, 'bincount');
  let top = -1;
  for (const d of data) {
    if (d < 0) throw new ValueError("'list' argument must have no negative elements");
    if (d > top) top = d;
  }
  const n = Math.max(top + 1, minlength);
  if (options.weights === undefined) {
    const counts = new Int32Array(n);
    for (const d of data) counts[d]++;
    return NDArray.fromTyped(counts, [n], 'int32', arr.device);
  }
  const w = asarray(options.weights);
  if (w.size !== arr.size || w.ndim !== 1) throw new ValueError("The weights and list don't have the same length.");
  const weights = hostData(w, 'bincount');
  const sums = new Float64Array(n);
  data.forEach((d, k) => (sums[d] += weights[k]));
  return NDArray.fromTyped(sums, [n], 'float64', arr.device);
}
