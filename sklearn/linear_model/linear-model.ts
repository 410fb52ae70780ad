// What every fitted linear model shares: scores are affine in the features, f(x) = W x + b, with one
// row of W = coef_ per target (or class). This file validates the inputs (2-D float64 arrays in C
// order, the layout the solvers read), computes X Wᵀ + b, and shapes the learned arrays the way
// scikit-learn does (coef_ 1-D for a 1-D y, the intercept a plain number when it is a single value
// or when no intercept is fitted).
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { checkIsFitted, type BaseEstimator, type Params } from '../base.ts';
import { Classifier } from '../mixins.ts';
import { checkArray, checkConsistentLength, checkNFeatures } from '../validation.ts';
import { matmulByColumn } from './solvers/products.ts';
import { predictedIndices } from './class-labels.ts';
import { type Labels, takeLabels } from '../utils/labels.ts';
import { asFloat, outputDtype, type FloatDType } from '../utils/float-dtype.ts';

/** a in C order: itself when it already is (the caller's array, which the linear models only read),
 *  else a copy (np.ascontiguousarray). The solvers' loops read X row by row. */
export function cOrder(a: NDArray): NDArray {
  return a.flags.cContiguous ? a : a.copy();
}

/** X for predict/decisionFunction: the estimator must be fitted, X 2-D, finite, with the fitted width. */
export async function predictInput(est: BaseEstimator & { nFeaturesIn_?: number }, X: unknown): Promise<NDArray> {
  checkIsFitted(est);
  const Xc = await checkArray(X, { estimator: est.estimatorName });
  checkNFeatures(Xc, est.nFeaturesIn_ as number, est.estimatorName);
  return cOrder(Xc);
}

/** X and y for a linear regressor's fit (check_X_y with multi_output=True): X 2-D, y (n,) or
 *  (n, targets) with as many rows. */
export async function checkRegressionXy(X: unknown, y: unknown, estimator: string): Promise<[NDArray, NDArray]> {
  const Xc = await checkArray(X, { estimator });
  if (y === undefined || y === null) throw new ValueError(`${estimator} requires y to be passed, but the target y is None.`);
  const yc = await checkArray(y, { name: 'y', ensure2d: false, estimator });
  if (yc.ndim === 0 || yc.ndim > 2) throw new ValueError(`Target y has the wrong shape (${yc.shape.join(', ')})`);
  checkConsistentLength(Xc, yc);
  return [cOrder(Xc), cOrder(yc)];
}

/** y (n,) or (n, targets) as (n, targets): a 1-D y is one column. */
export function targetColumns(y: NDArray): NDArray {
  return y.ndim === 1 ? y.reshape([-1, 1]) : y;
}

/** coef_ (features,) or (targets, features) as a float64 (targets, features) array. */
export function coefMatrix(coef: NDArray): NDArray {
  const W = asFloat(coef, 'float64');
  return W.ndim === 1 ? W.reshape([1, -1]) : W;
}

/** intercept_ (a number or a (targets,) array) as a float64 (targets,) array. */
export function interceptVector(intercept: number | NDArray, nTargets: number): NDArray {
  return typeof intercept === 'number' ? np.full([nTargets], intercept) : asFloat(intercept, 'float64');
}

/** S = X Wᵀ + b: (samples, targets), a target at a time (so a column's scores do not depend on how
 *  many targets are scored). */
export function linearScores(X: NDArray, coef: NDArray, intercept: number | NDArray): NDArray {
  const W = coefMatrix(coef);
  return np.add(matmulByColumn(X, W.T), interceptVector(intercept, W.shape[0]));
}

/** Scores as returned to the user: (n,) when there is one column and `ravel`, else (n, targets). */
export function scoresArray(S: NDArray, ravel: boolean): NDArray {
  return ravel && S.shape[1] === 1 ? S.reshape([-1]) : S;
}

/** coef_ as scikit-learn shapes it, from the (targets, features) solution: (features,) when y was
 *  1-D, else (targets, features); float32 when X was (Ridge keeps float32 data in float32). */
export function coefArray(coef: NDArray, ravel: boolean, dtype: FloatDType = 'float64'): NDArray {
  return asFloat(ravel ? coef.reshape([-1]) : coef, dtype);
}

/** intercept_: 0 without an intercept, a number for a 1-D y (rounded to float32 when asked), else a
 *  (targets,) array. */
export function interceptValue(b: NDArray | null, ravel: boolean, dtype: FloatDType = 'float64'): number | NDArray {
  if (!b) return 0;
  if (ravel) return dtype === 'float32' ? Math.fround(b.itemSync(0)) : b.itemSync(0);
  return asFloat(b, dtype);
}

/** A fitted linear regressor's predict: X wᵀ + b, (n,) when coef_ is 1-D (y was), else (n, targets). */
export async function predictLinear(est: BaseEstimator & { coef_?: NDArray; intercept_?: number | NDArray; nFeaturesIn_?: number }, X: unknown): Promise<NDArray> {
  const Xc = await predictInput(est, X);
  const coef = est.coef_ as NDArray;
  return asFloat(scoresArray(linearScores(Xc, coef, est.intercept_ as number | NDArray), coef.ndim === 1), outputDtype(X, coef));
}

/** A fitted linear classifier's state, as decisionValues and predictLabels read it. */
export interface FittedLinearClassifier extends BaseEstimator {
  coef_?: NDArray;
  intercept_?: number | NDArray;
  classes_?: Labels;
  nFeaturesIn_?: number;
}

/** scikit-learn's LinearClassifierMixin.decision_function: X Wᵀ + b, raveled to (n,) for one column. */
export async function decisionValues(est: FittedLinearClassifier, X: unknown): Promise<NDArray> {
  const Xc = await predictInput(est, X);
  return scoresArray(linearScores(Xc, est.coef_ as NDArray, est.intercept_ as number | NDArray), true);
}

/** LinearClassifierMixin.predict: classes_[argmax of the scores], or classes_[score > 0] for one column. */
export async function predictLabels<L extends Labels>(est: FittedLinearClassifier & { classes_?: L }, X: unknown): Promise<L> {
  const Xc = await predictInput(est, X);
  const S = linearScores(Xc, est.coef_ as NDArray, est.intercept_ as number | NDArray);
  return takeLabels(est.classes_ as L, predictedIndices(S));
}

/** scikit-learn's LinearClassifierMixin: the classifiers that score X Wᵀ + b (LogisticRegression,
 *  RidgeClassifier, RidgeClassifierCV) share decisionFunction and predict. */
export abstract class LinearClassifier<P extends Params, L extends Labels = NDArray> extends Classifier<P, L> implements FittedLinearClassifier {
  coef_?: NDArray;
  intercept_?: number | NDArray;
  classes_?: L;
  nFeaturesIn_?: number;

  /** Signed scores X Wᵀ + b: (n,) for two classes (> 0 means classes_[1]), else (n, classes). */
  decisionFunction(X: unknown): Promise<NDArray> {
    return decisionValues(this, X);
  }

  /** The class with the highest score (for two classes, classes_[1] where the score is > 0). */
  predict(X: unknown): Promise<L> {
    return predictLabels<L>(this, X);
  }
}
