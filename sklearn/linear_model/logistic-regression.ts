// Logistic regression (scikit-learn's LogisticRegression): a linear score z = w·x + b per class turned
// into probabilities, by the logistic function 1 / (1 + e^{-z}) for two classes or by the softmax
// e^{z_k} / Σ_j e^{z_j} for more. The weights maximise the likelihood of the training labels minus an
// L2 penalty ||w||² / 2C (smaller C, stronger penalty), found by L-BFGS (default) or SAG/SAGA. With
// multiClass 'auto', more than two classes are fitted jointly (multinomial), two classes as one
// binary problem with a single weight row; 'ovr' fits one binary problem per class instead.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { checkArray, checkConsistentLength } from '../validation.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import type { RandomStateLike } from '../utils/random-state.ts';
import { checkBoolean, checkInterval, checkOption } from '../utils/check-params.ts';
import { checkSampleWeight } from '../utils/sample-weight.ts';
import { cOrder, predictInput, linearScores, coefMatrix, interceptVector, LinearClassifier } from './linear-model.ts';
import { type Labels, type ClassWeight, encodeLabels, labelCount, pyLabel } from '../utils/labels.ts';
import { fitBinary, fitMultinomial, type LogisticSolver, type PathOptions } from './solvers/logistic-path.ts';

export type LogisticRegressionParams = {
  /** 'l2' (default) or null/'none' for no penalty. */
  penalty: 'l2' | 'l1' | 'elasticnet' | 'none' | null;
  dual: boolean;
  /** L-BFGS stops when the largest gradient entry is <= tol (sag: relative weight change). */
  tol: number;
  /** Inverse of the regularisation strength. */
  C: number;
  fitIntercept: boolean;
  /** Used only by the liblinear solver (not available); kept for scikit-learn compatibility. */
  interceptScaling: number;
  classWeight: ClassWeight;
  /** Seeds the sample draws of sag/saga. */
  randomState: RandomStateLike;
  solver: LogisticSolver | 'liblinear' | 'newton-cg' | 'newton-cholesky';
  maxIter: number;
  multiClass: 'auto' | 'ovr' | 'multinomial';
  verbose: number;
  /** Start from the previous fit's coefficients. */
  warmStart: boolean;
  nJobs: number | null;
  l1Ratio: number | null;
};

const DEFAULTS: LogisticRegressionParams = {
  penalty: 'l2', dual: false, tol: 1e-4, C: 1.0, fitIntercept: true, interceptScaling: 1, classWeight: null, randomState: null,
  solver: 'lbfgs', maxIter: 100, multiClass: 'auto', verbose: 0, warmStart: false, nJobs: null, l1Ratio: null,
};

const SOLVERS = ['lbfgs', 'liblinear', 'newton-cg', 'newton-cholesky', 'sag', 'saga'] as const;

/** σ(z) = 1 / (1 + e^{-z}) per column, rows normalised; one column gives [1 - σ(z), σ(z)]. */
function ovrProba(S: NDArray): NDArray {
  const e = np.divide(1, np.add(1, np.exp(np.negative(S))));
  if (S.shape[1] === 1) return np.hstack([np.subtract(1, e), e]);
  return np.divide(e, np.sum(e, { axis: 1, keepdims: true }));
}

/** Softmax e^{z_k - max z} / Σ_j e^{z_j - max z} per row; one column z means the scores (-z, z). */
function softmaxProba(S: NDArray): NDArray {
  return np.softmax(S.shape[1] === 1 ? np.hstack([np.negative(S), S]) : S, { axis: 1 });
}

/**
 * Logistic regression, L2-penalised by default and fitted with L-BFGS (scikit-learn's LogisticRegression).
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { LogisticRegression } from 'tessera/sklearn';
 *
 * const X = [[0], [1], [2], [3], [4], [5]];
 * const clf = await new LogisticRegression().fit(X, [0, 0, 1, 0, 1, 1]);
 * console.log(await clf.predict([[0.5], [4.5]]));
 * console.log(np.round(await clf.predictProba([[1], [4]]), { decimals: 4 }));
 * ```
 *
 * ```text output
 * array([0, 1])
 * array([[0.7596, 0.2404],
 *        [0.2404, 0.7596]])
 * ```
 */
export class LogisticRegression<L extends Labels = NDArray> extends LinearClassifier<LogisticRegressionParams, L> {
  /** (1, features) for two classes (and for 'ovr' K = 2), else (classes, features). */
  declare coef_?: NDArray;
  /** (1,) or (classes,); zeros without an intercept. */
  declare intercept_?: NDArray;
  declare classes_?: L;
  /** Iterations of the solver, (1,) or (classes,) for one-vs-rest (int32). */
  nIter_?: NDArray;
  declare nFeaturesIn_?: number;

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    super(DEFAULTS, params);
  }

  private checkParams(): LogisticSolver {
    const p = this.params, name = this.estimatorName;
    checkOption(name, 'penalty', p.penalty, ['l1', 'l2', 'elasticnet', 'none', null]);
    checkBoolean(name, 'dual', p.dual);
    checkInterval(name, 'tol', p.tol, { low: 0, closed: 'left' });
    checkInterval(name, 'C', p.C, { low: 0, closed: 'neither' });
    checkBoolean(name, 'fit_intercept', p.fitIntercept);
    checkOption(name, 'solver', p.solver, SOLVERS);
    checkInterval(name, 'max_iter', p.maxIter, { low: 0, closed: 'left', integer: true });
    checkOption(name, 'multi_class', p.multiClass, ['auto', 'ovr', 'multinomial']);
    checkBoolean(name, 'warm_start', p.warmStart);
    if (p.solver !== 'liblinear' && p.solver !== 'saga' && p.penalty !== 'l2' && p.penalty !== 'none' && p.penalty !== null) {
      throw new ValueError(`Solver ${p.solver} supports only 'l2' or 'none' penalties, got ${p.penalty} penalty.`);
    }
    if (p.solver !== 'liblinear' && p.dual) throw new ValueError(`Solver ${p.solver} supports only dual=False, got dual=True`);
    if (p.penalty === 'elasticnet' && p.solver !== 'saga') {
      throw new ValueError(`Only 'saga' solver supports elasticnet penalty, got solver=${p.solver}.`);
    }
    if (p.solver !== 'lbfgs' && p.solver !== 'sag' && p.solver !== 'saga') {
      throw new ValueError(`solver='${p.solver}' is not available in tessera; use 'lbfgs', 'sag' or 'saga'.`);
    }
    if (p.penalty === 'l1' || p.penalty === 'elasticnet') throw new ValueError(`penalty='${p.penalty}' is not available in tessera; use 'l2' or null.`);
    return p.solver;
  }

  /** 'multinomial' or 'ovr' as scikit-learn's _check_multi_class resolves 'auto'. */
  private multiClassFor(nClasses: number): 'multinomial' | 'ovr' {
    return this.params.multiClass === 'auto' ? (nClasses > 2 ? 'multinomial' : 'ovr') : this.params.multiClass;
  }

  async fit(X: unknown, y: unknown, sampleWeight?: unknown): Promise<this> {
    const solver = this.checkParams();
    const Xc = cOrder(await checkArray(X, { estimator: this.estimatorName }));
    const labels = await encodeLabels(y, this.estimatorName);
    checkConsistentLength(Xc, labels.y);
    const nClasses = labels.nClasses;
    if (nClasses < 2) {
      throw new ValueError(`This solver needs samples of at least 2 classes in the data, but the data contains only one class: ${Array.isArray(labels.classes) ? pyLabel(labels.classes[0]) : labels.classes.itemSync(0)}`);
    }
    const sw = await checkSampleWeight(sampleWeight, Xc.shape[0]);
    const p = this.params;
    const options: PathOptions = {
      solver, C: p.penalty === null || p.penalty === 'none' ? Infinity : p.C, fitIntercept: p.fitIntercept, tol: p.tol,
      maxIter: p.maxIter, classWeight: p.classWeight, randomState: p.randomState, init: null,
    };
    const warm = p.warmStart && this.coef_ ? this.warmCoef() : null;
    const rows: NDArray[] = [];
    const nIter: number[] = [];
    if (this.multiClassFor(nClasses) === 'multinomial') {
      const r = fitMultinomial(Xc, labels, sw, { ...options, init: warm });
      rows.push(r.coef);
      nIter.push(r.nIter);
    } else {
      // One binary problem per class; with two classes only classes_[1] against classes_[0].
      const positives = nClasses === 2 ? [1] : [...Array(nClasses).keys()];
      positives.forEach((pos, i) => {
        const init = warm ? warm.get(np.slice(i, i + 1)) : null;
        const r = fitBinary(Xc, labels, sw, pos, { ...options, init });
        rows.push(r.coef);
        nIter.push(r.nIter);
      });
    }
    this.setCoefficients(rows, Xc.shape[1]);
    this.classes_ = labels.classes as L;
    this.nIter_ = np.NDArray.fromTyped(Int32Array.from(nIter), [nIter.length], 'int32');
    this.nFeaturesIn_ = Xc.shape[1];
    return this;
  }

  /** Splits the fitted (w, b) rows into coef_ and intercept_ (zeros when no intercept was fitted). */
  private setCoefficients(rows: NDArray[], p: number): void {
    const W = np.concatenate(rows);
    this.coef_ = W.get(np.slice(), np.slice(0, p)).copy();
    this.intercept_ = W.shape[1] > p ? W.get(np.slice(), p).copy() : np.zeros(W.shape[0]);
  }

  /** The previous fit as (rows, dof) starting coefficients, intercept appended when fitted. */
  private warmCoef(): NDArray {
    const W = coefMatrix(this.coef_ as NDArray);
    if (!this.params.fitIntercept) return W;
    return np.hstack([W, interceptVector(this.intercept_ as NDArray, W.shape[0]).reshape([-1, 1])]);
  }


  /** Class probabilities (n, classes): softmax of the scores for multinomial fits; for one-vs-rest the
   *  logistic of each score, normalised to sum to 1 (for two classes: [1 - σ(z), σ(z)]). */
  async predictProba(X: unknown): Promise<NDArray> {
    const S = linearScores(await predictInput(this, X), this.coef_ as NDArray, this.intercept_ as NDArray);
    const K = labelCount(this.classes_ as L);
    const ovr = this.params.multiClass === 'ovr' || (this.params.multiClass === 'auto' && K <= 2);
    return ovr ? ovrProba(S) : softmaxProba(S);
  }

  /** log of predictProba. */
  async predictLogProba(X: unknown): Promise<NDArray> {
    return np.log(await this.predictProba(X));
  }

  static override readonly learned = { ...saved.CLASSIFICATION, nIter_: saved.array({ shape: ['*'], ints: [0, '*'] }) };
}

registerEstimator('LogisticRegression', LogisticRegression);
