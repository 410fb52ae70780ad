// CPU reductions (sum, prod, min, max, all, any) over any set of axes of a strided view.
// The one idea: give the output stride 0 along the reduced axes, so that x and out walk the same
// index space; order the axes by x's strides so memory is read in order; then each row either
// folds into one output element (the row runs along a reduced axis: a tight loop, pairwise for sums)
// or updates a row of outputs (the row runs along a kept axis: out[j] = op(out[j], x[i, j])).
// Arithmetic happens in out's dtype: float32 sums round like NumPy's, int32 sums wrap.
// With the Wasm kernels on, float sums try wasm/reduce.ts first (same order, same bits); the loops
// here stay the reference and handle every row it leaves.
import type { View, ReduceOp } from '../backend.ts';
import type { DType, TypedArray } from '../dtype.ts';
import { shapeSize } from '../shape.ts';
import { dataOf } from './storage.ts';
import { fillKernel } from './copy.ts';
import { forEachRow } from './strided.ts';
import { CHUNK, pairwiseSum, pairwiseSum32 } from './pairwise.ts';
import { intRange, wrapFor, type Layout } from './layout.ts';
import { simdReduce } from './wasm/reduce.ts';
import { CROSSOVER } from './wasm/elementwise.ts';

export { argReduceKernel } from './argreduce.ts';
export { scanKernel } from './scan.ts';

/** The value an empty reduction gives, which is also where every reduction starts. */
function identity(op: ReduceOp, dtype: DType): number {
  switch (op) {
    case 'sum': case 'any': return 0;
    case 'prod': case 'all': return 1;
    case 'min': return dtype === 'float32' || dtype === 'float64' ? Infinity : intRange(dtype)[1];
    case 'max': return dtype === 'float32' || dtype === 'float64' ? -Infinity : intRange(dtype)[0];
  }
}

export function reduceKernel(op: ReduceOp, x: View, axes: readonly number[], out: View): void {
  fillKernel(out, identity(op, out.dtype));
  if (shapeSize(x.shape) === 0) return;
  const { shape, xLayout, outLayout } = reduceLayout(x, axes, out);
  const src = dataOf(x);
  const dst = dataOf(out);
  const wrap = wrapFor(out.dtype);
  const f32 = out.dtype === 'float32';
  const intProd = op === 'prod' && out.dtype !== 'float32' && out.dtype !== 'float64';
  if (manyShortRows(shape, xLayout, outLayout)) {
    // A sum over axis 0 of a narrow matrix: each contiguous row of x into the one row of out, in
    // one loop, without the per-row dispatch (the Wasm kernels leave rows this short to this loop).
    const [rows, n] = shape, o = outLayout.offset;
    for (let r = 0, i = xLayout.offset; r < rows; r++, i += xLayout.strides[0]) accumulateRow(op, src, i, 1, dst, o, 1, n, intProd);
    return;
  }
  const simd = simdReduce(op, x, out);
  forEachRow(shape, [xLayout, outLayout], (pos, len, inner) => {
    if (inner[1] === 0) {
      dst[pos[1]] = simd?.fold(src, pos[0], len, inner[0], dst[pos[1]]) ?? foldRow(op, src, pos[0], len, inner[0], dst[pos[1]], f32, wrap, intProd);
    } else if (!simd?.accumulate(src, pos[0], inner[0], dst, pos[1], inner[1], len)) {
      accumulateRow(op, src, pos[0], inner[0], dst, pos[1], inner[1], len, intProd);
    }
  });
  simd?.finish();
}

/** Whether x is rows of fewer than CROSSOVER.minRow contiguous numbers that all add into one
 *  contiguous row of out (reduced along the rows, kept along them). */
function manyShortRows(shape: number[], x: Layout, out: Layout): boolean {
  // (a kept axis of length 1 leaves a plain fold along the rows, which sums pairwise: not this case)
  return shape.length === 2 && shape[1] > 1 && shape[1] < CROSSOVER.minRow && out.strides[0] === 0 && x.strides[1] === 1 && out.strides[1] === 1;
}

/** x's and out's layouts over x's index space: out gets stride 0 along reduced axes, and axes are
 *  ordered by decreasing |stride| of x so the innermost rows are x's contiguous ones. Negative
 *  strides are walked as they are (x[::-1] is summed in reverse, as NumPy does). */
function reduceLayout(x: View, axes: readonly number[], out: View): { shape: number[]; xLayout: Layout; outLayout: Layout } {
  const outStrides: number[] = [];
  let k = 0;
  for (let i = 0; i < x.shape.length; i++) outStrides.push(axes.includes(i) ? 0 : out.strides[k++]);
  const order = x.shape.map((_, i) => i).sort((p, q) => Math.abs(x.strides[q]) - Math.abs(x.strides[p]) || p - q);
  return {
    shape: order.map((i) => x.shape[i]),
    xLayout: { strides: order.map((i) => x.strides[i]), offset: x.offset },
    outLayout: { strides: order.map((i) => outStrides[i]), offset: out.offset },
  };
}

/** Folds n elements of a (from start, by stride) into acc. */
function foldRow(
  op: ReduceOp, a: TypedArray, start: number, n: number, stride: number, acc: number,
  f32: boolean, wrap: (v: number) => number, intProd: boolean,
): number {
  let p = start;
  switch (op) {
    case 'sum':
      for (let c = 0; c < n; c += CHUNK) {
        const m = Math.min(CHUNK, n - c);
        acc = wrap(acc + (f32 ? pairwiseSum32(a, start + c * stride, m, stride) : pairwiseSum(a, start + c * stride, m, stride)));
      }
      return acc;
    case 'prod':
      if (intProd) for (let k = 0; k < n; k++, p += stride) acc = Math.imul(acc, a[p]);
      else for (let k = 0; k < n; k++, p += stride) acc = wrap(acc * a[p]);
      return acc;
    case 'max':
      // `v !== v` is NaN: once acc is NaN, nothing is greater, so NaN sticks (NumPy propagates NaN).
      for (let k = 0; k < n; k++, p += stride) { const v = a[p]; if (v > acc || v !== v) acc = v; }
      return acc;
    case 'min':
      for (let k = 0; k < n; k++, p += stride) { const v = a[p]; if (v < acc || v !== v) acc = v; }
      return acc;
    case 'all':
      for (let k = 0; k < n && acc; k++, p += stride) if (a[p] === 0) acc = 0;
      return acc;
    case 'any':
      for (let k = 0; k < n && !acc; k++, p += stride) if (a[p] !== 0) acc = 1;
      return acc;
  }
}

/** out[o + k*so] = op(out[o + k*so], a[i + k*si]) for k < n; storing into out rounds/wraps to its dtype. */
function accumulateRow(
  op: ReduceOp, a: TypedArray, i: number, si: number, out: TypedArray, o: number, so: number, n: number, intProd: boolean,
): void {
  switch (op) {
    case 'sum':
      if (si === 1 && so === 1) for (let k = 0; k < n; k++) out[o + k] += a[i + k];
      else for (let k = 0; k < n; k++, i += si, o += so) out[o] += a[i];
      return;
    case 'prod':
      if (intProd) for (let k = 0; k < n; k++, i += si, o += so) out[o] = Math.imul(out[o], a[i]);
      else for (let k = 0; k < n; k++, i += si, o += so) out[o] *= a[i];
      return;
    case 'max':
      for (let k = 0; k < n; k++, i += si, o += so) { const v = a[i]; if (v > out[o] || v !== v) out[o] = v; }
      return;
    case 'min':
      for (let k = 0; k < n; k++, i += si, o += so) { const v = a[i]; if (v < out[o] || v !== v) out[o] = v; }
      return;
    case 'all':
      for (let k = 0; k < n; k++, i += si, o += so) if (a[i] === 0) out[o] = 0;
      return;
    case 'any':
      for (let k = 0; k < n; k++, i += si, o += so) if (a[i] !== 0) out[o] = 1;
      return;
  }
}
