// KMeans: split n samples into k clusters, each summarised by its center (scikit-learn's KMeans).
// It minimises the inertia Σ_i ‖x_i - c_{label i}‖² by Lloyd iterations (lloyd.ts) from k-means++
// seeds (kmeans-plusplus.ts). The objective has many local minima, so the whole thing runs `nInit`
// times from different seeds (one RandomState stream, consumed run after run) and keeps the run
// with the lowest inertia. As in scikit-learn, X is centred first (distances computed as
// ‖x‖² - 2x·c + ‖c‖² lose fewer digits near the origin) and the mean is added back to the centers.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { formatShape } from '../validation.ts';
import type { RandomState } from '../utils/random-state.ts';
import { Transformer } from '../mixins.ts';
import { checkArray, checkNFeatures, valuesOf } from '../validation.ts';
import { asFloat, floatDtypeOf, outputDtype } from '../utils/float-dtype.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { registerEstimator, type EstimatorJSON } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { checkBoolean, checkInterval, checkOption } from '../utils/check-params.ts';
import { checkSampleWeight } from '../utils/sample-weight.ts';
import { type Samples, assignLabels, euclideanDistances, inertia, isSameClustering, rowNorms } from './kmeans-common.ts';
import { kmeansPlusPlusSeeds } from './kmeans-plusplus.ts';
import { kmeansSingleLloyd, type LloydResult } from './lloyd.ts';

/** A custom initialiser: (centred X, k, the RandomState) -> k initial centers. */
export type KMeansInitFunction = (X: NDArray, nClusters: number, randomState: RandomState) => np.ArrayLike;

export type KMeansParams = {
  nClusters: number;
  /** 'k-means++' (greedy), 'random' (k distinct samples), a (k, f) array, or a function. */
  init: 'k-means++' | 'random' | np.ArrayLike | KMeansInitFunction;
  /** Runs from different seeds (the best inertia wins); 'auto' is 1 for k-means++, else 10. */
  nInit: number | 'auto';
  maxIter: number;
  /** Convergence threshold on Σ‖Δc‖², relative to the mean feature variance of X. */
  tol: number;
  verbose: number | boolean;
  randomState: RandomStateLike;
  /** Kept for scikit-learn compatibility: tessera never modifies X. */
  copyX: boolean;
  /** 'lloyd'; 'elkan' (the same minimum in exact arithmetic) also runs Lloyd's iterations. */
  algorithm: 'lloyd' | 'elkan';
};

const DEFAULTS: KMeansParams = {
  nClusters: 8, init: 'k-means++', nInit: 10, maxIter: 300, tol: 1e-4, verbose: 0, randomState: null, copyX: true, algorithm: 'lloyd',
};

const isArrayInit = (init: KMeansParams['init']): init is np.ArrayLike => typeof init !== 'string' && typeof init !== 'function';

/**
 * k-means clustering: Lloyd iterations from k-means++ seeds, the best of `nInit` runs (scikit-learn's KMeans).
 *
 * @example
 * ```ts
 * import { KMeans } from 'tessera/sklearn';
 *
 * const X = [[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]];
 * const km = await new KMeans({ nClusters: 2, randomState: 0, nInit: 'auto' }).fit(X);
 * console.log(km.labels_, km.clusterCenters_);
 * console.log(await km.predict([[0, 0], [12, 3]]));
 * ```
 *
 * ```text output
 * array([1, 1, 1, 0, 0, 0]) array([[10.,  2.],
 *        [ 1.,  2.]])
 * array([1, 0])
 * ```
 */
export class KMeans extends Transformer<KMeansParams> {
  /** (k, f) cluster centers. */
  clusterCenters_?: NDArray;
  /** (n,) int32: the cluster of each training sample. */
  labels_?: NDArray;
  /** Σ w_i ‖x_i - c_{label i}‖² on the training data. */
  inertia_?: number;
  /** Lloyd iterations of the best run. */
  nIter_?: number;
  nFeaturesIn_?: number;

  constructor(params: Partial<KMeansParams> = {}) {
    super(DEFAULTS, params);
  }

  private validateParams(): void {
    const name = this.estimatorName, p = this.params;
    checkInterval(name, 'n_clusters', p.nClusters, { low: 1, closed: 'left', integer: true });
    if (p.nInit !== 'auto' && !(Number.isInteger(p.nInit) && (p.nInit as number) >= 1)) {
      throw new ValueError(`The 'n_init' parameter of ${name} must be a str among {'auto'} or an int in the range [1, inf). Got ${p.nInit} instead.`);
    }
    if (typeof p.init === 'string') checkOption(name, 'init', p.init, ['k-means++', 'random']);
    checkInterval(name, 'max_iter', p.maxIter, { low: 1, closed: 'left', integer: true });
    checkInterval(name, 'tol', p.tol, { low: 0, closed: 'left' });
    checkBoolean(name, 'copy_x', p.copyX);
    checkOption(name, 'algorithm', p.algorithm, ['lloyd', 'elkan']);
  }

  /** Clusters X; `sampleWeight` (a number or (n,)) weighs samples in the means and the inertia. */
  async fit(X: unknown, _y?: unknown, sampleWeight?: unknown): Promise<this> {
    this.validateParams();
    const { nClusters: k, maxIter } = this.params;
    const Xc = await checkArray(X, { estimator: this.estimatorName });
    const [n, f] = Xc.shape;
    if (n < k) throw new ValueError(`n_samples=${n} should be >= n_clusters=${k}.`);
    let nInit = this.params.nInit === 'auto' ? (this.params.init === 'k-means++' ? 1 : 10) : this.params.nInit;
    const rng = checkRandomState(this.params.randomState);
    const weights = await checkSampleWeight(sampleWeight, n);
    let initArray: Float64Array | null = null;
    if (isArrayInit(this.params.init)) {
      initArray = Float64Array.from((await this.checkCenters(this.params.init, f)).dataSync());
      nInit = 1;
    }
    // a fresh copy, centred below, in shared memory where the labelling threads read it in place
    const shared = np.sharedEmpty([n, f]);
    const x = np.asTypedArray(shared) as Float64Array;
    x.set(valuesOf(Xc));
    const mean = np.asTypedArray(np.mean(shared, { axis: 0 })) as Float64Array;
    const tol = tolerance(x, n, f, mean, this.params.tol);
    // Centre X (and an explicit init) on the column means.
    for (let i = 0, o = 0; i < n; i++) for (let j = 0; j < f; j++, o++) x[o] -= mean[j];
    if (initArray) for (let i = 0; i < initArray.length; i++) initArray[i] -= mean[i % f];
    const samples: Samples = { x, n, f, weights };
    const xSq = rowNorms(x, n, f);
    let best: LloydResult | null = null;
    for (let run = 0; run < nInit; run++) {
      const centersInit = initArray ?? (await this.initCentroids(samples, xSq, rng));
      if (this.params.verbose) console.log('Initialization complete');
      const result = kmeansSingleLloyd(samples, centersInit, k, maxIter, tol, Boolean(this.params.verbose));
      // A lower inertia for the same partition (labels merely renamed) is rounding, not progress.
      if (!best || (result.inertia < best.inertia && !isSameClustering(result.labels, best.labels, k))) best = result;
    }
    const { centers, labels } = best as LloydResult;
    for (let i = 0; i < centers.length; i++) centers[i] += mean[i % f];
    // float32 for a float32 X, as in scikit-learn
    this.clusterCenters_ = asFloat(np.NDArray.fromTyped(centers, [k, f], 'float64'), floatDtypeOf(X));
    this.labels_ = np.NDArray.fromTyped(labels, [n], 'int32');
    this.inertia_ = (best as LloydResult).inertia;
    this.nIter_ = (best as LloydResult).nIter;
    this.nFeaturesIn_ = f;
    return this;
  }

  /** An explicit init as a (k, f) float64 array, checked against k and the data. */
  private async checkCenters(init: unknown, f: number): Promise<NDArray> {
    const centers = await checkArray(init, { name: 'init', estimator: this.estimatorName });
    const shape = formatShape(centers.shape);
    if (centers.shape[0] !== this.params.nClusters) {
      throw new ValueError(`The shape of the initial centers ${shape} does not match the number of clusters ${this.params.nClusters}.`);
    }
    if (centers.shape[1] !== f) {
      throw new ValueError(`The shape of the initial centers ${shape} does not match the number of features of the data ${f}.`);
    }
    return centers;
  }

  /** Initial centers for one run, from k-means++, k random distinct samples or the init function. */
  private async initCentroids(s: Samples, xSq: Float64Array, rng: RandomState): Promise<Float64Array> {
    const { init, nClusters: k } = this.params;
    if (init === 'k-means++') return kmeansPlusPlusSeeds(s.x, s.n, s.f, k, xSq, rng).centers;
    if (init === 'random') {
      const seeds = rng.permutation(s.n).dataSync();
      const centers = new Float64Array(k * s.f);
      for (let c = 0; c < k; c++) centers.set(s.x.subarray(seeds[c] * s.f, (seeds[c] + 1) * s.f), c * s.f);
      return centers;
    }
    const X = np.NDArray.fromTyped(s.x, [s.n, s.f], 'float64');
    return Float64Array.from((await this.checkCenters((init as KMeansInitFunction)(X, k, rng), s.f)).dataSync());
  }

  /** Validated samples for predict/transform/score. */
  private async testSamples(X: unknown, sampleWeight?: unknown): Promise<Samples> {
    this.checkIsFitted();
    const Xc = await checkArray(X, { estimator: this.estimatorName });
    checkNFeatures(Xc, this.nFeaturesIn_ as number, this.estimatorName);
    const [n, f] = Xc.shape;
    return { x: Xc.dataSync() as Float64Array, n, f, weights: await checkSampleWeight(sampleWeight, n) };
  }

  /** The index (int32) of the nearest cluster center of each sample. */
  async predict(X: unknown): Promise<NDArray> {
    const s = await this.testSamples(X);
    const labels = new Int32Array(s.n);
    assignLabels(s, this.centers(), this.params.nClusters, labels);
    return np.NDArray.fromTyped(labels, [s.n], 'int32');
  }

  /** fit(X), then the training labels. */
  async fitPredict(X: unknown, y?: unknown, sampleWeight?: unknown): Promise<NDArray> {
    await this.fit(X, y, sampleWeight);
    return this.labels_ as NDArray;
  }

  /** Distances (n, k) from each sample to each cluster center. */
  async transform(X: unknown): Promise<NDArray> {
    const s = await this.testSamples(X);
    const k = this.params.nClusters;
    const distances = np.NDArray.fromTyped(euclideanDistances(s, this.centers(), k), [s.n, k], 'float64');
    return asFloat(distances, outputDtype(X, this.clusterCenters_ as NDArray));
  }

  override async fitTransform(X: unknown, y?: unknown, sampleWeight?: unknown): Promise<NDArray> {
    await this.fit(X, y, sampleWeight);
    return this.transform(X);
  }

  /** Minus the inertia of X with respect to the fitted centers (higher is better). */
  async score(X: unknown, _y?: unknown, sampleWeight?: unknown): Promise<number> {
    const s = await this.testSamples(X, sampleWeight);
    const labels = new Int32Array(s.n);
    const centers = this.centers();
    assignLabels(s, centers, this.params.nClusters, labels);
    return -inertia(s, centers, labels);
  }

  private centers(): Float64Array {
    return asFloat(this.clusterCenters_ as NDArray, 'float64').dataSync() as Float64Array;
  }

  /** Output column names of transform: 'kmeans0', 'kmeans1', ... */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    return Array.from({ length: this.params.nClusters }, (_, j) => `kmeans${j}`);
  }

  static override readonly learned = {
    nFeaturesIn_: saved.count(1), clusterCenters_: saved.array({ shape: ['*', 'nFeaturesIn_'] }), labels_: saved.array({ shape: ['*'], ints: [0, 'clusterCenters_'] }),
    inertia_: saved.real(), nIter_: saved.count(),
  };

  override toJSON(): EstimatorJSON {
    if (typeof this.params.init === 'function') throw new TypeError('a KMeans with a function as init cannot be saved to JSON');
    return super.toJSON();
  }
}

/** The data-relative tolerance: tol × the mean over features of np.var(X, axis=0), from the column
 *  means of the (uncentred) x. Along axis 0 NumPy adds the rows in order, so these plain loops round
 *  exactly as np.var does: Σ_i (x_ij - mean_j)², then divided by n. */
function tolerance(x: Float64Array, n: number, f: number, mean: Float64Array, tol: number): number {
  if (tol === 0) return 0;
  const squares = new Float64Array(f);
  for (let i = 0, o = 0; i < n; i++) {
    for (let j = 0; j < f; j++, o++) {
      const d = x[o] - mean[j];
      squares[j] += d * d;
    }
  }
  return np.mean(np.NDArray.fromTyped(squares.map((s) => s / n), [f], 'float64')).itemSync() * tol;
}

registerEstimator('KMeans', KMeans);
