// Repeating data: np.repeat copies each element (or slice along an axis) several times in a row,
// np.tile copies the whole array side by side. Neither needs a kernel of its own: repeat is a `take`
// with an index list like [0, 0, 1, 2, 2, 2], and tile is a broadcast view copied once. The one
// thing to understand in tile: shape (s0, s1) tiled (t0, t1) is the view (t0, s0, t1, s1) with
// stride 0 on the t axes, read in C order and reshaped to (t0*s0, t1*s1).
import { isInteger } from './dtype.ts';
import { checkSize, checkTotalSize, normalizeAxis, shapeList, zeroDimAxis } from './shape.ts';
import { ValueError } from './errors.ts';
import { NDArray, type ArrayLike } from './ndarray.ts';
import { asarray } from './creation.ts';
import { broadcastTo, copy, ravel, reshape } from './manipulation.ts';
import { hostValues } from './selection.ts';
import { tidy } from './memory.ts';
import { take } from './take.ts';
import { checkOptions } from './options.ts';

/** The repeat counts on the host, one per element of the axis (a single count applies to all). */
function repeatCounts(repeats: ArrayLike, n: number): globalThis.ArrayLike<number> {
  const r = asarray(repeats, repeats instanceof NDArray ? {} : { device: 'cpu' });
  const integral = isInteger(r.dtype) || r.dtype === 'bool' || (typeof repeats === 'number' && Number.isInteger(repeats));
  if (!integral) throw new TypeError(`Cannot cast array data from dtype('${r.dtype}') to dtype('int64') according to the rule 'safe'`);
  const counts = hostValues(r, 'repeats');
  if (r.ndim > 1) throw new ValueError('object too deep for desired array');
  if (counts.length !== 1 && counts.length !== n) {
    throw new ValueError(`operands could not be broadcast together with shape (${n},) (${counts.length},)`);
  }
  if (Array.prototype.some.call(counts, (c: number) => c < 0)) {
    throw new ValueError(counts.length === 1 ? 'negative dimensions are not allowed' : 'repeats may not contain negative values.');
  }
  return counts.length === 1 ? new Array<number>(n).fill(counts[0]) : counts;
}

/** np.repeat: each element along `axis` repeated `repeats` times (a number, or one count per
 *  element). Without an axis the array is flattened first. repeat([1, 2], 2) = [1, 1, 2, 2]. */
export function repeat(a: ArrayLike, repeats: ArrayLike, options: { axis?: number | null } = {}): NDArray {
  checkOptions('repeat', options, ['axis']);
  return tidy(() => {
    const given = asarray(a);
    const flat = options.axis === undefined || options.axis === null || zeroDimAxis(options.axis, given.ndim);
    const x = flat ? ravel(given) : given;
    const axis = normalizeAxis(flat ? 0 : options.axis as number, x.ndim);
    const counts = repeatCounts(repeats, x.shape[axis]);
    // The index list: i appears counts[i] times, in order.
    let total = 0;
    for (let i = 0; i < counts.length; i++) total += counts[i];
    checkTotalSize(total * (x.shape[axis] > 0 ? x.size / x.shape[axis] : 0));
    const index: number[] = [];
    for (let i = 0; i < counts.length; i++) for (let k = 0; k < counts[i]; k++) index.push(i);
    return take(x, NDArray.fromTyped(Int32Array.from(index), [index.length], 'int32', 'cpu'), { axis });
  });
}

/** np.tile: the array repeated `reps` times along each axis. When `reps` has more entries than the
 *  array has axes, the array gains leading length-1 axes; when fewer, reps gets leading 1s. */
export function tile(a: ArrayLike, reps: number | readonly number[] | NDArray): NDArray {
  const tup = shapeList(reps).map((t) => checkSize(t));
  return tidy(() => {
    const x0 = asarray(a);
    const x = x0.ndim < tup.length ? reshape(x0, [...new Array<number>(tup.length - x0.ndim).fill(1), ...x0.shape]) : x0;
    const t = [...new Array<number>(x.ndim - tup.length).fill(1), ...tup];
    if (t.some((r) => r < 0)) throw new ValueError('negative dimensions are not allowed');
    // (s0, s1) -> (1, s0, 1, s1) -> broadcast to (t0, s0, t1, s1) -> C-order copy -> (t0*s0, t1*s1).
    const interleaved = reshape(x, x.shape.flatMap((s) => [1, s]));
    const wide = broadcastTo(interleaved, x.shape.flatMap((s, i) => [t[i], s]));
    return reshape(copy(wide), x.shape.map((s, i) => s * t[i]));
  });
}
