// Ridge regression: least squares with an L2 penalty, min ||y - Xw - b||² + α ||w||² (scikit-learn's
// Ridge). The penalty shrinks the weights towards zero, trading a little bias for much less variance
// when features are many or correlated; α = 0 is ordinary least squares. It is solved exactly
// (Cholesky of XᵀX + αI, or the SVD) or iteratively (lsqr, sag, saga), never by plain gradient
// descent, and y may hold several targets, one column each. See base-ridge.ts for the shared fit.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { Regressor } from '../mixins.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { BASE_RIDGE_DEFAULTS, fitBaseRidge, validateRidgeParams, type BaseRidgeParams } from './base-ridge.ts';
import { checkSampleWeight } from '../utils/sample-weight.ts';
import { checkRegressionXy, predictLinear, coefArray, interceptValue, targetColumns } from './linear-model.ts';
import { floatDtypeOf } from '../utils/float-dtype.ts';

export type RidgeParams = BaseRidgeParams;

/**
 * Least squares with an L2 penalty α ||w||² (scikit-learn's Ridge).
 *
 * @example
 * ```ts
 * import { Ridge } from 'tessera/sklearn';
 *
 * const ridge = await new Ridge({ alpha: 1 }).fit([[0], [1], [2], [3]], [1, 3, 5, 7]);
 * console.log(ridge.coef_, ridge.intercept_); // the slope 2 shrunk to 10 / (5 + α)
 * console.log(await ridge.predict([[4]]));
 * ```
 *
 * ```text output
 * array([1.66666667]) 1.4999999999999996
 * array([8.16666667])
 * ```
 */
export class Ridge extends Regressor<RidgeParams> {
  /** Weights, (features,) for a 1-D y, else (targets, features); float32 when X is float32. */
  coef_?: NDArray;
  /** 0 without an intercept, a number for a 1-D y, else (targets,). */
  intercept_?: number | NDArray;
  nFeaturesIn_?: number;
  /** Iterations per target (int32) for lsqr/sag/saga; null for the exact solvers. */
  nIter_?: NDArray | null;

  constructor(params: Partial<RidgeParams> = {}) {
    super(BASE_RIDGE_DEFAULTS, params);
  }

  /** Fits on X (n, p) and y (n,) or (n, targets); `sampleWeight` is a number or an (n,) array. */
  async fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<this> {
    validateRidgeParams(this.params, this.estimatorName);
    const [Xc, yc] = await checkRegressionXy(X, y, this.estimatorName);
    const sw = sampleWeight === undefined || sampleWeight === null ? null : await checkSampleWeight(sampleWeight, Xc.shape[0]);
    const fit = fitBaseRidge(this.params, Xc, targetColumns(yc), sw);
    const ravel = yc.ndim === 1;
    const dtype = floatDtypeOf(X);
    this.coef_ = coefArray(fit.coef, ravel, dtype);
    this.intercept_ = interceptValue(fit.intercept, ravel, dtype);
    this.nFeaturesIn_ = Xc.shape[1];
    this.nIter_ = fit.nIter ? np.NDArray.fromTyped(fit.nIter, [fit.nIter.length], 'int32') : null;
    return this;
  }

  /** X wᵀ + b: (n,) for a 1-D y, else (n, targets). */
  async predict(X: unknown): Promise<NDArray> {
    return predictLinear(this, X);
  }

  static override readonly learned = { ...saved.REGRESSION, nIter_: saved.optional(saved.nullable(saved.array({ shape: ['*'], ints: [0, '*'] }))) };
}

registerEstimator('Ridge', Ridge);
