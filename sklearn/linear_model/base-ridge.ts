// The fit shared by Ridge and RidgeClassifier (scikit-learn's _BaseRidge.fit): check the options,
// centre X and Y on their (weighted) means, solve the ridge problem without intercept, then recover
// the intercept b = ȳ - x̄ · w. The one thing to understand: the intercept is never penalised,
// because centring takes it out of the problem before α ever sees it.
import { ValueError } from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import type { RandomStateLike } from '../utils/random-state.ts';
import { checkBoolean, checkInterval, checkOption } from '../utils/check-params.ts';
import { dataOffsets, interceptFrom } from './preprocess-data.ts';
import { ridgeRegression, RIDGE_SOLVERS, type RidgeSolver } from './ridge-regression.ts';

export type BaseRidgeParams = {
  /** The L2 strength α (>= 0), or one per target. */
  alpha: number | number[];
  fitIntercept: boolean;
  /** Kept for scikit-learn compatibility: tessera never modifies X. */
  copyX: boolean;
  /** Iteration cap for lsqr (default 2 * n_features) and sag/saga (default 1000). */
  maxIter: number | null;
  tol: number;
  solver: RidgeSolver;
  /** Constrain the coefficients to be >= 0 (solver 'auto' or 'lbfgs'). */
  positive: boolean;
  /** Seeds the sample draws of sag/saga. */
  randomState: RandomStateLike;
};

export const BASE_RIDGE_DEFAULTS: BaseRidgeParams = {
  alpha: 1.0, fitIntercept: true, copyX: true, maxIter: null, tol: 1e-4, solver: 'auto', positive: false, randomState: null,
};

export interface RidgeFit {
  /** (targets, features). */
  coef: NDArray;
  /** (targets,), or null when fitIntercept is false. */
  intercept: NDArray | null;
  nIter: Int32Array | null;
}

/** _BaseRidge's parameter constraints. */
export function validateRidgeParams(p: BaseRidgeParams, estimator: string): void {
  // One α per target may be given as an array (scikit-learn checks only a scalar's range).
  if (!Array.isArray(p.alpha)) checkInterval(estimator, 'alpha', p.alpha, { low: 0, closed: 'left' });
  checkBoolean(estimator, 'fit_intercept', p.fitIntercept);
  checkBoolean(estimator, 'copy_X', p.copyX);
  checkInterval(estimator, 'max_iter', p.maxIter, { low: 1, closed: 'left', integer: true, nullable: true });
  checkInterval(estimator, 'tol', p.tol, { low: 0, closed: 'left' });
  checkOption(estimator, 'solver', p.solver, RIDGE_SOLVERS);
  checkBoolean(estimator, 'positive', p.positive);
}

/** Fits on X (n, features) and Y (n, targets), which it only reads (Ridge passes the validated
 *  arrays themselves, no copies). */
export function fitBaseRidge(p: BaseRidgeParams, X: NDArray, Y: NDArray, sampleWeight: Float64Array | null): RidgeFit {
  if (p.solver === 'lbfgs' && !p.positive) {
    throw new ValueError("'lbfgs' solver can be used only when positive=True. Please use another solver.");
  }
  if (p.positive && p.solver !== 'auto' && p.solver !== 'lbfgs') {
    throw new ValueError(`solver='${p.solver}' does not support positive fitting. Please set the solver to 'auto' or 'lbfgs', or set \`positive=False\``);
  }
  const c = dataOffsets(X, Y, p.fitIntercept, sampleWeight);
  const { coef, nIter } = ridgeRegression(X, Y, p.alpha, {
    solver: p.solver, maxIter: p.maxIter, tol: p.tol, positive: p.positive, randomState: p.randomState, sampleWeight, offsets: c,
  });
  return { coef, intercept: p.fitIntercept ? interceptFrom(coef, c.xOffset, c.yOffset) : null, nIter };
}
