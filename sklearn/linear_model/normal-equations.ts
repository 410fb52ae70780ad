// The normal equations of centred, weighted least squares in one pass over X: with
//   X̃ = diag(√s) (X - 1 x̄ᵀ)   and   Ỹ = diag(√s) (Y - 1 ȳᵀ)
// it returns the Gram matrix X̃ᵀX̃ and the cross products X̃ᵀỸ without ever forming X̃ (a 40 MB copy
// for 100,000 x 50). The idea: rows are centred and weighted as they are packed, a small block at a
// time, into a buffer that stays in cache, and both products accumulate from that buffer. Centring
// each entry before multiplying (never XᵀX - n x̄x̄ᵀ) keeps the accuracy of scikit-learn's copy-then-centre.
import { type Matrix, matrix } from './dense.ts';

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

/** X̃ᵀX̃ and X̃ᵀỸ for X (n x p) and Y (n x t), read only. Both are blocks of one Gram matrix, that
 *  of the columns of [X̃ Ỹ]: each packed row holds x̃_i then ỹ_i, padded with zeros to a multiple of
 *  4 entries so that every tile is a full 4 x 4. The block is stored as panels of 4 columns, row
 *  after row (entry (r, j) at panel j/4, offset 4r + j%4), so a tile reads two contiguous streams. */
export function normalEquations(X: Matrix, Y: Matrix, c: Centring): NormalEquations {
  const { rows: n, cols: p } = X, t = Y.cols;
  const q = Math.ceil((p + t) / 4) * 4;
  const block = new Float64Array(BLOCK_ROWS * q), g = new Float64Array(q * q);
  for (let r0 = 0; r0 < n; r0 += BLOCK_ROWS) {
    const m = Math.min(BLOCK_ROWS, n - r0);
    packRows(X, r0, m, c.xOffset, c.sqrtSw, block, 0);
    packRows(Y, r0, m, c.yOffset, c.sqrtSw, block, p);
    for (let a = 0; a < p; a += 4) for (let b = a; b < q; b += 4) gramTile(block, q, m, a, b, g);
  }
  const gram = matrix(p, p), cross = matrix(p, t);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) gram.data[a * p + b] = gram.data[b * p + a] = g[a * q + b];
    // column p + k > a lies in a tile on or right of a's diagonal tile, so it was accumulated
    for (let k = 0; k < t; k++) cross.data[a * t + k] = g[a * q + p + k];
  }
  return { gram, cross };
}

/** Columns col0.. of the m packed rows r: entry (r, col0 + j) = √s_i (a_ij - offset_j), i = r0 + r. */
function packRows(a: Matrix, r0: number, m: number, offset: Float64Array, sqrtSw: Float64Array | null, out: Float64Array, col0: number): void {
  const { data, cols } = a;
  for (let r = 0; r < m; r++) {
    const i = r0 + r, src = i * cols;
    const w = sqrtSw ? sqrtSw[i] : 1;
    for (let j = 0, col = col0; j < cols; j++, col++) out[((col >> 2) * BLOCK_ROWS + r) * 4 + (col & 3)] = (data[src + j] - offset[j]) * w;
  }
}

/** G[a..a+4, b..b+4] += Σ_r x_r[a..a+4]ᵀ x_r[b..b+4] over the m packed rows: sixteen running sums
 *  in registers, eight loads per row from the panels of columns a and b. */
function gramTile(x: Float64Array, q: number, m: number, a: number, b: number, g: Float64Array): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let ia = a * BLOCK_ROWS, ib = b * BLOCK_ROWS, end = ia + 4 * m; ia < end; ia += 4, ib += 4) {
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
