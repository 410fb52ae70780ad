// Order statistics: median, quantile and percentile read values at positions of the sorted data.
// The reduced axes are moved last and merged into one of length n, that axis is sorted (NaN last),
// and NumPy's default 'linear' method reads the q-quantile at the virtual index v = (n - 1) * q,
// between the neighbours lo = sorted[floor(v)] and hi = sorted[floor(v) + 1]:
//     result = lo + (hi - lo) * g        where g = v - floor(v) < 0.5
//     result = hi - (hi - lo) * (1 - g)  where g >= 0.5   (the same line, computed from the nearer end)
// The other methods read one neighbour, keeping the data's dtype: 'lower' sorted[floor(v)], 'higher'
// sorted[ceil(v)], 'nearest' sorted[round(v)] (halves to even); 'midpoint' is the line above with g = 0.5
// (g = 0 when v is a whole number). A slice holding a NaN gives NaN. Sorting runs the backend's sort
// kernel (cpu/sort.ts, webgpu/sort.ts).
import { isFloat } from './dtype.ts';
import { normalizeAxes } from './shape.ts';
import { deviceDType } from './backend.ts';
import { IndexError, ValueError } from './errors.ts';
import { NDArray, type ArrayLike, type Axis } from './ndarray.ts';
import { asarray } from './creation.ts';
import { astype, moveaxis, reshape, transpose } from './manipulation.ts';
import { tidy } from './memory.ts';
import { mean } from './reductions.ts';
import { sort } from './sorting.ts';
import { hostValues } from './selection.ts';
import { take } from './take.ts';
import { add, greaterEqual, isnan, multiply, subtract, where } from './ufuncs.ts';
import { checkOptions } from './options.ts';

/** axis: the axes to reduce (all by default); keepdims keeps them as length-1 axes. */
export interface QuantileOptions { axis?: Axis; keepdims?: boolean }
/** How a quantile between two samples is read (NumPy's `method`, default 'linear'). */
export type QuantileMethod = 'linear' | 'lower' | 'higher' | 'nearest' | 'midpoint';
export interface QuantileMethodOptions extends QuantileOptions { method?: QuantileMethod }

const METHODS: readonly string[] = ['linear', 'lower', 'higher', 'nearest', 'midpoint'];
/** NumPy's other methods (H&F 1996), refused by name. */
const OTHER_METHODS: readonly string[] = [
  'inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf',
  'hazen', 'weibull', 'median_unbiased', 'normal_unbiased',
];

function checkMethod(method: unknown, fn: string): QuantileMethod {
  if (method === undefined) return 'linear';
  if (OTHER_METHODS.includes(method as string)) throw new ValueError(`tessera does not implement method '${method}' of np.${fn}; use one of ${METHODS.join(', ')}`);
  if (!METHODS.includes(method as string)) throw new ValueError(`'${String(method)}' is not a valid method. Use one of: ${[...METHODS, ...OTHER_METHODS].join(', ')}`);
  return method as QuantileMethod;
}

/** The input with its reduced axes moved last, merged into one and sorted: shape (kept..., n),
 *  plus the shape the result has for one quantile. */
function sortedSamples(a: ArrayLike, options: QuantileOptions, fn: string): { sorted: NDArray; shape: number[] } {
  const x = asarray(a);
  if (!x.backend.sort) {
    throw new ValueError(`np.${fn} sorts the data, which the '${x.device}' device cannot do: move the array with \`await x.to('cpu')\` first`);
  }
  const axes = normalizeAxes(options.axis, x.ndim);
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const n = axes.reduce((p, i) => p * x.shape[i], 1);
  // NumPy's quantile/percentile take the positions of the sorted slice, which an empty slice lacks
  // (median instead gives NaN, as a mean of nothing).
  if (n === 0 && fn !== 'median') {
    // (with several axes and nothing kept either, NumPy's reshape to (kept, -1) fails first)
    const keptSize = kept.reduce((p, i) => p * x.shape[i], 1);
    if (axes.length > 1 && keptSize === 0) throw new ValueError(`cannot reshape array of size 0 into shape (${keptSize},newaxis)`);
    throw new IndexError('cannot do a non-empty take from an empty axes.');
  }
  const merged = reshape(transpose(x, [...kept, ...axes]), [...kept.map((i) => x.shape[i]), n]);
  const shape = options.keepdims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept.map((i) => x.shape[i]);
  return { sorted: sort(merged, { axis: -1 }), shape };
}

/** NaN where the slice holds a NaN (sorted last), else `result` (which broadcasts against it). */
function propagateNaN(sorted: NDArray, result: NDArray): NDArray {
  if (!isFloat(sorted.dtype) || sorted.shape[sorted.ndim - 1] === 0) return result;
  const last = take(sorted, NDArray.fromTyped(Int32Array.of(-1), [1], 'int32', 'cpu'), { axis: -1 });
  return where(isnan(last), NaN, result);
}

/** The quantile levels on the host, checked to lie in [0, 1] (`scale` turns percents into levels). */
interface Levels { values: Float64Array; shape: number[] }

function levels(q: ArrayLike, scale: number, message: string): Levels {
  const arr = asarray(q, q instanceof NDArray ? {} : { device: 'cpu' });
  if (arr.ndim > 2) throw new ValueError('q must be a scalar or 1d');
  const values = Float64Array.from(hostValues(arr, 'q'), (v) => v / scale);
  if (values.some((v) => !(v >= 0 && v <= 1))) throw new ValueError(message);
  return { values, shape: [...arr.shape] };
}

const index = (i: Int32Array): NDArray => NDArray.fromTyped(i, [i.length], 'int32', 'cpu');

/** Python's round(): halves go to the even neighbour. */
const roundHalfEven = (v: number): number => (v - Math.floor(v) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v));

/** The methods that read one sample: the virtual index v = (n - 1) * q rounded down, up or to nearest. */
const PICK: Partial<Record<QuantileMethod, (v: number) => number>> = { lower: Math.floor, higher: Math.ceil, nearest: roundHalfEven };

/** The samples at the levels `q` along the last (sorted) axis, read by `method`: shape (kept..., q.length). */
function interpolate(sorted: NDArray, q: Float64Array, method: QuantileMethod): NDArray {
  const n = sorted.shape[sorted.ndim - 1];
  const pick = PICK[method];
  if (pick) return take(sorted, index(Int32Array.from(q, (level) => Math.min(pick((n - 1) * level), n - 1))), { axis: -1 });
  const prev = new Int32Array(q.length), next = new Int32Array(q.length), gamma = new Float64Array(q.length);
  q.forEach((level, j) => {
    const v = (n - 1) * level;
    // At or past the last sample both neighbours are the last one (index -1), as in NumPy.
    [prev[j], next[j]] = v >= n - 1 ? [-1, -1] : [Math.floor(v), Math.floor(v) + 1];
    gamma[j] = method === 'midpoint' ? (Number.isInteger(v) ? 0 : 0.5) : v - prev[j];
  });
  const f64 = deviceDType(sorted.device, 'float64');
  const src = isFloat(sorted.dtype) ? sorted : astype(sorted, f64);
  const [lo, hi] = [take(src, index(prev), { axis: -1 }), take(src, index(next), { axis: -1 })];
  const g = NDArray.fromTyped(f64 === 'float64' ? gamma : Float32Array.from(gamma), [q.length], f64, sorted.device);
  const diff = subtract(hi, lo); // in the data's dtype, then float64 from here on, as NumPy's _lerp
  const fromLo = add(lo, multiply(diff, g));
  const fromHi = subtract(hi, multiply(diff, subtract(1, g)));
  return where(greaterEqual(g, 0.5), fromHi, fromLo);
}

function quantileOf(a: ArrayLike, levelsOf: () => Levels, options: QuantileMethodOptions, fn: string): NDArray {
  checkOptions(fn, options, ['axis', 'keepdims', 'method'], ['out', 'overwriteInput', 'interpolation', 'weights']);
  const method = checkMethod(options.method, fn);
  return tidy(() => {
    const q = levelsOf();
    const { sorted, shape } = sortedSamples(a, options, fn);
    const r = propagateNaN(sorted, interpolate(sorted, q.values, method));
    // (kept..., k) -> (k, kept...) -> q's shape followed by the result shape of one quantile.
    return reshape(moveaxis(r, -1, 0), [...q.shape, ...shape]);
  });
}

/** np.quantile (method 'linear' by default, see the top of the file): the q-th quantile (q in [0, 1], a number or a
 *  list) over `axis`. The result is float64 (float32 on webgpu) with shape q.shape + reduced shape. */
export function quantile(a: ArrayLike, q: ArrayLike, options: QuantileMethodOptions = {}): NDArray {
  return quantileOf(a, () => levels(q, 1, 'Quantiles must be in the range [0, 1]'), options, 'quantile');
}

/** np.percentile: quantile(a, q / 100) for q in [0, 100]. */
export function percentile(a: ArrayLike, q: ArrayLike, options: QuantileMethodOptions = {}): NDArray {
  return quantileOf(a, () => levels(q, 100, 'Percentiles must be in the range [0, 100]'), options, 'percentile');
}

/** np.median: the mean of the middle sample (odd n) or of the two middle samples (even n), computed
 *  with np.mean, so float32 stays float32 and integers give float64. NaN in a slice gives NaN. */
export function median(a: ArrayLike, options: QuantileOptions = {}): NDArray {
  checkOptions('median', options, ['axis', 'keepdims'], ['out', 'overwriteInput']);
  return tidy(() => {
    const { sorted, shape } = sortedSamples(a, options, 'median');
    const n = sorted.shape[sorted.ndim - 1];
    const half = Math.floor(n / 2);
    const middle = sorted.get('...', n % 2 === 1 ? `${half}:${half + 1}` : `${Math.max(half - 1, 0)}:${half + 1}`);
    return reshape(propagateNaN(sorted, mean(middle, { axis: -1, keepdims: true })), shape);
  });
}
