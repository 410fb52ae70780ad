// Ridge regression without an intercept on centred data: scikit-learn's _ridge_regression.
// It picks a solver and solves min ||y_t - X̃ w_t||² + α_t ||w_t||² for every target column t, where
// X̃ = X - 1 x̄ᵀ: the offsets come in with the problem (as scikit-learn passes them for sparse X), so
// the Cholesky path centres inside its one pass over X and never copies it; the others copy it.
// 'auto' means 'cholesky' for dense data (scikit-learn 1.2), which falls back to 'svd' when XᵀX + αI
// is not positive definite; 'sparse_cg', 'lsqr', 'sag' and 'saga' are iterative. Sample weights become
// a row rescaling by sqrt(s_i), except for sag/saga, which weigh each sample's gradient directly.
// 'lbfgs' (used when positive=true) is solved exactly here, as the non-negative least squares
// problem [X; sqrt(α) I] w ≈ [y; 0] (see solvers/nnls.ts), where scikit-learn stops L-BFGS-B at tol.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { rescaleRows, centred, type Offsets } from './preprocess-data.ts';
import { solveCholesky, solveCholeskyKernel, solveSvd } from './solvers/ridge-closed-form.ts';
import { lsqr } from './solvers/lsqr.ts';
import { conjugateGradient } from './solvers/conjugate-gradient.ts';
import { sagSolver, maxSquaredRowNorm } from './solvers/sag.ts';
import { matvec, rmatvec } from './solvers/products.ts';
import { nnls } from './solvers/nnls.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';

export type RidgeSolver = 'auto' | 'svd' | 'cholesky' | 'lsqr' | 'sparse_cg' | 'sag' | 'saga' | 'lbfgs';
export const RIDGE_SOLVERS: readonly RidgeSolver[] = ['auto', 'cholesky', 'lbfgs', 'lsqr', 'sag', 'saga', 'sparse_cg', 'svd'];

export interface RidgeProblem {
  solver: RidgeSolver;
  maxIter: number | null;
  tol: number;
  positive: boolean;
  randomState: RandomStateLike;
  /** null when the caller passed none (then no rescaling happens at all). */
  sampleWeight: Float64Array | null;
  /** The column means to remove from X and Y (zeros when there is no intercept). */
  offsets: Offsets;
}

export interface RidgeSolution {
  /** (targets, features). */
  coef: NDArray;
  /** Iterations per target for lsqr/sag/saga, else null. */
  nIter: Int32Array | null;
}

/** One penalty per target: a scalar is repeated, an array must have 1 or n_targets entries. */
export function targetAlphas(alpha: number | readonly number[], nTargets: number): Float64Array {
  const a = Float64Array.from(typeof alpha === 'number' ? [alpha] : alpha);
  if (a.length !== 1 && a.length !== nTargets) {
    throw new ValueError(`Number of targets and number of penalties do not correspond: ${a.length} != ${nTargets}`);
  }
  return a.length === 1 && nTargets > 1 ? new Float64Array(nTargets).fill(a[0]) : a;
}

/** Column t of Y as a vector. */
function column(Y: NDArray, t: number): Float64Array {
  return Y.get(np.slice(), t).dataSync() as Float64Array;
}

/** Solves each target (column of Y) on its own: coef stacks the solutions as rows. */
function perTarget(Y: NDArray, solve: (y: Float64Array, t: number) => [Float64Array, number]): RidgeSolution {
  const rows: Float64Array[] = [];
  const nIter = new Int32Array(Y.shape[1]);
  for (let t = 0; t < Y.shape[1]; t++) {
    const [w, it] = solve(column(Y, t), t);
    rows.push(w);
    nIter[t] = it;
  }
  return { coef: np.stack(rows), nIter };
}

/** Minimises ||y - Xw||² + α||w||² subject to w >= 0 as NNLS on the rows of X stacked over sqrt(α) I. */
function solvePositive(X: NDArray, y: Float64Array, alpha: number): Float64Array {
  const [n, p] = X.shape;
  const A = np.concatenate([X, np.multiply(Math.sqrt(alpha), np.eye(p))]);
  const b = new Float64Array(n + p);
  b.set(y);
  return nnls(A, b).x;
}

/** Conjugate gradients on the primal (XᵀX + αI) w = Xᵀy, or for wide X on the dual (XXᵀ + αI) c = y
 *  with w = Xᵀc; XᵀX is never formed (scikit-learn passes maxIter to the primal solve only). */
function solveCg(X: NDArray, y: Float64Array, alpha: number, problem: RidgeProblem): Float64Array {
  const shifted = (product: Float64Array, v: Float64Array): Float64Array => product.map((pv, i) => pv + alpha * v[i]);
  const [n, p] = X.shape;
  if (p > n) {
    const dual = conjugateGradient((v) => shifted(matvec(X, rmatvec(X, v)), v), y, { tol: problem.tol });
    return rmatvec(X, dual.x);
  }
  return conjugateGradient((v) => shifted(rmatvec(X, matvec(X, v)), v), rmatvec(X, y), { tol: problem.tol, maxIter: problem.maxIter }).x;
}

/** Solves for every target. X and Y are only read: centred (and, but for sag/saga, weighted) copies
 *  are made for the solvers that need them. */
export function ridgeRegression(Xin: NDArray, Yin: NDArray, alphaIn: number | readonly number[], problem: RidgeProblem): RidgeSolution {
  let solver = problem.solver;
  if (solver === 'auto') solver = problem.positive ? 'lbfgs' : 'cholesky';
  if (problem.positive && solver !== 'lbfgs') {
    throw new ValueError(`When positive=True, only 'lbfgs' solver can be used. Please change solver ${solver} to 'lbfgs' or set positive=False.`);
  }
  if (solver === 'lbfgs' && !problem.positive) {
    throw new ValueError("'lbfgs' solver can be used only when positive=True. Please use another solver.");
  }
  const alpha = targetAlphas(alphaIn, Yin.shape[1]);
  const sw = problem.sampleWeight, { xOffset, yOffset } = problem.offsets;
  const [n, p] = Xin.shape;
  if (solver === 'cholesky' && p <= n) {
    const coef = solveCholesky(Xin, Yin, xOffset, yOffset, sw, alpha);
    if (coef) return { coef, nIter: null };
  }
  const X = centred(Xin, xOffset), Y = centred(Yin, yOffset);
  if (sw && solver !== 'sag' && solver !== 'saga') rescaleRows(sw, X, Y);

  if (solver === 'lsqr') {
    return perTarget(Y, (y, t) => {
      const r = lsqr(X, y, { damp: Math.sqrt(alpha[t]), atol: problem.tol, btol: problem.tol, iterLim: problem.maxIter });
      return [r.x, r.itn];
    });
  }
  if (solver === 'sag' || solver === 'saga') {
    const maxSquaredSum = maxSquaredRowNorm(X);
    const weights = sw ?? new Float64Array(n).fill(1);
    return perTarget(Y, (y, t) => {
      const r = sagSolver(X, y, {
        loss: 'squared', alpha: alpha[t], maxIter: problem.maxIter, tol: problem.tol, rng: checkRandomState(problem.randomState),
        fitIntercept: false, sampleWeight: weights, maxSquaredSum, saga: solver === 'saga',
      });
      return [r.weights, r.nIter];
    });
  }
  if (solver === 'sparse_cg') return { coef: perTarget(Y, (y, t) => [solveCg(X, y, alpha[t], problem), 0]).coef, nIter: null };
  if (solver === 'lbfgs') {
    return { coef: perTarget(Y, (y, t) => [solvePositive(X, y, alpha[t]), 0]).coef, nIter: null };
  }
  if (solver === 'cholesky' && p > n) {
    const coef = solveCholeskyKernel(X, Y, alpha);
    if (coef) return { coef, nIter: null };
  }
  return { coef: solveSvd(X, Y, alpha), nIter: null };
}
