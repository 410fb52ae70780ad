// make_classification (Guyon's "Madelon" design): a classification problem whose difficulty you dial.
// Each class owns `nClustersPerClass` Gaussian clusters sitting on distinct corners of a hypercube of
// side 2·classSep in the first `nInformative` dimensions; each cluster is stretched by a random linear
// map A (x ← zA + corner, z ~ N(0, I)). Then come `nRedundant` linear combinations of the informative
// features, `nRepeated` copies, and pure-noise features; a fraction `flipY` of labels is redrawn at
// random; features are shifted and scaled; finally rows and columns are shuffled. Every random draw
// happens in scikit-learn's order, so a seed gives scikit-learn's data set exactly.
import { ValueError } from '../../ndarray/index.ts';
import type { RandomState } from '../utils/random-state.ts';
import { checkRandomState, shuffled, type RandomStateLike } from '../utils/random-state.ts';
import { draw, labels, matrix, rowOrder, takeColumns, takeRows, type XY } from './common.ts';
import { generateHypercube } from './hypercube.ts';
import { checkOptions } from '../utils/check-params.ts';

export interface MakeClassificationOptions {
  nSamples?: number;
  nFeatures?: number;
  nInformative?: number;
  nRedundant?: number;
  nRepeated?: number;
  nClasses?: number;
  nClustersPerClass?: number;
  /** Class proportions (nClasses values, or nClasses - 1 and the last is 1 - their sum); null = balanced. */
  weights?: number[] | null;
  /** Fraction of labels replaced by a random class. Default 0.01. */
  flipY?: number;
  /** Half the hypercube's side: larger separates the classes more. Default 1. */
  classSep?: number;
  /** Corners of a hypercube (true) or of a random polytope (false). */
  hypercube?: boolean;
  /** Added to every feature (one value, or one per feature); null draws U(-classSep, classSep) per feature. */
  shift?: number | number[] | null;
  /** Multiplies every feature after the shift; null draws U(1, 101) per feature. */
  scale?: number | number[] | null;
  shuffle?: boolean;
  randomState?: RandomStateLike;
}

const DEFAULTS = {
  nSamples: 100, nFeatures: 20, nInformative: 2, nRedundant: 2, nRepeated: 0, nClasses: 2, nClustersPerClass: 2,
  weights: null, flipY: 0.01, classSep: 1.0, hypercube: true, shift: 0.0, scale: 1.0, shuffle: true, randomState: null,
};

type Resolved = Required<Omit<MakeClassificationOptions, 'randomState'>>;

/**
 * A random n-class classification problem (scikit-learn's make_classification).
 *
 * @example
 * ```ts
 * import { makeClassification } from 'tessera/sklearn';
 *
 * const [X, y] = makeClassification({ nSamples: 8, nFeatures: 4, randomState: 0 });
 * console.log(X.shape, y); // scikit-learn's make_classification with the same seed
 * ```
 *
 * ```text output
 * [ 8, 4 ] array([1, 0, 1, 0, 0, 0, 1, 1])
 * ```
 */
export function makeClassification(options: MakeClassificationOptions = {}): XY {
  checkOptions('makeClassification', options, ['nSamples', 'nFeatures', 'nInformative', 'nRedundant', 'nRepeated', 'nClasses', 'nClustersPerClass', 'weights', 'flipY', 'classSep', 'hypercube', 'shift', 'scale', 'shuffle', 'randomState']);
  const o: Resolved = { ...DEFAULTS, ...options };
  const rng = checkRandomState(options.randomState);
  checkSizes(o);
  const { nSamples: n, nFeatures: f, nInformative: ni, nRedundant: nr, nRepeated: nRep, nClasses } = o;
  const perCluster = samplesPerCluster(o);
  const X = new Float64Array(n * f);
  const y = new Int32Array(n);

  // Informative features: z ~ N(0, I), then per cluster z A + corner.
  const centroids = clusterCorners(rng, o);
  const z = draw(rng.standardNormal([n, ni]));
  let start = 0;
  centroids.forEach((corner, k) => {
    const A = draw(rng.uniform(0, 1, [ni, ni])).map((u) => 2 * u - 1);
    for (let r = start; r < start + perCluster[k]; r++) {
      y[r] = k % nClasses;
      const row = matmulRow(z.subarray(r * ni, (r + 1) * ni), A, ni);
      for (let j = 0; j < ni; j++) X[r * f + j] = row[j] + corner[j];
    }
    start += perCluster[k];
  });

  // Redundant features: X[:, ni:ni+nr] = X[:, :ni] B with B ~ U(-1, 1).
  if (nr > 0) {
    const B = draw(rng.uniform(0, 1, [ni, nr])).map((u) => 2 * u - 1);
    for (let r = 0; r < n; r++) X.set(matmulRow(X.subarray(r * f, r * f + ni), B, nr), r * f + ni);
  }
  // Repeated features: copies of randomly chosen informative or redundant columns.
  if (nRep > 0) {
    const m = ni + nr;
    const picks = Array.from(draw(rng.uniform(0, 1, nRep)), (u) => Math.trunc((m - 1) * u + 0.5));
    for (let r = 0; r < n; r++) picks.forEach((c, j) => { X[r * f + m + j] = X[r * f + c]; });
  }
  // Useless features: pure noise in the last columns.
  const nUseless = f - ni - nr - nRep;
  if (nUseless > 0) {
    const noise = draw(rng.standardNormal([n, nUseless]));
    for (let r = 0; r < n; r++) X.set(noise.subarray(r * nUseless, (r + 1) * nUseless), r * f + f - nUseless);
  }
  flipLabels(rng, y, o);
  shiftAndScale(rng, X, o);
  if (!o.shuffle) return [matrix(X, n, f), labels(y)];
  const order = rowOrder(rng, n);
  const columns = shuffled(rng, Array.from({ length: f }, (_, j) => j));
  return [matrix(takeColumns(takeRows(X, f, order), f, columns), n, f), labels(takeRows(y, 1, order))];
}

function checkSizes(o: Resolved): void {
  if (o.nInformative + o.nRedundant + o.nRepeated > o.nFeatures) {
    throw new ValueError('Number of informative, redundant and repeated features must sum to less than the number of total features');
  }
  if (o.nInformative < Math.log2(o.nClasses * o.nClustersPerClass)) {
    throw new ValueError(`n_classes(${o.nClasses}) * n_clusters_per_class(${o.nClustersPerClass}) must be smaller or equal 2**n_informative(${o.nInformative})=${2 ** o.nInformative}`);
  }
}

/** Cluster k (class k % nClasses) gets int(n * w_class / nClustersPerClass) samples; the remainder is
 *  dealt one by one from cluster 0. */
function samplesPerCluster(o: Resolved): number[] {
  const { nSamples: n, nClasses, nClustersPerClass } = o;
  let weights = o.weights ?? new Array<number>(nClasses).fill(1.0 / nClasses);
  if (weights.length !== nClasses && weights.length !== nClasses - 1) {
    throw new ValueError('Weights specified but incompatible with number of classes.');
  }
  if (weights.length === nClasses - 1) weights = [...weights, 1.0 - weights.reduce((s, w) => s + w, 0)];
  const nClusters = nClasses * nClustersPerClass;
  const counts = Array.from({ length: nClusters }, (_, k) => Math.trunc((n * weights[k % nClasses]) / nClustersPerClass));
  const missing = n - counts.reduce((s, c) => s + c, 0);
  for (let i = 0; i < missing; i++) counts[i % nClusters]++;
  return counts;
}

/** One centroid per cluster: distinct hypercube corners, coordinates ±classSep, optionally moved
 *  towards the origin by a random factor per cluster and per dimension (hypercube: false). */
function clusterCorners(rng: RandomState, o: Resolved): Float64Array[] {
  const nClusters = o.nClasses * o.nClustersPerClass;
  const corners = generateHypercube(nClusters, o.nInformative, rng).map((bits) => Float64Array.from(bits, (b) => b * (2 * o.classSep) - o.classSep));
  if (!o.hypercube) {
    const perCluster = draw(rng.uniform(0, 1, [nClusters, 1]));
    const perDim = draw(rng.uniform(0, 1, [1, o.nInformative]));
    corners.forEach((c, k) => c.forEach((v, j) => { c[j] = v * perCluster[k] * perDim[j]; }));
  }
  return corners;
}

/** row (1 x m) times M (m x p), as np.dot does it: out_j = Σ_i row_i M_ij. */
function matmulRow(row: Float64Array, M: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p);
  for (let i = 0; i < row.length; i++) for (let j = 0; j < p; j++) out[j] += row[i] * M[i * p + j];
  return out;
}

/** Each label is replaced, with probability flipY, by a uniformly random class. */
function flipLabels(rng: RandomState, y: Int32Array, o: Resolved): void {
  if (!(o.flipY >= 0)) return;
  const u = draw(rng.uniform(0, 1, y.length));
  const flipped = [...y.keys()].filter((i) => u[i] < o.flipY);
  if (flipped.length === 0) return;
  const classes = rng.randint(o.nClasses, null, flipped.length).dataSync();
  flipped.forEach((i, j) => { y[i] = classes[j]; });
}

/** x ← (x + shift) * scale per feature, drawing shift and scale when they are null. */
function shiftAndScale(rng: RandomState, X: Float64Array, o: Resolved): void {
  const f = o.nFeatures;
  const perFeature = (v: number | number[]): (j: number) => number => (typeof v === 'number' ? () => v : (j) => v[j]);
  const shift = o.shift === null ? perFeature(Array.from(draw(rng.uniform(0, 1, f)), (u) => (2 * u - 1) * o.classSep)) : perFeature(o.shift);
  for (let i = 0; i < X.length; i++) X[i] += shift(i % f);
  const scale = o.scale === null ? perFeature(Array.from(draw(rng.uniform(0, 1, f)), (u) => 1 + 100 * u)) : perFeature(o.scale);
  for (let i = 0; i < X.length; i++) X[i] *= scale(i % f);
}
