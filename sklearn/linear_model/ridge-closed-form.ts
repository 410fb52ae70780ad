// Ridge's exact solvers: setting the gradient of ||y - Xw||² + α||w||² to zero gives
//   primal   (XᵀX + αI) w = Xᵀy                     (p x p system, for n_samples >= n_features)
//   dual     (XXᵀ + αI) a = y,   w = Xᵀa            (n x n system, cheaper when p > n)
//   SVD      X = U S Vᵀ  =>  w = V diag(s / (s² + α)) Uᵀ y
// The systems are symmetric positive definite for α > 0, so Cholesky solves them; the SVD form
// also copes with α = 0 and rank-deficient X (singular values <= 1e-15 count as zero).
import * as np from '../../ndarray/index.ts';
import { LinAlgError } from '../../ndarray/errors.ts';
import { type Matrix, matrix, matmulTN, matmulNT, addDiagonal, column, transpose, toNDArray, fromNDArray } from './dense.ts';
import type { NormalEquations } from './normal-equations.ts';

/** Solves A X = B for symmetric positive definite A via A = L Lᵀ; null if A is not positive definite. */
export function choleskySolve(a: Matrix, b: Matrix): Matrix | null {
  let l: Float64Array;
  try {
    l = np.linalg.cholesky(toNDArray(a)).dataSync() as Float64Array;
  } catch (e) {
    if (e instanceof LinAlgError) return null;
    throw e;
  }
  const n = a.rows, k = b.cols;
  const x = matrix(n, k, b.data.slice());
  // Forward substitution L z = b, then back substitution Lᵀ x = z, all right-hand sides at once.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const lij = l[i * n + j];
      for (let c = 0; c < k; c++) x.data[i * k + c] -= lij * x.data[j * k + c];
    }
    for (let c = 0; c < k; c++) x.data[i * k + c] /= l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const lji = l[j * n + i];
      for (let c = 0; c < k; c++) x.data[i * k + c] -= lji * x.data[j * k + c];
    }
    for (let c = 0; c < k; c++) x.data[i * k + c] /= l[i * n + i];
  }
  return x;
}

function sameAlpha(alpha: Float64Array): boolean {
  return alpha.every((a) => a === alpha[0]);
}

/** Solves (A + α_t I) x_t = b_t for every target t (one factorisation when all α are equal). Returns
 *  x as (targets x n), or null when a system is not positive definite. */
function solveShifted(a: Matrix, b: Matrix, alpha: Float64Array): Matrix | null {
  const n = a.rows, t = b.cols;
  if (sameAlpha(alpha)) {
    const shifted = matrix(n, n, a.data.slice());
    addDiagonal(shifted, alpha[0]);
    const x = choleskySolve(shifted, b);
    return x && transpose(x);
  }
  const out = matrix(t, n);
  for (let c = 0; c < t; c++) {
    const shifted = matrix(n, n, a.data.slice());
    addDiagonal(shifted, alpha[c]);
    const x = choleskySolve(shifted, matrix(n, 1, column(b, c)));
    if (!x) return null;
    out.data.set(x.data, c * n);
  }
  return out;
}

/** Primal normal equations (XᵀX + αI) w = Xᵀy, given XᵀX and XᵀY (normal-equations.ts): coef
 *  (targets x features), or null if not PD. */
export function solveCholesky(ne: NormalEquations, alpha: Float64Array): Matrix | null {
  return solveShifted(ne.gram, ne.cross, alpha);
}

/** Dual (kernel) form for wide X: (XXᵀ + αI) a = y, then w = Xᵀa. Null if not PD. When one α is
 *  shared and the system is singular, scikit-learn falls back to least squares; so do we. */
export function solveCholeskyKernel(X: Matrix, Y: Matrix, alpha: Float64Array): Matrix | null {
  const K = matmulNT(X, X);
  let dual = solveShifted(K, Y, alpha);
  if (!dual && sameAlpha(alpha)) {
    addDiagonal(K, alpha[0]);
    dual = transpose(fromNDArray(np.linalg.lstsq(toNDArray(K), toNDArray(Y), { rcond: -1 }).x));
  }
  // w_t = Xᵀ a_t for each target: coef = dual X, (targets x n)(n x p).
  return dual && matmulTN(transpose(dual), X);
}

/** w = V diag(s / (s² + α)) Uᵀ y from the thin SVD, singular values <= 1e-15 dropped. */
export function solveSvd(X: Matrix, Y: Matrix, alpha: Float64Array): Matrix {
  const { U, S, Vh } = np.linalg.svd(toNDArray(X), { fullMatrices: false });
  const u = fromNDArray(U), s = S.dataSync() as Float64Array, vh = fromNDArray(Vh);
  const uty = matmulTN(u, Y); // (k x t)
  const k = s.length, t = Y.cols, p = X.cols;
  const coef = matrix(t, p);
  for (let c = 0; c < t; c++) {
    const a = alpha.length === 1 ? alpha[0] : alpha[c];
    for (let i = 0; i < k; i++) {
      if (!(s[i] > 1e-15)) continue;
      const d = (s[i] / (s[i] * s[i] + a)) * uty.data[i * t + c];
      for (let j = 0; j < p; j++) coef.data[c * p + j] += vh.data[i * p + j] * d;
    }
  }
  return coef;
}
