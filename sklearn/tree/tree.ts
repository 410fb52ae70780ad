// A fitted decision tree as parallel arrays, one entry per node (scikit-learn's `tree_`): node i
// tests `x[feature[i]] <= threshold[i]` and sends the sample to childrenLeft[i] if true, else to
// childrenRight[i]; a leaf has children -1 and holds its prediction in value[i]. Node 0 is the root.
// The one thing to understand: samples are compared as float32, as scikit-learn stores X for trees,
// so a threshold learned from float32 values routes the training samples exactly as during fitting.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';

export const TREE_LEAF = -1;
export const TREE_UNDEFINED = -2;

/** The per-node arrays of a tree, as plain numbers (also the JSON form). */
export interface TreeNodes {
  nFeatures: number;
  /** Entries of `value` per node: the number of classes, or 1 for regression. */
  valueWidth: number;
  maxDepth: number;
  childrenLeft: number[];
  childrenRight: number[];
  feature: number[];
  threshold: number[];
  impurity: number[];
  nNodeSamples: number[];
  weightedNNodeSamples: number[];
  value: number[];
}

export class Tree {
  private constructor(private readonly nodes: TreeNodes) {}

  /** An empty tree, filled by `addNode` while building. */
  static empty(nFeatures: number, valueWidth: number): Tree {
    return new Tree({
      nFeatures, valueWidth, maxDepth: 0, childrenLeft: [], childrenRight: [], feature: [], threshold: [],
      impurity: [], nNodeSamples: [], weightedNNodeSamples: [], value: [],
    });
  }

  static fromJSON(nodes: TreeNodes): Tree {
    return new Tree(structuredClone(nodes));
  }

  toJSON(): TreeNodes {
    return structuredClone(this.nodes);
  }

  /** Appends a node, links it to its parent, and returns its id. Leaves get feature/threshold -2. */
  addNode(parent: number, isLeft: boolean, isLeaf: boolean, feature: number, threshold: number,
    impurity: number, nNodeSamples: number, weightedNNodeSamples: number, value: Float64Array): number {
    const t = this.nodes;
    const id = t.childrenLeft.length;
    if (parent !== TREE_UNDEFINED) (isLeft ? t.childrenLeft : t.childrenRight)[parent] = id;
    t.childrenLeft.push(TREE_LEAF);
    t.childrenRight.push(TREE_LEAF);
    t.feature.push(isLeaf ? TREE_UNDEFINED : feature);
    t.threshold.push(isLeaf ? TREE_UNDEFINED : threshold);
    t.impurity.push(impurity);
    t.nNodeSamples.push(nNodeSamples);
    t.weightedNNodeSamples.push(weightedNNodeSamples);
    t.value.push(...value);
    return id;
  }

  set maxDepth(depth: number) { this.nodes.maxDepth = depth; }
  /** The depth of the deepest leaf (the root alone has depth 0). */
  get maxDepth(): number { return this.nodes.maxDepth; }
  get nodeCount(): number { return this.nodes.childrenLeft.length; }
  get nFeatures(): number { return this.nodes.nFeatures; }
  get nLeaves(): number { return this.nodes.childrenLeft.filter((c) => c === TREE_LEAF).length; }

  get childrenLeft(): NDArray { return np.array(this.nodes.childrenLeft, { dtype: 'int32' }); }
  get childrenRight(): NDArray { return np.array(this.nodes.childrenRight, { dtype: 'int32' }); }
  get feature(): NDArray { return np.array(this.nodes.feature, { dtype: 'int32' }); }
  get threshold(): NDArray { return np.array(this.nodes.threshold, { dtype: 'float64' }); }
  get impurity(): NDArray { return np.array(this.nodes.impurity, { dtype: 'float64' }); }
  get nNodeSamples(): NDArray { return np.array(this.nodes.nNodeSamples, { dtype: 'int32' }); }
  get weightedNNodeSamples(): NDArray { return np.array(this.nodes.weightedNNodeSamples, { dtype: 'float64' }); }
  /** Shape (nodeCount, 1, valueWidth) as in scikit-learn: weighted class counts, or the mean target. */
  get value(): NDArray {
    return np.array(this.nodes.value, { dtype: 'float64' }).reshape(this.nodeCount, 1, this.nodes.valueWidth);
  }

  /** The leaf each row of X (row-major, nFeatures columns, any precision) falls into. */
  apply(X: Float64Array | Float32Array): Int32Array {
    const { childrenLeft, childrenRight, feature, threshold, nFeatures } = this.nodes;
    const leaves = new Int32Array(X.length / nFeatures);
    for (let i = 0; i < leaves.length; i++) {
      let node = 0;
      while (childrenLeft[node] !== TREE_LEAF) {
        node = Math.fround(X[i * nFeatures + feature[node]]) <= threshold[node] ? childrenLeft[node] : childrenRight[node];
      }
      leaves[i] = node;
    }
    return leaves;
  }

  /** The leaf values for each row: n x valueWidth, row-major. */
  predict(X: Float64Array | Float32Array): Float64Array {
    const width = this.nodes.valueWidth;
    const leaves = this.apply(X);
    const out = new Float64Array(leaves.length * width);
    leaves.forEach((leaf, i) => {
      for (let k = 0; k < width; k++) out[i * width + k] = this.nodes.value[leaf * width + k];
    });
    return out;
  }

  /** Mean decrease in impurity per feature: Σ over the nodes splitting on f of
   *  W_t·I_t - W_L·I_L - W_R·I_R, divided by the root's weight, then normalised to sum to 1. */
  featureImportances(): Float64Array {
    const { childrenLeft: left, childrenRight: right, feature, impurity, weightedNNodeSamples: w } = this.nodes;
    const importances = new Float64Array(this.nodes.nFeatures);
    for (let t = 0; t < left.length; t++) {
      if (left[t] === TREE_LEAF) continue;
      const [l, r] = [left[t], right[t]];
      importances[feature[t]] += w[t] * impurity[t] - w[l] * impurity[l] - w[r] * impurity[r];
    }
    for (let f = 0; f < importances.length; f++) importances[f] /= w[0];
    const total = importances.reduce((s, v) => s + v, 0);
    if (total > 0) for (let f = 0; f < importances.length; f++) importances[f] /= total;
    return importances;
  }
}
