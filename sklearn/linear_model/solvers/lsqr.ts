// LSQR (Paige & Saunders 1982), ported from scipy.sparse.linalg.lsqr as Ridge's 'lsqr' solver calls it.
// It solves min ||A x - b||² + damp² ||x||² using only products A v and Aᵀ u: Golub-Kahan
// bidiagonalisation builds orthonormal bases u (of A's range) and v (of its row space) one vector per
// iteration, and a plane rotation per step keeps the small bidiagonal least-squares problem solved,
// so x improves monotonically. With damp = sqrt(α) this is exactly ridge regression.
// It stops when the residual or Aᵀr is small relative to atol/btol, or after iterLim steps.
// A is an (m, n) array, touched only by the two products; the recurrences run on vectors.
import type { NDArray } from '../../../ndarray/index.ts';
import { norm, matvec, rmatvec } from './products.ts';

export interface LsqrOptions {
  damp?: number;
  atol?: number;
  btol?: number;
  conlim?: number;
  /** Iteration limit; null means 2 * n_features (scipy's default). */
  iterLim?: number | null;
}

export interface LsqrResult {
  x: Float64Array;
  /** Why it stopped (scipy's istop: 1, 2 converged; 7 hit the iteration limit...). */
  istop: number;
  itn: number;
}

const EPS = 2 ** -52;

function scale(v: Float64Array, s: number): void {
  for (let i = 0; i < v.length; i++) v[i] *= s;
}

/** The Givens rotation [c s; -s c] that zeroes b against a: returns [c, s, r = sqrt(a² + b²)]. */
function symOrtho(a: number, b: number): [number, number, number] {
  if (b === 0) return [Math.sign(a), 0, Math.abs(a)];
  if (a === 0) return [0, Math.sign(b), Math.abs(b)];
  if (Math.abs(b) > Math.abs(a)) {
    const tau = a / b;
    const s = Math.sign(b) / Math.sqrt(1 + tau * tau);
    const c = s * tau;
    return [c, s, b / s];
  }
  const tau = b / a;
  const c = Math.sign(a) / Math.sqrt(1 + tau * tau);
  const s = c * tau;
  return [c, s, a / c];
}

export function lsqr(A: NDArray, b: Float64Array, options: LsqrOptions = {}): LsqrResult {
  const damp = options.damp ?? 0, atol = options.atol ?? 1e-6, btol = options.btol ?? 1e-6;
  const conlim = options.conlim ?? 1e8;
  const n = A.shape[1];
  const iterLim = options.iterLim ?? 2 * n;
  const ctol = conlim > 0 ? 1 / conlim : 0;
  const dampsq = damp * damp;
  let itn = 0, istop = 0;
  let anorm = 0, acond = 0, ddnorm = 0, res2 = 0, xnorm = 0, xxnorm = 0, z = 0, cs2 = -1, sn2 = 0;

  // Start the bidiagonalisation: beta u = b, alfa v = Aᵀ u.
  let u = b.slice();
  const bnorm = norm(b);
  const x = new Float64Array(n);
  let beta = bnorm, alfa = 0;
  let v: Float64Array = new Float64Array(n);
  if (beta > 0) {
    scale(u, 1 / beta);
    v = rmatvec(A, u);
    alfa = norm(v);
  }
  if (alfa > 0) scale(v, 1 / alfa);
  const w = v.slice();
  let rhobar = alfa, phibar = beta;
  if (alfa * beta === 0) return { x, istop, itn };

  while (itn < iterLim) {
    itn++;
    // Next bidiagonalisation step: beta u = A v - alfa u, alfa v = Aᵀ u - beta v.
    const av = matvec(A, v);
    for (let i = 0; i < u.length; i++) u[i] = av[i] - alfa * u[i];
    beta = norm(u);
    if (beta > 0) {
      scale(u, 1 / beta);
      anorm = Math.sqrt(anorm ** 2 + alfa ** 2 + beta ** 2 + dampsq);
      const atu = rmatvec(A, u);
      for (let j = 0; j < n; j++) v[j] = atu[j] - beta * v[j];
      alfa = norm(v);
      if (alfa > 0) scale(v, 1 / alfa);
    }
    // Rotation eliminating the damping term, then the one eliminating beta (the subdiagonal).
    let rhobar1 = rhobar, psi = 0;
    if (damp > 0) {
      rhobar1 = Math.sqrt(rhobar ** 2 + dampsq);
      const cs1 = rhobar / rhobar1, sn1 = damp / rhobar1;
      psi = sn1 * phibar;
      phibar = cs1 * phibar;
    }
    const [cs, sn, rho] = symOrtho(rhobar1, beta);
    const theta = sn * alfa;
    rhobar = -cs * alfa;
    const phi = cs * phibar;
    phibar = sn * phibar;
    const tau = sn * phi;
    // Update x and the search direction w.
    const t1 = phi / rho, t2 = -theta / rho;
    let dk2 = 0;
    for (let j = 0; j < n; j++) {
      const dk = (1 / rho) * w[j];
      dk2 += dk * dk;
      x[j] = x[j] + t1 * w[j];
      w[j] = v[j] + t2 * w[j];
    }
    ddnorm = ddnorm + Math.sqrt(dk2) ** 2;
    // Estimates of ||x||, cond(A), ||r|| and ||Aᵀr|| for the stopping tests.
    const delta = sn2 * rho, gambar = -cs2 * rho;
    const rhs = phi - delta * z;
    const zbar = rhs / gambar;
    xnorm = Math.sqrt(xxnorm + zbar ** 2);
    const gamma = Math.sqrt(gambar ** 2 + theta ** 2);
    cs2 = gambar / gamma;
    sn2 = theta / gamma;
    z = rhs / gamma;
    xxnorm = xxnorm + z ** 2;
    acond = anorm * Math.sqrt(ddnorm);
    const res1 = phibar ** 2;
    res2 = res2 + psi ** 2;
    const rnorm = Math.sqrt(res1 + res2);
    const arnorm = alfa * Math.abs(tau);
    const test1 = rnorm / bnorm;
    const test2 = arnorm / (anorm * rnorm + EPS);
    const test3 = 1 / (acond + EPS);
    const t1s = test1 / (1 + (anorm * xnorm) / bnorm);
    const rtol = btol + (atol * anorm * xnorm) / bnorm;
    if (itn >= iterLim) istop = 7;
    if (1 + test3 <= 1) istop = 6;
    if (1 + test2 <= 1) istop = 5;
    if (1 + t1s <= 1) istop = 4;
    if (test3 <= ctol) istop = 3;
    if (test2 <= atol) istop = 2;
    if (test1 <= rtol) istop = 1;
    if (istop !== 0) break;
  }
  return { x, istop, itn };
}
