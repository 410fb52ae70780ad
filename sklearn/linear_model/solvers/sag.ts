// Stochastic Average Gradient (SAG, Schmidt, Le Roux & Bach 2013) and SAGA, ported from scikit-learn's
// sag_solver (_sag.py, _sag_fast.pyx) for dense data. Each step draws one sample i at random (with
// replacement), replaces its remembered gradient g_i by the fresh one, and moves the weights along the
// average of all remembered gradients:  w <- (1 - η α) w - η/m Σ_i g_i  (m = samples seen so far).
// The one thing to understand is the bookkeeping that keeps a step cheap: the L2 shrinkage is a
// scalar `wscale` multiplying w, and the Σ g_i steps a feature missed are applied "just in time"
// from running sums (`cumulativeSums`). The step size is 1/L, L the loss's Lipschitz constant.
// The samples are drawn exactly as scikit-learn draws them: a seed from `rng.randint(1, 2³¹-1)`,
// then the xorshift generator of sklearn/utils/_random.pxd, so the same randomState gives the
// same iterates. X is an (n, p) array whose rows the loops read in place, as the Cython reads its
// memoryview.
import { ValueError } from '../../../ndarray/index.ts';
import type { NDArray } from '../../../ndarray/index.ts';
import type { RandomState } from '../../utils/random-state.ts';
import { valuesOf } from '../../validation.ts';
import { dot } from './products.ts';

export type SagLoss = 'squared' | 'log' | 'multinomial';

export interface SagOptions {
  loss: SagLoss;
  /** L2 strength of the objective Σ loss_i + α/2 ||w||² (scaled by 1/n inside, as scikit-learn). */
  alpha: number;
  maxIter?: number | null;
  tol: number;
  rng: RandomState;
  fitIntercept: boolean;
  sampleWeight: Float64Array;
  /** max_i ||x_i||², which sets the step size. */
  maxSquaredSum: number;
  saga?: boolean;
  /** Starting point: weights (features x classes) then, with an intercept, one intercept per class. */
  init?: Float64Array;
}

export interface SagResult {
  /** Weights as (features x classes), classes = 1 unless the loss is multinomial. */
  weights: Float64Array;
  intercept: Float64Array;
  nIter: number;
}

/** max_i ||x_i||², the largest squared row norm (scikit-learn's row_norms(X, squared=True).max()). */
export function maxSquaredRowNorm(X: NDArray): number {
  const [n, p] = X.shape, x = valuesOf(X);
  let best = 0;
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * p, (i + 1) * p);
    best = Math.max(best, dot(row, row));
  }
  return best;
}

/** 1/L for the averaged loss (L = Lipschitz constant of its gradient); SAGA's step is 1/(2L + μn). */
export function autoStepSize(maxSquaredSum: number, alphaScaled: number, loss: SagLoss, fitIntercept: boolean, nSamples: number, saga: boolean): number {
  const L = loss === 'squared'
    ? maxSquaredSum + Number(fitIntercept) + alphaScaled
    : 0.25 * (maxSquaredSum + Number(fitIntercept)) + alphaScaled;
  if (!saga) return 1 / L;
  const mun = Math.min(2 * nSamples * alphaScaled, L);
  return 1 / (2 * L + mun);
}

/** scikit-learn's our_rand_r: a 32-bit xorshift, reduced to [0, 2³¹). */
function ourRandR(state: Uint32Array): number {
  let s = state[0] || 1;
  s = (s ^ (s << 13)) >>> 0;
  s = (s ^ (s >>> 17)) >>> 0;
  s = (s ^ (s << 5)) >>> 0;
  state[0] = s;
  return s & 0x7fffffff;
}

/** d loss / d prediction for one sample, times its weight, into `grad` (one entry per class). */
function lossGradient(loss: SagLoss, pred: Float64Array, y: number, sw: number, grad: Float64Array): void {
  if (loss === 'squared') {
    grad[0] = (pred[0] - y) * sw;
  } else if (loss === 'log') {
    // y in {-1, 1}: d/dp log(1 + exp(-y p)) = -y / (exp(y p) + 1), with the cut-offs of sgd_fast.Log.
    const z = pred[0] * y;
    grad[0] = (z > 18 ? Math.exp(-z) * -y : z < -18 ? -y : -y / (Math.exp(z) + 1)) * sw;
  } else {
    let vmax = pred[0];
    for (let k = 1; k < pred.length; k++) if (vmax < pred[k]) vmax = pred[k];
    let s = 0;
    for (let k = 0; k < pred.length; k++) s += Math.exp(pred[k] - vmax);
    const lse = Math.log(s) + vmax;
    for (let k = 0; k < pred.length; k++) grad[k] = (Math.exp(pred[k] - lse) - (k === y ? 1 : 0)) * sw;
  }
}

function overflow(epoch: number): ValueError {
  return new ValueError(`Floating-point under-/overflow occurred at epoch #${epoch}. Scaling input data with StandardScaler or MinMaxScaler might help.`);
}

export function sagSolver(X: NDArray, y: Float64Array, options: SagOptions): SagResult {
  const { loss, tol, fitIntercept, sampleWeight } = options;
  const saga = options.saga ?? false;
  const maxIter = options.maxIter ?? 1000;
  const [n, p] = X.shape, x = valuesOf(X);
  const K = loss === 'multinomial' ? Math.max(...y) + 1 : 1;
  const alpha = options.alpha / n;
  const step = autoStepSize(options.maxSquaredSum, alpha, loss, fitIntercept, n, saga);
  if (step * alpha === 1) throw new ValueError('Current sag implementation does not handle the case step_size * alpha_scaled == 1');
  const seed = new Uint32Array([Math.max(options.rng.randint(1, 2147483647) as number, 1)]);

  const weights = new Float64Array(p * K), intercept = new Float64Array(K);
  if (options.init) {
    weights.set(options.init.subarray(0, p * K));
    if (fitIntercept) intercept.set(options.init.subarray(p * K, (p + 1) * K));
  }
  const sumGradient = new Float64Array(p * K), gradientMemory = new Float64Array(n * K);
  const interceptSumGradient = new Float64Array(K);
  const seen = new Uint8Array(n);
  const cumulativeSums = new Float64Array(n);
  const featureHist = new Int32Array(p);
  const previous = new Float64Array(p * K);
  const pred = new Float64Array(K), grad = new Float64Array(K);
  const wscaleUpdate = 1 - step * alpha;
  let wscale = 1, numSeen = 0, epoch = 0;

  // Applies the steps every feature missed since it was last touched; with `reset`, also folds
  // wscale into the weights and restarts the running sums (done every epoch for stability).
  const laggedUpdate = (sampleItr: number, reset: boolean): void => {
    for (let f = 0; f < p; f++) {
      let cumSum = cumulativeSums[sampleItr - 1];
      if (featureHist[f] !== 0) cumSum -= cumulativeSums[featureHist[f] - 1];
      for (let k = 0; k < K; k++) {
        const idx = f * K + k;
        weights[idx] -= cumSum * sumGradient[idx];
        if (reset) {
          weights[idx] *= wscale;
          if (!Number.isFinite(weights[idx])) throw overflow(epoch + 1);
        }
      }
      featureHist[f] = reset ? sampleItr % n : sampleItr;
    }
    if (reset) cumulativeSums[sampleItr - 1] = 0;
  };
  const scaleWeights = (sampleItr: number): void => {
    laggedUpdate(sampleItr + 1, true);
    wscale = 1;
  };

  for (epoch = 0; epoch < maxIter; epoch++) {
    for (let it = 0; it < n; it++) {
      const i = ourRandR(seed) % n;
      const row = i * p, sIdx = i * K;
      if (!seen[i]) {
        numSeen++;
        seen[i] = 1;
      }
      if (it > 0) laggedUpdate(it, false);
      for (let k = 0; k < K; k++) {
        let dot = 0;
        for (let f = 0; f < p; f++) dot += weights[f * K + k] * x[row + f];
        pred[k] = wscale * dot + intercept[k];
      }
      lossGradient(loss, pred, y[i], sampleWeight[i], grad);
      wscale *= wscaleUpdate;
      // Swap sample i's remembered gradient for the new one in the running sum.
      for (let f = 0; f < p; f++) {
        const val = x[row + f];
        for (let k = 0; k < K; k++) {
          const correction = val * (grad[k] - gradientMemory[sIdx + k]);
          if (saga) weights[f * K + k] -= (correction * step * (1 - 1 / numSeen)) / wscale;
          sumGradient[f * K + k] += correction;
        }
      }
      if (fitIntercept) {
        for (let k = 0; k < K; k++) {
          let correction = grad[k] - gradientMemory[sIdx + k];
          interceptSumGradient[k] += correction;
          correction *= step * (1 - 1 / numSeen);
          intercept[k] -= ((step * interceptSumGradient[k]) / numSeen) + (saga ? correction : 0);
          if (!Number.isFinite(intercept[k])) throw overflow(epoch + 1);
        }
      }
      for (let k = 0; k < K; k++) gradientMemory[sIdx + k] = grad[k];
      cumulativeSums[it] = (it === 0 ? 0 : cumulativeSums[it - 1]) + step / (wscale * numSeen);
      if (wscale < 1e-9) scaleWeights(it);
    }
    scaleWeights(n - 1);
    // Stop when the largest weight change over the epoch is small relative to the largest weight.
    let maxChange = 0, maxWeight = 0;
    for (let idx = 0; idx < p * K; idx++) {
      maxWeight = Math.max(maxWeight, Math.abs(weights[idx]));
      maxChange = Math.max(maxChange, Math.abs(weights[idx] - previous[idx]));
      previous[idx] = weights[idx];
    }
    if ((maxWeight !== 0 && maxChange / maxWeight <= tol) || (maxWeight === 0 && maxChange === 0)) break;
  }
  return { weights, intercept, nIter: Math.min(epoch + 1, maxIter) };
}
