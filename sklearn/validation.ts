// Input validation with scikit-learn's messages (sklearn.utils.validation).
// Estimators compute on the CPU in float64, whatever device the input lives on: inputs are moved
// and converted here, once, so every estimator can assume a finite, 2-D float64 `X` of n samples.
import * as np from '../ndarray/index.ts';
import type { NDArray } from '../ndarray/index.ts';
import { ValueError } from '../ndarray/index.ts';

export interface CheckOptions {
  /** The estimator's name, used in messages ("... is required by Ridge"). */
  estimator?: string;
  /** The input's name in messages ('X' or 'y'). */
  name?: string;
  ensure2d?: boolean;
  allowNd?: boolean;
  forceAllFinite?: boolean;
  dtype?: np.DType;
}

const RESHAPE_HINT = 'Reshape your data either using array.reshape(-1, 1) if your data has a single feature or array.reshape(1, -1) if it contains a single sample.';

/** A 2-D array argument of a helper function (randomizedRangeFinder's A, svdFlip's u and v): array-likes
 *  are read as np.asarray reads them; anything else, or another number of dimensions, is refused. */
export function matrixArg(fn: string, name: string, x: unknown): NDArray {
  if (x === null || typeof x !== 'object') throw new TypeError(`${fn}(): \`${name}\` must be a 2-D array, got ${x === null ? 'None' : typeof x}`);
  const a = np.asarray(x as np.ArrayLike);
  if (a.ndim !== 2) throw new ValueError(`${fn}(): expected a 2D array for \`${name}\`, got ${a.ndim}D array instead`);
  return a;
}

/** A CPU NDArray of the given dtype (float64 by default) from any array-like, on any device. */
export async function toCpu(x: unknown, dtype: np.DType | null = 'float64'): Promise<NDArray> {
  let a = x instanceof np.NDArray ? x : np.array(x as np.ArrayLike);
  if (a.device !== 'cpu') a = await a.to('cpu');
  return dtype && a.dtype !== dtype ? a.astype(dtype) : a;
}

/** The elements of a CPU float64 array in C order WITHOUT a copy when it is C-contiguous (the
 *  array's own buffer, seen through a subarray: read it, never write it), else as a fresh copy.
 *  A validated 100,000 x 50 X is 40 MB, so not copying it is most of what a fast fit saves. */
export function valuesOf(a: NDArray): Float64Array {
  if (a.device !== 'cpu' || a.dtype !== 'float64') throw new TypeError(`valuesOf expects a CPU float64 array, got ${a.dtype} on '${a.device}'`);
  return (a.flags.cContiguous ? np.asTypedArray(a) : a.dataSync()) as Float64Array;
}

/** A shape as Python prints a tuple: (3,) or (2, 5). */
export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/** sklearn's check_array: 2-D (unless allowNd), at least one sample, finite values. */
export async function checkArray(x: unknown, options: CheckOptions = {}): Promise<NDArray> {
  const name = options.name ?? 'X';
  const est = options.estimator ? ` by ${options.estimator}` : '';
  const a = await toCpu(x, options.dtype ?? 'float64');
  if ((options.ensure2d ?? true) && a.ndim !== 2) {
    if (a.ndim === 0) throw new ValueError(`Expected 2D array, got scalar array instead:\narray=${a.str()}.\n${RESHAPE_HINT}`);
    if (a.ndim === 1) throw new ValueError(`Expected 2D array, got 1D array instead:\narray=${a.str()}.\n${RESHAPE_HINT}`);
    if (!options.allowNd) throw new ValueError(`Found array with dim ${a.ndim}. ${options.estimator ?? 'Estimator'} expected <= 2.`);
  }
  if (a.ndim >= 1 && a.shape[0] < 1) {
    throw new ValueError(`Found array with 0 sample(s) (shape=${formatShape(a.shape)}) while a minimum of 1 is required${est}.`);
  }
  if (a.ndim === 2 && a.shape[1] < 1) {
    throw new ValueError(`Found array with 0 feature(s) (shape=${formatShape(a.shape)}) while a minimum of 1 is required${est}.`);
  }
  if (options.forceAllFinite ?? true) assertAllFinite(a, name, options.estimator);
  return a;
}

/** Rejects NaN and infinity with sklearn's messages (one pass over the data, no copy of it); the
 *  message names the dtype checked, so a value cast out of float32's range reads as too large for it. */
function assertAllFinite(a: NDArray, name: string, estimator?: string): void {
  // scikit-learn's fast path: a NaN or ±inf anywhere makes the sum non-finite, so a finite sum
  // clears the array in one reduction, without a temporary (an overflowing sum falls through)
  if (Number.isFinite(np.tidy(() => np.sum(a).itemSync()))) return;
  if (np.tidy(() => np.isfinite(a).all().itemSync())) return;
  if (np.tidy(() => np.isnan(a).any().itemSync())) {
    const hint = estimator ? `\n${estimator} does not accept missing values encoded as NaN natively.` : '';
    throw new ValueError(`Input ${name} contains NaN.${hint}`);
  }
  throw new ValueError(`Input ${name} contains infinity or a value too large for dtype('${a.dtype}').`);
}

/** sklearn's column_or_1d: y of shape (n,) or (n, 1) becomes (n,). */
export async function checkTarget(y: unknown, options: CheckOptions = {}): Promise<NDArray> {
  const a = await checkArray(y, { ...options, name: 'y', ensure2d: false, dtype: options.dtype ?? 'float64' });
  if (a.ndim === 2 && a.shape[1] === 1) return a.ravel();
  if (a.ndim !== 1) throw new ValueError(`y should be a 1d array, got an array of shape ${formatShape(a.shape)} instead.`);
  return a;
}

/** sklearn's check_consistent_length. */
export function checkConsistentLength(...arrays: NDArray[]): void {
  const lengths = arrays.map((a) => a.shape[0]);
  if (new Set(lengths).size > 1) {
    throw new ValueError(`Found input variables with inconsistent numbers of samples: [${lengths.join(', ')}]`);
  }
}

/** check_X_y: validated X (2-D float64) and y (1-D), of the same length. */
export async function checkXy(X: unknown, y: unknown, options: CheckOptions & { yDtype?: np.DType } = {}): Promise<[NDArray, NDArray]> {
  if (y === undefined || y === null) {
    throw new ValueError(`${options.estimator ?? 'This estimator'} requires y to be passed, but the target y is None.`);
  }
  const Xc = await checkArray(X, options);
  const yc = await checkTarget(y, { ...options, dtype: options.yDtype ?? 'float64' });
  checkConsistentLength(Xc, yc);
  return [Xc, yc];
}

/** The feature-count check every fitted estimator does on predict/transform. */
export function checkNFeatures(X: NDArray, expected: number, estimator: string): void {
  if (X.shape[1] !== expected) {
    throw new ValueError(`X has ${X.shape[1]} features, but ${estimator} is expecting ${expected} features as input.`);
  }
}
