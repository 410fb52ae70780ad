// a.get / a.set / a.item: NumPy's `a[...]`, `a[...] = value` and `a.item(...)`.
// select() (selection.ts) works out which elements an index picks. A basic index gives a view that
// shares memory; an advanced one gives a copy made by the backend's gather kernel. Assignment writes
// through: the value is broadcast to the selection's shape and cast to the array's dtype without
// casting checks (as NumPy's setitem), and with repeated indices the last write wins.
// np.grad differentiates `get`: the gradient of a selection is added back at the selected places of
// a zero array (addAt, NumPy's np.add.at, where repeated indices add up).
import { isInteger } from './dtype.ts';
import { type Shape, broadcastStrides, formatShape, shapeSize, shapesEqual, cStrides } from './shape.ts';
import type { View } from './backend.ts';
import { IndexError, OverflowError, ValueError } from './errors.ts';
import { NDArray, requireNDArray, type ArrayLike } from './ndarray.ts';
import { flattenNested, inferShape } from './nested.ts';
import { type IndexItem, type Selection, select, outOfBounds } from './selection.ts';
import { differentiable } from './autodiff/tape.ts';
import { zeros } from './creation.ts';
import { add } from './ufuncs.ts';

export type { IndexItem } from './selection.ts';

/** NumPy's `a[index]`: a view for basic indices, a new array for advanced ones.
 *  Its derivative: x[index] = y  =>  dx = zeros with g added at index (repeats add up). */
export const getItem = differentiable('get', getItemImpl, (g, _y, [x], args) => {
  const dx = zeros(x.shape, { dtype: g.dtype, device: x.device });
  addAt(dx, ...(args[1] as readonly IndexItem[]), g);
  return [dx];
});
function getItemImpl(a: NDArray, index: readonly IndexItem[]): NDArray {
  a.assertAlive();
  const sel = select(a, index);
  if (!sel.positions) return a.view(sel.shape, sel.strides, sel.offset);
  const positions = new NDArray(a.backend.fromTyped('int32', sel.positions), sel.shape);
  const out = new NDArray(a.backend.alloc(a.dtype, sel.positions.length), sel.shape);
  a.backend.gather(a, positions, out);
  positions.dispose();
  return out;
}

/** NumPy's `a[index] = value`. */
export function setItem(a: NDArray, index: readonly IndexItem[], value: ArrayLike): void {
  a.assertAlive();
  a.assertWriteable();
  if (isSameShapeMask(a, index) && isOneValue(value)) {
    const src = valueArray(a, value);
    try {
      maskedFill(a, { shape: [...a.shape], strides: [...a.strides], offset: a.offset, positions: null, deviceMask: { mask: index[0] as NDArray, axis: 0 }, fullMaskCount: null }, src);
    } finally {
      if (src !== value) src.dispose();
    }
    return;
  }
  const sel = select(a, index, true);
  if (!sel.positions && !sel.deviceMask && (typeof value === 'number' || typeof value === 'boolean')) {
    a.backend.fill(selectionView(a, sel), scalarFor(a, value));
    return;
  }
  const src = valueArray(a, value);
  try {
    if (sel.positions) scatterInto(a, sel, src);
    else if (sel.deviceMask) maskedFill(a, sel, src);
    else copyInto(a, sel, src, index.length === a.ndim && a.ndim > 0 && index.every((i) => typeof i === 'number'));
  } finally {
    if (src !== value) src.dispose();
  }
}

/** NumPy's `np.add.at(a, index, values)`, written like `a.set(...index, value)`: a[index] += values,
 *  unbuffered, so an element selected several times receives every value
 *  (`np.addAt(a, [0, 1, 1], 1)` adds 2 to a[1]). In place. */
export function addAt(a: NDArray, ...indexThenValue: [...IndexItem[], ArrayLike]): void {
  requireNDArray('add.at', 'a', a).assertWriteable();
  if (indexThenValue.length < 2) throw new TypeError(`add.at() takes an array, an index and values, got ${indexThenValue.length + 1} argument(s)`);
  const values = indexThenValue[indexThenValue.length - 1] as ArrayLike;
  const sel = select(a, indexThenValue.slice(0, -1) as IndexItem[]);
  const src = valueArray(a, values);
  try {
    if (!sel.positions) {
      const target = a.view(sel.shape, sel.strides, sel.offset);
      add(target, src, { out: target });
      target.dispose();
      return;
    }
    if (a.device !== 'cpu' && a.dtype !== 'float32') throw new ValueError(`addAt with an advanced index on '${a.device}' needs a float32 array, got ${a.dtype}`);
    const fitted = fitValue(src, sel.shape, () => `shape mismatch: value array of shape ${formatShape(src.shape, true)} could not be broadcast to indexing result of shape ${formatShape(sel.shape, true)}`);
    const positions = new NDArray(a.backend.fromTyped('int32', sel.positions), sel.shape);
    const cast = fitted.dtype === a.dtype ? null : src.astype(a.dtype);
    a.backend.scatterAdd(a, positions, cast ? fitValue(cast, sel.shape, () => '') : fitted);
    cast?.dispose();
    positions.dispose();
  } finally {
    if (src !== values) src.dispose();
  }
}

/** The 0-d view of one element, for `a.item()` (size-1 arrays), `a.item(i, j)` (one index per axis)
 *  and `a.item(i)` on an n-d array (a flat index in C order, as NumPy's item does). */
export function itemView(a: NDArray, index: readonly number[]): NDArray {
  a.assertAlive();
  for (const i of index) if (!Number.isInteger(i)) throw new TypeError(`item() indices must be integers, got ${i}`);
  if (index.length === 0) {
    if (a.size !== 1) throw new ValueError('can only convert an array of size 1 to a Python scalar');
    return a.view([], [], a.offset);
  }
  if (index.length === 1 && a.ndim !== 1) return a.view([], [], a.offset + flatOffset(a, index[0]));
  if (index.length !== a.ndim) throw new ValueError('incorrect number of indices for array');
  let offset = a.offset;
  index.forEach((i, axis) => {
    const n = a.shape[axis];
    if (i < -n || i >= n) throw outOfBounds(i, axis, n);
    offset += (i < 0 ? i + n : i) * a.strides[axis];
  });
  return a.view([], [], offset);
}

/** Buffer offset (from a.offset) of the element at C-order position `flat`. */
function flatOffset(a: NDArray, flat: number): number {
  const n = a.size;
  if (flat < -n || flat >= n) throw new IndexError(`index ${flat} is out of bounds for size ${n}`);
  let rest = flat < 0 ? flat + n : flat;
  let offset = 0;
  cStrides(a.shape).forEach((s, axis) => {
    const i = Math.floor(rest / s);
    rest -= i * s;
    offset += i * a.strides[axis];
  });
  return offset;
}

/** The selected elements of a basic selection, as a kernel view over `a`'s buffer. */
function selectionView(a: NDArray, sel: Selection): View {
  return { storage: a.storage, dtype: a.dtype, shape: sel.shape, strides: sel.strides, offset: sel.offset };
}

/** NumPy refuses NaN and infinities in integer arrays (bool takes them as true). */
function scalarFor(a: NDArray, value: number | boolean): number {
  const v = Number(value);
  if (isInteger(a.dtype) && Number.isNaN(v)) throw new ValueError('cannot convert float NaN to integer');
  if (isInteger(a.dtype) && !Number.isFinite(v)) throw new OverflowError('cannot convert float infinity to integer');
  return v;
}

/** The value as an array on `a`'s backend: JS data is converted straight to `a`'s dtype; an array
 *  that shares `a`'s buffer is copied first, so writing cannot change it while it is read. */
function valueArray(a: NDArray, value: ArrayLike): NDArray {
  if (value instanceof NDArray) {
    value.assertAlive();
    if (value.device !== a.device) {
      throw new ValueError(`cannot assign an array on '${value.device}' into an array on '${a.device}': move it with \`await x.to('${a.device}')\``);
    }
    return value.storage === a.storage ? value.copy() : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') scalarFor(a, value);
  const shape = inferShape(value);
  return new NDArray(a.backend.fromTyped(a.dtype, flattenNested(value, shape, a.dtype)), shape);
}

/** `src` read as `target`: leading length-1 axes dropped, then broadcast (stride 0 where stretched). */
function fitValue(src: NDArray, target: Shape, message: () => string): View {
  let shape = src.shape, strides = src.strides;
  while (shape.length > target.length && shape[0] === 1) [shape, strides] = [shape.slice(1), strides.slice(1)];
  const lead = target.length - shape.length;
  if (lead < 0 || shape.some((d, i) => d !== 1 && d !== target[lead + i])) throw new ValueError(message());
  return { storage: src.storage, dtype: src.dtype, shape: target, strides: broadcastStrides(shape, strides, target), offset: src.offset };
}

/** Basic assignment: the value broadcast to the view. A single element (one integer per axis)
 *  takes only a single value, with NumPy's message for a sequence. */
function copyInto(a: NDArray, sel: Selection, src: NDArray, element: boolean): void {
  if (element && src.size !== 1) throw new ValueError('setting an array element with a sequence.');
  const values = fitValue(src, sel.shape, () => `could not broadcast input array from shape ${formatShape(src.shape, true)} into shape ${formatShape(sel.shape, true)}`);
  a.backend.copy(values, selectionView(a, sel));
}

/** Advanced assignment: values broadcast to the selection, written at its buffer positions. */
function scatterInto(a: NDArray, sel: Selection, src: NDArray): void {
  if (sel.fullMaskCount !== null) checkMaskValue(src, sel.fullMaskCount);
  const values = fitValue(src, sel.shape, () => `shape mismatch: value array of shape ${formatShape(src.shape, true)} could not be broadcast to indexing result of shape ${formatShape(sel.shape, true)}`);
  const positions = new NDArray(a.backend.fromTyped('int32', sel.positions as Int32Array), sel.shape);
  a.backend.scatter(a, positions, values);
  positions.dispose();
}

/** `a[mask] = v` with one mask covering every axis takes a 1-D value of one element per true. */
function checkMaskValue(src: NDArray, count: number): void {
  if (src.ndim > 1) {
    throw new TypeError(`NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has ${src.ndim} dimensions`);
  }
  if (src.size !== 1 && src.size !== count) {
    throw new ValueError(`NumPy boolean array indexing assignment cannot assign ${src.size} input values to the ${count} output values where the mask is true`);
  }
}

/** `a[mask] = v` with a boolean mask of a's own shape, on a's device: one pass of the where kernel
 *  (a = mask ? v : a), the same on every device, instead of listing the positions of the true values. */
function isSameShapeMask(a: NDArray, index: readonly IndexItem[]): boolean {
  const m = index[0];
  return index.length === 1 && m instanceof NDArray && m.dtype === 'bool' && m.device === a.device && shapesEqual(m.shape, a.shape) && !m.isDisposed;
}

const isOneValue = (v: ArrayLike): boolean => typeof v === 'number' || typeof v === 'boolean' || (v instanceof NDArray && v.size === 1);

/** A mask still on its device (e.g. `dZ.set(Z.lessEqual(0), 0)` on the GPU): without reading it we
 *  cannot count its true values, but one value can be written everywhere it is true with the where
 *  kernel: out = mask ? value : out, the mask broadcast over the axes it does not cover. */
function maskedFill(a: NDArray, sel: Selection, src: NDArray): void {
  const { mask, axis } = sel.deviceMask!;
  if (shapeSize(src.shape) !== 1) {
    throw new ValueError(`assigning several values through a boolean mask on '${mask.device}' needs the mask's values: pass \`await mask.to('cpu')\` (a single value needs no read)`);
  }
  if (mask.device !== a.device) throw new ValueError(`the mask is on '${mask.device}' but the array is on '${a.device}': move it with \`await mask.to('${a.device}')\``);
  const value = src.dtype === a.dtype ? src : src.astype(a.dtype);
  const strides = sel.shape.map((_, i) => (i >= axis && i < axis + mask.ndim ? mask.strides[i - axis] : 0));
  const cond: View = { storage: mask.storage, dtype: 'bool', shape: sel.shape, strides, offset: mask.offset };
  const fill: View = { storage: value.storage, dtype: a.dtype, shape: sel.shape, strides: sel.shape.map(() => 0), offset: value.offset };
  const out = selectionView(a, sel);
  a.backend.where(cond, fill, out, out);
  if (value !== src) value.dispose();
}
