// Rows of data sets, picked by index: what cross-validation does to X and y for every fold
// (scikit-learn's _num_samples, indexable and _safe_indexing). Every input is moved to the CPU once,
// keeping its dtype, and folds are gathered from it with np.take along the first axis. The one thing
// to understand: a splitter only ever sees the number of rows; the rows themselves travel as indices.
// String class labels (a JS array, see labels.ts) travel as they are, picked the same way.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { toCpu } from '../validation.ts';
import { type Labels, stringLabels } from './labels.ts';

/** What rows are picked from: an NDArray, or string labels. */
export type Rows = Labels;

/** The number of samples (rows) of an array-like, without converting it. */
export function numSamples(x: unknown): number {
  if (x instanceof np.NDArray) {
    if (x.ndim === 0) throw new TypeError(`Singleton array ${x.str()} cannot be considered a valid collection.`);
    return x.shape[0];
  }
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return (x as ArrayLike<unknown>).length;
  throw new TypeError(`Expected sequence or array-like, got ${x === null ? 'None' : typeof x}`);
}

/** The number of samples of X, after checking that y (when given) has as many. */
export function consistentSamples(X: unknown, y?: unknown): number {
  const n = numSamples(X);
  if (y !== undefined && y !== null && numSamples(y) !== n) {
    throw new ValueError(`Found input variables with inconsistent numbers of samples: [${n}, ${numSamples(y)}]`);
  }
  return n;
}

/** Each array-like as a CPU NDArray of its own dtype (string labels stay strings, null stays null),
 *  all of the same length. */
export async function indexable(...arrays: unknown[]): Promise<(Rows | null)[]> {
  const out = await Promise.all(arrays.map((a) => (a === undefined || a === null ? null : stringLabels(a) ?? toCpu(a, null))));
  const lengths = out.filter((a): a is Rows => a !== null).map((a) => (Array.isArray(a) ? a.length : a.shape[0]));
  if (new Set(lengths).size > 1) throw new ValueError(`Found input variables with inconsistent numbers of samples: [${lengths.join(', ')}]`);
  return out;
}

/** a[indices] along the first axis. */
export function takeRows<R extends Rows>(a: R, indices: readonly number[]): R {
  if (Array.isArray(a)) return indices.map((i) => a[i]) as R;
  return np.take(a as NDArray, np.NDArray.fromTyped(Int32Array.from(indices), [indices.length], 'int32'), { axis: 0 }) as R;
}

/** 0, 1, ..., n-1. */
export function range(n: number, start = 0): number[] {
  return Array.from({ length: n }, (_, i) => start + i);
}

/** A trailing plain object is the options, anything else is data. */
export function splitOptions<O extends object>(args: unknown[]): [unknown[], O] {
  const last = args[args.length - 1];
  const isOptions = typeof last === 'object' && last !== null && Object.getPrototypeOf(last) === Object.prototype;
  return isOptions ? [args.slice(0, -1), last as O] : [args, {} as O];
}
