// MinMaxScaler: maps each feature linearly so that its training minimum and maximum land on the
// ends of `featureRange` ([0, 1] by default), scikit-learn's MinMaxScaler. The map is stored as
// x' = x · scale_ + min_ with scale_ = (hi - lo) / (max - min) and min_ = lo - min · scale_, and
// applied in that form (the same roundings as scikit-learn). A constant feature (range 0) gets
// scale_ = hi - lo instead of a division by zero. Test data is mapped with the *training* range, so
// it may fall outside [lo, hi] unless `clip` is set. NaNs are ignored when fitting and kept.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { IncrementalTransformer } from '../mixins.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { checkBoolean } from '../utils/check-params.ts';
import { checkAllowNaN, featureNamesIn } from './validate.ts';

export type MinMaxScalerParams = {
  /** [lo, hi], lo < hi. */
  featureRange: [number, number];
  /** Kept for scikit-learn compatibility: tessera never modifies X. */
  copy: boolean;
  /** Clip transformed values into featureRange. */
  clip: boolean;
};

const DEFAULTS: MinMaxScalerParams = { featureRange: [0, 1], copy: true, clip: false };
const EPS = 2 ** -52;

const vector = (v: Float64Array): NDArray => np.NDArray.fromTyped(v, [v.length], 'float64');

/** Per-column min and max of X (n x f), skipping NaN (a column of NaNs gives NaN, as np.nanmin). */
function columnExtremes(x: Float64Array, n: number, f: number): { lo: Float64Array; hi: Float64Array } {
  const lo = new Float64Array(f).fill(NaN), hi = new Float64Array(f).fill(NaN);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < f; j++) {
      const v = x[i * f + j];
      if (Number.isNaN(v)) continue;
      if (!(v >= lo[j])) lo[j] = v;
      if (!(v <= hi[j])) hi[j] = v;
    }
  }
  return { lo, hi };
}

/**
 * Scales each feature to [0, 1] (or `featureRange`) by its minimum and maximum (scikit-learn's MinMaxScaler).
 *
 * @example
 * ```ts
 * import { MinMaxScaler } from 'tessera/sklearn';
 *
 * const scaler = await new MinMaxScaler().fit([[-1, 2], [-0.5, 6], [0, 10], [1, 18]]);
 * console.log(scaler.dataMin_, scaler.dataMax_);
 * console.log(await scaler.transform([[0, 10], [2, 2]])); // (x - min) / (max - min)
 * ```
 *
 * ```text output
 * array([-1.,  2.]) array([ 1., 18.])
 * array([[0.5, 0.5],
 *        [1.5, 0. ]])
 * ```
 */
export class MinMaxScaler extends IncrementalTransformer<MinMaxScalerParams> {
  /** (f,) per-feature multiplier. */
  scale_?: NDArray;
  /** (f,) per-feature offset, added after scaling. */
  min_?: NDArray;
  /** (f,) training minimum, maximum and range (max - min). */
  dataMin_?: NDArray;
  dataMax_?: NDArray;
  dataRange_?: NDArray;
  nSamplesSeen_?: number;
  nFeaturesIn_?: number;

  constructor(params: Partial<MinMaxScalerParams> = {}) {
    super(DEFAULTS, params);
  }

  /** Widens the learned minimum and maximum with one more batch. */
  async partialFit(X: unknown): Promise<this> {
    const name = this.estimatorName;
    const [lo, hi] = this.params.featureRange;
    checkBoolean(name, 'copy', this.params.copy);
    checkBoolean(name, 'clip', this.params.clip);
    if (!(lo < hi)) throw new ValueError(`Minimum of desired feature range must be smaller than maximum. Got (${lo}, ${hi}).`);
    const first = this.nSamplesSeen_ === undefined;
    const Xc = await checkAllowNaN(X, name, { nFeatures: first ? undefined : this.nFeaturesIn_ });
    const [n, f] = Xc.shape;
    let { lo: dataMin, hi: dataMax } = columnExtremes(Xc.dataSync() as Float64Array, n, f);
    if (!first) {
      // np.minimum / np.maximum with the earlier batches (NaN propagates, as in NumPy)
      const oldMin = (this.dataMin_ as NDArray).dataSync(), oldMax = (this.dataMax_ as NDArray).dataSync();
      dataMin = dataMin.map((v, j) => (Number.isNaN(v) || Number.isNaN(oldMin[j]) ? NaN : Math.min(v, oldMin[j])));
      dataMax = dataMax.map((v, j) => (Number.isNaN(v) || Number.isNaN(oldMax[j]) ? NaN : Math.max(v, oldMax[j])));
    }
    const range = dataMax.map((v, j) => v - dataMin[j]);
    // a (near-)zero range counts as 1, so a constant feature maps to lo
    const scale = range.map((r) => (hi - lo) / (r < 10 * EPS ? 1 : r));
    this.scale_ = vector(scale);
    this.min_ = vector(dataMin.map((m, j) => lo - m * scale[j]));
    this.dataMin_ = vector(dataMin);
    this.dataMax_ = vector(dataMax);
    this.dataRange_ = vector(range);
    this.nSamplesSeen_ = (this.nSamplesSeen_ ?? 0) + n;
    this.nFeaturesIn_ = f;
    return this;
  }

  /** x · scale_ + min_, clipped into featureRange when `clip`. */
  async transform(X: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const Xc = await checkAllowNaN(X, this.estimatorName, { nFeatures: this.nFeaturesIn_ });
    const Z = np.add(np.multiply(Xc, this.scale_ as NDArray), this.min_ as NDArray);
    return this.params.clip ? np.minimum(np.maximum(Z, this.params.featureRange[0]), this.params.featureRange[1]) : Z;
  }

  /** (z - min_) / scale_: back to the original units. */
  async inverseTransform(Z: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const Zc = await checkAllowNaN(Z, this.estimatorName);
    return np.divide(np.subtract(Zc, this.min_ as NDArray), this.scale_ as NDArray);
  }

  /** Output column names: the input names (default 'x0', 'x1', ...), one output per input. */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    return featureNamesIn(this.nFeaturesIn_ as number, inputFeatures);
  }

  static override readonly learned = {
    nFeaturesIn_: saved.count(1), nSamplesSeen_: saved.count(), ...Object.fromEntries(['scale_', 'min_', 'dataMin_', 'dataMax_', 'dataRange_'].map((k) => [k, saved.array({ shape: ['nFeaturesIn_'] })])),
  };
}

registerEstimator('MinMaxScaler', MinMaxScaler);
