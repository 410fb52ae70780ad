// Dense float64 matrices as the linear models use them: a row-major Float64Array with its shape.
// The solvers are plain loops over these buffers, and the only idea here is the layout: entry (i, j)
// of an r x c matrix lives at data[i * c + j], so a row is a contiguous slice. The large products
// (XXᵀ, UᵀY) go to np.matmul, whose cache-blocked kernel plays the part BLAS plays for scikit-learn.
import * as np from '../../../ndarray/index.ts';
import type { NDArray } from '../../../ndarray/index.ts';
import { valuesOf } from '../../validation.ts';

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

/** A CPU float64 2-D NDArray (or a 1-D one, seen as a column) as a Matrix over its own buffer when
 *  it is C-contiguous: no copy, so the Matrix must only be read. */
export function viewOf(a: NDArray): Matrix {
  const data = valuesOf(a);
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
