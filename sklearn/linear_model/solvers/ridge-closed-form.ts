// Ridge's exact solvers: setting the gradient of ||y - Xw||² + α||w||² to zero gives
//   primal   (XᵀX + αI) w = Xᵀy                     (p x p system, for n_samples >= n_features)
//   dual     (XXᵀ + αI) a = y,   w = Xᵀa            (n x n system, cheaper when p > n)
//   SVD      X = U S Vᵀ  =>  w = V diag(s / (s² + α)) Uᵀ y
// The systems are symmetric positive definite for α > 0, so Cholesky solves them; the SVD form
// also copes with α = 0 and rank-deficient X (singular values <= 1e-15 count as zero).
import * as np from '../../../ndarray/index.ts';
import type { NDArray } from '../../../ndarray/index.ts';
import { LinAlgError } from '../../../ndarray/index.ts';
import { crossprod } from './products.ts';

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
 *  are equal). Returns the x_t as columns, or null when a system is not positive definite. */
function solveShifted(A: NDArray, B: NDArray, alpha: Float64Array): NDArray | null {
  if (sameAlpha(alpha)) return choleskySolve(shifted(A, alpha[0]), B);
  const columns: NDArray[] = [];
  for (let c = 0; c < B.shape[1]; c++) {
    const x = choleskySolve(shifted(A, alpha[c]), B.get(np.slice(), np.slice(c, c + 1)));
    if (!x) return null;
    columns.push(x);
  }
  return np.concatenate(columns, { axis: 1 });
}

/** The primal normal equations (X̃ᵀX̃ + αI) w = X̃ᵀỸ, scikit-learn's _solve_cholesky, for the centred
 *  and weighted X̃ = diag(√s)(X - 1 x̄ᵀ) and Ỹ = diag(√s)(Y - 1 ȳᵀ). np.linalg.gram forms X̃ᵀX̃ and X̃ᵀỸ
 *  in one pass over X, as blocks of the Gram matrix of [X̃ Ỹ], without forming X̃ (a 40 MB copy for
 *  100,000 x 50). Returns coef (targets, features), or null if not positive definite. */
export function solveCholesky(X: NDArray, Y: NDArray, xOffset: NDArray, yOffset: NDArray, sampleWeight: Float64Array | null, alpha: Float64Array): NDArray | null {
  const p = X.shape[1];
  const G = np.linalg.gram([X, Y], {
    center: np.concatenate([xOffset, yOffset]),
    rowScale: sampleWeight ? np.sqrt(sampleWeight) : undefined,
  });
  const XtX = G.get(np.slice(0, p), np.slice(0, p)), XtY = G.get(np.slice(0, p), np.slice(p, null));
  const w = solveShifted(XtX, XtY, alpha);
  return w && w.T.copy();
}

/** Dual (kernel) form for wide X: (XXᵀ + αI) a = y, then w = Xᵀa. Null if not PD. When one α is
 *  shared and the system is singular, scikit-learn falls back to least squares; so do we. */
export function solveCholeskyKernel(X: NDArray, Y: NDArray, alpha: Float64Array): NDArray | null {
  const K = np.matmul(X, X.T);
  let dual = solveShifted(K, Y, alpha);
  if (!dual && sameAlpha(alpha)) dual = np.linalg.lstsq(shifted(K, alpha[0]), Y, { rcond: -1 }).x;
  // w_t = Xᵀ a_t for each target: coef = (Xᵀ dual)ᵀ = dualᵀ X, (targets, n)(n, p).
  return dual && crossprod(dual, X);
}

/** w = V diag(s / (s² + α)) Uᵀ y from the thin SVD, singular values <= 1e-15 dropped; one target
 *  (and its α) at a time, as scikit-learn's _solve_svd does for one α per target. */
export function solveSvd(X: NDArray, Y: NDArray, alpha: Float64Array): NDArray {
  const { U, S, Vh } = np.linalg.svd(X, { fullMatrices: false });
  const UtY = crossprod(U, Y); // (k, targets)
  const kept = np.greater(S, 1e-15);
  const rows = Array.from({ length: Y.shape[1] }, (_, t) => {
    const a = alpha.length === 1 ? alpha[0] : alpha[t];
    const d = np.where(kept, np.divide(S, np.add(np.multiply(S, S), a)), 0);
    return np.matmul(np.multiply(d, UtY.get(np.slice(), t)), Vh);
  });
  return np.stack(rows);
}
