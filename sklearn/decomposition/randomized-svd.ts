// Randomized SVD (Halko, Martinsson & Tropp 2011; scikit-learn's randomized_svd), the truncated
// SVD PCA uses for large inputs. The idea: multiply M by a random Gaussian matrix Ω of k + p
// columns; the result spans (mostly) M's top-k left singular subspace. A few power iterations
// Y = (M Mᵀ)^q M Ω sharpen it (small singular directions shrink geometrically), an orthonormal
// basis Q of Y is taken, and the small matrix B = Qᵀ M is decomposed exactly: M ≈ (Q Û) S Vᵀ.
// Ω is drawn as scikit-learn draws it, so the same randomState gives the same approximation.
// Between power iterations the iterate is re-normalised (its columns would otherwise all turn
// towards the top singular vector): by the permuted L of an LU ('LU', cheap) or by Q of a QR ('QR');
// the last basis is always an orthonormal Q. For a tall X the iterations run on the small XᵀX instead
// (same span, see gramRangeFinder): X is then read only to form XᵀX, X Z and Qᵀ X, not twice per iteration.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { luPermuteLTransposed } from '../utils/lu-permute-l.ts';
import { gramRouteFits } from './gram-svd.ts';
import { matrixArg } from '../validation.ts';
import { svdFlip } from './svd-flip.ts';
import { checkInterval, checkOption, checkOptions } from '../utils/check-params.ts';

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

/** How each half-step of a power iteration re-normalises the transposed iterate Yᵀ: not at all, to
 *  (P L)ᵀ of Y's LU, or to Qᵀ of Y's QR. */
const normalizers = {
  none: (Yt: NDArray) => Yt,
  LU: luPermuteLTransposed,
  QR: (Yt: NDArray) => orthonormalBasis(Yt.T).T,
};

/** An orthonormal (m, ≤ size) basis approximating the range of A (m x n): QR of (A Aᵀ)^nIter A Ω,
 *  'auto' normalising by LU when nIter > 2 (else not at all), as scikit-learn does. The iterates are
 *  kept transposed, (A Q)ᵀ = Qᵀ Aᵀ: then each column of A Q is one contiguous row, as the LU wants.
 *  A tall A iterates through its Gram matrix instead when that costs fewer flops (gramRangeFinder). */
export function randomizedRangeFinder(A: NDArray, size: number, nIter: number, normalizer: PowerIterationNormalizer, randomState: RandomStateLike): NDArray {
  A = matrixArg('randomizedRangeFinder', 'A', A);
  checkInterval('randomizedRangeFinder', 'size', size, { low: 1, closed: 'left', integer: true });
  checkInterval('randomizedRangeFinder', 'n_iter', nIter, { low: 0, closed: 'left', integer: true });
  checkOption('randomizedRangeFinder', 'power_iteration_normalizer', normalizer, ['auto', 'QR', 'LU', 'none']);
  const rng = checkRandomState(randomState);
  let Qt = rng.normal(0, 1, [A.shape[1], size]).T;
  const normalize = normalizers[normalizer === 'auto' ? (nIter <= 2 ? 'none' : 'LU') : normalizer];
  if (gramPays(A, size, nIter)) return gramRangeFinder(A, Qt, nIter, normalize);
  const At = A.T;
  for (let i = 0; i < nIter; i++) {
    Qt = normalize(np.matmul(Qt, At)); // (A Q)ᵀ
    Qt = normalize(np.matmul(Qt, A)); // (Aᵀ Q)ᵀ
  }
  return orthonormalBasis(np.matmul(A, Qt.T));
}

/** Whether to iterate through G = AᵀA: A tall and C-ordered (gram-svd.ts's rule), and G (about 0.62 of
 *  an m n n product) cheaper than the 2 nIter products of m n size flops it saves. */
export function gramPays(A: NDArray, size: number, nIter: number): boolean {
  const [m, n] = A.shape;
  return A.flags.cContiguous && A.dtype === 'float64' && A.device === 'cpu' && gramRouteFits(m, n) && 0.31 * n < nIter * size;
}

/** The same range as randomizedRangeFinder, through G = AᵀA (n x n): (A Aᵀ)^q A Ω = A (AᵀA)^q Ω, so
 *  the power iterations Z <- normalize(G Z) run on n x size matrices, and A is touched only to form G
 *  and for the final A Z. Normalising changes an iterate's basis, never its span, so the basis that
 *  comes out spans the same space as scikit-learn's iterates (the SVD built on it is the same up to
 *  rounding). The rounding of G Z is that of Aᵀ(A Z) (about eps ‖A‖² ‖Z‖ either way). */
function gramRangeFinder(A: NDArray, Qt: NDArray, nIter: number, normalize: (Yt: NDArray) => NDArray): NDArray {
  const G = np.linalg.gram(A);
  let Zt = Qt;
  for (let i = 0; i < nIter; i++) Zt = normalize(np.matmul(Zt, G)); // (G Z)ᵀ = Zᵀ G, G symmetric
  return orthonormalBasis(np.matmul(A, Zt.T));
}

/** sklearn.utils.extmath.randomized_svd: [U (m, k), S (k,), Vt (k, n)] approximating the top k
 *  singular triplets of M. */
export function randomizedSvd(M: np.ArrayLike, nComponents: number, options: RandomizedSvdOptions = {}): [NDArray, NDArray, NDArray] {
  checkOptions('randomizedSvd', options, ['nOversamples', 'nIter', 'powerIterationNormalizer', 'transpose', 'flipSign', 'randomState']);
  let A = np.asarray(M, { dtype: 'float64' });
  if (A.ndim !== 2) throw new ValueError(`randomized_svd expects a 2-D matrix, got shape (${A.shape.join(', ')})`);
  const rng = checkRandomState(options.randomState);
  const nRandom = nComponents + (options.nOversamples ?? 10);
  const minDim = Math.min(...A.shape);
  const nIter = options.nIter === undefined || options.nIter === 'auto' ? (nComponents < 0.1 * minDim ? 7 : 4) : options.nIter;
  const transpose = options.transpose === undefined || options.transpose === 'auto' ? A.shape[0] < A.shape[1] : options.transpose;
  if (transpose) A = A.T;
  const Q = randomizedRangeFinder(A, nRandom, nIter, options.powerIterationNormalizer ?? 'auto', rng);
  // B = Qᵀ A is small: decompose it exactly, then lift its left vectors back with Q. Only the first
  // k triplets are returned, and svd_flip treats each one on its own, so the rest are dropped first.
  const { U: Uhat, S, Vh } = np.linalg.svd(np.matmul(Q.T, A), { fullMatrices: false });
  const first = `:${nComponents}`;
  let U = np.matmul(Q, Uhat.get(':', first)), Vt = Vh.get(first);
  if (options.flipSign ?? true) [U, Vt] = svdFlip(U, Vt, { uBasedDecision: !transpose });
  const s = S.get(first).copy();
  return transpose ? [Vt.T.copy(), s, U.T.copy()] : [U, s, Vt.copy()];
}
