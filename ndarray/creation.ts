// Making arrays: from nested JS data, filled with a constant, or as ranges and grids.
// Defaults follow NumPy: floats are float64, JS integers give int32 (NumPy's int64 does not exist
// in JS typed arrays), booleans give bool. Every function takes a trailing options object with
// `dtype` and `device`, so `np.zeros([2, 3], {dtype: 'float32', device: 'webgpu'})` works.
import { type DType, type TypedArray, checkDType, dtypeOfTyped, allocTyped } from './dtype.ts';
import { type DeviceName, getBackend } from './backend.ts';
import { NDArray, type ArrayLike } from './ndarray.ts';
import { inferShape, inferDType, flattenNested, checkValue, type Nested } from './nested.ts';
import { MAX_ARRAY_SIZE, checkShape, checkSize, shapeSize, shapesEqual } from './shape.ts';
import { ValueError } from './errors.ts';
import { joinAlong } from './join.ts';
import { differentiable } from './autodiff/tape.ts';
import { checkOptions, describe } from './options.ts';

export interface CreateOptions {
  dtype?: DType;
  device?: DeviceName;
}

/** np.array's list of arrays: each part becomes row i of a new first axis, as np.stack does.
 *  d: row i of the gradient goes back to part i. */
const stackParts = differentiable('array', (parts: readonly NDArray[]): NDArray => {
  if (parts.some((p) => !shapesEqual(p.shape, parts[0].shape))) throw new ValueError('all input arrays must have the same shape');
  const rows = parts.map((p) => p.view([1, ...p.shape], [0, ...p.strides], p.offset));
  try {
    return joinAlong(rows, 0);
  } finally {
    rows.forEach((r) => r.dispose());
  }
}, (g, _y, inputs, _args, needed) => inputs.map((_, i) => (needed[i] ? g.get(i) : null)));

/** np.array: always a new array. Accepts nested arrays, typed arrays, scalars, NDArrays, or a list
 *  of NDArrays (stacked along a new first axis, as NumPy does).
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * console.log(np.array([[1, 2], [3, 4]])); // JS integers make int32
 * console.log(np.array([1.5, 2], { dtype: 'float32' }));
 * console.log(np.array([np.zeros(2), np.ones(2)]).shape); // a list of arrays is stacked
 * ```
 *
 * ```text output
 * array([[1, 2],
 *        [3, 4]])
 * array([1.5, 2. ], dtype=float32)
 * [ 2, 2 ]
 * ```
 */
export function array(data: ArrayLike | readonly NDArray[], options: CreateOptions = {}): NDArray {
  checkOptions('array', options, ['dtype', 'device'], ['copy', 'order', 'subok', 'ndmin', 'like']);
  if (data instanceof NDArray) {
    if (options.device && options.device !== data.device) {
      throw new ValueError(`np.array does not move data between devices: use \`await x.to('${options.device}')\``);
    }
    return data.astype(options.dtype ?? data.dtype, { copy: true });
  }
  if (Array.isArray(data) && data.length > 0 && data.some((d) => d instanceof NDArray)) {
    const parts = data.map((d) => (d instanceof NDArray ? d : array(d as Nested, { device: options.device })));
    const stacked = stackParts(parts);
    return options.dtype && options.dtype !== stacked.dtype ? stacked.astype(options.dtype) : stacked;
  }
  const nested = data as Nested;
  const shape = inferShape(nested);
  const dtype = options.dtype ? checkDType(options.dtype) : inferDType(nested);
  if (ArrayBuffer.isView(nested) && dtypeOfTyped(nested) === dtype && dtype !== 'bool') {
    return NDArray.fromTyped(nested as TypedArray, shape, dtype, options.device);
  }
  return NDArray.fromTyped(flattenNested(nested, shape, dtype, { check: true }), shape, dtype, options.device, { copy: false });
}

/** np.asarray: the same array when it already has the requested dtype and device, else a new one. */
export function asarray(data: ArrayLike | readonly NDArray[], options: CreateOptions = {}): NDArray {
  checkOptions('asarray', options, ['dtype', 'device'], ['order', 'like']);
  if (data instanceof NDArray) data.assertAlive();
  if (data instanceof NDArray && (!options.dtype || options.dtype === data.dtype) && (!options.device || options.device === data.device)) {
    return data;
  }
  return array(data, options);
}

/** Wraps an existing typed array without copying (CPU only): writes through the array reach `data`. */
export function fromBuffer(data: TypedArray, options: { shape?: readonly number[]; dtype?: DType } = {}): NDArray {
  checkOptions('frombuffer', options, ['shape', 'dtype'], ['count', 'offset', 'like']);
  if (!ArrayBuffer.isView(data) || data instanceof DataView) {
    throw new TypeError(`fromBuffer(): expected a typed array (Float64Array, Int32Array, ...), got ${describe(data)}`);
  }
  const dtype = options.dtype ?? dtypeOfTyped(data);
  if (dtypeOfTyped(data) !== (dtype === 'bool' ? 'uint8' : dtype)) {
    throw new TypeError(`fromBuffer: a ${data.constructor.name} cannot hold dtype '${dtype}' without a copy`);
  }
  const shape = options.shape === undefined ? [data.length] : checkShape(options.shape);
  if (shapeSize(shape) !== data.length) {
    throw new ValueError(`fromBuffer: buffer has ${data.length} elements, shape ${JSON.stringify(shape)} needs ${shapeSize(shape)}`);
  }
  return new NDArray({ backend: getBackend('cpu'), dtype, size: data.length, refs: 0, data } as never, shape);
}

type ShapeArg = number | readonly number[] | NDArray;
const toShape = (s: ShapeArg | NDArray): number[] => checkShape(s);

export function empty(shape: ShapeArg, options: CreateOptions = {}): NDArray {
  checkOptions('empty', options, ['dtype', 'device'], ['order', 'like']);
  return NDArray.empty(toShape(shape), checkDType(options.dtype ?? 'float64'), options.device);
}

/**
 * np.zeros: a new array of the shape filled with 0 (float64 unless `dtype` says otherwise).
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * console.log(np.zeros([2, 3]));
 * console.log(np.zeros(3, { dtype: 'int32' }));
 * ```
 *
 * ```text output
 * array([[0., 0., 0.],
 *        [0., 0., 0.]])
 * array([0, 0, 0])
 * ```
 */
export function zeros(shape: ShapeArg, options: CreateOptions = {}): NDArray {
  checkOptions('zeros', options, ['dtype', 'device'], ['order', 'like']);
  return empty(shape, options);
}

export function full(shape: ShapeArg, value: number | boolean, options: CreateOptions = {}): NDArray {
  checkOptions('full', options, ['dtype', 'device'], ['order', 'like']);
  const dtype = options.dtype ?? (typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'int32' : 'float64');
  const v = checkValue(value, checkDType(dtype));
  const out = empty(shape, { ...options, dtype });
  out.backend.fill(out, v);
  return out;
}

export function ones(shape: ShapeArg, options: CreateOptions = {}): NDArray {
  checkOptions('ones', options, ['dtype', 'device'], ['order', 'like']);
  return full(shape, 1, { dtype: 'float64', ...options });
}

/** What an `*Like` function takes from its model: shape, dtype and device (a JS list is read as
 *  np.asarray reads it). */
function likeOf(fn: string, a: ArrayLike, o: CreateOptions): [number[], CreateOptions] {
  checkOptions(fn, o, ['dtype', 'device'], ['order', 'subok', 'shape']);
  const x = asarray(a);
  const like: [number[], CreateOptions] = [[...x.shape], { dtype: o.dtype ?? x.dtype, device: o.device ?? x.device }];
  if (x !== a) x.dispose();
  return like;
}
export const emptyLike = (a: ArrayLike, o: CreateOptions = {}): NDArray => empty(...likeOf('empty_like', a, o));
export const zerosLike = (a: ArrayLike, o: CreateOptions = {}): NDArray => zeros(...likeOf('zeros_like', a, o));
export const onesLike = (a: ArrayLike, o: CreateOptions = {}): NDArray => ones(...likeOf('ones_like', a, o));
export function fullLike(a: ArrayLike, value: number | boolean, o: CreateOptions = {}): NDArray {
  const [shape, options] = likeOf('full_like', a, o);
  return full(shape, value, options);
}

/** np.arange(stop) / arange(start, stop, step): values start + i*step for i < ceil((stop-start)/step).
 *  Integer arguments give int32, as NumPy gives its default integer.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * console.log(np.arange(5));
 * console.log(np.arange(1, 2, 0.25));
 * console.log(np.arange(10, 0, -3));
 * ```
 *
 * ```text output
 * array([0, 1, 2, 3, 4])
 * array([1.  , 1.25, 1.5 , 1.75])
 * array([10,  7,  4,  1])
 * ```
 */
export function arange(start: number, stop?: number, step = 1, options: CreateOptions = {}): NDArray {
  checkOptions('arange', options, ['dtype', 'device'], ['like']);
  if (stop === undefined) [start, stop] = [0, start];
  for (const [name, v] of [['start', start], ['stop', stop], ['step', step]] as const) {
    if (typeof v !== 'number') throw new TypeError(`arange: ${name} must be a number, got ${typeof v}`);
  }
  if (step === 0) throw new ValueError('Maximum allowed size exceeded (step 0 in arange)');
  const len = Math.ceil((stop - start) / step);
  if (!Number.isFinite(len)) throw new ValueError('arange: cannot compute length');
  const n = Math.max(0, len);
  if (n > MAX_ARRAY_SIZE) throw new ValueError('Maximum allowed size exceeded');
  const integral = [start, stop, step].every(Number.isInteger);
  const dtype = options.dtype ?? (integral ? 'int32' : 'float64');
  const data = allocTyped(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return NDArray.fromTyped(data, [n], dtype, options.device, { copy: false });
}

/** np.linspace: `num` evenly spaced values from start to stop (inclusive unless endpoint is false).
 *  Computed as NumPy does: i*step + start, with the last value set to stop exactly. */
export function linspace(start: number, stop: number, num = 50, options: CreateOptions & { endpoint?: boolean } = {}): NDArray {
  checkOptions('linspace', options, ['dtype', 'device', 'endpoint'], ['retstep', 'axis']);
  checkSize(num, `Number of samples, ${num}, must be non-negative.`);
  if (num > MAX_ARRAY_SIZE) throw new ValueError('Maximum allowed size exceeded');
  const endpoint = options.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : NaN;
  const data = new Float64Array(num);
  for (let i = 0; i < num; i++) data[i] = div > 0 ? i * step + start : start;
  if (endpoint && num > 1) data[num - 1] = stop;
  const out = NDArray.fromTyped(data, [num], 'float64', options.device, { copy: false });
  return options.dtype && options.dtype !== 'float64' ? out.astype(options.dtype) : out;
}

/** np.eye: ones on the k-th diagonal of an N x M matrix. */
export function eye(n: number, m: number = n, options: CreateOptions & { k?: number } = {}): NDArray {
  checkOptions('eye', options, ['dtype', 'device', 'k'], ['order', 'like']);
  [n, m] = checkShape([n, m ?? n]);
  const k = options.k ?? 0;
  if (!Number.isInteger(k)) throw new TypeError(`'float' object cannot be interpreted as an integer (eye k=${k})`);
  const dtype = checkDType(options.dtype ?? 'float64');
  const data = allocTyped(dtype, n * m);
  for (let i = 0; i < n; i++) if (i + k >= 0 && i + k < m) data[i * m + i + k] = 1;
  return NDArray.fromTyped(data, [n, m], dtype, options.device, { copy: false });
}

export const identity = (n: number, options: CreateOptions = {}): NDArray => eye(n, n, options);

/** np.meshgrid: coordinate matrices from coordinate vectors. 'xy' (default) swaps the first two
 *  output axes, so for x of length 3 and y of length 2 the outputs have shape (2, 3). */
export function meshgrid(...args: (ArrayLike | { indexing?: 'xy' | 'ij' })[]): NDArray[] {
  const last = args[args.length - 1];
  const hasOptions = last !== null && typeof last === 'object' && !(last instanceof NDArray) && !Array.isArray(last) && !ArrayBuffer.isView(last);
  if (hasOptions) checkOptions('meshgrid', last, ['indexing'], ['sparse', 'copy']);
  const indexing = hasOptions ? ((last as { indexing?: 'xy' | 'ij' }).indexing ?? 'xy') : 'xy';
  const xs = (hasOptions ? args.slice(0, -1) : args).map((x) => asarray(x as ArrayLike).ravel());
  const shape = xs.map((x) => x.size);
  if (indexing === 'xy' && xs.length > 1) [shape[0], shape[1]] = [shape[1], shape[0]];
  return xs.map((x, i) => {
    const axis = indexing === 'xy' && i < 2 && xs.length > 1 ? 1 - i : i;
    const viewShape = shape.map((_, j) => (j === axis ? x.size : 1));
    return x.reshape(viewShape).broadcastTo(shape).copy();
  });
}

/** np.copy: a new C-contiguous array with the same values. */
export function copy(a: ArrayLike): NDArray {
  return asarray(a).copy();
}
