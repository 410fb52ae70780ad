// sklearn.linear_model: least squares (LinearRegression), ridge regression and classification with
// their solvers, leave-one-out alpha selection, and logistic regression.
export { LinearRegression, type LinearRegressionParams } from './linear-regression.ts';
export { Ridge, type RidgeParams } from './ridge.ts';
export { RidgeClassifier, type RidgeClassifierParams } from './ridge-classifier.ts';
export { RidgeClassifierCV, type RidgeClassifierCVParams } from './ridge-classifier-cv.ts';
export { LogisticRegression, type LogisticRegressionParams } from './logistic-regression.ts';
export type { RidgeSolver } from './ridge-regression.ts';
