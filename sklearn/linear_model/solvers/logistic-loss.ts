// The objective LogisticRegression minimises (scikit-learn 1.2's LinearModelLoss):
//   L(w, b) = Σ_i s_i ℓ(y_i, X_i wᵀ + b) + (1 / 2C) ||w||²        (the intercept b is not penalised)
// with ℓ the half binomial loss log(1 + e^z) - y z for y in {0, 1} (one weight vector), or the
// multinomial loss log Σ_k e^{z_k} - z_y (one weight vector per class). Both are convex and their
// gradient is (prediction - truth) per sample: Xᵀ(p - y) + w / C. The multinomial parameters are
// flattened class-fastest, θ[j K + k] = W[k, j] with j = p for the intercept, as scikit-learn passes them
// to L-BFGS (this fixes the order of every sum the optimiser takes). The loops read the rows of X,
// an (n, p) array, in place.
import type { NDArray } from '../../../ndarray/index.ts';
import { valuesOf } from '../../validation.ts';
import type { Objective } from './lbfgs.ts';

/** log(1 + e^z) and its derivative e^z / (1 + e^z) - y, evaluated stably (scikit-learn's closs_grad_half_binomial). */
function halfBinomial(y: number, z: number): [loss: number, grad: number] {
  if (z <= 0) {
    const e = Math.exp(z);
    const loss = z <= -37 ? e - y * z : Math.log1p(e) - y * z;
    return [loss, ((1 - y) * e - y) / (1 + e)];
  }
  const e = Math.exp(-z);
  const loss = z <= 18 ? Math.log1p(e) + (1 - y) * z : e + (1 - y) * z;
  return [loss, ((1 - y) - y * e) / (1 + e)];
}

/** Binary objective over θ = (w_1..w_p[, b]) for y in {0, 1}. */
export function binomialObjective(X: NDArray, y: Float64Array, sw: Float64Array, l2: number, fitIntercept: boolean): Objective {
  const [n, p] = X.shape, x = valuesOf(X);
  return (theta) => {
    const b = fitIntercept ? theta[p] : 0;
    const grad = new Float64Array(theta.length);
    let loss = 0, gb = 0;
    for (let i = 0; i < n; i++) {
      let z = b;
      for (let j = 0; j < p; j++) z += x[i * p + j] * theta[j];
      const [li, gi] = halfBinomial(y[i], z);
      loss += sw[i] * li;
      const gw = sw[i] * gi;
      gb += gw;
      for (let j = 0; j < p; j++) grad[j] += x[i * p + j] * gw;
    }
    let norm2 = 0;
    for (let j = 0; j < p; j++) {
      norm2 += theta[j] * theta[j];
      grad[j] += l2 * theta[j];
    }
    if (fitIntercept) grad[p] = gb;
    return [loss + 0.5 * l2 * norm2, grad];
  };
}

/** Multinomial objective over θ (class-fastest, see above) for y = class index 0..K-1. */
export function multinomialObjective(X: NDArray, y: Float64Array, sw: Float64Array, l2: number, fitIntercept: boolean, K: number): Objective {
  const [n, p] = X.shape, x = valuesOf(X);
  const z = new Float64Array(K), prob = new Float64Array(K);
  return (theta) => {
    const grad = new Float64Array(theta.length);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        let s = fitIntercept ? theta[p * K + k] : 0;
        for (let j = 0; j < p; j++) s += x[i * p + j] * theta[j * K + k];
        z[k] = s;
      }
      // log Σ e^{z_k} with the maximum factored out; the gradient is softmax(z) - onehot(y).
      let zmax = z[0];
      for (let k = 1; k < K; k++) zmax = Math.max(zmax, z[k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += (prob[k] = Math.exp(z[k] - zmax));
      let li = Math.log(sum) + zmax;
      for (let k = 0; k < K; k++) {
        if (y[i] === k) li -= z[k];
        const gk = (prob[k] / sum - (y[i] === k ? 1 : 0)) * sw[i];
        for (let j = 0; j < p; j++) grad[j * K + k] += x[i * p + j] * gk;
        if (fitIntercept) grad[p * K + k] += gk;
      }
      loss += li * sw[i];
    }
    let norm2 = 0;
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < K; k++) {
        norm2 += theta[j * K + k] ** 2;
        grad[j * K + k] += l2 * theta[j * K + k];
      }
    }
    return [loss + 0.5 * l2 * norm2, grad];
  };
}
