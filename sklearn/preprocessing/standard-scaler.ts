// StandardScaler: z = (x - μ) / σ per feature (scikit-learn's StandardScaler), so every feature
// has mean 0 and variance 1 on the training data. σ is the *population* standard deviation (divide
// by n, not n - 1), and a constant feature gets σ = 1 instead of a division by zero. The statistics
// are accumulated batch by batch (partialFit) with the corrected two-pass update of Chan, Golub &
// LeVeque, exactly as scikit-learn's _incremental_mean_and_var: fit is "forget, then one batch".
// Missing values (NaN) are left out of the statistics and kept as NaN by transform.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { IncrementalTransformer } from '../mixins.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { checkBoolean } from '../utils/check-params.ts';
import { valuesOf } from '../validation.ts';
import { checkAllowNaN, featureNamesIn } from './validate.ts';
import { asFloat, floatDtypeOf } from '../utils/float-dtype.ts';

export type StandardScalerParams = {
  /** Kept for scikit-learn compatibility: tessera never modifies X. */
  copy: boolean;
  withMean: boolean;
  withStd: boolean;
};

const DEFAULTS: StandardScalerParams = { copy: true, withMean: true, withStd: true };
const EPS = 2 ** -52;

const vector = (v: Float64Array): NDArray => np.NDArray.fromTyped(v, [v.length], 'float64');
const values = (a: NDArray | number | null | undefined, f: number): Float64Array =>
  a instanceof np.NDArray ? Float64Array.from(a.dataSync()) : new Float64Array(f).fill(a ?? 0);

/** Per column j of X (n x f), in one pass: the sum with NaN counted as 0, added in row order
 *  (np.nansum), and the count of the other entries. */
function columnNanSums(x: Float64Array, n: number, f: number): { sums: Float64Array; counts: Float64Array } {
  const sums = new Float64Array(f), counts = new Float64Array(f).fill(n);
  for (let i = 0, o = 0; i < n; i++) {
    for (let j = 0; j < f; j++, o++) {
      const v = x[o];
      if (v === v) sums[j] += v; // v !== v only for NaN
      else counts[j]--;
    }
  }
  return { sums, counts };
}

/**
 * Removes each feature's mean and divides by its standard deviation (scikit-learn's StandardScaler).
 *
 * @example
 * ```ts
 * import { StandardScaler } from 'tessera/sklearn';
 *
 * const scaler = await new StandardScaler().fit([[0, 0], [0, 0], [1, 1], [1, 1]]);
 * console.log(scaler.mean_, scaler.scale_);
 * console.log(await scaler.transform([[2, 2]])); // (x - mean) / scale
 * ```
 *
 * ```text output
 * array([0.5, 0.5]) array([0.5, 0.5])
 * array([[3., 3.]])
 * ```
 */
export class StandardScaler extends IncrementalTransformer<StandardScalerParams> {
  /** (f,) the feature means (null when neither centring nor scaling). */
  mean_?: NDArray | null;
  /** (f,) the population variances (null without withStd). */
  var_?: NDArray | null;
  /** (f,) the divisors: √var_, or 1 for constant features (null without withStd). */
  scale_?: NDArray | null;
  /** Samples seen: a number, or (f,) per-feature counts when NaNs made them differ. */
  nSamplesSeen_?: number | NDArray;
  nFeaturesIn_?: number;

  constructor(params: Partial<StandardScalerParams> = {}) {
    super(DEFAULTS, params);
  }

  /** Updates μ and σ with one more batch of samples. */
  async partialFit(X: unknown): Promise<this> {
    const name = this.estimatorName, p = this.params;
    checkBoolean(name, 'copy', p.copy);
    checkBoolean(name, 'with_mean', p.withMean);
    checkBoolean(name, 'with_std', p.withStd);
    const first = this.nSamplesSeen_ === undefined;
    const Xc = await checkAllowNaN(X, name, { nFeatures: first ? undefined : this.nFeaturesIn_ });
    const [n, f] = Xc.shape;
    const x = valuesOf(Xc);
    const lastCount = values(this.nSamplesSeen_, f);
    const { sums: newSum, counts: newCount } = columnNanSums(x, n, f);
    const count = lastCount.map((c, j) => c + newCount[j]);
    if (!p.withMean && !p.withStd) {
      this.mean_ = null;
      this.var_ = null;
    } else {
      const { mean, variance } = incrementalMeanAndVar(x, n, f, values(this.mean_, f), p.withStd ? values(this.var_, f) : null, lastCount, { newSum, newCount });
      this.mean_ = vector(mean);
      this.var_ = variance && vector(variance);
    }
    this.nSamplesSeen_ = count.every((c) => c === count[0]) ? count[0] : np.NDArray.fromTyped(Int32Array.from(count), [f], 'int32');
    this.nFeaturesIn_ = f;
    this.scale_ = p.withStd ? vector(scaleFrom(values(this.var_, f), values(this.mean_, f), count)) : null;
    return this;
  }

  /** (X - mean_) / scale_ (each part only when enabled), float32 for a float32 X as in scikit-learn
   *  (mean_ and scale_ stay float64 either way). */
  async transform(X: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const X0 = await checkAllowNaN(X, this.estimatorName, { nFeatures: this.nFeaturesIn_ });
    const [n, f] = X0.shape, x = valuesOf(X0);
    const mean = this.params.withMean ? values(this.mean_, f) : new Float64Array(f);
    const scale = this.params.withStd ? values(this.scale_, f) : new Float64Array(f).fill(1);
    // One output buffer written in one pass: z = (x - μ) / σ, in scikit-learn's order (subtract, then
    // divide); subtracting 0 and dividing by 1 are exact, so a disabled step changes nothing.
    const Z = np.NDArray.empty([n, f]), z = np.asTypedArray(Z) as Float64Array;
    for (let i = 0, o = 0; i < n; i++) for (let j = 0; j < f; j++, o++) z[o] = (x[o] - mean[j]) / scale[j];
    return asFloat(Z, floatDtypeOf(X));
  }

  /** Z · scale_ + mean_: back to the original units. */
  async inverseTransform(Z: unknown): Promise<NDArray> {
    this.checkIsFitted();
    let X = await checkAllowNaN(Z, this.estimatorName);
    if (this.params.withStd) X = np.multiply(X, this.scale_ as NDArray);
    if (this.params.withMean) X = np.add(X, this.mean_ as NDArray);
    return floatDtypeOf(Z) === 'float32' ? X.astype('float32') : X.copy();
  }

  /** Output column names: the input names (default 'x0', 'x1', ...), one output per input. */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    return featureNamesIn(this.nFeaturesIn_ as number, inputFeatures);
  }

  static override readonly learned = {
    nFeaturesIn_: saved.count(1), nSamplesSeen_: saved.oneOf(saved.count(), saved.array({ shape: ['nFeaturesIn_'], ints: [0, '*'] })),
    mean_: saved.nullable(saved.array({ shape: ['nFeaturesIn_'] })), var_: saved.nullable(saved.array({ shape: ['nFeaturesIn_'] })), scale_: saved.nullable(saved.array({ shape: ['nFeaturesIn_'] })),
  };
}

/** scikit-learn's _incremental_mean_and_var: merges the running (mean, var, count) with a batch.
 *  The batch's own sum of squares is Σ(x - T)² - (Σ(x - T))²/m about its mean T (the correction
 *  term absorbs T's rounding), and the two groups combine by Chan's update. */
function incrementalMeanAndVar(
  x: Float64Array, n: number, f: number, lastMean: Float64Array, lastVar: Float64Array | null, lastCount: Float64Array,
  { newSum, newCount }: { newSum: Float64Array; newCount: Float64Array },
): { mean: Float64Array; variance: Float64Array | null } {
  const lastSum = lastMean.map((m, j) => m * lastCount[j]);
  const count = lastCount.map((c, j) => c + newCount[j]);
  const mean = lastSum.map((s, j) => (s + newSum[j]) / count[j]);
  if (!lastVar) return { mean, variance: null };
  const T = newSum.map((s, j) => s / newCount[j]);
  // Σ (x - T) and Σ (x - T)² per column in one pass over X, NaN terms left out (np.nansum)
  const correction = new Float64Array(f), squares = new Float64Array(f);
  for (let i = 0, o = 0; i < n; i++) {
    for (let j = 0; j < f; j++, o++) {
      const t = x[o] - T[j];
      if (Number.isNaN(t)) continue;
      correction[j] += t;
      squares[j] += t * t;
    }
  }
  const variance = new Float64Array(f);
  for (let j = 0; j < f; j++) {
    const newUnnormalised = squares[j] - (correction[j] * correction[j]) / newCount[j];
    if (lastCount[j] === 0) {
      variance[j] = newUnnormalised / count[j];
      continue;
    }
    const lastOverNew = lastCount[j] / newCount[j];
    const gap = lastSum[j] / lastOverNew - newSum[j];
    variance[j] = (lastVar[j] * lastCount[j] + newUnnormalised + (lastOverNew / count[j]) * (gap * gap)) / count[j];
  }
  return { mean, variance };
}

/** √var, except 1 for features scikit-learn deems constant: var <= n·eps·var + (n·mean·eps)². */
function scaleFrom(variance: Float64Array, mean: Float64Array, count: Float64Array): Float64Array {
  return variance.map((v, j) => {
    const upper = count[j] * EPS * v + (count[j] * mean[j] * EPS) ** 2;
    return v <= upper ? 1 : Math.sqrt(v);
  });
}

registerEstimator('StandardScaler', StandardScaler);
