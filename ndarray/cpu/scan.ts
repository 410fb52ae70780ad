// CPU cumsum/cumprod along one axis: out[..., k, ...] = out[..., k-1, ...] op x[..., k, ...].
// NumPy accumulates one element after another (no pairwise trick), in out's dtype, so float32
// running sums round at every step and int32 ones wrap. When the axis is contiguous each line is
// scanned in turn; otherwise whole slices are combined with the previous slice of out.
import type { View, ScanOp } from '../backend.ts';
import type { TypedArray } from '../dtype.ts';
import { dataOf } from './storage.ts';
import { forEachRow } from './strided.ts';
import { isInnermost, splitAxis } from './layout.ts';

export function scanKernel(op: ScanOp, x: View, axis: number, out: View): void {
  const src = dataOf(x);
  const dst = dataOf(out);
  const xs = splitAxis(x, axis);
  const os = splitAxis(out, axis);
  const n = xs.length;
  // Integer products must wrap exactly: a float64 product of two int32s loses low bits.
  const kind = op === 'cumsum' ? 'sum' : out.dtype === 'float32' || out.dtype === 'float64' ? 'prod' : 'imul';
  if (isInnermost(x, axis)) {
    forEachRow(xs.shape, [xs.layout, os.layout], (pos, len, inner) => {
      for (let e = 0, i = pos[0], o = pos[1]; e < len; e++, i += inner[0], o += inner[1]) {
        scanLine(kind, src, i, xs.stride, dst, o, os.stride, n);
      }
    });
    return;
  }
  for (let k = 0; k < n; k++) {
    const xk = { strides: xs.layout.strides, offset: xs.layout.offset + k * xs.stride };
    const ok = { strides: os.layout.strides, offset: os.layout.offset + k * os.stride };
    const prev = { strides: os.layout.strides, offset: ok.offset - os.stride };
    forEachRow(xs.shape, [xk, ok, prev], (pos, len, inner) => {
      if (k === 0) for (let e = 0, i = pos[0], o = pos[1]; e < len; e++, i += inner[0], o += inner[1]) dst[o] = src[i];
      else combineRows(kind, src, pos[0], inner[0], dst, pos[1], inner[1], pos[2], inner[2], len);
    });
  }
}

type Kind = 'sum' | 'prod' | 'imul';

/** Running sum/product of n elements of a (from i, by si) into out (from o, by so). Each partial
 *  result is read back from out, so it is rounded (float32) or wrapped (int) as NumPy's is. */
function scanLine(kind: Kind, a: TypedArray, i: number, si: number, out: TypedArray, o: number, so: number, n: number): void {
  if (kind === 'sum') {
    let acc = 0;
    for (let k = 0; k < n; k++, i += si, o += so) { out[o] = acc + a[i]; acc = out[o]; }
  } else if (kind === 'imul') {
    let acc = 1;
    for (let k = 0; k < n; k++, i += si, o += so) { acc = Math.imul(acc, a[i]); out[o] = acc; }
  } else {
    let acc = 1;
    for (let k = 0; k < n; k++, i += si, o += so) { out[o] = acc * a[i]; acc = out[o]; }
  }
}

/** out[o..] = out[p..] op a[i..] for n elements (a slice combined with the previous slice of out). */
function combineRows(kind: Kind, a: TypedArray, i: number, si: number, out: TypedArray, o: number, so: number, p: number, sp: number, n: number): void {
  if (kind === 'sum') for (let k = 0; k < n; k++, i += si, o += so, p += sp) out[o] = out[p] + a[i];
  else if (kind === 'imul') for (let k = 0; k < n; k++, i += si, o += so, p += sp) out[o] = Math.imul(out[p], a[i]);
  else for (let k = 0; k < n; k++, i += si, o += so, p += sp) out[o] = out[p] * a[i];
}
