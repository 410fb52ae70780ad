// Gather and scatter on the GPU (gather.wgsl, scatter.wgsl): the indexing layer turns every
// fancy index into int32 buffer positions, so these kernels only move words (casting on the way).
// A scatter with repeated positions must keep the last value, as NumPy's sequential loop does;
// threads have no order, so a first pass lets each position's last writer claim it with atomicMax.
import gatherWgsl from '../../shaders/gather.wgsl';
import scatterWgsl from '../../shaders/scatter.wgsl';
import type { View } from '../backend.ts';
import { kernel } from './engine.ts';
import type { KernelContext } from './storage.ts';
import { launchElementwise } from './strided.ts';
import { dtCode, GPU_ITEMSIZE } from './dtypes.ts';

const GATHER = kernel(gatherWgsl, 'main', ['read', 'read', 'write']);
const SCATTER_CLAIM = kernel(scatterWgsl, 'scatterClaim', ['read', 'write']);
const SCATTER_WRITE = kernel(scatterWgsl, 'scatterWrite', ['read', 'read', 'read', 'write']);
const SCATTER_ADD = kernel(scatterWgsl, 'scatterAdd', ['read', 'read', 'write']);

export function gather(g: KernelContext, xv: View, positionsv: View, outv: View): void {
  const [x, positions, out] = [g.storages.input(xv), g.storages.input(positionsv), g.storages.output(outv)];
  launchElementwise(g.engine, GATHER, out.shape, [positions, out], {
    constants: { X_DT: dtCode(x.dtype), OUT_DT: dtCode(out.dtype) },
    buffers: [x.buf, positions.buf, out.buf],
  });
}

export function scatter(g: KernelContext, outv: View, positionsv: View, valuesv: View): void {
  const [positions, values] = [g.storages.input(positionsv), g.storages.input(valuesv)];
  const out = g.storages.input(outv); // only some elements are written: the rest must be real
  const winner = g.storages.temp('uint32', [outv.storage.size]);
  g.engine.clear(winner.buf, 0, outv.storage.size * GPU_ITEMSIZE);
  const views = [positions, values];
  launchElementwise(g.engine, SCATTER_CLAIM, positions.shape, views, { buffers: [positions.buf, winner.buf] });
  launchElementwise(g.engine, SCATTER_WRITE, positions.shape, views, {
    constants: { V_DT: dtCode(values.dtype), OUT_DT: dtCode(out.dtype) },
    buffers: [positions.buf, values.buf, winner.buf, out.buf],
  });
  g.storages.release(winner);
}

/** out's buffer at positions[i] += values[i] (float32): threads add with a compare-and-swap loop on
 *  the word, so repeats all count; the order of the additions is not fixed (float32 rounding). */
export function scatterAdd(g: KernelContext, outv: View, positionsv: View, valuesv: View): void {
  const [positions, values] = [g.storages.input(positionsv), g.storages.input(valuesv)];
  const out = g.storages.input(outv);
  launchElementwise(g.engine, SCATTER_ADD, positions.shape, [positions, values], {
    buffers: [positions.buf, values.buf, out.buf],
  });
}
