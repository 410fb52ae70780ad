// The best splitter: for one node, try features in a random order and, for each, every threshold
// between consecutive distinct values, keeping the split whose criterion proxy is largest.
// The one thing to understand: features are drawn one at a time by a partial Fisher-Yates shuffle
// driven by a tiny xorshift generator (scikit-learn's rand_r), seeded once per fit from the
// estimator's RandomState. Even with max_features = all, that order decides which of two equally
// good splits wins (only a strictly better proxy replaces the best), so we draw exactly as sklearn does.
// Features found constant in a node are remembered so its descendants never draw them again.
import type { RandomState } from '../utils/random-state.ts';
import type { Criterion } from './criterion.ts';
import { sortSamples } from './introsort.ts';

/** Values closer than this count as equal (scikit-learn's FEATURE_THRESHOLD, a float32). */
const FEATURE_THRESHOLD = Math.fround(1e-7);
const RAND_R_MAX = 0x7fffffff;

export interface SplitRecord {
  feature: number;
  /** samples[start:pos] go left, samples[pos:end] right; pos = end means no split was found. */
  pos: number;
  threshold: number;
  improvement: number;
  impurityLeft: number;
  impurityRight: number;
}

/** xorshift32 step, returning a value in [0, 2³¹) (scikit-learn's our_rand_r). */
function randR(state: Uint32Array): number {
  let s = state[0] === 0 ? 1 : state[0];
  s = (s ^ (s << 13)) >>> 0;
  s = (s ^ (s >>> 17)) >>> 0;
  s = (s ^ (s << 5)) >>> 0;
  state[0] = s;
  return s % (RAND_R_MAX + 1);
}

/** A uniform integer in [low, high). */
function randInt(low: number, high: number, state: Uint32Array): number {
  return low + (randR(state) % (high - low));
}

export interface SplitterOptions {
  maxFeatures: number;
  minSamplesLeaf: number;
  minWeightLeaf: number;
}

export class BestSplitter {
  /** Indices of the samples with non-zero weight; each node owns a contiguous range. */
  readonly samples: Int32Array;
  private readonly features: Int32Array;
  private readonly constantFeatures: Int32Array;
  private readonly xf: Float32Array;
  private readonly rand = new Uint32Array(1);
  private start = 0;
  private end = 0;

  /** X: row-major float32, n x nFeatures. Draws the xorshift seed from `rng` (one randint). */
  constructor(
    private readonly X: Float32Array,
    private readonly nFeatures: number,
    sampleWeight: Float64Array | null,
    readonly criterion: Criterion,
    private readonly options: SplitterOptions,
    rng: RandomState,
  ) {
    this.rand[0] = rng.randint(0, RAND_R_MAX);
    const n = X.length / nFeatures;
    const kept: number[] = [];
    for (let i = 0; i < n; i++) if (sampleWeight === null || sampleWeight[i] !== 0) kept.push(i);
    this.samples = Int32Array.from(kept);
    this.features = Int32Array.from({ length: nFeatures }, (_, f) => f);
    this.constantFeatures = new Int32Array(nFeatures);
    this.xf = new Float32Array(n);
  }

  /** Focuses on samples[start:end]; returns their total weight. */
  nodeReset(start: number, end: number): number {
    this.start = start;
    this.end = end;
    this.criterion.init(this.samples, start, end);
    return this.criterion.weightedNNodeSamples;
  }

  /** Finds the best split of the current node and partitions its samples by it.
   *  nKnownConstants: how many features (at the front of `features`) the parent found constant;
   *  returns the split and the count for the children. */
  nodeSplit(impurity: number, nKnownConstants: number): [SplitRecord, number] {
    const { samples, features, xf, criterion, start, end } = this;
    const { maxFeatures, minSamplesLeaf, minWeightLeaf } = this.options;
    const best: SplitRecord = { feature: 0, pos: end, threshold: 0, improvement: -Infinity, impurityLeft: Infinity, impurityRight: Infinity };
    let bestProxy = -Infinity;
    // features[0:nDrawnConstants) known constant and drawn, [.., nKnownConstants) known constant not
    // yet drawn, [.., nTotalConstants) found constant here, [.., fI) not drawn, [fI, n) drawn and used.
    let fI = this.nFeatures;
    let nVisited = 0;
    let nFoundConstants = 0;
    let nDrawnConstants = 0;
    let nTotalConstants = nKnownConstants;
    while (fI > nTotalConstants && (nVisited < maxFeatures || nVisited <= nFoundConstants + nDrawnConstants)) {
      nVisited++;
      let fJ = randInt(nDrawnConstants, fI - nFoundConstants, this.rand);
      if (fJ < nKnownConstants) {
        swapItems(features, nDrawnConstants++, fJ);
        continue;
      }
      fJ += nFoundConstants;
      const feature = features[fJ];
      for (let p = start; p < end; p++) xf[p] = this.X[samples[p] * this.nFeatures + feature];
      sortSamples(xf, samples, start, end - start);
      if (xf[end - 1] <= Math.fround(xf[start] + FEATURE_THRESHOLD)) {
        swapItems(features, fJ, nTotalConstants++);
        nFoundConstants++;
        continue;
      }
      swapItems(features, --fI, fJ);
      criterion.reset();
      // Candidate positions p sit between distinct consecutive values xf[p-1] < xf[p].
      let p = start;
      while (p < end) {
        while (p + 1 < end && xf[p + 1] <= Math.fround(xf[p] + FEATURE_THRESHOLD)) p++;
        p++;
        if (p >= end) continue;
        if (p - start < minSamplesLeaf || end - p < minSamplesLeaf) continue;
        criterion.update(p);
        if (criterion.weightedNLeft < minWeightLeaf || criterion.weightedNRight < minWeightLeaf) continue;
        const proxy = criterion.proxyImpurityImprovement();
        if (proxy > bestProxy) {
          bestProxy = proxy;
          best.feature = feature;
          best.pos = p;
          best.threshold = midpoint(xf[p - 1], xf[p]);
        }
      }
    }
    if (best.pos < end) this.partition(best, impurity);
    // Constants known before, then the ones found here, lead the list the children start from.
    this.features.set(this.constantFeatures.subarray(0, nKnownConstants), 0);
    this.constantFeatures.set(features.subarray(nKnownConstants, nKnownConstants + nFoundConstants), nKnownConstants);
    return [best, nTotalConstants];
  }

  /** Moves the samples with x[feature] <= threshold in front of the others, then scores the split
   *  against the node's impurity. */
  private partition(best: SplitRecord, impurity: number): void {
    const { samples, criterion } = this;
    let p = this.start;
    let partitionEnd = this.end;
    while (p < partitionEnd) {
      if (this.X[samples[p] * this.nFeatures + best.feature] <= best.threshold) p++;
      else swapItems(samples, p, --partitionEnd);
    }
    criterion.reset();
    criterion.update(best.pos);
    [best.impurityLeft, best.impurityRight] = criterion.childrenImpurity();
    best.improvement = criterion.impurityImprovement(impurity, best.impurityLeft, best.impurityRight);
  }
}

/** The threshold halfway between two float32 values, computed in float64; if rounding puts it on
 *  the upper value (or overflows), the lower value itself. */
function midpoint(lo: number, hi: number): number {
  const t = lo / 2 + hi / 2;
  return t === hi || !Number.isFinite(t) ? lo : t;
}

function swapItems(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
