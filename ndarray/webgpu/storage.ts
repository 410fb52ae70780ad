// GPU storages: an array's buffer on the device, and the views kernels bind.
// A new storage must read as zeros, but most are written whole by the kernel that made them, so
// the zero fill is lazy: `zeroPending` stays set until the first use, and becomes a `clearBuffer`
// only when that use reads the buffer or writes part of it. Storages nobody disposed are caught
// by a FinalizationRegistry when garbage-collected and their buffers go back to the pool.
import type { Backend, Storage, View } from '../backend.ts';
import type { DType } from '../dtype.ts';
import { type Shape, cStrides, shapeSize } from '../shape.ts';
import type { Engine } from './engine.ts';
import type { PooledBuffer } from './pool.ts';
import { GPU_ITEMSIZE } from './dtypes.ts';

export interface GpuStorage extends Storage {
  /** The buffer, or null once freed. */
  buf: PooledBuffer | null;
  zeroPending: boolean;
}

/** What a kernel binds: a buffer, and how to walk it (strides and offset in elements). */
export interface GpuView {
  readonly buf: PooledBuffer;
  readonly dtype: DType;
  readonly shape: Shape;
  readonly strides: Shape;
  readonly offset: number;
}

/** What a kernel launcher needs of the backend: the engine that records dispatches and the
 *  storages that turn views into buffers to bind. The webgpu backend is one; a test can fake one. */
export interface KernelContext {
  readonly engine: Engine;
  readonly storages: Storages;
}

export class Storages {
  /** Frees buffers of storages that were garbage-collected without dispose(). */
  private readonly registry = new FinalizationRegistry<PooledBuffer>((b) => this.engine.pool.release(b));

  constructor(private readonly engine: Engine, private readonly backend: Backend) {}

  /** A storage of `size` elements that reads as zeros. */
  alloc(dtype: DType, size: number): GpuStorage {
    return this.track({ backend: this.backend, dtype, size, refs: 0, buf: this.engine.pool.acquire(size * GPU_ITEMSIZE), zeroPending: true });
  }

  /** A storage holding these words (uploaded before any command recorded later runs). */
  upload(dtype: DType, words: Uint32Array): GpuStorage {
    return this.track({ backend: this.backend, dtype, size: words.length, refs: 0, buf: this.engine.upload(words), zeroPending: false });
  }

  free(s: GpuStorage): void {
    if (!s.buf) return;
    this.registry.unregister(s);
    this.engine.pool.release(s.buf);
    s.buf = null;
  }

  private track(s: GpuStorage): GpuStorage {
    this.registry.register(s, s.buf!, s);
    return s;
  }

  /** A view whose kernel reads it. */
  input(v: View): GpuView {
    const s = v.storage as GpuStorage;
    if (s.zeroPending) this.zero(s);
    return this.asGpuView(v);
  }

  /** A view a kernel writes completely (a partial write keeps the rest of the storage zero). */
  output(v: View): GpuView {
    const s = v.storage as GpuStorage;
    if (s.zeroPending) {
      if (shapeSize(v.shape) >= s.size) s.zeroPending = false;
      else this.zero(s);
    }
    return this.asGpuView(v);
  }

  private zero(s: GpuStorage): void {
    this.engine.clear(bufferOf(s), 0, Math.ceil((s.size * GPU_ITEMSIZE) / 4) * 4);
    s.zeroPending = false;
  }

  private asGpuView(v: View): GpuView {
    return { buf: bufferOf(v.storage as GpuStorage), dtype: v.dtype, shape: v.shape, strides: v.strides, offset: v.offset };
  }

  /** A C-contiguous scratch view from the pool; give it back with `release`. */
  temp(dtype: DType, shape: Shape): GpuView {
    return { buf: this.engine.pool.acquire(shapeSize(shape) * GPU_ITEMSIZE), dtype, shape, strides: cStrides(shape), offset: 0 };
  }

  release(v: GpuView): void {
    this.engine.pool.release(v.buf);
  }
}

function bufferOf(s: GpuStorage): PooledBuffer {
  if (!s.buf) throw new Error('webgpu: this buffer was freed');
  return s.buf;
}
