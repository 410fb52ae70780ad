// What every sample generator shares: building (X, y) from flat buffers, shuffling rows the way
// scikit-learn's utils.shuffle does, and adding Gaussian noise. The one thing to understand: the
// generators must call the RandomState in exactly scikit-learn's order (shuffle first, then
// noise), because every draw moves the stream; the same seed then gives the same numbers.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import type { RandomState } from '../utils/random-state.ts';
import { shuffled } from '../utils/random-state.ts';

/** A data set as scikit-learn returns it: `const [X, y] = makeMoons()`. */
export type XY = [X: NDArray, y: NDArray];

/** A (rows, cols) float64 array over `data` (row-major). */
export function matrix(data: Float64Array, rows: number, cols: number): NDArray {
  return np.NDArray.fromTyped(data, [rows, cols], 'float64');
}

/** Class labels as an int32 vector. */
export function labels(data: Int32Array | number[]): NDArray {
  return np.NDArray.fromTyped(Int32Array.from(data), [data.length], 'int32');
}

/** `nSamples` as an int (split n // 2 and n - n // 2) or as an explicit [outer, inner] pair. */
export function splitSamples(nSamples: number | readonly number[]): [number, number] {
  if (typeof nSamples === 'number') {
    checkCount(nSamples, 'n_samples');
    const out = Math.floor(nSamples / 2);
    return [out, nSamples - out];
  }
  if (nSamples.length !== 2) throw new ValueError('`n_samples` can be either an int or a two-element tuple.');
  nSamples.forEach((n) => checkCount(n, 'n_samples'));
  return [nSamples[0], nSamples[1]];
}

export function checkCount(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`The '${name}' parameter must be a non-negative int. Got ${n} instead.`);
}

/** A random order of 0..n-1, drawn as `rng.shuffle(np.arange(n))` (scikit-learn's utils.shuffle). */
export function rowOrder(rng: RandomState, n: number): number[] {
  return shuffled(rng, Array.from({ length: n }, (_, i) => i));
}

/** Rows of a row-major (rows, cols) buffer taken in `order`: out[i] = data[order[i]]. */
export function takeRows<T extends Float64Array | Int32Array>(data: T, cols: number, order: readonly number[]): T {
  const out = new (data.constructor as new (n: number) => T)(order.length * cols);
  order.forEach((r, i) => out.set(data.subarray(r * cols, (r + 1) * cols), i * cols));
  return out;
}

/** Columns of a row-major (rows, cols) buffer taken in `order`: out[:, j] = data[:, order[j]]. */
export function takeColumns(data: Float64Array, cols: number, order: readonly number[]): Float64Array {
  const out = new Float64Array(data.length);
  for (let r = 0; r < data.length / cols; r++) {
    for (let j = 0; j < order.length; j++) out[r * order.length + j] = data[r * cols + order[j]];
  }
  return out;
}

/** Shuffles the rows of X (rows x cols) and y together, in place, drawing one permutation. */
export function shuffleRows(rng: RandomState, X: Float64Array, cols: number, y: Int32Array | Float64Array, yCols = 1): void {
  const order = rowOrder(rng, X.length / cols);
  X.set(takeRows(X, cols, order));
  y.set(takeRows(y, yCols, order));
}

/** X += N(0, noise²) drawn element by element in C order (`rng.normal(scale=noise, size=X.shape)`). */
export function addNoise(rng: RandomState, X: Float64Array, noise: number): void {
  const e = rng.normal(0, noise, X.length).dataSync();
  for (let i = 0; i < X.length; i++) X[i] += e[i];
}

/** The values of a float64 draw (an NDArray from the RandomState) as a Float64Array. */
export function draw(a: NDArray): Float64Array {
  return a.dataSync() as Float64Array;
}

export interface TwoCurveOptions {
  shuffle?: boolean;
  noise?: number | null;
}

/** Stacks curve 0 (label 0) over curve 1 (label 1) into X (n, 2), then shuffles the rows and adds
 *  noise, in that order (make_moons and make_circles share this ending). */
export function twoCurves(rng: RandomState, curves: [x: Float64Array, y: Float64Array][], options: TwoCurveOptions): XY {
  const n = curves.reduce((s, [x]) => s + x.length, 0);
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  let row = 0;
  curves.forEach(([cx, cy], label) => {
    for (let i = 0; i < cx.length; i++, row++) {
      X[2 * row] = cx[i];
      X[2 * row + 1] = cy[i];
      y[row] = label;
    }
  });
  if (options.shuffle ?? true) shuffleRows(rng, X, 2, y);
  if (options.noise !== undefined && options.noise !== null) addNoise(rng, X, options.noise);
  return [matrix(X, n, 2), labels(y)];
}

/** np.linspace(start, stop, num, endpoint) as a Float64Array. */
export function linspace(start: number, stop: number, num: number, endpoint = true): Float64Array {
  return np.linspace(start, stop, num, { endpoint }).dataSync() as Float64Array;
}
