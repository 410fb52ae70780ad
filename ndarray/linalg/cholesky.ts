// Cholesky factorisation: a symmetric positive definite A is L L^T with L lower triangular.
// Equating entries of A = L L^T row by row (Cholesky-Banachiewicz) gives
//   l_ij = (a_ij - sum_{k<j} l_ik l_jk) / l_jj   (j < i),   l_ii = sqrt(a_ii - sum_{k<i} l_ik^2).
// The one thing to understand: the number under the square root is positive exactly when A is
// positive definite, so the factorisation is also the cheapest test for it. Only A's lower triangle
// is read (as LAPACK's dpotrf with UPLO='L', which NumPy calls).
import type { ArrayLike, NDArray } from '../ndarray.ts';
import { LinAlgError } from '../errors.ts';
import { readStack, wrap, matrixAt } from './stack.ts';
import { dot } from './blas.ts';

/** Writes L (zeros above the diagonal) into `l` for the n x n matrix `a`; false if A is not
 *  positive definite (a pivot <= 0 or NaN). The sums are dot products of two rows of L. */
export function choleskyFactor(a: Float64Array, n: number, l: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      const s = a[ri + j] - dot(l, ri, l, rj, j);
      if (i === j) {
        if (!(s > 0)) return false;
        l[ri + i] = Math.sqrt(s);
      } else {
        l[ri + j] = s / l[rj + j];
      }
    }
  }
  return true;
}

/** np.linalg.cholesky(a): the lower factor L of each matrix of a stack (..., M, M). */
export function cholesky(a: ArrayLike): NDArray {
  const A = readStack(a, 'cholesky', true);
  const n = A.rows, size = n * n;
  const out = new Float64Array(A.count * size);
  for (let m = 0; m < A.count; m++) {
    if (!choleskyFactor(matrixAt(A.data, m, size), n, matrixAt(out, m, size))) {
      throw new LinAlgError('Matrix is not positive definite');
    }
  }
  return wrap(out, A.shape, A.dtype);
}
