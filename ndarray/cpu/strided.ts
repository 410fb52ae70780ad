// Walking strided views on the CPU, row by row.
// Every CPU kernel visits the elements of one or more same-shaped views in C order. Instead of
// computing a buffer position per element, we (1) merge axes that are contiguous in every operand
// (a C-contiguous (2048, 2048) array becomes one row of 4M: `coalesce`, shape.ts), then (2) step an
// odometer over all axes but the last and hand each kernel the start positions of one row plus the
// row's inner strides. webgpu/strided.ts is the same walk on the GPU.
import { type Shape, coalesce } from '../shape.ts';
import type { View } from '../backend.ts';

/** A row handler: `pos[k]` is where operand k's row starts, `inner[k]` its stride along the row. */
export type RowFn = (pos: Int32Array | number[], len: number, inner: number[]) => void;

/** Calls `row` once per row of the (common) shape of `views`, in C order. Nothing for empty shapes.
 *  Only the views' strides and offsets are read, so kernels may pass scratch layouts too. */
export function forEachRow(shape: Shape, views: readonly Pick<View, 'strides' | 'offset'>[], row: RowFn): void {
  if (shape.some((d) => d === 0)) return;
  const c = coalesce(shape, views.map((v) => v.strides));
  const nd = c.shape.length;
  const nOps = views.length;
  const pos = views.map((v) => v.offset);
  if (nd === 0) {
    row(pos, 1, new Array<number>(nOps).fill(0));
    return;
  }
  const len = c.shape[nd - 1];
  const inner = c.strides.map((s) => s[nd - 1]);
  const counter = new Array<number>(nd - 1).fill(0);
  for (;;) {
    row(pos, len, inner);
    // Advance the odometer over axes nd-2 ... 0, rewinding each axis that wraps.
    let axis = nd - 2;
    for (; axis >= 0; axis--) {
      counter[axis]++;
      for (let k = 0; k < nOps; k++) pos[k] += c.strides[k][axis];
      if (counter[axis] < c.shape[axis]) break;
      for (let k = 0; k < nOps; k++) pos[k] -= c.strides[k][axis] * c.shape[axis];
      counter[axis] = 0;
    }
    if (axis < 0) return;
  }
}
