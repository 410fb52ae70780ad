// np.diff: the n-th discrete difference along an axis, out[i] = a[i + 1] - a[i], applied n times.
// Each pass is one subtraction of two overlapping views of the same data (a[1:] - a[:-1]), so it
// runs on every backend and shortens the axis by one. For bool data the difference is a != b
// (NumPy refuses to subtract booleans). `prepend`/`append` values are joined to the axis first, a
// scalar (or any value of length 1 along the axis) broadcast to the other axes, as NumPy does.
import { normalizeAxis } from './shape.ts';
import { ValueError } from './errors.ts';
import type { NDArray, ArrayLike } from './ndarray.ts';
import { asarray } from './creation.ts';
import { broadcastTo, concatenate } from './manipulation.ts';
import { tidy } from './memory.ts';
import { notEqual, subtract } from './ufuncs.ts';
import { checkOptions } from './options.ts';

export interface DiffOptions { n?: number; axis?: number; prepend?: ArrayLike; append?: ArrayLike }

/** `value` as a block to join to x along `axis`: 0-d values are broadcast with length 1 on the axis. */
function edge(x: NDArray, value: ArrayLike, axis: number): NDArray {
  const v = asarray(value, { device: x.device });
  return v.ndim === 0 ? broadcastTo(v, x.shape.map((d, i) => (i === axis ? 1 : d))) : v;
}

/** np.diff: `n` (default 1) successive differences along `axis` (default -1, the last). */
export function diff(a: ArrayLike, options: DiffOptions = {}): NDArray {
  checkOptions('diff', options, ['n', 'axis', 'prepend', 'append']);
  const n = options.n ?? 1;
  if (!Number.isInteger(n)) throw new TypeError(`order must be an integer but got ${n}`);
  if (n < 0) throw new ValueError(`order must be non-negative but got ${n}`);
  if (n === 0) return asarray(a);
  return tidy(() => {
    let x = asarray(a);
    if (x.ndim === 0) throw new ValueError('diff requires input that is at least one dimensional');
    const axis = normalizeAxis(options.axis ?? -1, x.ndim);
    const pre = options.prepend === undefined ? [] : [edge(x, options.prepend, axis)];
    const post = options.append === undefined ? [] : [edge(x, options.append, axis)];
    if (pre.length + post.length > 0) x = concatenate([...pre, x, ...post], { axis });
    const op = x.dtype === 'bool' ? notEqual : subtract;
    const lead = new Array<string>(axis).fill(':');
    let d = x;
    for (let k = 0; k < n; k++) d = op(d.get(...lead, '1:'), d.get(...lead, ':-1'));
    return d;
  });
}
