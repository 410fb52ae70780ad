// NDArray: a dtype, a shape, strides and an offset over a buffer that a backend owns.
// A view (a slice, a transpose, a reshape that fits the strides) is a new NDArray over the same
// buffer, with `base` pointing at the array that owns the data, so writes through a view reach
// the original. The methods here are thin: the work lives in one module per concept.
import { type DType, checkDType, itemsize, type TypedArray } from './dtype.ts';
import { type Shape, cStrides, isCContiguous, isFContiguous, shapeSize } from './shape.ts';
import { getBackend, type Backend, type DeviceName, type Storage, type View } from './backend.ts';
import { MemoryError, ValueError } from './errors.ts';
import * as manip from './manipulation.ts';
import * as ufunc from './ufuncs.ts';
import * as red from './reductions.ts';
import * as sorting from './sorting.ts';
import * as idx from './indexing.ts';
import * as mm from './matmul.ts';
import { formatRepr, formatStr } from './print.ts';
import { toNested, type Nested } from './nested.ts';
import { trackArray, untrackArray } from './memory.ts';

/** Anything accepted where an array is: an NDArray, nested JS arrays, a typed array or a scalar. */
export type ArrayLike = NDArray | Nested | TypedArray | number | boolean;
export type Axis = number | readonly number[] | null;

/** NumPy's flags: which memory layouts hold, whether the array owns its buffer, whether it may be written. */
export interface Flags {
  readonly cContiguous: boolean;
  readonly fContiguous: boolean;
  readonly ownData: boolean;
  writeable: boolean;
}

export class NDArray implements View {
  readonly storage: Storage;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** The array that owns the data, or null when this array owns it (NumPy's `base`). */
  readonly base: NDArray | null;
  private writeable: boolean;
  private disposed = false;

  constructor(storage: Storage, shape: Shape, options: { strides?: Shape; offset?: number; base?: NDArray | null; writeable?: boolean } = {}) {
    options.base?.assertAlive(); // a view of a disposed array would read a buffer that may be reused
    this.storage = storage;
    this.dtype = storage.dtype;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze([...(options.strides ?? cStrides(shape))]);
    this.offset = options.offset ?? 0;
    // NumPy's base is always the owner, never an intermediate view.
    this.base = options.base ? (options.base.base ?? options.base) : null;
    this.writeable = options.writeable ?? true;
    storage.refs++;
    trackArray(this);
  }

  /** A new array of `shape` over a fresh buffer on `device`. */
  static empty(shape: Shape, dtype: DType = 'float64', device?: DeviceName): NDArray {
    const backend = getBackend(device);
    const dt = checkDType(dtype);
    const n = shapeSize(shape);
    let storage: Storage;
    try {
      storage = backend.alloc(dt, n);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      throw new MemoryError(`Unable to allocate ${n * itemsize(dt)} bytes for an array with shape (${shape.join(', ')}${shape.length === 1 ? ',' : ''}) and data type ${dt}`);
    }
    return new NDArray(storage, shape);
  }

  /** A C-contiguous array that copies `data` (a typed array of dtype's class) to `device`;
   *  `copy: false` hands over a freshly made buffer that nothing else refers to (no copy on the CPU). */
  static fromTyped(data: TypedArray, shape: Shape, dtype: DType, device?: DeviceName, options: { copy?: boolean } = {}): NDArray {
    return new NDArray(getBackend(device).fromTyped(dtype, data, options), shape);
  }

  /** A view of this array's buffer with another shape/strides/offset (shares memory, `base` set). */
  view(shape: Shape, strides: Shape, offset: number, writeable = this.writeable): NDArray {
    checkViewBounds(shape, strides, offset, this.storage.size);
    return new NDArray(this.storage, shape, { strides, offset, base: this, writeable });
  }

  // ---- attributes -------------------------------------------------------------------------
  get ndim(): number { return this.shape.length; }
  get size(): number { return shapeSize(this.shape); }
  get itemsize(): number { return itemsize(this.dtype); }
  get nbytes(): number { return this.size * this.itemsize; }
  get device(): DeviceName { return this.storage.backend.name; }
  get backend(): Backend { return this.storage.backend; }
  get T(): NDArray { return manip.transpose(this); }
  get flags(): Flags {
    const self = this;
    return {
      cContiguous: isCContiguous(this.shape, this.strides),
      fContiguous: isFContiguous(this.shape, this.strides),
      ownData: this.base === null,
      get writeable() { return self.writeable; },
      set writeable(v: boolean) { self.setWriteable(v); },
    };
  }
  get length(): number {
    if (this.ndim === 0) throw new TypeError('len() of unsized object');
    return this.shape[0];
  }

  private setWriteable(v: boolean): void {
    if (v && this.base && !this.base.writeable) throw new ValueError('cannot set WRITEABLE flag to True of this array');
    this.writeable = v;
  }

  /** Throws NumPy's error when the array may not be written (e.g. a broadcastTo view), or was disposed. */
  assertWriteable(): void {
    this.assertAlive();
    if (!this.writeable) throw new ValueError('assignment destination is read-only');
  }

  // ---- reading values ---------------------------------------------------------------------
  /** The elements in C order as a new typed array (bool as Uint8Array). */
  async data(): Promise<TypedArray> { this.assertAlive(); return this.backend.read(this); }
  dataSync(): TypedArray {
    this.assertAlive();
    const read = this.backend.readSync;
    if (!read) throw new ValueError(`dataSync() reads only CPU arrays; this array lives on '${this.device}': use \`await x.data()\``);
    return read(this);
  }
  /** Nested JS arrays (NumPy's tolist); a 0-d array gives a number (or boolean). */
  async toArray(): Promise<Nested> { return toNested(await this.data(), this.shape, this.dtype); }
  toArraySync(): Nested {
    if (!this.backend.readSync) throw new ValueError(`toArraySync() reads only CPU arrays; this array lives on '${this.device}': use \`await x.toArray()\``);
    return toNested(this.dataSync(), this.shape, this.dtype);
  }
  /** The one element as a number: `a.item()`, or the element at integer indices `a.item(1, 2)`. */
  async item(...index: number[]): Promise<number> {
    const v = idx.itemView(this, index);
    try { return (await v.data())[0]; } finally { v.dispose(); }
  }
  itemSync(...index: number[]): number {
    const v = idx.itemView(this, index);
    try { return v.dataSync()[0]; } finally { v.dispose(); }
  }
  /** Lets `+a` and template strings use a one-element CPU array as a number. */
  valueOf(): number { return this.itemSync(); }

  // ---- memory -----------------------------------------------------------------------------
  /** Releases this array's hold on its buffer; the buffer is freed when no array uses it. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    untrackArray(this);
    if (--this.storage.refs === 0) this.backend.free(this.storage);
  }
  [Symbol.dispose](): void { this.dispose(); }
  get isDisposed(): boolean { return this.disposed; }
  assertAlive(): void {
    if (this.disposed) throw new ValueError('this array was disposed; its buffer may have been reused');
  }
  /** A copy on another device (`'cpu'` or `'webgpu'`); the same array when already there. */
  async to(device: DeviceName): Promise<NDArray> { return manip.toDevice(this, device); }

  // ---- conversion and shape ---------------------------------------------------------------
  astype(dtype: DType, options: { copy?: boolean } = {}): NDArray { return manip.astype(this, dtype, options); }
  copy(): NDArray { return manip.copy(this); }
  reshape(...shape: (number | readonly number[])[]): NDArray { return manip.reshape(this, flattenShapeArgs(shape)); }
  ravel(): NDArray { return manip.ravel(this); }
  flatten(): NDArray { return manip.flatten(this); }
  transpose(...axes: (number | readonly number[])[]): NDArray {
    return manip.transpose(this, axes.length ? flattenShapeArgs(axes) : undefined);
  }
  swapaxes(a: number, b: number): NDArray { return manip.swapaxes(this, a, b); }
  squeeze(options: { axis?: Axis } = {}): NDArray { return manip.squeeze(this, options); }
  expandDims(axis: number | readonly number[]): NDArray { return manip.expandDims(this, axis); }
  broadcastTo(shape: Shape): NDArray { return manip.broadcastTo(this, shape); }
  flip(options: { axis?: Axis } = {}): NDArray { return manip.flip(this, options); }

  // ---- indexing ---------------------------------------------------------------------------
  /** NumPy's `a[...]`: ints, slice strings ('1:5:2'), null (newaxis), '...', int/bool arrays. */
  get(...index: idx.IndexItem[]): NDArray { return idx.getItem(this, index); }
  /** NumPy's `a[...] = value`: the last argument is the value, broadcast to the selection. */
  set(...indexThenValue: [...idx.IndexItem[], ArrayLike]): this {
    const value = indexThenValue[indexThenValue.length - 1] as ArrayLike;
    idx.setItem(this, indexThenValue.slice(0, -1) as idx.IndexItem[], value);
    return this;
  }
  /** Iterates over the first axis, yielding views (as `for row in a` in NumPy). */
  *[Symbol.iterator](): Iterator<NDArray> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  // ---- elementwise (see ufuncs.ts) --------------------------------------------------------
  add(b: ArrayLike): NDArray { return ufunc.add(this, b); }
  subtract(b: ArrayLike): NDArray { return ufunc.subtract(this, b); }
  multiply(b: ArrayLike): NDArray { return ufunc.multiply(this, b); }
  divide(b: ArrayLike): NDArray { return ufunc.divide(this, b); }
  power(b: ArrayLike): NDArray { return ufunc.power(this, b); }
  floorDivide(b: ArrayLike): NDArray { return ufunc.floorDivide(this, b); }
  mod(b: ArrayLike): NDArray { return ufunc.mod(this, b); }
  maximum(b: ArrayLike): NDArray { return ufunc.maximum(this, b); }
  minimum(b: ArrayLike): NDArray { return ufunc.minimum(this, b); }
  equal(b: ArrayLike): NDArray { return ufunc.equal(this, b); }
  notEqual(b: ArrayLike): NDArray { return ufunc.notEqual(this, b); }
  less(b: ArrayLike): NDArray { return ufunc.less(this, b); }
  lessEqual(b: ArrayLike): NDArray { return ufunc.lessEqual(this, b); }
  greater(b: ArrayLike): NDArray { return ufunc.greater(this, b); }
  greaterEqual(b: ArrayLike): NDArray { return ufunc.greaterEqual(this, b); }
  logicalAnd(b: ArrayLike): NDArray { return ufunc.logicalAnd(this, b); }
  logicalOr(b: ArrayLike): NDArray { return ufunc.logicalOr(this, b); }
  negative(): NDArray { return ufunc.negative(this); }
  abs(): NDArray { return ufunc.abs(this); }
  sqrt(): NDArray { return ufunc.sqrt(this); }
  square(): NDArray { return ufunc.square(this); }
  exp(): NDArray { return ufunc.exp(this); }
  log(): NDArray { return ufunc.log(this); }
  tanh(): NDArray { return ufunc.tanh(this); }
  sign(): NDArray { return ufunc.sign(this); }
  floor(): NDArray { return ufunc.floor(this); }
  ceil(): NDArray { return ufunc.ceil(this); }
  /** Halves to even, as NumPy: `[0.5, 1.5, 2.5]` -> `[0, 2, 2]`. */
  round(decimals = 0): NDArray { return ufunc.round(this, { decimals }); }
  logicalNot(): NDArray { return ufunc.logicalNot(this); }
  logicalXor(b: ArrayLike): NDArray { return ufunc.logicalXor(this, b); }
  clip(min: ArrayLike | null, max: ArrayLike | null): NDArray { return ufunc.clip(this, min, max); }
  /** In-place forms (Python's `a += b`): same dtype and shape, result cast back with 'same_kind'. */
  iadd(b: ArrayLike): this { ufunc.add(this, b, { out: this }); return this; }
  isub(b: ArrayLike): this { ufunc.subtract(this, b, { out: this }); return this; }
  imul(b: ArrayLike): this { ufunc.multiply(this, b, { out: this }); return this; }
  idiv(b: ArrayLike): this { ufunc.divide(this, b, { out: this }); return this; }
  ipow(b: ArrayLike): this { ufunc.power(this, b, { out: this }); return this; }
  imod(b: ArrayLike): this { ufunc.mod(this, b, { out: this }); return this; }

  // ---- reductions (see reductions.ts) -----------------------------------------------------
  sum(options: red.SumOptions & red.WhereOptions = {}): NDArray { return red.sum(this, options); }
  prod(options: red.SumOptions & red.WhereOptions = {}): NDArray { return red.prod(this, options); }
  mean(options: red.SumOptions & red.WhereOptions = {}): NDArray { return red.mean(this, options); }
  std(options: red.VarOptions = {}): NDArray { return red.std(this, options); }
  var(options: red.VarOptions = {}): NDArray { return red.var_(this, options); }
  min(options: red.ReduceOptions = {}): NDArray { return red.min(this, options); }
  max(options: red.ReduceOptions = {}): NDArray { return red.max(this, options); }
  argmin(options: red.ArgOptions = {}): NDArray { return red.argmin(this, options); }
  argmax(options: red.ArgOptions = {}): NDArray { return red.argmax(this, options); }
  all(options: red.ReduceOptions & red.WhereOptions = {}): NDArray { return red.all(this, options); }
  any(options: red.ReduceOptions & red.WhereOptions = {}): NDArray { return red.any(this, options); }
  cumsum(options: red.ScanOptions = {}): NDArray { return red.cumsum(this, options); }
  cumprod(options: red.ScanOptions = {}): NDArray { return red.cumprod(this, options); }

  // ---- sorting (see sorting.ts) -----------------------------------------------------------
  /** Sorts this array in place along `axis` (default -1), NaN last, as NumPy's ndarray.sort. */
  sort(options: { axis?: number } = {}): this { sorting.sortInPlace(this, options); return this; }
  /** Indices that sort this array along `axis` (stable). */
  argsort(options: sorting.SortOptions = {}): NDArray { return sorting.argsort(this, options); }

  // ---- matrix products (see matmul.ts) -----------------------------------------------------
  /** Python's `a @ b` (np.matmul): matrix product of the last two axes, broadcast over the rest. */
  matmul(b: ArrayLike): NDArray { return mm.matmul(this, b); }
  dot(b: ArrayLike): NDArray { return mm.dot(this, b); }

  // ---- printing (see print.ts) ------------------------------------------------------------
  /** NumPy's repr: `array([[1., 2.]])`. GPU arrays print their description (values need `await`). */
  toString(): string { return formatRepr(this); }
  /** NumPy's str: `[[1. 2.]]`. */
  str(): string { return formatStr(this); }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

/** `reshape(3, 4)`, `reshape([3, 4])` and `reshape()` (0-d) all name a shape. */
function flattenShapeArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as readonly number[])];
  return args as number[];
}

/** A view may only reach elements of its buffer: integer shape (>= 0), strides and offset, and the
 *  lowest and highest element it can address inside [0, size). (An empty view addresses nothing.) */
function checkViewBounds(shape: Shape, strides: Shape, offset: number, size: number): void {
  if (!Array.isArray(shape) || !Array.isArray(strides) || shape.length !== strides.length || !Number.isInteger(offset)) {
    throw new TypeError('view(shape, strides, offset): shape and strides must be lists of integers of one length, and offset an integer');
  }
  let [lo, hi, empty] = [offset, offset, false];
  for (let i = 0; i < shape.length; i++) {
    const [d, s] = [shape[i], strides[i]];
    if (!Number.isInteger(d) || d < 0 || !Number.isInteger(s)) {
      throw new TypeError(`view(): shape and strides must be integers (shape >= 0), got shape [${shape.join(', ')}] strides [${strides.join(', ')}]`);
    }
    if (d === 0) empty = true;
    else if (s > 0) hi += (d - 1) * s;
    else lo += (d - 1) * s;
  }
  if (!empty && (lo < 0 || hi >= size)) {
    throw new ValueError(`view(): shape [${shape.join(', ')}], strides [${strides.join(', ')}] and offset ${offset} reach elements ${lo}..${hi} of a buffer of ${size}`);
  }
}

/** Checks an argument that must already be an NDArray (functions that write into it, or that work on
 *  arrays only): a JS list or anything else is Python's TypeError naming the function and argument. */
export function requireNDArray(fn: string, name: string, x: unknown): NDArray {
  if (x instanceof NDArray) {
    x.assertAlive();
    return x;
  }
  const given = x === null ? 'null' : Array.isArray(x) ? 'a JS list' : typeof x === 'object' ? (x.constructor?.name ?? 'object') : typeof x;
  throw new TypeError(`${fn}(): \`${name}\` must be an NDArray, got ${given}${Array.isArray(x) ? ` (make one with np.array(${name}))` : ''}`);
}
