// Scorers: how model selection turns a fitted estimator and held-out data into one number where
// higher is better (scikit-learn's get_scorer / check_scoring / make_scorer). A scorer predicts on X
// and compares with y through a metric; error metrics are negated ('neg_mean_squared_error') so that
// "higher is better" holds for every scorer. Without a scoring, the estimator's own `score` is used.
import { ValueError } from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { accuracyScore, f1Score, precisionScore, recallScore } from '../metrics/classification.ts';
import { meanAbsoluteError, meanSquaredError, r2Score } from '../metrics/regression.ts';
import { toCpu } from '../validation.ts';
import { checkOptions } from '../utils/check-params.ts';

/** (fitted estimator, X, y) -> a score, higher is better. */
export type Scorer = (estimator: unknown, X: unknown, y?: unknown) => number | Promise<number>;
/** One scorer (by name or as a function), or several by name for multi-metric evaluation. */
export type Scoring = string | Scorer | null | undefined;
export type MultiScoring = Scoring | string[] | Record<string, string | Scorer>;

type Metric = (yTrue: unknown, yPred: unknown) => number | number[] | Promise<number | number[]>;

/** A scorer from a metric of (yTrue, yPred): sign · metric(y, estimator.predict(X)). */
export function makeScorer(metric: Metric, options: { greaterIsBetter?: boolean } = {}): Scorer {
  checkOptions('makeScorer', options, ['greaterIsBetter']);
  const sign = options.greaterIsBetter === false ? -1 : 1;
  return async (estimator, X, y) => {
    const predict = (estimator as { predict?: (X: unknown) => Promise<NDArray> }).predict;
    if (typeof predict !== 'function') throw new TypeError(`${String(estimator)} has no predict method to score with`);
    return sign * (await metric(y, await predict.call(estimator, X)) as number);
  };
}

const rootMeanSquaredError: Metric = async (t, p) => Math.sqrt(await meanSquaredError(t, p));

async function maxError(yTrue: unknown, yPred: unknown): Promise<number> {
  const [t, p] = [(await toCpu(yTrue)).dataSync(), (await toCpu(yPred)).dataSync()];
  let worst = 0;
  for (let i = 0; i < t.length; i++) worst = Math.max(worst, Math.abs(t[i] - p[i]));
  return worst;
}

/** precision / recall / f1 with the given averaging ('binary' counts class 1 as positive). */
function averaged(metric: typeof f1Score, average: 'binary' | 'macro' | 'micro' | 'weighted'): Metric {
  return (t, p) => metric(t, p, { average });
}

const SCORERS: Record<string, Scorer> = {
  accuracy: makeScorer(accuracyScore),
  r2: makeScorer(r2Score),
  max_error: makeScorer(maxError, { greaterIsBetter: false }),
  neg_mean_squared_error: makeScorer(meanSquaredError, { greaterIsBetter: false }),
  neg_mean_absolute_error: makeScorer(meanAbsoluteError, { greaterIsBetter: false }),
  neg_root_mean_squared_error: makeScorer(rootMeanSquaredError, { greaterIsBetter: false }),
};
for (const [name, metric] of [['precision', precisionScore], ['recall', recallScore], ['f1', f1Score]] as const) {
  SCORERS[name] = makeScorer(averaged(metric, 'binary'));
  for (const average of ['macro', 'micro', 'weighted'] as const) SCORERS[`${name}_${average}`] = makeScorer(averaged(metric, average));
}

/** The names getScorer accepts, sorted. */
export function getScorerNames(): string[] {
  return Object.keys(SCORERS).sort();
}

/** The scorer called `name`; a function is returned as it is. */
export function getScorer(scoring: string | Scorer): Scorer {
  if (typeof scoring === 'function') return scoring;
  const scorer = SCORERS[scoring];
  if (!scorer) throw new ValueError(`'${scoring}' is not a valid scoring value. Use sklearn.metrics.get_scorer_names() to get valid options.`);
  return scorer;
}

/** The estimator's own score method, as a scorer. */
const passthroughScorer: Scorer = (estimator, X, y) => (estimator as { score: (X: unknown, y: unknown) => Promise<number> }).score(X, y);

/** sklearn's check_scoring: a named or given scorer, else the estimator's own `score`. */
export function checkScoring(estimator: unknown, scoring: Scoring = null): Scorer {
  if (typeof (estimator as { fit?: unknown })?.fit !== 'function') {
    throw new TypeError(`estimator should be an estimator implementing 'fit' method, ${String(estimator)} was passed`);
  }
  if (typeof scoring === 'string' || typeof scoring === 'function') return getScorer(scoring);
  if (scoring !== null && scoring !== undefined) {
    throw new ValueError(`For evaluating multiple scores, use sklearn.model_selection.cross_validate instead. ${String(scoring)} was passed.`);
  }
  if (typeof (estimator as { score?: unknown }).score !== 'function') {
    throw new TypeError(`If no scoring is specified, the estimator passed should have a 'score' method. The estimator ${String(estimator)} does not.`);
  }
  return passthroughScorer;
}

/** Named scorers for multi-metric evaluation (sklearn's _check_multimetric_scoring). */
export function checkMultimetricScoring(scoring: string[] | Record<string, string | Scorer>): Record<string, Scorer> {
  const entries: [string, string | Scorer][] = Array.isArray(scoring) ? scoring.map((s) => [s, s]) : Object.entries(scoring);
  if (entries.length === 0) throw new ValueError(`An empty list or dict was passed for scoring: ${JSON.stringify(scoring)}`);
  const names = entries.map(([n]) => n);
  if (new Set(names).size !== names.length) throw new ValueError(`Duplicate elements were found in the given list. ${JSON.stringify(scoring)}`);
  if (Array.isArray(scoring) && scoring.some((s) => typeof s !== 'string')) {
    throw new ValueError(`The list/tuple elements must be unique strings of predefined scorers. ${JSON.stringify(scoring)}`);
  }
  return Object.fromEntries(entries.map(([n, s]) => [n, getScorer(s)]));
}

/** Single-metric scoring as {score: scorer} (the multi-metric form everything else works with). */
export function resolveScoring(estimator: unknown, scoring: MultiScoring): { scorers: Record<string, Scorer>; multimetric: boolean } {
  if (scoring === null || scoring === undefined || typeof scoring === 'string' || typeof scoring === 'function') {
    return { scorers: { score: checkScoring(estimator, scoring) }, multimetric: false };
  }
  return { scorers: checkMultimetricScoring(scoring), multimetric: true };
}
