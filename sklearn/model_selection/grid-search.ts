// GridSearchCV: try every combination of the listed param values (scikit-learn's GridSearchCV).
// `new GridSearchCV(new RidgeClassifier(), {alpha: [1, 2, 3], solver: ['svd', 'lsqr']}, {cv: 3})`
// cross-validates all 6 candidates on the same 3 folds, keeps the best mean test score (the first one
// on ties) in bestParams_, and refits it on all the data as bestEstimator_. Keys reach inside
// pipelines as `step__param` (`{poly__degree: [1, 2], ridge__alpha: [0.5, 1]}`).
import { BaseEstimator } from '../base.ts';
import { registerEstimator } from '../persistence.ts';
import { BaseSearchCV, SEARCH_DEFAULTS, type EvaluateCandidates, type SearchParams } from './base-search.ts';
import { ParameterGrid, type ParamGridSpec } from './parameter-grid.ts';

export type GridSearchParams = SearchParams & {
  /** Values to try per param, or a list of such grids explored one after the other. */
  paramGrid: ParamGridSpec | ParamGridSpec[];
};

export type GridSearchOptions = Partial<Omit<GridSearchParams, 'estimator' | 'paramGrid'>>;

const DEFAULTS: GridSearchParams = { estimator: null as unknown as BaseEstimator, paramGrid: null as unknown as ParamGridSpec, ...SEARCH_DEFAULTS };

/**
 * Cross-validates every combination of a parameter grid and refits the best on all the data (scikit-learn's GridSearchCV).
 *
 * @example
 * ```ts
 * import { GridSearchCV, KNeighborsClassifier } from 'tessera/sklearn';
 *
 * const X = [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]];
 * const y = [0, 0, 0, 1, 0, 1, 1, 1, 1, 1];
 * const search = await new GridSearchCV(new KNeighborsClassifier(), { nNeighbors: [1, 3] }, { cv: 2 }).fit(X, y);
 * console.log(search.bestParams_, search.bestScore_, search.cvResults_!.meanTestScore);
 * ```
 *
 * ```text output
 * { nNeighbors: 1 } 0.7 array([0.7, 0.7])
 * ```
 */
export class GridSearchCV extends BaseSearchCV<GridSearchParams> {
  constructor(estimator: BaseEstimator | Partial<GridSearchParams>, paramGrid?: ParamGridSpec | ParamGridSpec[], options: GridSearchOptions = {}) {
    super(DEFAULTS, estimator instanceof BaseEstimator ? { ...options, estimator, paramGrid } : estimator);
  }

  protected async runSearch(evaluate: EvaluateCandidates): Promise<void> {
    await evaluate(new ParameterGrid(this.params.paramGrid));
  }
}

registerEstimator('GridSearchCV', GridSearchCV);
