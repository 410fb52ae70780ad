// Efficient leave-one-out cross-validation for ridge (scikit-learn's _RidgeGCV), the default of
// RidgeClassifierCV. With G = XXᵀ + αI and dual coefficients c = G⁻¹y, the residual of sample i when
// the model is refitted without it is exactly c_i / (G⁻¹)_ii. So one decomposition of X serves every α:
//   'svd'   (n > p): X = U S Vᵀ, G⁻¹ = U diag(1/(s² + α) - 1/α) Uᵀ + I/α
//   'eigen' (n <= p): XXᵀ = Q diag(λ) Qᵀ,  G⁻¹ = Q diag(1/(λ + α)) Qᵀ
// and the α with the smallest mean squared LOO residual wins (the first one on ties). The intercept is
// emulated by a column of sqrt(sample weights) whose direction is left unpenalised.
import * as np from '../../../ndarray/index.ts';
import type { NDArray } from '../../../ndarray/index.ts';
import { crossprod, matmulByColumn, norm } from './products.ts';

export interface GcvOptions {
  alphas: number[];
  fitIntercept: boolean;
  /** null: mean squared LOO error; 'accuracy': argmax of the LOO predictions against argmax of y. */
  scoring: 'accuracy' | null;
  storeCvValues: boolean;
}

export interface GcvResult {
  alpha: number;
  bestScore: number;
  /** Dual coefficients c of the best α: (samples, targets). */
  dual: NDArray;
  /** Squared LOO errors (or LOO predictions when scoring), (samples, targets, alphas). */
  cvValues: NDArray | null;
}

/** An orthonormal basis (columns of `basis`) and the matching spectrum, plus basisᵀ y. */
interface Decomposition {
  basis: NDArray;
  spectrum: NDArray;
  basisTy: NDArray;
  mode: 'svd' | 'eigen';
}

/** The column of `basis` most aligned with the unit vector q (scikit-learn's _find_smallest_angle). */
function smallestAngle(q: NDArray, basis: NDArray): number {
  return np.argmax(np.abs(np.matmul(q, basis))).itemSync();
}

function decompose(X: NDArray, Y: NDArray, sqrtSw: NDArray, fitIntercept: boolean): Decomposition {
  const [n, p] = X.shape;
  if (n > p) {
    // SVD of X, with the sqrt(sw) column appended when fitting an intercept.
    const Xa = fitIntercept ? np.hstack([X, sqrtSw.reshape([-1, 1])]) : X;
    const { U, S } = np.linalg.svd(Xa, { fullMatrices: false });
    return { basis: U, spectrum: np.square(S), basisTy: crossprod(U, Y), mode: 'svd' };
  }
  // Eigendecomposition of the Gram matrix XXᵀ (+ sqrt(sw) sqrt(sw)ᵀ for the intercept).
  const XXt = np.matmul(X, X.T);
  const K = fitIntercept ? np.add(XXt, np.outer(sqrtSw, sqrtSw)) : XXt;
  const { eigenvalues, eigenvectors } = np.linalg.eigh(K);
  return { basis: eigenvectors, spectrum: eigenvalues, basisTy: crossprod(eigenvectors, Y), mode: 'eigen' };
}

/** c = G⁻¹y and diag(G⁻¹) for one α, from the decomposition (basisSq holds the squared entries of
 *  the basis). */
function solveForAlpha(d: Decomposition, basisSq: NDArray, Y: NDArray, alpha: number, interceptDim: number): { c: NDArray; gDiag: NDArray } {
  const { basis, spectrum, basisTy } = d;
  const w = d.mode === 'svd'
    ? np.subtract(np.divide(1, np.add(spectrum, alpha)), 1 / alpha)
    : np.divide(1, np.add(spectrum, alpha));
  if (interceptDim >= 0) w.set(interceptDim, d.mode === 'svd' ? -1 / alpha : 0);
  // c = basis (w ∘ basisᵀy) (+ y/α for 'svd'); diag(G⁻¹)_i = Σ_j w_j basis_ij² (+ 1/α).
  const base = d.mode === 'svd' ? 1 / alpha : 0;
  const wBty = np.multiply(w.reshape([-1, 1]), basisTy);
  const c = np.add(matmulByColumn(basis, wBty), np.multiply(base, Y));
  const gDiag = np.add(np.matmul(basisSq, w), base);
  return { c, gDiag };
}

/** The score of the LOO values v: with scoring, the accuracy of the predictions v (the argmax of each
 *  row against the true class); else minus the mean of the squared errors v, summed in order. */
function looScore(v: NDArray, trueClass: NDArray, scoring: 'accuracy' | null): number {
  if (scoring) return np.mean(np.equal(np.argmax(v, { axis: 1 }), trueClass)).itemSync();
  return -(np.asTypedArray(v) as Float64Array).reduce((s, e) => s + e, 0) / v.size;
}

/** Leave-one-out search over α for (centred, sqrt(sw)-scaled) X and Y. */
export function ridgeGcv(X: NDArray, Y: NDArray, sqrtSw: NDArray, options: GcvOptions): GcvResult {
  const d = decompose(X, Y, sqrtSw, options.fitIntercept);
  const basisSq = np.square(d.basis);
  const q = np.divide(sqrtSw, norm(np.asTypedArray(sqrtSw) as Float64Array));
  const interceptDim = options.fitIntercept ? smallestAngle(q, d.basis) : -1;
  const trueClass = np.argmax(Y, { axis: 1 });
  const values: NDArray[] = [];
  let best: GcvResult = { alpha: NaN, bestScore: -Infinity, dual: np.zeros(Y.shape), cvValues: null };
  options.alphas.forEach((alpha, a) => {
    const { c, gDiag } = solveForAlpha(d, basisSq, Y, alpha, interceptDim);
    // LOO residual of sample i, target j: c_ij / (G⁻¹)_ii; the values are the LOO predictions
    // y - r when scoring, else the squared residuals.
    const r = np.divide(c, gDiag.reshape([-1, 1]));
    const v = options.scoring ? np.subtract(Y, r) : np.square(r);
    const score = looScore(v, trueClass, options.scoring);
    if (options.storeCvValues) values.push(v);
    if (a === 0 || score > best.bestScore) best = { alpha, bestScore: score, dual: c, cvValues: null };
  });
  return { ...best, cvValues: options.storeCvValues ? np.stack(values, { axis: 2 }) : null };
}
