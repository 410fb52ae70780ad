// Changing shape without touching data, and joining/splitting arrays.
// transpose, expandDims, squeeze, flip, broadcastTo and swapaxes only rewrite shape/strides, so they
// always return views. reshape returns a view exactly when the new shape can be walked with strides
// over the old memory (see reshapeStrides), otherwise a C-ordered copy, as NumPy does.
// Joining (concatenate, stack) allocates once and copies each input into a view of the result.
// Each op that np.grad can see through carries its derivative rule: a view op sends the gradient
// back through the inverse view (transpose by the inverse permutation, reshape to the old shape),
// a join splits the gradient, a split joins the gradients.
import { type DType, checkDType } from './dtype.ts';
import { type Shape, broadcastShapes, checkShape, shapeList, cStrides, formatShape, normalizeAxes, normalizeAxis, normalizeAxisTuple, reshapeStrides, resolveReshape, shapesEqual, zeroDimAxis } from './shape.ts';
import { type DeviceName, getBackend } from './backend.ts';
import { MemoryError, ValueError } from './errors.ts';
import { NDArray, type ArrayLike, type Axis } from './ndarray.ts';
import { asarray, zeros } from './creation.ts';
import { differentiable, differentiableMulti } from './autodiff/tape.ts';
import { checkOptions, describe } from './options.ts';
import { tidy } from './memory.ts';
import { joinAlong } from './join.ts';

/**
 * np.reshape: a view when the strides allow it, else a copy. One dimension may be -1.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const a = np.arange(6);
 * console.log(np.reshape(a, [2, 3]));
 * console.log(a.reshape(3, -1).shape); // -1: whatever is left
 * ```
 *
 * ```text output
 * array([[0, 1, 2],
 *        [3, 4, 5]])
 * [ 3, 2 ]
 * ```
 */
export const reshape = differentiable('reshape', reshapeImpl, (g, _y, [x]) => [reshapeImpl(g, x.shape)]);
function reshapeImpl(a: ArrayLike, shape: number | readonly number[] | NDArray): NDArray {
  const x = asarray(a);
  const newShape = resolveReshape(x.size, shapeList(shape) as number[]);
  const strides = reshapeStrides(x.shape, x.strides, newShape);
  if (strides) return x.view(newShape, strides, x.offset);
  const c = copy(x);
  const out = c.view(newShape, cStrides(newShape), 0);
  c.dispose(); // the view holds the buffer; the intermediate array must not stay alive in memory()
  return out;
}

/** np.ravel: a 1-D view when possible, else a copy. */
export const ravel = (a: ArrayLike): NDArray => reshape(a, [-1]);

/** ndarray.flatten: always a 1-D copy. */
export const flatten = differentiable('flatten', flattenImpl, (g, _y, [x]) => [reshapeImpl(g, x.shape)]);
function flattenImpl(a: ArrayLike): NDArray {
  const c = copy(asarray(a));
  return c.view([c.size], [1], 0);
}

/** np.transpose: permutes axes (reverses them by default). Always a view. */
export const transpose = differentiable('transpose', transposeImpl, (g, _y, [x], args) => {
  const axes = args[1] as readonly number[] | undefined;
  const perm = axes ? shapeList(axes, 'axes must be a sequence of ints').map((ax) => normalizeAxis(ax as number, x.ndim)) : x.shape.map((_, i) => x.ndim - 1 - i);
  return [transposeImpl(g, perm.map((_, i) => perm.indexOf(i)))]; // the inverse permutation
});
function transposeImpl(a: ArrayLike, axes?: readonly number[]): NDArray {
  const x = asarray(a);
  const perm = axes ? shapeList(axes, 'axes must be a sequence of ints').map((ax) => normalizeAxis(ax as number, x.ndim)) : x.shape.map((_, i) => x.ndim - 1 - i);
  if (perm.length !== x.ndim || new Set(perm).size !== perm.length) throw new ValueError("axes don't match array");
  return x.view(perm.map((p) => x.shape[p]), perm.map((p) => x.strides[p]), x.offset);
}

export function swapaxes(a: ArrayLike, axis1: number, axis2: number): NDArray {
  const x = asarray(a);
  const perm = x.shape.map((_, i) => i);
  const [i, j] = [normalizeAxis(axis1, x.ndim), normalizeAxis(axis2, x.ndim)];
  [perm[i], perm[j]] = [perm[j], perm[i]];
  return transpose(x, perm);
}

/** np.moveaxis: moves axes `source` to positions `destination`; the others keep their order. */
export function moveaxis(a: ArrayLike, source: number | readonly number[], destination: number | readonly number[]): NDArray {
  const x = asarray(a);
  const src = normalizeAxisTuple(shapeList(source, '`source` must be an int or a sequence of ints'), x.ndim, 'source');
  const dst = normalizeAxisTuple(shapeList(destination, '`destination` must be an int or a sequence of ints'), x.ndim, 'destination');
  if (src.length !== dst.length) throw new ValueError('`source` and `destination` arguments must have the same number of elements');
  const order = x.shape.map((_, i) => i).filter((i) => !src.includes(i));
  [...dst.keys()].sort((p, q) => dst[p] - dst[q]).forEach((k) => order.splice(dst[k], 0, src[k]));
  return transpose(x, order);
}

/** np.expand_dims: inserts length-1 axes at the given positions of the result. */
export function expandDims(a: ArrayLike, axis: number | readonly number[]): NDArray {
  const x = asarray(a);
  const list = shapeList(axis, 'axis must be an int or a sequence of ints') as number[];
  const ndim = x.ndim + list.length;
  const at = normalizeAxes(list, ndim);
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < ndim; i++) shape.push(at.includes(i) ? 1 : x.shape[k++]);
  return reshape(x, shape);
}

/** np.squeeze: removes length-1 axes (all of them, or the ones named). */
export const squeeze = differentiable('squeeze', squeezeImpl, (g, _y, [x]) => [reshapeImpl(g, x.shape)]);
function squeezeImpl(a: ArrayLike, options: { axis?: Axis } = {}): NDArray {
  checkOptions('squeeze', options, ['axis']);
  const x = asarray(a);
  const axes = options.axis === undefined || options.axis === null || zeroDimAxis(options.axis, x.ndim)
    ? x.shape.flatMap((d, i) => (d === 1 ? [i] : []))
    : normalizeAxes(options.axis, x.ndim);
  for (const ax of axes) {
    if (x.shape[ax] !== 1) throw new ValueError('cannot select an axis to squeeze out which has size not equal to one');
  }
  const keep = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  return x.view(keep.map((i) => x.shape[i]), keep.map((i) => x.strides[i]), x.offset);
}

/** np.flip: reverses the order of elements along the axes (all by default): a negative-stride view. */
export const flip = differentiable('flip', flipImpl, (g, _y, _x, args) => [flipImpl(g, args[1] as { axis?: Axis })]);
function flipImpl(a: ArrayLike, options: { axis?: Axis } = {}): NDArray {
  checkOptions('flip', options, ['axis']);
  const x = asarray(a);
  const axes = normalizeAxes(options.axis, x.ndim);
  let offset = x.offset;
  const strides = [...x.strides];
  for (const ax of axes) {
    if (x.shape[ax] > 0) offset += (x.shape[ax] - 1) * strides[ax];
    strides[ax] = -strides[ax];
  }
  return x.view(x.shape, strides, offset);
}

/** np.broadcast_to: a read-only view with stride 0 along the stretched axes. */
// The gradient of a broadcast is summed back over the stretched axes: autodiff/grad.ts does that
// for every op (sumToShape), so the rule passes g on.
export const broadcastTo = differentiable('broadcastTo', broadcastToImpl, (g) => [g]);
function broadcastToImpl(a: ArrayLike, shape: Shape | NDArray): NDArray {
  const target = checkShape(shape, 'all elements of broadcast shape must be non-negative');
  const x = asarray(a);
  let ok = x.ndim <= target.length;
  if (ok) {
    try {
      ok = shapesEqual(broadcastShapes(x.shape, target), target);
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw new ValueError(
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${formatShape(x.shape, true)}  and requested shape ${formatShape(target, true)}`,
    );
  }
  const lead = target.length - x.ndim;
  const strides = target.map((d, i) => (i < lead || x.shape[i - lead] !== d ? 0 : x.strides[i - lead]));
  return x.view(target, strides, x.offset, false);
}

/** np.broadcast_arrays: views of all inputs with their common broadcast shape. */
export function broadcastArrays(...arrays: ArrayLike[]): NDArray[] {
  const xs = arrays.map((a) => asarray(a));
  const shape = broadcastShapes(...xs.map((x) => x.shape));
  return xs.map((x) => broadcastTo(x, shape));
}

/** ndarray.astype: a converted copy (or the array itself when the dtype matches and copy is false). */
// A float-to-float cast passes the gradient on (autodiff casts it back to the input's dtype).
export const astype = differentiable('astype', astypeImpl, (g) => [g]);
function astypeImpl(a: NDArray, dtype: DType, options: { copy?: boolean } = {}): NDArray {
  checkOptions('astype', options, ['copy'], ['order', 'casting', 'subok']);
  checkDType(dtype);
  if (dtype === a.dtype && options.copy === false) return a;
  const out = NDArray.empty(a.shape, dtype, a.device);
  a.backend.copy(a, out);
  return out;
}

/** A C-contiguous copy with the same dtype (np.copy). */
export const copy = (a: NDArray): NDArray => astype(a, a.dtype, { copy: true });

/** Moves an array to another device (a copy through host memory); the same array if already there. */
export async function toDevice(a: NDArray, device: DeviceName): Promise<NDArray> {
  if (a.device === device) return a;
  const target = getBackend(device);
  return new NDArray(target.fromTyped(a.dtype, await a.data(), { copy: false }), a.shape);
}

// d concatenate: each input gets its own stretch of g along the axis.
const concatenateList = differentiable('concatenate', concatenateImpl, (g, _y, inputs, args, needed) => {
  let k = 0;
  const parts = (args[0] as readonly ArrayLike[]).map((a) => (a instanceof NDArray ? inputs[k++] : asarray(a)));
  const axis = (args[1] as { axis?: number | null } | undefined)?.axis;
  const flat = axis === null;
  const ax = flat ? 0 : normalizeAxis(axis ?? 0, parts[0].ndim);
  const bounds = parts.slice(0, -1).reduce<number[]>((b, p) => [...b, (b.at(-1) ?? 0) + (flat ? p.size : p.shape[ax])], []);
  const pieces = arraySplitImpl(flat ? reshapeImpl(g, [-1]) : g, bounds, { axis: ax });
  const grads = parts.flatMap((p, i) => ((args[0] as readonly unknown[])[i] instanceof NDArray ? [reshapeImpl(pieces[i], p.shape)] : []));
  return grads.map((gi, i) => (needed[i] ? gi : null));
});

/** np.concatenate: joins arrays along an existing axis (axis null: flattens them first). An array
 *  given instead of a list is joined row by row (joinRows), outside the recorded op, so its gradient
 *  flows back through the row views: the recorded op always sees a list.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const a = np.array([[1, 2], [3, 4]]);
 * console.log(np.concatenate([a, [[5, 6]]]));
 * console.log(np.concatenate([a, [[7], [8]]], { axis: 1 }));
 * console.log(np.concatenate([a, a], { axis: null }));
 * ```
 *
 * ```text output
 * array([[1, 2],
 *        [3, 4],
 *        [5, 6]])
 * array([[1, 2, 7],
 *        [3, 4, 8]])
 * array([1, 2, 3, 4, 1, 2, 3, 4])
 * ```
 */
export function concatenate(arrays: readonly ArrayLike[] | NDArray, options: { axis?: number | null } = {}): NDArray {
  if (!Array.isArray(arrays)) return joinRows('concatenate', arrays, (rows) => concatenateList(rows, options));
  return concatenateList(arrays, options);
}
function concatenateImpl(arrays: readonly ArrayLike[], options: { axis?: number | null } = {}): NDArray {
  checkOptions('concatenate', options, ['axis'], ['out', 'dtype', 'casting']);
  if (arrays.length === 0) throw new ValueError('need at least one array to concatenate');
  let xs = arrays.map((a) => asarray(a));
  if (options.axis === null) xs = xs.map((x) => ravel(x));
  if (xs.some((x) => x.ndim === 0)) throw new ValueError('zero-dimensional arrays cannot be concatenated');
  const ndim = xs[0].ndim;
  const axis = normalizeAxis(options.axis ?? 0, ndim);
  xs.forEach((x, i) => {
    if (x.ndim !== ndim) {
      throw new ValueError(`all the input arrays must have same number of dimensions, but the array at index 0 has ${ndim} dimension(s) and the array at index ${i} has ${x.ndim} dimension(s)`);
    }
    x.shape.forEach((d, k) => {
      if (k !== axis && d !== xs[0].shape[k]) {
        throw new ValueError(`all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${k}, the array at index 0 has size ${xs[0].shape[k]} and the array at index ${i} has size ${d}`);
      }
    });
  });
  return joinAlong(xs, axis);
}

/** The joining functions take a list of arrays or, as in NumPy, an array: its sub-arrays along the first
 *  axis (np.concatenate(M) joins M's rows). Those sub-arrays are views freed once joined. */
function joinRows(fn: string, arrays: unknown, join: (rows: readonly NDArray[]) => NDArray): NDArray {
  if (!(arrays instanceof NDArray) || arrays.ndim === 0) {
    throw new TypeError(`${fn}(): the first argument must be a sequence of arrays (a list, or an array whose rows are joined), got ${arrays instanceof NDArray ? 'a 0-d array' : describe(arrays)}`);
  }
  return tidy(() => join(Array.from({ length: arrays.shape[0] }, (_, i) => arrays.get(i))));
}

/** np.stack: joins same-shaped arrays along a new axis. */
export function stack(arrays: readonly ArrayLike[] | NDArray, options: { axis?: number } = {}): NDArray {
  checkOptions('stack', options, ['axis'], ['out', 'dtype', 'casting']);
  if (!Array.isArray(arrays)) return joinRows('stack', arrays, (rows) => stack(rows, options));
  if (arrays.length === 0) throw new ValueError('need at least one array to stack');
  const xs = arrays.map((a) => asarray(a));
  // The arrays made here (from JS data) and the expanded views are freed once joined.
  const temps = xs.filter((x, i) => x !== arrays[i]);
  try {
    if (xs.some((x) => !shapesEqual(x.shape, xs[0].shape))) throw new ValueError('all input arrays must have the same shape');
    const axis = normalizeAxis(options.axis ?? 0, xs[0].ndim + 1);
    const expanded = xs.map((x) => expandDims(x, axis));
    temps.push(...expanded);
    return concatenate(expanded, { axis });
  } finally {
    temps.forEach((t) => t.dispose());
  }
}

const atleast1d = (x: NDArray): NDArray => (x.ndim === 0 ? reshape(x, [1]) : x);
const atleast2d = (x: NDArray): NDArray => (x.ndim === 0 ? reshape(x, [1, 1]) : x.ndim === 1 ? reshape(x, [1, -1]) : x);

/** np.vstack: stacks rows (1-D inputs become rows). */
export function vstack(arrays: readonly ArrayLike[] | NDArray): NDArray {
  if (!Array.isArray(arrays)) return joinRows('vstack', arrays, vstack);
  return concatenate(arrays.map((a) => atleast2d(asarray(a))), { axis: 0 });
}

/** np.hstack: stacks columns (1-D inputs are joined end to end). */
export function hstack(arrays: readonly ArrayLike[] | NDArray): NDArray {
  if (!Array.isArray(arrays)) return joinRows('hstack', arrays, hstack);
  if (arrays.length === 0) throw new ValueError('need at least one array to concatenate');
  const xs = arrays.map((a) => atleast1d(asarray(a)));
  return concatenate(xs, { axis: xs[0].ndim === 1 ? 0 : 1 });
}

/** np.append: without an axis both inputs are flattened first. */
export function append(a: ArrayLike, values: ArrayLike, options: { axis?: number } = {}): NDArray {
  checkOptions('append', options, ['axis']);
  if (options.axis === undefined) return concatenate([ravel(a), ravel(values)], { axis: 0 });
  return concatenate([a, values], { axis: options.axis });
}

/** More sub-arrays than this is a mistake, not a plan (each is an object, and V8 aborts the process
 *  on a list of some 10^8 of them). */
const MAX_SECTIONS = 2 ** 24;

/** Split points as NumPy takes them: a list (or array) of integers. */
function splitPoints(points: unknown): number[] {
  const list = points instanceof NDArray ? (points.toArraySync() as unknown) : points;
  if (!Array.isArray(list) || !list.every((p) => typeof p === 'number' && Number.isInteger(p))) {
    throw new TypeError(`array_split: sections must be an integer or a list of integer split points, got ${describe(points)}`);
  }
  return list;
}

/** np.array_split: sections may differ in length (the first ones get one more element). */
// d split: the pieces' gradients joined again (zeros for pieces that were not used).
export const arraySplit = differentiableMulti('arraySplit', arraySplitImpl, (gs, outs, _x, args) => {
  const axis = normalizeAxis((args[2] as { axis?: number } | undefined)?.axis ?? 0, outs[0].ndim);
  return [concatenateImpl(gs.map((g, i) => g ?? zeros(outs[i].shape, { dtype: outs[i].dtype, device: outs[i].device })), { axis })];
});
function arraySplitImpl(a: ArrayLike, sections: number | readonly number[] | NDArray, options: { axis?: number } = {}): NDArray[] {
  checkOptions('array_split', options, ['axis']);
  const x = asarray(a);
  const axis = normalizeAxis(options.axis ?? 0, x.ndim);
  const n = x.shape[axis];
  let bounds: number[];
  if (typeof sections === 'number') {
    if (!Number.isInteger(sections) || sections <= 0) throw new ValueError('number sections must be larger than 0.');
    if (sections > MAX_SECTIONS) throw new MemoryError(`array_split: ${sections} sections would be ${sections} array objects; tessera makes at most ${MAX_SECTIONS}`);
    const [each, extra] = [Math.floor(n / sections), n % sections];
    bounds = [0];
    for (let i = 0; i < sections; i++) bounds.push(bounds[i] + each + (i < extra ? 1 : 0));
  } else {
    sections = splitPoints(sections);
    bounds = [0, ...sections.map((s) => Math.min(Math.max(s < 0 ? s + n : s, 0), n)), n];
  }
  return bounds.slice(0, -1).map((lo, i) => {
    const hi = Math.max(bounds[i + 1], lo);
    const shape = [...x.shape];
    shape[axis] = hi - lo;
    return x.view(shape, x.strides, x.offset + lo * x.strides[axis]);
  });
}

/** np.split: like arraySplit, but an integer count must divide the axis exactly. */
export function split(a: ArrayLike, sections: number | readonly number[] | NDArray, options: { axis?: number } = {}): NDArray[] {
  checkOptions('split', options, ['axis']);
  const x = asarray(a);
  if (typeof sections === 'number' && x.shape[normalizeAxis(options.axis ?? 0, x.ndim)] % sections !== 0) {
    throw new ValueError('array split does not result in an equal division');
  }
  return arraySplit(x, sections, options);
}
