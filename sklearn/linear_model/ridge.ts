// Ridge regression: least squares with an L2 penalty, min ||y - Xw - b||² + α ||w||² (scikit-learn's
// Ridge). The penalty shrinks the weights towards zero, trading a little bias for much less variance
// when features are many or correlated; α = 0 is ordinary least squares. It is solved exactly
// (Cholesky of XᵀX + αI, or the SVD) or iteratively (lsqr, sag, saga), never by plain gradient
// descent, and y may hold several targets, one column each. See base-ridge.ts for the shared fit.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { Regressor } from '../mixins.ts';
import { estimatorToJSON, estimatorFromJSON, registerEstimator, type EstimatorJSON } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import type { Params } from '../base.ts';
import { BASE_RIDGE_DEFAULTS, fitBaseRidge, validateRidgeParams, type BaseRidgeParams } from './base-ridge.ts';
import { viewOf } from './solvers/dense.ts';
import { checkSampleWeight } from '../utils/sample-weight.ts';
import { checkRegressionXy, predictLinear, coefArray, interceptValue } from './linear-model.ts';
import { floatDtypeOf } from '../utils/float-dtype.ts';

export type RidgeParams = BaseRidgeParams;

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
    const fit = fitBaseRidge(this.params, viewOf(Xc), viewOf(yc), sw);
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

  toJSON(): EstimatorJSON {
    return estimatorToJSON(this, { coef_: this.coef_, intercept_: this.intercept_, nFeaturesIn_: this.nFeaturesIn_, nIter_: this.nIter_ });
  }

  static fromJSON(json: EstimatorJSON): Ridge {
    // `this`, not the class name: a bundler may rename a class that refers to itself.
    return estimatorFromJSON(json, this as unknown as new (p: Params) => Ridge, { ...saved.REGRESSION, nIter_: saved.optional(saved.nullable(saved.array({ shape: ['*'], ints: [0, '*'] }))) });
  }
}

registerEstimator('Ridge', Ridge as unknown as new (p: Params) => Ridge);
