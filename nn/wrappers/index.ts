// The scikit-learn wrappers (keras.wrappers.scikit_learn): a tessera/nn network as an estimator that
// crossValScore, GridSearchCV and Pipeline can fit, clone and score.
import { registerEstimator } from '../../sklearn/index.ts';
import { KerasClassifier } from './keras-classifier.ts';
import { KerasRegressor } from './keras-regressor.ts';

// Known to sklearn's persistence by name, so a saved Pipeline holding a wrapper loads again.
registerEstimator('KerasClassifier', KerasClassifier);
registerEstimator('KerasRegressor', KerasRegressor);

export { KerasClassifier, type ClassifierMeta, type ClassifierBuildFn, type KerasClassifierParams } from './keras-classifier.ts';
export { KerasRegressor, type RegressorMeta, type RegressorBuildFn, type KerasRegressorParams } from './keras-regressor.ts';
export type { BuildFn, BuildMeta, KerasParams, KerasJSON } from './keras-wrapper.ts';
