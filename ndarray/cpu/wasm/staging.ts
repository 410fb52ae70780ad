// The memory the elementwise and reduction kernels work in, and the one module holding them all.
// tessera's arrays live in JavaScript typed arrays, which WebAssembly cannot read, so a kernel works
// on chunks: TypedArray.set copies a chunk of each operand into a fixed region of this memory (a
// memcpy), the SIMD loop runs over it, and the result is copied back out. A region is 64 KiB, so a
// chunk of three operands stays in the L2 cache and one region holds a whole 8192-number chunk of a
// sum (pairwise.ts's CHUNK) in float64. A fourth region holds where's condition bytes.
import { ModuleBuilder } from './module.ts';
import type { FunctionBuilder } from './builder.ts';
import type { FloatDType } from './gemm-kernel.ts';
import { BINARY_SIMD, FORMS, UNARY_SIMD, buildBinaryKernel, buildUnaryKernel, kernelName, type Regions } from './elementwise-kernel.ts';
import { COMPARE_SIMD, WHERE_FORMS, buildCompareKernel, buildWhereKernel } from './mask-kernel.ts';
import { buildPairwiseSum } from './reduce-kernel.ts';

const REGION_BYTES = 65536;
/** Byte addresses of the staged x, y, result and condition chunks. */
export const REGIONS: Regions = { x: 0, y: REGION_BYTES, o: 2 * REGION_BYTES, c: 3 * REGION_BYTES };
/** The memory's size in 64 KiB pages: one per region. */
const PAGES = 4;
/** The most numbers of `dtype` one region holds. */
export const regionLength = (dtype: FloatDType): number => REGION_BYTES / (dtype === 'float64' ? 8 : 4);

const DTYPES: readonly FloatDType[] = ['float64', 'float32'];

/** A kernel of the module: an elementwise one takes the chunk's byte count, pairwise sums take the
 *  byte address and count of the numbers to add. */
export type ChunkKernel = (nBytes: number) => void;
export type SumKernel = (ptr: number, n: number) => number;

/** One instance of the kernels, its memory, and float views of that memory. */
export interface Streams {
  readonly memory: WebAssembly.Memory;
  readonly heap: { readonly float64: Float64Array; readonly float32: Float32Array; readonly uint8: Uint8Array };
  readonly kernels: Record<string, ChunkKernel>;
  readonly sums: Record<FloatDType, SumKernel>;
}

/** The module: the pairwise sums first (functions 0 and 1, as they call themselves by index), then
 *  every elementwise kernel of elementwise-kernel.ts's and mask-kernel.ts's tables, named by
 *  kernelName (where_vs_float32 ...), and accumulate_<dtype>: o += y, for sums whose output row stays
 *  in memory.o over many input rows. */
export function buildStreamModule(): WebAssembly.Module {
  const fns: [string, FunctionBuilder][] = DTYPES.map((d, i) => [`sum_${d}`, buildPairwiseSum(d, i)]);
  for (const d of DTYPES) {
    for (const op of Object.keys(BINARY_SIMD)) for (const form of FORMS) fns.push([kernelName(op, d, form), buildBinaryKernel(op, d, form, REGIONS)]);
    for (const op of Object.keys(UNARY_SIMD)) fns.push([kernelName(op, d), buildUnaryKernel(op, d, REGIONS)]);
    for (const op of Object.keys(COMPARE_SIMD)) for (const form of FORMS) fns.push([kernelName(op, d, form), buildCompareKernel(op, d, form, REGIONS)]);
    for (const form of WHERE_FORMS) fns.push([kernelName('where', d, form), buildWhereKernel(d, form, REGIONS)]);
    fns.push([kernelName('accumulate', d), buildBinaryKernel('add', d, 'vv', { ...REGIONS, x: REGIONS.o })]); // o += y
  }
  const m = new ModuleBuilder().importMemory('env', 'memory', { initial: PAGES });
  for (const [name, fn] of fns) m.export(name, fn);
  return new WebAssembly.Module(m.encode());
}

/** The module instantiated over a fresh memory of the four regions (never grown, so views stay valid). */
export function instantiateStreams(module: WebAssembly.Module): Streams {
  const memory = new WebAssembly.Memory({ initial: PAGES });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, CallableFunction>;
  return {
    memory,
    heap: { float64: new Float64Array(memory.buffer), float32: new Float32Array(memory.buffer), uint8: new Uint8Array(memory.buffer) },
    kernels: exports as Record<string, ChunkKernel>,
    sums: { float64: exports.sum_float64 as SumKernel, float32: exports.sum_float32 as SumKernel },
  };
}
