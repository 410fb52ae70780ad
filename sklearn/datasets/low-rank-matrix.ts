// make_low_rank_matrix: a random matrix whose singular values decay, like real data's do.
// X = U diag(s) Vᵀ with U, V random orthonormal columns (the Q of QR-factored Gaussian matrices) and
// the singular profile s_i = (1 - tail)·exp(-(i/rank)²) + tail·exp(-0.1·i/rank): a bell-shaped head of
// about `effectiveRank` strong directions plus a slowly decaying tail of weak ones.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { draw, matrix } from './common.ts';
import { checkOptions } from '../utils/check-params.ts';

export interface MakeLowRankMatrixOptions {
  nSamples?: number;
  nFeatures?: number;
  /** About how many singular values are large. Default 10. */
  effectiveRank?: number;
  /** Weight of the slowly decaying tail of the singular profile, in [0, 1]. Default 0.5. */
  tailStrength?: number;
  randomState?: RandomStateLike;
}

export function makeLowRankMatrix(options: MakeLowRankMatrixOptions = {}): NDArray {
  checkOptions('makeLowRankMatrix', options, ['nSamples', 'nFeatures', 'effectiveRank', 'tailStrength', 'randomState']);
  const { nSamples = 100, nFeatures = 100, effectiveRank = 10, tailStrength = 0.5 } = options;
  const rng = checkRandomState(options.randomState);
  const n = Math.min(nSamples, nFeatures);
  const u = draw(np.linalg.qr(rng.standardNormal([nSamples, n])).Q);
  const v = draw(np.linalg.qr(rng.standardNormal([nFeatures, n])).Q);
  const s = Float64Array.from({ length: n }, (_, i) => {
    const lowRank = (1 - tailStrength) * Math.exp(-1.0 * (i / effectiveRank) ** 2);
    return lowRank + tailStrength * Math.exp((-0.1 * i) / effectiveRank);
  });
  // X_ab = Σ_k (u_ak s_k) v_bk
  const X = new Float64Array(nSamples * nFeatures);
  for (let a = 0; a < nSamples; a++) {
    for (let b = 0; b < nFeatures; b++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += u[a * n + k] * s[k] * v[b * n + k];
      X[a * nFeatures + b] = sum;
    }
  }
  return matrix(X, nSamples, nFeatures);
}
