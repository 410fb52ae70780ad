// Shapes and strides: the arithmetic that lets many arrays share one buffer.
// Element (i0, i1, ...) of an array lives at `offset + i0*strides[0] + i1*strides[1] + ...` in its
// buffer (strides counted in elements, not bytes). Views change shape/strides/offset, never data.
// Broadcasting aligns shapes from the right and gives stride 0 to every stretched dimension.
import { AxisError, ValueError } from './errors.ts';

export type Shape = readonly number[];

/** NumPy prints shapes as tuples: (3,) (2, 3) (). Error messages use the compact form (2,3). */
export function formatShape(shape: Shape, compact = false): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(compact ? ',' : ', ')})`;
}

export function shapeSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C order) strides: the last axis moves fastest. */
export function cStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The most elements one array may hold: the longest typed array JavaScript engines allocate. */
export const MAX_ARRAY_SIZE = 2 ** 32 - 1;

function describe(v: unknown): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'undefined') return 'undefined';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? ((v as object).constructor?.name ?? 'object') : typeof v;
}

/** One size-like integer (a dimension, a count, a length): NumPy's TypeError for NaN, 2.5, '3',
 *  undefined ...; NumPy's ValueError `negative` (default "negative dimensions are not allowed") for d < 0. */
export function checkSize(d: unknown, negative = 'negative dimensions are not allowed'): number {
  if (typeof d === 'bigint') d = Number(d);
  if (typeof d !== 'number' || !Number.isInteger(d)) {
    throw new TypeError(`'${describe(d)}' object cannot be interpreted as an integer (got ${typeof d === 'number' ? d : String(d)})`);
  }
  if (d < 0) throw new ValueError(negative);
  return d;
}

/** Checks that `n` elements fit in one array (NumPy's message when size * itemsize overflows). */
export function checkTotalSize(n: number): number {
  if (n > MAX_ARRAY_SIZE) {
    throw new ValueError('array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.');
  }
  return n;
}

/** Turns a shape argument (a number, a list of ints, or an integer NDArray / typed array) into a list of numbers. */
export function shapeList(shape: unknown, what = 'a shape must be an int or a sequence of ints'): unknown[] {
  if (typeof shape === 'number' || typeof shape === 'bigint') return [shape];
  if (Array.isArray(shape)) return shape;
  if (ArrayBuffer.isView(shape)) return Array.from(shape as unknown as ArrayLike<number>);
  const arr = shape as { toArraySync?: () => unknown; dtype?: unknown; ndim?: number };
  if (shape !== null && typeof shape === 'object' && typeof arr.toArraySync === 'function') {
    if (typeof arr.dtype === 'string' && !/^u?int/.test(arr.dtype)) {
      throw new TypeError(`only integer arrays can be interpreted as a shape (got an array of dtype ${arr.dtype})`);
    }
    if ((arr.ndim ?? 0) > 1) throw new TypeError('only 0-d or 1-d integer arrays can be interpreted as a shape');
    const list = arr.toArraySync();
    return Array.isArray(list) ? list : [list];
  }
  throw new TypeError(`'${describe(shape)}' object cannot be interpreted as an integer (${what})`);
}

/** Checks a user-given shape: non-negative integers whose product fits in one array. */
export function checkShape(shape: unknown, negative?: string): number[] {
  const out = shapeList(shape).map((d) => checkSize(d, negative));
  checkTotalSize(shapeSize(out));
  return out;
}

/** An axis must be an integer number: Python's TypeError otherwise. */
function normalizeAxisType(axis: unknown): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis)) {
    throw new TypeError(`'${describe(axis)}' object cannot be interpreted as an integer (an axis must be an int, got ${String(axis)})`);
  }
  return axis;
}

/** Normalises a possibly negative axis; NumPy's AxisError when out of range. */
export function normalizeAxis(axis: number, ndim: number): number {
  normalizeAxisType(axis);
  if (axis < -ndim || axis >= ndim) throw new AxisError(axis, ndim);
  return axis < 0 ? axis + ndim : axis;
}

/** NumPy's legacy rule for 0-d arrays in its C functions that take one int axis (reductions, argmax,
 *  cumsum, take, repeat, squeeze): axis 0 or -1 is accepted, the 0-d array standing for a 1-element one. */
export const zeroDimAxis = (axis: unknown, ndim: number): boolean => ndim === 0 && (axis === 0 || axis === -1);

/** Normalises `axis` (undefined = all axes, an int or a list) into a sorted list without repeats. */
export function normalizeAxes(axis: number | readonly number[] | null | undefined, ndim: number): number[] {
  // (a list, an int, or an integer array, as NumPy takes them)
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const out = shapeList(axis, 'axes must be an int or a sequence of ints').map((a) => normalizeAxis(a as number, ndim));
  if (new Set(out).size !== out.length) throw new ValueError('duplicate value in \'axis\'');
  return out.sort((a, b) => a - b);
}

/** NumPy's normalize_axis_tuple: an axis or a list of them, each normalised, none repeated; errors
 *  name the argument (moveaxis: "source: axis 3 is out of bounds ...", "repeated axis in `source` argument"). */
export function normalizeAxisTuple(axes: readonly unknown[], ndim: number, argname: string): number[] {
  const out = axes.map((a) => {
    const axis = normalizeAxisType(a);
    if (axis < -ndim || axis >= ndim) throw new AxisError(axis, ndim, argname);
    return axis < 0 ? axis + ndim : axis;
  });
  if (new Set(out).size !== out.length) throw new ValueError(`repeated axis in \`${argname}\` argument (got [${axes.join(', ')}])`);
  return out;
}

/** np.broadcast_shapes as the public function: every shape is checked first (an int is a 1-d shape). */
export function broadcastShapesOf(...shapes: unknown[]): number[] {
  return broadcastShapes(...shapes.map((s) => checkShape(s, 'all elements of broadcast shape must be non-negative')));
}

/** The broadcast shape of several shapes (NumPy's rule), or NumPy's error naming all shapes. */
export function broadcastShapes(...shapes: Shape[]): number[] {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = ndim - s.length + i;
      const d = s[i];
      if (d === out[j] || d === 1) continue;
      if (out[j] !== 1) {
        throw new ValueError(
          `operands could not be broadcast together with shapes ${shapes.map((x) => formatShape(x, true)).join(' ')}`,
        );
      }
      out[j] = d;
    }
  }
  return out;
}

/** The broadcast shape of several arguments as `np.broadcast(*args)` finds it, or its error naming the
 *  two arguments that disagree: axis by axis, the first argument that stretched the axis, and the one
 *  that then does not fit (NumPy's PyArray_Broadcast; random parameters use it). */
export function broadcastArgs(shapes: readonly Shape[]): number[] {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (let i = 0; i < ndim; i++) {
    let from = 0;
    shapes.forEach((s, j) => {
      const d = s[i + s.length - ndim] ?? 1;
      if (d === 1) return;
      if (out[i] === 1) [out[i], from] = [d, j];
      else if (out[i] !== d) {
        throw new ValueError('shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between '
          + `arg ${from} with shape ${formatShape(shapes[from])} and arg ${j} with shape ${formatShape(s)}.`);
      }
    });
  }
  return out;
}

/** Strides that make an array of `shape`/`strides` read as `target` (stride 0 on stretched axes).
 *  The caller has checked that `shape` broadcasts to `target`. */
export function broadcastStrides(shape: Shape, strides: Shape, target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[lead + i] = shape[i] === 1 && target[lead + i] !== 1 ? 0 : strides[i];
  return out;
}

/** Resolves one -1 in a requested shape, NumPy's messages for bad requests. */
export function resolveReshape(size: number, requested: Shape): number[] {
  const shape = [...requested];
  const unknown = shape.indexOf(-1);
  if (shape.filter((d) => d === -1).length > 1) throw new ValueError('can only specify one unknown dimension');
  for (const d of shape) {
    if (d !== -1) checkSize(d, `negative dimensions not allowed, got ${formatShape(requested, true)}`);
  }
  const known = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) {
      throw new ValueError(`cannot reshape array of size ${size} into shape ${formatShape(requested, true)}`);
    }
    shape[unknown] = size / known;
  } else if (known !== size) {
    throw new ValueError(`cannot reshape array of size ${size} into shape ${formatShape(requested, true)}`);
  }
  return shape;
}

/** Strides for viewing (shape, strides) as `newShape` without copying, or null when impossible.
 *  Same idea as NumPy's _attempt_nocopy_reshape: walk old and new axes in groups whose sizes
 *  match; inside a group the old axes must be contiguous relative to each other (stride[i] ==
 *  stride[i+1] * shape[i+1]); the new axes of the group then take strides from the group's last one. */
export function reshapeStrides(shape: Shape, strides: Shape, newShape: Shape): number[] | null {
  const oldDims: number[] = [];
  const oldStrides: number[] = [];
  shape.forEach((d, i) => {
    if (d !== 1) {
      oldDims.push(d);
      oldStrides.push(strides[i]);
    }
  });
  if (shapeSize(newShape) === 0 || shapeSize(shape) === 0) return cStrides(newShape);
  const out = new Array<number>(newShape.length).fill(0);
  let oi = 0, oj = 1, ni = 0, nj = 1;
  while (ni < newShape.length && oi < oldDims.length) {
    let np = newShape[ni];
    let op = oldDims[oi];
    while (np !== op) {
      if (np < op) np *= newShape[nj++];
      else op *= oldDims[oj++];
    }
    for (let k = oi; k < oj - 1; k++) if (oldStrides[k] !== oldDims[k + 1] * oldStrides[k + 1]) return null;
    out[nj - 1] = oldStrides[oj - 1];
    for (let k = nj - 1; k > ni; k--) out[k - 1] = out[k] * newShape[k];
    ni = nj++;
    oi = oj++;
  }
  // Trailing new axes of size 1 (the loop stops once the old axes are used up) repeat the last stride.
  const last = ni >= 1 ? out[ni - 1] : 1;
  for (let k = ni; k < newShape.length; k++) out[k] = last;
  return out;
}

/** True when (shape, strides) walks memory in C order without gaps. */
export function isCContiguous(shape: Shape, strides: Shape): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 0) return true;
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/** True when (shape, strides) walks memory in Fortran order without gaps. */
export function isFContiguous(shape: Shape, strides: Shape): boolean {
  let expected = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 0) return true;
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/** The [lowest, highest] buffer positions an array touches (for overlap tests), or null if empty. */
export function memoryExtent(shape: Shape, strides: Shape, offset: number): [number, number] | null {
  let lo = offset, hi = offset;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 0) return null;
    const span = (shape[i] - 1) * strides[i];
    if (span < 0) lo += span;
    else hi += span;
  }
  return [lo, hi];
}

/** Merges axis i into i+1 when, for every operand, stepping i equals stepping over all of i+1. */
export function coalesce(shape: Shape, stridesList: Shape[]): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = stridesList.map(() => []);
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 1) continue;
    const last = outShape.length - 1;
    const mergeable = last >= 0 && stridesList.every((s, k) => outStrides[k][last] === shape[i] * s[i]);
    if (mergeable) {
      outShape[last] *= shape[i];
      stridesList.forEach((s, k) => (outStrides[k][last] = s[i]));
    } else {
      outShape.push(shape[i]);
      stridesList.forEach((s, k) => outStrides[k].push(s[i]));
    }
  }
  return { shape: outShape, strides: outStrides };
}
