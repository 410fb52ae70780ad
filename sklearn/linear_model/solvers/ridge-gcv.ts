// Efficient leave-one-out cross-validation for ridge (scikit-learn's _RidgeGCV), the default of
// RidgeClassifierCV. With G = XXᵀ + αI and dual coefficients c = G⁻¹y, the residual of sample i when
// the model is refitted without it is exactly c_i / (G⁻¹)_ii. So one decomposition of X serves every α:
//   'svd'   (n > p): X = U S Vᵀ, G⁻¹ = U diag(1/(s² + α) - 1/α) Uᵀ + I/α
//   'eigen' (n <= p): XXᵀ = Q diag(λ) Qᵀ,  G⁻¹ = Q diag(1/(λ + α)) Qᵀ
// and the α with the smallest mean squared LOO residual wins (the first one on ties). The intercept is
// emulated by a column of sqrt(sample weights) whose direction is left unpenalised.
import * as np from '../../../ndarray/index.ts';
import { type Matrix, matrix, fromNDArray, matmulTN, matmulNT, toNDArray, norm } from './dense.ts';

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
  /** Dual coefficients c of the best α: (samples x targets). */
  dual: Matrix;
  /** Squared LOO errors (or LOO predictions when scoring), (samples * targets) x alphas, row-major. */
  cvValues: Float64Array | null;
}

/** An orthonormal basis (columns of `basis`) and the matching spectrum, plus basisᵀ y. */
interface Decomposition {
  basis: Matrix;
  spectrum: Float64Array;
  basisTy: Matrix;
  mode: 'svd' | 'eigen';
}

/** The column of `basis` most aligned with the unit vector q (scikit-learn's _find_smallest_angle). */
function smallestAngle(q: Float64Array, basis: Matrix): number {
  let best = 0, bestCos = -1;
  for (let j = 0; j < basis.cols; j++) {
    let cos = 0;
    for (let i = 0; i < basis.rows; i++) cos += q[i] * basis.data[i * basis.cols + j];
    if (Math.abs(cos) > bestCos) [best, bestCos] = [j, Math.abs(cos)];
  }
  return best;
}

function decompose(X: Matrix, Y: Matrix, sqrtSw: Float64Array, fitIntercept: boolean): Decomposition {
  const n = X.rows, p = X.cols;
  if (n > p) {
    // SVD of X, with the sqrt(sw) column appended when fitting an intercept.
    const cols = p + Number(fitIntercept);
    const Xa = matrix(n, cols);
    for (let i = 0; i < n; i++) {
      Xa.data.set(X.data.subarray(i * p, (i + 1) * p), i * cols);
      if (fitIntercept) Xa.data[i * cols + p] = sqrtSw[i];
    }
    const { U, S } = np.linalg.svd(toNDArray(Xa), { fullMatrices: false });
    const u = fromNDArray(U);
    return { basis: u, spectrum: (S.dataSync() as Float64Array).map((s) => s * s), basisTy: matmulTN(u, Y), mode: 'svd' };
  }
  // Eigendecomposition of the Gram matrix XXᵀ (+ sqrt(sw) sqrt(sw)ᵀ for the intercept).
  const K = matmulNT(X, X);
  if (fitIntercept) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K.data[i * n + j] += sqrtSw[i] * sqrtSw[j];
  }
  const { eigenvalues, eigenvectors } = np.linalg.eigh(toNDArray(K));
  const q = fromNDArray(eigenvectors);
  return { basis: q, spectrum: eigenvalues.dataSync() as Float64Array, basisTy: matmulTN(q, Y), mode: 'eigen' };
}

/** c = G⁻¹y and diag(G⁻¹) for one α, from the decomposition. */
function solveForAlpha(d: Decomposition, Y: Matrix, alpha: number, interceptDim: number): { c: Matrix; gDiag: Float64Array } {
  const { basis, spectrum, basisTy } = d;
  const w = d.mode === 'svd'
    ? spectrum.map((s2) => 1 / (s2 + alpha) - 1 / alpha)
    : spectrum.map((lambda) => 1 / (lambda + alpha));
  if (interceptDim >= 0) w[interceptDim] = d.mode === 'svd' ? -1 / alpha : 0;
  const n = basis.rows, k = basis.cols, t = Y.cols;
  // c = basis (w ∘ basisᵀy) (+ y/α for 'svd'); diag(G⁻¹)_i = Σ_j w_j basis_ij² (+ 1/α).
  const wBty = matrix(k, t);
  for (let j = 0; j < k; j++) for (let col = 0; col < t; col++) wBty.data[j * t + col] = w[j] * basisTy.data[j * t + col];
  const c = matrix(n, t), gDiag = new Float64Array(n);
  const base = d.mode === 'svd' ? 1 / alpha : 0;
  for (let i = 0; i < n; i++) {
    let g = 0;
    for (let j = 0; j < k; j++) {
      const qij = basis.data[i * k + j];
      g += w[j] * (qij * qij);
      for (let col = 0; col < t; col++) c.data[i * t + col] += qij * wBty.data[j * t + col];
    }
    gDiag[i] = g + base;
    for (let col = 0; col < t; col++) c.data[i * t + col] += base * Y.data[i * t + col];
  }
  return { c, gDiag };
}

function argmaxRow(a: Float64Array, i: number, t: number): number {
  let best = 0;
  for (let k = 1; k < t; k++) if (a[i * t + k] > a[i * t + best]) best = k;
  return best;
}

/** Leave-one-out search over α for (centred, sqrt(sw)-scaled) X and Y. */
export function ridgeGcv(X: Matrix, Y: Matrix, sqrtSw: Float64Array, options: GcvOptions): GcvResult {
  const d = decompose(X, Y, sqrtSw, options.fitIntercept);
  const n = Y.rows, t = Y.cols, nAlphas = options.alphas.length;
  const interceptDim = options.fitIntercept ? smallestAngle(sqrtSw.map((s) => s / norm(sqrtSw)), d.basis) : -1;
  const cvValues = options.storeCvValues ? new Float64Array(n * t * nAlphas) : null;
  let best: GcvResult = { alpha: NaN, bestScore: -Infinity, dual: matrix(n, t), cvValues };
  options.alphas.forEach((alpha, a) => {
    const { c, gDiag } = solveForAlpha(d, Y, alpha, interceptDim);
    // LOO residual of sample i, target j: c_ij / (G⁻¹)_ii.
    const values = new Float64Array(n * t);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < t; j++) {
        const r = c.data[i * t + j] / gDiag[i];
        values[i * t + j] = options.scoring ? Y.data[i * t + j] - r : r * r;
      }
    }
    let score: number;
    if (options.scoring) {
      let hits = 0;
      for (let i = 0; i < n; i++) if (argmaxRow(values, i, t) === argmaxRow(Y.data, i, t)) hits++;
      score = hits / n;
    } else {
      score = -values.reduce((s, v) => s + v, 0) / values.length;
    }
    if (cvValues) values.forEach((v, r) => { cvValues[r * nAlphas + a] = v; });
    if (a === 0 || score > best.bestScore) best = { alpha, bestScore: score, dual: c, cvValues };
  });
  return best;
}
