// What GridSearchCV and RandomizedSearchCV share (scikit-learn's BaseSearchCV): cross-validate every
// candidate setting of the params on the same folds, rank the candidates by mean test score, then
// refit the best setting on all the data and delegate predict/score/... to that refitted model.
// Subclasses only say which candidates to try. The one thing to understand: each fit starts from a
// fresh clone, so no candidate and no fold ever sees a model trained on another one's data.
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { BaseEstimator, checkIsFitted, clone, isClassifier, type Params } from '../base.ts';
import { estimatorFromJSON, type EstimatorClass, type EstimatorJSON } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { secondsSince } from '../utils/log.ts';
import { camelKey, checkCv, type CvLike } from './cross-validation.ts';
import { fitAndScore, warnOrRaiseAboutFitFailures, type ErrorScore, type FitAndScoreResult } from './fit-and-score.ts';
import { indexable } from '../utils/indexing.ts';
import { resolveScoring, type MultiScoring, type Scorer } from './scoring.ts';
import { firstBest, formatResults, type CvResults } from './search-results.ts';

export type SearchParams = {
  /** The estimator whose params are searched (cloned, never fitted itself). */
  estimator: BaseEstimator;
  /** Default: the estimator's own `score`. Several scorers need `refit` to name the one that picks the best. */
  scoring: MultiScoring;
  /** Refit the best candidate on all the data (true), a scorer name (multi-metric), a function of
   *  cvResults_ returning the best index, or false (no refit, no prediction). */
  refit: boolean | string | ((cvResults: CvResults) => number);
  /** Default 5 folds (stratified for classifiers). */
  cv: CvLike;
  verbose: number;
  /** The score of a fit that throws: NaN by default, or 'raise' to rethrow. */
  errorScore: ErrorScore;
  returnTrainScore: boolean;
};

export const SEARCH_DEFAULTS: Omit<SearchParams, 'estimator'> = {
  scoring: null, refit: true, cv: null, verbose: 0, errorScore: NaN, returnTrainScore: false,
};

type Estimator = BaseEstimator & { fit(X: unknown, y?: unknown): Promise<unknown> };
type Method = (...args: unknown[]) => Promise<unknown>;

/** Tries candidate settings, one batch at a time; returns the results so far. */
export type EvaluateCandidates = (candidates: Iterable<Params>) => Promise<CvResults>;

export abstract class BaseSearchCV<P extends SearchParams = SearchParams> extends BaseEstimator<P> {
  static override readonly strict: boolean = true;
  /** The per-candidate table: params, scores per split, mean/std/rank, fit and score times. */
  cvResults_?: CvResults;
  bestIndex_?: number;
  bestScore_?: number;
  bestParams_?: Params;
  /** The best candidate refitted on all the data (when `refit`). */
  bestEstimator_?: BaseEstimator;
  /** Seconds spent refitting the best candidate. */
  refitTime_?: number;
  /** The scorer used (a {name: scorer} object for multi-metric scoring). */
  scorer_?: Scorer | Record<string, Scorer>;
  nSplits_?: number;
  multimetric_?: boolean;

  /** Calls `evaluate` with the candidates to try (once or several times). */
  protected abstract runSearch(evaluate: EvaluateCandidates): Promise<void>;

  /** A search is a classifier when the searched estimator is. */
  get estimatorType(): string | undefined {
    return (this.params.estimator as { estimatorType?: string } | null)?.estimatorType;
  }

  async fit(X: unknown, y?: unknown): Promise<this> {
    const estimator = this.searchedEstimator();
    const { scorers, multimetric } = resolveScoring(estimator, this.params.scoring);
    const refit = this.params.refit;
    if (multimetric) checkRefitForMultimetric(refit, scorers);
    const refitMetric = multimetric ? (refit as string) : 'score';
    const [Xa, ya] = await indexable(X, y);
    const cv = await checkCv(this.params.cv, ya, { classifier: isClassifier(estimator) });
    const nSplits = cv.getNSplits(Xa, ya);
    const base = clone(estimator) as Estimator;
    const allCandidates: Params[] = [];
    const allOut: FitAndScoreResult[] = [];
    let results = {} as CvResults;
    const evaluate: EvaluateCandidates = async (candidates) => {
      const list = [...candidates];
      if (this.params.verbose > 0) {
        console.log(`Fitting ${nSplits} folds for each of ${list.length} candidates, totalling ${list.length * nSplits} fits`);
      }
      // Candidate-major, like sklearn's product(candidates, splits): the folds are drawn once.
      const splits = await cv.split(Xa, ya ?? undefined);
      const out: FitAndScoreResult[] = [];
      for (const [c, parameters] of list.entries()) {
        for (const [s, split] of splits.entries()) {
          out.push(await fitAndScore(clone(base), Xa as NDArray, ya, {
            scorers, multimetric, split, parameters, errorScore: this.params.errorScore, verbose: this.params.verbose,
            returnTrainScore: this.params.returnTrainScore, splitProgress: [s, nSplits], candidateProgress: [c, list.length],
          }));
        }
      }
      if (out.length < 1) throw new ValueError('No fits were performed. Was the CV iterator empty? Were there no candidates?');
      if (out.length !== list.length * nSplits) {
        throw new ValueError(`cv.split and cv.get_n_splits returned inconsistent results. Expected ${nSplits} splits, got ${out.length / list.length}`);
      }
      warnOrRaiseAboutFitFailures(out, this.params.errorScore);
      allCandidates.push(...list);
      allOut.push(...out);
      results = formatResults(allCandidates, nSplits, allOut, this.params.returnTrainScore);
      return results;
    };
    await this.runSearch(evaluate);
    this.multimetric_ = multimetric;
    if (refit !== false || !multimetric) {
      this.bestIndex_ = typeof refit === 'function' ? checkBestIndex(refit(results), results) : firstBest(results, refitMetric);
      if (typeof refit !== 'function') this.bestScore_ = (results[camelKey('mean_test', refitMetric)] as NDArray).dataSync()[this.bestIndex_];
      this.bestParams_ = results.params[this.bestIndex_];
    }
    if (refit !== false) {
      const best = clone(clone(base).setParams(this.bestParams_ as Params)) as Estimator;
      const start = performance.now();
      await (ya ? best.fit(Xa, ya) : best.fit(Xa));
      this.refitTime_ = secondsSince(start);
      this.bestEstimator_ = best;
    }
    this.scorer_ = multimetric ? scorers : scorers.score;
    this.cvResults_ = results;
    this.nSplits_ = nSplits;
    return this;
  }

  /** The refitted best estimator's `name` method; sklearn's available_if and check_is_fitted. */
  private delegate(name: string): Method {
    this.checkRefit(name);
    if (!this.bestEstimator_) this.searchedEstimator();
    const target = (this.bestEstimator_ ?? this.params.estimator) as unknown as Record<string, unknown>;
    if (typeof target[name] !== 'function') throw new TypeError(`This '${this.estimatorName}' has no attribute '${name}'`);
    checkIsFitted(this);
    return (target[name] as Method).bind(this.bestEstimator_);
  }

  /** sklearn's check that `estimator` is an estimator (it needs `fit`, and `getParams` to be cloned). */
  private searchedEstimator(): Estimator {
    const est = this.params.estimator as unknown;
    if (!(est instanceof BaseEstimator) || typeof (est as { fit?: unknown }).fit !== 'function') {
      throw new TypeError(`estimator should be an estimator implementing 'fit' method, ${String(est)} was passed`);
    }
    return est as Estimator;
  }

  private checkRefit(name: string): void {
    if (this.params.refit === false) {
      throw new TypeError(`This ${this.estimatorName} instance was initialized with \`refit=False\`. ${name} is available only after refitting on the best parameters. You can refit an estimator manually using the \`bestParams_\` attribute`);
    }
  }

  // The best estimator's methods, each asked of it by name (a rejected TypeError when it has none).
  async predict(X: unknown): Promise<NDArray> { return this.delegate('predict')(X) as Promise<NDArray>; }
  async predictProba(X: unknown): Promise<NDArray> { return this.delegate('predictProba')(X) as Promise<NDArray>; }
  async predictLogProba(X: unknown): Promise<NDArray> { return this.delegate('predictLogProba')(X) as Promise<NDArray>; }
  async decisionFunction(X: unknown): Promise<NDArray> { return this.delegate('decisionFunction')(X) as Promise<NDArray>; }
  async scoreSamples(X: unknown): Promise<NDArray> { return this.delegate('scoreSamples')(X) as Promise<NDArray>; }
  async transform(X: unknown): Promise<NDArray> { return this.delegate('transform')(X) as Promise<NDArray>; }
  async inverseTransform(X: unknown): Promise<NDArray> { return this.delegate('inverseTransform')(X) as Promise<NDArray>; }

  /** The search's scorer (the refit metric's, for multi-metric scoring) on the best estimator. */
  async score(X: unknown, y?: unknown): Promise<number> {
    this.checkRefit('score');
    checkIsFitted(this);
    const scorer = this.multimetric_ ? (this.scorer_ as Record<string, Scorer>)[this.params.refit as string] : (this.scorer_ as Scorer);
    return scorer(this.bestEstimator_, X, y);
  }

  /** The best estimator's class labels. */
  get classes_(): NDArray | undefined {
    this.checkRefit('classes_');
    return (this.bestEstimator_ as { classes_?: NDArray } | undefined)?.classes_;
  }

  get nFeaturesIn_(): number | undefined {
    return (this.bestEstimator_ as { nFeaturesIn_?: number } | undefined)?.nFeaturesIn_;
  }

  static override readonly learned = saved.SEARCH;

  /** Rebuilds a search from toJSON(); its scorer is rebuilt from the params (functions are not saved). */
  static override fromJSON<E extends object>(this: EstimatorClass<E & BaseEstimator>, json: EstimatorJSON): E {
    const search = estimatorFromJSON(json, this);
    if (search instanceof BaseSearchCV) search.restoreScorer();
    return search;
  }

  private restoreScorer(): void {
    if (this.multimetric_ === undefined) return;
    const { scorers } = resolveScoring(this.params.estimator, this.params.scoring);
    this.scorer_ = this.multimetric_ ? scorers : scorers.score;
  }
}

function checkRefitForMultimetric(refit: SearchParams['refit'], scorers: Record<string, Scorer>): void {
  const valid = refit === false || typeof refit === 'function' || (typeof refit === 'string' && refit in scorers);
  if (!valid) {
    throw new ValueError(`For multi-metric scoring, the parameter refit must be set to a scorer key or a callable to refit an estimator with the best parameter setting on the whole data and make the best_* attributes available for that metric. If this is not needed, refit should be set to False explicitly. ${String(refit)} was passed.`);
  }
}

function checkBestIndex(index: number, results: CvResults): number {
  if (!Number.isInteger(index)) throw new TypeError('best_index_ returned is not an integer');
  if (index < 0 || index >= results.params.length) throw new RangeError('best_index_ index out of range');
  return index;
}
