// How each dtype lives on the GPU: every element takes one 32-bit word.
// WGSL has f32, i32 and u32 but no 8/16-bit storage types and no f64, so bool, uint8, int8, uint16 and
// int16 are *widened* to a word (signed ones sign-extended) and float64 is refused. A kernel reads a
// word, converts it to one of three compute types (f32, i32, u32), and converts the result back to
// the output's dtype; the codes below are the `override` constants the WGSL `switch`es on.
import { type DType, type TypedArray, allocTyped, isFloat, kindOf } from '../dtype.ts';
import { ValueError } from '../errors.ts';

/** The dtype codes of shaders/common.wgsl, named there by kind and bits: DT_F32 for float32, DT_U8 for
 *  uint8, DT_BOOL for bool ... */
export const DT_CODES: Record<Exclude<DType, 'float64'>, number> = {
  float32: 0, int32: 1, uint32: 2, bool: 3, int8: 4, uint8: 5, int16: 6, uint16: 7,
};

/** The compute types of shaders/common.wgsl (CT_F32, CT_I32, CT_U32). */
export const CT = { f32: 0, i32: 1, u32: 2 } as const;
export type ComputeType = (typeof CT)[keyof typeof CT];

/** The WGSL dtype code of an array's dtype. */
export function dtCode(dtype: DType): number {
  return DT_CODES[checkGpuDType(dtype)];
}

/** Throws for dtypes the GPU cannot hold (float64), naming the fix. */
export function checkGpuDType(dtype: DType): Exclude<DType, 'float64'> {
  if (dtype === 'float64') {
    throw new TypeError("float64 cannot live on 'webgpu' (WGSL has no 64-bit floats): convert first with `x.astype('float32')`");
  }
  return dtype;
}

/** The dtype results are stored in on the GPU: float64 results (sqrt of int32, int32 + float32,
 *  int32 / int32 ...) become float32; every other dtype is kept. */
export function storedDType(dtype: DType): DType {
  return dtype === 'float64' ? 'float32' : dtype;
}

/** The type a kernel computes in for values of `dtype`: floats in f32, signed integers in i32,
 *  unsigned integers and bool in u32. */
export function computeType(dtype: DType): ComputeType {
  if (isFloat(dtype)) return CT.f32;
  return kindOf(dtype) === 'i' ? CT.i32 : CT.u32;
}

/** The 32-bit words of `data` (a typed array of `dtype`'s class): narrow integers widened. */
export function toWords(dtype: DType, data: TypedArray): Uint32Array {
  const d = checkGpuDType(dtype);
  if (d === 'float32' || d === 'int32' || d === 'uint32') return new Uint32Array(data.buffer, data.byteOffset, data.length);
  const wide = kindOf(d) === 'i' ? Int32Array.from(data) : Uint32Array.from(data);
  return new Uint32Array(wide.buffer);
}

/** The inverse of toWords: `n` elements of `dtype` from a buffer of words that the caller gives away. */
export function fromWords(dtype: DType, words: ArrayBuffer, n: number): TypedArray {
  const d = checkGpuDType(dtype);
  // `words` is a fresh copy of the GPU buffer that the caller gives away: view it, don't copy it again.
  if (d === 'float32') return new Float32Array(words, 0, n);
  if (d === 'uint32') return new Uint32Array(words, 0, n);
  const wide = kindOf(d) === 'i' ? new Int32Array(words, 0, n) : new Uint32Array(words, 0, n);
  const out = allocTyped(d, n);
  out.set(wide);
  return out;
}

/** The word a scalar becomes when stored as `dtype` (converted as a typed array store does;
 *  bool stores 1 for any non-zero value, NaN included). */
export function scalarWord(dtype: DType, value: number): number {
  const one = allocTyped(dtype, 1);
  one[0] = dtype === 'bool' ? Number(value !== 0) : value;
  return toWords(dtype, one)[0];
}

/** Bytes one element takes on the GPU. */
export const GPU_ITEMSIZE = 4;

/** Throws when an array is too big for one storage binding on this adapter. */
export function checkBindable(size: number, maxBindingBytes: number): void {
  if (size * GPU_ITEMSIZE > maxBindingBytes) {
    throw new ValueError(
      `array of ${size} elements (${size * GPU_ITEMSIZE} bytes on the GPU) exceeds this adapter's maxStorageBufferBindingSize of ${maxBindingBytes} bytes`,
    );
  }
}
