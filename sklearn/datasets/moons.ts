// make_moons: two interleaving half-circles, a data set no straight line can separate.
// Class 0 is the upper half of the unit circle, (cos t, sin t) for t in [0, π]; class 1 is the same
// arc flipped and shifted, (1 - cos t, 0.5 - sin t), so each moon's tip reaches into the other's
// hollow. Rows are shuffled, then Gaussian noise of standard deviation `noise` blurs both moons.
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { linspace, splitSamples, twoCurves, type XY } from './common.ts';
import { checkOptions } from '../utils/check-params.ts';

export interface MakeMoonsOptions {
  /** Total points (split n // 2 outer, the rest inner), or [outer, inner]. Default 100. */
  nSamples?: number | [number, number];
  shuffle?: boolean;
  /** Standard deviation of the Gaussian noise added to every coordinate; null adds none. */
  noise?: number | null;
  randomState?: RandomStateLike;
}

/**
 * Two interleaving half-circles (scikit-learn's make_moons): X of shape (nSamples, 2), y of 0/1.
 *
 * @example
 * ```ts
 * import { makeMoons } from 'tessera/sklearn';
 *
 * const [X, y] = makeMoons({ nSamples: 6, noise: 0.1, randomState: 0 });
 * console.log(X.shape, y); // scikit-learn's make_moons(6, noise=0.1, random_state=0)
 * console.log(X.get(0));
 * ```
 *
 * ```text output
 * [ 6, 2 ] array([1, 0, 0, 1, 0, 1])
 * array([1.91572759, 0.69699244])
 * ```
 */
export function makeMoons(options: MakeMoonsOptions = {}): XY {
  checkOptions('makeMoons', options, ['nSamples', 'shuffle', 'noise', 'randomState']);
  const [nOut, nIn] = splitSamples(options.nSamples ?? 100);
  const rng = checkRandomState(options.randomState);
  const tOut = linspace(0, Math.PI, nOut);
  const tIn = linspace(0, Math.PI, nIn);
  const upper: [Float64Array, Float64Array] = [tOut.map(Math.cos), tOut.map(Math.sin)];
  // x = 1 - cos t, y = (1 - sin t) - 0.5, rounded in the same order as scikit-learn.
  const lower: [Float64Array, Float64Array] = [tIn.map((t) => 1 - Math.cos(t)), tIn.map((t) => 1 - Math.sin(t) - 0.5)];
  return twoCurves(rng, [upper, lower], options);
}
