// Fitting one logistic model for one C (scikit-learn's _logistic_regression_path with a single C).
// Binary / one-vs-rest: the positive class becomes y = 1 (y = ±1 for sag), and one weight vector is
// learned. Multinomial: one weight vector per class, all learned together through the softmax. The
// solvers are L-BFGS on the loss of logistic-loss.ts, or SAG/SAGA (sag.ts) on the same objective
// scaled by 1/n. The result has one row (w, b) per learned vector, intercept last.
import { ValueError } from '../../../ndarray/index.ts';
import * as np from '../../../ndarray/index.ts';
import type { NDArray } from '../../../ndarray/index.ts';
import { checkRandomState, type RandomStateLike } from '../../utils/random-state.ts';
import { lbfgs } from './lbfgs.ts';
import { binomialObjective, multinomialObjective } from './logistic-loss.ts';
import { sagSolver, maxSquaredRowNorm } from './sag.ts';
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
  /** Starting coefficients, (rows, dof) as the fit returns them, or null for zeros. */
  init: NDArray | null;
}

export interface PathResult {
  /** (vectors, features [+ 1]). */
  coef: NDArray;
  nIter: number;
}

/** The positive class `pos` against the rest. */
export function fitBinary(X: NDArray, labels: EncodedLabels, sw0: Float64Array, pos: number, o: PathOptions): PathResult {
  const dof = X.shape[1] + Number(o.fitIntercept);
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
  const w0 = o.init ? (o.init.dataSync() as Float64Array).slice(0, dof) : new Float64Array(dof);
  if (o.solver === 'lbfgs') {
    const r = lbfgs(binomialObjective(X, y, sw, 1 / o.C, o.fitIntercept), w0, { gtol: o.tol, maxIter: o.maxIter });
    return { coef: np.asarray(r.x).reshape([1, dof]), nIter: Math.min(r.nIter, o.maxIter) };
  }
  const r = sagSolver(X, y, {
    loss: 'log', alpha: 1 / o.C, maxIter: o.maxIter, tol: o.tol, rng: checkRandomState(o.randomState), fitIntercept: o.fitIntercept,
    sampleWeight: sw, maxSquaredSum: maxSquaredRowNorm(X), saga: o.solver === 'saga', init: w0,
  });
  const coef = o.fitIntercept ? np.append(r.weights, r.intercept[0]) : np.asarray(r.weights);
  return { coef: coef.reshape([1, dof]), nIter: r.nIter };
}

/** All classes at once through the softmax; for two classes only the second row is kept (as sklearn). */
export function fitMultinomial(X: NDArray, labels: EncodedLabels, sw0: Float64Array, o: PathOptions): PathResult {
  const K = labels.nClasses, p = X.shape[1], dof = p + Number(o.fitIntercept);
  const sw = sw0.slice();
  if (o.classWeight) {
    const cw = classSampleWeights(o.classWeight, labels);
    sw.forEach((s, i) => { sw[i] = s * cw[i]; });
  }
  const y = Float64Array.from(labels.codes);
  // θ holds W (K, dof) class-fastest: θ[j K + k] = W[k, j], θ = Wᵀ raveled. A two-class warm start
  // is the one row w of a binary fit, which the softmax sees as the rows (-w, w).
  let theta: Float64Array = new Float64Array(K * dof);
  if (o.init) {
    if (o.init.shape[0] !== (K === 2 ? 1 : K) || o.init.shape[1] !== dof) throw new ValueError('warm start coefficients have the wrong shape');
    const W0 = K === 2 ? np.concatenate([np.negative(o.init), o.init]) : o.init;
    theta = W0.T.dataSync() as Float64Array;
  }
  let W: NDArray, nIter: number;
  if (o.solver === 'lbfgs') {
    const r = lbfgs(multinomialObjective(X, y, sw, 1 / o.C, o.fitIntercept, K), theta, { gtol: o.tol, maxIter: o.maxIter });
    W = np.asarray(r.x).reshape([dof, K]).T;
    nIter = Math.min(r.nIter, o.maxIter);
  } else {
    const r = sagSolver(X, y, {
      loss: 'multinomial', alpha: 1 / o.C, maxIter: o.maxIter, tol: o.tol, rng: checkRandomState(o.randomState), fitIntercept: o.fitIntercept,
      sampleWeight: sw, maxSquaredSum: maxSquaredRowNorm(X), saga: o.solver === 'saga', init: theta,
    });
    // sag's weights are (p, K), its intercepts (K,).
    const Wt = np.asarray(r.weights).reshape([p, K]);
    W = o.fitIntercept ? np.concatenate([Wt, np.asarray(r.intercept).reshape([1, K])]).T : Wt.T;
    nIter = r.nIter;
  }
  return { coef: K === 2 ? W.get(np.slice(1, 2)) : W, nIter };
}
