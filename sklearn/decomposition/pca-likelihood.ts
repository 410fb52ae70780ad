// PCA as a probabilistic model (Tipping & Bishop's probabilistic PCA; scikit-learn's _BasePCA
// get_covariance, get_precision and PCA.score_samples). The data are modelled as Gaussian with
// covariance C = Wᵀ diag(λ - σ²) W + σ² I: the kept directions W carry their explained variances λ,
// every other direction the noise variance σ². The one thing to understand: C⁻¹ needs only a k x k
// inverse (the matrix inversion lemma), because C is σ² I plus a rank-k term.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';

export interface PCAModel {
  /** W (k, f) */
  components: NDArray;
  /** λ (k,) */
  variance: NDArray;
  /** σ² */
  noise: number;
  whiten: boolean;
  mean: NDArray;
}

/** W, and max(λ - σ², 0). With whitening the stored components are rescaled by √λ first, as
 *  scikit-learn does. */
function parts(m: PCAModel): { W: NDArray; diff: NDArray } {
  const W = m.whiten ? np.multiply(m.components, np.sqrt(m.variance).reshape(-1, 1)) : m.components;
  return { W, diff: np.maximum(np.subtract(m.variance, m.noise), 0) };
}

const plusDiagonal = (A: NDArray, d: NDArray | number): NDArray => np.add(A, np.multiply(np.eye(A.shape[0]), d));

export function pcaCovariance(m: PCAModel): NDArray {
  const { W, diff } = parts(m);
  return plusDiagonal(np.matmul(np.multiply(W.T, diff), W), m.noise);
}

/** C⁻¹ = I/σ² - Wᵀ (W Wᵀ/σ² + diag(1/(λ-σ²)))⁻¹ W / σ⁴. */
export function pcaPrecision(m: PCAModel): NDArray {
  const f = m.components.shape[1];
  if (m.components.shape[0] === 0) return np.divide(np.eye(f), m.noise);
  if (m.noise === 0) return np.linalg.inv(pcaCovariance(m));
  const { W, diff } = parts(m);
  const inner = plusDiagonal(np.divide(np.matmul(W, W.T), m.noise), np.divide(1, diff));
  const lemma = np.divide(np.matmul(W.T, np.matmul(np.linalg.inv(inner), W)), -(m.noise ** 2));
  return plusDiagonal(lemma, 1 / m.noise);
}

/** log N(x | mean, C) for each row of X: -½ (x-μ)ᵀ C⁻¹ (x-μ) - ½ (f log 2π - log det C⁻¹). */
export function pcaScoreSamples(m: PCAModel, X: NDArray): NDArray {
  const precision = pcaPrecision(m);
  const Xr = np.subtract(X, m.mean);
  const quadratic = np.sum(np.multiply(Xr, np.matmul(Xr, precision)), { axis: 1 });
  const { sign, logabsdet } = np.linalg.slogdet(precision);
  const logdet = sign.itemSync() > 0 ? logabsdet.itemSync() : -Infinity;
  return np.subtract(np.multiply(quadratic, -0.5), 0.5 * (X.shape[1] * Math.log(2 * Math.PI) - logdet));
}
