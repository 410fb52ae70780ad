// Ridge's exact solvers: setting the gradient of ||y - Xw||² + α||w||² to zero gives
//   primal   (XᵀX + αI) w = Xᵀy                     (p x p system, for n_samples >= n_features)
//   dual     (XXᵀ + αI) a = y,   w = Xᵀa            (n x n system, cheaper when p > n)
//   SVD      X = U S Vᵀ  =>  w = V diag(s / (s² + α)) Uᵀ y
// The systems are symmetric positive definite for α > 0, so Cholesky solves them; the SVD form
// also copes with α = 0 and rank-deficient X (singular values <= 1e-15 count as zero).
import * as np from '../../../ndarray/index.ts';
import type { NDArray } from '../../../ndarray/index.ts';
import { LinAlgError } from '../../../ndarray/index.ts';
import { type Matrix, matrix, matmulTN, matmulNT, transpose, toNDArray, fromNDArray } from './dense.ts';

/** Solves A X = B for symmetric positive definite A (SciPy's cho_factor + cho_solve): A = L Lᵀ, then
 *  L Z = B and Lᵀ X = Z by substitution. Null if A is not positive definite. */
export function choleskySolve(A: NDArray, B: NDArray): NDArray | null {
  let L: NDArray;
  try {
    L = np.linalg.cholesky(A);
  } catch (e) {
    if (e instanceof LinAlgError) return null;
    throw e;
  }
  const Z = np.linalg.solveTriangular(L, B, { lower: true });
  return np.linalg.solveTriangular(L, Z, { lower: true, trans: 'T' });
}

function sameAlpha(alpha: Float64Array): boolean {
  return alpha.every((a) => a === alpha[0]);
}

/** A + αI. */
const shifted = (A: NDArray, alpha: number): NDArray => np.add(A, np.multiply(alpha, np.eye(A.shape[0])));

/** Solves (A + α_t I) x_t = b_t for every target t, the columns of B (one factorisation when all α
 *  are equal). Returns x as (targets x n), or null when a system is not positive definite. */
function solveShifted(A: NDArray, B: NDArray, alpha: Float64Array): Matrix | null {
  if (sameAlpha(alpha)) {
    const x = choleskySolve(shifted(A, alpha[0]), B);
    return x && fromNDArray(x.T);
  }
  const columns: NDArray[] = [];
  for (let c = 0; c < B.shape[1]; c++) {
    const x = choleskySolve(shifted(A, alpha[c]), B.get(np.slice(), np.slice(c, c + 1)));
    if (!x) return null;
    columns.push(x.T);
  }
  return fromNDArray(np.concatenate(columns));
}

/** The primal normal equations (X̃ᵀX̃ + αI) w = X̃ᵀỸ, scikit-learn's _solve_cholesky, for the centred
 *  and weighted X̃ = diag(√s)(X - 1 x̄ᵀ) and Ỹ = diag(√s)(Y - 1 ȳᵀ). np.linalg.gram forms X̃ᵀX̃ and X̃ᵀỸ
 *  in one pass over X, as blocks of the Gram matrix of [X̃ Ỹ], without forming X̃ (a 40 MB copy for
 *  100,000 x 50). Returns coef (targets x features), or null if not positive definite. */
export function solveCholesky(X: Matrix, Y: Matrix, xOffset: Float64Array, yOffset: Float64Array, sampleWeight: Float64Array | null, alpha: Float64Array): Matrix | null {
  const p = X.cols, view = (m: Matrix) => np.NDArray.fromTyped(m.data, [m.rows, m.cols], 'float64', 'cpu', { copy: false });
  const G = np.linalg.gram([view(X), view(Y)], {
    center: np.concatenate([xOffset, yOffset]),
    rowScale: sampleWeight ? np.sqrt(sampleWeight) : undefined,
  });
  const XtX = G.get(np.slice(0, p), np.slice(0, p)), XtY = G.get(np.slice(0, p), np.slice(p, null));
  return solveShifted(XtX, XtY, alpha);
}

/** Dual (kernel) form for wide X: (XXᵀ + αI) a = y, then w = Xᵀa. Null if not PD. When one α is
 *  shared and the system is singular, scikit-learn falls back to least squares; so do we. */
export function solveCholeskyKernel(X: Matrix, Y: Matrix, alpha: Float64Array): Matrix | null {
  const K = toNDArray(matmulNT(X, X)), y = toNDArray(Y);
  let dual = solveShifted(K, y, alpha);
  if (!dual && sameAlpha(alpha)) dual = transpose(fromNDArray(np.linalg.lstsq(shifted(K, alpha[0]), y, { rcond: -1 }).x));
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
