// k-means++ seeding (Arthur & Vassilvitskii 2007) in scikit-learn's greedy form.
// The first center is a uniformly random sample; each next one is drawn with probability
// proportional to D(x)², the squared distance from x to its nearest center so far, so far-away
// regions get seeds. Greedy: 2 + ⌊ln k⌋ candidates are drawn and the one that lowers the total
// Σ D(x)² (the "potential") most is kept. The draws (randint, then uniform per step, located by
// binary search in the running sum of D²) are scikit-learn's, so the same RandomState picks the
// same samples.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import type { RandomState } from '../utils/random-state.ts';
import { checkArray } from '../validation.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { npSum, rowNorms } from './kmeans-common.ts';
import { checkInterval, checkOptions } from '../utils/check-params.ts';

export interface Seeds {
  /** k x f, row-major. */
  centers: Float64Array;
  /** The sample each center was copied from. */
  indices: Int32Array;
}

/** Row t of `out` (t < ids.length, rows of n) = max((-2 x_c·x_i + ‖x_c‖²) + ‖x_i‖², 0) for c = ids[t]
 *  and every sample i: squared distances, rounded as sklearn's _euclidean_distances rounds them.
 *  Four rows are filled per pass over X (the four candidates copied side by side, so each x_i is
 *  loaded once for four dot products); a last group of fewer repeats its final candidate. */
function squaredDistancesTo(X: Float64Array, n: number, f: number, ids: readonly number[], xSq: Float64Array, out: Float64Array): void {
  const C = new Float64Array(4 * f);
  for (let t = 0; t < ids.length; t += 4) {
    const m = Math.min(4, ids.length - t);
    const group = [0, 1, 2, 3].map((u) => ids[t + Math.min(u, m - 1)]);
    group.forEach((id, u) => C.set(X.subarray(id * f, id * f + f), u * f));
    const [n0, n1, n2, n3] = group.map((id) => xSq[id]);
    const o0 = t * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    for (let i = 0; i < n; i++) {
      const xi = i * f;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < f; p++) {
        const v = X[xi + p];
        s0 += C[p] * v;
        s1 += C[f + p] * v;
        s2 += C[2 * f + p] * v;
        s3 += C[3 * f + p] * v;
      }
      const xx = xSq[i];
      out[o0 + i] = Math.max(-2 * s0 + n0 + xx, 0);
      if (m > 1) out[o1 + i] = Math.max(-2 * s1 + n1 + xx, 0);
      if (m > 2) out[o2 + i] = Math.max(-2 * s2 + n2 + xx, 0);
      if (m > 3) out[o3 + i] = Math.max(-2 * s3 + n3 + xx, 0);
    }
  }
}

/** The first index where sorted `cum` reaches v (np.searchsorted, side 'left'). */
function searchLeft(cum: Float64Array, v: number): number {
  let lo = 0, hi = cum.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** k seeds from the n x f samples X, whose squared row norms are xSq. */
export function kmeansPlusPlusSeeds(X: Float64Array, n: number, f: number, k: number, xSq: Float64Array, rng: RandomState, nLocalTrials?: number | null): Seeds {
  const trials = nLocalTrials ?? 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * f);
  const indices = new Int32Array(k).fill(-1);
  const take = (c: number, id: number): void => {
    centers.set(X.subarray(id * f, (id + 1) * f), c * f);
    indices[c] = id;
  };
  const first = rng.randint(n);
  take(0, first);
  const closest = new Float64Array(n);
  squaredDistancesTo(X, n, f, [first], xSq, closest);
  let potential = npSum(closest);
  const cum = new Float64Array(n);
  const withCandidate = new Float64Array(trials * n);
  for (let c = 1; c < k; c++) {
    // candidates drawn with probability D(x)² / Σ D²: uniforms scaled to the potential, located
    // in the running sum
    const u = (rng.uniform(0, 1, trials) as NDArray).dataSync();
    let run = 0;
    for (let i = 0; i < n; i++) cum[i] = run += closest[i];
    const candidates = Array.from(u, (v) => Math.min(searchLeft(cum, v * potential), n - 1));
    // D² if each candidate were added: min(current D², distance to the candidate)
    squaredDistancesTo(X, n, f, candidates, xSq, withCandidate);
    for (let t = 0; t < trials; t++) {
      for (let i = 0, q = t * n; i < n; i++, q++) if (closest[i] < withCandidate[q]) withCandidate[q] = closest[i];
    }
    const potentials = np.sum(np.NDArray.fromTyped(withCandidate, [trials, n], 'float64'), { axis: 1 }).dataSync();
    let best = 0;
    for (let t = 1; t < trials; t++) if (potentials[t] < potentials[best]) best = t;
    potential = potentials[best];
    closest.set(withCandidate.subarray(best * n, (best + 1) * n));
    take(c, candidates[best]);
  }
  return { centers, indices };
}

export interface KMeansPlusPlusOptions {
  /** ‖x_i‖² of every sample, if already known. */
  xSquaredNorms?: unknown;
  randomState?: RandomStateLike;
  /** Candidates per center; default 2 + ⌊ln k⌋. */
  nLocalTrials?: number | null;
}

/** sklearn.cluster.kmeans_plusplus: [centers (k, f), indices (k,) int32] chosen from X. */
export async function kmeansPlusplus(X: unknown, nClusters: number, options: KMeansPlusPlusOptions = {}): Promise<[NDArray, NDArray]> {
  checkOptions('kmeansPlusplus', options, ['xSquaredNorms', 'randomState', 'nLocalTrials']);
  checkInterval('kmeans_plusplus', 'n_clusters', nClusters, { low: 1, closed: 'left', integer: true });
  checkInterval('kmeans_plusplus', 'n_local_trials', options.nLocalTrials ?? null, { low: 1, closed: 'left', integer: true, nullable: true });
  const Xc = await checkArray(X, { estimator: 'kmeans_plusplus' });
  const [n, f] = Xc.shape;
  if (n < nClusters) throw new ValueError(`n_samples=${n} should be >= n_clusters=${nClusters}.`);
  const data = Xc.dataSync() as Float64Array;
  let xSq = rowNorms(data, n, f);
  if (options.xSquaredNorms !== undefined && options.xSquaredNorms !== null) {
    const given = await checkArray(options.xSquaredNorms, { name: 'x_squared_norms', ensure2d: false });
    if (given.ndim !== 1 || given.shape[0] !== n) {
      throw new ValueError(`The length of x_squared_norms ${given.shape[0]} should be equal to the length of n_samples ${n}.`);
    }
    xSq = given.dataSync() as Float64Array;
  }
  const seeds = kmeansPlusPlusSeeds(data, n, f, nClusters, xSq, checkRandomState(options.randomState), options.nLocalTrials);
  return [np.NDArray.fromTyped(seeds.centers, [nClusters, f], 'float64'), np.NDArray.fromTyped(seeds.indices, [nClusters], 'int32')];
}
