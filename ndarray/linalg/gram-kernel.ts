// The kernel of np.linalg.gram with center/rowScale (gram.ts explains the idea). The rows are taken
// 64 at a time: a block's centred, scaled entries are packed into panels (a panel holds a few columns,
// row after row, so a tile of the result reads two contiguous streams), and every tile on or above
// the diagonal adds the block's products Σ_r ã_ri ã_rj to its running sums, row by row:
//  - with the WebAssembly kernels, the GEMM's own macro-kernel (wasm/gemm-kernel.ts) on the packed
//    block as A (panels of MR columns) and B (panels of NR columns), its tile of C kept in Wasm memory;
//  - with the TypeScript kernels, gramTile: 4 x 4 tiles from panels of 4 columns.
// Each entry gets the same products added in the same order either way (a tile's sum over the block,
// then added to the running total), so both give the same bits. gramChunks is a parallelFor body: the
// worker threads run it from its source text, with the helpers below, so they use nothing but their
// arguments (and `this`, the thread's instance of the WebAssembly kernels).
import { parallelFor, sharedTyped } from '../cpu/threads.ts';
import type { WasmGemm } from '../cpu/wasm/gemm.ts';

/** Rows per packed block: 64 rows of up to ~60 columns (30 KB) stay in the L1 cache while every
 *  tile of the result sweeps over them. */
const BLOCK_ROWS = 64;

/** Rows per chunk (a multiple of BLOCK_ROWS). Each chunk's Gram matrix is summed on its own, the
 *  chunks are what the worker threads share out, and the partial matrices are added in chunk order. */
const CHUNK_ROWS = 8192;

/** What one share of the rows needs: the rows of each block from row0 on (all of them, or a
 *  worker's share), their widths, the centre (all columns) and the row scales (indexed like the rows). */
interface GramJob {
  blocks: Float64Array[];
  widths: number[];
  row0: number;
  n: number;
  center: Float64Array;
  rowScale: Float64Array | null;
  /** Columns of the padded result (a multiple of 4). */
  q: number;
  chunkRows: number;
  blockRows: number;
  /** One q x q partial sum per chunk. */
  partials: Float64Array;
}

/** Ãᵀ Ã (p x p, row-major) for Ã = diag(rowScale) ([blocks side by side] - 1 centerᵀ). */
export function centredGram(blocks: Float64Array[], widths: number[], n: number, center: Float64Array, rowScale: Float64Array | null): Float64Array {
  const p = widths.reduce((s, w) => s + w, 0), q = Math.ceil(p / 4) * 4;
  const chunks = Math.max(1, Math.ceil(n / CHUNK_ROWS));
  const partials = sharedTyped(Float64Array, chunks * q * q);
  // A worker's share gets its own rows only (copied into shared memory), not all of them.
  const shareJob = (from: number, to: number): [GramJob] => {
    const r0 = from * CHUNK_ROWS, r1 = Math.min(n, to * CHUNK_ROWS);
    const rows = (b: Float64Array, w: number): Float64Array => (from === 0 ? b : copyRows(b, w, r0, r1));
    const scale = rowScale && from > 0 ? rowScale.slice(r0, r1) : rowScale;
    const job: GramJob = {
      blocks: blocks.map((b, k) => rows(b, widths[k])), widths, row0: from === 0 ? 0 : r0, n, center, rowScale: scale, q,
      chunkRows: CHUNK_ROWS, blockRows: BLOCK_ROWS, partials,
    };
    return [job];
  };
  parallelFor(chunks, 2, gramChunks, [packRows, gramTile, tsChunk, wasmChunk], shareJob);
  const g = partials.subarray(0, q * q);
  for (let k = 1; k < chunks; k++) for (let i = 0, o = k * q * q; i < q * q; i++) g[i] += partials[o + i];
  // the tiles on and above the diagonal were accumulated: mirror them
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = a; b < p; b++) out[a * p + b] = out[b * p + a] = g[a * q + b];
  return out;
}

/** Rows r0..r1-1 of the row-major b (w wide), in shared memory. */
function copyRows(b: Float64Array, w: number, r0: number, r1: number): Float64Array {
  const out = sharedTyped(Float64Array, (r1 - r0) * w);
  out.set(b.subarray(r0 * w, r1 * w));
  return out;
}

/** The Gram matrices of chunks from..to-1 into job.partials (q x q each, tiles on and above the
 *  diagonal), by the thread's WebAssembly kernels when it has them, else by gramTile. */
function gramChunks(this: WasmGemm | null, from: number, to: number, job: GramJob): void {
  for (let chunk = from; chunk < to; chunk++) {
    const g = job.partials.subarray(chunk * job.q * job.q, (chunk + 1) * job.q * job.q);
    const start = chunk * job.chunkRows, end = Math.min(job.n, start + job.chunkRows);
    if (this) wasmChunk(this, job, start, end, g);
    else tsChunk(job, start, end, g);
  }
}

/** Rows start..end-1 into g by gramTile, from blocks packed in panels of 4 columns. */
function tsChunk(job: GramJob, start: number, end: number, g: Float64Array): void {
  const { blocks, widths, row0, center, rowScale, q, blockRows } = job;
  const p = widths.reduce((s, w) => s + w, 0);
  const block = new Float64Array(blockRows * q); // the columns past p stay 0
  for (let r0 = start; r0 < end; r0 += blockRows) {
    const m = Math.min(blockRows, end - r0);
    for (let k = 0, col0 = 0; k < blocks.length; col0 += widths[k], k++) {
      packRows(blocks[k], widths[k], r0 - row0, m, center, col0, rowScale, block, 0, 4, blockRows);
    }
    for (let a = 0; a < p; a += 4) for (let b = a; b < q; b += 4) gramTile(block, q, m, a, b, g, blockRows);
  }
}

/** Rows start..end-1 into g by the WebAssembly Gram kernel (wasm/gram-kernel.ts): each block packed
 *  once, as panels of NR columns, then C += (block)ᵀ(block) on and above the diagonal, C (the chunk's
 *  sums, padded to whole panels) staying in Wasm memory until the chunk ends. Wasm memory, in float64
 *  units: [B panels | C]. */
function wasmChunk(w: WasmGemm, job: GramJob, start: number, end: number, g: Float64Array): void {
  const { blocks, widths, row0, center, rowScale, q, blockRows } = job;
  const p = widths.reduce((s, w) => s + w, 0);
  const { mr, nr } = w.plans.float64;
  const [mPanels, nPanels] = [Math.ceil(p / mr), Math.ceil(p / nr)];
  const ldc = nPanels * nr;
  const cAt = nPanels * nr * blockRows, cEnd = cAt + mPanels * mr * ldc;
  const pages = Math.ceil((cEnd * 8 - w.memory.buffer.byteLength) / 65536);
  if (pages > 0) w.memory.grow(pages);
  const heap = new Float64Array(w.memory.buffer);
  // C starts at zero; the panels' padding columns (past p) hold zeros or earlier entries, which only
  // reach C's padding
  heap.fill(0, 0, cEnd);
  for (let r0 = start; r0 < end; r0 += blockRows) {
    const m = Math.min(blockRows, end - r0);
    for (let k = 0, col0 = 0; k < blocks.length; col0 += widths[k], k++) {
      packRows(blocks[k], widths[k], r0 - row0, m, center, col0, rowScale, heap, 0, nr, m);
    }
    w.gram(0, cAt * 8, m, mPanels, nPanels, ldc * 8, m * nr * 8);
  }
  for (let a = 0; a < p; a++) for (let b = a; b < p; b++) g[a * q + b] = heap[cAt + a * ldc + b];
}

/** Columns col0..col0+cols of the m packed rows, entry (r, col0 + j) = s_i (x_ij - c_{col0+j}) for the
 *  rows i = r0 + r of the row-major x (cols wide), into `out` in panels `width` columns wide: panel P
 *  starts at out[at + P * panelRows * width] and holds its rows one after another, `width` numbers each. */
function packRows(x: Float64Array, cols: number, r0: number, m: number, center: Float64Array, col0: number, rowScale: Float64Array | null, out: Float64Array, at: number, width: number, panelRows: number): void {
  const base = new Int32Array(cols); // where each column's entry of row 0 goes
  for (let j = 0, col = col0; j < cols; j++, col++) base[j] = at + Math.floor(col / width) * panelRows * width + (col % width);
  for (let r = 0; r < m; r++) {
    const i = r0 + r, src = i * cols, s = rowScale ? rowScale[i] : 1, o = r * width;
    for (let j = 0; j < cols; j++) out[base[j] + o] = (x[src + j] - center[col0 + j]) * s;
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
