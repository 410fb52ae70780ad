// make_circles: a circle inside a bigger one, the classic data set that needs a non-linear boundary.
// Class 0 sits on the unit circle, class 1 on a circle of radius `factor`, both sampled at evenly
// spaced angles 2πk/n (the endpoint left out so no point repeats); then the rows are shuffled and
// Gaussian noise is added.
import { ValueError } from '../../ndarray/index.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { linspace, splitSamples, twoCurves, type XY } from './common.ts';
import { checkOptions } from '../utils/check-params.ts';

export interface MakeCirclesOptions {
  /** Total points (split n // 2 outer, the rest inner), or [outer, inner]. Default 100. */
  nSamples?: number | [number, number];
  shuffle?: boolean;
  /** Standard deviation of the Gaussian noise added to every coordinate; null adds none. */
  noise?: number | null;
  randomState?: RandomStateLike;
  /** Radius of the inner circle relative to the outer one, in [0, 1). Default 0.8. */
  factor?: number;
}

export function makeCircles(options: MakeCirclesOptions = {}): XY {
  checkOptions('makeCircles', options, ['nSamples', 'shuffle', 'noise', 'randomState', 'factor']);
  const factor = options.factor ?? 0.8;
  if (factor >= 1 || factor < 0) throw new ValueError("'factor' has to be between 0 and 1.");
  const [nOut, nIn] = splitSamples(options.nSamples ?? 100);
  const rng = checkRandomState(options.randomState);
  const tOut = linspace(0, 2 * Math.PI, nOut, false);
  const tIn = linspace(0, 2 * Math.PI, nIn, false);
  const outer: [Float64Array, Float64Array] = [tOut.map(Math.cos), tOut.map(Math.sin)];
  const inner: [Float64Array, Float64Array] = [tIn.map((t) => Math.cos(t) * factor), tIn.map((t) => Math.sin(t) * factor)];
  return twoCurves(rng, [outer, inner], options);
}
