// DecisionTreeClassifier: a CART tree (see cart.ts) whose leaves hold the weighted count of each class
// among the training samples that reach them. predict is the leaf's majority class; predictProba the
// leaf's class fractions. The one thing to understand: grown without limits, the tree splits until
// every leaf is pure, so training accuracy is 100% and the leaves' probabilities are all 0 or 1;
// maxDepth, minSamplesLeaf... trade that fit for smoother, better-generalising boundaries.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { Classifier } from '../mixins.ts';
import { checkRandomState } from '../utils/random-state.ts';
import { type Labels, encodeLabels, takeLabels } from '../utils/labels.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { tree } from './check-tree.ts';
import { Entropy, Gini } from './criterion.ts';
import { Tree } from './tree.ts';
import { TREE_DEFAULTS, applyTree, checkTreeX, fittedTree, growTree, treeRows, validateTreeParams, type DecisionTreeParams } from './tree-params.ts';

export type DecisionTreeClassifierParams = DecisionTreeParams & {
  /** 'gini' (1 - Σp²) or 'entropy' / 'log_loss' (-Σ p log₂ p). */
  criterion: 'gini' | 'entropy' | 'log_loss';
};

/**
 * A CART classification tree, split by Gini impurity or entropy (scikit-learn's DecisionTreeClassifier).
 *
 * @example
 * ```ts
 * import { DecisionTreeClassifier } from 'tessera/sklearn';
 *
 * const X = [[0, 1], [1, 0], [2, 1], [3, 0], [4, 1], [5, 0]];
 * const tree = await new DecisionTreeClassifier({ randomState: 0 }).fit(X, [0, 0, 0, 1, 1, 1]);
 * console.log(await tree.predict([[1, 1], [4, 0]]), tree.featureImportances_);
 * ```
 *
 * ```text output
 * array([0, 1]) array([1., 0.])
 * ```
 */
export class DecisionTreeClassifier<L extends Labels = NDArray> extends Classifier<DecisionTreeClassifierParams, L> {
  classes_?: L;
  nClasses_?: number;
  nFeaturesIn_?: number;
  maxFeatures_?: number;
  tree_?: Tree;
  featureImportances_?: NDArray;

  constructor(params: Partial<DecisionTreeClassifierParams> = {}) {
    super({ criterion: 'gini', ...TREE_DEFAULTS }, params);
  }

  /** Grows the tree; `sampleWeight` scales each sample's count in every impurity and leaf value. */
  async fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<this> {
    validateTreeParams(this.params, this.estimatorName, ['gini', 'entropy', 'log_loss']);
    const rng = checkRandomState(this.params.randomState);
    const Xc = await checkTreeX(X, this.estimatorName);
    const { classes, nClasses, codes } = await encodeLabels(y, this.estimatorName);
    const Criterion = this.params.criterion === 'gini' ? Gini : Entropy;
    const target = Float64Array.from(codes);
    await growTree(this, Xc, target, sampleWeight, rng, (weights, total) => new Criterion(target, weights, total, nClasses), nClasses);
    this.classes_ = classes as L;
    this.nClasses_ = nClasses;
    return this;
  }

  /** The class with the largest weight in each sample's leaf (the first one on ties). */
  async predict(X: unknown): Promise<L> {
    const values = await this.leafValues(X);
    const k = this.nClasses_ as number;
    const best = new Int32Array(values.length / k);
    for (let i = 0; i < best.length; i++) {
      for (let c = 1; c < k; c++) if (values[i * k + c] > values[i * k + best[i]]) best[i] = c;
    }
    return takeLabels(this.classes_ as L, best);
  }

  /** The class fractions in each sample's leaf, shape (n, nClasses). */
  async predictProba(X: unknown): Promise<NDArray> {
    const values = await this.leafValues(X);
    const k = this.nClasses_ as number;
    for (let i = 0; i < values.length; i += k) {
      let total = 0;
      for (let c = 0; c < k; c++) total += values[i + c];
      if (total === 0) total = 1;
      for (let c = 0; c < k; c++) values[i + c] /= total;
    }
    return np.array(values).reshape(values.length / k, k);
  }

  /** log of predictProba. */
  async predictLogProba(X: unknown): Promise<NDArray> {
    return np.log(await this.predictProba(X));
  }

  /** The index of the leaf each sample ends in. */
  async apply(X: unknown): Promise<NDArray> {
    return applyTree(this, X);
  }

  /** The depth of the tree (a lone root has depth 0). */
  getDepth(): number {
    return fittedTree(this).maxDepth;
  }

  getNLeaves(): number {
    return fittedTree(this).nLeaves;
  }

  private async leafValues(X: unknown): Promise<Float64Array> {
    return fittedTree(this).predict(await treeRows(this, X));
  }

  static override readonly learned = {
    classes_: saved.labels(), nClasses_: saved.size('classes_'), nFeaturesIn_: saved.count(1), maxFeatures_: saved.count(1),
    featureImportances_: saved.array({ shape: ['nFeaturesIn_'] }), tree_: tree('nFeaturesIn_', 'classes_'),
  };
}

registerEstimator('DecisionTreeClassifier', DecisionTreeClassifier);
