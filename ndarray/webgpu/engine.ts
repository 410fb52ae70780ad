// The engine between array operations and the GPU queue: it records, it does not wait.
// Each kernel call becomes one dispatch recorded into a command encoder that stays open; the
// encoder is submitted once, when someone needs the results (a readback) or when a batch limit is
// reached (maxDispatchesPerBatch). Parameters, packed by field name into the shader's uniform struct
// (uniforms.ts), go into one uniform "arena" per batch (256-byte slots, one or two per dispatch)
// written just before the submit. Pipelines are compiled once per (kernel, override constants); a
// freed buffer returns to a pool (pool.ts).
import commonWgsl from '../../shaders/common.wgsl';
import mathWgsl from '../../shaders/math.wgsl';
import trigWgsl from '../../shaders/trig.wgsl';
import type { GpuContext } from './device.ts';
import { BufferPool, type PooledBuffer, type PoolStats } from './pool.ts';
import { packUniforms, parseUniformStruct, type UniformLayout, type UniformValues } from './uniforms.ts';
import { ValueError } from '../errors.ts';

/** 'read' binds `var<storage, read>`, 'write' binds `var<storage, read_write>`. */
export type Access = 'read' | 'write';

/** One entry point of one shader file, the storage bindings it declares (in binding order; the
 *  uniform struct always comes right after them) and the layout of that uniform struct. */
export interface Kernel {
  readonly source: string;
  readonly entry: string;
  readonly bindings: readonly Access[];
  readonly params: UniformLayout;
}

export function kernel(source: string, entry: string, bindings: readonly Access[]): Kernel {
  return { source, entry, bindings, params: uniformLayout(source, `webgpu kernel '${entry}'`) };
}

/** The layout of the struct a shader's `var<uniform>` declarations have (`Params` in the file, or
 *  `Elementwise` from common.wgsl), parsed when the kernel is declared. */
export function uniformLayout(source: string, owner: string): UniformLayout {
  const types = new Set([...source.matchAll(/var<uniform>\s*\w+\s*:\s*(\w+)/g)].map((m) => m[1]));
  if (types.size !== 1) throw new ValueError(`${owner}: expected the shader's var<uniform> declarations to share one struct, found ${[...types].join(', ') || 'none'}`);
  return parseUniformStruct([source, commonWgsl], [...types][0], owner);
}

export interface Dispatch {
  kernel: Kernel;
  /** Values for the shader's `override` constants (dtype codes, op codes, flags). */
  constants?: Record<string, number>;
  /** The storage buffers, in the kernel's binding order. */
  buffers: readonly PooledBuffer[];
  /** The uniform struct's fields by name (see uniforms.ts). */
  params: UniformValues;
  /** How many workgroups: a count (spread over a 2-D or 3-D grid when too big for one dimension). */
  workgroups: number;
}

export interface EngineStats extends PoolStats {
  submits: number;
  dispatches: number;
  /** Copies back to the CPU (each one waits for the GPU). */
  readbacks: number;
  pipelines: number;
}

const SLOT = 256; // bytes of one dispatch's uniforms (minUniformBufferOffsetAlignment is at most 256)
const ARENA = 128 * 1024;

export class Engine {
  readonly device: GPUDevice;
  readonly pool: BufferPool;
  /** The id of the batch being recorded; incremented by each submit. */
  batch = 0;
  /** Largest workgroup count per grid dimension (the WebGPU limit; tests lower it to exercise 2-D grids). */
  maxWorkgroupsPerDimension: number;
  /** A batch is submitted after this many dispatches even without a readback. */
  maxDispatchesPerBatch = 256;

  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private readonly arena: GPUBuffer;
  private readonly arenaData = new Uint8Array(ARENA);
  private arenaUsed = 0;
  private batchDispatches = 0;
  private readonly modules = new Map<string, GPUShaderModule>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly counts = { submits: 0, dispatches: 0, readbacks: 0 };
  private error: Error | null = null;

  constructor(readonly ctx: GpuContext) {
    this.device = ctx.device;
    this.pool = new BufferPool(this.device, ctx.limits.maxStorageBufferBindingSize);
    this.maxWorkgroupsPerDimension = ctx.limits.maxComputeWorkgroupsPerDimension;
    this.arena = this.device.createBuffer({ size: ARENA, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.addEventListener('uncapturederror', (e) => {
      this.error ??= new Error(`webgpu: ${(e as GPUUncapturedErrorEvent).error.message}`);
    });
  }

  // ---- pipelines ----------------------------------------------------------------------------
  private module(source: string): GPUShaderModule {
    let m = this.modules.get(source);
    if (!m) {
      // Every shader file starts from the shared helpers (common.wgsl) and the accurate maths.
      m = this.device.createShaderModule({ code: [commonWgsl, mathWgsl, trigWgsl, source].join('\n') });
      this.modules.set(source, m);
    }
    return m;
  }

  private layout(bindings: readonly Access[]): GPUBindGroupLayout {
    const key = bindings.join(',');
    let l = this.layouts.get(key);
    if (!l) {
      const entries: GPUBindGroupLayoutEntry[] = bindings.map((a, binding) => ({
        binding,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: a === 'read' ? 'read-only-storage' : 'storage' },
      }));
      entries.push({ binding: bindings.length, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } });
      l = this.device.createBindGroupLayout({ entries });
      this.layouts.set(key, l);
    }
    return l;
  }

  private pipeline(k: Kernel, constants: Record<string, number>): GPUComputePipeline {
    const key = `${k.entry}|${JSON.stringify(constants)}|${k.source}`;
    let p = this.pipelines.get(key);
    if (!p) {
      p = this.device.createComputePipeline({
        layout: this.device.createPipelineLayout({ bindGroupLayouts: [this.layout(k.bindings)] }),
        compute: { module: this.module(k.source), entryPoint: k.entry, constants },
      });
      this.pipelines.set(key, p);
    }
    return p;
  }

  // ---- recording ----------------------------------------------------------------------------
  private commandEncoder(): GPUCommandEncoder {
    this.pass?.end();
    this.pass = null;
    this.encoder ??= this.device.createCommandEncoder();
    return this.encoder;
  }

  private computePass(): GPUComputePassEncoder {
    this.pass ??= (this.encoder ??= this.device.createCommandEncoder()).beginComputePass();
    return this.pass;
  }

  /** Marks buffers as used by the batch being recorded (see PooledBuffer.batch). */
  private touch(...bufs: PooledBuffer[]): void {
    for (const b of bufs) b.batch = this.batch;
  }

  /** The [x, y, z] workgroup grid for a count: each dimension stays under the device's limit, and
   *  shaders recover the count as x + gridX * (y + gridY * z) (workgroupIndex in common.wgsl). */
  grid(workgroups: number): [number, number, number] {
    const max = this.maxWorkgroupsPerDimension;
    if (workgroups <= max) return [workgroups, 1, 1];
    const rows = Math.ceil(workgroups / max);
    if (rows <= max) return [Math.ceil(workgroups / rows), rows, 1];
    const z = Math.ceil(rows / max);
    if (z > max) throw new ValueError(`webgpu: ${workgroups} workgroups exceed a ${max}^3 dispatch grid`);
    return [max, Math.ceil(rows / z), z];
  }

  /** Records one kernel dispatch. Read bindings that alias a written buffer are copied first
   *  (WebGPU forbids binding one buffer as both), which also gives in-place ops NumPy's semantics. */
  dispatch(d: Dispatch): void {
    if (d.workgroups === 0) return;
    const bytes = packUniforms(d.kernel.params, d.params);
    const slot = Math.ceil(bytes.length / SLOT) * SLOT;
    if (this.arenaUsed + slot > ARENA || this.batchDispatches >= this.maxDispatchesPerBatch) this.flush();
    const written = d.buffers.filter((_, i) => d.kernel.bindings[i] === 'write');
    const temps: PooledBuffer[] = [];
    const buffers = d.buffers.map((b, i) => {
      if (d.kernel.bindings[i] !== 'read' || !written.includes(b)) return b;
      const t = this.pool.acquire(b.bytes);
      this.copy(b, 0, t, 0, b.bytes);
      temps.push(t);
      return t;
    });
    const offset = this.arenaUsed;
    this.arenaData.set(bytes, offset);
    this.arenaUsed += slot;
    const pipeline = this.pipeline(d.kernel, d.constants ?? {});
    const entries: GPUBindGroupEntry[] = buffers.map((b, binding) => ({ binding, resource: { buffer: b.buffer } }));
    entries.push({ binding: buffers.length, resource: { buffer: this.arena, offset, size: slot } });
    const pass = this.computePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, this.device.createBindGroup({ layout: this.layout(d.kernel.bindings), entries }));
    pass.dispatchWorkgroups(...this.grid(d.workgroups));
    this.touch(...buffers);
    for (const t of temps) this.pool.release(t);
    this.batchDispatches++;
    this.counts.dispatches++;
  }

  /** Records a buffer-to-buffer copy (byte offsets and size multiples of 4). */
  copy(src: PooledBuffer, srcOffset: number, dst: PooledBuffer, dstOffset: number, size: number): void {
    if (size === 0) return;
    this.commandEncoder().copyBufferToBuffer(src.buffer, srcOffset, dst.buffer, dstOffset, size);
    this.touch(src, dst);
  }

  /** Records zero-filling a byte range. */
  clear(b: PooledBuffer, offset = 0, size = b.bytes): void {
    if (size === 0) return;
    this.commandEncoder().clearBuffer(b.buffer, offset, size);
    this.touch(b);
  }

  /** Uploads bytes from the CPU into a buffer no pending command uses (see BufferPool). */
  upload(data: Uint32Array): PooledBuffer {
    const b = this.pool.acquire(data.byteLength, this.batch);
    if (data.byteLength > 0) this.device.queue.writeBuffer(b.buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return b;
  }

  /** Submits everything recorded so far (one queue submit). */
  flush(): void {
    if (!this.encoder) return;
    if (this.arenaUsed > 0) this.device.queue.writeBuffer(this.arena, 0, this.arenaData.buffer, 0, this.arenaUsed);
    this.pass?.end();
    this.device.queue.submit([this.encoder.finish()]);
    this.encoder = null;
    this.pass = null;
    this.arenaUsed = 0;
    this.batchDispatches = 0;
    this.batch++;
    this.counts.submits++;
    this.pool.afterSubmit();
  }

  /** Copies bytes of a buffer back to the CPU: records the copy, submits, waits for the mapping. */
  async readBytes(src: PooledBuffer, byteOffset: number, byteLength: number): Promise<ArrayBuffer> {
    const size = Math.max(4, byteLength);
    const staging = this.device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.counts.readbacks++;
    this.copy(src, byteOffset, { buffer: staging, bytes: size, batch: this.batch }, 0, byteLength);
    this.flush();
    try {
      await staging.mapAsync(GPUMapMode.READ);
      this.throwPendingError();
      return staging.getMappedRange(0, size).slice(0, byteLength);
    } finally {
      staging.destroy();
    }
  }

  /** Submits and waits until the GPU has finished all submitted work (for benchmarks). */
  async sync(): Promise<void> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
    this.throwPendingError();
  }

  /** Rethrows the first WebGPU validation/out-of-memory error seen since the last check. */
  throwPendingError(): void {
    const e = this.error;
    this.error = null;
    if (e) throw e;
  }

  stats(): EngineStats {
    return { ...this.pool.snapshot(), ...this.counts, pipelines: this.pipelines.size };
  }
}
