// CPU storages: the elements of an array and of all its views are one JavaScript typed array.
// Kernels reach it through `dataOf(view)` and walk it with the view's strides and offset. This file
// imports no kernel and no backend, so every kernel can import it without an import circle.
import type { Storage, View } from '../backend.ts';
import type { TypedArray } from '../dtype.ts';

export interface CpuStorage extends Storage {
  readonly data: TypedArray;
}

/** The typed array behind a CPU view. */
export function dataOf(v: View): TypedArray {
  return (v.storage as CpuStorage).data;
}
