// DecisionTreeRegressor: a CART tree (see cart.ts) whose leaves predict the weighted mean of the
// training targets that reach them, split to minimise the squared error Σ w·(y - mean)² of the children.
// The one thing to understand: the prediction is piecewise constant, a staircase with one step per
// leaf, so an unlimited tree reproduces every training target and interpolates nothing between them.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { Regressor } from '../mixins.ts';
import { checkTarget } from '../validation.ts';
import { checkRandomState } from '../utils/random-state.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { tree } from './check-tree.ts';
import { SquaredError } from './criterion.ts';
import { Tree } from './tree.ts';
import { TREE_DEFAULTS, applyTree, checkTreeX, fittedTree, growTree, treeRows, validateTreeParams, type DecisionTreeParams } from './tree-params.ts';

export type DecisionTreeRegressorParams = DecisionTreeParams & {
  /** 'squared_error': the variance of y in each node. */
  criterion: 'squared_error';
};

/**
 * A CART regression tree: each leaf predicts the mean of its samples (scikit-learn's DecisionTreeRegressor).
 *
 * @example
 * ```ts
 * import { DecisionTreeRegressor } from 'tessera/sklearn';
 *
 * const X = [[1], [2], [3], [4], [5], [6]];
 * const tree = await new DecisionTreeRegressor({ maxDepth: 1 }).fit(X, [1, 1.2, 0.9, 5, 5.1, 4.8]);
 * console.log(await tree.predict([[2], [5]])); // the mean of each side of the split at x = 3.5
 * ```
 *
 * ```text output
 * array([1.03333333, 4.96666667])
 * ```
 */
export class DecisionTreeRegressor extends Regressor<DecisionTreeRegressorParams> {
  nFeaturesIn_?: number;
  maxFeatures_?: number;
  tree_?: Tree;
  featureImportances_?: NDArray;

  constructor(params: Partial<DecisionTreeRegressorParams> = {}) {
    super({ criterion: 'squared_error', ...TREE_DEFAULTS }, params);
  }

  async fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<this> {
    validateTreeParams(this.params, this.estimatorName, ['squared_error']);
    const rng = checkRandomState(this.params.randomState);
    const Xc = await checkTreeX(X, this.estimatorName);
    const target = Float64Array.from((await checkTarget(y, { estimator: this.estimatorName })).dataSync() as Float64Array);
    await growTree(this, Xc, target, sampleWeight, rng, (weights, total) => new SquaredError(target, weights, total), 1);
    return this;
  }

  /** The mean target of each sample's leaf. */
  async predict(X: unknown): Promise<NDArray> {
    return np.array(fittedTree(this).predict(await treeRows(this, X)));
  }

  /** The index of the leaf each sample ends in. */
  async apply(X: unknown): Promise<NDArray> {
    return applyTree(this, X);
  }

  getDepth(): number {
    return fittedTree(this).maxDepth;
  }

  getNLeaves(): number {
    return fittedTree(this).nLeaves;
  }

  static override readonly learned = {
    nFeaturesIn_: saved.count(1), maxFeatures_: saved.count(1), featureImportances_: saved.array({ shape: ['nFeaturesIn_'] }), tree_: tree('nFeaturesIn_', 1),
  };
}

registerEstimator('DecisionTreeRegressor', DecisionTreeRegressor);
