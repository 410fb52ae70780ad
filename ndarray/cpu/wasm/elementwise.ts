// Elementwise rows on the WebAssembly SIMD kernels (elementwise-kernel.ts), staged through the
// kernels' memory in chunks (staging.ts). cpu/elementwise.ts asks here first for each row and runs
// its TypeScript loop when the answer is "not this row": an op or dtype without a kernel, strides
// other than 1 (or 0 for one binary operand), or a row too short to repay the copies.
//
//   for each chunk of the row:  memory.x = x[c..c+m]; memory.y = y[c..c+m]   (or one number, once)
//                               kernel(m)                                    (o = x op y, vectors)
//                               o[c..c+m] = memory.o
import type { TypedArray } from '../../dtype.ts';
import type { View } from '../../backend.ts';
import { BINARY_SIMD, UNARY_SIMD, kernelName, type Form } from './elementwise-kernel.ts';
import { REGIONS, type ChunkKernel } from './staging.ts';
import { getCpuKernels, mainThreadStreams } from './kernels.ts';
import type { FloatDType } from './gemm-kernel.ts';

/** Bytes per chunk and operand: small enough that x, y and o stay in the L1/L2 caches between the
 *  copy in, the kernel and the copy out. Measured (GB/s of (2048,2048)+(2048,), float32 / float64):
 *  8 KiB 12.8 / 8.5, 16 KiB 12.2 / 8.4, 32 KiB 12.1 / 6.7. */
const CHUNK_BYTES = 16384;
/** Rows shorter than minRow (folds of a sum shorter than minFold) stay on the TypeScript loops:
 *  the measured crossovers (bench/wasm-elementwise.bench.ts lowers them to 0 to measure). ns per
 *  number, ts / wasm, float32 and float64: add rows of 64: 3.6 / 3.9, 4.2 / 4.2; of 128: 3.4 / 2.3,
 *  3.9 / 3.2; sum rows of 64: 1.8 / 1.8, 1.1 / 1.5; of 128: 1.5 / 1.0, 0.9 / 1.0; of 256: 0.75 / 0.58. */
export const CROSSOVER = { minRow: 96, minFold: 128 };

/** A row of a binary op, as cpu/elementwise.ts walks it; false when the row was left to the caller. */
export type SimdBinaryRow = (x: TypedArray, y: TypedArray, o: TypedArray, i: number, j: number, k: number,
  n: number, si: number, sj: number, sk: number) => boolean;
export type SimdUnaryRow = (x: TypedArray, o: TypedArray, i: number, k: number, n: number, si: number, sk: number) => boolean;

/** The dtype every operand has, if it is a float dtype with kernels and the Wasm kernels are on. */
function commonFloat(views: readonly View[]): FloatDType | undefined {
  const d = views[0].dtype;
  if ((d !== 'float32' && d !== 'float64') || views.some((v) => v.dtype !== d)) return undefined;
  return getCpuKernels() === 'wasm' ? d : undefined;
}

/** The chunk loop for one row: x and y are read from i and j (y may be absent), vectors when
 *  xVec / yVec, else the one number there; the result goes to o from k. */
interface Chunked {
  x: TypedArray; i: number; xVec: boolean;
  y: TypedArray | undefined; j: number; yVec: boolean;
  o: TypedArray; k: number;
}

function streamRow(heap: Float32Array | Float64Array, kernel: ChunkKernel, n: number, r: Chunked): void {
  const size = heap.BYTES_PER_ELEMENT;
  const [X, Y, O] = [REGIONS.x / size, REGIONS.y / size, REGIONS.o / size], CHUNK = CHUNK_BYTES / size;
  if (!r.xVec) heap[X] = r.x[r.i];
  if (r.y !== undefined && !r.yVec) heap[Y] = r.y[r.j];
  for (let c = 0; c < n; c += CHUNK) {
    const m = Math.min(CHUNK, n - c);
    if (r.xVec) heap.set(r.x.subarray(r.i + c, r.i + c + m), X);
    if (r.y !== undefined && r.yVec) heap.set(r.y.subarray(r.j + c, r.j + c + m), Y);
    kernel(m * size);
    r.o.set(heap.subarray(O, O + m), r.k + c);
  }
}

/** The Wasm row for out = op(a, b), or undefined when this op or these dtypes have no kernel. */
export function simdBinaryRow(op: string, a: View, b: View, out: View): SimdBinaryRow | undefined {
  const dtype = commonFloat([a, b, out]);
  if (dtype === undefined || !(op in BINARY_SIMD)) return undefined;
  const s = mainThreadStreams(), heap = s.heap[dtype];
  const kernel = (form: Form) => s.kernels[kernelName(op, dtype, form)];
  const forms = { vv: kernel('vv'), vs: kernel('vs'), sv: kernel('sv') };
  return (x, y, o, i, j, k, n, si, sj, sk) => {
    if (n < CROSSOVER.minRow || sk !== 1 || si < 0 || si > 1 || sj < 0 || sj > 1 || si + sj === 0) return false;
    streamRow(heap, si === 0 ? forms.sv : sj === 0 ? forms.vs : forms.vv, n, { x, i, xVec: si === 1, y, j, yVec: sj === 1, o, k });
    return true;
  };
}

/** The Wasm row for out = op(x), or undefined when this op or these dtypes have no kernel. */
export function simdUnaryRow(op: string, x: View, out: View): SimdUnaryRow | undefined {
  const dtype = commonFloat([x, out]);
  if (dtype === undefined || !(op in UNARY_SIMD)) return undefined;
  const s = mainThreadStreams(), heap = s.heap[dtype], kernel = s.kernels[kernelName(op, dtype)];
  return (x, o, i, k, n, si, sk) => {
    if (n < CROSSOVER.minRow || si !== 1 || sk !== 1) return false;
    streamRow(heap, kernel, n, { x, i, xVec: true, y: undefined, j: 0, yVec: false, o, k });
    return true;
  };
}
