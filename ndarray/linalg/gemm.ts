// Matrix products on the raw row-major Float64Arrays of np.linalg, run by the CPU backend's blocked
// matmul kernel (cpu/matmul.ts, about 4 GFLOP/s against under 1 for the vector loops of blas.ts).
// The one thing to understand: a block of a matrix is just (buffer, offset, row stride, column
// stride), so a sub-block, or the transpose of one (swap the two strides), is used in place, no copy.
import type { View } from '../backend.ts';
import { cpuBackend } from '../cpu/backend.ts';
import type { CpuStorage } from '../cpu/storage.ts';
import { matmulKernel } from '../cpu/matmul.ts';
import type { Mat } from '../cpu/gemm-blocked.ts';

/** The block whose top-left element is (i, j) of a row-major matrix with rows ld long. */
export const blockAt = (data: Float64Array, ld: number, i: number, j: number): Mat<Float64Array> => ({ data, offset: i * ld + j, rs: ld, cs: 1 });

/** The same elements read as the transpose. */
export const transposed = (b: Mat<Float64Array>): Mat<Float64Array> => ({ data: b.data, offset: b.offset, rs: b.cs, cs: b.rs });

function viewOf(b: Mat<Float64Array>, rows: number, cols: number): View {
  const storage: CpuStorage = { backend: cpuBackend, dtype: 'float64', size: b.data.length, refs: 1, data: b.data };
  return { storage, dtype: 'float64', shape: [rows, cols], strides: [b.rs, b.cs], offset: b.offset };
}

/** out[0 : m*n] = A B (row-major, rows n long) for A of m x k and B of k x n. */
export function gemm(m: number, n: number, k: number, a: Mat<Float64Array>, b: Mat<Float64Array>, out: Float64Array): Float64Array {
  matmulKernel(viewOf(a, m, k), viewOf(b, k, n), viewOf(blockAt(out, n, 0, 0), m, n));
  return out;
}
