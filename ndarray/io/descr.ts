// NumPy's dtype descriptors ('<f8', '|u1', '>i4'): byte order, kind letter and size in bytes.
// A .npy file stores raw element bytes; the descriptor says how to read them. We read and write
// every element through a DataView, which takes the byte order as an argument, so big-endian
// files need no separate code path. int64 files (NumPy's default integer) load as int32 when
// every value fits, because tessera has no 64-bit integer dtype.
import type { DType, TypedArray } from '../dtype.ts';
import { allocTyped, DTYPES, itemsize } from '../dtype.ts';
import { ValueError } from '../errors.ts';

/** The descriptor NumPy writes for each tessera dtype (little-endian; '|' = byte order irrelevant). */
const DESCRS: Record<DType, string> = {
  bool: '|b1', uint8: '|u1', int8: '|i1', uint16: '<u2', int16: '<i2',
  uint32: '<u4', int32: '<i4', float32: '<f4', float64: '<f8',
};

export const descrOf = (dtype: DType): string => DESCRS[dtype];

type Getter = (view: DataView, byteOffset: number, littleEndian: boolean) => number;
type Setter = (view: DataView, byteOffset: number, value: number) => void;

/** Kind letter + size ('f8') -> the tessera dtype it loads as and how to read one element. */
const READERS: Record<string, { dtype: DType; get: Getter }> = {
  b1: { dtype: 'bool', get: (v, o) => (v.getUint8(o) ? 1 : 0) },
  u1: { dtype: 'uint8', get: (v, o) => v.getUint8(o) },
  i1: { dtype: 'int8', get: (v, o) => v.getInt8(o) },
  u2: { dtype: 'uint16', get: (v, o, le) => v.getUint16(o, le) },
  i2: { dtype: 'int16', get: (v, o, le) => v.getInt16(o, le) },
  u4: { dtype: 'uint32', get: (v, o, le) => v.getUint32(o, le) },
  i4: { dtype: 'int32', get: (v, o, le) => v.getInt32(o, le) },
  f4: { dtype: 'float32', get: (v, o, le) => v.getFloat32(o, le) },
  f8: { dtype: 'float64', get: (v, o, le) => v.getFloat64(o, le) },
  // 64-bit integers narrow to 32 bits; `decodeElements` checks that each value fits.
  i8: { dtype: 'int32', get: (v, o, le) => Number(v.getBigInt64(o, le)) },
  u8: { dtype: 'uint32', get: (v, o, le) => Number(v.getBigUint64(o, le)) },
};

const SETTERS: Record<DType, Setter> = {
  bool: (v, o, x) => v.setUint8(o, x ? 1 : 0),
  uint8: (v, o, x) => v.setUint8(o, x),
  int8: (v, o, x) => v.setInt8(o, x),
  uint16: (v, o, x) => v.setUint16(o, x, true),
  int16: (v, o, x) => v.setInt16(o, x, true),
  uint32: (v, o, x) => v.setUint32(o, x, true),
  int32: (v, o, x) => v.setInt32(o, x, true),
  float32: (v, o, x) => v.setFloat32(o, x, true),
  float64: (v, o, x) => v.setFloat64(o, x, true),
};

/** A parsed descriptor: what to build, how wide an element is, how to read it. */
export interface Descr {
  readonly descr: string;
  readonly dtype: DType;
  readonly itemsize: number;
  readonly littleEndian: boolean;
  readonly get: Getter;
}

const SUPPORTED = `${DTYPES.join(', ')}; int64/uint64 load as int32/uint32 when every value fits`;

/** Parses a header's 'descr' value. Structured (list) descriptors and unknown kinds get clear errors. */
export function parseDescr(descr: unknown): Descr {
  if (typeof descr !== 'string') {
    throw new ValueError(`cannot load structured arrays (descr ${JSON.stringify(descr)}); tessera arrays hold one number per element`);
  }
  const [, order, kind, size] = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr) ?? [];
  if (kind === 'O') throw new ValueError("cannot load object arrays (dtype 'O'); tessera has no object dtype");
  const reader = READERS[kind + size];
  if (!reader) throw new ValueError(`cannot load arrays of dtype '${descr}': tessera supports ${SUPPORTED}`);
  // '<' little-endian, '>' big-endian, '|' not applicable, '=' native (little-endian on every JS platform).
  return { descr, dtype: reader.dtype, itemsize: Number(size), littleEndian: order !== '>', get: reader.get };
}

/** [lowest, highest] value of each integer dtype. */
export const INT_RANGES: Partial<Record<DType, [number, number]>> = {
  uint8: [0, 255], int8: [-128, 127], uint16: [0, 65535], int16: [-32768, 32767],
  uint32: [0, 2 ** 32 - 1], int32: [-(2 ** 31), 2 ** 31 - 1],
};

/** Reads `n` elements starting at `bytes[0]` into a new typed array of the descriptor's dtype. */
export function decodeElements(bytes: Uint8Array, d: Descr, n: number): TypedArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = allocTyped(d.dtype, n);
  const narrowing = d.itemsize === 8 && d.dtype !== 'float64';
  for (let i = 0; i < n; i++) {
    const x = d.get(view, i * d.itemsize, d.littleEndian);
    if (narrowing) checkFits(x, i, d);
    out[i] = x;
  }
  return out;
}

function checkFits(x: number, index: number, d: Descr): void {
  const [lo, hi] = INT_RANGES[d.dtype]!;
  if (x < lo || x > hi) {
    throw new ValueError(
      `cannot load '${d.descr}' array as ${d.dtype}: value ${x} at flat index ${index} is out of range ` +
        `[${lo}, ${hi}]; tessera has no 64-bit integers (save it from NumPy with .astype(np.float64) instead)`,
    );
  }
}

/** The little-endian bytes of `data`'s elements as `dtype`. */
export function encodeElements(data: TypedArray, dtype: DType): Uint8Array {
  const size = itemsize(dtype);
  const out = new Uint8Array(data.length * size);
  const view = new DataView(out.buffer);
  const set = SETTERS[dtype];
  for (let i = 0; i < data.length; i++) set(view, i * size, data[i]);
  return out;
}
