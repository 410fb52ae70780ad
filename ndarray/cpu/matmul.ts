// The CPU matrix product C = A B, blocked for the caches and tiled for the registers (the GotoBLAS
// scheme). The one thing to understand: a matrix product does 2mnk flops on only mn + mk + kn numbers,
// so the fast way is to load each number from memory once and reuse it many times from a cache or a
// register. Plain JS (no SIMD) then runs at about 4 GFLOP/s on a 1024 x 1024 product (2 cores, AMD
// EPYC), 4-6x the plain i-k-j loop and about 5x TF.js's `cpu` backend (see bench/ndarray.bench.ts).
//
//   for jc in steps of NC over the columns of C              B block (KC x NC) packed: lives in L3
//     for pc in steps of KC over k                          (one k-slice: C += A[:, pc..] B[pc.., :])
//       pack B[pc:pc+KC, jc:jc+NC] into column panels NR wide
//       for ic in steps of MC over the rows of C             A block (MC x KC) packed: lives in L2
//         pack A[ic:ic+MC, pc:pc+KC] into row panels MR tall
//         for each NR-wide panel of B (stays in L1) and each MR-tall panel of A:
//           micro-kernel: a 4 x 4 tile of C in 16 local variables, 16 multiply-adds per k-step
//
// Packing copies a block into a contiguous Float64Array in exactly the order the micro-kernel reads
// it (k-step by k-step: 4 values of A, then 4 of B), so the kernel walks memory linearly whatever the
// operands' strides (transposed, sliced, flipped views cost nothing extra) and whatever their dtype.
// Edge panels are padded with zeros; the padded part of a tile is computed and thrown away.
// Integer and bool products and matrix-vector products take a direct loop instead.
import type { TypedArray } from '../dtype.ts';
import type { View } from '../backend.ts';
import { reshapeStrides, shapeSize } from '../shape.ts';
import { forEachRow } from './strided.ts';
import { dataOf } from './backend.ts';

/** Register tile (MR x NR) and cache blocks (KC deep, MC rows, NC columns). A packed A block is
 *  MC*KC*8 = 256 KiB (L2 is 1 MiB per core here), one B panel KC*NR*8 = 8 KiB (L1 is 32 KiB). */
const MR = 4, NR = 4, KC = 256, MC = 128, NC = 1024;

/** A matrix inside a buffer: element (i, j) is data[offset + i*rs + j*cs]. */
interface Mat {
  readonly data: TypedArray;
  readonly offset: number;
  readonly rs: number;
  readonly cs: number;
}

const transposed = (x: Mat): Mat => ({ data: x.data, offset: x.offset, rs: x.cs, cs: x.rs });

let packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(KC * NR);
const tile = new Float64Array(MR * NR);
let rowSums = new Float64Array(256);

/** Scratch space reused by every call (kernels run one at a time): grown, never shrunk. */
function ensureScratch(aSize: number, bSize: number): void {
  if (packedA.length < aSize) packedA = new Float64Array(aSize);
  if (packedB.length < bSize) packedB = new Float64Array(bSize);
}

const roundUp = (x: number, to: number): number => Math.ceil(x / to) * to;

/** Copies x[r0 : r0+rows, c0 : c0+cols] into `dst` as panels 4 columns wide: panel after panel,
 *  and inside a panel row after row (4 numbers per row), zeros past the last column. B is packed as
 *  is; A is packed through its transpose, so its panels are 4 rows tall, stored column after column. */
function packPanels(x: Mat, r0: number, rows: number, c0: number, cols: number, dst: Float64Array): void {
  const { data, rs, cs } = x;
  let o = 0;
  for (let jr = 0; jr < cols; jr += 4) {
    const w = Math.min(4, cols - jr);
    let src = x.offset + r0 * rs + (c0 + jr) * cs;
    for (let p = 0; p < rows; p++, src += rs) {
      dst[o] = data[src];
      dst[o + 1] = w > 1 ? data[src + cs] : 0;
      dst[o + 2] = w > 2 ? data[src + 2 * cs] : 0;
      dst[o + 3] = w > 3 ? data[src + 3 * cs] : 0;
      o += 4;
    }
  }
}

/** tile = (4 x kc panel of A at ia) times (kc x 4 panel of B at ib): c_ij = sum_p a_ip b_pj.
 *  The 16 sums stay in locals (registers) for the whole k-loop; each step loads 8 numbers. */
function microKernel(kc: number, a: Float64Array, ia: number, b: Float64Array, ib: number, c: Float64Array): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++, ia += 4, ib += 4) {
    const a0 = a[ia], a1 = a[ia + 1], a2 = a[ia + 2], a3 = a[ia + 3];
    const b0 = b[ib], b1 = b[ib + 1], b2 = b[ib + 2], b3 = b[ib + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  c[0] = c00; c[1] = c01; c[2] = c02; c[3] = c03;
  c[4] = c10; c[5] = c11; c[6] = c12; c[7] = c13;
  c[8] = c20; c[9] = c21; c[10] = c22; c[11] = c23;
  c[12] = c30; c[13] = c31; c[14] = c32; c[15] = c33;
}

/** Writes (first k-slice) or adds (later slices) the valid rows x cols corner of the tile into C. */
function storeTile(out: TypedArray, at: number, ldc: number, rows: number, cols: number, add: boolean): void {
  for (let i = 0; i < rows; i++, at += ldc) {
    for (let j = 0; j < cols; j++) out[at + j] = add ? out[at + j] + tile[i * NR + j] : tile[i * NR + j];
  }
}

/** C (m x n at `co`, rows `ldc` apart) = A B by the blocked loops of the file header. */
function gemmBlocked(m: number, n: number, k: number, a: Mat, b: Mat, out: TypedArray, co: number, ldc: number): void {
  ensureScratch(roundUp(Math.min(m, MC), MR) * Math.min(k, KC), roundUp(Math.min(n, NC), NR) * Math.min(k, KC));
  const aT = transposed(a);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanels(b, pc, kc, jc, nc, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanels(aT, pc, kc, ic, mc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          for (let ir = 0; ir < mc; ir += MR) {
            microKernel(kc, packedA, ir * kc, packedB, jr * kc, tile);
            storeTile(out, co + (ic + ir) * ldc + jc + jr, ldc, Math.min(MR, mc - ir), Math.min(NR, nc - jr), pc > 0);
          }
        }
      }
    }
  }
}

/** C = A B for vector products (and k = 0), in doubles. Row i of C is accumulated as the sum over p of
 *  a_ip * (row p of B), which walks B along its rows; when B's columns are the contiguous direction
 *  (B is a transposed view) or C is a single column, each element is a dot product instead. */
function gemmDirectFloat(m: number, n: number, k: number, a: Mat, b: Mat, out: TypedArray, co: number, ldc: number): void {
  const [x, y] = [a.data, b.data];
  if (n === 1 || Math.abs(b.rs) < Math.abs(b.cs)) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0, ia = a.offset + i * a.rs, ib = b.offset + j * b.cs; p < k; p++, ia += a.cs, ib += b.rs) s += x[ia] * y[ib];
        out[co + i * ldc + j] = s;
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
      for (let j = 0, jb = ib; j < n; j++, jb += b.cs) acc[j] += aip * y[jb];
    }
    for (let j = 0; j < n; j++) out[co + i * ldc + j] = acc[j];
  }
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

/** One product C = A B with C's rows `ldc` apart. Float products are blocked, even tiny ones (packing
 *  an 8 x 8 product still beats the direct loop), except vector products, where no number is reused. */
function gemm(m: number, n: number, k: number, a: Mat, b: Mat, out: View, co: number, ldc: number): void {
  const data = dataOf(out);
  if (out.dtype !== 'float32' && out.dtype !== 'float64') gemmDirectInt(m, n, k, a, b, data, co, ldc, out.dtype === 'bool');
  else if (m === 1 || n === 1 || k === 0) gemmDirectFloat(m, n, k, a, b, data, co, ldc);
  else gemmBlocked(m, n, k, a, b, data, co, ldc);
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
