// make_regression: a linear regression problem with a known answer.
// y = X w + bias + ε, where X is standard normal (or low-rank, see low-rank-matrix.ts), only the
// first `nInformative` entries of w are non-zero (drawn U(0, 100)), and ε ~ N(0, noise²). Rows and
// then features are shuffled, so the informative features end up anywhere; `coef: true` returns the
// true w (shuffled along with the features) so you can check what a model recovers.
import type { NDArray } from '../../ndarray/index.ts';
import type { RandomState } from '../utils/random-state.ts';
import { checkRandomState, shuffled, type RandomStateLike } from '../utils/random-state.ts';
import { draw, matrix, rowOrder, takeColumns, takeRows, type XY } from './common.ts';
import { makeLowRankMatrix } from './low-rank-matrix.ts';
import { checkOptions } from '../utils/check-params.ts';

export interface MakeRegressionOptions {
  nSamples?: number;
  nFeatures?: number;
  /** How many features y really depends on. Default 10. */
  nInformative?: number;
  /** Columns of y; with 1 (the default) y is a vector. */
  nTargets?: number;
  bias?: number;
  /** null: well-conditioned standard normal X; a number: a low-rank X with about this many strong directions. */
  effectiveRank?: number | null;
  tailStrength?: number;
  /** Standard deviation of the Gaussian noise added to y. */
  noise?: number;
  shuffle?: boolean;
  /** Also return the true coefficients. */
  coef?: boolean;
  randomState?: RandomStateLike;
}

/**
 * A random linear regression problem (scikit-learn's make_regression).
 *
 * @example
 * ```ts
 * import { makeRegression } from 'tessera/sklearn';
 *
 * const [X, y, coef] = makeRegression({ nSamples: 5, nFeatures: 3, nInformative: 1, coef: true, randomState: 0 });
 * console.log(X.shape, y.shape);
 * console.log(coef); // only one feature matters
 * ```
 *
 * ```text output
 * [ 5, 3 ] [ 5 ]
 * array([97.86183422,  0.        ,  0.        ])
 * ```
 */
export function makeRegression(options: MakeRegressionOptions & { coef: true }): [X: NDArray, y: NDArray, coef: NDArray];
export function makeRegression(options?: MakeRegressionOptions & { coef?: false }): XY;
export function makeRegression(options: MakeRegressionOptions = {}): XY | [NDArray, NDArray, NDArray] {
  checkOptions('makeRegression', options, ['nSamples', 'nFeatures', 'nInformative', 'nTargets', 'bias', 'effectiveRank', 'tailStrength', 'noise', 'shuffle', 'coef', 'randomState']);
  const { nSamples: n = 100, nFeatures: f = 100, nTargets: t = 1, bias = 0.0, noise = 0.0 } = options;
  const ni = Math.min(f, options.nInformative ?? 10);
  const rng = checkRandomState(options.randomState);
  let X = inputs(rng, options, n, f);

  // w: (f, t), rows past nInformative are zero.
  let w = new Float64Array(f * t);
  w.set(draw(rng.uniform(0, 1, [ni, t])).map((u) => 100 * u));
  // y = X w + bias
  let y = new Float64Array(n * t);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < t; c++) {
      let sum = 0;
      for (let j = 0; j < f; j++) sum += X[r * f + j] * w[j * t + c];
      y[r * t + c] = sum + bias;
    }
  }
  if (noise > 0) {
    const e = draw(rng.normal(0, noise, [n, t]));
    for (let i = 0; i < y.length; i++) y[i] += e[i];
  }
  if (options.shuffle ?? true) {
    const order = rowOrder(rng, n);
    [X, y] = [takeRows(X, f, order), takeRows(y, t, order)];
    const columns = shuffled(rng, Array.from({ length: f }, (_, j) => j));
    [X, w] = [takeColumns(X, f, columns), takeRows(w, t, columns)];
  }
  const out: XY = [matrix(X, n, f), matrix(y, n, t).squeeze()];
  return options.coef ? [...out, matrix(w, f, t).squeeze()] : out;
}

function inputs(rng: RandomState, options: MakeRegressionOptions, n: number, f: number): Float64Array {
  const rank = options.effectiveRank ?? null;
  if (rank === null) return draw(rng.standardNormal([n, f]));
  return draw(makeLowRankMatrix({ nSamples: n, nFeatures: f, effectiveRank: rank, tailStrength: options.tailStrength ?? 0.5, randomState: rng }));
}
