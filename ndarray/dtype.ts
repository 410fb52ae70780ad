// dtypes: what one element of an array is, how it is stored, and how two dtypes combine.
// Every dtype maps to a JavaScript typed array (bool is stored as one byte, as in NumPy).
// Promotion follows NumPy's table: the result of mixing two dtypes is the smallest dtype
// both can be cast to *safely* (without losing values). JS numbers are "weak" scalars
// (NEP 50): they adapt to the array's dtype, see `scalarResultType`.
import { CastingError, ValueError } from './errors.ts';

export type DType =
  | 'bool' | 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export type TypedArray =
  | Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

type TypedArrayCtor = { new (n: number | ArrayBufferLike | ArrayLike<number>): TypedArray; BYTES_PER_ELEMENT: number };

/** The order used to pick "the smallest" common dtype. */
export const DTYPES: readonly DType[] = [
  'bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64',
];

const CTORS: Record<DType, TypedArrayCtor> = {
  bool: Uint8Array, uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array,
  uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
};

/** NumPy's one-letter kinds: b(ool) < u(nsigned) < i(nteger) < f(loat). */
export type Kind = 'b' | 'u' | 'i' | 'f';
const KINDS: Record<DType, Kind> = {
  bool: 'b', uint8: 'u', uint16: 'u', uint32: 'u', int8: 'i', int16: 'i', int32: 'i', float32: 'f', float64: 'f',
};
const KIND_ORDER: Record<Kind, number> = { b: 0, u: 1, i: 2, f: 3 };

/** Safe casts: every value of the source is exactly representable in the target.
 *  (uint32 -> int64 would be safe in NumPy; tessera has no int64, so uint32 + int32 gives float64.) */
const SAFE: Record<DType, readonly DType[]> = {
  bool: DTYPES,
  uint8: ['uint8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'],
  int8: ['int8', 'int16', 'int32', 'float32', 'float64'],
  uint16: ['uint16', 'uint32', 'int32', 'float32', 'float64'],
  int16: ['int16', 'int32', 'float32', 'float64'],
  uint32: ['uint32', 'float64'],
  int32: ['int32', 'float64'],
  float32: ['float32', 'float64'],
  float64: ['float64'],
};

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

/** Validates a dtype name given by a user, with NumPy's message for unknown names. */
export function checkDType(x: unknown): DType {
  if (!isDType(x)) throw new TypeError(`data type '${String(x)}' not understood (expected one of ${DTYPES.join(', ')})`);
  return x;
}

export const kindOf = (d: DType): Kind => KINDS[d];
export const isFloat = (d: DType): boolean => KINDS[d] === 'f';
export const isInteger = (d: DType): boolean => KINDS[d] === 'u' || KINDS[d] === 'i';
export const itemsize = (d: DType): number => CTORS[d].BYTES_PER_ELEMENT;

/** A new zero-filled typed array for `n` elements of `dtype`. */
export function allocTyped(dtype: DType, n: number): TypedArray {
  return new CTORS[dtype](n);
}

/** The typed array class that stores `dtype`. */
export function typedCtor(dtype: DType): TypedArrayCtor {
  return CTORS[dtype];
}

/** The dtype a typed array naturally holds (Uint8Array -> uint8). */
export function dtypeOfTyped(a: TypedArray): DType {
  for (const d of DTYPES) if (d !== 'bool' && a instanceof CTORS[d]) return d;
  throw new TypeError(`unsupported typed array ${(a as object).constructor.name}`);
}

/** np.can_cast(from, to, casting): 'safe' keeps every value, 'same_kind' allows moving down within
 *  a kind (float64 -> float32) or up in kind (int -> float), 'unsafe' allows anything. 'equiv' (only
 *  byte-order changes) is 'no' here: tessera's dtypes have one byte order. */
export function canCast(from: DType, to: DType, casting: 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe' = 'safe'): boolean {
  checkDType(from);
  checkDType(to);
  if (!['no', 'equiv', 'safe', 'same_kind', 'unsafe'].includes(casting)) {
    throw new ValueError(`casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe', got ${String(casting)}`);
  }
  if (casting === 'unsafe') return true;
  if (casting === 'no' || casting === 'equiv') return from === to;
  if (SAFE[from].includes(to)) return true;
  return casting === 'same_kind' && KIND_ORDER[KINDS[from]] <= KIND_ORDER[KINDS[to]];
}

/** np.result_type for two array dtypes: the first dtype (in DTYPES order) both cast to safely. */
export function promoteTypes(a: DType, b: DType): DType {
  if (!isDType(a) || !isDType(b)) checkDType(isDType(a) ? b : a); // throws NumPy's TypeError for the unknown one
  if (a === b) return a;
  for (const d of DTYPES) if (SAFE[a].includes(d) && SAFE[b].includes(d)) return d;
  return 'float64';
}

/** The dtype of a plain JS value when it becomes an array: booleans -> bool, integers -> int32
 *  (NumPy uses int64; tessera's default integer is int32), anything else -> float64. */
export function dtypeOfScalar(x: number | boolean): DType {
  if (typeof x === 'boolean') return 'bool';
  return Number.isInteger(x) && x >= -2147483648 && x <= 2147483647 ? 'int32' : 'float64';
}

/** Promotion of an array dtype with a JS number (NEP 50 "weak" scalars, as NumPy 2):
 *  - a float array keeps its dtype whatever the number;
 *  - an integer array keeps its dtype for integral numbers, but a fractional number (or NaN/inf)
 *    makes it float64, because JS cannot tell `2` from `2.0`;
 *  - a bool array becomes int32 with an integer and float64 with a fraction;
 *  - a boolean scalar never changes the array's dtype. */
export function scalarResultType(arrayDtype: DType, x: number | boolean): DType {
  if (typeof x === 'boolean') return arrayDtype;
  const k = KINDS[arrayDtype];
  if (k === 'f') return arrayDtype;
  if (!Number.isInteger(x)) return 'float64';
  return k === 'b' ? 'int32' : arrayDtype;
}

/** Result dtype of an operation over several operands (arrays' dtypes and JS scalars). */
export function resultType(...operands: (DType | number | boolean)[]): DType {
  const arrays = operands.filter((o): o is DType => typeof o === 'string');
  let d: DType = arrays.length ? arrays.reduce(promoteTypes) : 'bool';
  const scalars = operands.filter((o): o is number | boolean => typeof o !== 'string');
  if (!arrays.length) return scalars.map(dtypeOfScalar).reduce(promoteTypes, 'bool');
  for (const s of scalars) d = scalarResultType(d, s);
  return d;
}

/** Throws NumPy's casting error unless `from` may be cast to `to` under `casting`. */
export function checkCast(ufunc: string, from: DType, to: DType, casting: 'same_kind' | 'safe' = 'same_kind'): void {
  if (!canCast(from, to, casting)) {
    throw new CastingError(
      `Cannot cast ufunc '${ufunc}' output from dtype('${from}') to dtype('${to}') with casting rule '${casting}'`,
    );
  }
}
