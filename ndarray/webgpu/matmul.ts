// Matrix products on the GPU: batched a (..., M, K) @ b (..., K, N) -> out (..., M, N).
// The kernels compute in float32 (other dtypes are cast on the way in and out, exact for integers
// below 2^24). Shapes pick the kernel: a single row or column goes to gemv.wgsl (any strides);
// everything else to the register-tiled matmul.wgsl, which wants unit strides along rows (a
// transposed operand is first copied to C order: O(n^2) work before an O(n^3) product) and takes
// its vec4 path when rows, offsets and strides are multiples of 4.
import matmulWgsl from '../../shaders/matmul.wgsl';
import gemvWgsl from '../../shaders/gemv.wgsl';
import type { View } from '../backend.ts';
import { ValueError } from '../errors.ts';
import { coalesce, shapeSize } from '../shape.ts';
import { kernel } from './engine.ts';
import * as cp from './copy.ts';
import type { GpuView, KernelContext } from './storage.ts';
import { axisValues } from './uniforms.ts';
import { ACTIVATIONS, TILE, WG, type Activation } from './constants.ts';

/** Below this many dot products, long ones are split over a workgroup. */
const FEW_DOTS = 1024;

const MATMUL_BINDINGS = ['read', 'read', 'write', 'read'] as const;
const MATMUL_VEC4 = kernel(matmulWgsl, 'matmulVec4', MATMUL_BINDINGS);
const MATMUL_SCALAR = kernel(matmulWgsl, 'matmulScalar', MATMUL_BINDINGS);
const GEMV_LINES = kernel(gemvWgsl, 'gemvLines', ['read', 'read', 'write']);
const GEMV_TREE = kernel(gemvWgsl, 'gemvTree', ['read', 'read', 'write']);

export interface Epilogue {
  /** A float32 vector of length N added to every row. */
  bias: GpuView | null;
  activation: Activation;
}

/** Runs `fn` with float32 versions of the operands and a float32 output, casting and copying
 *  through scratch buffers where needed; `rowMajor` also asks for unit strides along rows. */
function withFloat32(
  g: KernelContext, views: readonly GpuView[], out: GpuView, rowMajor: boolean,
  fn: (inputs: GpuView[], out: GpuView) => void,
): void {
  const temps: GpuView[] = [];
  const prepare = (v: GpuView): GpuView => {
    const ok = v.dtype === 'float32' && (!rowMajor || v.strides[v.strides.length - 1] === 1 || v.shape[v.shape.length - 1] === 1);
    if (ok) return v;
    const t = g.storages.temp('float32', v.shape);
    temps.push(t);
    return t;
  };
  const inputs = views.map((v) => {
    const t = prepare(v);
    if (t !== v) cp.copy(g.engine, v, t);
    return t;
  });
  const o = prepare(out);
  fn(inputs, o);
  if (o !== out) cp.copy(g.engine, o, out);
  temps.forEach((t) => g.storages.release(t));
}

/** The batch axes (all but the last two) of several same-rank views, merged where contiguous. */
function batchAxes(views: readonly GpuView[]): { shape: number[]; strides: number[][]; count: number } {
  const rank = views[0].shape.length - 2;
  const c = coalesce(views[0].shape.slice(0, rank), views.map((v) => v.strides.slice(0, rank)));
  return { ...c, count: shapeSize(c.shape) };
}

/** Views of lower rank get leading length-1 axes, so a, b and out all have out's rank. */
function toRank(v: GpuView, rank: number): GpuView {
  const pad = rank - v.shape.length;
  return pad <= 0 ? v : { ...v, shape: [...new Array<number>(pad).fill(1), ...v.shape], strides: [...new Array<number>(pad).fill(0), ...v.strides] };
}

export function matmul(g: KernelContext, av: View, bv: View, outv: View): void {
  const out = g.storages.output(outv);
  const a = toRank(g.storages.input(av), out.shape.length);
  const b = toRank(g.storages.input(bv), out.shape.length);
  const [M, K, N] = [a.shape[a.shape.length - 2], a.shape[a.shape.length - 1], b.shape[b.shape.length - 1]];
  if (shapeSize(out.shape) === 0) return;
  if (K === 0) {
    cp.fill(g.engine, out, 0);
    return;
  }
  if (M === 1 || N === 1) {
    withFloat32(g, [a, b], out, false, ([af, bf], o) => gemv(g, af, bf, o, M === 1));
    return;
  }
  withFloat32(g, [a, b], out, true, ([af, bf], o) => tiled(g, af, bf, o, { bias: null, activation: 'linear' }));
}

/** out = act(a @ b + bias) in one dispatch (a dense layer's forward pass). */
export function matmulEpilogue(g: KernelContext, a: GpuView, b: GpuView, out: GpuView, epilogue: Epilogue): void {
  withFloat32(g, [a, b], out, true, ([af, bf], o) => tiled(g, af, bf, o, epilogue));
}

function tiled(g: KernelContext, a: GpuView, b: GpuView, out: GpuView, epilogue: Epilogue): void {
  const r = out.shape.length;
  const [M, K, N] = [a.shape[r - 2], a.shape[r - 1], b.shape[r - 1]];
  const batch = batchAxes([a, b, out]);
  const ld = [a.strides[r - 2], b.strides[r - 2], out.strides[r - 2]];
  const offsets = [a.offset, b.offset, out.offset];
  const aligned = [K, N, ...ld, ...offsets, ...batch.strides.flat()].every((x) => x % 4 === 0);
  const unit = aligned ? 4 : 1; // the vec4 kernel counts in vec4s
  const [tilesM, tilesN] = [Math.ceil(M / TILE), Math.ceil(N / TILE)];
  const bias = epilogue.bias;
  if (bias && (bias.dtype !== 'float32' || shapeSize(bias.shape) !== N || (N > 1 && bias.strides[bias.strides.length - 1] !== 1))) {
    throw new ValueError(`fused bias must be a contiguous float32 vector of length ${N}, got shape (${bias.shape.join(', ')}) ${bias.dtype}`);
  }
  const [sa, sb, sc] = batch.strides.map((s) => axisValues(s.map((x) => x / unit)));
  const [offsetA, offsetB, offsetOut] = offsets.map((o) => o / unit);
  const [lda, ldb, ldc] = ld.map((x) => x / unit);
  g.engine.dispatch({
    kernel: aligned ? MATMUL_VEC4 : MATMUL_SCALAR,
    constants: { HAS_BIAS: bias ? 1 : 0, ACT: ACTIVATIONS.indexOf(epilogue.activation) },
    buffers: [a.buf, b.buf, out.buf, (bias ?? out).buf],
    params: {
      batchShape: axisValues(batch.shape, 1), batchStridesA: sa, batchStridesB: sb, batchStridesOut: sc,
      offsetA, offsetB, offsetOut, batchRank: batch.shape.length, M, N, K, lda, ldb, ldc,
      tilesM, tilesN, batches: batch.count, biasOffset: bias?.offset ?? 0,
    },
    workgroups: tilesM * tilesN * batch.count,
  });
}

/** out[i] = sum_k m[i, k] v[k]: m = a and v = b's column when N = 1; m = b transposed and
 *  v = a's row when M = 1 (`rowTimesMatrix`). */
function gemv(g: KernelContext, a: GpuView, b: GpuView, out: GpuView, rowTimesMatrix: boolean): void {
  const r = out.shape.length;
  const [m, v] = rowTimesMatrix ? [b, a] : [a, b];
  const rows = rowTimesMatrix ? b.shape[r - 1] : a.shape[r - 2];
  const K = a.shape[r - 1];
  const strideRow = rowTimesMatrix ? b.strides[r - 1] : a.strides[r - 2];
  const strideK = rowTimesMatrix ? b.strides[r - 2] : a.strides[r - 1];
  const strideV = rowTimesMatrix ? a.strides[r - 1] : b.strides[r - 2];
  const strideOut = rowTimesMatrix ? out.strides[r - 1] : out.strides[r - 2];
  const batch = batchAxes([m, v, out]);
  const [sm, sv, so] = batch.strides.map((s) => axisValues(s));
  const params = {
    batchShape: axisValues(batch.shape, 1), batchStridesM: sm, batchStridesV: sv, batchStridesOut: so,
    offsetM: m.offset, offsetV: v.offset, offsetOut: out.offset, batchRank: batch.shape.length,
    rows, K, batches: batch.count, strideRow, strideK, strideV, strideOut,
  };
  const dots = rows * batch.count;
  const tree = dots < FEW_DOTS && K > WG;
  g.engine.dispatch({
    kernel: tree ? GEMV_TREE : GEMV_LINES,
    buffers: [m.buf, v.buf, out.buf],
    params,
    workgroups: tree ? dots : Math.ceil(dots / WG),
  });
}
