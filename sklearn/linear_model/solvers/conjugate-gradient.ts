// Conjugate gradients for a symmetric positive definite system A x = b (scipy.sparse.linalg.cg as
// Ridge's 'sparse_cg' solver calls it, with atol='legacy'). Each step moves along a direction
// A-conjugate to all previous ones, so in exact arithmetic n steps solve an n x n system; only
// products A p are needed, which is why ridge can use A = XᵀX + αI without forming XᵀX.
// It stops when ||b - A x|| <= tol ||b|| (rechecked on the recomputed residual), or after maxIter
// steps; like scipy, it returns zeros at once when ||b|| <= tol.
import { dot, norm } from './products.ts';

export interface CgResult {
  x: Float64Array;
  /** 0 converged, > 0 the iteration count when the limit was hit (scipy's info). */
  info: number;
}

export function conjugateGradient(matvec: (v: Float64Array) => Float64Array, b: Float64Array, options: { tol: number; maxIter?: number | null }): CgResult {
  const n = b.length;
  const maxIter = options.maxIter ?? n * 10;
  const x = new Float64Array(n);
  const bnrm = norm(b);
  if (bnrm <= options.tol) return { x, info: 0 };
  const atol = options.tol * bnrm;
  const r = b.slice(), p = new Float64Array(n);
  if (norm(r) < atol) return { x, info: 0 };
  let rho1 = 0, resid = Infinity;
  for (let iter = 1; ; iter++) {
    const rho = dot(r, r);
    if (iter > 1) {
      const beta = rho / rho1;
      for (let i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
    } else {
      p.set(r);
    }
    const q = matvec(p);
    const alpha = rho / dot(p, q);
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * q[i];
    }
    resid = norm(r);
    if (resid <= atol && iter > 1) {
      // Recompute the residual from scratch before trusting the recurrence.
      const ax = matvec(x);
      for (let i = 0; i < n; i++) r[i] = b[i] - ax[i];
      resid = norm(r);
    }
    if (resid <= atol) return { x, info: 0 };
    if (iter === maxIter) return { x, info: iter };
    rho1 = rho;
  }
}
