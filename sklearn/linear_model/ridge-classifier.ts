// RidgeClassifier: classification as ridge regression on ±1 targets (scikit-learn's RidgeClassifier).
// The labels become one column of +1/-1 per class (a single column when there are two classes),
// Ridge is fitted to those columns, and a sample goes to the class whose column scores highest (for
// two classes: the sign of the one score). The scores are distances from hyperplanes, not
// probabilities, so there is no predictProba; use decisionFunction.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { checkArray, checkConsistentLength } from '../validation.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { BASE_RIDGE_DEFAULTS, fitBaseRidge, validateRidgeParams, type BaseRidgeParams } from './base-ridge.ts';
import { checkSampleWeight } from '../utils/sample-weight.ts';
import { cOrder, coefArray, interceptValue, LinearClassifier } from './linear-model.ts';
import { type Labels, encodeLabels, classSampleWeights, type ClassWeight, type EncodedLabels } from '../utils/labels.ts';
import { binarizeLabels } from './class-labels.ts';

export type RidgeClassifierParams = BaseRidgeParams & {
  /** Per-class sample weights: 'balanced', {label: weight}, or null (all 1). */
  classWeight: ClassWeight;
};

const DEFAULTS: RidgeClassifierParams = { ...BASE_RIDGE_DEFAULTS, classWeight: null };

/** What RidgeClassifier and RidgeClassifierCV fit on: X (2-D), the encoded labels (as many), and
 *  each sample's weight times its class's weight. X is in C order (a copy only if it was not). */
export async function checkClassifierData(
  X: unknown, y: unknown, sampleWeight: unknown, classWeight: ClassWeight, estimator: string,
): Promise<{ Xc: NDArray; labels: EncodedLabels; sw: Float64Array }> {
  const Xc = await checkArray(X, { estimator });
  const labels = await encodeLabels(y, estimator);
  checkConsistentLength(Xc, labels.y);
  let sw = await checkSampleWeight(sampleWeight, Xc.shape[0]);
  if (classWeight) {
    const cw = classSampleWeights(classWeight, labels);
    sw = sw.map((s, i) => s * cw[i]);
  }
  return { Xc: cOrder(Xc), labels, sw };
}

/**
 * Ridge regression on targets ±1, one column per class; the class with the largest score wins (scikit-learn's RidgeClassifier).
 *
 * @example
 * ```ts
 * import { RidgeClassifier } from 'tessera/sklearn';
 *
 * const X = [[0, 0], [1, 0], [0, 1], [3, 3], [4, 3], [3, 4]];
 * const clf = await new RidgeClassifier().fit(X, ['a', 'a', 'a', 'b', 'b', 'b']);
 * console.log(await clf.predict([[0.5, 0.5], [3.5, 3.5]]));
 * console.log(await clf.decisionFunction([[0.5, 0.5], [3.5, 3.5]]));
 * ```
 *
 * ```text output
 * [ 'a', 'b' ]
 * array([-0.8372093 ,  1.04651163])
 * ```
 */
export class RidgeClassifier<L extends Labels = NDArray> extends LinearClassifier<RidgeClassifierParams, L> {
  /** (1, features) for two classes, else (classes, features). */
  declare coef_?: NDArray;
  /** (1,) or (classes,); 0 without an intercept. */
  declare intercept_?: number | NDArray;
  /** The distinct labels, sorted. */
  declare classes_?: L;
  declare nFeaturesIn_?: number;
  nIter_?: NDArray | null;

  constructor(params: Partial<RidgeClassifierParams> = {}) {
    super(DEFAULTS, params);
  }

  async fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<this> {
    validateRidgeParams(this.params, this.estimatorName);
    const { Xc, labels, sw } = await checkClassifierData(X, y, sampleWeight, this.params.classWeight, this.estimatorName);
    const Y = binarizeLabels(labels.codes, labels.nClasses);
    const fit = fitBaseRidge(this.params, Xc, Y, sw);
    this.coef_ = coefArray(fit.coef, false);
    this.intercept_ = interceptValue(fit.intercept, false);
    this.classes_ = labels.classes as L;
    this.nFeaturesIn_ = Xc.shape[1];
    this.nIter_ = fit.nIter ? np.NDArray.fromTyped(fit.nIter, [fit.nIter.length], 'int32') : null;
    return this;
  }


  static override readonly learned = { ...saved.CLASSIFICATION, nIter_: saved.optional(saved.nullable(saved.array({ shape: ['*'], ints: [0, '*'] }))) };
}

registerEstimator('RidgeClassifier', RidgeClassifier);
