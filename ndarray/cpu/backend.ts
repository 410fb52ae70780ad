// The `cpu` backend: buffers are JavaScript typed arrays, kernels are plain loops.
// It is the reference every other backend is tested against, and it is synchronous, so CPU arrays
// can be read with the `...Sync` methods. Each family of kernels lives in its own file; this file
// owns the buffers and the copy/fill kernels and assembles the rest.
import { allocTyped, type DType, type TypedArray } from '../dtype.ts';
import { registerBackend, type Backend, type Storage, type View } from '../backend.ts';
import { shapeSize } from '../shape.ts';
import { forEachRow } from './strided.ts';
import { unaryKernel, binaryKernel, whereKernel } from './elementwise.ts';
import { reduceKernel, argReduceKernel, scanKernel } from './reduce.ts';
import { sortKernel, argsortKernel } from './sort.ts';
import { matmulKernel } from './matmul.ts';
import { gatherKernel, scatterKernel, scatterAddKernel } from './gather.ts';

export interface CpuStorage extends Storage {
  readonly data: TypedArray;
}

/** The typed array behind a CPU view. */
export function dataOf(v: View): TypedArray {
  return (v.storage as CpuStorage).data;
}

function wrap(dtype: DType, data: TypedArray): CpuStorage {
  return { backend: cpuBackend, dtype, size: data.length, refs: 0, data };
}

/** out = x with a dtype conversion; bool targets store 1 for every non-zero (NaN included). */
function copyKernel(x: View, out: View): void {
  const src = dataOf(x);
  const dst = dataOf(out);
  const toBool = out.dtype === 'bool';
  const sameType = src.constructor === dst.constructor && !toBool;
  forEachRow(out.shape, [x, out], (pos, len, inner) => {
    let i = pos[0], o = pos[1];
    const si = inner[0], so = inner[1];
    // Contiguous rows of the same element type: one block copy (memcpy) instead of a loop.
    if (sameType && si === 1 && so === 1) dst.set(src.subarray(i, i + len), o);
    else if (toBool) for (let n = 0; n < len; n++, i += si, o += so) dst[o] = src[i] !== 0 ? 1 : 0;
    else for (let n = 0; n < len; n++, i += si, o += so) dst[o] = src[i];
  });
}

function fillKernel(out: View, value: number): void {
  const dst = dataOf(out);
  const v = out.dtype === 'bool' ? (value !== 0 ? 1 : 0) : value;
  forEachRow(out.shape, [out], (pos, len, inner) => {
    for (let n = 0, o = pos[0]; n < len; n++, o += inner[0]) dst[o] = v;
  });
}

/** The elements of a view in C order (a fresh typed array; the buffer itself when it already is one). */
function readSync(x: View): TypedArray {
  const size = shapeSize(x.shape);
  const out = allocTyped(x.dtype, size);
  copyKernel(x, { storage: wrap(x.dtype, out), dtype: x.dtype, shape: x.shape, strides: contiguous(x.shape), offset: 0 });
  return out;
}

function contiguous(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

export const cpuBackend: Backend = {
  name: 'cpu',
  alloc: (dtype, size) => wrap(dtype, allocTyped(dtype, size)),
  fromTyped: (dtype, data, options) => wrap(dtype, options?.copy === false ? data : data.slice()),
  free: () => {},
  read: async (x) => readSync(x),
  readSync,
  fill: fillKernel,
  copy: copyKernel,
  unary: unaryKernel,
  binary: binaryKernel,
  where: whereKernel,
  reduce: reduceKernel,
  argReduce: argReduceKernel,
  scan: scanKernel,
  sort: sortKernel,
  argsort: argsortKernel,
  matmul: matmulKernel,
  gather: gatherKernel,
  scatter: scatterKernel,
  scatterAdd: scatterAddKernel,
};

registerBackend(cpuBackend);
