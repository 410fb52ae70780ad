// Vector and matrix norms, np.linalg.norm: how "big" an array is, along one axis (vector norms)
// or two axes (matrix norms). Vector p-norms are (sum |x_i|^p)^(1/p), with the limits max|x| (inf),
// min|x| (-inf) and the count of nonzeros (0). Matrix norms are either entrywise ('fro'), induced
// by a vector norm (1: largest column sum, inf: largest row sum, 2: largest singular value), or
// the nuclear norm (sum of singular values). The one thing to understand: the default 2-norm sums
// squares, which overflows for |x| > 1e154; then (and on underflow) it is recomputed scaled by max|x|.
import type { ArrayLike, NDArray } from '../ndarray.ts';
import { normalizeAxis, shapeSize, cStrides } from '../shape.ts';
import { ValueError } from '../errors.ts';
import { norm2 } from './householder.ts';
import { svdFactor } from './svd.ts';
import { readDense, wrap } from './stack.ts';
import { checkOptions } from '../options.ts';

export type NormOrder = number | 'fro' | 'nuc';

/** sqrt(sum x_i^2) over a strided run; the scaled computation only when the plain one fails. */
function euclid(a: Float64Array, start: number, stride: number, n: number): number {
  let ssq = 0;
  for (let i = 0, p = start; i < n; i++, p += stride) ssq += a[p] * a[p];
  return Number.isFinite(ssq) && ssq >= 2 ** -968 ? Math.sqrt(ssq) : norm2(a, start, stride, n);
}

function reduceError(op: 'maximum' | 'minimum'): ValueError {
  return new ValueError(`zero-size array to reduction operation ${op} which has no identity`);
}

function maxOf(v: Float64Array): number {
  if (!v.length) throw reduceError('maximum');
  return v.reduce((x, y) => (x > y || Number.isNaN(x) ? x : y));
}

function minOf(v: Float64Array): number {
  if (!v.length) throw reduceError('minimum');
  return v.reduce((x, y) => (x < y || Number.isNaN(x) ? x : y));
}

/** A vector norm of the strided run a[start + i*stride], i < n. */
function vectorNorm(ord: NormOrder | undefined, a: Float64Array, start: number, stride: number, n: number): number {
  if (ord === undefined || ord === 2) return euclid(a, start, stride, n);
  if (typeof ord === 'string') throw new ValueError(`Invalid norm order '${ord}' for vectors`);
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) abs[i] = Math.abs(a[start + i * stride]);
  if (ord === Infinity) return maxOf(abs);
  if (ord === -Infinity) return minOf(abs);
  if (ord === 0) return abs.reduce((s, x) => s + (x !== 0 ? 1 : 0), 0);
  if (ord === 1) return abs.reduce((s, x) => s + x, 0);
  return abs.reduce((s, x) => s + x ** ord, 0) ** (1 / ord);
}

/** A matrix norm of the rows x cols matrix at a[start + i*rs + j*cs]. */
function matrixNorm(ord: NormOrder | undefined, a: Float64Array, start: number, rows: number, cols: number, rs: number, cs: number): number {
  if (ord === undefined || ord === 'fro') {
    const m = copyMatrix(a, start, rows, cols, rs, cs);
    return euclid(m, 0, 1, m.length);
  }
  if (ord === 2 || ord === -2 || ord === 'nuc') {
    const s = svdFactor(copyMatrix(a, start, rows, cols, rs, cs), rows, cols, 'none').s;
    if (ord === 'nuc') return s.reduce((t, x) => t + x, 0);
    return ord === 2 ? maxOf(s) : minOf(s);
  }
  if (ord === 1 || ord === -1) {
    const sums = absSums(a, start, cols, rows, cs, rs);
    return ord === 1 ? maxOf(sums) : minOf(sums);
  }
  if (ord === Infinity || ord === -Infinity) {
    const sums = absSums(a, start, rows, cols, rs, cs);
    return ord === Infinity ? maxOf(sums) : minOf(sums);
  }
  throw new ValueError('Invalid norm order for matrices.');
}

function copyMatrix(a: Float64Array, start: number, rows: number, cols: number, rs: number, cs: number): Float64Array {
  const m = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m[i * cols + j] = a[start + i * rs + j * cs];
  return m;
}

/** For each of `outer` lines (step os), the sum of |x| along `inner` elements (step is). */
function absSums(a: Float64Array, start: number, outer: number, inner: number, os: number, is: number): Float64Array {
  const out = new Float64Array(outer);
  for (let i = 0; i < outer; i++) {
    let s = 0;
    for (let j = 0; j < inner; j++) s += Math.abs(a[start + i * os + j * is]);
    out[i] = s;
  }
  return out;
}

/** Start offsets, in C order, of every position of the axes not in `reduced`. */
function outerStarts(shape: readonly number[], strides: readonly number[], reduced: readonly number[]): { shape: number[]; starts: Float64Array } {
  const axes = shape.map((_, i) => i).filter((i) => !reduced.includes(i));
  const outShape = axes.map((i) => shape[i]);
  const starts = new Float64Array(shapeSize(outShape));
  for (let k = 0; k < starts.length; k++) {
    let rest = k, off = 0;
    for (let j = axes.length - 1; j >= 0; j--) {
      const i = rest % outShape[j];
      rest = (rest - i) / outShape[j];
      off += i * strides[axes[j]];
    }
    starts[k] = off;
  }
  return { shape: outShape, starts };
}

function normAxes(axis: number | readonly number[] | null | undefined, ndim: number): number[] {
  const list = axis === undefined || axis === null ? Array.from({ length: ndim }, (_, i) => i) : typeof axis === 'number' ? [axis] : [...axis];
  if (list.length < 1 || list.length > 2) throw new ValueError('Improper number of dimensions to norm.');
  const axes = list.map((a) => normalizeAxis(a, ndim));
  if (axes.length === 2 && axes[0] === axes[1]) throw new ValueError('Duplicate axes given.');
  return axes;
}

/** np.linalg.norm(x, {ord, axis, keepdims}). With no axis: the 2-norm of x flattened when ord is
 *  not given, else the vector (1-d) or matrix (2-d) norm `ord`. axis: one axis (vector norms
 *  2, 1, inf, -inf, 0, any p) or two axes [rows, cols] (matrix norms 'fro', 'nuc', 1, -1, 2, -2,
 *  inf, -inf). Float32 input gives float32, anything else float64. */
export function norm(x: ArrayLike, options: { ord?: NormOrder; axis?: number | readonly number[] | null; keepdims?: boolean } = {}): NDArray {
  checkOptions('norm', options, ['ord', 'axis', 'keepdims']);
  const { ord, axis, keepdims = false } = options;
  const d = readDense(x, 'norm');
  const nd = d.shape.length;
  const flat = axis == null && (ord === undefined || (ord === 'fro' && nd === 2) || (ord === 2 && nd === 1));
  if (flat) return wrap(Float64Array.of(euclid(d.data, 0, 1, d.data.length)), keepdims ? d.shape.map(() => 1) : [], d.dtype);
  const axes = normAxes(axis, nd);
  const strides = cStrides(d.shape);
  const outer = outerStarts(d.shape, strides, axes);
  const out = new Float64Array(outer.starts.length);
  for (let k = 0; k < out.length; k++) {
    const start = outer.starts[k];
    out[k] = axes.length === 1
      ? vectorNorm(ord, d.data, start, strides[axes[0]], d.shape[axes[0]])
      : matrixNorm(ord, d.data, start, d.shape[axes[0]], d.shape[axes[1]], strides[axes[0]], strides[axes[1]]);
  }
  const shape = keepdims ? d.shape.map((n, i) => (axes.includes(i) ? 1 : n)) : outer.shape;
  return wrap(out, shape, d.dtype);
}
