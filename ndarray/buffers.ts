// Raw element buffers, for code that loops over an array's elements itself (sklearn's estimators do,
// as scikit-learn's Cython does). asTypedArray sees a CPU array's elements in place, without the copy
// dataSync() makes; sharedEmpty allocates an array that the CPU backend's worker threads (np.setNumThreads)
// read in place, where an ordinary one is copied into shared memory for every threaded product or loop.
import { NDArray } from './ndarray.ts';
import { type DType, type TypedArray, checkDType, typedCtor } from './dtype.ts';
import { ValueError } from './errors.ts';
import { dataOf } from './cpu/storage.ts';
import { sharedTyped } from './cpu/threads.ts';
import type { Shape } from './shape.ts';

/** The elements of a C-contiguous CPU array, in C order, over the array's own buffer: no copy, so
 *  writing into it writes into the array (and into every view of the same buffer).
 *  @example const x = np.zeros([2, 2]); np.asTypedArray(x)[3] = 1; // x is now [[0, 0], [0, 1]] */
export function asTypedArray(a: NDArray): TypedArray {
  if (!(a instanceof NDArray)) throw new TypeError(`asTypedArray: expected an NDArray, got ${a === null ? 'null' : typeof a}`);
  if (a.device !== 'cpu') throw new ValueError(`asTypedArray: the array lives on '${a.device}'; move it first with \`await x.to('cpu')\``);
  if (!a.flags.cContiguous) throw new ValueError(`asTypedArray: the array (strides [${a.strides.join(', ')}]) is not C-contiguous; take a copy first with \`x.copy()\``);
  return dataOf(a).subarray(a.offset, a.offset + a.size);
}

/** np.empty(shape, dtype) over a SharedArrayBuffer when worker threads are on (an ordinary buffer
 *  otherwise): large np.matmul and np.linalg calls and np.nearestRows then hand it to the threads
 *  without copying it. The elements are uninitialised (zeros in practice), as np.empty's.
 *  @example const x = np.sharedEmpty([100_000, 16]); np.asTypedArray(x).set(data); */
export function sharedEmpty(shape: Shape | number, dtype: DType = 'float64'): NDArray {
  const dims = typeof shape === 'number' ? [shape] : shape;
  if (!Array.isArray(dims) || !dims.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ValueError(`sharedEmpty: the shape must be a list of non-negative integers, got ${String(shape)}`);
  }
  const ctor = typedCtor(checkDType(dtype)) as unknown as new (b: SharedArrayBuffer | number) => TypedArray;
  const size = dims.reduce((s: number, d: number) => s * d, 1);
  return NDArray.fromTyped(sharedTyped(ctor, size), [...dims], dtype, 'cpu', { copy: false });
}

/** The elements of a CPU array as float64 in C order, for a kernel that reads them: the array's own
 *  buffer when it already is that (no copy; the caller must only read it), else a float64 copy.
 *  `fname` names the function in the error for an array on another device. (Internal: not in index.ts.) */
export function float64Elements(a: NDArray, fname: string): Float64Array {
  if (a.device !== 'cpu') throw new ValueError(`${fname} computes on the CPU: move the array first with \`await x.to('cpu')\``);
  if (a.dtype === 'float64' && a.flags.cContiguous) return (dataOf(a) as Float64Array).subarray(a.offset, a.offset + a.size);
  return Float64Array.from(a.dataSync());
}
