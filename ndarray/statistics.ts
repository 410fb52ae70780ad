// Summary statistics built from reductions and ufuncs, so they run on every backend:
// np.average is a weighted mean, sum(a * w) / sum(w), and np.ptp ("peak to peak") is max - min.
// The one thing to understand in average: 1-D weights for an n-D array are laid along `axis`
// (reshaped to length 1 on every other axis) so that a * w broadcasts.
import { type DType, isFloat, promoteTypes } from './dtype.ts';
import { normalizeAxis, shapesEqual } from './shape.ts';
import { deviceDType } from './backend.ts';
import { ValueError } from './errors.ts';
import { NDArray, type ArrayLike, type Axis } from './ndarray.ts';
import { asarray, full } from './creation.ts';
import { astype, broadcastTo, reshape } from './manipulation.ts';
import { tidy } from './memory.ts';
import { max, mean, min, sum, type ReduceOptions } from './reductions.ts';
import { divide, multiply, subtract } from './ufuncs.ts';
import { checkOptions } from './options.ts';

export interface AverageOptions extends ReduceOptions {
  /** One weight per element of `a`, or a 1-D array with one weight per position along `axis`. */
  weights?: ArrayLike;
  /** Also return the sum of the weights. */
  returned?: boolean;
}

/** The weights shaped to broadcast against `a` (NumPy's checks and messages). */
function layWeights(a: NDArray, w: NDArray, axis: Axis | undefined): NDArray {
  if (w.shape.length === a.shape.length && w.shape.every((d, i) => d === a.shape[i])) return w;
  if (axis === undefined || axis === null) throw new TypeError('Axis must be specified when shapes of a and weights differ.');
  if (w.ndim !== 1) throw new TypeError('1D weights expected when shapes of a and weights differ.');
  if (typeof axis !== 'number') throw new TypeError('an integer axis is required when shapes of a and weights differ.');
  const ax = normalizeAxis(axis, a.ndim);
  if (w.shape[0] !== a.shape[ax]) throw new ValueError('Length of weights not compatible with specified axis.');
  return reshape(w, a.shape.map((d, i) => (i === ax ? d : 1)));
}

/** The weighted mean of x and the sum of the weights it divided by (the count without weights). */
function weightedMean(x: NDArray, options: AverageOptions): { avg: NDArray; scale: NDArray } {
  const { axis, keepdims, weights } = options;
  if (weights === undefined) {
    const avg = mean(x, { axis, keepdims });
    return { avg, scale: full(avg.shape, x.size / avg.size, { dtype: avg.dtype, device: avg.device }) };
  }
  const w = asarray(weights, weights instanceof NDArray ? {} : { device: x.device });
  const promoted = promoteTypes(x.dtype, w.dtype);
  const dtype: DType = deviceDType(x.device, isFloat(x.dtype) ? promoted : promoteTypes(promoted, 'float64'));
  const wx = astype(layWeights(x, w, axis), dtype);
  const scale = sum(wx, { axis, keepdims });
  // The check reads the sums, which only devices readable without waiting (the CPU) can do.
  if (scale.backend.readSync && scale.dataSync().some((s) => s === 0)) {
    throw new ValueError("Weights sum to zero, can't be normalized");
  }
  const avg = divide(sum(multiply(astype(x, dtype), wx), { axis, keepdims }), scale);
  return { avg, scale: shapesEqual(scale.shape, avg.shape) ? scale : broadcastTo(scale, avg.shape).copy() };
}

/** np.average: the mean without weights; with weights sum(a * w) / sum(w) over `axis`, in float64
 *  for integer and bool data (else the promoted dtype of a and w). Weights summing to 0 throw.
 *  `returned: true` gives [average, sum of the weights] (the count without weights), as NumPy's tuple. */
export function average(a: ArrayLike, options: AverageOptions & { returned: true }): [NDArray, NDArray];
export function average(a: ArrayLike, options?: AverageOptions): NDArray;
export function average(a: ArrayLike, options: AverageOptions = {}): NDArray | [NDArray, NDArray] {
  checkOptions('average', options, ['axis', 'keepdims', 'weights', 'returned']);
  const { avg, scale } = tidy(() => weightedMean(asarray(a), options));
  if (options.returned) return [avg, scale];
  scale.dispose();
  return avg;
}

/** np.ptp: max - min over `axis` (range of values; NaN propagates). */
export function ptp(a: ArrayLike, options: ReduceOptions = {}): NDArray {
  checkOptions('ptp', options, ['axis', 'keepdims'], ['out']);
  return tidy(() => subtract(max(a, options), min(a, options)));
}
