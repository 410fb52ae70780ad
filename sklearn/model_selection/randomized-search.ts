// RandomizedSearchCV: try nIter candidates drawn at random (scikit-learn's RandomizedSearchCV).
// When every param is a list of values the candidates are nIter distinct points of the grid, the
// same ones scikit-learn picks for the same randomState; a param given as a distribution (an object
// with `rvs(rng)`) is drawn afresh for each candidate. Everything else is GridSearchCV's.
import { BaseEstimator } from '../base.ts';
import { registerEstimator } from '../persistence.ts';
import type { RandomStateLike } from '../utils/random-state.ts';
import { BaseSearchCV, SEARCH_DEFAULTS, type EvaluateCandidates, type SearchParams } from './base-search.ts';
import { ParameterSampler, type ParamDistributions } from './parameter-grid.ts';

export type RandomizedSearchParams = SearchParams & {
  /** Lists of values or distributions per param, or a list of such objects (one picked per candidate). */
  paramDistributions: ParamDistributions | ParamDistributions[];
  /** How many candidates to try (default 10). */
  nIter: number;
  randomState: RandomStateLike;
};

export type RandomizedSearchOptions = Partial<Omit<RandomizedSearchParams, 'estimator' | 'paramDistributions'>>;

const DEFAULTS: RandomizedSearchParams = {
  estimator: null as unknown as BaseEstimator, paramDistributions: null as unknown as ParamDistributions, nIter: 10, ...SEARCH_DEFAULTS, randomState: null,
};

/**
 * Cross-validated search over nIter random candidates (scikit-learn's RandomizedSearchCV).
 *
 * @example
 * ```ts
 * import { RandomizedSearchCV, Ridge } from 'tessera/sklearn';
 *
 * const X = [[0], [1], [2], [3], [4], [5]];
 * const search = new RandomizedSearchCV(new Ridge(), { alpha: [0.01, 0.1, 1, 10, 100] }, { nIter: 3, cv: 3, randomState: 0 });
 * await search.fit(X, [0, 2, 4, 6, 8, 10]);
 * console.log(search.cvResults_!.params, search.bestParams_);
 * ```
 *
 * ```text output
 * [ { alpha: 1 }, { alpha: 0.01 }, { alpha: 0.1 } ] { alpha: 0.01 }
 * ```
 */
export class RandomizedSearchCV extends BaseSearchCV<RandomizedSearchParams> {
  constructor(
    estimator: BaseEstimator | Partial<RandomizedSearchParams>,
    paramDistributions?: ParamDistributions | ParamDistributions[],
    options: RandomizedSearchOptions = {},
  ) {
    super(DEFAULTS, estimator instanceof BaseEstimator ? { ...options, estimator, paramDistributions } : estimator);
  }

  protected async runSearch(evaluate: EvaluateCandidates): Promise<void> {
    const { paramDistributions, nIter, randomState } = this.params;
    await evaluate(new ParameterSampler(paramDistributions, nIter, { randomState }));
  }
}

registerEstimator('RandomizedSearchCV', RandomizedSearchCV);
