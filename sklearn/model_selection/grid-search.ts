// GridSearchCV: try every combination of the listed param values (scikit-learn's GridSearchCV).
// `new GridSearchCV(new RidgeClassifier(), {alpha: [1, 2, 3], solver: ['svd', 'lsqr']}, {cv: 3})`
// cross-validates all 6 candidates on the same 3 folds, keeps the best mean test score (the first one
// on ties) in bestParams_, and refits it on all the data as bestEstimator_. Keys reach inside
// pipelines as `step__param` (`{poly__degree: [1, 2], ridge__alpha: [0.5, 1]}`).
import { BaseEstimator, type Params } from '../base.ts';
import { estimatorFromJSON, registerEstimator, type EstimatorJSON } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { BaseSearchCV, SEARCH_DEFAULTS, type EvaluateCandidates, type SearchParams } from './base-search.ts';
import { ParameterGrid, type ParamGridSpec } from './parameter-grid.ts';

export type GridSearchParams = SearchParams & {
  /** Values to try per param, or a list of such grids explored one after the other. */
  paramGrid: ParamGridSpec | ParamGridSpec[];
};

export type GridSearchOptions = Partial<Omit<GridSearchParams, 'estimator' | 'paramGrid'>>;

const DEFAULTS: GridSearchParams = { estimator: null as unknown as BaseEstimator, paramGrid: null as unknown as ParamGridSpec, ...SEARCH_DEFAULTS };

export class GridSearchCV extends BaseSearchCV<GridSearchParams> {
  constructor(estimator: BaseEstimator | Partial<GridSearchParams>, paramGrid?: ParamGridSpec | ParamGridSpec[], options: GridSearchOptions = {}) {
    super(DEFAULTS, estimator instanceof BaseEstimator ? { ...options, estimator, paramGrid } : estimator);
  }

  protected async runSearch(evaluate: EvaluateCandidates): Promise<void> {
    await evaluate(new ParameterGrid(this.params.paramGrid));
  }

  static fromJSON(json: EstimatorJSON): GridSearchCV {
    // `this`, not the class name: a bundler may rename a class that refers to itself.
    return estimatorFromJSON(json, this as unknown as new (p: Params) => GridSearchCV, saved.SEARCH).restoreScorer();
  }
}

registerEstimator('GridSearchCV', GridSearchCV as unknown as new (p: Params) => GridSearchCV);
