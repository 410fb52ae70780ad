// Blocked Householder QR of a tall matrix in the compact WY form (Schreiber-Van Loan): the product
// of the n reflectors H_j = I - tau_j v_j v_j^T is ONE matrix Q = H_0 H_1 ... H_{n-1} = I - V T V^T,
// V (m x n) the vectors side by side, T (n x n) upper triangular. The one thing to understand:
// applying Q to C as C - V (T (V^T C)) is three matrix products, which the blocked matmul kernel
// runs about 5x faster per flop than n separate reflections, each sweeping all of C through memory.
// The factorisation is recursive (Elmroth-Gustavson, LAPACK's dgeqrt3): split A = [A1 A2] by columns,
// factor A1 = Q1 R1, update A2 <- Q1^T A2 by products, factor the rest of A2, and glue the T's:
//   T = [T1  -T1 (V1^T V2) T2]
//       [0    T2             ]
// so each level applies a panel of half the reflectors (50, 25, ... of 100) as one block by matrix
// products, panels of at most 16 columns are factored directly, and T for the whole of Q comes out
// at the end, ready for U = Q [U_r; 0] in the SVD (one m x n x n product).
import { makeReflector } from './householder.ts';
import { dot, axpy } from './blas.ts';
import { gemm, blockAt, transposed, type Block } from './gemm.ts';

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
  factorColumns(a, m, n, t, 0, n, new Float64Array(m * Math.ceil(n / 2)));
  return { a, m, n, t };
}

/** QR of the block rows j0.., columns j0..j0+w of a (rows n long), writing its T into t[j0.., j0..]. */
function factorColumns(a: Float64Array, m: number, n: number, t: Float64Array, j0: number, w: number, scratch: Float64Array): void {
  if (w <= LEAF) {
    factorPanel(a, m, n, t, j0, w);
    return;
  }
  const n1 = w >> 1, n2 = w - n1, j1 = j0 + n1, rows = m - j0;
  factorColumns(a, m, n, t, j0, n1, scratch);
  // A2 <- Q1^T A2 = A2 - V1 (T1^T (V1^T A2)).
  const v1 = blockAt(a, n, j0, j0), a2 = blockAt(a, n, j0, j1);
  const tri1 = unitTriangle(n1);
  swapTriangle(a, n, j0, n1, tri1);
  const w1 = gemm(n1, n2, rows, transposed(v1), a2, new Float64Array(n1 * n2));
  const w2 = gemm(n1, n2, n1, transposed(blockAt(t, n, j0, j0)), blockAt(w1, n2, 0, 0), new Float64Array(n1 * n2));
  const update = gemm(rows, n2, n1, v1, blockAt(w2, n2, 0, 0), scratch);
  swapTriangle(a, n, j0, n1, tri1);
  for (let i = 0; i < rows; i++) {
    for (let c = 0, p = (j0 + i) * n + j1, q = i * n2; c < n2; c++) a[p + c] -= update[q + c];
  }
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

/** Panels this narrow are factored one reflector at a time: products of a few columns are all overhead. */
const LEAF = 16;

/** The unblocked QR of a narrow panel (columns j0..j0+w, rows j0..m) and its T. A column of the
 *  row-major matrix is strided (one cache line per element), so the panel is copied into column-major
 *  order first, where every reflection is a contiguous dot and axpy, and copied back at the end. */
function factorPanel(a: Float64Array, m: number, n: number, t: Float64Array, j0: number, w: number): void {
  const rows = m - j0, p = new Float64Array(w * rows);
  for (let i = 0; i < rows; i++) for (let c = 0; c < w; c++) p[c * rows + i] = a[(j0 + i) * n + j0 + c];
  const z = new Float64Array(w);
  for (let j = 0; j < w; j++) {
    // Column j's tail of length rows - j starts at vj; v_j = [1, p[vj + 1 ..]].
    const vj = j * rows + j, len = rows - j - 1;
    const tau = makeReflector(p, vj, 1, rows - j);
    for (let c = j + 1; c < w; c++) {
      // column c -= tau (v_j . column c) v_j, on rows j..
      const cj = c * rows + j, f = tau * (p[cj] + dot(p, vj + 1, p, cj + 1, len));
      p[cj] -= f;
      axpy(-f, p, vj + 1, p, cj + 1, len);
    }
    // T's column j (LAPACK's dlarft): T[0:j, j] = -tau T[0:j, 0:j] (V[:, 0:j]^T v_j), T[j, j] = tau.
    for (let i = 0; i < j; i++) z[i] = p[i * rows + j] + dot(p, i * rows + j + 1, p, vj + 1, len);
    for (let i = 0; i < j; i++) {
      let s = 0;
      for (let k = i; k < j; k++) s += t[(j0 + i) * n + j0 + k] * z[k];
      t[(j0 + i) * n + j0 + j] = -tau * s;
    }
    t[(j0 + j) * n + j0 + j] = tau;
  }
  for (let i = 0; i < rows; i++) for (let c = 0; c < w; c++) a[(j0 + i) * n + j0 + c] = p[c * rows + i];
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

/** V (T W) (m x cols) for W (n x cols): Q C = C - V T W when W = V^T C. */
function correction(qr: CompactQR, w: Block, cols: number): Float64Array {
  const { a, m, n, t } = qr;
  const tw = gemm(n, cols, n, blockAt(t, n, 0, 0), w, new Float64Array(n * cols));
  const tri = unitTriangle(n);
  swapTriangle(a, n, 0, n, tri);
  const out = gemm(m, cols, n, blockAt(a, n, 0, 0), blockAt(tw, cols, 0, 0), new Float64Array(m * cols));
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
  for (let i = 0; i < out.length; i++) out[i] = (i < rows * cols ? c[i] : 0) - out[i];
  return out;
}

/** Columns n..m of Q (m x (m - n)): Q [0; I] = [0; I] - V T V[n:m]^T (no product needed for V^T C). */
export function qTail(qr: CompactQR): Float64Array {
  const { a, m, n } = qr;
  const cols = m - n;
  const out = correction(qr, transposed(blockAt(a, n, n, 0)), cols);
  for (let i = 0; i < out.length; i++) out[i] = -out[i];
  for (let i = 0; i < cols; i++) out[(n + i) * cols + i] += 1;
  return out;
}
