// np.linalg: linear algebra on stacks of float64 matrices (float32 in, float32 out), as NumPy's.
// One algorithm per file: lu (solve, inv, det), cholesky, qr (Householder), svd (Golub-Kahan-
// Reinsch), eigh (tridiagonal QL), lstsq (via the SVD), norm, solveTriangular (substitution), gram (AᵀA). The lead re-exports this module as
// `linalg`, so users write `np.linalg.solve(a, b)`.
export { solve, inv, det, slogdet } from './lu.ts';
export { cholesky } from './cholesky.ts';
export { qr, type QRMode } from './qr.ts';
export { svd } from './svd.ts';
export { eigh, eigvalsh } from './eigh.ts';
export { lstsq, pinv, matrixRank, type LstsqResult } from './lstsq.ts';
export { norm, type NormOrder } from './norm.ts';
export { solveTriangular, type SolveTriangularOptions } from './triangular.ts';
export { gram, type GramOptions } from './gram.ts';
export { LinAlgError } from '../errors.ts';
