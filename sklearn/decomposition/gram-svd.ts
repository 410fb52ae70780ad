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
import { gemm, blockAt, transposed } from '../../ndarray/linalg/gemm.ts';
import { symmetricEigen } from '../../ndarray/linalg/eigh.ts';
import { sharedFloat64 } from '../../ndarray/cpu/threads.ts';

/** The smallest eigenvalue of XᵀX, relative to the largest, that gramSvd accepts (κ(X) <= 1000). */
export const MIN_RATIO = 1e-6;

export interface ThinSVD {
  /** n x f, row-major. */
  u: Float64Array;
  /** f singular values, descending. */
  s: Float64Array;
  /** f x f, the right singular vectors as rows. */
  vt: Float64Array;
}

/** When PCA's full solver takes the Gram route: tall (n >= 10 f, as scikit-learn's rule), not huge in
 *  f, and big enough for the speed to matter (small inputs keep the exact route). */
export function gramRouteFits(n: number, f: number): boolean {
  return n >= 10 * f && f <= 1000 && n * f >= 100_000;
}

/** Width of the column blocks of gramMatrix: a multiple of the 4-wide register tile. */
const GRAM_BLOCK = 24;

/** xᵀx (f x f) for the n x f matrix x. It is symmetric, so only the column blocks on and above the
 *  diagonal are multiplied, x[:, 0:j1]ᵀ x[:, j0:j1] (about 60 % of the full product's flops), and the
 *  lower triangle is mirrored: element (i, j) is the same sum in the same order as (j, i) would be. */
export function gramMatrix(x: Float64Array, n: number, f: number): Float64Array {
  const g = new Float64Array(f * f), xt = transposed(blockAt(x, f, 0, 0));
  for (let j0 = 0; j0 < f; j0 += GRAM_BLOCK) {
    const w = Math.min(GRAM_BLOCK, f - j0), rows = j0 + w;
    const block = gemm(rows, w, n, xt, blockAt(x, f, 0, j0), new Float64Array(rows * w));
    for (let i = 0; i < rows; i++) g.set(block.subarray(i * w, (i + 1) * w), i * f + j0);
  }
  for (let i = 0; i < f; i++) for (let j = 0; j < i; j++) g[i * f + j] = g[j * f + i];
  return g;
}

/** The thin SVD of the n x f matrix x (row-major, read only) via eigh(xᵀx), or null when xᵀx is too
 *  ill-conditioned for it (see the file header). */
export function gramSvd(x: Float64Array, n: number, f: number): ThinSVD | null {
  const X = blockAt(x, f, 0, 0);
  const g = gramMatrix(x, n, f);
  const { w, v } = symmetricEigen(g, f, 'L', true); // ascending; eigenvectors as columns
  const top = w[f - 1];
  if (!(top > 0) || !(w[0] >= MIN_RATIO * top)) return null;
  // V with its columns in descending order of eigenvalue.
  const vd = new Float64Array(f * f);
  for (let i = 0; i < f; i++) for (let j = 0; j < f; j++) vd[i * f + j] = (v as Float64Array)[i * f + f - 1 - j];
  const xv = gemm(n, f, f, X, blockAt(vd, f, 0, 0), sharedFloat64(n * f));
  // s_j = ‖X v_j‖ (column norms, accumulated row by row).
  const s = new Float64Array(f);
  for (let i = 0; i < n; i++) for (let j = 0, r = i * f; j < f; j++) s[j] += xv[r + j] * xv[r + j];
  for (let j = 0; j < f; j++) s[j] = Math.sqrt(s[j]);
  // Near-equal eigenvalues may come out in another order than the norms: sort by s.
  const order = Int32Array.from(s.keys()).sort((a, b) => s[b] - s[a] || a - b);
  const inv = Float64Array.from(order, (j) => 1 / s[j]);
  const inOrder = order.every((j, i) => j === i);
  const u = inOrder ? xv : new Float64Array(n * f); // U = X V S⁻¹, in place when no column moves
  const row = new Float64Array(f);
  for (let i = 0; i < n; i++) {
    const r = i * f;
    for (let j = 0; j < f; j++) row[j] = xv[r + order[j]] * inv[j];
    u.set(row, r);
  }
  const vt = new Float64Array(f * f);
  for (let j = 0; j < f; j++) for (let i = 0; i < f; i++) vt[j * f + i] = vd[i * f + order[j]];
  return { u, s: Float64Array.from(order, (j) => s[j]), vt };
}
