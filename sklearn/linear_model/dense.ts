// Dense float64 matrices as the linear models use them: a row-major Float64Array with its shape.
// The solvers are plain loops over these buffers, and the only idea here is the layout: entry (i, j)
// of an r x c matrix lives at data[i * c + j], so a row is a contiguous slice. The large products
// (XᵀX, Xᵀy, XXᵀ) go to np.matmul, whose cache-blocked kernel plays the part BLAS plays for scikit-learn.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';

export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

export function matrix(rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Matrix {
  return { data, rows, cols };
}

/** A CPU float64 2-D NDArray (or a 1-D one, seen as a column) as a Matrix over a copy of its data. */
export function fromNDArray(a: NDArray): Matrix {
  const data = a.dataSync() as Float64Array; // always a fresh copy in C order
  return a.ndim === 1 ? matrix(a.shape[0], 1, data) : matrix(a.shape[0], a.shape[1], data);
}

/** The Matrix as an NDArray of the given shape (its own shape by default). */
export function toNDArray(m: Matrix, shape: number[] = [m.rows, m.cols]): NDArray {
  return np.NDArray.fromTyped(m.data, shape, 'float64');
}

export function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  }
  return out;
}

/** op(A) op(B) by np.matmul (cache-blocked), where op transposes when asked; the transposes are views. */
function product(a: Matrix, ta: boolean, b: Matrix, tb: boolean): Matrix {
  const A = ta ? toNDArray(a).T : toNDArray(a), B = tb ? toNDArray(b).T : toNDArray(b);
  const C = np.matmul(A, B);
  return matrix(C.shape[0], C.shape[1], C.dataSync() as Float64Array);
}

/** Aᵀ B for A (k x m) and B (k x n). A few columns in B (Xᵀy) take a direct pass over the rows of A. */
export function matmulTN(a: Matrix, b: Matrix): Matrix {
  if (b.cols > 4) return product(a, true, b, false);
  const m = a.cols, n = b.cols, out = matrix(m, n);
  for (let r = 0; r < a.rows; r++) {
    for (let j = 0; j < n; j++) {
      const brj = b.data[r * n + j];
      for (let i = 0, off = r * m; i < m; i++) out.data[i * n + j] += a.data[off + i] * brj;
    }
  }
  return out;
}

/** A Bᵀ for A (m x k) and B (n x k). */
export function matmulNT(a: Matrix, b: Matrix): Matrix {
  return product(a, false, b, true);
}

/** Rows of X per pass of the Gram kernel: a block small enough to stay in cache while every tile
 *  of XᵀX sweeps over it. */
const GRAM_ROWS = 128;

/** XᵀX, the Gram matrix of the columns: G_ab = Σ_r x_ra x_rb. It is symmetric, so only the 4 x 4
 *  tiles on and above the diagonal are computed (about half the work of a general product, and no
 *  copy of X), block of rows by block of rows, then mirrored below. Ridge's time is mostly here. */
export function gram(x: Matrix): Matrix {
  const { data, rows: n, cols: p } = x;
  const g = matrix(p, p);
  for (let r0 = 0; r0 < n; r0 += GRAM_ROWS) {
    const r1 = Math.min(n, r0 + GRAM_ROWS);
    for (let a = 0; a < p; a += 4) {
      for (let b = a; b < p; b += 4) {
        if (b + 4 <= p) gramTile(data, p, r0, r1, a, b, g.data);
        else if (a + 4 <= p) for (let j = b; j < p; j++) gramColumn(data, p, r0, r1, a, j, g.data);
        else gramCorner(data, p, r0, r1, a, g.data);
      }
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) g.data[a * p + b] = g.data[b * p + a];
  return g;
}

/** G[a..a+4, b..b+4] += Σ_{r0 <= r < r1} x_r[a..a+4]ᵀ x_r[b..b+4]: sixteen running sums in registers,
 *  eight loads per row. */
function gramTile(x: Float64Array, p: number, r0: number, r1: number, a: number, b: number, g: Float64Array): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let r = r0, ia = r0 * p + a, ib = r0 * p + b; r < r1; r++, ia += p, ib += p) {
    const a0 = x[ia], a1 = x[ia + 1], a2 = x[ia + 2], a3 = x[ia + 3];
    const b0 = x[ib], b1 = x[ib + 1], b2 = x[ib + 2], b3 = x[ib + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  let o = a * p + b;
  g[o] += c00; g[o + 1] += c01; g[o + 2] += c02; g[o + 3] += c03; o += p;
  g[o] += c10; g[o + 1] += c11; g[o + 2] += c12; g[o + 3] += c13; o += p;
  g[o] += c20; g[o + 1] += c21; g[o + 2] += c22; g[o + 3] += c23; o += p;
  g[o] += c30; g[o + 1] += c31; g[o + 2] += c32; g[o + 3] += c33;
}

/** G[a..a+4, j] += Σ_r x_r[a..a+4] x_rj: a column of a tile cut by the last column of X. */
function gramColumn(x: Float64Array, p: number, r0: number, r1: number, a: number, j: number, g: Float64Array): void {
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  for (let r = r0, o = r0 * p; r < r1; r++, o += p) {
    const v = x[o + j];
    c0 += x[o + a] * v; c1 += x[o + a + 1] * v; c2 += x[o + a + 2] * v; c3 += x[o + a + 3] * v;
  }
  g[a * p + j] += c0; g[(a + 1) * p + j] += c1; g[(a + 2) * p + j] += c2; g[(a + 3) * p + j] += c3;
}

/** The upper part of the last diagonal tile when fewer than 4 columns are left, one sum at a time. */
function gramCorner(x: Float64Array, p: number, r0: number, r1: number, a: number, g: Float64Array): void {
  for (let i = a; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let r = r0, o = r0 * p; r < r1; r++, o += p) s += x[o + i] * x[o + j];
      g[i * p + j] += s;
    }
  }
}

/** y = A x. */
export function matvec(a: Matrix, x: Float64Array): Float64Array {
  const y = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) y[i] = dotRows(a.data, i * a.cols, x, 0, a.cols);
  return y;
}

/** y = Aᵀ u, accumulated row by row. */
export function rmatvec(a: Matrix, u: Float64Array): Float64Array {
  const y = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) {
    const ui = u[i], off = i * a.cols;
    for (let j = 0; j < a.cols; j++) y[j] += a.data[off + j] * ui;
  }
  return y;
}

/** x . y over n entries starting at offsets xi and yi. */
export function dotRows(x: Float64Array, xi: number, y: Float64Array, yi: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += x[xi + k] * y[yi + k];
  return s;
}

/** max_i ||x_i||², the largest squared row norm (it sets SAG's step size). */
export function maxSquaredRowNorm(X: Matrix): number {
  let best = 0;
  for (let i = 0; i < X.rows; i++) best = Math.max(best, dotRows(X.data, i * X.cols, X.data, i * X.cols, X.cols));
  return best;
}

/** Column j of a matrix as a new vector. */
export function column(a: Matrix, j: number): Float64Array {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = a.data[i * a.cols + j];
  return out;
}

/** a[i][j] += alpha for every diagonal entry of a square matrix. */
export function addDiagonal(a: Matrix, alpha: number): void {
  for (let i = 0; i < a.rows; i++) a.data[i * a.cols + i] += alpha;
}

/** Euclidean norm sqrt(x . x), as NumPy's norm of a vector. */
export function norm(x: Float64Array): number {
  return Math.sqrt(dotRows(x, 0, x, 0, x.length));
}
