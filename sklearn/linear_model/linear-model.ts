// What every fitted linear model shares: scores are affine in the features, f(x) = W x + b, with one
// row of W = coef_ per target (or class). This file turns validated inputs into matrices, computes
// X Wᵀ + b, and shapes the learned arrays the way scikit-learn does (coef_ 1-D for a 1-D y, the
// intercept a plain number when it is a single value or when no intercept is fitted).
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { checkIsFitted, type BaseEstimator, type Params } from '../base.ts';
import { Classifier } from '../mixins.ts';
import { checkArray, checkConsistentLength, checkNFeatures } from '../validation.ts';
import { type Matrix, matrix, fromNDArray, toNDArray } from './solvers/dense.ts';
import { predictedIndices } from './class-labels.ts';
import { type Labels, takeLabels } from '../utils/labels.ts';
import { asFloat, outputDtype, type FloatDType } from '../utils/float-dtype.ts';

/** X for predict/decisionFunction: the estimator must be fitted, X 2-D, finite, with the fitted width. */
export async function predictInput(est: BaseEstimator & { nFeaturesIn_?: number }, X: unknown): Promise<Matrix> {
  checkIsFitted(est);
  const Xc = await checkArray(X, { estimator: est.estimatorName });
  checkNFeatures(Xc, est.nFeaturesIn_ as number, est.estimatorName);
  return fromNDArray(Xc);
}

/** X and y for a linear regressor's fit (check_X_y with multi_output=True): X 2-D, y (n,) or
 *  (n, targets) with as many rows. */
export async function checkRegressionXy(X: unknown, y: unknown, estimator: string): Promise<[NDArray, NDArray]> {
  const Xc = await checkArray(X, { estimator });
  if (y === undefined || y === null) throw new ValueError(`${estimator} requires y to be passed, but the target y is None.`);
  const yc = await checkArray(y, { name: 'y', ensure2d: false, estimator });
  if (yc.ndim === 0 || yc.ndim > 2) throw new ValueError(`Target y has the wrong shape (${yc.shape.join(', ')})`);
  checkConsistentLength(Xc, yc);
  return [Xc, yc];
}

/** coef_ (features,) or (targets, features) as a (targets x features) matrix. */
export function coefMatrix(coef: NDArray): Matrix {
  const m = fromNDArray(asFloat(coef, 'float64'));
  return coef.ndim === 1 ? matrix(1, coef.shape[0], m.data) : m;
}

/** intercept_ (a number or a (targets,) array) as one value per target. */
export function interceptVector(intercept: number | NDArray, nTargets: number): Float64Array {
  if (typeof intercept === 'number') return new Float64Array(nTargets).fill(intercept);
  return Float64Array.from(intercept.dataSync() as Float64Array);
}

/** S = X Wᵀ + b: (samples x targets). */
export function linearScores(X: Matrix, coef: NDArray, intercept: number | NDArray): Matrix {
  const W = coefMatrix(coef);
  const b = interceptVector(intercept, W.rows);
  const S = matrix(X.rows, W.rows);
  const p = X.cols;
  for (let i = 0; i < X.rows; i++) {
    for (let t = 0; t < W.rows; t++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += X.data[i * p + j] * W.data[t * p + j];
      S.data[i * W.rows + t] = s + b[t];
    }
  }
  return S;
}

/** Scores as returned to the user: (n,) when there is one column and `ravel`, else (n, targets). */
export function scoresArray(S: Matrix, ravel: boolean): NDArray {
  return ravel && S.cols === 1 ? toNDArray(S, [S.rows]) : toNDArray(S);
}

/** coef_ as scikit-learn shapes it: (features,) when y was 1-D, else (targets, features); float32
 *  when X was (Ridge keeps float32 data in float32). */
export function coefArray(coef: Matrix, ravel: boolean, dtype: FloatDType = 'float64'): NDArray {
  return asFloat(ravel ? toNDArray(coef, [coef.cols]) : toNDArray(coef), dtype);
}

/** intercept_: 0 without an intercept, a number for a 1-D y (rounded to float32 when asked), else a
 *  (targets,) array. */
export function interceptValue(b: Float64Array | null, ravel: boolean, dtype: FloatDType = 'float64'): number | NDArray {
  if (!b) return 0;
  if (ravel) return dtype === 'float32' ? Math.fround(b[0]) : b[0];
  return asFloat(np.NDArray.fromTyped(b, [b.length], 'float64'), dtype);
}

/** A fitted linear regressor's predict: X wᵀ + b, (n,) when coef_ is 1-D (y was), else (n, targets). */
export async function predictLinear(est: BaseEstimator & { coef_?: NDArray; intercept_?: number | NDArray; nFeaturesIn_?: number }, X: unknown): Promise<NDArray> {
  const Xm = await predictInput(est, X);
  const coef = est.coef_ as NDArray;
  return asFloat(scoresArray(linearScores(Xm, coef, est.intercept_ as number | NDArray), coef.ndim === 1), outputDtype(X, coef));
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
  const Xm = await predictInput(est, X);
  return scoresArray(linearScores(Xm, est.coef_ as NDArray, est.intercept_ as number | NDArray), true);
}

/** LinearClassifierMixin.predict: classes_[argmax of the scores], or classes_[score > 0] for one column. */
export async function predictLabels<L extends Labels>(est: FittedLinearClassifier & { classes_?: L }, X: unknown): Promise<L> {
  const Xm = await predictInput(est, X);
  const S = linearScores(Xm, est.coef_ as NDArray, est.intercept_ as number | NDArray);
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
