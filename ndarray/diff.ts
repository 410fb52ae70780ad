// np.diff: the n-th discrete difference along an axis, out[i] = a[i + 1] - a[i], applied n times.
// Each pass is one subtraction of two overlapping views of the same data (a[1:] - a[:-1]), so it
// runs on every backend and shortens the axis by one. For bool data the difference is a != b
// (NumPy refuses to subtract booleans).
import { normalizeAxis } from './shape.ts';
import { ValueError } from './errors.ts';
import type { NDArray, ArrayLike } from './ndarray.ts';
import { asarray } from './creation.ts';
import { tidy } from './memory.ts';
import { notEqual, subtract } from './ufuncs.ts';

/** np.diff: `n` (default 1) successive differences along `axis` (default -1, the last). */
export function diff(a: ArrayLike, options: { n?: number; axis?: number } = {}): NDArray {
  const n = options.n ?? 1;
  if (!Number.isInteger(n)) throw new TypeError(`order must be an integer but got ${n}`);
  if (n < 0) throw new ValueError(`order must be non-negative but got ${n}`);
  if (n === 0) return asarray(a);
  return tidy(() => {
    const x = asarray(a);
    if (x.ndim === 0) throw new ValueError('diff requires input that is at least one dimensional');
    const axis = normalizeAxis(options.axis ?? -1, x.ndim);
    const op = x.dtype === 'bool' ? notEqual : subtract;
    const lead = new Array<string>(axis).fill(':');
    let d = x;
    for (let k = 0; k < n; k++) d = op(d.get(...lead, '1:'), d.get(...lead, ':-1'));
    return d;
  });
}
