// CPU sort and argsort along one axis. Each line along the axis is copied out, sorted, and written
// back (so sorting in place, out === x, is safe). NaN sorts after every number, as in NumPy.
// argsort is stable: equal values keep their original order (NumPy's kind='stable').
import type { View } from '../backend.ts';
import { typedCtor, type TypedArray } from '../dtype.ts';
import { dataOf } from './storage.ts';
import { forEachRow } from './strided.ts';
import { splitAxis } from './layout.ts';

/** Calls `line(i, o)` with the start positions in x and out of every line along `axis`. */
function forEachLine(x: View, out: View, axis: number, line: (i: number, o: number) => void): void {
  const xs = splitAxis(x, axis);
  const os = splitAxis(out, axis);
  forEachRow(xs.shape, [xs.layout, os.layout], (pos, len, inner) => {
    for (let e = 0, i = pos[0], o = pos[1]; e < len; e++, i += inner[0], o += inner[1]) line(i, o);
  });
}

/** out = x sorted along `axis` (out has x's dtype and shape; it may be x itself). */
export function sortKernel(x: View, axis: number, out: View): void {
  const src = dataOf(x);
  const dst = dataOf(out);
  const n = x.shape[axis];
  const [sx, so] = [x.strides[axis], out.strides[axis]];
  const tmp = new (typedCtor(x.dtype))(n);
  forEachLine(x, out, axis, (i, o) => {
    for (let k = 0; k < n; k++) tmp[k] = src[i + k * sx];
    // A typed array's own sort compares numerically and puts NaN last.
    tmp.sort();
    for (let k = 0; k < n; k++) dst[o + k * so] = tmp[k];
  });
}

/** Orders positions p, q of `keys` ascending, NaN last, ties by position (which makes it stable). */
export function compareKeys(keys: TypedArray, p: number, q: number): number {
  const u = keys[p], v = keys[q];
  if (u < v) return -1;
  if (u > v) return 1;
  const uNaN = u !== u, vNaN = v !== v;
  if (uNaN !== vNaN) return uNaN ? 1 : -1;
  return p - q;
}

/** out (int32, x's shape) = the permutation that sorts x along `axis`, stable. */
export function argsortKernel(x: View, axis: number, out: View): void {
  const src = dataOf(x);
  const dst = dataOf(out);
  const n = x.shape[axis];
  const [sx, so] = [x.strides[axis], out.strides[axis]];
  const keys = new (typedCtor(x.dtype))(n);
  const perm = new Int32Array(n);
  const cmp = (p: number, q: number): number => compareKeys(keys, p, q);
  forEachLine(x, out, axis, (i, o) => {
    for (let k = 0; k < n; k++) {
      keys[k] = src[i + k * sx];
      perm[k] = k;
    }
    perm.sort(cmp);
    for (let k = 0; k < n; k++) dst[o + k * so] = perm[k];
  });
}
