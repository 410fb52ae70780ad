// Fitting one logistic model for one C (scikit-learn's _logistic_regression_path with a single C).
// Binary / one-vs-rest: the positive class becomes y = 1 (y = ±1 for sag), and one weight vector is
// learned. Multinomial: one weight vector per class, all learned together through the softmax. The
// solvers are L-BFGS on the loss of logistic-loss.ts, or SAG/SAGA (sag.ts) on the same objective
// scaled by 1/n. The result has one row (w, b) per learned vector, intercept last.
import { ValueError } from '../../../ndarray/index.ts';
import * as np from '../../../ndarray/index.ts';
import { checkRandomState, type RandomStateLike } from '../../utils/random-state.ts';
import { type Matrix, matrix, maxSquaredRowNorm } from './dense.ts';
import { lbfgs } from './lbfgs.ts';
import { binomialObjective, multinomialObjective } from './logistic-loss.ts';
import { sagSolver } from './sag.ts';
import { classSampleWeights, type ClassWeight, type EncodedLabels } from '../../utils/labels.ts';

export type LogisticSolver = 'lbfgs' | 'sag' | 'saga';

export interface PathOptions {
  solver: LogisticSolver;
  /** Inverse regularisation strength; Infinity means no penalty. */
  C: number;
  fitIntercept: boolean;
  tol: number;
  maxIter: number;
  classWeight: ClassWeight;
  randomState: RandomStateLike;
  /** Starting coefficients, (rows x dof) as the fit returns them, or null for zeros. */
  init: Matrix | null;
}

export interface PathResult {
  /** (vectors x (features [+ 1])). */
  coef: Matrix;
  nIter: number;
}

/** The positive class `pos` against the rest. */
export function fitBinary(X: Matrix, labels: EncodedLabels, sw0: Float64Array, pos: number, o: PathOptions): PathResult {
  const dof = X.cols + Number(o.fitIntercept);
  const sw = sw0.slice();
  if (o.classWeight && o.classWeight !== 'balanced') {
    const cw = classSampleWeights(o.classWeight, labels);
    sw.forEach((s, i) => { sw[i] = s * cw[i]; });
  }
  const isPos = Int32Array.from(labels.codes, (c) => (c === pos ? 1 : 0));
  const y = Float64Array.from(isPos, (b) => (b ? 1 : o.solver === 'lbfgs' ? 0 : -1));
  if (o.classWeight === 'balanced') {
    const binary = { classes: np.array([0, 1]), nClasses: 2, codes: isPos, y: labels.y };
    const cw = classSampleWeights('balanced', binary);
    sw.forEach((s, i) => { sw[i] = s * cw[i]; });
  }
  const w0 = o.init ? o.init.data.slice(0, dof) : new Float64Array(dof);
  if (o.solver === 'lbfgs') {
    const r = lbfgs(binomialObjective(X, y, sw, 1 / o.C, o.fitIntercept), w0, { gtol: o.tol, maxIter: o.maxIter });
    return { coef: matrix(1, dof, r.x), nIter: Math.min(r.nIter, o.maxIter) };
  }
  const r = sagSolver(X, y, {
    loss: 'log', alpha: 1 / o.C, maxIter: o.maxIter, tol: o.tol, rng: checkRandomState(o.randomState), fitIntercept: o.fitIntercept,
    sampleWeight: sw, maxSquaredSum: maxSquaredRowNorm(X), saga: o.solver === 'saga', init: w0,
  });
  const coef = matrix(1, dof);
  coef.data.set(r.weights);
  if (o.fitIntercept) coef.data[X.cols] = r.intercept[0];
  return { coef, nIter: r.nIter };
}

/** All classes at once through the softmax; for two classes only the second row is kept (as sklearn). */
export function fitMultinomial(X: Matrix, labels: EncodedLabels, sw0: Float64Array, o: PathOptions): PathResult {
  const K = labels.nClasses, p = X.cols, dof = p + Number(o.fitIntercept);
  const sw = sw0.slice();
  if (o.classWeight) {
    const cw = classSampleWeights(o.classWeight, labels);
    sw.forEach((s, i) => { sw[i] = s * cw[i]; });
  }
  const y = Float64Array.from(labels.codes);
  // θ holds W (K x dof) class-fastest: θ[j K + k] = W[k, j].
  const theta = new Float64Array(K * dof);
  if (o.init) {
    if (o.init.rows !== (K === 2 ? 1 : K) || o.init.cols !== dof) throw new ValueError('warm start coefficients have the wrong shape');
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < dof; j++) theta[j * K + k] = K === 2 ? (k === 0 ? -1 : 1) * o.init.data[j] : o.init.data[k * dof + j];
    }
  }
  const W = matrix(K, dof);
  let nIter: number;
  if (o.solver === 'lbfgs') {
    const r = lbfgs(multinomialObjective(X, y, sw, 1 / o.C, o.fitIntercept, K), theta, { gtol: o.tol, maxIter: o.maxIter });
    for (let k = 0; k < K; k++) for (let j = 0; j < dof; j++) W.data[k * dof + j] = r.x[j * K + k];
    nIter = Math.min(r.nIter, o.maxIter);
  } else {
    const r = sagSolver(X, y, {
      loss: 'multinomial', alpha: 1 / o.C, maxIter: o.maxIter, tol: o.tol, rng: checkRandomState(o.randomState), fitIntercept: o.fitIntercept,
      sampleWeight: sw, maxSquaredSum: maxSquaredRowNorm(X), saga: o.solver === 'saga', init: theta,
    });
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < p; j++) W.data[k * dof + j] = r.weights[j * K + k];
      if (o.fitIntercept) W.data[k * dof + p] = r.intercept[k];
    }
    nIter = r.nIter;
  }
  if (K === 2) return { coef: matrix(1, dof, W.data.slice(dof)), nIter };
  return { coef: W, nIter };
}
