// CPU argmin/argmax along one axis: the index of the first extreme value, NaN counting as the
// extreme (the first NaN wins, as in NumPy). When the axis is contiguous in memory each output
// scans its own line; otherwise we sweep the array slice by slice along the axis, keeping the best
// value so far for every output in a scratch buffer, so memory is still read in order.
import type { View, ArgReduceOp } from '../backend.ts';
import type { TypedArray } from '../dtype.ts';
import { cStrides, shapeSize } from '../shape.ts';
import { dataOf } from './storage.ts';
import { forEachRow } from './strided.ts';
import { isInnermost, splitAxis } from './layout.ts';

/** out (x's shape without `axis`, int32) = index of the min/max along `axis` (length > 0). */
export function argReduceKernel(op: ArgReduceOp, x: View, axis: number, out: View): void {
  const src = dataOf(x);
  const dst = dataOf(out);
  const { shape, layout, stride, length } = splitAxis(x, axis);
  // argmin of x is argmax of -x (same ties, NaN stays NaN): compare sign * value.
  const sign = op === 'argmax' ? 1 : -1;
  if (isInnermost(x, axis)) {
    forEachRow(shape, [layout, out], (pos, len, inner) => {
      for (let k = 0, i = pos[0], o = pos[1]; k < len; k++, i += inner[0], o += inner[1]) {
        dst[o] = argLine(src, i, length, stride, sign);
      }
    });
    return;
  }
  const best = new Float64Array(shapeSize(shape));
  const bestLayout = { strides: cStrides(shape), offset: 0 };
  for (let j = 0; j < length; j++) {
    const slice = { strides: layout.strides, offset: layout.offset + j * stride };
    forEachRow(shape, [slice, out, bestLayout], (pos, len, inner) => {
      let i = pos[0], o = pos[1], b = pos[2];
      for (let k = 0; k < len; k++, i += inner[0], o += inner[1], b += inner[2]) {
        const v = src[i], bv = best[b];
        // A NaN best stays; a NaN value (or the first slice) takes over.
        if (j === 0 || (bv === bv && (sign * v > sign * bv || v !== v))) {
          best[b] = v;
          dst[o] = j;
        }
      }
    });
  }
}

/** Index of the first maximum of sign * (n elements of a from start, by stride); a NaN ends the search. */
function argLine(a: TypedArray, start: number, n: number, stride: number, sign: number): number {
  let best = sign * a[start], at = 0;
  if (best !== best) return 0;
  for (let k = 1, p = start + stride; k < n; k++, p += stride) {
    const v = sign * a[p];
    // One comparison per element: `!(v <= best)` holds for a greater v and for NaN.
    if (!(v <= best)) {
      if (v !== v) return k;
      best = v;
      at = k;
    }
  }
  return at;
}
