// The CPU matrix product C = A B, blocked for the caches and tiled for the registers (the GotoBLAS
// scheme). The one thing to understand: a matrix product does 2mnk flops on only mn + mk + kn numbers,
// so the fast way is to load each number from memory once and reuse it many times from a cache or a
// register. Plain JS (no SIMD) then runs at about 4 GFLOP/s per core on a 1024 x 1024 product (AMD
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
//
// These functions use nothing but their arguments and each other: the worker threads of threads.ts
// run their source text unchanged, so every thread computes every element of C in the same order
// and a product split over threads is bit-identical to the single-threaded one.
import type { TypedArray } from '../dtype.ts';

/** A matrix inside a buffer: element (i, j) is data[offset + i*rs + j*cs]. tessera's one raw-matrix
 *  type: the CPU products and np.linalg's blocked factorisations pass blocks of their buffers as Mats
 *  (a sub-block, or its transpose with the two strides swapped, costs no copy). */
export interface Mat<T extends TypedArray = TypedArray> {
  readonly data: T;
  readonly offset: number;
  readonly rs: number;
  readonly cs: number;
}

/** The packing buffers and the register tile; each thread owns one set, grown as needed. */
export interface GemmScratch {
  packedA: Float64Array;
  packedB: Float64Array;
  tile: Float64Array;
}

export function newScratch(): GemmScratch {
  return { packedA: new Float64Array(0), packedB: new Float64Array(0), tile: new Float64Array(16) };
}

/** Copies x[r0 : r0+rows, c0 : c0+cols] into `dst` from index `at` as panels `width` columns wide:
 *  panel after panel, and inside a panel row after row (`width` numbers per row), zeros past the last
 *  column. B is packed as is; A is packed through its transpose, so its panels are `width` rows tall,
 *  stored column after column. (The Wasm kernels, wasm/gemm.ts, pack with other widths.)
 *  The copy reads x along its contiguous direction: row by row across all the panels when x's rows
 *  are contiguous, column by column down each panel otherwise (a panel-by-panel walk down a big
 *  row-major x would miss the cache on every row: 12 ns a number against about 1). */
export function packPanels(x: Mat, r0: number, rows: number, c0: number, cols: number, dst: TypedArray, width = 4, at = 0): void {
  const { data, rs, cs } = x;
  const panels = Math.ceil(cols / width), panelSize = rows * width, base = x.offset + r0 * rs + c0 * cs;
  if (Math.abs(cs) <= Math.abs(rs)) {
    // along the rows: row p of x fills row p of the panels, about 64 columns at a time (a few panels
    // written side by side; all of them at once would be too many write streams for a wide x)
    const group = width * Math.max(1, Math.floor(64 / width)); // whole panels
    for (let j0 = 0; j0 < cols; j0 += group) {
      const j1 = Math.min(cols, j0 + group);
      for (let p = 0, src = base + j0 * cs; p < rows; p++, src += rs) {
        for (let jr = j0, o = at + (jr / width) * panelSize + p * width, s = src; jr < j1; jr += width, o += panelSize) {
          const w = Math.min(width, j1 - jr);
          for (let j = 0; j < w; j++, s += cs) dst[o + j] = data[s];
        }
      }
    }
  } else {
    // down the columns: column jc of x fills one column of its panel
    for (let jc = 0; jc < cols; jc++) {
      const o = at + Math.floor(jc / width) * panelSize + (jc % width), end = o + rows * width;
      for (let q = o, s = base + jc * cs; q < end; q += width, s += rs) dst[q] = data[s];
    }
  }
  // zeros in the last panel's columns past `cols`
  for (let jc = cols; jc < panels * width; jc++) {
    const o = at + (panels - 1) * panelSize + (jc % width);
    for (let p = 0; p < rows; p++) dst[o + p * width] = 0;
  }
}

/** tile = (4 x kc panel of A at ia) times (kc x 4 panel of B at ib): c_ij = sum_p a_ip b_pj.
 *  The 16 sums stay in locals (registers) for the whole k-loop; each step loads 8 numbers. */
export function microKernel(kc: number, a: Float64Array, ia: number, b: Float64Array, ib: number, c: Float64Array): void {
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

/** Writes (first k-slice) or adds (later slices) the valid rows x cols corner of the 4 x 4 tile into C. */
export function storeTile(tile: Float64Array, out: TypedArray, at: number, ldc: number, rows: number, cols: number, add: boolean): void {
  for (let i = 0; i < rows; i++, at += ldc) {
    for (let j = 0; j < cols; j++) out[at + j] = add ? out[at + j] + tile[i * 4 + j] : tile[i * 4 + j];
  }
}

/** C (m x n at `co`, rows `ldc` apart) = A B by the blocked loops of the file header. Register tile
 *  MR x NR = 4 x 4; cache blocks: a packed A block is MC*KC*8 = 256 KiB (L2 is 1 MiB per core here),
 *  one B panel KC*NR*8 = 8 KiB (L1 is 32 KiB). */
export function gemmBlocked(m: number, n: number, k: number, a: Mat, b: Mat, out: TypedArray, co: number, ldc: number, scratch: GemmScratch): void {
  const MR = 4, NR = 4, KC = 256, MC = 128, NC = 1024;
  const aSize = Math.ceil(Math.min(m, MC) / MR) * MR * Math.min(k, KC);
  const bSize = Math.ceil(Math.min(n, NC) / NR) * NR * Math.min(k, KC);
  if (scratch.packedA.length < aSize) scratch.packedA = new Float64Array(aSize);
  if (scratch.packedB.length < bSize) scratch.packedB = new Float64Array(bSize);
  const { packedA, packedB, tile } = scratch;
  const aT = { data: a.data, offset: a.offset, rs: a.cs, cs: a.rs };
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
            storeTile(tile, out, co + (ic + ir) * ldc + jc + jr, ldc, Math.min(MR, mc - ir), Math.min(NR, nc - jr), pc > 0);
          }
        }
      }
    }
  }
}
