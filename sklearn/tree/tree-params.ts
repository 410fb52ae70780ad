// What DecisionTreeClassifier and DecisionTreeRegressor share: their hyper-parameters, turning them
// into the builder's limits (fractions of samples become counts, 'sqrt' becomes ⌊√n_features⌋...),
// the sample weights, X in the float32 that scikit-learn's trees work in, and the fitted tree that
// predict/apply/getDepth read.
// The one thing to understand: as in JavaScript 1 and 1.0 are the same number, an integer means a
// count and a non-integer a fraction (minSamplesSplit: 1 is the fraction 1.0, as scikit-learn reads it).
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { checkIsFitted, type BaseEstimator } from '../base.ts';
import type { RandomState, RandomStateLike } from '../utils/random-state.ts';
import { checkSampleWeight } from '../utils/sample-weight.ts';
import { checkArray, checkNFeatures } from '../validation.ts';
import { buildTree, type CartOptions } from './cart.ts';
import type { Criterion } from './criterion.ts';
import type { Tree } from './tree.ts';

export type DecisionTreeParams = {
  criterion: string;
  splitter: 'best';
  /** null grows until every leaf is pure (or smaller than minSamplesSplit). */
  maxDepth: number | null;
  /** An int count, or a fraction of the samples. */
  minSamplesSplit: number;
  /** An int count, or a fraction of the samples. */
  minSamplesLeaf: number;
  minWeightFractionLeaf: number;
  /** Features tried per split: null = all, an int, a fraction, 'sqrt' or 'log2'. */
  maxFeatures: number | 'sqrt' | 'log2' | null;
  randomState: RandomStateLike;
  minImpurityDecrease: number;
};

export const TREE_DEFAULTS: Omit<DecisionTreeParams, 'criterion'> = {
  splitter: 'best', maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, minWeightFractionLeaf: 0,
  maxFeatures: null, randomState: null, minImpurityDecrease: 0,
};

const pyRepr = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : v === null || v === undefined ? 'None' : String(v));
const isNum = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
const isInt = (v: unknown): v is number => isNum(v) && Number.isInteger(v);

/** Checks every param (scikit-learn's _validate_params wording); `criteria` are the valid criteria. */
export function validateTreeParams(p: DecisionTreeParams, estimator: string, criteria: string[]): void {
  const fail = (name: string, must: string, value: unknown): never => {
    throw new ValueError(`The '${name}' parameter of ${estimator} must be ${must}. Got ${pyRepr(value)} instead.`);
  };
  const strs = (s: string[]): string => `a str among {${s.map((x) => `'${x}'`).join(', ')}}`;
  if (!criteria.includes(p.criterion)) fail('criterion', strs(criteria), p.criterion);
  if (p.splitter !== 'best') fail('splitter', "a str among {'best'} (tessera has no random splitter)", p.splitter);
  if (p.maxDepth !== null && !(isInt(p.maxDepth) && p.maxDepth >= 1)) fail('maxDepth', 'an int in the range [1, inf) or None', p.maxDepth);
  const s = p.minSamplesSplit;
  if (!((isInt(s) && s >= 2) || (isNum(s) && s > 0 && s <= 1))) {
    fail('minSamplesSplit', 'an int in the range [2, inf) or a float in the range (0.0, 1.0]', s);
  }
  const l = p.minSamplesLeaf;
  if (!((isInt(l) && l >= 1) || (isNum(l) && l > 0 && l < 1))) {
    fail('minSamplesLeaf', 'an int in the range [1, inf) or a float in the range (0.0, 1.0)', l);
  }
  const w = p.minWeightFractionLeaf;
  if (!(isNum(w) && w >= 0 && w <= 0.5)) fail('minWeightFractionLeaf', 'a float in the range [0.0, 0.5]', w);
  const f = p.maxFeatures;
  if (!(f === null || f === 'sqrt' || f === 'log2' || (isInt(f) && f >= 1) || (isNum(f) && f > 0 && f <= 1))) {
    fail('maxFeatures', "an int in the range [1, inf), a float in the range (0.0, 1.0], a str among {'log2', 'sqrt'} or None", f);
  }
  if (!(isNum(p.minImpurityDecrease) && p.minImpurityDecrease >= 0)) fail('minImpurityDecrease', 'a float in the range [0.0, inf)', p.minImpurityDecrease);
}

/** The builder's limits for n samples of nFeatures features (BaseDecisionTree.fit). */
export function cartOptions(p: DecisionTreeParams, n: number, nFeatures: number, sampleWeight: Float64Array | null): CartOptions {
  const minSamplesLeaf = isInt(p.minSamplesLeaf) ? p.minSamplesLeaf : Math.ceil(p.minSamplesLeaf * n);
  const minSamplesSplit = isInt(p.minSamplesSplit) && p.minSamplesSplit >= 2 ? p.minSamplesSplit : Math.max(2, Math.ceil(p.minSamplesSplit * n));
  const totalWeight = sampleWeight === null ? n : sampleWeight.reduce((s, x) => s + x, 0);
  return {
    maxDepth: p.maxDepth ?? 2147483647,
    minSamplesLeaf,
    minSamplesSplit: Math.max(minSamplesSplit, 2 * minSamplesLeaf),
    minWeightLeaf: p.minWeightFractionLeaf * totalWeight,
    minImpurityDecrease: p.minImpurityDecrease,
    maxFeatures: resolveMaxFeatures(p.maxFeatures, nFeatures),
  };
}

/** How many features each split tries. */
export function resolveMaxFeatures(maxFeatures: DecisionTreeParams['maxFeatures'], nFeatures: number): number {
  if (maxFeatures === null) return nFeatures;
  if (maxFeatures === 'sqrt') return Math.max(1, Math.trunc(Math.sqrt(nFeatures)));
  if (maxFeatures === 'log2') return Math.max(1, Math.trunc(Math.log2(nFeatures)));
  if (Number.isInteger(maxFeatures)) return maxFeatures;
  return Math.max(1, Math.trunc(maxFeatures * nFeatures));
}

/** check_consistent_length for X and y. */
export function checkSameLength(nX: number, nY: number): void {
  if (nX !== nY) throw new ValueError(`Found input variables with inconsistent numbers of samples: [${nX}, ${nY}]`);
}

/** X validated as scikit-learn's trees do it (check_array with dtype float32), in fit and predict:
 *  the values are cast first, so a finite value beyond float32's range becomes infinity and is rejected
 *  as "too large for dtype('float32')", and the tree splits and routes samples on the float32 values. */
export function checkTreeX(X: unknown, estimator: string): Promise<NDArray> {
  return checkArray(X, { estimator, dtype: 'float32' });
}

/** X for predict/apply of a fitted tree model: checked as in fit, with fit's number of features. */
export async function checkFittedTreeX(est: BaseEstimator & { nFeaturesIn_?: number }, X: unknown): Promise<NDArray> {
  checkIsFitted(est);
  const Xc = await checkTreeX(X, est.estimatorName);
  checkNFeatures(Xc, est.nFeaturesIn_ as number, est.estimatorName);
  return Xc;
}

type FittedTreeModel = BaseEstimator & { nFeaturesIn_?: number; tree_?: Tree };
type TreeModel = FittedTreeModel & { params: DecisionTreeParams; maxFeatures_?: number; featureImportances_?: NDArray };

/** The rest of fit() once X (checked by checkTreeX) and the target are read: checks the sample weights,
 *  grows the tree with the criterion `makeCriterion` builds (it gets the checked weights and the total
 *  weight; `valueWidth` is the number of classes, 1 for regression) and stores the fitted attributes. */
export async function growTree(
  est: TreeModel, Xc: NDArray, target: Float64Array, sampleWeight: unknown, rng: RandomState,
  makeCriterion: (weights: Float64Array, total: number) => Criterion, valueWidth: number,
): Promise<void> {
  const [n, nFeatures] = Xc.shape;
  checkSameLength(n, target.length);
  const weights = await checkSampleWeight(sampleWeight, n);
  const options = cartOptions(est.params, n, nFeatures, weights);
  const tree = buildTree(Xc.dataSync() as Float32Array, nFeatures, weights, (total) => makeCriterion(weights, total), valueWidth, options, rng);
  est.nFeaturesIn_ = nFeatures;
  est.maxFeatures_ = options.maxFeatures;
  est.tree_ = tree;
  est.featureImportances_ = np.array(tree.featureImportances());
}

/** The tree a DecisionTree* estimator grew (NotFittedError before fit). */
export function fittedTree(est: FittedTreeModel): Tree {
  checkIsFitted(est);
  return est.tree_ as Tree;
}

/** The float32 rows of X, ready to route through the fitted tree. */
export async function treeRows(est: FittedTreeModel, X: unknown): Promise<Float32Array> {
  return (await checkFittedTreeX(est, X)).dataSync() as Float32Array;
}

/** apply(): the index of the leaf each sample of X ends in. */
export async function applyTree(est: FittedTreeModel, X: unknown): Promise<NDArray> {
  return np.array(fittedTree(est).apply(await treeRows(est, X)));
}
