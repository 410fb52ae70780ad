// CART (Breiman et al., 1984), grown depth first as scikit-learn's DepthFirstTreeBuilder does.
// Start with every sample in the root. A node becomes a leaf if it is pure, too deep, or too small;
// otherwise the splitter searches every (feature, threshold) pair for the split that most reduces the
// impurity, e.g. the Gini impurity
//     G(node) = 1 - Σ_c p_c²,   p_c = (weight of class c in the node) / (weight of the node),
// by minimising the children's weighted impurity W_L·G(left) + W_R·G(right); thresholds sit halfway
// between consecutive distinct values of the feature. Each child is then grown the same way.
// The one thing to understand: this is greedy (each split is the best *now*, never revisited), and a
// tree without limits keeps splitting until every leaf is pure, so it can fit any training set.
// Nodes are numbered in the order they are created: a node, then its whole left subtree, then its right.
import type { RandomState } from '../utils/random-state.ts';
import type { Criterion } from './criterion.ts';
import { BestSplitter, type SplitRecord } from './splitter.ts';
import { Tree, TREE_UNDEFINED } from './tree.ts';

/** Impurities this close to 0 count as pure. */
const EPSILON = 2 ** -52;

export interface CartOptions {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minWeightLeaf: number;
  minImpurityDecrease: number;
  maxFeatures: number;
}

interface StackRecord {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
  impurity: number;
  nConstantFeatures: number;
}

/** Grows a tree on X (row-major float32, nFeatures columns). `makeCriterion` gets the total
 *  training weight; `valueWidth` is the number of classes (1 for regression). */
export function buildTree(
  X: Float32Array,
  nFeatures: number,
  sampleWeight: Float64Array | null,
  makeCriterion: (weightedNSamples: number) => Criterion,
  valueWidth: number,
  options: CartOptions,
  rng: RandomState,
): Tree {
  // The total weight counts zero-weight samples too (they add nothing), in index order.
  const weightedNSamples = sampleWeight === null ? X.length / nFeatures : sampleWeight.reduce((s, w) => s + w, 0);
  const splitter = new BestSplitter(X, nFeatures, sampleWeight, makeCriterion(weightedNSamples), options, rng);
  const tree = Tree.empty(nFeatures, valueWidth);
  const value = new Float64Array(valueWidth);
  const stack: StackRecord[] = [{
    start: 0, end: splitter.samples.length, depth: 0, parent: TREE_UNDEFINED, isLeft: false, impurity: Infinity, nConstantFeatures: 0,
  }];
  let maxDepthSeen = -1;
  let first = true;
  while (stack.length > 0) {
    const record = stack.pop() as StackRecord;
    const { start, end, depth } = record;
    const nNodeSamples = end - start;
    const weightedNNodeSamples = splitter.nodeReset(start, end);
    let isLeaf = depth >= options.maxDepth || nNodeSamples < options.minSamplesSplit
      || nNodeSamples < 2 * options.minSamplesLeaf || weightedNNodeSamples < 2 * options.minWeightLeaf;
    // Only the root computes its impurity; children inherit the one their parent's split computed.
    const impurity = first ? splitter.criterion.nodeImpurity() : record.impurity;
    first = false;
    isLeaf ||= impurity <= EPSILON;
    let split: SplitRecord | null = null;
    let childConstants = record.nConstantFeatures;
    if (!isLeaf) {
      [split, childConstants] = splitter.nodeSplit(impurity, record.nConstantFeatures);
      isLeaf = split.pos >= end || split.improvement + EPSILON < options.minImpurityDecrease;
    }
    splitter.criterion.nodeValue(value, 0);
    const id = tree.addNode(record.parent, record.isLeft, isLeaf, split?.feature ?? 0, split?.threshold ?? 0,
      impurity, nNodeSamples, weightedNNodeSamples, value);
    if (!isLeaf && split) {
      const child = { depth: depth + 1, parent: id, nConstantFeatures: childConstants };
      stack.push({ ...child, start: split.pos, end, isLeft: false, impurity: split.impurityRight });
      stack.push({ ...child, start, end: split.pos, isLeft: true, impurity: split.impurityLeft });
    }
    maxDepthSeen = Math.max(maxDepthSeen, depth);
  }
  tree.maxDepth = maxDepthSeen;
  return tree;
}
