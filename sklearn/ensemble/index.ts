// sklearn.ensemble: many estimators combined, by boosting (AdaBoost) or by averaging (random forests).
export { AdaBoostClassifier, type AdaBoostClassifierParams } from './adaboost-classifier.ts';
export { RandomForestClassifier, type RandomForestClassifierParams } from './random-forest-classifier.ts';
