// k-nearest neighbours: remember the training set; to classify a point, find the k training points
// closest to it (Minkowski distance (Σ_j |x_j - x'_j|^p)^(1/p), Euclidean for p = 2) and let them
// vote, each with one vote ('uniform') or with 1/distance ('distance').
// The one thing to understand: there is no training at all, all the work happens at prediction, and
// the vote is only as good as the distance: features on larger scales dominate it, so scale first.
// Search is brute force (every distance computed; `algorithm` is accepted for compatibility). Ties in
// distance keep the lower training index; ties in the vote go to the smallest class, as in sklearn.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { Classifier } from '../mixins.ts';
import { checkArray, checkConsistentLength, checkNFeatures } from '../validation.ts';
import { checkInterval, checkOption, checkOptions } from '../utils/check-params.ts';
import { type Labels, encodeLabels, labelCount, takeLabels } from '../utils/labels.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';

export type KNeighborsClassifierParams = {
  nNeighbors: number;
  weights: 'uniform' | 'distance';
  /** Accepted for compatibility; the search is always brute force. */
  algorithm: 'auto' | 'brute' | 'kd_tree' | 'ball_tree';
  leafSize: number;
  /** The Minkowski power: 1 = Manhattan, 2 = Euclidean, Infinity = Chebyshev. */
  p: number;
  metric: 'minkowski' | 'euclidean' | 'manhattan' | 'chebyshev';
};

/**
 * Classifies by a vote among the `nNeighbors` nearest training samples (scikit-learn's KNeighborsClassifier).
 *
 * @example
 * ```ts
 * import { KNeighborsClassifier } from 'tessera/sklearn';
 *
 * const knn = await new KNeighborsClassifier({ nNeighbors: 3 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * console.log(await knn.predict([[1.1]]));
 * console.log(await knn.predictProba([[0.9]])); // 2 of the 3 nearest are class 0
 * ```
 *
 * ```text output
 * array([0])
 * array([[0.66666667, 0.33333333]])
 * ```
 */
export class KNeighborsClassifier<L extends Labels = NDArray> extends Classifier<KNeighborsClassifierParams, L> {
  classes_?: L;
  nFeaturesIn_?: number;
  nSamplesFit_?: number;
  /** The training points (scikit-learn's `_fit_X`) and their class indices (`_y`). */
  fitX_?: NDArray;
  y_?: NDArray;

  constructor(params: Partial<KNeighborsClassifierParams> = {}) {
    super({ nNeighbors: 5, weights: 'uniform', algorithm: 'auto', leafSize: 30, p: 2, metric: 'minkowski' }, params);
  }

  /** Stores the training set (there is nothing else to learn). */
  async fit(X: unknown, y: unknown): Promise<this> {
    const name = this.estimatorName;
    checkInterval(name, 'nNeighbors', this.params.nNeighbors, { low: 1, closed: 'left', integer: true });
    checkOption(name, 'weights', this.params.weights, ['uniform', 'distance']);
    checkOption(name, 'algorithm', this.params.algorithm, ['auto', 'brute', 'kd_tree', 'ball_tree']);
    checkOption(name, 'metric', this.params.metric, ['minkowski', 'euclidean', 'manhattan', 'chebyshev']);
    checkInterval(name, 'p', this.params.p, { low: 1, closed: 'left' });
    const Xc = await checkArray(X, { estimator: name });
    const { classes, codes } = await encodeLabels(y, name);
    const yIndex = np.array(codes);
    checkConsistentLength(Xc, yIndex);
    this.classes_ = classes as L;
    this.fitX_ = Xc;
    this.y_ = yIndex;
    this.nFeaturesIn_ = Xc.shape[1];
    this.nSamplesFit_ = Xc.shape[0];
    return this;
  }

  /** The power the distance is built from: |d|^q summed, then the 1/q-th root (q = Infinity: max |d|). */
  private power(): number {
    const { metric, p } = this.params;
    return metric === 'euclidean' ? 2 : metric === 'manhattan' ? 1 : metric === 'chebyshev' ? Infinity : p;
  }

  /** The k nearest training points of each query: [distances, indices], both (nQueries, k), nearest
   *  first. Without X, the training points themselves are queried, each excluding itself. */
  async kneighbors(X?: unknown, options: { nNeighbors?: number } = {}): Promise<[NDArray, NDArray]> {
    checkOptions('kneighbors', options, ['nNeighbors']);
    const [dist, ind, n, k] = await this.search(X, options.nNeighbors);
    return [np.array(dist).reshape(n, k), np.array(ind).reshape(n, k)];
  }

  private async search(X: unknown, nNeighbors = this.params.nNeighbors): Promise<[Float64Array, Int32Array, number, number]> {
    this.checkIsFitted();
    const train = (this.fitX_ as NDArray).dataSync() as Float64Array;
    const nFit = this.nSamplesFit_ as number;
    const d = this.nFeaturesIn_ as number;
    const self = X === undefined || X === null;
    let queries = train;
    if (!self) {
      const Xc = await checkArray(X, { estimator: this.estimatorName });
      checkNFeatures(Xc, d, this.estimatorName);
      queries = Xc.dataSync() as Float64Array;
    }
    const k = nNeighbors;
    if (k > nFit - (self ? 1 : 0)) {
      throw new ValueError(`Expected n_neighbors <= n_samples,  but n_samples = ${nFit}, n_neighbors = ${k + (self ? 1 : 0)}`);
    }
    const q = this.power();
    const nq = queries.length / d;
    const dist = new Float64Array(nq * k);
    const ind = new Int32Array(nq * k);
    const reduced = new Float64Array(nFit);
    const order = Array.from({ length: nFit }, (_, j) => j);
    for (let i = 0; i < nq; i++) {
      for (let j = 0; j < nFit; j++) reduced[j] = reducedDistance(queries, i * d, train, j * d, d, q);
      const candidates = self ? order.filter((j) => j !== i) : order.slice();
      candidates.sort((a, b) => reduced[a] - reduced[b] || a - b);
      for (let r = 0; r < k; r++) {
        ind[i * k + r] = candidates[r];
        dist[i * k + r] = q === 1 || q === Infinity ? reduced[candidates[r]] : q === 2 ? Math.sqrt(reduced[candidates[r]]) : reduced[candidates[r]] ** (1 / q);
      }
    }
    return [dist, ind, nq, k];
  }

  /** Per query and class, the (weighted) votes of its neighbours, in neighbour order. */
  private async votes(X: unknown): Promise<[Float64Array, number]> {
    const [dist, ind, n, k] = await this.search(X);
    const nClasses = labelCount(this.classes_ as L);
    const codes = (this.y_ as NDArray).dataSync();
    const votes = new Float64Array(n * nClasses);
    for (let i = 0; i < n; i++) {
      const row = dist.subarray(i * k, (i + 1) * k);
      const exact = row.includes(0);
      for (let r = 0; r < k; r++) {
        // 'distance': 1/d, except that a query sitting on training points gets only their votes.
        const w = this.params.weights === 'uniform' ? 1 : exact ? (row[r] === 0 ? 1 : 0) : 1 / row[r];
        votes[i * nClasses + codes[ind[i * k + r]]] += w;
      }
    }
    return [votes, nClasses];
  }

  /** The class with the most (weighted) votes; the smallest class wins a tie. */
  async predict(X: unknown): Promise<L> {
    const [votes, nClasses] = await this.votes(X);
    const best = new Int32Array(votes.length / nClasses);
    for (let i = 0; i < best.length; i++) {
      for (let c = 1; c < nClasses; c++) if (votes[i * nClasses + c] > votes[i * nClasses + best[i]]) best[i] = c;
    }
    return takeLabels(this.classes_ as L, best);
  }

  /** Each class's share of the (weighted) votes, shape (n, nClasses). */
  async predictProba(X: unknown): Promise<NDArray> {
    const [votes, nClasses] = await this.votes(X);
    for (let i = 0; i < votes.length; i += nClasses) {
      let total = 0;
      for (let c = 0; c < nClasses; c++) total += votes[i + c];
      if (total === 0) total = 1;
      for (let c = 0; c < nClasses; c++) votes[i + c] /= total;
    }
    return np.array(votes).reshape(-1, nClasses);
  }

  static override readonly learned = {
    classes_: saved.labels(), nFeaturesIn_: saved.count(1), nSamplesFit_: saved.count(1),
    fitX_: saved.array({ shape: ['nSamplesFit_', 'nFeaturesIn_'] }), y_: saved.array({ shape: ['nSamplesFit_'], ints: [0, 'classes_'] }),
  };
}

/** Σ_j |a_j - b_j|^q (q = 2: squared Euclidean; q = Infinity: max_j |a_j - b_j|). */
function reducedDistance(a: Float64Array, ia: number, b: Float64Array, ib: number, d: number, q: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const diff = Math.abs(a[ia + j] - b[ib + j]);
    s = q === Infinity ? Math.max(s, diff) : q === 2 ? s + diff * diff : q === 1 ? s + diff : s + diff ** q;
  }
  return s;
}

registerEstimator('KNeighborsClassifier', KNeighborsClassifier);
