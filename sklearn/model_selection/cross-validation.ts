// Cross-validation (scikit-learn's check_cv, cross_validate and cross_val_score): fit a fresh clone of
// the estimator on k-1 folds, score it on the held-out fold, k times, so every sample is tested exactly
// once by a model that never saw it. An integer cv means StratifiedKFold for a classifier with class
// labels (each fold keeps the class proportions), KFold otherwise; neither shuffles.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { clone, isClassifier, type BaseEstimator } from '../base.ts';
import { fitAndScore, warnOrRaiseAboutFitFailures, type ErrorScore, type FitAndScoreResult } from './fit-and-score.ts';
import { indexable } from '../utils/indexing.ts';
import { checkScoring, resolveScoring, type MultiScoring, type Scoring } from './scoring.ts';
import { KFold, StratifiedKFold, type Split, type Splitter } from './split.ts';
import { typeOfTarget } from './target-type.ts';
import { checkOptions } from '../utils/check-params.ts';

/** A number of folds, a splitter, or the splits themselves. */
export type CvLike = number | Splitter | readonly Split[] | null | undefined;

/** Given splits used as they are (sklearn's _CVIterableWrapper). */
class PredefinedSplits implements Splitter {
  constructor(private readonly splits: Split[]) {}
  getNSplits(): number {
    return this.splits.length;
  }
  async split(): Promise<Split[]> {
    return this.splits;
  }
}

const isSplitter = (cv: unknown): cv is Splitter => typeof cv === 'object' && typeof (cv as Splitter | null)?.split === 'function';

/** sklearn's check_cv: the splitter a `cv` option stands for. */
export async function checkCv(cv: CvLike = 5, y: unknown = null, options: { classifier?: boolean } = {}): Promise<Splitter> {
  checkOptions('checkCv', options, ['classifier']);
  const folds = cv ?? 5;
  if (typeof folds === 'number' && Number.isInteger(folds)) {
    const labels = options.classifier && y !== null && y !== undefined && ['binary', 'multiclass'].includes(await typeOfTarget(y));
    return labels ? new StratifiedKFold({ nSplits: folds }) : new KFold({ nSplits: folds });
  }
  if (isSplitter(folds)) return folds;
  if (Array.isArray(folds)) return new PredefinedSplits(folds.map(splitPair));
  throw new ValueError(`Expected cv as an integer, cross-validation object (from sklearn.model_selection) or an iterable. Got ${String(cv)}.`);
}

/** One given split: a [train, test] pair of index lists (JS lists, typed arrays or 1-D NDArrays). */
function splitPair(split: unknown, i: number): [number[], number[]] {
  const indices = (x: unknown): number[] | null => {
    const list = x instanceof np.NDArray && x.ndim === 1 && x.device === 'cpu' ? x.toArraySync() : x;
    const values = Array.isArray(list) ? list : ArrayBuffer.isView(list) ? Array.from(list as unknown as ArrayLike<number>) : null;
    return values && values.every((v) => Number.isInteger(v)) ? (values as number[]) : null;
  };
  const pair = Array.isArray(split) && split.length === 2 ? [indices(split[0]), indices(split[1])] : [null, null];
  if (!pair[0] || !pair[1]) {
    throw new ValueError(`cv: split ${i} must be a [train, test] pair of integer index lists, got ${Array.isArray(split) ? `a list of ${split.length} item(s)` : String(split)}`);
  }
  return [pair[0], pair[1]];
}

/** sklearn's "test_score" as tessera's "testScore". */
export function camelKey(...parts: string[]): string {
  return parts.join('_').replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export interface CrossValidateOptions {
  /** Default 5 folds. */
  cv?: CvLike;
  /** A scorer name or function, or several (names, or {name: scorer}); default the estimator's `score`. */
  scoring?: MultiScoring;
  returnTrainScore?: boolean;
  returnEstimator?: boolean;
  /** The score of a fit that throws (default NaN), or 'raise' to rethrow. */
  errorScore?: ErrorScore;
  verbose?: number;
}

/** testScore (or test<Name> per metric), trainScore when asked, fitTime, scoreTime, estimator when asked. */
export interface CrossValidateResult {
  fitTime: NDArray;
  scoreTime: NDArray;
  testScore?: NDArray;
  trainScore?: NDArray;
  estimator?: BaseEstimator[];
  [key: string]: NDArray | BaseEstimator[] | undefined;
}

type Estimator = BaseEstimator & { fit(X: unknown, y?: unknown): Promise<unknown> };

export async function crossValidate(estimator: Estimator, X: unknown, y?: unknown, options: CrossValidateOptions = {}): Promise<CrossValidateResult> {
  checkOptions('crossValidate', options, ['cv', 'scoring', 'returnTrainScore', 'returnEstimator', 'errorScore', 'verbose']);
  const [Xa, ya] = await indexable(X, y);
  const cv = await checkCv(options.cv, ya, { classifier: isClassifier(estimator) });
  const { scorers, multimetric } = resolveScoring(estimator, options.scoring);
  const errorScore = options.errorScore ?? NaN;
  const results: FitAndScoreResult[] = [];
  const splits = await cv.split(Xa, ya ?? undefined);
  for (const split of splits) {
    results.push(await fitAndScore(clone(estimator), Xa as NDArray, ya, {
      scorers, multimetric, split, errorScore, verbose: options.verbose ?? 0,
      returnTrainScore: options.returnTrainScore, returnEstimator: options.returnEstimator,
    }));
  }
  warnOrRaiseAboutFitFailures(results, errorScore);
  const column = (f: (r: FitAndScoreResult) => number): NDArray => np.array(results.map(f), { dtype: 'float64' });
  const out = { fitTime: column((r) => r.fitTime), scoreTime: column((r) => r.scoreTime) } as CrossValidateResult;
  if (options.returnEstimator) out.estimator = results.map((r) => r.estimator as BaseEstimator);
  for (const name of Object.keys(scorers)) {
    out[camelKey('test', name)] = column((r) => r.testScores[name]);
    if (options.returnTrainScore) out[camelKey('train', name)] = column((r) => (r.trainScores as Record<string, number>)[name]);
  }
  return out;
}

export interface CrossValScoreOptions {
  cv?: CvLike;
  scoring?: Scoring;
  errorScore?: ErrorScore;
  verbose?: number;
}

/**
 * The test score of each fold, as a float64 array.
 *
 * @example
 * ```ts
 * import { crossValScore, KNeighborsClassifier } from 'tessera/sklearn';
 *
 * const X = [[0], [1], [2], [3], [4], [5], [6], [7], [8]];
 * const y = [0, 0, 1, 0, 0, 1, 1, 0, 1];
 * console.log(await crossValScore(new KNeighborsClassifier({ nNeighbors: 1 }), X, y, { cv: 3 }));
 * ```
 *
 * ```text output
 * array([0.66666667, 0.33333333, 0.66666667])
 * ```
 */
export async function crossValScore(estimator: Estimator, X: unknown, y?: unknown, options: CrossValScoreOptions = {}): Promise<NDArray> {
  checkOptions('crossValScore', options, ['cv', 'scoring', 'errorScore', 'verbose']);
  const scorer = checkScoring(estimator, options.scoring);
  const result = await crossValidate(estimator, X, y, { ...options, scoring: { score: scorer } });
  return result.testScore as NDArray;
}

