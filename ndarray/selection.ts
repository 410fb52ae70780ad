// Selections: which elements an index like `a.get(0, '1:', [2, 0])` picks.
// Basic items (integers, slices, null = newaxis, '...') only rewrite shape, strides and offset: a view.
// Integer and boolean arrays ("advanced" items) pick arbitrary elements, so for them we compute, on
// the host, the buffer position of every selected element (int32) for the gather/scatter kernels.
// The rule to understand is where the broadcast index dimensions go: in place of the advanced items
// when those are adjacent, else first; integers count as advanced items then (NumPy's rule).
import { isInteger, type TypedArray } from './dtype.ts';
import { type Shape, broadcastShapes, broadcastStrides, cStrides, formatShape, shapeSize } from './shape.ts';
import { IndexError, ValueError } from './errors.ts';
import { NDArray } from './ndarray.ts';
import { flattenNested, inferDType, inferShape, type Nested } from './nested.ts';
import { Slice, parseSlice, resolveSlice } from './slice.ts';

export type IndexItem = number | boolean | string | null | Slice | NDArray | readonly Nested[] | TypedArray;

/** An index item after classification; integer and boolean arrays have been read to the host. */
type Item =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; slice: Slice }
  | { kind: 'newaxis' }
  | { kind: 'ellipsis' }
  | { kind: 'ints'; data: ArrayLike<number>; shape: number[] }
  | { kind: 'mask'; data: ArrayLike<number>; shape: number[] }
  | { kind: 'deviceMask'; mask: NDArray };

export interface Selection {
  /** The shape of what is selected (the result of `get`). */
  shape: number[];
  /** Basic selections: strides and offset of the view. */
  strides: number[];
  offset: number;
  /** Advanced selections: the buffer position of every selected element, in C order of `shape`. */
  positions: Int32Array | null;
  /** A boolean mask left on its device (only when selecting for assignment): it covers the view's
   *  axes from `axis` on, which `shape`/`strides` keep. */
  deviceMask: { mask: NDArray; axis: number } | null;
  /** When the whole index is one boolean array covering every axis: its number of true values. */
  fullMaskCount: number | null;
}

const INVALID = 'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices';
const NOT_INTEGER = 'arrays used as indices must be of integer (or boolean) type';

export const outOfBounds = (value: number, axis: number, size: number): IndexError =>
  new IndexError(`index ${value} is out of bounds for axis ${axis} with size ${size}`);

/** The values of an index array, which must be readable without waiting (a CPU array). */
export function hostValues(x: NDArray, what = 'an index array'): TypedArray {
  if (!x.backend.readSync) {
    throw new ValueError(`${what} on '${x.device}' must be read before it can index (its values decide the result): pass \`await x.to('cpu')\` instead`);
  }
  return x.dataSync();
}

function classify(item: IndexItem): Item {
  if (item === null) return { kind: 'newaxis' };
  if (typeof item === 'number') {
    if (!Number.isInteger(item)) throw new IndexError(`${INVALID} (got ${item})`);
    return { kind: 'int', value: item };
  }
  if (typeof item === 'boolean') return { kind: 'mask', data: [item ? 1 : 0], shape: [] };
  if (typeof item === 'string') return item.trim() === '...' ? { kind: 'ellipsis' } : { kind: 'slice', slice: parseSlice(item) };
  if (item instanceof Slice) return { kind: 'slice', slice: item };
  if (item instanceof NDArray) return classifyArray(item);
  if (Array.isArray(item) || ArrayBuffer.isView(item)) return classifyNested(item as Nested);
  throw new IndexError(`${INVALID} (got ${typeof item === 'object' ? 'an object' : typeof item})`);
}

function classifyArray(x: NDArray): Item {
  x.assertAlive();
  if (x.dtype === 'bool') {
    return x.backend.readSync ? { kind: 'mask', data: x.dataSync(), shape: [...x.shape] } : { kind: 'deviceMask', mask: x };
  }
  if (!isInteger(x.dtype)) throw new IndexError(`${NOT_INTEGER} (got dtype '${x.dtype}')`);
  const data = hostValues(x);
  return x.ndim === 0 ? { kind: 'int', value: data[0] } : { kind: 'ints', data, shape: [...x.shape] };
}

/** JS arrays: booleans make a mask, integers an index array; an empty list is an (empty) index array. */
function classifyNested(x: Nested): Item {
  const shape = inferShape(x);
  const dtype = shapeSize(shape) === 0 ? 'int32' : inferDType(x);
  if (dtype !== 'bool' && !isInteger(dtype)) throw new IndexError(`${NOT_INTEGER} (got non-integer values)`);
  return { kind: dtype === 'bool' ? 'mask' : 'ints', data: flattenNested(x, shape, dtype), shape };
}

function classifyAll(index: readonly IndexItem[]): Item[] {
  let ellipses = 0;
  return index.map((raw) => {
    const item = classify(raw);
    if (item.kind === 'ellipsis' && ++ellipses > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
    return item;
  });
}

/** How many axes of the array an item consumes. */
function axesUsed(item: Item): number {
  switch (item.kind) {
    case 'int': case 'slice': case 'ints': return 1;
    case 'mask': return item.shape.length;
    case 'deviceMask': return item.mask.ndim;
    default: return 0;
  }
}

/** For a C-order mask of `shape`: the coordinates of its true elements, one int32 array per axis. */
export function nonzeroCoords(data: ArrayLike<number>, shape: Shape): Int32Array[] {
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) count++; // NaN counts as non-zero
  const coords = shape.map(() => new Int32Array(count));
  const strides = cStrides(shape);
  for (let i = 0, k = 0; i < data.length; i++) {
    if (data[i] === 0) continue;
    for (let d = 0, rest = i; d < shape.length; d++) {
      coords[d][k] = Math.floor(rest / strides[d]);
      rest -= coords[d][k] * strides[d];
    }
    k++;
  }
  return coords;
}

/** sum_i r_i * strides[i] for every multi-index r of `shape`, in C order. */
export function offsetsOf(shape: Shape, strides: Shape): Int32Array {
  let cur = Int32Array.of(0);
  for (let i = shape.length - 1; i >= 0; i--) {
    const next = new Int32Array(shape[i] * cur.length);
    for (let k = 0; k < shape[i]; k++) for (let j = 0; j < cur.length; j++) next[k * cur.length + j] = k * strides[i] + cur[j];
    cur = next;
  }
  return cur;
}

interface Axis { size: number; stride: number; advanced: boolean }
interface Fancy { data: ArrayLike<number>; shape: number[]; axis: number; size: number; stride: number }
interface IntItem { value: number; axis: number; size: number }

/** What the items do to the array's axes: the view they describe (advanced axes kept whole), plus the
 *  integer and array items to resolve, and where the broadcast index dimensions go (`consec`). */
class Walk {
  readonly axes: Axis[] = [];
  readonly fancy: Fancy[] = [];
  readonly ints: IntItem[] = [];
  offset: number;
  consec = 0;
  deviceMask: { mask: NDArray; axis: number } | null = null;
  /** Axes of `a` consumed so far. */
  private axis = 0;
  private status: 'none' | 'fancy' | 'after' | 'split' = 'none';

  constructor(private readonly a: NDArray, private readonly anyArray: boolean) {
    this.offset = a.offset;
  }

  private basic(size: number, stride: number): void {
    this.axes.push({ size, stride, advanced: false });
    if (this.status === 'fancy') this.status = 'after';
  }

  /** NumPy's placement rule: remember where the first advanced item sits among the basic axes;
   *  if another one follows a basic item, the advanced items are not adjacent and go first. */
  private advancedHere(): void {
    if (this.status === 'none') {
      this.consec = this.axes.filter((x) => !x.advanced).length;
      this.status = 'fancy';
    } else if (this.status === 'after') {
      this.status = 'split';
      this.consec = 0;
    }
  }

  private checkMask(shape: readonly number[]): void {
    shape.forEach((d, j) => {
      const n = this.a.shape[this.axis + j];
      if (d !== n) {
        throw new IndexError(`boolean index did not match indexed array along dimension ${this.axis + j}; dimension is ${n} but corresponding boolean dimension is ${d}`);
      }
    });
  }

  get axesDone(): number {
    return this.axis;
  }

  full(count: number): void {
    for (let k = 0; k < count; k++, this.axis++) this.basic(this.a.shape[this.axis], this.a.strides[this.axis]);
  }

  item(item: Item, ellipsisAxes: number, allowDeviceMask: boolean): void {
    const { shape, strides } = this.a;
    switch (item.kind) {
      case 'int': {
        const size = shape[this.axis];
        this.ints.push({ value: item.value, axis: this.axis, size });
        this.offset += (item.value < 0 ? item.value + size : item.value) * strides[this.axis++];
        if (this.anyArray) this.advancedHere();
        return;
      }
      case 'slice': {
        const { start, step, count } = resolveSlice(item.slice, shape[this.axis]);
        // An empty slice gets step 1 and no offset, as in NumPy (its view touches no memory).
        if (count > 0) this.offset += start * strides[this.axis];
        this.basic(count, (count > 0 ? step : 1) * strides[this.axis++]);
        return;
      }
      case 'newaxis': return this.basic(1, 0);
      case 'ellipsis':
        this.full(ellipsisAxes);
        if (this.status === 'fancy') this.status = 'after';
        return;
      case 'ints':
        this.advancedHere();
        this.addFancy(item.data, item.shape, this.axis++);
        return;
      case 'mask':
        this.checkMask(item.shape);
        this.advancedHere();
        if (item.shape.length === 0) {
          // A 0-d mask adds an axis of length 1, selected (true) or not (false).
          this.axes.push({ size: 1, stride: 0, advanced: true });
          this.fancy.push({ data: item.data[0] ? [0] : [], shape: [item.data[0] ? 1 : 0], axis: -1, size: 1, stride: 0 });
          return;
        }
        for (const c of nonzeroCoords(item.data, item.shape)) this.addFancy(c, [c.length], this.axis++);
        return;
      case 'deviceMask':
        if (!allowDeviceMask) hostValues(item.mask, 'a boolean mask');
        this.checkMask(item.mask.shape);
        this.deviceMask = { mask: item.mask, axis: this.axes.length };
        this.full(item.mask.ndim);
    }
  }

  private addFancy(data: ArrayLike<number>, shape: number[], axis: number): void {
    const size = this.a.shape[axis], stride = this.a.strides[axis];
    this.axes.push({ size, stride, advanced: true });
    this.fancy.push({ data, shape, axis, size, stride });
  }
}

/** Resolves an index against `a`. Errors come in NumPy's order: invalid items and repeated ellipses,
 *  too many indices, boolean shape mismatches, integers out of bounds, index arrays that do not
 *  broadcast, array values out of bounds. `allowDeviceMask` keeps a GPU mask unread (assignment only). */
export function select(a: NDArray, index: readonly IndexItem[], allowDeviceMask = false): Selection {
  const items = classifyAll(index);
  const used = items.reduce((n, item) => n + axesUsed(item), 0);
  if (used > a.ndim) throw new IndexError(`too many indices for array: array is ${a.ndim}-dimensional, but ${used} were indexed`);
  const walk = new Walk(a, items.some((it) => it.kind === 'ints' || it.kind === 'mask'));
  for (const item of items) walk.item(item, a.ndim - used, allowDeviceMask);
  walk.full(a.ndim - walk.axesDone); // axes left unindexed are taken whole
  for (const { value, axis, size } of walk.ints) if (value < -size || value >= size) throw outOfBounds(value, axis, size);
  const fullMaskCount = items.length === 1 && items[0].kind === 'mask' && items[0].shape.length === a.ndim
    ? (walk.fancy[0]?.data.length ?? 0)
    : null;
  const basic = walk.axes.filter((x) => !x.advanced);
  const view = { shape: basic.map((x) => x.size), strides: basic.map((x) => x.stride), offset: walk.offset };
  if (walk.fancy.length === 0) return { ...view, positions: null, deviceMask: walk.deviceMask, fullMaskCount };
  if (walk.deviceMask) hostValues(walk.deviceMask.mask, 'a boolean mask combined with index arrays');
  return { ...advancedSelection(view, walk.fancy, walk.consec), deviceMask: null, fullMaskCount };
}

/** Broadcasts the index arrays, checks their values, and lists the buffer position of each element:
 *  position = offset + (basic axes before) + (advanced part) + (basic axes after). */
function advancedSelection(view: { shape: number[]; strides: number[]; offset: number }, fancy: Fancy[], consec: number) {
  let b: number[];
  try {
    b = broadcastShapes(...fancy.map((f) => f.shape));
  } catch {
    const shapes = fancy.map((f) => `${formatShape(f.shape, true)} `).join('');
    throw new IndexError(`shape mismatch: indexing arrays could not be broadcast together with shapes ${shapes}`);
  }
  const nb = shapeSize(b);
  const adv = new Int32Array(nb);
  for (const f of fancy) {
    if (nb > 0) for (let i = 0; i < f.data.length; i++) if (f.data[i] < -f.size || f.data[i] >= f.size) throw outOfBounds(f.data[i], f.axis, f.size);
    const src = offsetsOf(b, broadcastStrides(f.shape, cStrides(f.shape), b));
    for (let i = 0; i < nb; i++) {
      const v = f.data[src[i]];
      adv[i] += (v < 0 ? v + f.size : v) * f.stride;
    }
  }
  const pre = offsetsOf(view.shape.slice(0, consec), view.strides.slice(0, consec));
  const post = offsetsOf(view.shape.slice(consec), view.strides.slice(consec));
  const positions = new Int32Array(pre.length * nb * post.length);
  let k = 0;
  for (let i = 0; i < pre.length; i++) {
    for (let j = 0; j < nb; j++) {
      const base = view.offset + pre[i] + adv[j];
      for (let m = 0; m < post.length; m++) positions[k++] = base + post[m];
    }
  }
  const shape = [...view.shape.slice(0, consec), ...b, ...view.shape.slice(consec)];
  return { shape, strides: cStrides(shape), offset: 0, positions };
}
