// The normal equations of centred, weighted least squares in one pass over X: with
//   X̃ = diag(√s) (X - 1 x̄ᵀ)   and   Ỹ = diag(√s) (Y - 1 ȳᵀ)
// it returns the Gram matrix X̃ᵀX̃ and the cross products X̃ᵀỸ without ever forming X̃ (a 40 MB copy
// for 100,000 x 50). The idea: rows are centred and weighted as they are packed, a small block at a
// time, into a buffer that stays in cache, and both products accumulate from that buffer. Centring
// each entry before multiplying (never XᵀX - n x̄x̄ᵀ) keeps the accuracy of scikit-learn's
// copy-then-centre. Large inputs are summed in fixed chunks of rows that the worker threads share.
import { type Matrix, matrix } from './dense.ts';
import { parallelFor, sharedTyped } from '../../ndarray/cpu/threads.ts';

export interface Centring {
  /** x̄ and ȳ (zeros when there is no intercept). */
  xOffset: Float64Array;
  yOffset: Float64Array;
  /** √s_i per row, or null for unit weights. */
  sqrtSw: Float64Array | null;
}

export interface NormalEquations {
  /** X̃ᵀX̃, (features x features). */
  gram: Matrix;
  /** X̃ᵀỸ, (features x targets). */
  cross: Matrix;
}

/** Rows per packed block: 64 rows of up to ~60 features (30 KB) stay in the L1 cache while every
 *  tile of the Gram matrix sweeps over them. */
const BLOCK_ROWS = 64;

/** Rows per chunk (a multiple of BLOCK_ROWS). Each chunk's Gram matrix is summed on its own, the
 *  chunks are what the worker threads share out, and the partial matrices are added in chunk order:
 *  the chunking is fixed, so the rounding does not depend on the number of threads. */
const CHUNK_ROWS = 8192;

/** X̃ᵀX̃ and X̃ᵀỸ for X (n x p) and Y (n x t), read only. Both are blocks of one Gram matrix, that
 *  of the columns of [X̃ Ỹ]: each packed row holds x̃_i then ỹ_i, padded with zeros to a multiple of
 *  4 entries so that every tile is a full 4 x 4. The block is stored as panels of 4 columns, row
 *  after row (entry (r, j) at panel j/4, offset 4r + j%4), so a tile reads two contiguous streams. */
export function normalEquations(X: Matrix, Y: Matrix, c: Centring): NormalEquations {
  const { rows: n, cols: p } = X, t = Y.cols;
  const q = Math.ceil((p + t) / 4) * 4;
  const chunks = Math.max(1, Math.ceil(n / CHUNK_ROWS));
  const partials = sharedTyped(Float64Array, chunks * q * q);
  // A worker's share gets its own rows only (copied into shared memory), not all of X.
  const shareArgs = (from: number, to: number): GramArgs => {
    const r0 = from * CHUNK_ROWS, r1 = Math.min(n, to * CHUNK_ROWS);
    const rows = (m: Matrix): Float64Array => (from === 0 ? m.data : copyRows(m, r0, r1));
    const sw = c.sqrtSw && from > 0 ? c.sqrtSw.slice(r0, r1) : c.sqrtSw;
    return [rows(X), p, rows(Y), t, from === 0 ? 0 : r0, n, c.xOffset, c.yOffset, sw, q, CHUNK_ROWS, BLOCK_ROWS, partials];
  };
  parallelFor(chunks, 2, gramChunks, [packRows, gramTile], shareArgs);
  const g = partials.subarray(0, q * q);
  for (let k = 1; k < chunks; k++) for (let i = 0, o = k * q * q; i < q * q; i++) g[i] += partials[o + i];
  const gram = matrix(p, p), cross = matrix(p, t);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) gram.data[a * p + b] = gram.data[b * p + a] = g[a * q + b];
    // column p + k > a lies in a tile on or right of a's diagonal tile, so it was accumulated
    for (let k = 0; k < t; k++) cross.data[a * t + k] = g[a * q + p + k];
  }
  return { gram, cross };
}

type GramArgs = [Float64Array, number, Float64Array, number, number, number, Float64Array, Float64Array, Float64Array | null, number, number, number, Float64Array];

/** Rows r0..r1-1 of m, in shared memory. */
function copyRows(m: Matrix, r0: number, r1: number): Float64Array {
  const out = sharedTyped(Float64Array, (r1 - r0) * m.cols);
  out.set(m.data.subarray(r0 * m.cols, r1 * m.cols));
  return out;
}

/** The Gram matrices of chunks from..to-1 into partials (q x q each). x and y hold the rows of X and
 *  Y from row0 on (all of them, or a worker's share); sqrtSw is indexed the same way. A parallelFor
 *  body: it runs in the worker threads from its source, with packRows and gramTile as helpers. */
function gramChunks(from: number, to: number, x: Float64Array, p: number, y: Float64Array, t: number, row0: number, n: number,
  xOffset: Float64Array, yOffset: Float64Array, sqrtSw: Float64Array | null, q: number, chunkRows: number, blockRows: number, partials: Float64Array): void {
  const block = new Float64Array(blockRows * q);
  for (let chunk = from; chunk < to; chunk++) {
    const g = partials.subarray(chunk * q * q, (chunk + 1) * q * q);
    const end = Math.min(n, (chunk + 1) * chunkRows);
    for (let r0 = chunk * chunkRows; r0 < end; r0 += blockRows) {
      const m = Math.min(blockRows, end - r0);
      packRows(x, p, r0 - row0, m, xOffset, sqrtSw, block, 0, blockRows);
      packRows(y, t, r0 - row0, m, yOffset, sqrtSw, block, p, blockRows);
      for (let a = 0; a < p; a += 4) for (let b = a; b < q; b += 4) gramTile(block, q, m, a, b, g, blockRows);
    }
  }
}

/** Columns col0.. of the m packed rows r (of blockRows): entry (r, col0 + j) = √s_i (a_ij - offset_j)
 *  for the rows i = r0 + r of the row-major a (cols wide). */
function packRows(a: Float64Array, cols: number, r0: number, m: number, offset: Float64Array, sqrtSw: Float64Array | null, out: Float64Array, col0: number, blockRows: number): void {
  for (let r = 0; r < m; r++) {
    const i = r0 + r, src = i * cols;
    const w = sqrtSw ? sqrtSw[i] : 1;
    for (let j = 0, col = col0; j < cols; j++, col++) out[((col >> 2) * blockRows + r) * 4 + (col & 3)] = (a[src + j] - offset[j]) * w;
  }
}

/** G[a..a+4, b..b+4] += Σ_r x_r[a..a+4]ᵀ x_r[b..b+4] over the m packed rows: sixteen running sums
 *  in registers, eight loads per row from the panels of columns a and b. */
function gramTile(x: Float64Array, q: number, m: number, a: number, b: number, g: Float64Array, blockRows: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let ia = a * blockRows, ib = b * blockRows, end = ia + 4 * m; ia < end; ia += 4, ib += 4) {
    const b0 = x[ib], b1 = x[ib + 1], b2 = x[ib + 2], b3 = x[ib + 3];
    const a0 = x[ia]; c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    const a1 = x[ia + 1]; c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    const a2 = x[ia + 2]; c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    const a3 = x[ia + 3]; c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  let o = a * q + b;
  g[o] += c00; g[o + 1] += c01; g[o + 2] += c02; g[o + 3] += c03; o += q;
  g[o] += c10; g[o + 1] += c11; g[o + 2] += c12; g[o + 3] += c13; o += q;
  g[o] += c20; g[o + 1] += c21; g[o + 2] += c22; g[o + 3] += c23; o += q;
  g[o] += c30; g[o + 1] += c31; g[o + 2] += c32; g[o + 3] += c33;
}
