// Blocked Householder QR of a tall matrix in the compact WY form (Schreiber-Van Loan): the product
// of the n reflectors H_j = I - tau_j v_j v_j^T is ONE matrix Q = H_0 H_1 ... H_{n-1} = I - V T V^T,
// V (m x n) the vectors side by side, T (n x n) upper triangular. The one thing to understand:
// applying Q to C as C - V (T (V^T C)) is three matrix products, which the blocked matmul kernel
// runs about 5x faster per flop than n separate reflections, each sweeping all of C through memory.
// The factorisation is recursive (Elmroth-Gustavson, LAPACK's dgeqrt3): split A = [A1 A2] by columns,
// factor A1 = Q1 R1, update A2 <- Q1^T A2 by products, factor the rest of A2, and glue the T's:
//   T = [T1  -T1 (V1^T V2) T2]
//       [0    T2             ]
// so each level applies a panel of about half the reflectors (48 of 100, then 24, ...) as one block
// by matrix products, panels of at most 32 columns are factored directly, and T for the whole of Q
// comes out at the end, ready for U = Q [U_r; 0] in the SVD (one m x n x n product). The split is
// rounded to a multiple of 4, the kernel's register tile, so no product pads its edge tiles.
import { makeReflector } from './householder.ts';
import { axpy } from './blas.ts';
import { gemm, blockAt, transposed } from './gemm.ts';
import type { Mat } from '../cpu/gemm-blocked.ts';
import { getNumThreads, sharedFloat64 } from '../cpu/threads.ts';

/** A QR factorisation in compact WY form: `a` (m x n, m >= n) holds R on and above the diagonal
 *  and the reflector vectors below it (v_j(j) = 1 implicit, as householderQR leaves them). */
export interface CompactQR {
  a: Float64Array;
  m: number;
  n: number;
  /** T (n x n, upper triangular, tau on the diagonal): Q = I - V T V^T. */
  t: Float64Array;
}

/** Factors the m x n matrix `a` (m >= n) in place. */
export function blockedQR(a: Float64Array, m: number, n: number): CompactQR {
  const t = new Float64Array(n * n);
  factorColumns(a, m, n, t, 0, n, new Float64Array(ROW_BLOCK * n));
  return { a, m, n, t };
}

/** QR of the block rows j0.., columns j0..j0+w of a (rows n long), writing its T into t[j0.., j0..]. */
function factorColumns(a: Float64Array, m: number, n: number, t: Float64Array, j0: number, w: number, scratch: Float64Array): void {
  if (w <= LEAF) {
    factorPanel(a, m, n, t, j0, w);
    return;
  }
  // n1 = w/2 rounded down to a multiple of 4 (w > LEAF, so n1 >= 16).
  const n1 = (w >> 3) << 2, n2 = w - n1, j1 = j0 + n1, rows = m - j0;
  factorColumns(a, m, n, t, j0, n1, scratch);
  // A2 <- Q1^T A2 = A2 - V1 (T1^T (V1^T A2)).
  const v1 = blockAt(a, n, j0, j0), a2 = blockAt(a, n, j0, j1);
  const tri1 = unitTriangle(n1);
  swapTriangle(a, n, j0, n1, tri1);
  const w1 = gemm(n1, n2, rows, transposed(v1), a2, new Float64Array(n1 * n2));
  const w2 = gemm(n1, n2, n1, transposed(blockAt(t, n, j0, j0)), blockAt(w1, n2, 0, 0), new Float64Array(n1 * n2));
  subtractProduct(a, n, j0, j0, j1, rows, n1, n2, blockAt(w2, n2, 0, 0), scratch);
  swapTriangle(a, n, j0, n1, tri1);
  factorColumns(a, m, n, t, j1, n2, scratch);
  // T12 = -T1 (V1^T V2) T2. V2 is zero above row j1, so only V1's rows from j1 on (below its triangle) count.
  const tri2 = unitTriangle(n2);
  swapTriangle(a, n, j1, n2, tri2);
  const x = gemm(n1, n2, m - j1, transposed(blockAt(a, n, j1, j0)), blockAt(a, n, j1, j1), new Float64Array(n1 * n2));
  swapTriangle(a, n, j1, n2, tri2);
  const y = gemm(n1, n2, n1, blockAt(t, n, j0, j0), blockAt(x, n2, 0, 0), new Float64Array(n1 * n2));
  gemm(n1, n2, n2, blockAt(y, n2, 0, 0), blockAt(t, n, j1, j1), x);
  for (let i = 0; i < n1; i++) for (let c = 0; c < n2; c++) t[(j0 + i) * n + j1 + c] = -x[i * n2 + c];
}

/** A[r0.., c2..c2+n2] -= A[r0.., c1..c1+k] W (rows x n2, W k x n2), ROW_BLOCK rows at a time: each
 *  block's product is subtracted while it is still in cache, and it comes from the same rows of A
 *  (same cache lines) as the entries it updates, so the update costs no extra pass through memory.
 *  With worker threads the product is done whole instead: one large product is split over the
 *  threads, which is worth more than the saved pass. */
function subtractProduct(a: Float64Array, n: number, r0: number, c1: number, c2: number, rows: number, k: number, n2: number, w: Mat<Float64Array>, scratch: Float64Array): void {
  const block = getNumThreads() > 1 ? rows : ROW_BLOCK;
  const tmp = block * n2 <= scratch.length ? scratch : sharedFloat64(block * n2);
  for (let i0 = 0; i0 < rows; i0 += block) {
    const rb = Math.min(block, rows - i0);
    gemm(rb, n2, k, blockAt(a, n, r0 + i0, c1), w, tmp);
    for (let i = 0; i < rb; i++) {
      for (let c = 0, p = (r0 + i0 + i) * n + c2, q = i * n2; c < n2; c++) a[p + c] -= tmp[q + c];
    }
  }
}

/** Rows per block of subtractProduct: a multiple of the kernel's 128-row blocks, small enough that
 *  the block's product (ROW_BLOCK x n2 numbers, 256 KiB for n2 = 64) stays in the L2 cache. */
const ROW_BLOCK = 512;

/** Panels this narrow are factored one reflector at a time: products of a few columns are all overhead. */
const LEAF = 8;

/** The unblocked QR of a narrow panel (columns j0..j0+w, rows j0..m) and its T. A column of the
 *  row-major matrix is strided (one cache line per element), so the panel is copied into column-major
 *  order first, where every reflection is a contiguous dot and axpy, and copied back at the end.
 *  Columns are reflected two at a time, so each pass over v_j serves two columns. */
function factorPanel(a: Float64Array, m: number, n: number, t: Float64Array, j0: number, w: number): void {
  const rows = m - j0, p = new Float64Array(w * rows);
  for (let i = 0; i < rows; i++) for (let c = 0; c < w; c++) p[c * rows + i] = a[(j0 + i) * n + j0 + c];
  const z = new Float64Array(w), pair = new Float64Array(2);
  for (let j = 0; j < w; j++) {
    // Column j's tail of length rows - j starts at vj; v_j = [1, p[vj + 1 ..]].
    const vj = j * rows + j, len = rows - j - 1;
    const tau = makeReflector(p, vj, 1, rows - j);
    // Columns c > j, two at a time: column c -= tau (v_j . column c) v_j, on rows j..
    for (let c = j + 1; c < w; c += 2) {
      const c1 = c * rows + j, c2 = c1 + rows, both = c + 1 < w;
      dot2(p, vj + 1, c1 + 1, both ? c2 + 1 : c1 + 1, len, pair);
      const f1 = tau * (p[c1] + pair[0]);
      p[c1] -= f1;
      if (!both) {
        axpy(-f1, p, vj + 1, p, c1 + 1, len);
        continue;
      }
      const f2 = tau * (p[c2] + pair[1]);
      p[c2] -= f2;
      axpy2(p, vj + 1, c1 + 1, f1, c2 + 1, f2, len);
    }
    // T's column j (LAPACK's dlarft): T[0:j, j] = -tau T[0:j, 0:j] (V[:, 0:j]^T v_j), T[j, j] = tau.
    for (let i = 0; i < j; i += 2) {
      const i2 = i + 1 < j ? i + 1 : i;
      dot2(p, vj + 1, i * rows + j + 1, i2 * rows + j + 1, len, pair);
      z[i] = p[i * rows + j] + pair[0];
      z[i2] = p[i2 * rows + j] + pair[1];
    }
    for (let i = 0; i < j; i++) {
      let s = 0;
      for (let k = i; k < j; k++) s += t[(j0 + i) * n + j0 + k] * z[k];
      t[(j0 + i) * n + j0 + j] = -tau * s;
    }
    t[(j0 + j) * n + j0 + j] = tau;
  }
  for (let i = 0; i < rows; i++) for (let c = 0; c < w; c++) a[(j0 + i) * n + j0 + c] = p[c * rows + i];
}

/** out = [x . y1, x . y2] for x = p[ix..], y1 = p[i1..], y2 = p[i2..] (n long): x is read once for
 *  both, with two partial sums per dot so the additions overlap (as blas.ts's dot). */
function dot2(p: Float64Array, ix: number, i1: number, i2: number, n: number, out: Float64Array): void {
  let a0 = 0, a1 = 0, b0 = 0, b1 = 0, k = 0;
  for (; k + 1 < n; k += 2) {
    const x0 = p[ix + k], x1 = p[ix + k + 1];
    a0 += x0 * p[i1 + k];
    a1 += x1 * p[i1 + k + 1];
    b0 += x0 * p[i2 + k];
    b1 += x1 * p[i2 + k + 1];
  }
  if (k < n) {
    a0 += p[ix + k] * p[i1 + k];
    b0 += p[ix + k] * p[i2 + k];
  }
  out[0] = a0 + a1;
  out[1] = b0 + b1;
}

/** y1 -= f1 x and y2 -= f2 x for x = p[ix..], y1 = p[i1..], y2 = p[i2..] (n long), x read once. */
function axpy2(p: Float64Array, ix: number, i1: number, f1: number, i2: number, f2: number, n: number): void {
  for (let k = 0; k < n; k++) {
    const x = p[ix + k];
    p[i1 + k] -= f1 * x;
    p[i2 + k] -= f2 * x;
  }
}

/** The w x w identity's upper triangle (ones on the diagonal), to swap with R's (see swapTriangle). */
function unitTriangle(w: number): Float64Array {
  const tri = new Float64Array(w * w);
  for (let i = 0; i < w; i++) tri[i * w + i] = 1;
  return tri;
}

/** Swaps the upper triangle (diagonal included) of the w x w block at (j0, j0) with `tri`'s. With
 *  tri from unitTriangle, the block's columns become the unit lower trapezoidal V that the products
 *  need, and tri keeps R; a second swap puts R back (LAPACK sets a_jj = 1 in the same way). */
function swapTriangle(a: Float64Array, n: number, j0: number, w: number, tri: Float64Array): void {
  for (let i = 0; i < w; i++) {
    for (let j = i, p = (j0 + i) * n + j0 + i; j < w; j++, p++) {
      const x = a[p];
      a[p] = tri[i * w + j];
      tri[i * w + j] = x;
    }
  }
}

/** -V (T W) (m x cols) for W (n x cols): Q C = C - V T W when W = V^T C. The sign is put on the
 *  small n x cols factor T W, so the big product comes out ready to add C to. */
function correction(qr: CompactQR, w: Mat<Float64Array>, cols: number): Float64Array {
  const { a, m, n, t } = qr;
  const tw = gemm(n, cols, n, blockAt(t, n, 0, 0), w, new Float64Array(n * cols));
  for (let i = 0; i < tw.length; i++) tw[i] = -tw[i];
  const tri = unitTriangle(n);
  swapTriangle(a, n, 0, n, tri);
  const out = gemm(m, cols, n, blockAt(a, n, 0, 0), blockAt(tw, cols, 0, 0), sharedFloat64(m * cols));
  swapTriangle(a, n, 0, n, tri);
  return out;
}

/** Q C (m x cols) for the m x cols matrix C whose first `rows` rows are `c` and the rest zero
 *  (as [U_r; 0] in the SVD): then V^T C = V[0:rows]^T c, a small product. */
export function applyQ(qr: CompactQR, c: Float64Array, rows: number, cols: number): Float64Array {
  const { a, n } = qr;
  const tri = unitTriangle(n);
  swapTriangle(a, n, 0, n, tri);
  const w = gemm(n, cols, rows, transposed(blockAt(a, n, 0, 0)), blockAt(c, cols, 0, 0), new Float64Array(n * cols));
  swapTriangle(a, n, 0, n, tri);
  const out = correction(qr, blockAt(w, cols, 0, 0), cols);
  for (let i = 0; i < rows * cols; i++) out[i] += c[i];
  return out;
}

/** Columns n..m of Q (m x (m - n)): Q [0; I] = [0; I] - V T V[n:m]^T (no product needed for V^T C). */
export function qTail(qr: CompactQR): Float64Array {
  const { a, m, n } = qr;
  const cols = m - n;
  const out = correction(qr, transposed(blockAt(a, n, n, 0)), cols);
  for (let i = 0; i < cols; i++) out[(n + i) * cols + i] += 1;
  return out;
}

/** The first `cols` columns of Q (m x cols, cols = n or m): Q [I; 0] for the first n, and with
 *  cols = m the rest from qTail (np.linalg.qr's 'complete' mode, the SVD's full U). */
export function explicitQ(qr: CompactQR, cols: number): Float64Array {
  const { n } = qr;
  const eye = new Float64Array(n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  return extendQ(qr, applyQ(qr, eye, n, n), cols);
}

/** [u | Q's last m - n columns] (m x m) when cols = m; u itself (m x n) otherwise. */
export function extendQ(qr: CompactQR, u: Float64Array, cols: number): Float64Array {
  const { m, n } = qr;
  if (cols === n) return u;
  const tail = qTail(qr), full = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    full.set(u.subarray(i * n, (i + 1) * n), i * m);
    full.set(tail.subarray(i * (m - n), (i + 1) * (m - n)), i * m + n);
  }
  return full;
}

