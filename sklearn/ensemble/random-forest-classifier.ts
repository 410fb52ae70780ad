// Random forest (Breiman, 2001): many decision trees, each grown on a bootstrap sample of the data
// (n rows drawn with replacement) and trying only a random subset of the features at each split
// (√n_features by default); the forest averages the trees' class probabilities.
// The one thing to understand: one deep tree has low bias but high variance; trees that see different
// rows and features make partly independent errors, and averaging them cancels much of the variance.
// Seeding follows scikit-learn: the forest's RandomState draws one seed per tree, up front; a tree's
// seed gives both its bootstrap draw (randint(0, n, n)) and, afresh, its splitter's feature order.
// The bootstrap is expressed as sample weights (how many times each row was drawn). X is validated
// as float32 once, as scikit-learn's forests do, and the trees get it already cast.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { RandomState } from '../utils/random-state.ts';
import { ValueError } from '../../ndarray/index.ts';
import { Classifier } from '../mixins.ts';
import { checkRandomState } from '../utils/random-state.ts';
import { checkBoolean, checkInterval } from '../utils/check-params.ts';
import { type Labels, encodeLabels, takeLabels } from '../utils/labels.ts';
import { checkSampleWeight } from '../utils/sample-weight.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { DecisionTreeClassifier, type DecisionTreeClassifierParams } from '../tree/decision-tree-classifier.ts';
import { checkFittedTreeX, checkSameLength, checkTreeX, validateTreeParams } from '../tree/tree-params.ts';
import { makeEstimator } from './make-estimator.ts';
import { argmaxRows } from './samme.ts';

export type RandomForestClassifierParams = Omit<DecisionTreeClassifierParams, 'splitter'> & {
  nEstimators: number;
  /** Grow each tree on a bootstrap sample (else on all rows). */
  bootstrap: boolean;
  /** Rows per bootstrap sample: null = n, an int count, or a fraction of n. */
  maxSamples: number | null;
};

const TREE_PARAMS = ['criterion', 'maxDepth', 'minSamplesSplit', 'minSamplesLeaf', 'minWeightFractionLeaf', 'maxFeatures', 'minImpurityDecrease'] as const;

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Bagged decision trees with random feature subsets; predictions average the trees' class probabilities (scikit-learn's RandomForestClassifier).
 *
 * @example
 * ```ts
 * import { RandomForestClassifier } from 'tessera/sklearn';
 *
 * const X = [[0, 0], [1, 1], [0, 1], [1, 0], [5, 5], [6, 5], [5, 6], [6, 6]];
 * const y = [0, 0, 0, 0, 1, 1, 1, 1];
 * const forest = await new RandomForestClassifier({ nEstimators: 10, randomState: 0 }).fit(X, y);
 * console.log(forest.estimators_!.length, await forest.predict([[0.5, 0.5], [5.5, 5.5]]));
 * ```
 *
 * ```text output
 * 10 array([0, 1])
 * ```
 */
export class RandomForestClassifier<L extends Labels = NDArray> extends Classifier<RandomForestClassifierParams, L> {
  estimators_?: DecisionTreeClassifier[];
  classes_?: L;
  nClasses_?: number;
  nFeaturesIn_?: number;
  featureImportances_?: NDArray;

  constructor(params: Partial<RandomForestClassifierParams> = {}) {
    super({
      nEstimators: 100, criterion: 'gini', maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, minWeightFractionLeaf: 0,
      maxFeatures: 'sqrt', minImpurityDecrease: 0, bootstrap: true, maxSamples: null, randomState: null,
    }, params);
  }

  async fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<this> {
    const { nEstimators, bootstrap, maxSamples } = this.params;
    const name = this.estimatorName;
    checkInterval(name, 'nEstimators', nEstimators, { low: 1, closed: 'left', integer: true });
    checkBoolean(name, 'bootstrap', bootstrap);
    validateTreeParams({ ...this.params, splitter: 'best' }, name, ['gini', 'entropy', 'log_loss']);
    const Xc = await checkTreeX(X, name);
    const { classes, nClasses, codes } = await encodeLabels(y, name);
    const n = Xc.shape[0];
    checkSameLength(n, codes.length);
    const weights = await checkSampleWeight(sampleWeight, n);
    if (!bootstrap && maxSamples !== null) {
      throw new ValueError('`max_sample` cannot be set if `bootstrap=False`. Either switch to `bootstrap=True` or set `max_sample=None`.');
    }
    const nBootstrap = this.bootstrapSize(n);
    const rng = checkRandomState(this.params.randomState);
    const template = new DecisionTreeClassifier(Object.fromEntries(TREE_PARAMS.map((k) => [k, this.params[k]])));
    const trees = Array.from({ length: nEstimators }, () => makeEstimator(template, rng));
    // The trees see y as class indices, so every tree knows all the classes.
    const yIndex = np.array(codes);
    for (const tree of trees) {
      let w = weights;
      if (bootstrap) {
        const counts = new Float64Array(n);
        const drawn = new RandomState(tree.params.randomState as number).randint(0, n, nBootstrap).dataSync();
        for (const i of drawn) counts[i]++;
        w = counts.map((c, i) => weights[i] * c);
      }
      await tree.fit(Xc, yIndex, w);
    }
    this.estimators_ = trees;
    this.classes_ = classes as L;
    this.nClasses_ = nClasses;
    this.nFeaturesIn_ = Xc.shape[1];
    this.featureImportances_ = np.array(this.meanImportances());
    return this;
  }

  private bootstrapSize(n: number): number {
    const m = this.params.maxSamples;
    if (m === null) return n;
    if (Number.isInteger(m)) {
      if (m > n) throw new ValueError(`\`max_samples\` must be <= n_samples=${n} but got value ${m}`);
      checkInterval(this.estimatorName, 'maxSamples', m, { low: 1, closed: 'left', integer: true });
      return m;
    }
    checkInterval(this.estimatorName, 'maxSamples', m, { low: 0, high: 1, closed: 'both' });
    return roundHalfEven(n * m);
  }

  /** The mean of the trees' importances (trees that are a lone leaf left out), normalised. */
  private meanImportances(): Float64Array {
    const nFeatures = this.nFeaturesIn_ as number;
    const grown = (this.estimators_ as DecisionTreeClassifier[]).filter((t) => (t.tree_?.nodeCount ?? 0) > 1);
    const mean = new Float64Array(nFeatures);
    if (grown.length === 0) return mean;
    for (const t of grown) (t.featureImportances_ as NDArray).dataSync().forEach((v, f) => { mean[f] += v; });
    for (let f = 0; f < nFeatures; f++) mean[f] /= grown.length;
    const total = mean.reduce((s, v) => s + v, 0);
    return mean.map((v) => v / total);
  }

  /** The trees' class probabilities, averaged: shape (n, nClasses). */
  async predictProba(X: unknown): Promise<NDArray> {
    return np.array(await this.meanProba(X)).reshape(-1, this.nClasses_ as number);
  }

  /** The class with the highest mean probability. */
  async predict(X: unknown): Promise<L> {
    return takeLabels(this.classes_ as L, argmaxRows(await this.meanProba(X), this.nClasses_ as number));
  }

  private async meanProba(X: unknown): Promise<Float64Array> {
    const Xc = await checkFittedTreeX(this, X);
    const trees = this.estimators_ as DecisionTreeClassifier[];
    const sum = new Float64Array(Xc.shape[0] * (this.nClasses_ as number));
    for (const tree of trees) (await tree.predictProba(Xc)).dataSync().forEach((p, j) => { sum[j] += p; });
    return sum.map((s) => s / trees.length);
  }

  static override readonly learned = {
    classes_: saved.labels(), nClasses_: saved.size('classes_'), nFeaturesIn_: saved.count(1), featureImportances_: saved.array({ shape: ['nFeaturesIn_'] }),
    estimators_: saved.list(saved.estimator({ nFeaturesIn_: 'nFeaturesIn_', nClasses_: 'classes_' })),
  };
}

registerEstimator('RandomForestClassifier', RandomForestClassifier);
