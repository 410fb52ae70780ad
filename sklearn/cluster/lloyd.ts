// Lloyd's algorithm, one run of k-means from given initial centers (scikit-learn's
// _kmeans_single_lloyd and its Cython kernel lloyd_iter_chunked_dense).
// Each iteration alternates an E-step (give every sample the label of its nearest center) and an
// M-step (move every center to the weighted mean of its samples). The one thing to understand is
// when it stops: at once if no label changed (strict convergence), or when the centers moved by
// Σ_j ‖c_j^new - c_j^old‖² <= tol; in the second case one more E-step makes the labels agree with
// the final centers. A cluster left empty is re-seeded with the sample farthest from its center.
import * as np from '../../ndarray/index.ts';
import { type Samples, assignLabels, inertia, npSum, squaredEuclidean } from './kmeans-common.ts';

export interface LloydResult {
  labels: Int32Array;
  inertia: number;
  centers: Float64Array;
  nIter: number;
}

/** One E-step + M-step: labels from `centersOld`; `centersNew` = the weighted means of the new
 *  clusters; `shift[j]` = ‖centersNew_j - centersOld_j‖. */
function lloydIter(s: Samples, k: number, centersOld: Float64Array, centersNew: Float64Array, weightInClusters: Float64Array, labels: Int32Array, shift: Float64Array): void {
  const f = s.f;
  centersNew.fill(0);
  weightInClusters.fill(0);
  assignLabels(s, centersOld, k, labels, centersNew, weightInClusters);
  relocateEmptyClusters(s, centersOld, centersNew, weightInClusters, labels);
  // c_j = (Σ w_i x_i) · (1 / Σ w_i), multiplying by the reciprocal as the Cython code does
  for (let j = 0; j < k; j++) {
    if (weightInClusters[j] <= 0) continue;
    const alpha = 1 / weightInClusters[j];
    for (let p = j * f; p < (j + 1) * f; p++) centersNew[p] *= alpha;
  }
  for (let j = 0; j < k; j++) shift[j] = Math.sqrt(squaredEuclidean(centersNew, j * f, centersOld, j * f, f));
}

/** Each empty cluster takes the sample farthest from its current center (the farthest first),
 *  which leaves the cluster it came from. Nothing moves if every sample sits on its center. */
function relocateEmptyClusters(s: Samples, centersOld: Float64Array, centersNew: Float64Array, weightInClusters: Float64Array, labels: Int32Array): void {
  const empty: number[] = [];
  weightInClusters.forEach((w, j) => { if (w === 0) empty.push(j); });
  if (empty.length === 0) return;
  const { x, n, f, weights } = s;
  // ‖x_i - c_{label i}‖², summed as np.sum sums each row
  const distances = new Float64Array(n);
  const diff = new Float64Array(f);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < f; p++) diff[p] = (x[i * f + p] - centersOld[labels[i] * f + p]) ** 2;
    distances[i] = npSum(diff);
  }
  if (distances.reduce((m, d) => Math.max(m, d), -Infinity) === 0) return;
  const farthest = Array.from(distances.keys()).sort((a, b) => distances[b] - distances[a] || a - b);
  empty.forEach((newCluster, idx) => {
    const far = farthest[idx];
    const w = weights[far];
    const oldCluster = labels[far];
    for (let p = 0; p < f; p++) {
      centersNew[oldCluster * f + p] -= x[far * f + p] * w;
      centersNew[newCluster * f + p] = x[far * f + p] * w;
    }
    weightInClusters[newCluster] = w;
    weightInClusters[oldCluster] -= w;
  });
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Runs Lloyd iterations from `centersInit` (k x f, not modified) until convergence or `maxIter`. */
export function kmeansSingleLloyd(s: Samples, centersInit: Float64Array, k: number, maxIter: number, tol: number, verbose = false): LloydResult {
  let centers = Float64Array.from(centersInit);
  let centersNew = new Float64Array(centers.length);
  // in shared memory when threads are on, where np.nearestRows's threads write the labels in place
  const labels = (np.asTypedArray(np.sharedEmpty([s.n], 'int32')) as Int32Array).fill(-1);
  const labelsOld = new Int32Array(s.n).fill(-1);
  const weightInClusters = new Float64Array(k);
  const shift = new Float64Array(k);
  let strict = false;
  let i = 0;
  for (; i < maxIter; i++) {
    lloydIter(s, k, centers, centersNew, weightInClusters, labels, shift);
    if (verbose) console.log(`Iteration ${i}, inertia ${inertia(s, centers, labels)}.`);
    [centers, centersNew] = [centersNew, centers];
    if (sameLabels(labels, labelsOld)) {
      if (verbose) console.log(`Converged at iteration ${i}: strict convergence.`);
      strict = true;
      break;
    }
    const shiftTotal = npSum(shift.map((d) => d * d));
    if (shiftTotal <= tol) {
      if (verbose) console.log(`Converged at iteration ${i}: center shift ${shiftTotal} within tolerance ${tol}.`);
      break;
    }
    labelsOld.set(labels);
  }
  // The last M-step moved the centers: relabel so that labels and centers agree.
  if (!strict) assignLabels(s, centers, k, labels);
  return { labels, inertia: inertia(s, centers, labels), centers, nIter: Math.min(i + 1, maxIter) };
}
