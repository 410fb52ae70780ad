// Reductions: sum, prod, min, max, all, any collapse the axes named by `axis` (all of them by
// default) into one value each; argmin/argmax find where the extreme is; cumsum/cumprod keep every
// partial result. The shared layer only works out shapes and dtypes and calls the backend's
// reduce/argReduce/scan kernels; mean, var and std are built from those kernels and ufuncs, so they
// work unchanged on every backend. Integer sums accumulate in int32/uint32 where NumPy uses
// int64/uint64 (JavaScript has no 64-bit integer arrays): very large integer sums wrap.
import { type DType, canCast, isFloat, kindOf } from './dtype.ts';
import { cStrides, normalizeAxes, normalizeAxis, zeroDimAxis, type Shape } from './shape.ts';
import { type ReduceOp, type ArgReduceOp, type ScanOp, type View, deviceDType } from './backend.ts';
import { ValueError } from './errors.ts';
import { NDArray, type ArrayLike, type Axis } from './ndarray.ts';
import { asarray } from './creation.ts';
import { astype, ravel, reshape, broadcastTo, transpose, concatenate, flip } from './manipulation.ts';
import { divide, multiply, sqrt, subtract, equal, where as select } from './ufuncs.ts';
import { tidy } from './memory.ts';
import { ones } from './creation.ts';
import { differentiable, type Rule } from './autodiff/tape.ts';
import { checkOptions } from './options.ts';

const REDUCE_KEYS = ['axis', 'keepdims'];
const SUM_KEYS = ['axis', 'keepdims', 'dtype'];
const WHERE_KEYS = ['axis', 'keepdims', 'dtype', 'where'];
const VAR_KEYS = ['axis', 'keepdims', 'dtype', 'ddof'];

export interface ReduceOptions {
  /** The axes to reduce: undefined/null for all, an int (negative counts from the end) or a list. */
  axis?: Axis;
  /** Keep the reduced axes as length-1 axes, so the result broadcasts against the input. */
  keepdims?: boolean;
}
/** sum/prod/mean may accumulate in another dtype (`np.sum(a, {dtype: 'float64'})`). */
export interface SumOptions extends ReduceOptions { dtype?: DType }
/** NumPy's `where` (sum, prod, mean, all, any): only elements where the mask, broadcast to the input, is true count. */
export interface WhereOptions { where?: ArrayLike }
/** `ddof`: "delta degrees of freedom", the divisor is N - ddof (0: population, 1: sample). */
export interface VarOptions extends SumOptions { ddof?: number }
/** argmin/argmax take one axis; null (the default) searches the flattened array. */
export interface ArgOptions { axis?: number | null; keepdims?: boolean }
/** cumsum/cumprod run along one axis; null (the default) runs over the flattened array. */
export interface ScanOptions { axis?: number | null; dtype?: DType }

/** The dtype sums and products accumulate in: small signed ints and bool -> int32, unsigned ->
 *  uint32 (NumPy: int64/uint64), floats keep theirs. */
export function accumulatorDType(d: DType): DType {
  const kind = kindOf(d);
  if (kind === 'b' || kind === 'i') return 'int32';
  return kind === 'u' ? 'uint32' : d;
}

/** mean/var/std compute in float64 for integer and bool input, in the input's dtype for floats
 *  (float32 on devices without float64, see deviceDType). */
const meanDType = (x: NDArray): DType => deviceDType(x.device, isFloat(x.dtype) ? x.dtype : 'float64');

const NAMES: Record<ReduceOp, string> = { sum: 'add', prod: 'multiply', min: 'minimum', max: 'maximum', all: 'logical_and', any: 'logical_or' };

/** A kernel-facing view of a fresh C-contiguous `out` with another shape of the same size
 *  (the result without its kept length-1 axes). A plain View, not an NDArray: nothing to dispose. */
function viewAs(out: NDArray, shape: Shape): View {
  return { storage: out.storage, dtype: out.dtype, shape, strides: cStrides(shape), offset: 0 };
}

/** x's shape without `axes`, or with 1 in their place when keepdims. */
function reducedShape(shape: Shape, axes: readonly number[], keepdims: boolean): number[] {
  return shape.flatMap((d, i) => (!axes.includes(i) ? [d] : keepdims ? [1] : []));
}

/** How many elements each output of a reduction over `axes` combines. */
function countOf(shape: Shape, axes: readonly number[]): number {
  return axes.reduce((n, a) => n * shape[a], 1);
}

/** Runs the backend's reduce kernel; `dtype` is the result's (and accumulator's) dtype. */
function reduce(op: ReduceOp, a: ArrayLike, axis: Axis | undefined, keepdims: boolean, dtype: DType): NDArray {
  let x = asarray(a);
  const axes = zeroDimAxis(axis, x.ndim) ? [] : normalizeAxes(axis, x.ndim);
  if ((op === 'min' || op === 'max') && axes.length > 0 && countOf(x.shape, axes) === 0) {
    throw new ValueError(`zero-size array to reduction operation ${NAMES[op]} which has no identity`);
  }
  const out = NDArray.empty(reducedShape(x.shape, axes, keepdims), dtype, x.device);
  const target = viewAs(out, reducedShape(x.shape, axes, false));
  // A lossy cast (float64 summed as float32, floats summed as ints) happens on each element first, as in NumPy.
  const cast = axes.length > 0 && !canCast(x.dtype, dtype, 'safe') && op !== 'all' && op !== 'any';
  if (cast) x = astype(x, dtype);
  if (axes.length === 0) x.backend.copy(x, target);
  else x.backend.reduce(op, x, axes, target);
  if (cast) x.dispose();
  return out;
}

/** np.sum. Integers and bool give int32 (uint32 for unsigned input); floats keep their dtype and are
 *  added pairwise, as NumPy does, so float32 sums match NumPy's. An empty sum is 0. */
function sumImpl(a: ArrayLike, options: SumOptions = {}): NDArray {
  checkOptions('sum', options, SUM_KEYS, 'reduction');
  const x = asarray(a);
  return reduce('sum', x, options.axis, options.keepdims ?? false, options.dtype ?? accumulatorDType(x.dtype));
}

/** np.prod: the product (int32/uint32 for integers, wrapping on overflow). An empty product is 1. */
function prodImpl(a: ArrayLike, options: SumOptions = {}): NDArray {
  checkOptions('prod', options, SUM_KEYS, 'reduction');
  const x = asarray(a);
  return reduce('prod', x, options.axis, options.keepdims ?? false, options.dtype ?? accumulatorDType(x.dtype));
}

/** np.min (np.amin): propagates NaN; an empty reduction has no identity and throws. */
function minImpl(a: ArrayLike, options: ReduceOptions = {}): NDArray {
  checkOptions('min', options, REDUCE_KEYS, 'reduction');
  const x = asarray(a);
  return reduce('min', x, options.axis, options.keepdims ?? false, x.dtype);
}

/** np.max (np.amax): propagates NaN; an empty reduction throws. */
function maxImpl(a: ArrayLike, options: ReduceOptions = {}): NDArray {
  checkOptions('max', options, REDUCE_KEYS, 'reduction');
  const x = asarray(a);
  return reduce('max', x, options.axis, options.keepdims ?? false, x.dtype);
}

function allImpl(a: ArrayLike, options: ReduceOptions = {}): NDArray {
  checkOptions('all', options, REDUCE_KEYS, 'reduction');
  return reduce('all', a, options.axis, options.keepdims ?? false, 'bool');
}

function anyImpl(a: ArrayLike, options: ReduceOptions = {}): NDArray {
  checkOptions('any', options, REDUCE_KEYS, 'reduction');
  return reduce('any', a, options.axis, options.keepdims ?? false, 'bool');
}

/** np.mean = sum / N, in float64 for integer input and in the input's dtype for floats
 *  (a float32 mean is accumulated in float32, as NumPy does). Empty: NaN. */
function meanImpl(a: ArrayLike, options: SumOptions = {}): NDArray {
  checkOptions('mean', options, SUM_KEYS, 'reduction');
  const x = asarray(a);
  const s = reduce('sum', x, options.axis, options.keepdims ?? false, options.dtype ?? meanDType(x));
  divide(s, countOf(x.shape, normalizeAxes(options.axis, x.ndim)), { out: s });
  return s;
}

/** np.var, NumPy's two-pass algorithm: mean = sum(x)/N, then sum((x - mean)^2) / (N - ddof).
 *  N - ddof <= 0 divides by 0 (NaN or inf, where NumPy also warns). */
function varImpl(a: ArrayLike, options: VarOptions = {}): NDArray {
  checkOptions('var', options, VAR_KEYS, 'reduction');
  const x = asarray(a);
  const dtype = options.dtype ?? meanDType(x);
  const n = countOf(x.shape, normalizeAxes(options.axis, x.ndim));
  const mu = reduce('sum', x, options.axis, true, dtype);
  divide(mu, n, { out: mu });
  const dev = subtract(x, mu);
  multiply(dev, dev, { out: dev });
  const v = reduce('sum', dev, options.axis, options.keepdims ?? false, dtype);
  divide(v, Math.max(n - (options.ddof ?? 0), 0), { out: v });
  mu.dispose();
  dev.dispose();
  return v;
}

/** np.std = sqrt(var), with the same options. */
function stdImpl(a: ArrayLike, options: VarOptions = {}): NDArray {
  checkOptions('std', options, VAR_KEYS, 'reduction');
  const v = varImpl(a, options);
  sqrt(v, { out: v });
  return v;
}

// ---- derivative rules (np.grad): the gradient g of the reduced result is spread back over x ----

/** g with the reduced axes put back as length 1, broadcast to x's shape. */
function spread(g: NDArray, x: NDArray, axis: Axis | undefined): NDArray {
  return broadcastTo(reshape(g, reducedShape(x.shape, normalizeAxes(axis, x.ndim), true)), x.shape);
}
type Options = { axis?: Axis; ddof?: number } | undefined;
const reductionRule = (d: (g: NDArray, x: NDArray, y: NDArray, axis: Axis | undefined, options: Options) => NDArray): Rule =>
  (g, y, [x], args) => [d(g, x, y, (args[1] as Options)?.axis, args[1] as Options)];

/** d sum / dx = 1: every element receives g. */
const sumRule = reductionRule((g, x, _y, axis) => spread(g, x, axis));
/** d mean / dx = 1/N. */
const meanRule = reductionRule((g, x, _y, axis) => divide(spread(g, x, axis), countOf(x.shape, normalizeAxes(axis, x.ndim))));
/** d max / dx = 1 where x is the max; ties share g equally (JAX's rule). */
const extremeRule = reductionRule((g, x, y, axis) => {
  const hits = astype(equal(x, spread(y, x, axis)), g.dtype);
  return divide(multiply(hits, spread(g, x, axis)), sumImpl(hits, { axis, keepdims: true }));
});
/** d var / dx = 2 (x - mean) / (N - ddof). */
const varRule = reductionRule((g, x, _y, axis, o) => {
  const n = countOf(x.shape, normalizeAxes(axis, x.ndim)) - (o?.ddof ?? 0);
  return multiply(spread(g, x, axis), divide(multiply(subtract(x, meanImpl(x, { axis, keepdims: true })), 2), n));
});
/** d std / dx = (x - mean) / ((N - ddof) std). */
const stdRule = reductionRule((g, x, y, axis, o) => {
  const n = countOf(x.shape, normalizeAxes(axis, x.ndim)) - (o?.ddof ?? 0);
  return multiply(spread(g, x, axis), divide(subtract(x, meanImpl(x, { axis, keepdims: true })), multiply(spread(y, x, axis), n)));
});
/** d prod / dx_i = the product of the other elements: exclusive running products from the left
 *  times those from the right (exact when some x are 0, unlike prod / x). */
const prodRule = reductionRule((g, x, _y, axis) => {
  const axes = normalizeAxes(axis, x.ndim);
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const moved = transpose(x, perm);
  const rows = reshape(moved, [...kept.map((i) => x.shape[i]), countOf(x.shape, axes)]);
  const one = ones([...rows.shape.slice(0, -1), 1], { dtype: x.dtype, device: x.device });
  const left = concatenate([one, cumprodLast(rows).get('...', ':-1')], { axis: -1 });
  const right = flip(concatenate([one, cumprodLast(flip(rows, { axis: -1 })).get('...', ':-1')], { axis: -1 }), { axis: -1 });
  const others = transpose(reshape(multiply(left, right), moved.shape), perm.map((_, i) => perm.indexOf(i)));
  return multiply(others, spread(g, x, axis));
});
/** Running products along the last axis. */
const cumprodLast = (x: NDArray): NDArray => scan('cumprod', x, { axis: -1 });

// ---- `where`: the masked-out elements become the reduction's identity (0 for sum, 1 for prod), an
// ordinary np.where before the reduction, so np.grad records both ops and the gradient is masked too.

/** The options without `where` (and the mask), or null when `where` is not given. */
function splitWhere<O extends WhereOptions>(options: O | undefined): [ArrayLike, Omit<O, 'where'>] | null {
  if (typeof options !== 'object' || options === null || !('where' in options)) return null;
  const { where: mask, ...rest } = options;
  return mask === undefined ? null : [mask, rest];
}

function withWhere<O>(name: string, identity: number | boolean, reduce: (a: ArrayLike, options?: O) => NDArray): (a: ArrayLike, options?: O & WhereOptions) => NDArray {
  return (a, options) => {
    const split = splitWhere(options);
    if (split === null) return reduce(a, options);
    checkOptions(name, options, WHERE_KEYS);
    return tidy(() => reduce(select(split[0], a, identity), split[1] as O));
  };
}

/** np.mean with `where`: the sum of the selected elements over how many were selected. */
function meanWhere(a: ArrayLike, mask: ArrayLike, options: SumOptions): NDArray {
  return tidy(() => {
    const x = asarray(a);
    const dtype = options.dtype ?? meanDType(x);
    const selected = astype(broadcastTo(asarray(mask, mask instanceof NDArray ? {} : { device: x.device }), x.shape), dtype);
    return divide(sum(select(mask, x, 0), { ...options, dtype }), sum(selected, { axis: options.axis, keepdims: options.keepdims }));
  });
}

/** np.sum. Integers and bool give int32 (uint32 for unsigned input); floats keep their dtype and are
 *  added pairwise, as NumPy does, so float32 sums match NumPy's. An empty sum is 0.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const a = np.array([[1, 2, 3], [4, 5, 6]]);
 * console.log(np.sum(a), np.sum(a, { axis: 0 }), np.sum(a, { axis: 1, keepdims: true }));
 * ```
 *
 * ```text output
 * array(21) array([5, 7, 9]) array([[ 6],
 *        [15]])
 * ```
 */
export const sum = withWhere<SumOptions>('sum', 0, differentiable('sum', sumImpl, sumRule));
/** np.prod: the product (int32/uint32 for integers, wrapping on overflow). An empty product is 1. */
export const prod = withWhere<SumOptions>('prod', 1, differentiable('prod', prodImpl, prodRule));
/** np.min (np.amin): propagates NaN; an empty reduction has no identity and throws. */
export const min = differentiable('min', minImpl, extremeRule);
/** np.max (np.amax): propagates NaN; an empty reduction throws. */
export const max = differentiable('max', maxImpl, extremeRule);
/** np.all: true when every (selected) element is non-zero (NaN counts as true). Always bool. */
export const all = withWhere<ReduceOptions>('all', true, allImpl);
/** np.any: true when some (selected) element is non-zero. Always bool. */
export const any = withWhere<ReduceOptions>('any', false, anyImpl);
const meanAll = differentiable('mean', meanImpl, meanRule);
/**
 * np.mean = sum / N (see meanImpl); with `where`, over the selected elements only.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const a = np.array([[1, 2], [3, 4]]);
 * console.log(np.mean(a), np.mean(a, { axis: 0 }), np.mean(a, { axis: 1 })); // integers give float64
 * ```
 *
 * ```text output
 * array(2.5) array([2., 3.]) array([1.5, 3.5])
 * ```
 */
export function mean(a: ArrayLike, options?: SumOptions & WhereOptions): NDArray {
  const split = splitWhere(options);
  if (split === null) return meanAll(a, options);
  checkOptions('mean', options, WHERE_KEYS);
  return meanWhere(a, split[0], split[1]);
}
/** np.var (see varImpl). */
export const var_ = differentiable('var', varImpl, varRule);
/** np.std = sqrt(var), with the same options. */
export const std = differentiable('std', stdImpl, stdRule);

/** A 0-d array acts as a 1-element 1-D one for argmin/argmax/cumsum (NumPy's PyArray_CheckAxis). */
const atLeast1d = (x: NDArray): NDArray => (x.ndim === 0 ? reshape(x, [1]) : x);

function argReduce(op: ArgReduceOp, a: ArrayLike, options: ArgOptions): NDArray {
  checkOptions(op, options, REDUCE_KEYS, ['out']);
  const x = asarray(a);
  const flat = options.axis === undefined || options.axis === null;
  const src = flat ? ravel(x) : atLeast1d(x);
  const axis = flat ? 0 : normalizeAxis(options.axis as number, src.ndim);
  if (src.shape[axis] === 0) throw new ValueError(`attempt to get ${op} of an empty sequence`);
  const keptShape = src.shape.filter((_, i) => i !== axis);
  const shape = !options.keepdims ? keptShape : flat || x.ndim === 0 ? x.shape.map(() => 1) : src.shape.map((d, i) => (i === axis ? 1 : d));
  const out = NDArray.empty(shape, 'int32', x.device);
  x.backend.argReduce(op, src, axis, viewAs(out, keptShape));
  if (src !== x) src.dispose();
  return out;
}

/** np.argmin: index of the first minimum (NaN counts as the minimum); int32. axis null: index
 *  into the flattened array. */
export const argmin = (a: ArrayLike, options: ArgOptions = {}): NDArray => argReduce('argmin', a, options);

/** np.argmax: index of the first maximum (NaN counts as the maximum); int32. */
export const argmax = (a: ArrayLike, options: ArgOptions = {}): NDArray => argReduce('argmax', a, options);

function scan(op: ScanOp, a: ArrayLike, options: ScanOptions): NDArray {
  checkOptions(op, options, ['axis', 'dtype'], ['out']);
  const x = asarray(a);
  const flat = options.axis === undefined || options.axis === null;
  let src = flat ? ravel(x) : atLeast1d(x);
  const axis = flat ? 0 : normalizeAxis(options.axis as number, src.ndim);
  const dtype = options.dtype ?? accumulatorDType(x.dtype);
  if (!canCast(src.dtype, dtype, 'safe')) {
    const cast = astype(src, dtype);
    if (src !== x) src.dispose();
    src = cast;
  }
  const out = NDArray.empty(src.shape, dtype, x.device);
  x.backend.scan(op, src, axis, out);
  if (src !== x) src.dispose();
  return out;
}

/** np.cumsum: running sums along `axis` (flattened when axis is null); int32/uint32 for integers. */
export const cumsum = (a: ArrayLike, options: ScanOptions = {}): NDArray => scan('cumsum', a, options);

/** np.cumprod: running products, with cumsum's dtypes and axis rules. */
export const cumprod = (a: ArrayLike, options: ScanOptions = {}): NDArray => scan('cumprod', a, options);
