// C = A B on the WebAssembly SIMD macro-kernel (gemm-kernel.ts): the cache blocking and the packing,
// in TypeScript. Operands are packed straight into the Wasm memory (through typed-array views of it)
// in the panel order the kernel reads, so any strides (transposed, sliced, flipped views) and any
// input dtype cost the same; C's block is computed in Wasm memory and copied out row by row.
//
//   for jc in steps of NC over the columns of C:         NC covers all of C's columns when it can
//     for kb in steps of KB over k:                      pack B[kb.., jc..] (KB x NC) into NR-wide panels
//       for ic in steps of MC over the rows of C:
//         (kb > 0: copy C's block in, to add to it)
//         for pc in steps of KC inside kb:               pack A[ic.., pc..] (MC x KC) into MR-tall panels
//           macroKernel: C_block (+)= A_block B[pc..pc+KC, jc..]
//         copy C_block (MC x NC) out to C
//
// The packed B block holds at most plan.bBytes: a long k (XᵀX for 100,000 rows) is cut into blocks
// of KB rows rather than into narrow column strips, which would pack all of A once per strip.
// Memory layout (bytes): [packed A block | packed B block | C block], grown when a product needs more.
// Every element of C gets its k-slices of KC in the same order wherever its tile sits (a C block
// copied out and back in keeps its exact doubles), so the result does not depend on how rows or
// columns are shared between threads, nor on KB. These functions use only their
// arguments, so threads.ts's workers run their source text over their own instance and memory
// (and declare no inner functions: the test and bench bundles would wrap those in a helper the
// workers lack).
import type { TypedArray } from '../../dtype.ts';
import { packPanels, type Mat } from '../gemm-blocked.ts';
import type { FloatDType, Tile } from './gemm-kernel.ts';

/** The register tile and cache blocks for one dtype (KC, MC in numbers; NC is bounded by BBYTES). */
export interface GemmPlan extends Tile {
  readonly kc: number;
  readonly mc: number;
  /** The most bytes one packed B block (k x NC) may take; NC follows from k. */
  readonly bBytes: number;
}

type MacroKernel = (aPtr: number, bPtr: number, cPtr: number, kc: number, mPanels: number, nPanels: number, ldcBytes: number, bPanelBytes: number, add: number) => void;

type GramKernel = (bPtr: number, cPtr: number, kc: number, mPanels: number, nPanels: number, ldcBytes: number, bPanelBytes: number) => void;
type NearestKernel = (xPtr: number, rows: number, f: number, cPtr: number, groups: number, normsPtr: number, sPtr: number) => void;

/** One instance of the kernels and the memory they work in (one per thread). */
export interface WasmGemm {
  readonly memory: WebAssembly.Memory;
  readonly kernels: Record<FloatDType, MacroKernel>;
  /** C += XᵀX over one block packed as float64 B panels, tiles on and above the diagonal (gram-kernel.ts). */
  readonly gram: GramKernel;
  /** Scores ‖c‖² - 2 x·c for a block of rows against packed centers (nearest-kernel.ts). */
  readonly nearest: NearestKernel;
  readonly plans: Record<FloatDType, GemmPlan>;
}

/** C (m x n at `co`, rows `ldc` apart, a Float32Array or Float64Array) = A B for m, n, k >= 1;
 *  false (having done nothing) when it would need more than 1 GiB of Wasm memory (k in millions). */
export function wasmGemm(w: WasmGemm, m: number, n: number, k: number, a: Mat, b: Mat, out: TypedArray, co: number, ldc: number): boolean {
  const dtype = out.BYTES_PER_ELEMENT === 4 ? 'float32' : 'float64';
  const { mr, nr, kc: KC, mc: MC, bBytes } = w.plans[dtype];
  const SHORT_ROW = 32; // rows of C shorter than this are copied number by number (a local: the workers run this source)
  const size = out.BYTES_PER_ELEMENT;
  // NC: all of C's columns when KC rows of them fit in the B block, else as many as fit; KB: the rows
  // of B (a multiple of KC) that fill the block at that width.
  const NC = Math.max(nr, Math.min(Math.ceil(n / nr), Math.floor(bBytes / (KC * size * nr))) * nr);
  const KB = Math.max(KC, Math.floor(bBytes / (NC * size * KC)) * KC);
  const [mcMax, ncMax, kbMax] = [Math.ceil(Math.min(m, MC) / mr) * mr, Math.ceil(Math.min(n, NC) / nr) * nr, Math.min(k, KB)];
  // Region starts in bytes, each a multiple of 16 (vector loads are fastest aligned).
  const aAt = 0, bAt = Math.ceil((mcMax * Math.min(k, KC) * size) / 16) * 16, cAt = bAt + ncMax * kbMax * size;
  const end = cAt + mcMax * ncMax * size;
  if (end > 2 ** 30) return false;
  const pages = Math.ceil((end - w.memory.buffer.byteLength) / 65536);
  if (pages > 0) w.memory.grow(pages);
  const heap = dtype === 'float32' ? new Float32Array(w.memory.buffer) : new Float64Array(w.memory.buffer);
  const kernel = w.kernels[dtype];
  const aT = { data: a.data, offset: a.offset, rs: a.cs, cs: a.rs };
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc), ncPad = Math.ceil(nc / nr) * nr;
    for (let kb = 0; kb < k; kb += KB) {
      const kbLen = Math.min(KB, k - kb);
      packPanels(b, kb, kbLen, jc, nc, heap, nr, bAt / size);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic), mcPad = Math.ceil(mc / mr) * mr;
        // (a subarray per row costs more than copying a short row number by number)
        for (let i = 0, c = cAt / size; kb > 0 && i < mc; i++, c += ncPad) {
          const row = co + (ic + i) * ldc + jc;
          if (nc >= SHORT_ROW) heap.set(out.subarray(row, row + nc), c);
          else for (let j = 0; j < nc; j++) heap[c + j] = out[row + j];
        }
        for (let pc = 0; pc < kbLen; pc += KC) {
          const kc = Math.min(KC, kbLen - pc);
          packPanels(aT, kb + pc, kc, ic, mc, heap, mr, aAt / size);
          kernel(aAt, bAt + pc * nr * size, cAt, kc, mcPad / mr, ncPad / nr, ncPad * size, kbLen * nr * size, kb + pc > 0 ? 1 : 0);
        }
        for (let i = 0, c = cAt / size; i < mc; i++, c += ncPad) {
          const row = co + (ic + i) * ldc + jc;
          if (nc >= SHORT_ROW) out.set(heap.subarray(c, c + nc), row);
          else for (let j = 0; j < nc; j++) out[row + j] = heap[c + j];
        }
      }
    }
  }
  return true;
}

/** The kernels of a compiled module (gemm-kernel.ts's macro-kernels, exported as gemmFloat64 and
 *  gemmFloat32, gram-kernel.ts's gramFloat64 and nearest-kernel.ts's nearestFloat64) instantiated over a
 *  fresh memory of their own. */
export function instantiateGemm(module: WebAssembly.Module, plans: Record<FloatDType, GemmPlan>): WasmGemm {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const { exports } = new WebAssembly.Instance(module, { env: { memory } });
  const kernels = { float64: exports.gemmFloat64 as MacroKernel, float32: exports.gemmFloat32 as MacroKernel };
  return { memory, kernels, gram: exports.gramFloat64 as GramKernel, nearest: exports.nearestFloat64 as NearestKernel, plans };
}
