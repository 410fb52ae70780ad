// The `webgpu` backend: arrays live in GPU buffers and every kernel is a WGSL dispatch.
// `initWebGPU()` finds a device, builds the engine and registers the backend; from then on
// `{device: 'webgpu'}` and `x.to('webgpu')` work. Kernels only record commands; `read` is the one
// place that submits and waits, which is why GPU arrays have no synchronous readers.
import { registerBackend, type Backend, type View } from '../backend.ts';
import { allocTyped, type DType } from '../dtype.ts';
import { isCContiguous, shapeSize } from '../shape.ts';
import { ValueError } from '../errors.ts';
import { acquireDevice, noAdapterError } from './device.ts';
import { Engine, type EngineStats } from './engine.ts';
import { Storages, type GpuStorage, type KernelContext } from './storage.ts';
import { checkBindable, checkGpuDType, fromWords, scalarWord, storedDType, toWords, GPU_ITEMSIZE } from './dtypes.ts';
import * as cp from './copy.ts';
import * as ew from './elementwise.ts';
import * as red from './reduce.ts';
import * as mm from './matmul.ts';
import * as gat from './gather.ts';
import * as srt from './sort.ts';

export interface WebGPUBackend extends Backend, KernelContext {
  readonly adapterName: string;
}

function createBackend(engine: Engine, adapterName: string): WebGPUBackend {
  const maxBinding = engine.ctx.limits.maxStorageBufferBindingSize;
  const checked = (dtype: DType, size: number): void => {
    checkGpuDType(dtype);
    checkBindable(size, maxBinding);
  };
  const backend: WebGPUBackend = {
    name: 'webgpu',
    engine,
    adapterName,
    storages: null as unknown as Storages,
    alloc(dtype, size) {
      checked(dtype, size);
      return backend.storages.alloc(dtype, size);
    },
    fromTyped(dtype, data) {
      checked(dtype, data.length);
      return backend.storages.upload(dtype, toWords(dtype, data));
    },
    free: (s) => backend.storages.free(s as GpuStorage),
    read: (x) => read(backend, x),
    storedDType,
    fill(out, value) {
      const s = out.storage as GpuStorage;
      const whole = shapeSize(out.shape) === s.size && isCContiguous(out.shape, out.strides);
      const word = scalarWord(out.dtype, value);
      if (whole && word === 0) {
        s.zeroPending = true; // a clearBuffer at first use, or nothing if a kernel overwrites it all
        return;
      }
      cp.fill(engine, backend.storages.output(out), word);
    },
    copy: (x, out) => cp.copy(engine, backend.storages.input(x), backend.storages.output(out)),
    unary: (op, x, out) => ew.unary(backend, op, x, out),
    binary: (op, a, b, out) => ew.binary(backend, op, a, b, out),
    where: (c, a, b, out) => ew.where(backend, c, a, b, out),
    reduce: (op, x, axes, out) => red.reduce(backend, op, x, axes, out),
    argReduce: (op, x, axis, out) => red.argReduce(backend, op, x, axis, out),
    scan: (op, x, axis, out) => red.scan(backend, op, x, axis, out),
    sort: (x, axis, out) => srt.sort(backend, x, axis, out),
    argsort: (x, axis, out) => srt.argsort(backend, x, axis, out),
    matmul: (a, b, out) => mm.matmul(backend, a, b, out),
    gather: (x, positions, out) => gat.gather(backend, x, positions, out),
    scatter: (out, positions, values) => gat.scatter(backend, out, positions, values),
    scatterAdd: (out, positions, values) => gat.scatterAdd(backend, out, positions, values),
  };
  (backend as { storages: Storages }).storages = new Storages(engine, backend);
  return backend;
}

/** The elements of a view in C order: a strided view is first gathered into a contiguous scratch
 *  buffer by the copy kernel, then the bytes travel through a mappable buffer. */
async function read(backend: WebGPUBackend, x: View): Promise<ReturnType<typeof allocTyped>> {
  const n = shapeSize(x.shape);
  if (n === 0) return allocTyped(x.dtype, 0);
  const { engine, storages } = backend;
  let src = storages.input(x);
  let temp = null;
  if (!isCContiguous(x.shape, x.strides)) {
    temp = storages.temp(x.dtype, x.shape);
    cp.copy(engine, src, temp);
    src = temp;
  }
  const pending = engine.readBytes(src.buf, src.offset * GPU_ITEMSIZE, n * GPU_ITEMSIZE);
  if (temp) storages.release(temp); // the copy out of it is already submitted
  return fromWords(x.dtype, await pending, n);
}

let active: WebGPUBackend | null = null;
let starting: Promise<WebGPUBackend> | null = null;

/** Finds a WebGPU device (Node: the `webgpu` package; Deno and browsers: navigator.gpu) and
 *  registers the 'webgpu' backend. Safe to call many times; throws with install instructions
 *  when no adapter exists. Resolves to the adapter's description. */
export async function initWebGPU(): Promise<{ adapter: string }> {
  starting ??= (async () => {
    const ctx = await acquireDevice();
    if (!ctx) throw noAdapterError();
    active = createBackend(new Engine(ctx), ctx.adapterName);
    registerBackend(active);
    return active;
  })();
  try {
    return { adapter: (await starting).adapterName };
  } catch (e) {
    starting = null;
    throw e;
  }
}

/** True when a WebGPU device could be initialised (it then is: this calls initWebGPU). */
export async function isWebGPUAvailable(): Promise<boolean> {
  try {
    await initWebGPU();
    return true;
  } catch {
    return false;
  }
}

/** The running backend (after initWebGPU), for kernels outside the Backend interface and tests. */
export function webgpuBackend(): WebGPUBackend {
  if (!active) throw new ValueError("the 'webgpu' device is not initialised: call `await np.initWebGPU()` first");
  return active;
}

/** Counters of the webgpu engine: submits, dispatches, compiled pipelines, pooled buffers. */
export function webgpuStats(): EngineStats {
  return webgpuBackend().engine.stats();
}

/** Waits until the GPU has finished every recorded kernel (for timing; reads wait by themselves). */
export function webgpuSync(): Promise<void> {
  return webgpuBackend().engine.sync();
}
