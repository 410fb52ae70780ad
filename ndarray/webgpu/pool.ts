// A pool of GPU buffers sorted by size class, because creating and destroying buffers is slow.
// A request is rounded up to its class (powers of two, and 1.5x between them: at most 33% waste),
// and a freed buffer waits in its class for the next request of that class. Each buffer remembers
// the last batch of commands that used it: a buffer still referenced by commands not yet submitted
// may be reused by later commands (they run in order), but not overwritten from the CPU with
// `queue.writeBuffer`, which would run before those commands. The pool keeps at most `maxBytes`.

export interface PooledBuffer {
  readonly buffer: GPUBuffer;
  readonly bytes: number;
  /** The batch of commands that last used this buffer (see Engine.batch). */
  batch: number;
}

const MIN_BYTES = 256;

/** The size class of a request: 256, 384, 512, 768, 1024, 1536 ... bytes, capped at `max`. */
export function sizeClass(bytes: number, max: number): number {
  if (bytes <= MIN_BYTES) return MIN_BYTES;
  const pow = 2 ** Math.ceil(Math.log2(bytes));
  const size = bytes <= pow * 0.75 ? pow * 0.75 : pow;
  return Math.min(size, Math.max(max, bytes));
}

export interface PoolStats {
  /** Buffers waiting in the pool, and their bytes. */
  pooledBuffers: number;
  pooledBytes: number;
  /** Buffers created since the start. */
  created: number;
  /** Requests served from the pool. */
  reused: number;
}

export class BufferPool {
  private readonly free = new Map<number, PooledBuffer[]>();
  private retired: GPUBuffer[] = [];
  private readonly stats = { pooledBuffers: 0, pooledBytes: 0, created: 0, reused: 0 };

  constructor(
    private readonly device: GPUDevice,
    private readonly maxBindingBytes: number,
    readonly maxBytes = 512 * 2 ** 20,
  ) {}

  /** A buffer of at least `bytes`; `cleanBefore` asks for one unused since that batch began. */
  acquire(bytes: number, cleanBefore = Infinity): PooledBuffer {
    const size = sizeClass(bytes, this.maxBindingBytes);
    const list = this.free.get(size);
    const at = list ? list.findIndex((b) => b.batch < cleanBefore) : -1;
    if (list && at >= 0) {
      const [b] = list.splice(at, 1);
      this.stats.pooledBuffers--;
      this.stats.pooledBytes -= size;
      this.stats.reused++;
      return b;
    }
    this.stats.created++;
    const buffer = this.device.createBuffer({
      size,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    return { buffer, bytes: size, batch: -1 };
  }

  /** Returns a buffer for reuse (destroyed after the next submit instead when the pool is full:
   *  commands recorded but not yet submitted may still use it). */
  release(b: PooledBuffer): void {
    if (this.stats.pooledBytes + b.bytes > this.maxBytes) {
      this.retired.push(b.buffer);
      return;
    }
    const list = this.free.get(b.bytes) ?? [];
    list.push(b);
    this.free.set(b.bytes, list);
    this.stats.pooledBuffers++;
    this.stats.pooledBytes += b.bytes;
  }

  /** Called after each submit: destroys the retired buffers (WebGPU waits for submitted work). */
  afterSubmit(): void {
    for (const b of this.retired) b.destroy();
    this.retired = [];
  }

  /** Destroys every pooled buffer (memory goes back to the driver); call right after a submit. */
  drain(): void {
    for (const list of this.free.values()) for (const b of list) b.buffer.destroy();
    this.free.clear();
    this.afterSubmit();
    this.stats.pooledBuffers = 0;
    this.stats.pooledBytes = 0;
  }

  snapshot(): PoolStats {
    return { ...this.stats };
  }
}
