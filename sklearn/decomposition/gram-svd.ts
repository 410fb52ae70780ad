// The SVD of a tall centred X (n samples, f features, n >> f) through its f x f Gram matrix: the
// route scikit-learn 1.5 added to PCA as svd_solver='covariance_eigh' and takes by default for such
// shapes. The idea: if X = U S Vᵀ then XᵀX = V S² Vᵀ, so the eigenvectors of the small matrix XᵀX
// are the right singular vectors and its eigenvalues the squared singular values; then U = X V S⁻¹.
// That is two n x f x f matrix products (which the worker threads share) and an f x f eigenproblem,
// against a Householder QR of the whole of X for the exact route.
//
// The catch is accuracy: forming XᵀX squares the condition number. A singular vector whose singular
// value is s comes out with an error about κ = s_max / s times larger than the exact route gives, and
// s² (an eigenvalue) loses accuracy relative to s_max² in the same way. So gramSvd refuses (returns
// null, and the caller takes the exact route) unless every eigenvalue is at least MIN_RATIO times the
// largest (κ <= 1000): then the results agree with LAPACK's SVD to about 1e-10 relative. The
// singular values are computed as the norms of the columns of X V, not as √eigenvalue, which keeps
// them accurate to rounding.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';

/** The smallest eigenvalue of XᵀX, relative to the largest, that gramSvd accepts (κ(X) <= 1000). */
export const MIN_RATIO = 1e-6;

/** When PCA's full solver takes the Gram route: tall (n >= 10 f, as scikit-learn's rule), not huge in
 *  f, and big enough for the speed to matter (small inputs keep the exact route). */
export function gramRouteFits(n: number, f: number): boolean {
  return n >= 10 * f && f <= 1000 && n * f >= 100_000;
}

/** The thin SVD X = U diag(S) Vh of the n x f matrix X via eigh(XᵀX), or null when XᵀX is too
 *  ill-conditioned for it (see the file header). */
export function gramSvd(X: NDArray): { U: NDArray; S: NDArray; Vh: NDArray } | null {
  const f = X.shape[1];
  const { eigenvalues, eigenvectors } = np.linalg.eigh(np.linalg.gram(X)); // ascending; vectors as columns
  const w = eigenvalues.dataSync(), top = w[f - 1];
  if (!(top > 0) || !(w[0] >= MIN_RATIO * top)) return null;
  const V = np.flip(eigenvectors, { axis: 1 }).copy(); // columns by descending eigenvalue
  const XV = np.matmul(X, V);
  // s_j = ‖X v_j‖ (column norms, accumulated row by row), not √eigenvalue: accurate to rounding.
  // np.sqrt(np.sum(np.square(XV), { axis: 0 })) in one pass over XV, without an n x f temporary.
  const xv = np.asTypedArray(XV), sumSq = new Float64Array(f);
  for (let o = 0; o < xv.length; o += f) for (let j = 0; j < f; j++) sumSq[j] += xv[o + j] * xv[o + j];
  const s = np.sqrt(sumSq);
  // Near-equal eigenvalues may come out in another order than the norms: sort by s, descending.
  const order = np.argsort(np.negative(s)); // stable: ties keep index order
  const S = np.take(s, order);
  const inOrder = order.dataSync().every((j, i) => j === i);
  const U = inOrder ? XV : np.take(XV, order, { axis: 1 });
  np.multiply(U, np.divide(1, S), { out: U }); // U = X V S⁻¹, in place
  return { U, S, Vh: np.take(V, order, { axis: 1 }).T };
}
