// Non-negative least squares, min ||A x - b|| subject to x >= 0, by Lawson & Hanson's active-set
// method (the algorithm behind scipy.optimize.nnls). Variables are either held at zero (the active
// set) or free (the passive set P). The gradient w = Aᵀ(b - Ax) says which held variable would
// most reduce the residual if it were allowed to grow; it joins P, and the unconstrained least
// squares solution on P's columns is taken, stepping back along the way if some free variable
// would turn negative (that one returns to zero). At the optimum every held variable has w <= 0:
// the KKT conditions, so the answer is exact, not approximate. A is an (m, n) array: the gradient
// and residual are matrix-vector products, each least-squares solve takes P's columns (np.take),
// and the sets and the iterate x are plain vectors.
import * as np from '../../../ndarray/index.ts';
import type { NDArray } from '../../../ndarray/index.ts';
import { norm, matvec, rmatvec } from './products.ts';

export interface NnlsResult {
  x: Float64Array;
  /** ||A x - b||. */
  rnorm: number;
}

/** Least squares on the columns in `cols` only: z[cols] = argmin ||A[:, cols] z - b||, 0 elsewhere. */
function passiveSolve(A: NDArray, b: Float64Array, cols: number[]): Float64Array {
  const z = new Float64Array(A.shape[1]);
  if (cols.length === 0) return z;
  const zs = np.linalg.lstsq(np.take(A, cols, { axis: 1 }), b, { rcond: -1 }).x.dataSync();
  cols.forEach((c, k) => { z[c] = zs[k]; });
  return z;
}

/** r = b - A x. */
function residual(A: NDArray, x: Float64Array, b: Float64Array): Float64Array {
  const Ax = matvec(A, x);
  return b.map((bi, i) => bi - Ax[i]);
}

/** The indices j with flag[j] set. */
function members(flag: Uint8Array): number[] {
  const out: number[] = [];
  flag.forEach((f, j) => { if (f) out.push(j); });
  return out;
}

/** Frees the held variable with the largest positive gradient whose least-squares value on the new free
 *  set is positive (Lawson-Hanson reject the others, as rounding can make them non-positive). Returns
 *  that solution z, or null when no held variable can improve the fit: x is then optimal. */
function enterVariable(A: NDArray, b: Float64Array, x: Float64Array, free: Uint8Array): Float64Array | null {
  if (members(free).length >= A.shape[0]) return null;
  const w = rmatvec(A, residual(A, x, b)); // Aᵀ(b - Ax)
  for (;;) {
    let t = -1;
    for (let j = 0; j < w.length; j++) if (!free[j] && w[j] > 0 && (t < 0 || w[j] > w[t])) t = j;
    if (t < 0) return null;
    free[t] = 1;
    const z = passiveSolve(A, b, members(free));
    if (z[t] > 0) return z;
    free[t] = 0;
    w[t] = 0;
  }
}

/** min ||A x - b|| over x >= 0, for A (m, n) and b (m,). */
export function nnls(A: NDArray, b: Float64Array, options: { maxIter?: number } = {}): NnlsResult {
  const n = A.shape[1];
  const maxIter = options.maxIter ?? 3 * n;
  const x = new Float64Array(n);
  const free = new Uint8Array(n);
  let iter = 0;
  let z = enterVariable(A, b, x, free);
  while (z) {
    // While some free variable would turn negative, step from x towards z only as far as keeps them
    // all non-negative; those that reach zero are held again and z is retaken on the rest.
    while (members(free).some((j) => z![j] <= 0)) {
      if (++iter > maxIter) throw new Error('too many iterations');
      const cols = members(free);
      let step = Infinity, first = -1;
      for (const j of cols) {
        const ratio = x[j] / (x[j] - z[j]);
        if (z[j] <= 0 && ratio < step) [step, first] = [ratio, j];
      }
      for (const j of cols) x[j] += step * (z[j] - x[j]);
      x[first] = 0;
      for (const j of cols) {
        if (x[j] <= 0) {
          x[j] = 0;
          free[j] = 0;
        }
      }
      z = passiveSolve(A, b, members(free));
    }
    x.set(z);
    z = enterVariable(A, b, x, free);
  }
  return { x, rnorm: norm(residual(A, x, b)) };
}
