// Index functions built on `get`/`set`: where the true values are (nonzero, argwhere), picking
// along an axis (take, takeAlongAxis) and writing by flat or per-axis positions (put, putAlongAxis).
// Each one only builds an index tuple (a run of ':' then an index array) and lets indexing do the
// rest, so bounds errors read exactly as `a.get(...)`'s do.
import { isInteger } from './dtype.ts';
import { normalizeAxis, zeroDimAxis } from './shape.ts';
import { IndexError, ValueError } from './errors.ts';
import { NDArray, requireNDArray, type ArrayLike } from './ndarray.ts';
import { asarray, arange, zeros } from './creation.ts';
import { tidy } from './memory.ts';
import { ravel } from './manipulation.ts';
import { hostValues, nonzeroCoords } from './selection.ts';
import { checkOptions } from './options.ts';

export type IndexMode = 'raise' | 'wrap' | 'clip';

/** np.nonzero: one int32 array per axis with the coordinates of the non-zero elements, in C order.
 *  The values are read on the host, so a GPU array must be moved first (`await x.to('cpu')`). */
export function nonzero(a: ArrayLike): NDArray[] {
  const x = asarray(a);
  if (x.ndim === 0) throw new ValueError('Calling nonzero on 0d arrays is not allowed. Use np.atleast1d(scalar).nonzero() instead.');
  return nonzeroCoords(hostValues(x, 'nonzero() input'), x.shape).map((c) => NDArray.fromTyped(c, [c.length], 'int32', x.device));
}

/** np.flatnonzero: indices of the non-zero elements of the flattened array (int32). */
export const flatnonzero = (a: ArrayLike): NDArray => tidy(() => nonzero(ravel(a))[0]);

/** np.argwhere: the coordinates of the non-zero elements as rows, shape (count, ndim). */
export function argwhere(a: ArrayLike): NDArray {
  const x = asarray(a);
  const data = hostValues(x, 'argwhere() input');
  if (x.ndim === 0) return NDArray.empty([data[0] !== 0 ? 1 : 0, 0], 'int32', x.device);
  const coords = nonzeroCoords(data, x.shape);
  const count = coords[0].length;
  const rows = new Int32Array(count * x.ndim);
  coords.forEach((c, d) => c.forEach((v, k) => (rows[k * x.ndim + d] = v)));
  return NDArray.fromTyped(rows, [count, x.ndim], 'int32', x.device);
}

/** The shape np.take gives: `indices`'s shape in place of `axis`. */
const takenShape = (shape: readonly number[], axis: number, idx: readonly number[]): number[] => [...shape.slice(0, axis), ...idx, ...shape.slice(axis + 1)];

/** Integer indices on the host, with 'wrap' (modulo n) or 'clip' (into [0, n-1]) applied. */
function indexValues(indices: ArrayLike, n: number, mode: IndexMode): NDArray {
  let idx = asarray(indices);
  if (idx.size === 0 && !isInteger(idx.dtype)) idx = idx.astype('int32'); // np.take(x, []): an empty list is an empty index
  if (!isInteger(idx.dtype)) throw new IndexError(`arrays used as indices must be of integer (or boolean) type (got dtype '${idx.dtype}')`);
  if (mode === 'raise') return idx;
  const wrap = (v: number): number => (mode === 'wrap' ? ((v % n) + n) % n : Math.min(Math.max(v, 0), n - 1));
  return NDArray.fromTyped(Int32Array.from(hostValues(idx), wrap), idx.shape, 'int32');
}

/** np.take: elements along `axis` (of the flattened array when no axis is given); always a copy.
 *  A single integer index removes the axis, as NumPy's does. */
export function take(a: ArrayLike, indices: ArrayLike, options: { axis?: number | null; mode?: IndexMode } = {}): NDArray {
  checkOptions('take', options, ['axis', 'mode'], ['out']);
  return tidy(() => {
    const given = asarray(a);
    const x = options.axis === undefined || options.axis === null || zeroDimAxis(options.axis, given.ndim) ? ravel(given) : given;
    const axis = normalizeAxis(zeroDimAxis(options.axis, given.ndim) ? 0 : options.axis ?? 0, x.ndim);
    const idx = indexValues(indices, x.shape[axis], options.mode ?? 'raise');
    if (idx.size > 0 && x.shape[axis] === 0) throw new IndexError('cannot do a non-empty take from an empty axes.');
    // With nothing to take (an empty index, or the other axes empty) NumPy checks no index either.
    if (idx.size === 0 || x.size === 0) return zeros(takenShape(x.shape, axis, idx.shape), { dtype: x.dtype, device: x.device });
    const out = x.get(...new Array<string>(axis).fill(':'), idx.ndim === 0 ? idx.reshape([1]) : idx);
    return idx.ndim === 0 ? out.reshape(out.shape.filter((_, i) => i !== axis)) : out;
  });
}

/** np.put: a.flat[ind] = v, with `v` repeated to the length of `ind` (nothing when `v` is empty). */
export function put(a: NDArray, indices: ArrayLike, values: ArrayLike, options: { mode?: IndexMode } = {}): void {
  checkOptions('put', options, ['mode']);
  requireNDArray('put', 'a', a).assertWriteable();
  tidy(() => {
    const n = a.size;
    const flat = hostValues(indexValues(indices, n, options.mode ?? 'raise'));
    const v = ravel(values);
    if (v.size === 0 || flat.length === 0) return;
    // Flat positions -> one coordinate array per axis (C order), bounds-checked against the size.
    const coords = a.shape.map(() => new Int32Array(flat.length));
    flat.forEach((f, k) => {
      if (f < -n || f >= n) throw new IndexError(`index ${f} is out of bounds for axis 0 with size ${n}`);
      let rest = f < 0 ? f + n : f;
      for (let d = a.ndim - 1; d >= 0; d--) {
        coords[d][k] = rest % a.shape[d];
        rest = Math.floor(rest / a.shape[d]);
      }
    });
    a.set(...coords, v.get(Int32Array.from(flat, (_, k) => k % v.size)));
  });
}

/** The index tuple of takeAlongAxis/putAlongAxis: `indices` on `axis`, a broadcastable range elsewhere. */
function alongAxis(a: NDArray, indices: ArrayLike, axis: number): NDArray[] {
  const idx = asarray(indices);
  if (idx.ndim !== a.ndim) throw new ValueError('`indices` and `arr` must have the same number of dimensions');
  const ax = normalizeAxis(axis, a.ndim);
  return a.shape.map((n, d) => (d === ax ? idx : arange(n).reshape(a.shape.map((_, k) => (k === d ? n : 1)))));
}

/** np.take_along_axis: out[i, j] = a[i, indices[i, j]] along `axis` (e.g. the values at argmax). */
export function takeAlongAxis(a: ArrayLike, indices: ArrayLike, axis: number): NDArray {
  return tidy(() => {
    const x = asarray(a);
    return x.get(...alongAxis(x, indices, axis));
  });
}

/** np.put_along_axis: a[i, indices[i, j]] = values[i, j] along `axis`. */
export function putAlongAxis(a: NDArray, indices: ArrayLike, values: ArrayLike, axis: number): void {
  requireNDArray('put_along_axis', 'arr', a);
  tidy(() => {
    a.set(...alongAxis(a, indices, axis), values);
  });
}
