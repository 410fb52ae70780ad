// The kernel interface every backend implements, and the registry of backends.
// ndarray's shared layer does all the NumPy thinking (shapes, broadcasting, dtypes, views) and then
// calls one of these kernels with *views*: a buffer plus shape, strides (in elements) and offset.
// A backend only moves numbers. `cpu` computes with typed arrays; `webgpu` records WGSL dispatches.
import type { DType, TypedArray } from './dtype.ts';
import type { Shape } from './shape.ts';
import { ValueError } from './errors.ts';

export type DeviceName = 'cpu' | 'webgpu';

/** A buffer owned by a backend. Several arrays (a base and its views) may share one storage;
 *  `refs` counts the live arrays that use it, and the backend frees it when the count reaches 0. */
export interface Storage {
  readonly backend: Backend;
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  refs: number;
}

/** What a kernel sees of an array: where the elements are and how to walk them. */
export interface View {
  readonly storage: Storage;
  readonly dtype: DType;
  readonly shape: Shape;
  readonly strides: Shape;
  readonly offset: number;
}

export type ReduceOp = 'sum' | 'prod' | 'min' | 'max' | 'all' | 'any';
export type ArgReduceOp = 'argmin' | 'argmax';
export type ScanOp = 'cumsum' | 'cumprod';

/** The kernels. Unless noted, inputs and `out` have the same shape (the shared layer has already
 *  broadcast inputs with stride-0 axes), and `out` may be any strided view (in-place ops write
 *  through views). Kernels convert between dtypes as NumPy's C casts do. */
export interface Backend {
  readonly name: DeviceName;
  /** A new zero-filled buffer of `size` elements. */
  alloc(dtype: DType, size: number): Storage;
  /** A new buffer holding the values of `data` (already in `dtype`'s typed array class). With
   *  `copy: false` the caller hands over a buffer nobody else holds, and a host-memory backend may
   *  keep it as it is instead of copying it. */
  fromTyped(dtype: DType, data: TypedArray, options?: { copy?: boolean }): Storage;
  /** Releases the buffer (called when the last array using it is disposed). */
  free(storage: Storage): void;
  /** The elements of a view in C order, as a new typed array. */
  read(x: View): Promise<TypedArray>;
  /** The same, synchronously; only backends that hold data in JS memory have it. */
  readSync?(x: View): TypedArray;
  /** The dtype this device computes and stores a derived result of `dtype` in (webgpu has no
   *  float64 and uses float32). Optional: without it every dtype is kept. See `deviceDType`. */
  storedDType?(dtype: DType): DType;

  /** out[...] = value. */
  fill(out: View, value: number): void;
  /** out[...] = cast(x[...]): strided copy and dtype conversion in one. */
  copy(x: View, out: View): void;
  /** out = op(x), op from the unary table in ops.ts. */
  unary(op: string, x: View, out: View): void;
  /** out = op(a, b), op from the binary table in ops.ts. */
  binary(op: string, a: View, b: View, out: View): void;
  /** out = cond ? a : b. */
  where(cond: View, a: View, b: View, out: View): void;
  /** Reduces `axes` (sorted, non-empty) of x; out has x's shape without those axes. */
  reduce(op: ReduceOp, x: View, axes: readonly number[], out: View): void;
  /** Index of the min/max along `axis` (first one on ties, NaN wins as in NumPy); out is int32. */
  argReduce(op: ArgReduceOp, x: View, axis: number, out: View): void;
  /** Running sum/product along `axis`; out has x's shape. */
  scan(op: ScanOp, x: View, axis: number, out: View): void;
  /** Sorts along `axis`, NaN last; out has x's dtype and may be x itself (in-place sort).
   *  Optional: without it, np.sort/argsort on this device say so. */
  sort?(x: View, axis: number, out: View): void;
  /** The stable permutation that sorts x along `axis`; out is int32. Optional, as `sort`. */
  argsort?(x: View, axis: number, out: View): void;
  /** Batched matrix product: a (...,m,k) @ b (...,k,n) -> out (...,m,n), batch axes already broadcast;
   *  a and b arrive in out's dtype. */
  matmul(a: View, b: View, out: View): void;
  /** out[i] = x's buffer at positions[i] (int32 buffer positions computed by the indexing layer). */
  gather(x: View, positions: View, out: View): void;
  /** out's buffer at positions[i] = values[i] (the last write wins on repeated positions). */
  scatter(out: View, positions: View, values: View): void;
  /** out's buffer at positions[i] += values[i], every repeat counted (np.add.at; the backward pass
   *  of a gather). Float dtypes only. */
  scatterAdd(out: View, positions: View, values: View): void;
}

/** A check run before every kernel of every backend while it is set (the autodiff sets it while it
 *  records a tape, to refuse kernels that would bypass the tape). `method` is the Backend method name. */
export const kernelHooks: { check: ((method: string, args: readonly unknown[]) => void) | null } = { check: null };

/** The kernel methods `kernelHooks.check` watches (alloc, free and reads are not kernels). */
const KERNELS = ['fill', 'copy', 'unary', 'binary', 'where', 'reduce', 'argReduce', 'scan', 'sort', 'argsort', 'matmul', 'gather', 'scatter', 'scatterAdd'] as const;

/** Routes each kernel call of `backend` (in place: storages refer to this object) through the hook;
 *  one null test per call when no hook is set. */
function watchKernels(backend: Backend): void {
  const methods = backend as unknown as Record<string, ((...args: unknown[]) => void) | undefined>;
  for (const name of KERNELS) {
    const kernel = methods[name];
    if (!kernel) continue;
    methods[name] = (...args: unknown[]): void => {
      kernelHooks.check?.(name, args);
      kernel.apply(backend, args);
    };
  }
}

const backends = new Map<DeviceName, Backend>();
let defaultDevice: DeviceName = 'cpu';

export function registerBackend(backend: Backend): void {
  watchKernels(backend);
  backends.set(backend.name, backend);
}

/** The backend for a device name; a clear error when it was never initialised. */
export function getBackend(name: DeviceName = defaultDevice): Backend {
  const b = backends.get(name);
  if (b) return b;
  if (name === 'webgpu') throw new ValueError("the 'webgpu' device is not initialised: call `await np.initWebGPU()` first");
  throw new ValueError(`unknown device '${String(name)}' (expected 'cpu' or 'webgpu')`);
}

/** The dtype a result that NumPy would give `dtype` takes on `device` (float64 -> float32 on
 *  webgpu). For dtypes the shared layer derives (promotion, true division, means); a dtype the user
 *  names explicitly is used as given, so asking webgpu for float64 still fails loudly. */
export function deviceDType(device: DeviceName, dtype: DType): DType {
  return getBackend(device).storedDType?.(dtype) ?? dtype;
}

export function hasBackend(name: DeviceName): boolean {
  return backends.has(name);
}

/** Sets the device new arrays are created on when no `device` option is given. */
export function setDefaultDevice(name: DeviceName): void {
  getBackend(name);
  defaultDevice = name;
}

export function getDefaultDevice(): DeviceName {
  return defaultDevice;
}
