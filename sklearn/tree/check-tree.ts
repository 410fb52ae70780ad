// The checks a saved tree_ must pass before predict walks it. predict follows childrenLeft/Right
// from the root until it meets a leaf, so a child index pointing back at an ancestor would loop
// forever and one past the end would read garbage. The builder appends children after their
// parent, so a proper tree has every child index greater than its parent's and every node but the
// root reached exactly once: checking that rules out cycles, and each node is then visited once.
import { Mismatch, describe, sizeOf, type Dim, type Rule } from '../utils/saved-state.ts';
import { Tree, TREE_LEAF, TREE_UNDEFINED, type TreeNodes } from './tree.ts';

const ARRAYS = ['childrenLeft', 'childrenRight', 'feature', 'threshold', 'impurity', 'nNodeSamples', 'weightedNNodeSamples'] as const;
const KEYS = ['nFeatures', 'valueWidth', 'maxDepth', ...ARRAYS, 'value'];

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** The saved nodes of a tree over `nFeatures` features with `valueWidth` values per node, as a Tree. */
export function tree(nFeatures: Exclude<Dim, '*'>, valueWidth: Exclude<Dim, '*'>): Rule {
  return (v, loaded) => {
    const nodes = checkLayout(v);
    const expect = (key: 'nFeatures' | 'valueWidth', dim: Dim): void => {
      const want = sizeOf(dim, loaded);
      if (nodes[key] !== want) throw new Mismatch(`a tree with ${key} ${nodes[key]}`, `${want} (from the other attributes)`);
    };
    expect('nFeatures', nFeatures);
    expect('valueWidth', valueWidth);
    checkNodes(nodes);
    return Tree.fromJSON(nodes);
  };
}

/** Every key present, sizes positive integers, every per-node list as long as childrenLeft. */
function checkLayout(v: unknown): TreeNodes {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Mismatch(describe(v), 'the node lists of a tree');
  const t = v as Record<string, unknown>;
  const extra = Object.keys(t).filter((k) => !KEYS.includes(k));
  if (extra.length) throw new Mismatch(`a tree with the unknown key '${extra[0]}'`, `only ${KEYS.join(', ')}`);
  for (const key of ['nFeatures', 'valueWidth'] as const) if (!isCount(t[key]) || t[key] === 0) throw new Mismatch(`a tree with ${key} ${describe(t[key])}`, 'a positive integer');
  const n = Array.isArray(t.childrenLeft) ? t.childrenLeft.length : 0;
  if (n === 0) throw new Mismatch('a tree without nodes', 'at least the root node');
  for (const key of ARRAYS) {
    const a = t[key];
    if (!Array.isArray(a) || a.length !== n || !a.every((x) => typeof x === 'number')) throw new Mismatch(`a tree whose ${key} is ${describe(a)}`, `${n} numbers (one per node)`);
  }
  const width = n * (t.valueWidth as number);
  if (!Array.isArray(t.value) || t.value.length !== width) throw new Mismatch(`a tree whose value is ${describe(t.value)}`, `${width} numbers (nodes x valueWidth)`);
  return t as unknown as TreeNodes;
}

/** Links form a tree rooted at 0; splits use a real feature and a finite threshold; leaves are marked. */
function checkNodes(t: TreeNodes): void {
  const n = t.childrenLeft.length;
  const reached = new Uint8Array(n);
  const depth = new Int32Array(n);
  const bad = (i: number, found: string, expected: string): never => { throw new Mismatch(`a tree whose node ${i} ${found}`, expected); };
  for (let i = 0; i < n; i++) {
    if (i > 0 && !reached[i]) bad(i, 'has no parent', 'every node but the root to be the child of an earlier node');
    const [l, r] = [t.childrenLeft[i], t.childrenRight[i]];
    if (l === TREE_LEAF || r === TREE_LEAF) {
      if (l !== r) bad(i, `has children ${l} and ${r}`, `both ${TREE_LEAF} (a leaf) or both node indices`);
      if (t.feature[i] !== TREE_UNDEFINED || t.threshold[i] !== TREE_UNDEFINED) bad(i, `is a leaf with feature ${t.feature[i]}, threshold ${t.threshold[i]}`, `both ${TREE_UNDEFINED}`);
      continue;
    }
    for (const c of [l, r]) {
      if (!Number.isInteger(c) || c <= i || c >= n) bad(i, `has the child ${c}`, `a node index in (${i}, ${n}) (children come after their parent)`);
      if (reached[c]) bad(i, `has the child ${c}, which another node has too`, 'each node to have one parent');
      reached[c] = 1;
      depth[c] = depth[i] + 1;
    }
    if (!Number.isInteger(t.feature[i]) || t.feature[i] < 0 || t.feature[i] >= t.nFeatures) bad(i, `splits on feature ${t.feature[i]}`, `a feature in [0, ${t.nFeatures})`);
    if (!Number.isFinite(t.threshold[i])) bad(i, `has the threshold ${t.threshold[i]}`, 'a finite threshold');
  }
  checkStatistics(t, depth.reduce((a, b) => Math.max(a, b), 0));
}

/** Values and impurities finite, sample counts non-negative, maxDepth the depth the links give. */
function checkStatistics(t: TreeNodes, maxDepth: number): void {
  if (t.maxDepth !== maxDepth) throw new Mismatch(`a tree with maxDepth ${describe(t.maxDepth)}`, `${maxDepth}, the depth of its deepest leaf`);
  const lists = { value: t.value, impurity: t.impurity, weightedNNodeSamples: t.weightedNNodeSamples, nNodeSamples: t.nNodeSamples };
  for (const [key, xs] of Object.entries(lists)) {
    const counts = key.endsWith('Samples');
    const i = xs.findIndex((x) => !Number.isFinite(x) || (counts && x < 0));
    if (i >= 0) throw new Mismatch(`a tree whose ${key}[${i}] is ${xs[i]}`, counts ? 'finite values >= 0' : 'finite values');
  }
}
