// cvResults_, the table a hyper-parameter search leaves behind (scikit-learn's _format_results): one
// row per candidate, one column per statistic, with sklearn's keys camelCased (`mean_test_score` is
// `meanTestScore`, `split0_test_score` is `split0TestScore`; `param_alpha` keeps its name).
// Ranks are "min" ranks of the mean test scores: tied candidates share the best rank, so rank 1 may
// appear several times, and a candidate whose folds failed (NaN) ranks with the worst.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import type { Params } from '../base.ts';
import { warn } from '../utils/log.ts';
import { camelKey } from './cross-validation.ts';
import type { FitAndScoreResult } from './fit-and-score.ts';
import { range } from '../utils/indexing.ts';

/** Numeric columns are NDArrays; `params` lists the candidates, `param_<name>` their values (undefined
 *  where a candidate does not set that param). */
export interface CvResults {
  params: Params[];
  [key: string]: NDArray | unknown[];
}

/** "min" ranks of -means: 1 + the number of strictly better candidates; NaN ties with the worst. */
function minRanks(means: Float64Array): NDArray {
  const finite = Array.from(means).filter((m) => !Number.isNaN(m));
  if (finite.length === 0) return np.ones([means.length], { dtype: 'int32' });
  const worst = Math.min(...finite) - 1;
  const m = Array.from(means, (x) => (Number.isNaN(x) ? worst : x));
  return np.array(m.map((x) => 1 + m.filter((other) => other > x).length), { dtype: 'int32' });
}

/** Writes split<k><Key>, mean<Key>, std<Key> (and rank<Key>) for a (candidates x splits) table. */
function store(results: CvResults, key: string, values: number[], nCandidates: number, nSplits: number, o: { splits?: boolean; rank?: boolean } = {}): void {
  const table = np.array(values, { dtype: 'float64' }).reshape(nCandidates, nSplits);
  if (o.splits) {
    for (let k = 0; k < nSplits; k++) results[camelKey(`split${k}`, key)] = np.copy(table.get(':', k));
  }
  const means = np.mean(table, { axis: 1 });
  results[camelKey('mean', key)] = means;
  const meanValues = means.dataSync() as Float64Array;
  if ((key.startsWith('train_') || key.startsWith('test_')) && meanValues.some((x) => !Number.isFinite(x))) {
    warn(`One or more of the ${key.split('_')[0]} scores are non-finite: ${means.str()}`);
  }
  // Population standard deviation over the folds: sqrt(mean((s - mean)²)).
  results[camelKey('std', key)] = np.std(table, { axis: 1 });
  if (o.rank) results[camelKey('rank', key)] = minRanks(meanValues);
}

/** The results of `out` (candidate-major: every split of candidate 0, then candidate 1, ...). */
export function formatResults(candidates: Params[], nSplits: number, out: FitAndScoreResult[], returnTrainScore: boolean): CvResults {
  const n = candidates.length;
  const results = {} as CvResults;
  store(results, 'fit_time', out.map((r) => r.fitTime), n, nSplits);
  store(results, 'score_time', out.map((r) => r.scoreTime), n, nSplits);
  // param_<name>: one value per candidate, undefined where the candidate has no such param.
  for (const [i, params] of candidates.entries()) {
    for (const [name, value] of Object.entries(params)) {
      const column = (results[`param_${name}`] ??= new Array<unknown>(n).fill(undefined)) as unknown[];
      column[i] = value;
    }
  }
  results.params = candidates;
  for (const name of Object.keys(out[0].testScores)) {
    store(results, `test_${name}`, out.map((r) => r.testScores[name]), n, nSplits, { splits: true, rank: true });
    if (returnTrainScore) {
      store(results, `train_${name}`, out.map((r) => (r.trainScores as Record<string, number>)[name]), n, nSplits, { splits: true });
    }
  }
  return results;
}

/** The index of the first candidate with rank 1 (argmin of the ranks). */
export function firstBest(results: CvResults, metric: string): number {
  const ranks = (results[camelKey('rank_test', metric)] as NDArray).dataSync();
  return range(ranks.length).reduce((best, i) => (ranks[i] < ranks[best] ? i : best), 0);
}
