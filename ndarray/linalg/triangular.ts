// np.linalg.solveTriangular (SciPy's scipy.linalg.solve_triangular): solves T x = b when T is
// triangular, by substitution instead of a factorisation. For lower T, row i of T x = b reads
//   t_i0 x_0 + ... + t_ii x_i = b_i,  so  x_i = (b_i - Σ_{j<i} t_ij x_j) / t_ii,
// which needs only the x_j already found (forward substitution); upper T runs from the last row up
// (back substitution). With trans, Tᵀ x = b is solved by reading T's columns as rows, no transpose.
// The pair cholesky + solveTriangular twice is how SciPy's cho_solve (and scikit-learn's Ridge) solve
// a symmetric positive definite system.
import type { ArrayLike, NDArray } from '../ndarray.ts';
import { checkOptions } from '../options.ts';
import { LinAlgError, ValueError } from '../errors.ts';
import { readDense, resultDType, wrap } from './stack.ts';

export interface SolveTriangularOptions {
  /** Whether a is lower triangular (default false: upper, as SciPy). Only that triangle is read. */
  lower?: boolean;
  /** 'N' (default) solves a x = b, 'T' (or 'C', the same for real a) solves aᵀ x = b. */
  trans?: 'N' | 'T' | 'C';
  /** Take the diagonal as ones without reading it. */
  unitDiagonal?: boolean;
}

/** x with a x = b (or aᵀ x = b) for a triangular (M, M) a and b of shape (M,) or (M, K).
 *  Each x_i subtracts the terms t_ij x_j one at a time, j ascending, then divides by t_ii.
 *  @example np.linalg.solveTriangular([[2, 0], [1, 1]], [4, 3], { lower: true }) // [2, 1] */
export function solveTriangular(a: ArrayLike, b: ArrayLike, options: SolveTriangularOptions = {}): NDArray {
  checkOptions('solveTriangular', options, ['lower', 'trans', 'unitDiagonal']);
  const trans = options.trans ?? 'N';
  if (trans !== 'N' && trans !== 'T' && trans !== 'C') throw new ValueError(`solveTriangular: trans must be 'N', 'T' or 'C', got ${String(trans)}`);
  const A = readDense(a, 'solveTriangular'), B = readDense(b, 'solveTriangular');
  const [n, cols] = A.shape;
  if (A.shape.length !== 2 || n !== cols) throw new ValueError(`solveTriangular: expected a square matrix, got shape (${A.shape.join(', ')})`);
  if (B.shape.length < 1 || B.shape.length > 2 || B.shape[0] !== n) {
    throw new ValueError(`solveTriangular: shapes of a (${n}, ${n}) and b (${B.shape.join(', ')}) are incompatible: b needs ${n} rows`);
  }
  const k = B.shape.length === 2 ? B.shape[1] : 1;
  // Solving Tᵀ x = b for lower T is back substitution with t_ji for "t_ij", and vice versa.
  const transposed = trans !== 'N';
  const forward = Boolean(options.lower) !== transposed;
  const at = transposed ? (i: number, j: number) => A.data[j * n + i] : (i: number, j: number) => A.data[i * n + j];
  const x = B.data.slice();
  for (let s = 0; s < n; s++) {
    const i = forward ? s : n - 1 - s;
    const [j0, j1] = forward ? [0, i] : [i + 1, n];
    for (let j = j0; j < j1; j++) {
      const tij = at(i, j);
      for (let c = 0; c < k; c++) x[i * k + c] -= tij * x[j * k + c];
    }
    if (options.unitDiagonal) continue;
    const d = at(i, i);
    if (d === 0) throw new LinAlgError(`singular matrix: resolution failed at diagonal ${i}`);
    for (let c = 0; c < k; c++) x[i * k + c] /= d;
  }
  return wrap(x, B.shape, resultDType(A.dtype, B.dtype));
}
