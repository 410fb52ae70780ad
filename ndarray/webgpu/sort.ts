// sort and argsort along one axis on the GPU (sort.wgsl); cpu/sort.ts is the CPU twin. The lines
// along the axis are turned into sort keys in line-major scratch rows (sortKeys), sorted there by a
// bitonic network, one dispatch per step (sortStep), and written to out with its strides (sortWrite).
// argsort carries each element's original index beside its key and breaks ties with it, which makes
// it stable. Every dispatch covers all the lines at once. Lines of n elements, padded to P = 2^s
// (s = ceil(log2 n)), take 2 + s (s + 1) / 2 dispatches: 2 for n = 1, 3 for n = 2, 57 for n = 1000,
// 212 for n = 1e6.
import sortWgsl from '../../shaders/sort.wgsl';
import type { View } from '../backend.ts';
import { coalesce, shapeSize } from '../shape.ts';
import { type Kernel, kernel } from './engine.ts';
import type { PooledBuffer } from './pool.ts';
import type { KernelContext } from './storage.ts';
import { axisValues } from './uniforms.ts';
import { computeType } from './dtypes.ts';
import { BLOCK, SORT_CODES } from './constants.ts';

const SORT_KEYS = kernel(sortWgsl, 'sortKeys', ['read', 'write', 'write']);
const SORT_STEP = kernel(sortWgsl, 'sortStep', ['write', 'write']);
const SORT_WRITE = kernel(sortWgsl, 'sortWrite', ['read', 'read', 'write']);

/** out = x sorted along `axis`, NaN last (out has x's dtype and may be x itself). */
export function sort(g: KernelContext, x: View, axis: number, out: View): void {
  sortLines(g, 'values', x, axis, out);
}

/** out (int32) = the stable permutation that sorts x along `axis`. */
export function argsort(g: KernelContext, x: View, axis: number, out: View): void {
  sortLines(g, 'indices', x, axis, out);
}

function sortLines(g: KernelContext, result: keyof typeof SORT_CODES, xv: View, axis: number, outv: View): void {
  const x = g.storages.input(xv);
  const out = g.storages.output(outv);
  const len = x.shape[axis];
  const others = x.shape.map((_, i) => i).filter((i) => i !== axis);
  const outer = coalesce(others.map((i) => x.shape[i]), [others.map((i) => x.strides[i]), others.map((i) => out.strides[i])]);
  const lines = shapeSize(outer.shape);
  if (lines === 0 || len === 0) return;
  const s = Math.ceil(Math.log2(len)); // the network's width is P = 2^s
  const pairBits = Math.max(s - 1, 0); // P / 2 pairs per line in every step
  const keys = g.storages.temp('uint32', [lines, len]);
  const idx = g.storages.temp('int32', result === 'indices' ? [lines, len] : [1]); // sort: unused, but bound
  const params = {
    outerShape: axisValues(outer.shape, 1), xStrides: axisValues(outer.strides[0]), outStrides: axisValues(outer.strides[1]),
    xOffset: x.offset, outOffset: out.offset, xStride: x.strides[axis], outStride: out.strides[axis],
    outerRank: outer.shape.length, lines, len, pairBits, k: 0, j: 0,
  };
  const constants = { OP: SORT_CODES[result], CT: computeType(x.dtype) };
  const launch = (k: Kernel, buffers: PooledBuffer[], threads: number, step = { k: 0, j: 0 }): void =>
    g.engine.dispatch({ kernel: k, constants, buffers, params: { ...params, ...step }, workgroups: Math.ceil(threads / BLOCK) });
  launch(SORT_KEYS, [x.buf, keys.buf, idx.buf], lines * len);
  // The network (see sort.wgsl): stages k = 2 ... P, each in steps j = k/2 ... 1.
  for (let k = 2; k <= 2 ** s; k *= 2) {
    for (let j = k / 2; j >= 1; j /= 2) launch(SORT_STEP, [keys.buf, idx.buf], lines * 2 ** pairBits, { k, j });
  }
  launch(SORT_WRITE, [keys.buf, idx.buf, out.buf], lines * len);
  g.storages.release(keys);
  g.storages.release(idx);
}
