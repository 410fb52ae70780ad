// AdaBoost (SAMME, Zhu et al. 2009): fit weak classifiers one after another, each on the same data
// re-weighted so that the samples its predecessors got wrong count more. Round m fits h_m with sample
// weights w, measures its weighted error err_m = Σ w_i·[h_m(x_i) ≠ y_i] / Σ w_i, gives it the vote
//     α_m = learningRate · (ln((1 - err_m)/err_m) + ln(K - 1))
// and multiplies the weight of every misclassified sample by e^α_m. The ensemble predicts the class
// with the largest total vote Σ_m α_m·[h_m(x) = c]. The one thing to understand: a member must beat
// random guessing (err < 1 - 1/K) to get a positive vote, and a perfect member (err = 0) ends the
// boosting at once: nothing is left to re-weight, so a fully grown tree gives a one-member ensemble.
// 'SAMME.R' (scikit-learn 1.2's default) boosts with the members' class probabilities instead.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import type { BaseEstimator } from '../base.ts';
import { Classifier } from '../mixins.ts';
import { checkArray, checkConsistentLength, checkNFeatures } from '../validation.ts';
import { type Labels, encodeLabels, labelIndices, takeLabels } from '../utils/labels.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { checkInterval, checkOption } from '../utils/check-params.ts';
import { checkSampleWeight } from '../utils/sample-weight.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier.ts';
import { makeEstimator } from './make-estimator.ts';
import { argmaxRows, npSum, sammeProba, softmaxRows } from './samme.ts';

/** What AdaBoost needs of its members: fit with sample weights, predict, and `classes_`. */
interface Member extends BaseEstimator {
  fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<unknown>;
  predict(X: unknown): Promise<Labels>;
  predictProba?(X: unknown): Promise<NDArray>;
  classes_?: Labels;
}

export type AdaBoostClassifierParams = {
  /** The weak learner to clone for every round; null = DecisionTreeClassifier({maxDepth: 1}), a stump. */
  estimator: BaseEstimator | null;
  nEstimators: number;
  /** Shrinks every member's vote α_m. */
  learningRate: number;
  /** 'SAMME' votes with predicted labels; 'SAMME.R' with predicted class probabilities. */
  algorithm: 'SAMME' | 'SAMME.R';
  randomState: RandomStateLike;
};

/** One boosting round's outcome: new weights (null = stop without keeping the member), vote, error. */
type Round = [weights: Float64Array | null, vote: number, error: number];

/**
 * AdaBoost (SAMME): each new stump is fitted with more weight on the samples the ensemble gets wrong (scikit-learn's AdaBoostClassifier).
 *
 * @example
 * ```ts
 * import { AdaBoostClassifier } from 'tessera/sklearn';
 *
 * const X = [[0], [1], [2], [3], [4], [5], [6], [7]];
 * const y = [0, 0, 1, 1, 1, 1, 0, 0]; // no single threshold separates the classes
 * const ada = await new AdaBoostClassifier({ nEstimators: 10, randomState: 0 }).fit(X, y);
 * console.log(await ada.predict(X), await ada.score(X, y));
 * ```
 *
 * ```text output
 * array([0, 0, 1, 1, 1, 1, 0, 0]) 1
 * ```
 */
export class AdaBoostClassifier<L extends Labels = NDArray> extends Classifier<AdaBoostClassifierParams, L> {
  estimator_?: BaseEstimator;
  estimators_?: BaseEstimator[];
  /** α_m for each round (0 for rounds never run); length nEstimators. */
  estimatorWeights_?: NDArray;
  /** err_m for each round (1 for rounds never run); length nEstimators. */
  estimatorErrors_?: NDArray;
  classes_?: L;
  nClasses_?: number;
  nFeaturesIn_?: number;
  /** Σ_m α_m·importances_m / Σ_m α_m, when the members have importances (trees do). */
  featureImportances_?: NDArray;

  constructor(params: Partial<AdaBoostClassifierParams> = {}) {
    super({ estimator: null, nEstimators: 50, learningRate: 1, algorithm: 'SAMME', randomState: null }, params);
  }

  async fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<this> {
    const { nEstimators, learningRate, algorithm } = this.params;
    const name = this.estimatorName;
    checkInterval(name, 'nEstimators', nEstimators, { low: 1, closed: 'left', integer: true });
    checkInterval(name, 'learningRate', learningRate, { low: 0, closed: 'neither' });
    checkOption(name, 'algorithm', algorithm, ['SAMME', 'SAMME.R']);
    const Xc = await checkArray(X, { estimator: name });
    const labels = await encodeLabels(y, name);
    checkConsistentLength(Xc, labels.y);
    const template = (this.params.estimator ?? new DecisionTreeClassifier({ maxDepth: 1 })) as Member;
    if (template.fit.length < 3) throw new ValueError(`${template.estimatorName} doesn't support sample_weight.`);
    if (algorithm === 'SAMME.R' && typeof template.predictProba !== 'function') {
      throw new TypeError("AdaBoostClassifier with algorithm='SAMME.R' requires that the weak learner supports the calculation of class probabilities with a predict_proba method.\nPlease change the base estimator or set algorithm='SAMME' instead.");
    }
    const n = Xc.shape[0];
    let w = await checkSampleWeight(sampleWeight, n, { onlyNonNegative: true });
    const total = npSum(w);
    w = w.map((v) => v / total);

    this.estimator_ = template;
    this.estimators_ = [];
    const weights = new Float64Array(nEstimators);
    const errors = new Float64Array(nEstimators).fill(1);
    const rng = checkRandomState(this.params.randomState);
    const zero = w.map((v) => (v === 0 ? 1 : 0));
    // The members learn the labels as given; their votes are compared as class indices.
    this.classes_ = labels.classes as L;
    this.nClasses_ = labels.nClasses;
    const truth = Float64Array.from(labels.codes);
    for (let m = 0; m < nEstimators; m++) {
      // Keep every live weight at least machine epsilon, so no sample is ever forgotten entirely.
      w = w.map((v, i) => (zero[i] ? 0 : Math.max(v, Number.EPSILON)));
      const [next, vote, error] = await this.boost(m, Xc, y, truth, w, template, rng);
      if (next === null) break;
      weights[m] = vote;
      errors[m] = error;
      if (error === 0) break;
      const sum = npSum(next);
      if (!Number.isFinite(sum) || sum <= 0) break;
      w = m < nEstimators - 1 ? next.map((v) => v / sum) : next;
    }
    this.estimatorWeights_ = np.array(weights);
    this.estimatorErrors_ = np.array(errors);
    this.nFeaturesIn_ = Xc.shape[1];
    this.featureImportances_ = weightedImportances(this.estimators_, weights);
    return this;
  }

  /** One round: fit a fresh member on weights w, score it, and re-weight the samples. */
  private async boost(m: number, X: NDArray, y: unknown, truth: Float64Array, w: Float64Array, template: Member, rng: np.random.RandomState): Promise<Round> {
    const est = makeEstimator(template, rng);
    (this.estimators_ as BaseEstimator[]).push(est);
    await est.fit(X, y, np.array(w));
    const real = this.params.algorithm === 'SAMME.R';
    const proba = real ? ((await (est.predictProba as (x: unknown) => Promise<NDArray>)(X)).dataSync() as Float64Array) : null;
    const k = this.nClasses_ as number;
    const predicted = proba ? argmaxRows(proba, k) : labelIndices(await est.predict(X), this.classes_ as L);
    const incorrect = Float64Array.from(truth, (t, i) => (predicted[i] !== t ? 1 : 0));
    const error = npSum(incorrect.map((v, i) => v * w[i])) / npSum(w);
    if (error <= 0) return [w, 1, 0];
    const last = m === this.params.nEstimators - 1;
    if (proba) return [last ? w : this.realUpdate(proba, k, truth, w), 1, error];
    if (error >= 1 - 1 / k) {
      (this.estimators_ as BaseEstimator[]).pop();
      if (this.estimators_?.length === 0) {
        throw new ValueError('BaseClassifier in AdaBoostClassifier ensemble is worse than random, ensemble can not be fit.');
      }
      return [null, 0, 0];
    }
    const vote = this.params.learningRate * (np.libm.log((1 - error) / error) + np.libm.log(k - 1));
    // w_i <- w_i · e^α for the misclassified samples, written exp(log w + α·[wrong]) as sklearn does.
    // (NumPy's own AVX-512 exp/log round ~1 result in 4 differently from libm's, so the weights can
    // differ from scikit-learn's in the last bit, and an exact tie between two splits may then go
    // the other way.)
    return [last ? w : w.map((v, i) => Math.exp(np.libm.log(v) + vote * incorrect[i] * (v > 0 ? 1 : 0))), vote, error];
  }

  /** SAMME.R: w_i <- w_i · exp(-lr·(K-1)/K · Σ_c y_ic·log p_ic), with y_ic = 1 for the true class
   *  and -1/(K-1) for the others (probabilities clipped at machine epsilon). */
  private realUpdate(proba: Float64Array, k: number, truth: Float64Array, w: Float64Array): Float64Array {
    return w.map((v, i) => {
      let s = 0;
      for (let c = 0; c < k; c++) {
        const code = c === truth[i] ? 1 : -1 / (k - 1);
        s += code * np.libm.log(Math.max(proba[i * k + c], Number.EPSILON));
      }
      const alpha = -1 * this.params.learningRate * ((k - 1) / k) * s;
      return v * Math.exp(alpha * (v > 0 || alpha < 0 ? 1 : 0));
    });
  }

  /** Σ_m α_m·[h_m(x) = c] / Σ_m α_m per class (SAMME.R: the members' centred log-probabilities);
   *  for two classes one column, positive for classes_[1]. */
  async decisionFunction(X: unknown): Promise<NDArray> {
    const [scores, n] = await this.scores(X);
    const k = this.nClasses_ as number;
    if (k === 2) return np.array(Float64Array.from({ length: n }, (_, i) => -scores[2 * i] + scores[2 * i + 1]));
    return np.array(scores).reshape(n, k);
  }

  async predict(X: unknown): Promise<L> {
    const [scores, n] = await this.scores(X);
    const k = this.nClasses_ as number;
    const best = k === 2 ? Int32Array.from({ length: n }, (_, i) => (-scores[2 * i] + scores[2 * i + 1] > 0 ? 1 : 0)) : argmaxRows(scores, k);
    return takeLabels(this.classes_ as L, best);
  }

  /** softmax of the decision function / (K - 1) (for two classes, of ±decision/2). */
  async predictProba(X: unknown): Promise<NDArray> {
    const [scores, n] = await this.scores(X);
    const k = this.nClasses_ as number;
    if (k === 1) return np.ones([n, 1]);
    const z = k === 2
      ? Float64Array.from({ length: 2 * n }, (_, j) => {
        const d = -scores[2 * (j >> 1)] + scores[2 * (j >> 1) + 1];
        return (j % 2 === 0 ? -d : d) / 2;
      })
      : scores.map((s) => s / (k - 1));
    return np.array(softmaxRows(z, k)).reshape(n, k);
  }

  /** The per-class vote totals (n x K, row-major), divided by the total vote. */
  private async scores(X: unknown): Promise<[Float64Array, number]> {
    this.checkIsFitted();
    const Xc = await checkArray(X, { estimator: this.estimatorName });
    checkNFeatures(Xc, this.nFeaturesIn_ as number, this.estimatorName);
    const n = Xc.shape[0];
    const k = this.nClasses_ as number;
    const alphas = (this.estimatorWeights_ as NDArray).dataSync() as Float64Array;
    const scores = new Float64Array(n * k);
    for (const [m, member] of (this.estimators_ as Member[]).entries()) {
      if (this.params.algorithm === 'SAMME.R') {
        const logs = sammeProba(((await (member.predictProba as (x: unknown) => Promise<NDArray>)(Xc)).dataSync() as Float64Array), k);
        logs.forEach((v, j) => { scores[j] += v; });
      } else {
        const predicted = labelIndices(await member.predict(Xc), this.classes_ as L);
        predicted.forEach((c, i) => { if (c >= 0) scores[i * k + c] += alphas[m]; });
      }
    }
    const norm = npSum(alphas);
    return [scores.map((s) => s / norm), n];
  }

  static override readonly learned = {
    classes_: saved.labels(), nClasses_: saved.size('classes_'), nFeaturesIn_: saved.count(1),
    featureImportances_: saved.optional(saved.array({ shape: ['nFeaturesIn_'] })), estimator_: saved.estimator(), estimators_: saved.list(saved.estimator({ nFeaturesIn_: 'nFeaturesIn_' })),
    estimatorWeights_: saved.array({ shape: ['*'] }), estimatorErrors_: saved.array({ shape: ['*'] }),
  };
}

/** The members' importances averaged with their votes as weights; undefined if a member has none. */
function weightedImportances(members: BaseEstimator[], votes: Float64Array): NDArray | undefined {
  const all = members.map((m) => (m as { featureImportances_?: NDArray }).featureImportances_);
  if (all.some((imp) => imp === undefined)) return undefined;
  const sum = new Float64Array((all[0] as NDArray).shape[0]);
  all.forEach((imp, m) => (imp as NDArray).dataSync().forEach((v, f) => { sum[f] += votes[m] * v; }));
  const norm = npSum(votes);
  return np.array(sum.map((v) => v / norm));
}

registerEstimator('AdaBoostClassifier', AdaBoostClassifier);
