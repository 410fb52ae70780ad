// The `cpu` backend: buffers are JavaScript typed arrays, kernels are plain loops.
// It is the reference every other backend is tested against, and it is synchronous, so CPU arrays
// can be read with the `...Sync` methods. Each family of kernels lives in its own file (storage.ts
// says what a CPU buffer is); this file allocates the buffers and assembles the kernels.
import { allocTyped, type DType, type TypedArray } from '../dtype.ts';
import { registerBackend, type Backend, type View } from '../backend.ts';
import { shapeSize } from '../shape.ts';
import type { CpuStorage } from './storage.ts';
import { copyKernel, fillKernel } from './copy.ts';
import { unaryKernel, binaryKernel, whereKernel } from './elementwise.ts';
import { reduceKernel, argReduceKernel, scanKernel } from './reduce.ts';
import { sortKernel, argsortKernel } from './sort.ts';
import { matmulKernel } from './matmul.ts';
import { gatherKernel, scatterKernel, scatterAddKernel } from './gather.ts';

/** A typed array as a storage of this backend (not copied). */
function wrap(dtype: DType, data: TypedArray): CpuStorage {
  return { backend: cpuBackend, dtype, size: data.length, refs: 0, data };
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
