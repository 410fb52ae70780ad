// tessera/sklearn: scikit-learn's estimators, metrics, model selection and data sets in TypeScript.
// One flat namespace, like `from sklearn.x import Y`: `import { Ridge, makeMoons } from 'tessera/sklearn'`.
export * from './datasets/index.ts';
export * from './cluster/index.ts';
export * from './linear_model/index.ts';
export * from './tree/index.ts';
export * from './ensemble/index.ts';
export * from './neighbors/index.ts';
export * from './model_selection/index.ts';
export { Pipeline, makePipeline, type Step, type StepEstimator, type PipelineParams } from './pipeline.ts';
export { shuffle, type ShuffleOptions } from './utils/shuffle.ts';
export type { Labels } from './utils/labels.ts';
export { sampleWithoutReplacement, type SampleMethod } from './utils/random.ts';
export * from './decomposition/index.ts';
export * from './preprocessing/index.ts';
export {
  accuracyScore, confusionMatrix, precisionScore, recallScore, f1Score, classificationReport,
} from './metrics/classification.ts';
export { meanSquaredError, meanAbsoluteError, r2Score } from './metrics/regression.ts';
export { BaseEstimator, clone, checkIsFitted, isClassifier, type Params } from './base.ts';
export { Classifier, Regressor, Transformer } from './mixins.ts';
export { NotFittedError } from './exceptions.ts';
export { registerEstimator, toJSONValue, fromJSONValue, type EstimatorClass, type EstimatorJSON, type Json } from './persistence.ts';
export { checkRandomState, type RandomStateLike } from './utils/random-state.ts';
