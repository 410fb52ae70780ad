// Small helpers shared by the CPU reduction, scan and sort kernels: a layout (strides + offset
// without a buffer, what forEachRow walks), splitting one axis off a view, and how a stored
// number wraps or rounds in each dtype (storing into a typed array does it; these do it in registers).
import type { View } from '../backend.ts';
import type { DType } from '../dtype.ts';

export type Layout = Pick<View, 'strides' | 'offset'>;

/** The view's shape and strides without `axis`, and the stride/length along it. */
export function splitAxis(v: View, axis: number): { shape: number[]; layout: Layout; stride: number; length: number } {
  return {
    shape: v.shape.filter((_, i) => i !== axis),
    layout: { strides: v.strides.filter((_, i) => i !== axis), offset: v.offset },
    stride: v.strides[axis],
    length: v.shape[axis],
  };
}

/** True when `axis` has the smallest |stride| of the view's axes of length > 1: lines along it are
 *  then the most contiguous runs of memory, and a kernel should loop along it innermost. */
export function isInnermost(v: View, axis: number): boolean {
  const s = Math.abs(v.strides[axis]);
  return v.shape.every((d, i) => i === axis || d <= 1 || Math.abs(v.strides[i]) >= s);
}

/** [lowest, highest] value of an integer dtype (bool: 0 and 1). */
export function intRange(dtype: DType): [number, number] {
  switch (dtype) {
    case 'bool': return [0, 1];
    case 'uint8': return [0, 0xff];
    case 'int8': return [-0x80, 0x7f];
    case 'uint16': return [0, 0xffff];
    case 'int16': return [-0x8000, 0x7fff];
    case 'uint32': return [0, 0xffffffff];
    default: return [-0x80000000, 0x7fffffff];
  }
}

const identity = (v: number): number => v;

/** What storing a JS number into an array of `dtype` does to it, for the accumulator dtypes:
 *  float32 rounds, int32/uint32 wrap modulo 2^32, float64 keeps it. */
export function wrapFor(dtype: DType): (v: number) => number {
  switch (dtype) {
    case 'float32': return Math.fround;
    case 'int32': return (v) => v | 0;
    case 'uint32': return (v) => v >>> 0;
    default: return identity;
  }
}
