// Gather and scatter on the CPU: the kernels behind advanced indexing.
// The indexing layer has already turned every index into a buffer position (int32, bounds-checked),
// so a kernel only follows positions: gather reads `x`'s buffer at each position, scatter writes
// `out`'s buffer there. Scatter walks in C order, so with repeated positions the last write wins.
import type { View } from '../backend.ts';
import { forEachRow } from './strided.ts';
import { dataOf } from './storage.ts';

/** out[i] = buffer(x)[positions[i]]; bool targets store 1 for every non-zero. */
export function gatherKernel(x: View, positions: View, out: View): void {
  const src = dataOf(x);
  const pos = dataOf(positions);
  const dst = dataOf(out);
  const toBool = out.dtype === 'bool' && x.dtype !== 'bool';
  forEachRow(out.shape, [positions, out], (start, len, inner) => {
    let p = start[0], o = start[1];
    const sp = inner[0], so = inner[1];
    if (toBool) for (let n = 0; n < len; n++, p += sp, o += so) dst[o] = src[pos[p]] !== 0 ? 1 : 0;
    else for (let n = 0; n < len; n++, p += sp, o += so) dst[o] = src[pos[p]];
  });
}

/** buffer(out)[positions[i]] = cast(values[i]), in C order of `positions`. */
export function scatterKernel(out: View, positions: View, values: View): void {
  const dst = dataOf(out);
  const pos = dataOf(positions);
  const src = dataOf(values);
  const toBool = out.dtype === 'bool' && values.dtype !== 'bool';
  forEachRow(positions.shape, [positions, values], (start, len, inner) => {
    let p = start[0], v = start[1];
    const sp = inner[0], sv = inner[1];
    if (toBool) for (let n = 0; n < len; n++, p += sp, v += sv) dst[pos[p]] = src[v] !== 0 ? 1 : 0;
    else for (let n = 0; n < len; n++, p += sp, v += sv) dst[pos[p]] = src[v];
  });
}

/** buffer(out)[positions[i]] += values[i] in C order of `positions`: repeats add up (np.add.at). */
export function scatterAddKernel(out: View, positions: View, values: View): void {
  const dst = dataOf(out);
  const pos = dataOf(positions);
  const src = dataOf(values);
  forEachRow(positions.shape, [positions, values], (start, len, inner) => {
    let p = start[0], v = start[1];
    const sp = inner[0], sv = inner[1];
    for (let n = 0; n < len; n++, p += sp, v += sv) dst[pos[p]] += src[v];
  });
}
