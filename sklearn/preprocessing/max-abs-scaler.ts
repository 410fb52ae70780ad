// MaxAbsScaler: divides each feature by its largest absolute training value, so every feature lands in
// [-1, 1]; scikit-learn's MaxAbsScaler. It neither shifts nor centres, so zeros stay zeros (the scaler
// for sparse data, and for data already centred on 0). A feature that is 0 throughout (max |x| below
// 10·eps) is divided by 1. NaNs are ignored when fitting and kept; a feature that is NaN throughout
// gets maxAbs_ NaN, as np.nanmax gives.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { IncrementalTransformer } from '../mixins.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { checkBoolean } from '../utils/check-params.ts';
import { checkAllowNaN, featureNamesIn } from './validate.ts';

export type MaxAbsScalerParams = {
  /** Kept for scikit-learn compatibility: tessera never modifies X. */
  copy: boolean;
};

const DEFAULTS: MaxAbsScalerParams = { copy: true };
const EPS = 2 ** -52;

/** np.nanmax(np.abs(X), axis=0): |x| is never negative, so a NaN can count as 0 unless the whole
 *  column is NaN. */
function columnMaxAbs(X: NDArray): NDArray {
  return np.tidy(() => {
    const nan = np.isnan(X);
    return np.where(np.all(nan, { axis: 0 }), NaN, np.max(np.where(nan, 0, np.abs(X)), { axis: 0 }));
  });
}

/**
 * Divides each feature by its largest absolute value, so it lands in [-1, 1] (scikit-learn's MaxAbsScaler).
 *
 * @example
 * ```ts
 * import { MaxAbsScaler } from 'tessera/sklearn';
 *
 * const scaler = await new MaxAbsScaler().fit([[1, -1, 2], [2, 0, 0], [0, 1, -1]]);
 * console.log(scaler.maxAbs_);
 * console.log(await scaler.transform([[1, -1, 2], [2, 0, 0], [0, 1, -1]]));
 * ```
 *
 * ```text output
 * array([2., 1., 2.])
 * array([[ 0.5, -1. ,  1. ],
 *        [ 1. ,  0. ,  0. ],
 *        [ 0. ,  1. , -0.5]])
 * ```
 */
export class MaxAbsScaler extends IncrementalTransformer<MaxAbsScalerParams> {
  /** (f,) the largest |x| of each feature. */
  maxAbs_?: NDArray;
  /** (f,) the divisor: maxAbs_, with 1 for features that are 0 throughout. */
  scale_?: NDArray;
  nSamplesSeen_?: number;
  nFeaturesIn_?: number;

  constructor(params: Partial<MaxAbsScalerParams> = {}) {
    super(DEFAULTS, params);
  }

  /** maxAbs_ = max(maxAbs_, max |x| of this batch) (a NaN from either side stays, as np.maximum). */
  async partialFit(X: unknown): Promise<this> {
    checkBoolean(this.estimatorName, 'copy', this.params.copy);
    const first = this.nSamplesSeen_ === undefined;
    const Xc = await checkAllowNaN(X, this.estimatorName, { nFeatures: first ? undefined : this.nFeaturesIn_ });
    const batch = columnMaxAbs(Xc);
    const maxAbs = first ? batch : np.maximum(this.maxAbs_ as NDArray, batch);
    this.maxAbs_ = maxAbs;
    this.scale_ = np.tidy(() => np.where(np.less(maxAbs, 10 * EPS), 1, maxAbs)); // _handle_zeros_in_scale
    this.nSamplesSeen_ = (this.nSamplesSeen_ ?? 0) + Xc.shape[0];
    this.nFeaturesIn_ = Xc.shape[1];
    return this;
  }

  /** x / scale_. */
  async transform(X: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const Xc = await checkAllowNaN(X, this.estimatorName, { nFeatures: this.nFeaturesIn_ });
    return np.divide(Xc, this.scale_ as NDArray);
  }

  /** z · scale_: back to the original units. */
  async inverseTransform(Z: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const Zc = await checkAllowNaN(Z, this.estimatorName, { nFeatures: this.nFeaturesIn_ });
    return np.multiply(Zc, this.scale_ as NDArray);
  }

  /** Output column names: the input names (default 'x0', 'x1', ...), one output per input. */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    return featureNamesIn(this.nFeaturesIn_ as number, inputFeatures);
  }

  static override readonly learned = {
    nFeaturesIn_: saved.count(1), nSamplesSeen_: saved.count(),
    // an all-NaN feature gives NaN
    maxAbs_: saved.array({ shape: ['nFeaturesIn_'], finite: false }), scale_: saved.array({ shape: ['nFeaturesIn_'], finite: false }),
  };
}

registerEstimator('MaxAbsScaler', MaxAbsScaler);
