// np.interp: piecewise-linear interpolation through the points (xp, fp), as NumPy's C loop does it.
// Each x finds its segment [xp[j], xp[j+1]] by binary search and takes the straight line between the
// two points. The one thing to understand is infinity: a point of xp is answered exactly (its fp), and
// where the line's formula gives NaN from one end (0 * inf), it is evaluated again from the other end.
import type { TypedArray } from './dtype.ts';
import { formatShape } from './shape.ts';
import { ValueError } from './errors.ts';
import { NDArray, type ArrayLike } from './ndarray.ts';
import { asarray } from './creation.ts';
import { tidy } from './memory.ts';
import { checkOptions } from './options.ts';

export interface InterpOptions {
  /** The value below xp[0] (default fp[0]) and above xp[-1] (default fp[-1]); ignored with `period`. */
  left?: number;
  right?: number;
  /** The x-coordinates are angles of this period: x and xp are taken modulo it (xp need not be sorted). */
  period?: number;
}

/** NumPy's periodic interp: x and xp modulo |period|, the points sorted by xp, and the last and the
 *  first point repeated one period before and after, so every x falls between two points. */
function wrapPeriod(px: TypedArray, py: TypedArray, at: TypedArray, period: number): [Float64Array, Float64Array, Float64Array] {
  if (typeof period !== 'number' || period === 0 || Number.isNaN(period)) throw new ValueError('period must be a non-zero value');
  const p = Math.abs(period);
  const mod = (v: number): number => ((v % p) + p) % p;
  const order = Array.from(px, (_, i) => i).sort((i, j) => mod(px[i]) - mod(px[j]));
  const xs = order.map((i) => mod(px[i])), ys = order.map((i) => py[i]);
  const n = xs.length;
  return [
    Float64Array.from([xs[n - 1] - p, ...xs, xs[0] + p]), Float64Array.from([ys[n - 1], ...ys, ys[0]]), Float64Array.from(at, mod),
  ];
}

/** The value at v on the segment from (x0, y0) to (x1, y1). With infinite points the formula can give
 *  0 * inf = NaN from one end; NumPy then tries it from the other end, and on a flat segment takes y0. */
function segmentValue(v: number, x0: number, x1: number, y0: number, y1: number): number {
  const slope = (y1 - y0) / (x1 - x0);
  const fromLeft = slope * (v - x0) + y0;
  if (!Number.isNaN(fromLeft)) return fromLeft;
  const fromRight = slope * (v - x1) + y1;
  return Number.isNaN(fromRight) && y0 === y1 ? y0 : fromRight;
}

/** The largest j with px[j] <= v (px increasing, px[0] <= v < px[n-1]): binary search. */
function segmentOf(px: TypedArray, v: number): number {
  let lo = 0, hi = px.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (px[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** np.interp: piecewise-linear interpolation of the points (xp, fp) at x (xp increasing, 1-D).
 *  Between xp[j] and xp[j+1]: fp[j] + (x - xp[j]) * (fp[j+1] - fp[j]) / (xp[j+1] - xp[j]);
 *  outside: `left` (default fp[0]) and `right` (default fp[-1]); with `period`, see wrapPeriod.
 *  At a point of xp the result is that point's fp exactly, even when a neighbour is infinite.
 *  float64 result with x's shape. It reads the points on the host, so every input must be a CPU array (or JS data). */
export function interp(x: ArrayLike, xp: ArrayLike, fp: ArrayLike, options: InterpOptions = {}): NDArray {
  checkOptions('interp', options, ['left', 'right', 'period']);
  return tidy(() => {
    const [xs, xpArr, fpArr] = [asarray(x), asarray(xp), asarray(fp)];
    if (xpArr.ndim !== 1 || fpArr.ndim !== 1) {
      throw new ValueError(`object too deep for desired array (xp and fp must be 1-D, got shapes ${formatShape(xpArr.shape)} and ${formatShape(fpArr.shape)})`);
    }
    let [px, py, at] = [xpArr.dataSync(), fpArr.dataSync(), xs.dataSync()];
    if (px.length !== py.length) throw new ValueError('fp and xp are not of the same length.');
    if (px.length === 0) throw new ValueError('array of sample points is empty');
    if (options.period !== undefined) [px, py, at] = wrapPeriod(px, py, at, options.period);
    const n = px.length;
    const [left, right] = [options.left ?? py[0], options.right ?? py[n - 1]];
    const values = Float64Array.from(at, (v) => {
      if (v < px[0]) return left;
      if (v > px[n - 1]) return right;
      if (v === px[n - 1]) return py[n - 1];
      if (n === 1) return py[0]; // only a NaN x gets here; NumPy's one-point case answers fp[0] for it
      if (v !== v) return v;
      const j = segmentOf(px, v);
      return px[j] === v ? py[j] : segmentValue(v, px[j], px[j + 1], py[j], py[j + 1]);
    });
    return NDArray.fromTyped(values, xs.shape, 'float64', xs.device);
  });
}
