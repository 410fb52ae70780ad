// Walking strided views on the GPU, one thread per element: how fill, copy, the ufuncs and gather
// launch (cpu/strided.ts is the same walk on the CPU). The host merges axes that are contiguous in
// every operand (`coalesce`, shape.ts: a contiguous 2048x2048 add becomes one axis of 4M), packs
// shape, strides and offsets into the `Elementwise` uniforms of shaders/common.wgsl, and launches a
// workgroup per BLOCK of 4096 elements (WG = 256 threads x 16). Broadcast inputs simply carry
// stride 0, so nothing is materialised; dtypes are `override` constants, so each dtype combination
// is its own compiled pipeline while shapes never are.
import { type Shape, coalesce, shapeSize } from '../shape.ts';
import type { Engine, Kernel } from './engine.ts';
import type { GpuView } from './storage.ts';
import type { PooledBuffer } from './pool.ts';
import { MAX_RANK, f32Bits, type UniformValues } from './uniforms.ts';
import { ValueError } from '../errors.ts';
import { BLOCK } from './constants.ts';

/** The `Elementwise` uniforms (common.wgsl) for walking `views` (all of `shape`) together in C
 *  order, and the number of merged axes (the RANK pipeline constant). */
export function elementwiseParams(shape: Shape, views: readonly GpuView[], scalars: { word?: number; scalar?: number } = {}): { params: UniformValues; rank: number } {
  const c = coalesce(shape, views.map((v) => v.strides));
  if (c.shape.length > MAX_RANK) throw new ValueError(`webgpu kernels handle at most ${MAX_RANK} axes after merging contiguous ones, got ${c.shape.length}`);
  const perAxis = (f: (d: number) => number[]): number[] => Array.from({ length: MAX_RANK }, (_, d) => f(d)).flat();
  const len = (d: number): number => c.shape[d] ?? 1;
  const params = {
    axes: perAxis((d) => [len(d), f32Bits(1 / len(d)), 0, 0]),
    strides: perAxis((d) => [0, 1, 2, 3].map((k) => c.strides[k]?.[d] ?? 0)),
    offsets: [0, 1, 2, 3].map((k) => views[k]?.offset ?? 0),
    n: shapeSize(shape),
    word: scalars.word ?? 0,
    scalar: scalars.scalar ?? 0,
  };
  return { params, rank: Math.max(1, c.shape.length) };
}

export interface LaunchOptions {
  /** Values of the kernel's override constants. */
  constants?: Record<string, number>;
  scalars?: { word?: number; scalar?: number };
  /** The buffers in binding order, when they are not just the views' buffers. */
  buffers?: readonly PooledBuffer[];
}

/** Launches a one-thread-per-element kernel walking `views` over `shape`. */
export function launchElementwise(e: Engine, k: Kernel, shape: Shape, views: readonly GpuView[], options: LaunchOptions = {}): void {
  const n = shapeSize(shape);
  if (n === 0) return;
  const { params, rank } = elementwiseParams(shape, views, options.scalars);
  e.dispatch({
    kernel: k,
    constants: { ...options.constants, RANK: rank },
    buffers: options.buffers ?? views.map((v) => v.buf),
    params,
    workgroups: Math.ceil(n / BLOCK),
  });
}
