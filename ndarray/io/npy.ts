// The .npy format: a header (see header.ts) followed by the raw element bytes, in C order or,
// when the header says fortran_order, in Fortran order (first axis fastest). The bytes written
// here are identical to NumPy's `np.save` for the same array, header padding included.
// The one thing to understand: a Fortran-order file is the C-order file of the transpose, so
// we read and write it by reversing shape and strides (a view, never a transpose copy).
import type { DType, TypedArray } from '../dtype.ts';
import { cStrides, shapeSize } from '../shape.ts';
import { getBackend, type DeviceName } from '../backend.ts';
import { ValueError } from '../errors.ts';
import { NDArray, type ArrayLike } from '../ndarray.ts';
import { asarray } from '../creation.ts';
import { decodeHeader, encodeHeader, MAX_HEADER_SIZE } from './header.ts';
import { decodeElements, descrOf, encodeElements, parseDescr } from './descr.ts';
import { checkOptions } from '../options.ts';

/** An array as a .npy file holds it: the elements in file order (C, or Fortran when `fortranOrder`). */
export interface RawArray {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly fortranOrder: boolean;
  readonly data: TypedArray;
}

/** Header + little-endian element bytes. */
export function encodeNpy(raw: RawArray): Uint8Array {
  const header = encodeHeader(descrOf(raw.dtype), raw.fortranOrder, raw.shape);
  const body = encodeElements(raw.data, raw.dtype);
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}

/** Parses a .npy file's bytes (any byte order; int64 narrowed to int32 when the values fit). The data
 *  must be exactly shape x itemsize bytes: a shorter file is truncated, a longer one is not a .npy file. */
export function decodeNpy(bytes: Uint8Array, maxHeaderSize = MAX_HEADER_SIZE): RawArray {
  const { header, dataOffset } = decodeHeader(bytes, maxHeaderSize);
  const descr = parseDescr(header.descr);
  const n = shapeSize(header.shape);
  const [available, expected] = [bytes.length - dataOffset, n * descr.itemsize];
  if (available < expected) throw new ValueError(`EOF: reading array data, expected ${expected} bytes got ${available}`);
  if (available > expected) {
    throw new ValueError(`the array data is ${available} bytes, expected ${expected} for shape (${header.shape.join(', ')}) of '${descr.descr}': the file is corrupt or not one .npy array`);
  }
  const data = decodeElements(bytes.subarray(dataOffset), descr, n);
  return { dtype: descr.dtype, shape: header.shape, fortranOrder: header.fortranOrder, data };
}

/** The bytes of a file as given: a Uint8Array, or the ArrayBuffer that fetch's arrayBuffer() gives. */
export function asBytes(fn: string, bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  const got = bytes === null ? 'null' : ArrayBuffer.isView(bytes) ? bytes.constructor.name : typeof bytes;
  throw new TypeError(`${fn} expects the file's bytes as a Uint8Array or an ArrayBuffer, got ${got}`);
}

const reversed = (xs: readonly number[]): number[] => [...xs].reverse();

/** np.save's bytes for `arr`. Like NumPy, an array that is Fortran- but not C-contiguous (a
 *  transpose) is written in Fortran order; anything else in C order. Async: GPU data is read back. */
export async function toNpyBytes(a: ArrayLike): Promise<Uint8Array> {
  const arr = asarray(a); // NumPy saves lists too
  const { cContiguous, fContiguous } = arr.flags;
  const fortranOrder = !cContiguous && fContiguous;
  // Fortran order = reading the transposed view (reversed shape and strides) in C order.
  const data = fortranOrder
    ? await arr.backend.read({ storage: arr.storage, dtype: arr.dtype, shape: reversed(arr.shape), strides: reversed(arr.strides), offset: arr.offset })
    : await arr.data();
  return encodeNpy({ dtype: arr.dtype, shape: arr.shape, fortranOrder, data });
}

/** A new array holding `raw`'s elements; Fortran order gives a Fortran-contiguous array. */
export function arrayFromRaw(raw: RawArray, device?: DeviceName): NDArray {
  const storage = getBackend(device).fromTyped(raw.dtype, raw.data);
  const strides = raw.fortranOrder ? reversed(cStrides(reversed(raw.shape))) : cStrides(raw.shape);
  return new NDArray(storage, raw.shape, { strides });
}

/** np.load of .npy bytes (a Fortran-order file loads Fortran-contiguous, as in NumPy). Headers over
 *  `maxHeaderSize` bytes (NumPy's 10000 by default) are refused unless a larger limit is given. */
export function fromNpyBytes(bytes: Uint8Array<ArrayBufferLike> | ArrayBuffer, options: { device?: DeviceName; maxHeaderSize?: number } = {}): NDArray {
  checkOptions('fromNpyBytes', options, ['device', 'maxHeaderSize']);
  return arrayFromRaw(decodeNpy(asBytes('fromNpyBytes', bytes), options.maxHeaderSize), options.device);
}
