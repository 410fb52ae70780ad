// Which CPU kernels run the float matrix products, elementwise ops and sums: the WebAssembly SIMD
// ones (built here once per process from gemm-kernel.ts and staging.ts) or the TypeScript reference
// (gemm-blocked.ts, elementwise.ts, reduce.ts). The default is 'wasm' wherever WebAssembly SIMD
// validates; TESSERA_CPU_KERNELS=ts|wasm or setCpuKernels choose, and asking for 'wasm' where SIMD
// is missing falls back to 'ts' with a warning.
import { ModuleBuilder } from './module.ts';
import { FunctionBuilder } from './builder.ts';
import { buildMacroKernel, type FloatDType } from './gemm-kernel.ts';
import { buildGramKernel } from './gram-kernel.ts';
import { buildNearestKernel } from './nearest-kernel.ts';
import { instantiateGemm, type GemmPlan, type WasmGemm } from './gemm.ts';
import { buildStreamModule, instantiateStreams, type Streams } from './staging.ts';

export type CpuKernels = 'ts' | 'wasm';

/** Register tiles and cache blocks, chosen by measurement (bench/wasm-tiles.ts, one thread, Node 20,
 *  2-core Xeon with AVX-512, medians of 3 runs of 5 rounds, GFLOP/s at 256² / 1024²):
 *    float64: 2x8 17.1 / 17.4, 4x4 15.4 / 16.4, 4x6 14.7 / 14.1, 3x8 15.1 / 13.1, 6x4 13.8 / 13.5,
 *             4x8 13.0 / 13.0, 8x4 12.0 / 12.0
 *    float32: 4x8 27.0 / 24-32, 2x16 26.8 / 23-33, 4x12 27.4 / 15-31, 3x16 26.6 / 19-31, 6x8 25.4 / 19-30,
 *             4x16 24.3 / 18-28, 8x8 22.5 / 18-24 (1024² swung with the machine's load)
 *  Tiles with 12 or more accumulators lose: V8 adds a temporary per multiply-add (no FMA in plain
 *  Wasm SIMD), and they run out of the 16 registers. KC = 256 as in the TypeScript kernel, so a
 *  float64 product gives the same bits on either path (same k-slices, same order within each). */
export const GEMM_PLANS: Record<FloatDType, GemmPlan> = {
  float64: { mr: 2, nr: 8, kc: 256, mc: 128, bBytes: 2 ** 23 },
  float32: { mr: 4, nr: 8, kc: 256, mc: 128, bBytes: 2 ** 23 },
};

/** Whether this runtime has WebAssembly with SIMD: a module with one SIMD instruction validates. */
export function hasWasmSimd(): boolean {
  if (typeof WebAssembly !== 'object') return false;
  const f = new FunctionBuilder([]);
  f.v128.zero().drop();
  return WebAssembly.validate(new ModuleBuilder().export('probe', f).encode());
}

/** The module with both macro-kernels, the float64 Gram kernel and np.nearestRows' scores, importing its
 *  memory as env.memory (the worker threads instantiate it too). */
export function buildGemmModule(plans: Record<FloatDType, GemmPlan> = GEMM_PLANS): WebAssembly.Module {
  const bytes = new ModuleBuilder()
    .importMemory('env', 'memory', { initial: 1 })
    .export('gemmFloat64', buildMacroKernel('float64', plans.float64))
    .export('gemmFloat32', buildMacroKernel('float32', plans.float32))
    .export('gramFloat64', buildGramKernel('float64', plans.float64))
    .export('nearestFloat64', buildNearestKernel())
    .encode();
  return new WebAssembly.Module(bytes);
}

let choice: CpuKernels | null = null; // null: not decided yet
let gemmModule: WebAssembly.Module | null = null;
let mainGemm: WasmGemm | null = null;
let mainStreams: Streams | null = null;

function readEnv(): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.TESSERA_CPU_KERNELS;
  } catch {
    return undefined; // Deno without --allow-env
  }
}

/** Chooses the CPU kernels for float matrix products: 'wasm' (WebAssembly SIMD, the default where
 *  available) or 'ts' (the plain TypeScript reference). Returns the kernels now in use.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const previous = np.getCpuKernels();
 * console.log(np.setCpuKernels('ts')); // the TypeScript reference kernels
 * console.log(np.matmul([[1, 2], [3, 4]], [[1.5], [0.5]]));
 * np.setCpuKernels(previous);
 * ```
 *
 * ```text output
 * ts
 * array([[2.5],
 *        [6.5]])
 * ```
 */
export function setCpuKernels(kernels: CpuKernels): CpuKernels {
  if (kernels !== 'ts' && kernels !== 'wasm') throw new TypeError(`setCpuKernels: expected 'ts' or 'wasm', got ${JSON.stringify(kernels)}`);
  if (kernels === 'wasm' && !hasWasmSimd()) {
    console.warn("Warning: setCpuKernels('wasm'): this runtime has no WebAssembly SIMD, so tessera keeps the TypeScript kernels");
    kernels = 'ts';
  }
  choice = kernels;
  return choice;
}

/** The CPU kernels in use (deciding from TESSERA_CPU_KERNELS and the runtime on the first call). */
export function getCpuKernels(): CpuKernels {
  if (choice === null) {
    const env = readEnv();
    if (env !== undefined && env !== '' && env !== 'ts' && env !== 'wasm') console.warn(`Warning: TESSERA_CPU_KERNELS=${env} is not 'ts' or 'wasm'; using the default`);
    setCpuKernels(env === 'ts' ? 'ts' : env === 'wasm' || hasWasmSimd() ? 'wasm' : 'ts');
  }
  return choice!;
}

/** The compiled GEMM module (built on first use; worker threads instantiate it too). */
export function gemmWasmModule(): WebAssembly.Module {
  gemmModule ??= buildGemmModule();
  return gemmModule;
}

/** The calling thread's instance of the GEMM kernels and its memory. */
export function mainThreadGemm(): WasmGemm {
  mainGemm ??= instantiateGemm(gemmWasmModule(), GEMM_PLANS);
  return mainGemm;
}

/** The calling thread's instance of the elementwise and reduction kernels (staging.ts). */
export function mainThreadStreams(): Streams {
  mainStreams ??= instantiateStreams(buildStreamModule());
  return mainStreams;
}
