// RidgeClassifierCV: RidgeClassifier that picks α itself (scikit-learn's RidgeClassifierCV). With
// cv = null (the default) every α is scored by exact leave-one-out error on the ±1 targets, all from
// one decomposition of X (solvers/ridge-gcv.ts), so it costs about one fit. With cv = k or a
// splitter, each α is fitted and scored (accuracy) on every fold, as GridSearchCV would; the best α
// is refitted on all the data. `score` is the plain accuracy of the fitted model: it does not rerun
// the search.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { StratifiedKFold, type Splitter } from '../model_selection/split.ts';
import { checkBoolean, checkOption } from '../utils/check-params.ts';
import { crossprod } from './solvers/products.ts';
import { centreData, rescaleRows, interceptFrom } from './preprocess-data.ts';
import { coefArray, interceptValue, LinearClassifier } from './linear-model.ts';
import type { Labels, ClassWeight, EncodedLabels } from '../utils/labels.ts';
import { binarizeLabels } from './class-labels.ts';
import { ridgeGcv } from './solvers/ridge-gcv.ts';
import { RidgeClassifier, checkClassifierData } from './ridge-classifier.ts';

export type RidgeClassifierCVParams = {
  /** The α values to try (each > 0). */
  alphas: number | number[];
  fitIntercept: boolean;
  /** null: squared leave-one-out error (cv = null) or accuracy (cv given); 'accuracy'. */
  scoring: 'accuracy' | null;
  /** null: efficient leave-one-out; a number k: StratifiedKFold(k); or a splitter. */
  cv: number | Splitter | null;
  classWeight: ClassWeight;
  /** Keep every leave-one-out value in `cvValues_` (cv = null only). */
  storeCvValues: boolean;
};

const DEFAULTS: RidgeClassifierCVParams = { alphas: [0.1, 1.0, 10.0], fitIntercept: true, scoring: null, cv: null, classWeight: null, storeCvValues: false };

/** NumPy's float sum of a short vector (sequential up to 8 values, then 8 interleaved partial sums),
 *  so mean fold scores tie exactly when scikit-learn's do. */
function numpySum(v: number[]): number {
  if (v.length < 8) return v.reduce((s, x) => s + x, 0);
  const r = v.slice(0, 8);
  let i = 8;
  for (; i < v.length - (v.length % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += v[i + j];
  let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; i < v.length; i++) s += v[i];
  return s;
}

function pick(v: Float64Array, rows: number[]): Float64Array {
  return Float64Array.from(rows, (r) => v[r]);
}

interface CoefAndIntercept {
  coef: NDArray;
  intercept: NDArray | null;
}

/**
 * RidgeClassifier that picks α from `alphas` by efficient leave-one-out cross-validation (or by `cv`).
 *
 * @example
 * ```ts
 * import { RidgeClassifierCV } from 'tessera/sklearn';
 *
 * const X = [[0, 1], [1, 0], [1, 2], [2, 1], [4, 5], [5, 4], [5, 6], [6, 5]];
 * const y = [0, 0, 0, 0, 1, 1, 1, 1];
 * const clf = await new RidgeClassifierCV({ alphas: [0.01, 1, 100] }).fit(X, y);
 * console.log(clf.alpha_, await clf.score(X, y));
 * ```
 *
 * ```text output
 * 1 1
 * ```
 */
export class RidgeClassifierCV<L extends Labels = NDArray> extends LinearClassifier<RidgeClassifierCVParams, L> {
  declare coef_?: NDArray;
  declare intercept_?: number | NDArray;
  declare classes_?: L;
  /** The chosen α. */
  alpha_?: number;
  /** Its score: minus the mean squared LOO error (cv = null), or the mean fold accuracy. */
  bestScore_?: number;
  /** (samples, targets, alphas) LOO values, when storeCvValues. */
  cvValues_?: NDArray;
  declare nFeaturesIn_?: number;

  constructor(params: Partial<RidgeClassifierCVParams> = {}) {
    super(DEFAULTS, params);
  }

  private checkParams(): number[] {
    const p = this.params;
    const alphas = typeof p.alphas === 'number' ? [p.alphas] : [...p.alphas];
    alphas.forEach((a, i) => {
      const name = alphas.length === 1 ? 'alphas' : `alphas[${i}]`;
      if (typeof a !== 'number' || !(a > 0)) throw new ValueError(`${name} == ${a}, must be > 0.0.`);
    });
    checkBoolean(this.estimatorName, 'fit_intercept', p.fitIntercept);
    checkOption(this.estimatorName, 'scoring', p.scoring, ['accuracy', null]);
    checkBoolean(this.estimatorName, 'store_cv_values', p.storeCvValues);
    return alphas;
  }

  async fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<this> {
    const alphas = this.checkParams();
    const { Xc, labels, sw } = await checkClassifierData(X, y, sampleWeight, this.params.classWeight, this.estimatorName);
    const fit = this.params.cv === null ? this.leaveOneOut(Xc, labels, sw, alphas) : await this.crossValidate(Xc, labels, sw, alphas);
    this.coef_ = coefArray(fit.coef, false);
    this.intercept_ = interceptValue(fit.intercept, false);
    this.classes_ = labels.classes as L;
    this.nFeaturesIn_ = Xc.shape[1];
    return this;
  }

  /** Efficient leave-one-out on centred, sqrt(sw)-scaled copies of X and the ±1 targets. */
  private leaveOneOut(Xin: NDArray, labels: EncodedLabels, sw: Float64Array, alphas: number[]): CoefAndIntercept {
    const c = centreData(Xin, binarizeLabels(labels.codes, labels.nClasses), this.params.fitIntercept, sw);
    const { X, Y } = c;
    const sqrtSw = rescaleRows(sw, X, Y);
    const gcv = ridgeGcv(X, Y, sqrtSw, {
      alphas, fitIntercept: this.params.fitIntercept, scoring: this.params.scoring, storeCvValues: this.params.storeCvValues,
    });
    this.alpha_ = gcv.alpha;
    this.bestScore_ = gcv.bestScore;
    this.cvValues_ = gcv.cvValues ?? undefined;
    // w = Xᵀc for the dual coefficients c: coef = cᵀ X.
    const coef = crossprod(gcv.dual, X);
    return { coef, intercept: this.params.fitIntercept ? interceptFrom(coef, c.xOffset, c.yOffset) : null };
  }

  private async crossValidate(X: NDArray, labels: EncodedLabels, sw: Float64Array, alphas: number[]): Promise<CoefAndIntercept> {
    if (this.params.storeCvValues) throw new ValueError('cv!=None and store_cv_values=True are incompatible');
    const cv = this.params.cv as number | Splitter;
    const splitter = typeof cv === 'number' ? new StratifiedKFold({ nSplits: cv }) : cv;
    const y = labels.y.dataSync() as Float64Array;
    const all = [...Array(X.shape[0]).keys()];
    const splits = await splitter.split(X, labels.y);
    const fitOne = (alpha: number, rows: number[]): Promise<RidgeClassifier> =>
      new RidgeClassifier({ alpha, fitIntercept: this.params.fitIntercept }).fit(np.take(X, rows, { axis: 0 }), pick(y, rows), pick(sw, rows));
    let bestAlpha = alphas[0], bestScore = -Infinity;
    for (const alpha of alphas) {
      const scores: number[] = [];
      for (const [train, test] of splits) scores.push(await (await fitOne(alpha, train)).score(np.take(X, test, { axis: 0 }), pick(y, test)));
      const mean = numpySum(scores) / scores.length;
      if (mean > bestScore) [bestAlpha, bestScore] = [alpha, mean];
    }
    const best = await fitOne(bestAlpha, all);
    this.alpha_ = bestAlpha;
    this.bestScore_ = bestScore;
    this.cvValues_ = undefined;
    const b = best.intercept_ as number | NDArray;
    return { coef: best.coef_ as NDArray, intercept: typeof b === 'number' ? null : b };
  }


  static override readonly learned = {
    ...saved.CLASSIFICATION, alpha_: saved.real(), bestScore_: saved.optional(saved.real()), cvValues_: saved.optional(saved.array({ shape: ['*', '*', '*'] })),
  };
}

registerEstimator('RidgeClassifierCV', RidgeClassifierCV);
