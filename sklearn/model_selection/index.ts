// sklearn.model_selection: splitting data, cross-validating, and searching hyper-parameters.
export { KFold, StratifiedKFold, LeaveOneOut, type Split, type Splitter, type KFoldParams } from './split.ts';
export { ShuffleSplit, StratifiedShuffleSplit, type ShuffleSplitParams, type SplitSize } from './shuffle-split.ts';
export { trainTestSplit, type TrainTestSplitOptions } from './train-test-split.ts';
export { checkCv, crossValidate, crossValScore, type CvLike, type CrossValidateOptions, type CrossValidateResult, type CrossValScoreOptions } from './cross-validation.ts';
export { getScorer, getScorerNames, checkScoring, makeScorer, type Scorer, type Scoring, type MultiScoring } from './scoring.ts';
export { ParameterGrid, ParameterSampler, type ParamGridSpec, type ParamDistributions, type Distribution } from './parameter-grid.ts';
export { GridSearchCV, type GridSearchParams, type GridSearchOptions } from './grid-search.ts';
export { RandomizedSearchCV, type RandomizedSearchParams, type RandomizedSearchOptions } from './randomized-search.ts';
export type { CvResults } from './search-results.ts';
export type { TargetType } from './target-type.ts';
export { typeOfTarget } from './target-type.ts';
