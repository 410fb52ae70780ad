// CPU fill and copy: out = value, and out = x with a dtype conversion. Copy is also what a cast
// (`astype`), a transpose made contiguous and a read of a strided view come down to: one walk over
// both views row by row, storing into out's typed array (which does the C cast).
import type { View } from '../backend.ts';
import { dataOf } from './storage.ts';
import { forEachRow } from './strided.ts';

/** out = x with a dtype conversion; bool targets store 1 for every non-zero (NaN included). */
export function copyKernel(x: View, out: View): void {
  const src = dataOf(x);
  const dst = dataOf(out);
  const toBool = out.dtype === 'bool';
  const sameType = src.constructor === dst.constructor && !toBool;
  forEachRow(out.shape, [x, out], (pos, len, inner) => {
    let i = pos[0], o = pos[1];
    const si = inner[0], so = inner[1];
    // Contiguous rows of the same element type: one block copy (memcpy) instead of a loop.
    if (sameType && si === 1 && so === 1) dst.set(src.subarray(i, i + len), o);
    else if (toBool) for (let n = 0; n < len; n++, i += si, o += so) dst[o] = src[i] !== 0 ? 1 : 0;
    else for (let n = 0; n < len; n++, i += si, o += so) dst[o] = src[i];
  });
}

/** out[...] = value (bool targets store 1 for every non-zero). */
export function fillKernel(out: View, value: number): void {
  const dst = dataOf(out);
  const v = out.dtype === 'bool' ? (value !== 0 ? 1 : 0) : value;
  forEachRow(out.shape, [out], (pos, len, inner) => {
    for (let n = 0, o = pos[0]; n < len; n++, o += inner[0]) dst[o] = v;
  });
}
