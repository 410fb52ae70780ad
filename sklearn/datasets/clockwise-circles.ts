// Two circles generated in order, the tutorial's warning about splitting data without shuffling.
// Step i of n/2 walks clockwise from 3 o'clock (angle -2πi/(n/2)) and emits a point on the unit
// circle (label 0), then one on the circle of radius 0.7 (label 1), each coordinate jittered by
// U(-noise, noise). Rows stay in that order on purpose: the first 75 % cover 3 o'clock round to
// 12 o'clock, so a split that takes the first rows for training never sees the last quarter.
import { ValueError } from '../../ndarray/index.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { labels, matrix, type XY } from './common.ts';
import { checkOptions } from '../utils/check-params.ts';

export interface MakeClockwiseCirclesOptions {
  /** Total points, an even number (n/2 on each circle). Default 200. */
  nSamples?: number;
  /** Half-width of the uniform jitter on each coordinate. Default 0.12. */
  noise?: number;
  randomState?: RandomStateLike;
}

const RADII = [1, 0.7];

export function makeClockwiseCircles(options: MakeClockwiseCirclesOptions = {}): XY {
  checkOptions('makeClockwiseCircles', options, ['nSamples', 'noise', 'randomState']);
  const { nSamples = 200, noise = 0.12 } = options;
  if (!Number.isInteger(nSamples) || nSamples < 0 || nSamples % 2 !== 0) {
    throw new ValueError(`nSamples must be a non-negative even number (two points per angle step), got ${nSamples}`);
  }
  const rng = checkRandomState(options.randomState);
  const steps = nSamples / 2;
  const X = new Float64Array(2 * nSamples);
  const y = new Int32Array(nSamples);
  for (let i = 0; i < steps; i++) {
    const angle = (-2 * Math.PI * i) / steps;
    RADII.forEach((r, label) => {
      const row = 2 * i + label;
      X[2 * row] = r * Math.cos(angle) + rng.uniform(-noise, noise);
      X[2 * row + 1] = r * Math.sin(angle) + rng.uniform(-noise, noise);
      y[row] = label;
    });
  }
  return [matrix(X, nSamples, 2), labels(y)];
}
