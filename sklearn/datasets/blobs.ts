// make_blobs: isotropic Gaussian clusters, the data set k-means is made for.
// Cluster i is N(center_i, std_i² I): its points are center_i + std_i * z with z standard normal.
// Centres are given, or drawn uniformly in `centerBox` (one draw per coordinate, before any point);
// samples are dealt as evenly as possible (the first n % k clusters get one more), generated cluster
// by cluster, then shuffled.
import * as np from '../../ndarray/index.ts';
import type { NDArray, ArrayLike } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import type { RandomState } from '../utils/random-state.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { checkCount, draw, labels, matrix, shuffleRows, type XY } from './common.ts';
import { checkOptions } from '../utils/check-params.ts';

export interface MakeBlobsOptions {
  /** Total points (dealt evenly over the centres), or one count per centre. Default 100. */
  nSamples?: number | readonly number[];
  /** Dimensions of each point when the centres are drawn. Default 2. */
  nFeatures?: number;
  /** How many centres to draw (default 3), or the centres themselves (k, nFeatures). */
  centers?: number | ArrayLike | null;
  /** Standard deviation of every cluster, or one per cluster. Default 1. */
  clusterStd?: number | readonly number[];
  /** [low, high) of the uniformly drawn centre coordinates. Default [-10, 10]. */
  centerBox?: readonly [number, number];
  shuffle?: boolean;
  randomState?: RandomStateLike;
  /** Also return the centres as a third element. */
  returnCenters?: boolean;
}

/**
 * Isotropic Gaussian clusters (scikit-learn's make_blobs): X of shape (nSamples, nFeatures), y the cluster of each row.
 *
 * @example
 * ```ts
 * import { makeBlobs } from 'tessera/sklearn';
 *
 * const [X, y, centers] = makeBlobs({ nSamples: 6, centers: 2, randomState: 0, returnCenters: true });
 * console.log(X.shape, y);
 * console.log(centers);
 * ```
 *
 * ```text output
 * [ 6, 2 ] array([1, 1, 0, 0, 1, 0])
 * array([[0.97627008, 4.30378733],
 *        [2.05526752, 0.89766366]])
 * ```
 */
export function makeBlobs(options: MakeBlobsOptions & { returnCenters: true }): [X: NDArray, y: NDArray, centers: NDArray];
export function makeBlobs(options?: MakeBlobsOptions & { returnCenters?: false }): XY;
export function makeBlobs(options: MakeBlobsOptions = {}): XY | [NDArray, NDArray, NDArray] {
  checkOptions('makeBlobs', options, ['nSamples', 'nFeatures', 'centers', 'clusterStd', 'centerBox', 'shuffle', 'randomState', 'returnCenters']);
  const rng = checkRandomState(options.randomState);
  const nSamples = options.nSamples ?? 100;
  const centers = chooseCenters(rng, nSamples, options);
  const [k, nFeatures] = centers.shape;
  const stds = clusterStds(options.clusterStd ?? 1.0, k, centers);
  const counts = typeof nSamples === 'number' ? dealEvenly(nSamples, k) : [...nSamples];
  const n = counts.reduce((s, c) => s + c, 0);
  const X = new Float64Array(n * nFeatures);
  const y = new Int32Array(n);
  const c = centers.dataSync() as Float64Array;
  let row = 0;
  counts.forEach((count, i) => {
    // x = center_i + std_i * z, one standard normal z per coordinate, row by row.
    const loc = c.subarray(i * nFeatures, (i + 1) * nFeatures);
    const z = draw(rng.standardNormal([count, nFeatures]));
    for (let j = 0; j < z.length; j++) X[row * nFeatures + j] = loc[j % nFeatures] + stds[i] * z[j];
    y.fill(i, row, row + count);
    row += count;
  });
  if (options.shuffle ?? true) shuffleRows(rng, X, nFeatures, y);
  const out: XY = [matrix(X, n, nFeatures), labels(y)];
  return options.returnCenters ? [...out, centers] : out;
}

/** The centres: given, or drawn uniformly in centerBox as a (k, nFeatures) array. */
function chooseCenters(rng: RandomState, nSamples: number | readonly number[], options: MakeBlobsOptions): NDArray {
  const [low, high] = options.centerBox ?? [-10, 10];
  const nFeatures = options.nFeatures ?? 2;
  let centers = options.centers ?? null;
  if (typeof nSamples === 'number') {
    checkCount(nSamples, 'n_samples');
    if (centers === null) centers = 3;
    if (typeof centers === 'number') return rng.uniform(low, high, [centers, nFeatures]);
    return asCenters(centers);
  }
  nSamples.forEach((s) => checkCount(s, 'n_samples'));
  if (centers === null) return rng.uniform(low, high, [nSamples.length, nFeatures]);
  if (typeof centers === 'number') throw new ValueError(`Parameter \`centers\` must be array-like. Got ${centers} instead`);
  const given = asCenters(centers);
  if (given.shape[0] !== nSamples.length) {
    throw new ValueError(`Length of \`n_samples\` not consistent with number of centers. Got n_samples = [${nSamples.join(', ')}] and centers = ${given.str()}`);
  }
  return given;
}

function asCenters(centers: ArrayLike): NDArray {
  const c = np.asarray(centers, { dtype: 'float64' });
  if (c.ndim !== 2) throw new ValueError(`Expected 2D array, got ${c.ndim}D array instead: centers must be (n_centers, n_features).`);
  return c;
}

function clusterStds(clusterStd: number | readonly number[], k: number, centers: NDArray): number[] {
  if (typeof clusterStd === 'number') return new Array<number>(k).fill(clusterStd);
  if (clusterStd.length !== k) {
    throw new ValueError(`Length of \`clusters_std\` not consistent with number of centers. Got centers = ${centers.str()} and cluster_std = [${clusterStd.join(', ')}]`);
  }
  return [...clusterStd];
}

/** n // k points per cluster, the first n % k clusters one more. */
function dealEvenly(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}
