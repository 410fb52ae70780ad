// Ordinary least squares, min ||y - Xw - b||² (scikit-learn's LinearRegression). After centring, w is
// the least-squares solution of X w ≈ y from the SVD, as scipy.linalg.lstsq computes it: singular
// values below eps * s_max count as zero, so for rank-deficient or wide X the answer is the
// solution of minimum norm, and `rank_` says how many directions the data actually pins down.
// With positive=true the weights are constrained to be >= 0 (non-negative least squares).
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { Regressor } from '../mixins.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { checkBoolean } from '../utils/check-params.ts';
import { checkSampleWeight } from '../utils/sample-weight.ts';
import { centreData, rescaleRows, interceptFrom } from './preprocess-data.ts';
import { checkRegressionXy, predictLinear, coefArray, interceptValue, targetColumns } from './linear-model.ts';
import { nnls } from './solvers/nnls.ts';

export type LinearRegressionParams = {
  fitIntercept: boolean;
  /** Kept for scikit-learn compatibility: tessera always works on a copy of X. */
  copyX: boolean;
  /** Kept for scikit-learn compatibility: fitting runs on one thread. */
  nJobs: number | null;
  /** Constrain the coefficients to be >= 0. */
  positive: boolean;
};

const DEFAULTS: LinearRegressionParams = { fitIntercept: true, copyX: true, nJobs: null, positive: false };

/** Non-negative least squares, one target (column of Y) at a time: coef (targets, features). */
function positiveFit(X: NDArray, Y: NDArray): NDArray {
  return np.stack(Array.from({ length: Y.shape[1] }, (_, t) => nnls(X, Y.get(np.slice(), t).dataSync() as Float64Array).x));
}

/**
 * Ordinary least squares: the weights and intercept that minimise ||y - Xw - b||² (scikit-learn's LinearRegression).
 *
 * @example
 * ```ts
 * import { LinearRegression } from 'tessera/sklearn';
 *
 * const X = [[1, 1], [1, 2], [2, 2], [2, 3]];
 * const reg = await new LinearRegression().fit(X, [6, 8, 9, 11]); // y = x0 + 2·x1 + 3
 * console.log(reg.coef_, (reg.intercept_ as number).toFixed(6));
 * console.log(await reg.predict([[3, 5]]));
 * ```
 *
 * ```text output
 * array([1., 2.]) 3.000000
 * array([16.])
 * ```
 */
export class LinearRegression extends Regressor<LinearRegressionParams> {
  coef_?: NDArray;
  intercept_?: number | NDArray;
  /** Effective rank of the centred X (not set when positive). */
  rank_?: number;
  /** Singular values of the centred (and weighted) X, descending (not set when positive). */
  singular_?: NDArray;
  nFeaturesIn_?: number;

  constructor(params: Partial<LinearRegressionParams> = {}) {
    super(DEFAULTS, params);
  }

  async fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<this> {
    const name = this.estimatorName;
    checkBoolean(name, 'fit_intercept', this.params.fitIntercept);
    checkBoolean(name, 'copy_X', this.params.copyX);
    checkBoolean(name, 'positive', this.params.positive);
    const [Xc, yc] = await checkRegressionXy(X, y, name);
    const sw = await checkSampleWeight(sampleWeight, Xc.shape[0], { onlyNonNegative: true });
    const c = centreData(Xc, targetColumns(yc), this.params.fitIntercept, sw);
    rescaleRows(sw, c.X, c.Y);
    let coef: NDArray;
    if (this.params.positive) {
      coef = positiveFit(c.X, c.Y);
      this.rank_ = undefined;
      this.singular_ = undefined;
    } else {
      // scipy.linalg.lstsq's default cutoff is eps * s_max: NumPy's rcond = -1.
      const ls = np.linalg.lstsq(c.X, c.Y, { rcond: -1 });
      coef = ls.x.T.copy();
      this.rank_ = ls.rank;
      this.singular_ = ls.s;
    }
    const ravel = yc.ndim === 1;
    this.coef_ = coefArray(coef, ravel);
    this.intercept_ = interceptValue(this.params.fitIntercept ? interceptFrom(coef, c.xOffset, c.yOffset) : null, ravel);
    this.nFeaturesIn_ = Xc.shape[1];
    return this;
  }

  async predict(X: unknown): Promise<NDArray> {
    return predictLinear(this, X);
  }

  static override readonly learned = {
    ...saved.REGRESSION, rank_: saved.optional(saved.count()), singular_: saved.optional(saved.array({ shape: ['*'] })),
  };
}

registerEstimator('LinearRegression', LinearRegression);
