// Elementwise rows on the WebAssembly SIMD kernels (elementwise-kernel.ts, mask-kernel.ts), staged
// through the kernels' memory in chunks (staging.ts). cpu/elementwise.ts asks here first for each row
// and runs its TypeScript loop when the answer is "not this row": an op or dtype without a kernel,
// strides other than 1 (or 0 for x or y), or a row too short to repay the copies.
//
//   for each chunk of the row:  memory.x = x[c..c+m]; memory.y = y[c..c+m]   (or one number, once)
//                               memory.c = cond[c..c+m]                      (where only; bytes)
//                               kernel(m * bytes per float)                  (o = x op y, vectors)
//                               o[c..c+m] = memory.o                         (floats, or bool bytes)
import { type TypedArray, itemsize } from '../../dtype.ts';
import { shapeSize } from '../../shape.ts';
import type { View } from '../../backend.ts';
import { BINARY_SIMD, UNARY_SIMD, kernelName, type Form } from './elementwise-kernel.ts';
import { COMPARE_SIMD } from './mask-kernel.ts';
import { REGIONS, type ChunkKernel, type Streams } from './staging.ts';
import { getCpuKernels, mainThreadStreams } from './kernels.ts';
import type { FloatDType } from './gemm-kernel.ts';

/** Bytes per chunk and operand: small enough that x, y and o stay in the L1/L2 caches between the
 *  copy in, the kernel and the copy out. Measured (GB/s of (2048,2048)+(2048,), float32 / float64):
 *  8 KiB 12.8 / 8.5, 16 KiB 12.2 / 8.4, 32 KiB 12.1 / 6.7. */
const CHUNK_BYTES = 16384;
/** Rows shorter than these stay on the TypeScript loops: the measured crossovers
 *  (bench/wasm-elementwise.bench.ts lowers them to 0 to measure). In cache, ns per number ts / wasm,
 *  float32 and float64: add rows of 64: 3.6 / 3.9, 4.2 / 4.2; of 128: 3.4 / 2.3, 3.9 / 3.2; (32, 256)
 *  + (256,): 27 / 15, 29 / 17 us. Staging a row costs a copy in and a copy out, so once the output
 *  outgrows the cache (largeBytes) arithmetic rows pay only from minRowLarge: (20000, 100) * (100,)
 *  float64, ms: 6.1 / 9.7 on one run, 10.6 / 11.1 on another; rows of 400: 7.9 / 5.9. Comparisons and
 *  where repay sooner (their TypeScript rows call the formula per number): lessEqual rows of 32:
 *  16.9 / 8.1, 15.5 / 8.4; where rows of 64: 9.9 / 6.3, 10.0 / 7.8. Sums: folds of 64: 1.8 / 1.8,
 *  1.1 / 1.5; of 128: 1.5 / 1.0, 0.9 / 1.0; of 256: 0.75 / 0.58 (minFold); a sum over axis 0 keeps
 *  its out row in Wasm memory and copies in only x's rows (minRow). */
export const CROSSOVER = { minRow: 96, minRowLarge: 384, largeBytes: 2 ** 20, minFold: 128 };

/** The shortest arithmetic row worth staging for an output of this view's size. */
function minArithmeticRow(out: View): number {
  return shapeSize(out.shape) * itemsize(out.dtype) > CROSSOVER.largeBytes ? CROSSOVER.minRowLarge : CROSSOVER.minRow;
}

/** A row of a binary op, as cpu/elementwise.ts walks it; false when the row was left to the caller. */
export type SimdBinaryRow = (x: TypedArray, y: TypedArray, o: TypedArray, i: number, j: number, k: number,
  n: number, si: number, sj: number, sk: number) => boolean;
export type SimdUnaryRow = (x: TypedArray, o: TypedArray, i: number, k: number, n: number, si: number, sk: number) => boolean;
/** A row of where: cond from p, x from i, y from j, o from k. */
export type SimdWhereRow = (c: TypedArray, x: TypedArray, y: TypedArray, o: TypedArray, p: number, i: number, j: number,
  k: number, n: number, sc: number, si: number, sj: number, sk: number) => boolean;

/** The dtype every operand has, if it is a float dtype with kernels and the Wasm kernels are on. */
function commonFloat(views: readonly View[]): FloatDType | undefined {
  const d = views[0].dtype;
  if ((d !== 'float32' && d !== 'float64') || views.some((v) => v.dtype !== d)) return undefined;
  return getCpuKernels() === 'wasm' ? d : undefined;
}

/** One operand of a staged row: data[at ..] (a vector: one number per element; else the one number
 *  at `at`, staged once) copied to `region`, an element index into `heap`. The output is a vector. */
interface Staged { data: TypedArray; at: number; vec: boolean; heap: TypedArray; region: number }

/** The heap views and region indices of a row's operands: floats of `dtype` in x, y and o, except the
 *  bool bytes of a comparison's o and of where's c. */
function stage(s: Streams, dtype: FloatDType, region: 'x' | 'y' | 'o' | 'c', bytes = false) {
  const heap = bytes ? s.heap.uint8 : s.heap[dtype];
  return (data: TypedArray, at: number, vec = true): Staged => ({ data, at, vec, heap, region: REGIONS[region] / heap.BYTES_PER_ELEMENT });
}

/** The chunk loop for one row of n numbers of `size` bytes. */
function streamRow(kernel: ChunkKernel, size: number, n: number, inputs: Staged[], out: Staged): void {
  const chunk = CHUNK_BYTES / size;
  for (const s of inputs) if (!s.vec) s.heap[s.region] = s.data[s.at];
  for (let c = 0; c < n; c += chunk) {
    const m = Math.min(chunk, n - c);
    for (const s of inputs) if (s.vec) s.heap.set(s.data.subarray(s.at + c, s.at + c + m), s.region);
    kernel(m * size);
    out.data.set(out.heap.subarray(out.region, out.region + m), out.at + c);
  }
}

/** op's kernels by the strides of x and y, [si][sj]: stride 1 reads a vector, 0 one number (a
 *  missing form, such as a comparison of two numbers, is undefined). */
function kernelsByStride(s: Streams, op: string, dtype: FloatDType): (ChunkKernel | undefined)[][] {
  const k = (form: Form) => s.kernels[kernelName(op, dtype, form)] as ChunkKernel | undefined;
  return [[k('ss'), k('sv')], [k('vs'), k('vv')]];
}

/** The Wasm row for out = op(a, b) (an arithmetic op, maximum & co. or a comparison, whose out is
 *  bool), or undefined when this op or these dtypes have no kernel. */
export function simdBinaryRow(op: string, a: View, b: View, out: View): SimdBinaryRow | undefined {
  const dtype = commonFloat([a, b]);
  const compare = op in COMPARE_SIMD;
  if (dtype === undefined || !(op in BINARY_SIMD || compare) || out.dtype !== (compare ? 'bool' : dtype)) return undefined;
  const s = mainThreadStreams(), size = s.heap[dtype].BYTES_PER_ELEMENT, kernels = kernelsByStride(s, op, dtype);
  const [X, Y, O] = [stage(s, dtype, 'x'), stage(s, dtype, 'y'), stage(s, dtype, 'o', compare)];
  const minRow = compare ? CROSSOVER.minRow : minArithmeticRow(out);
  return (x, y, o, i, j, k, n, si, sj, sk) => {
    const kernel = kernels[si]?.[sj];
    if (n < minRow || sk !== 1 || kernel === undefined) return false;
    streamRow(kernel, size, n, [X(x, i, si === 1), Y(y, j, sj === 1)], O(o, k));
    return true;
  };
}

/** The Wasm row for out = op(x), or undefined when this op or these dtypes have no kernel. */
export function simdUnaryRow(op: string, x: View, out: View): SimdUnaryRow | undefined {
  const dtype = commonFloat([x, out]);
  if (dtype === undefined || !(op in UNARY_SIMD)) return undefined;
  const s = mainThreadStreams(), size = s.heap[dtype].BYTES_PER_ELEMENT, kernel = s.kernels[kernelName(op, dtype)];
  const [X, O] = [stage(s, dtype, 'x'), stage(s, dtype, 'o')];
  const minRow = minArithmeticRow(out);
  return (x, o, i, k, n, si, sk) => {
    if (n < minRow || si !== 1 || sk !== 1) return false;
    streamRow(kernel, size, n, [X(x, i)], O(o, k));
    return true;
  };
}

/** The Wasm row for out = where(cond, a, b), or undefined when these dtypes have no kernel. */
export function simdWhereRow(cond: View, a: View, b: View, out: View): SimdWhereRow | undefined {
  const dtype = commonFloat([a, b, out]);
  if (dtype === undefined || cond.dtype !== 'bool') return undefined;
  const s = mainThreadStreams(), size = s.heap[dtype].BYTES_PER_ELEMENT, kernels = kernelsByStride(s, 'where', dtype);
  const [C, X, Y, O] = [stage(s, dtype, 'c', true), stage(s, dtype, 'x'), stage(s, dtype, 'y'), stage(s, dtype, 'o')];
  return (c, x, y, o, p, i, j, k, n, sc, si, sj, sk) => {
    const kernel = kernels[si]?.[sj];
    if (n < CROSSOVER.minRow || sc !== 1 || sk !== 1 || kernel === undefined) return false;
    streamRow(kernel, size, n, [C(c, p), X(x, i, si === 1), Y(y, j, sj === 1)], O(o, k));
    return true;
  };
}
