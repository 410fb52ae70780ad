// Distribution parameters as NumPy's RandomState takes them: each one is a number or an array, the
// arrays broadcast together (and against `size`, when it is given) into the output's shape, and the
// output gets one draw per element, in C order, with that element's parameters.
// The one thing to understand: every parameter is read and checked before the first draw, so a call
// that is refused never moves the stream.
import { NDArray, type ArrayLike as ArrayInput } from '../ndarray.ts';
import { asarray } from '../creation.ts';
import { allocTyped, type DType } from '../dtype.ts';
import { ValueError } from '../errors.ts';
import { broadcastArgs, broadcastStrides, cStrides, formatShape, shapeSize, shapesEqual } from '../shape.ts';

/** A parameter read as float64: its values in C order and its shape ([] for a JS number). */
export interface Param {
  readonly values: ArrayLike<number>;
  readonly shape: readonly number[];
  /** True for a JS number or boolean (a 0-d NDArray is an array, so its result is an array too). */
  readonly scalar: boolean;
}

/** Python's type name for what is left after numbers, strings, arrays, null and undefined. */
function typeName(v: unknown): string {
  return typeof v === 'object' ? ((v as object).constructor?.name ?? 'object') : typeof v;
}

/** Reads one parameter: a number, a boolean, an NDArray or nested arrays of numbers. `fallback` is
 *  used when the value is undefined (an omitted argument). Anything else is refused with NumPy's words. */
export function readParam(value: unknown, fallback?: number): Param {
  if (value === undefined && fallback !== undefined) value = fallback;
  if (typeof value === 'number' || typeof value === 'boolean') return { values: [Number(value)], shape: [], scalar: true };
  if (typeof value === 'string') {
    if (value.trim() === '' || Number.isNaN(Number(value))) throw new ValueError(`could not convert string to float: '${value}'`);
    throw new TypeError(`must be real number, not str ('${value}'): pass the number ${Number(value)}`);
  }
  if (value instanceof NDArray || Array.isArray(value) || ArrayBuffer.isView(value)) {
    const arr = asarray(value as ArrayInput, { dtype: 'float64' });
    return { values: arr.dataSync(), shape: arr.shape, scalar: false };
  }
  if (value === null) throw new TypeError('must be real number, not NoneType (got null)');
  if (value === undefined) throw new TypeError('must be real number, not undefined');
  throw new TypeError(`float() argument must be a string or a real number, not '${typeName(value)}'`);
}

/** A parameter as an integer array (NumPy casts to C long, truncating); NaN and ±inf are refused. */
export function readIntParam(value: unknown, fallback?: number): Param {
  const p = readParam(value, fallback);
  const bad = Array.from(p.values).find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new ValueError(`cannot convert float ${bad} to integer`);
  return { ...p, values: Array.from(p.values, Math.trunc) };
}

/** Refuses the parameter when some value fails `ok`, with NumPy's message for a scalar or for an
 *  array (they differ: "p is NaN" / "p contains NaNs"), plus the first offending value. */
export function constrain(p: Param, ok: (v: number) => boolean, scalarMessage: string, arrayMessage = scalarMessage): void {
  const bad = Array.from(p.values).find((v) => !ok(v));
  if (bad !== undefined) throw new ValueError(`${p.shape.length ? arrayMessage : scalarMessage} (got ${Object.is(bad, -0) ? '-0' : bad})`);
}

/** The output shape: null (one JS number) when no size is given and every parameter is a JS number;
 *  else the parameters' broadcast shape, or `size`, which the parameters must broadcast to.
 *  The output takes part in the broadcast as NumPy's argument `outputArg` (0, or last for randint). */
export function outputShape(params: readonly Param[], size: readonly number[] | null, outputArg: 'first' | 'last' = 'first'): number[] | null {
  if (size === null) return params.every((p) => p.scalar) ? null : broadcastArgs(params.map((p) => p.shape));
  const shapes = params.map((p) => p.shape);
  const all = broadcastArgs(outputArg === 'first' ? [size, ...shapes] : [...shapes, size]);
  if (!shapesEqual(all, size)) {
    throw new ValueError(`Output size ${formatShape(size)} is not compatible with broadcast dimensions of inputs ${formatShape(all)}.`);
  }
  return [...size];
}

/** The parameter's values repeated to fill `shape` (which it broadcasts to), in C order. */
export function expand(p: Param, shape: readonly number[]): Float64Array {
  const strides = broadcastStrides(p.shape, cStrides(p.shape), shape);
  const out = new Float64Array(shapeSize(shape));
  const index = new Array<number>(shape.length).fill(0);
  let at = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = p.values[at];
    for (let ax = shape.length - 1; ax >= 0; ax--) { // odometer: step the last axis, carry leftwards
      at += strides[ax];
      if (++index[ax] < shape[ax]) break;
      at -= strides[ax] * shape[ax];
      index[ax] = 0;
    }
  }
  return out;
}

/** One draw per output element with that element's parameters: `draw(p0, p1, ...)`. A JS number when
 *  outputShape is null, else an NDArray of `dtype`. Call it only after every parameter is checked. */
export function drawEach(params: readonly Param[], shape: readonly number[] | null, dtype: DType, draw: (...args: number[]) => number): number | NDArray {
  if (shape === null) return draw(...params.map((p) => p.values[0]));
  const columns = params.map((p) => (p.shape.length ? expand(p, shape) : null)); // null: the same value everywhere
  const args = params.map((p) => p.values[0]);
  const data = allocTyped(dtype, shapeSize(shape));
  // The draw loop is the hot path: the arities RandomState uses (0 to 2) call `draw` directly.
  const [c0, c1] = columns, [a0, a1] = args;
  if (params.length === 0) for (let i = 0; i < data.length; i++) data[i] = draw();
  else if (params.length === 1) for (let i = 0; i < data.length; i++) data[i] = draw(c0 ? c0[i] : a0);
  else if (params.length === 2) for (let i = 0; i < data.length; i++) data[i] = draw(c0 ? c0[i] : a0, c1 ? c1[i] : a1);
  else {
    for (let i = 0; i < data.length; i++) {
      columns.forEach((c, k) => c && (args[k] = c[i]));
      data[i] = draw(...args);
    }
  }
  return NDArray.fromTyped(data, shape, dtype);
}
