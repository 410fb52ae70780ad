// The products the linear models take with their targets, and the vector products of the iterative
// solvers. np.matmul sums a matrix-vector product in index order (a dot product per entry, or one row
// vector times a matrix, accumulated row after row), while a matrix-matrix product is cache-blocked
// and sums in blocks. So the products with the targets (XᵀY, the scores X Wᵀ) are taken a column at
// a time, as matrix-vector products: each target's numbers are then those of fitting or scoring it
// alone, and XᵀY is one pass down the rows of X (crossprod leaves five targets or more to the
// blocked product).
import * as np from '../../../ndarray/index.ts';
import type { NDArray } from '../../../ndarray/index.ts';

/** Above this many columns in B, crossprod takes np.matmul's blocked product. */
const FEW_COLUMNS = 4;

/** [f(0) f(1) ...] side by side: column j of the result is the vector f(j). */
function byColumn(count: number, f: (j: number) => NDArray): NDArray {
  return np.stack(Array.from({ length: count }, (_, j) => f(j)), { axis: 1 });
}

/** Aᵀ B for A (k, m) and B (k, n). With a few columns in B (Xᵀy), column j is the row vector
 *  B[:, j]ᵀ A, summed over the rows of A in order; a wider B goes to np.matmul(A.T, B). */
export function crossprod(A: NDArray, B: NDArray): NDArray {
  if (B.shape[1] > FEW_COLUMNS) return np.matmul(A.T, B);
  return byColumn(B.shape[1], (j) => np.matmul(B.get(np.slice(), j), A));
}

/** A B one column of B at a time (B has one column per target): entry (i, j) is the dot product of
 *  row i of A with column j of B, summed in order. */
export function matmulByColumn(A: NDArray, B: NDArray): NDArray {
  return byColumn(B.shape[1], (j) => np.matmul(A, B.get(np.slice(), j)));
}

/** A v for A (m, n) and v (n,), as a vector. */
export function matvec(A: NDArray, v: Float64Array): Float64Array {
  return np.asTypedArray(np.matmul(A, v)) as Float64Array;
}

/** Aᵀ u for A (m, n) and u (m,), as a vector: uᵀA, accumulated over the rows of A in order. */
export function rmatvec(A: NDArray, u: Float64Array): Float64Array {
  return np.asTypedArray(np.matmul(u, A)) as Float64Array;
}

/** x · y, summed in order. */
export function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] * y[k];
  return s;
}

/** Euclidean norm sqrt(x · x), as NumPy's norm of a vector. */
export function norm(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}
