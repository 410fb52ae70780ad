// Nested JavaScript arrays <-> flat buffers: the shape of [[1, 2], [3, 4]] is (2, 2) and its
// elements in C order are 1, 2, 3, 4. Ragged input has no shape, and NumPy refuses it with
// "inhomogeneous shape"; so do we. Element types pick the dtype: all booleans -> bool,
// all integers -> int32, otherwise float64.
import { OverflowError, ValueError } from './errors.ts';
import { type DType, type TypedArray, allocTyped, dtypeOfScalar, dtypeOfTyped, promoteTypes } from './dtype.ts';
import { formatShape } from './shape.ts';

export type Scalar = number | boolean;
export type Nested = Scalar | readonly Nested[] | TypedArray;

/** The shape of nested arrays, or NumPy's error for ragged input. */
export function inferShape(x: Nested): number[] {
  const shape: number[] = [];
  let level: unknown = x;
  while (Array.isArray(level) || ArrayBuffer.isView(level)) {
    const arr = level as ArrayLike<unknown>;
    shape.push(arr.length);
    if (arr.length === 0) break;
    level = arr[0];
  }
  checkHomogeneous(x, shape, 0);
  return shape;
}

function checkHomogeneous(x: unknown, shape: number[], depth: number): void {
  const isSeq = Array.isArray(x) || ArrayBuffer.isView(x);
  if (depth === shape.length) {
    if (isSeq || (typeof x !== 'number' && typeof x !== 'boolean')) ragged(shape, depth, x);
    return;
  }
  if (!isSeq || (x as ArrayLike<unknown>).length !== shape[depth]) ragged(shape, depth, x);
  if (ArrayBuffer.isView(x)) {
    if (depth !== shape.length - 1) ragged(shape, depth + 1, x);
    return;
  }
  for (const v of x as unknown[]) checkHomogeneous(v, shape, depth + 1);
}

function ragged(shape: number[], depth: number, x: unknown): never {
  if (depth === shape.length && !Array.isArray(x) && typeof x !== 'number' && typeof x !== 'boolean' && !ArrayBuffer.isView(x)) {
    throw new TypeError(`array elements must be numbers or booleans, got ${x === null ? 'null' : typeof x}`);
  }
  throw new ValueError(
    'setting an array element with a sequence. The requested array has an inhomogeneous shape after ' +
      `${depth} dimensions. The detected shape was ${formatShape(shape.slice(0, depth))} + inhomogeneous part.`,
  );
}

/** The dtype NumPy would infer (with int32 as tessera's default integer). */
export function inferDType(x: Nested): DType {
  if (ArrayBuffer.isView(x)) return dtypeOfTyped(x);
  let d: DType | null = null;
  const visit = (v: Nested): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (ArrayBuffer.isView(v)) d = d ? promoteTypes(d, inferDType(v)) : inferDType(v);
    else {
      const s = dtypeOfScalar(v as Scalar);
      d = d ? promoteTypes(d, s) : s;
    }
  };
  visit(x);
  return d ?? 'float64';
}

/** Flattens nested arrays of a known shape into a new typed array of `dtype`. `check` (array creation) applies
 *  NumPy 2's rules for JS values (checkValue); item assignment keeps its own rules (indexing.ts). */
export function flattenNested(x: Nested, shape: readonly number[], dtype: DType, options: { check?: boolean } = {}): TypedArray {
  let n = 1;
  for (const d of shape) n *= d;
  const out = allocTyped(dtype, n);
  const toBool = dtype === 'bool';
  let i = 0;
  const visit = (v: Nested): void => {
    if (ArrayBuffer.isView(v)) {
      // A typed array is an array already: it converts as astype does (C casts), like NumPy's array inputs.
      const seq = v as unknown as ArrayLike<number>;
      for (let k = 0; k < seq.length; k++) out[i++] = toBool ? (seq[k] !== 0 ? 1 : 0) : seq[k];
    } else if (Array.isArray(v)) {
      const seq = v as ArrayLike<Nested>;
      for (let k = 0; k < seq.length; k++) visit(seq[k]);
    } else {
      const num = options.check ? checkValue(v, dtype) : Number(v);
      out[i++] = toBool ? (num !== 0 ? 1 : 0) : num;
    }
  };
  visit(x);
  return out;
}

const INT_BOUNDS: Partial<Record<DType, readonly [number, number]>> = {
  uint8: [0, 255], int8: [-128, 127], uint16: [0, 65535], int16: [-32768, 32767],
  uint32: [0, 4294967295], int32: [-2147483648, 2147483647],
};

/** A JS value written into an array of `dtype` from JS data (np.array, np.full, item assignment): NumPy 2's rules
 *  for Python scalars. Numbers and booleans only; NaN and +-Infinity never become integers; an integer outside
 *  an integer dtype's range is refused rather than wrapped. (astype of an existing array keeps C casts.) */
export function checkValue(v: unknown, dtype: DType): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v !== 'number') {
    const what = v === null ? 'null' : v === undefined ? 'undefined' : typeof v === 'string' ? `the string ${JSON.stringify(v)}` : `a value of type ${typeof v === 'object' ? ((v as object).constructor?.name ?? 'object') : typeof v}`;
    throw new TypeError(`expected a number or a boolean for an array of dtype ${dtype}, got ${what}`);
  }
  const bounds = INT_BOUNDS[dtype];
  if (bounds) {
    if (Number.isNaN(v)) throw new ValueError('cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw new OverflowError('cannot convert float infinity to integer');
    if (Number.isInteger(v) && (v < bounds[0] || v > bounds[1])) throw new OverflowError(`Python integer ${v} out of bounds for ${dtype}`);
  }
  return v;
}

/** A flat C-order buffer back into nested arrays (NumPy's tolist). bool gives booleans. */
export function toNested(data: TypedArray, shape: readonly number[], dtype: DType): Nested {
  const value = (i: number): Scalar => (dtype === 'bool' ? data[i] !== 0 : data[i]);
  if (shape.length === 0) return value(0);
  let pos = 0;
  const build = (depth: number): Nested[] => {
    const out: Nested[] = new Array(shape[depth]);
    for (let k = 0; k < shape[depth]; k++) out[k] = depth === shape.length - 1 ? value(pos++) : build(depth + 1);
    return out;
  };
  return build(0);
}
