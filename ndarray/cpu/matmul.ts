// The CPU backend's matrix product kernel: the dispatch from strided views to the right loop.
// Float products go to a blocked GotoBLAS kernel, WebAssembly SIMD (wasm/gemm.ts) or TypeScript
// (gemm-blocked.ts) as setCpuKernels chooses (wasm/kernels.ts), split over worker threads when large
// (threads.ts); integer and bool products and matrix-vector products take a direct loop, and
// stacks of matrices either fold into one tall product or loop over the batch.
import type { TypedArray } from '../dtype.ts';
import type { View } from '../backend.ts';
import { reshapeStrides, shapeSize } from '../shape.ts';
import { forEachRow } from './strided.ts';
import { dataOf } from './storage.ts';
import { gemmBlocked, newScratch, type Mat } from './gemm-blocked.ts';
import { parallelGemm, type SerialGemm } from './threads.ts';
import { getCpuKernels, mainThreadGemm } from './wasm/kernels.ts';
import { wasmGemm } from './wasm/gemm.ts';

/** The calling thread's packing buffers (kernels run one at a time): grown, never shrunk. */
const scratch = newScratch();
let rowSums = new Float64Array(256);

/** C = A B for vector products (and k = 0), in doubles. Row i of C is accumulated as the sum over p of
 *  a_ip * (row p of B), which walks B along its rows; when B's columns are the contiguous direction
 *  (B is a transposed view) or C is a single column, each element is a dot product instead. */
function gemmDirectFloat(m: number, n: number, k: number, a: Mat, b: Mat, out: TypedArray, co: number, ldc: number): void {
  const [x, y] = [a.data, b.data];
  if (n === 1 || Math.abs(b.rs) < Math.abs(b.cs)) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const [ia, ib] = [a.offset + i * a.rs, b.offset + j * b.cs];
        out[co + i * ldc + j] = a.cs === 1 && b.rs === 1 ? dotUnit(x, ia, y, ib, k) : dotStrided(x, ia, a.cs, y, ib, b.rs, k);
      }
    }
    return;
  }
  if (rowSums.length < n) rowSums = new Float64Array(n);
  const acc = rowSums;
  for (let i = 0; i < m; i++) {
    acc.fill(0, 0, n);
    for (let p = 0, ia = a.offset + i * a.rs, ib = b.offset; p < k; p++, ia += a.cs, ib += b.rs) {
      const aip = x[ia];
      if (b.cs === 1) for (let j = 0; j < n; j++) acc[j] += aip * y[ib + j];
      else for (let j = 0, jb = ib; j < n; j++, jb += b.cs) acc[j] += aip * y[jb];
    }
    for (let j = 0; j < n; j++) out[co + i * ldc + j] = acc[j];
  }
}

/** Σ_p x[i + p] y[j + p] for p < k, in order: the dot product of two contiguous runs. */
function dotUnit(x: TypedArray, i: number, y: TypedArray, j: number, k: number): number {
  let s = 0;
  for (let p = 0; p < k; p++) s += x[i + p] * y[j + p];
  return s;
}

/** The same sum over runs with strides sx and sy. */
function dotStrided(x: TypedArray, i: number, sx: number, y: TypedArray, j: number, sy: number, k: number): number {
  let s = 0;
  for (let p = 0; p < k; p++, i += sx, j += sy) s += x[i] * y[j];
  return s;
}

/** The integer product wraps modulo 2^32 as C's int arithmetic does (Math.imul, then |0); storing
 *  into a narrower typed array wraps further, which gives the same result as wrapping in that dtype.
 *  bool: the sum of products is an "any" of ands, so a non-zero sum stores 1. */
function gemmDirectInt(m: number, n: number, k: number, a: Mat, b: Mat, out: TypedArray, co: number, ldc: number, bool: boolean): void {
  const [x, y] = [a.data, b.data];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0, ia = a.offset + i * a.rs, ib = b.offset + j * b.cs; p < k; p++, ia += a.cs, ib += b.rs) {
        s = (s + Math.imul(x[ia], y[ib])) | 0;
      }
      out[co + i * ldc + j] = bool ? +(s !== 0) : s;
    }
  }
}

const tsGemm: SerialGemm = (m, n, k, a, b, out, co, ldc) => gemmBlocked(m, n, k, a, b, out, co, ldc, scratch);
const wasmOrTsGemm: SerialGemm = (m, n, k, a, b, out, co, ldc) => {
  if (!wasmGemm(mainThreadGemm(), m, n, k, a, b, out, co, ldc)) tsGemm(m, n, k, a, b, out, co, ldc);
};

/** One product C = A B with C's rows `ldc` apart. Float products are blocked, even tiny ones (packing
 *  an 8 x 8 product still beats the direct loop), except float64 vector products, where no number is
 *  reused. */
function gemm(m: number, n: number, k: number, a: Mat, b: Mat, out: View, co: number, ldc: number): void {
  const data = dataOf(out);
  if (out.dtype !== 'float32' && out.dtype !== 'float64') gemmDirectInt(m, n, k, a, b, data, co, ldc, out.dtype === 'bool');
  else {
    const wasm = getCpuKernels() === 'wasm';
    // float32 Wasm products round in float32 (as NumPy's sgemm does), so a row of C must take the same
    // path whatever the number of rows: vector products go through the same kernel (predicting one
    // row gives the bits of predicting it in a batch). The float64 kernels compute in doubles either way.
    const vector = m === 1 || n === 1;
    if (k === 0 || (vector && !(wasm && out.dtype === 'float32'))) return gemmDirectFloat(m, n, k, a, b, data, co, ldc);
    const serial = wasm ? wasmOrTsGemm : tsGemm;
    if (!parallelGemm(m, n, k, a, b, data, co, ldc, serial, wasm)) serial(m, n, k, a, b, data, co, ldc);
  }
}

/** a (..., m, k) @ b (..., k, n) -> out (..., m, n), C-contiguous, batch axes already broadcast.
 *  The inputs may be any strided views (the shared layer passes them in out's dtype, but packing and
 *  the direct loops would convert any dtype). */
export function matmulKernel(a: View, b: View, out: View): void {
  const nd = out.shape.length;
  const [m, n, k] = [out.shape[nd - 2], out.shape[nd - 1], a.shape[nd - 1]];
  const batch = out.shape.slice(0, nd - 2);
  const [A, B] = [dataOf(a), dataOf(b)];
  const mat = (data: TypedArray, v: View, offset: number): Mat => ({ data, offset, rs: v.strides[nd - 2], cs: v.strides[nd - 1] });
  // (batch..., m, k) @ (k, n) broadcast over the batch is one (batch*m, k) @ (k, n) product when a's
  // batch and row axes collapse into one (as after a reshape): fewer, larger products run faster.
  const rows = [...batch, m];
  const bIsShared = batch.length > 0 && b.strides.slice(0, nd - 2).every((s, i) => s === 0 || batch[i] === 1);
  const folded = bIsShared ? reshapeStrides(rows, a.strides.slice(0, nd - 1), [shapeSize(rows)]) : null;
  if (folded) {
    const a2 = { data: A, offset: a.offset, rs: folded[0], cs: a.strides[nd - 1] };
    gemm(shapeSize(rows), n, k, a2, mat(B, b, b.offset), out, out.offset, n);
    return;
  }
  const layout = (v: View) => ({ strides: v.strides.slice(0, nd - 2), offset: v.offset });
  forEachRow(batch, [layout(a), layout(b), layout(out)], (pos, len, inner) => {
    for (let t = 0; t < len; t++) {
      gemm(m, n, k, mat(A, a, pos[0] + t * inner[0]), mat(B, b, pos[1] + t * inner[1]), out, pos[2] + t * inner[2], n);
    }
  });
}
