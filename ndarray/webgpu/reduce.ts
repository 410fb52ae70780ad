// Reductions, arg-reductions and scans on the GPU (reduce.wgsl, argreduce.wgsl, scan.wgsl).
// Every one starts the same way: split x's axes into the kept ("outer") ones, which index the
// outputs, and the reduced ("inner") ones, merging contiguous axes in each group; then pick a
// strategy by shape: a thread per output when there are many outputs or short lines, a workgroup
// per line (or per chunk of a line, plus a second pass) when a few long lines must share the work.
import reduceWgsl from '../../shaders/reduce.wgsl';
import argreduceWgsl from '../../shaders/argreduce.wgsl';
import scanWgsl from '../../shaders/scan.wgsl';
import type { ArgReduceOp, ReduceOp, ScanOp, View } from '../backend.ts';
import type { DType } from '../dtype.ts';
import { cStrides, coalesce, shapeSize } from '../shape.ts';
import { kernel } from './engine.ts';
import type { GpuView, KernelContext } from './storage.ts';
import { axisValues } from './uniforms.ts';
import { CT, type ComputeType, computeType, dtCode } from './dtypes.ts';
import { ARG_REDUCE_CODES, REDUCE_CODES, SCAN_CODES, WG } from './constants.ts';

/** Below this many outputs, long lines are shared by a workgroup instead of one thread. */
const MANY_OUTPUTS = 1024;
/** Elements one workgroup folds in reduceTree before the line is split into chunks. */
const TREE_SPAN = WG * 64;
/** Lines at most this long always run one thread per line: a workgroup per short line leaves most of
 *  its threads idle, and on a software rasterizer (lavapipe) a column sum of (128, 256) took 12.8 ms that
 *  way against 0.14 ms with a thread per line. */
const SHORT_LINE = 1024;
/** Elements per chunk when few long lines are scanned. */
const SCAN_CHUNK = 1024;

const REDUCE_LINES = kernel(reduceWgsl, 'reduceLines', ['read', 'write']);
const REDUCE_TREE = kernel(reduceWgsl, 'reduceTree', ['read', 'write']);
const ARG_LINES = kernel(argreduceWgsl, 'argLines', ['read', 'write']);
const ARG_TREE = kernel(argreduceWgsl, 'argTree', ['read', 'write']);
const SCAN_TOTALS = kernel(scanWgsl, 'scanTotals', ['read', 'write', 'write']);
const SCAN_PREFIX = kernel(scanWgsl, 'scanPrefix', ['read', 'write', 'write']);
const SCAN_LINES = kernel(scanWgsl, 'scanLines', ['read', 'write', 'write']);

/** The dtype whose words are a compute type's bits (partial results between passes). */
const NATURAL: Record<ComputeType, DType> = { [CT.f32]: 'float32', [CT.i32]: 'int32', [CT.u32]: 'uint32' };

/** x's kept axes (merged, with out's strides beside x's) and its axes in `axes` (merged). */
function splitAxes(x: GpuView, axes: readonly number[], out: GpuView) {
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const outer = coalesce(kept.map((i) => x.shape[i]), [kept.map((i) => x.strides[i]), out.strides]);
  const inner = coalesce(axes.map((i) => x.shape[i]), [axes.map((i) => x.strides[i])]);
  return { outer, inner, nOuter: shapeSize(outer.shape), nInner: shapeSize(inner.shape) };
}

export function reduce(g: KernelContext, op: ReduceOp, x: View, axes: readonly number[], out: View): void {
  const ct = op === 'all' || op === 'any' ? CT.u32 : computeType(out.dtype);
  reduceViews(g, op, ct, g.storages.input(x), axes, g.storages.output(out));
}

function reduceViews(g: KernelContext, op: ReduceOp, ct: ComputeType, x: GpuView, axes: readonly number[], out: GpuView): void {
  const { outer, inner, nOuter, nInner } = splitAxes(x, axes, out);
  if (nOuter === 0) return;
  const tree = nOuter < MANY_OUTPUTS && nInner > SHORT_LINE;
  const chunks = tree ? Math.ceil(nInner / TREE_SPAN) : 1;
  const scratch = chunks > 1 ? g.storages.temp(NATURAL[ct], [nOuter, chunks]) : null;
  const params = {
    outerShape: axisValues(outer.shape, 1), outerStrides: axisValues(outer.strides[0]), outStrides: axisValues(outer.strides[1]),
    innerShape: axisValues(inner.shape, 1), innerStrides: axisValues(inner.strides[0]),
    offset: x.offset, outOffset: out.offset, outer: nOuter, inner: nInner,
    outerRank: outer.shape.length, innerRank: inner.shape.length, chunks, chunkLen: Math.ceil(nInner / chunks),
  };
  g.engine.dispatch({
    kernel: tree ? REDUCE_TREE : REDUCE_LINES,
    constants: { OP: REDUCE_CODES[op], CT: ct, X_DT: dtCode(x.dtype), OUT_DT: dtCode(out.dtype) },
    buffers: [x.buf, (scratch ?? out).buf],
    params,
    workgroups: tree ? nOuter * chunks : Math.ceil(nOuter / WG),
  });
  if (!scratch) return;
  // Second pass: the `chunks` partial results of each output (the last axis) reduced the same way.
  const shape = [...out.shape, chunks];
  reduceViews(g, op, ct, { ...scratch, shape, strides: cStrides(shape) }, [out.shape.length], out);
  g.storages.release(scratch);
}

export function argReduce(g: KernelContext, op: ArgReduceOp, xv: View, axis: number, outv: View): void {
  const x = g.storages.input(xv);
  const out = g.storages.output(outv);
  const { outer, nOuter } = splitAxes(x, [axis], out);
  const len = x.shape[axis];
  if (nOuter === 0 || len === 0) return;
  const tree = nOuter < MANY_OUTPUTS && len > WG;
  g.engine.dispatch({
    kernel: tree ? ARG_TREE : ARG_LINES,
    constants: { OP: ARG_REDUCE_CODES[op], CT: computeType(x.dtype), X_DT: dtCode(x.dtype) },
    buffers: [x.buf, out.buf],
    params: {
      outerShape: axisValues(outer.shape, 1), outerStrides: axisValues(outer.strides[0]), outStrides: axisValues(outer.strides[1]),
      offset: x.offset, outOffset: out.offset, outer: nOuter, len, stride: x.strides[axis], outerRank: outer.shape.length,
    },
    workgroups: tree ? nOuter : Math.ceil(nOuter / WG),
  });
}

export function scan(g: KernelContext, op: ScanOp, xv: View, axis: number, outv: View): void {
  const x = g.storages.input(xv);
  const out = g.storages.output(outv);
  const others = x.shape.map((_, i) => i).filter((i) => i !== axis);
  const outer = coalesce(others.map((i) => x.shape[i]), [others.map((i) => x.strides[i]), others.map((i) => out.strides[i])]);
  const lines = shapeSize(outer.shape);
  const len = x.shape[axis];
  if (lines === 0 || len === 0) return;
  const ct = computeType(out.dtype);
  const chunks = lines < MANY_OUTPUTS ? Math.max(1, Math.ceil(len / SCAN_CHUNK)) : 1;
  const totals = g.storages.temp(NATURAL[ct], [lines * chunks]);
  const params = {
    outerShape: axisValues(outer.shape, 1), outerStrides: axisValues(outer.strides[0]), outStrides: axisValues(outer.strides[1]),
    offset: x.offset, outOffset: out.offset, stride: x.strides[axis], outStride: out.strides[axis],
    lines, len, outerRank: outer.shape.length, chunks, chunkLen: Math.ceil(len / chunks),
  };
  const run = (k: typeof SCAN_LINES, threads: number): void => g.engine.dispatch({
    kernel: k,
    constants: { OP: SCAN_CODES[op], CT: ct, X_DT: dtCode(x.dtype), OUT_DT: dtCode(out.dtype) },
    buffers: [x.buf, out.buf, totals.buf],
    params,
    workgroups: Math.ceil(threads / WG),
  });
  if (chunks > 1) {
    run(SCAN_TOTALS, lines * chunks);
    run(SCAN_PREFIX, lines);
  }
  run(SCAN_LINES, lines * chunks);
  g.storages.release(totals);
}
