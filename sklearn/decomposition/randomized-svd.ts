// Randomized SVD (Halko, Martinsson & Tropp 2011; scikit-learn's randomized_svd), the truncated
// SVD PCA uses for large inputs. The idea: multiply M by a random Gaussian matrix Ω of k + p
// columns; the result spans (mostly) M's top-k left singular subspace. A few power iterations
// Y = (M Mᵀ)^q M Ω sharpen it (small singular directions shrink geometrically), an orthonormal
// basis Q of Y is taken, and the small matrix B = Qᵀ M is decomposed exactly: M ≈ (Q Û) S Vᵀ.
// Ω is drawn as scikit-learn draws it, so the same randomState gives the same approximation.
// Between power iterations scikit-learn re-normalises with LU or QR factors; both span the same
// subspace, and tessera uses an orthonormal QR basis for either (the result differs by rounding).
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/errors.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { svdFlip } from './svd-flip.ts';

export type PowerIterationNormalizer = 'auto' | 'QR' | 'LU' | 'none';

export interface RandomizedSvdOptions {
  /** Extra random directions beyond nComponents (default 10). */
  nOversamples?: number;
  /** Power iterations; 'auto' is 7 when nComponents < 0.1·min(M.shape), else 4. */
  nIter?: number | 'auto';
  powerIterationNormalizer?: PowerIterationNormalizer;
  /** Work on Mᵀ; 'auto' does when M has fewer rows than columns. */
  transpose?: boolean | 'auto';
  /** Apply svd_flip for deterministic signs (default true). */
  flipSign?: boolean;
  randomState?: RandomStateLike;
}

const orthonormalBasis = (Y: NDArray): NDArray => np.linalg.qr(Y).Q;

/** An orthonormal (m, ≤ size) basis approximating the range of A (m x n): QR of (A Aᵀ)^nIter A Ω. */
export function randomizedRangeFinder(A: NDArray, size: number, nIter: number, normalizer: PowerIterationNormalizer, randomState: RandomStateLike): NDArray {
  const rng = checkRandomState(randomState);
  let Q = rng.normal(0, 1, [A.shape[1], size]);
  const mode = normalizer === 'auto' ? (nIter <= 2 ? 'none' : 'LU') : normalizer;
  const At = A.T;
  for (let i = 0; i < nIter; i++) {
    if (mode === 'none') {
      Q = np.matmul(At, np.matmul(A, Q));
    } else {
      Q = orthonormalBasis(np.matmul(At, orthonormalBasis(np.matmul(A, Q))));
    }
  }
  return orthonormalBasis(np.matmul(A, Q));
}

/** sklearn.utils.extmath.randomized_svd: [U (m, k), S (k,), Vt (k, n)] approximating the top k
 *  singular triplets of M. */
export function randomizedSvd(M: np.ArrayLike, nComponents: number, options: RandomizedSvdOptions = {}): [NDArray, NDArray, NDArray] {
  let A = np.asarray(M, { dtype: 'float64' });
  if (A.ndim !== 2) throw new ValueError(`randomized_svd expects a 2-D matrix, got shape (${A.shape.join(', ')})`);
  const rng = checkRandomState(options.randomState);
  const nRandom = nComponents + (options.nOversamples ?? 10);
  const minDim = Math.min(...A.shape);
  const nIter = options.nIter === undefined || options.nIter === 'auto' ? (nComponents < 0.1 * minDim ? 7 : 4) : options.nIter;
  const transpose = options.transpose === undefined || options.transpose === 'auto' ? A.shape[0] < A.shape[1] : options.transpose;
  if (transpose) A = A.T;
  const Q = randomizedRangeFinder(A, nRandom, nIter, options.powerIterationNormalizer ?? 'auto', rng);
  // B = Qᵀ A is small: decompose it exactly, then lift its left vectors back with Q.
  const { U: Uhat, S, Vh } = np.linalg.svd(np.matmul(Q.T, A), { fullMatrices: false });
  let U = np.matmul(Q, Uhat), Vt = Vh;
  if (options.flipSign ?? true) [U, Vt] = svdFlip(U, Vt, { uBasedDecision: !transpose });
  const k = nComponents;
  const first = `:${k}`;
  if (transpose) return [Vt.get(first).T.copy(), S.get(first).copy(), U.get(':', first).T.copy()];
  return [U.get(':', first).copy(), S.get(first).copy(), Vt.get(first).copy()];
}
