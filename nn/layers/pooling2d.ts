// MaxPooling2D and AveragePooling2D: each output is the max (or the mean) of a pool of inputs, per
// channel. With pool (ph, pw) and stride s (default: the pool size, so pools do not overlap):
//   y[n, i, j, d] = max_{a<ph, c<pw} x[n, i·s + a, j·s + c, d]
// Computed from the ph·pw shifted views of x stacked on a new axis, then reduced over it.
// Backward (np.grad): max sends g to the input that was the max (ties share it); the mean sends g/(ph·pw)
// to every input of the pool. With padding 'same', max pools pad with -inf and average pools count
// only the real inputs, as Keras does.
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions, type Shape } from './layer.ts';
import { pair, windows, padSpatial, shifted, type Padding } from './conv2d.ts';
import { withPositional } from '../checks.ts';

type NDArray = np.NDArray;
type Pair = number | readonly [number, number];
export interface Pooling2DOptions extends LayerOptions { poolSize?: Pair; strides?: Pair | null; padding?: Padding; dataFormat?: 'channels_last' }
const POOL_OPTIONS = [...LAYER_OPTIONS, 'poolSize', 'strides', 'padding', 'dataFormat'];

abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  constructor(poolSize: Pair | Pooling2DOptions = [2, 2], options: Pooling2DOptions = {}) {
    const o = withPositional<Pooling2DOptions>(new.target.name, 'poolSize', poolSize, options);
    super(o, POOL_OPTIONS);
    if (o.padding !== undefined && o.padding !== 'valid' && o.padding !== 'same') throw new np.ValueError(`The \`padding\` argument must be one of "valid", "same". Received: ${String(o.padding)}`);
    if (o.dataFormat !== undefined && o.dataFormat !== 'channels_last') throw new np.ValueError(`${this.constructor.name}: tessera supports dataFormat 'channels_last' only`);
    this.poolSize = pair(o.poolSize ?? 2, 'pool_size');
    this.strides = pair(o.strides ?? this.poolSize, 'strides');
    this.padding = o.padding ?? 'valid';
  }
  override computeOutputShape(inputShape: Shape): Shape {
    const out = (size: number | null, i: 0 | 1): number | null => (size === null ? null : windows(size, this.poolSize[i], this.strides[i], this.padding).out);
    return [inputShape[0], out(inputShape[1], 0), out(inputShape[2], 1), inputShape[3]];
  }
  /** The pools of x as a new last axis: (N, outH, outW, C, ph·pw), padded with `fill`. */
  protected pools(x: NDArray, fill: number): NDArray {
    if (x.ndim !== 4) throw new np.ValueError(`Input 0 of layer "${this.name}" is incompatible with the layer: expected ndim=4, found ndim=${x.ndim}`);
    const [ph, pw] = this.poolSize;
    const rows = windows(x.shape[1], ph, this.strides[0], this.padding);
    const cols = windows(x.shape[2], pw, this.strides[1], this.padding);
    const xp = padSpatial(x, [rows.before, rows.after], [cols.before, cols.after], fill);
    const views: NDArray[] = [];
    for (let a = 0; a < ph; a++) for (let c = 0; c < pw; c++) views.push(shifted(xp, a, c, this.strides, rows.out, cols.out));
    return np.stack(views, { axis: -1 });
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), pool_size: this.poolSize, strides: this.strides, padding: this.padding, data_format: 'channels_last' };
  }
}

/**
 * Keras's MaxPooling2D: (N, H, W, C) -> (N, H', W', C), the maximum of each window.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const x = np.arange(16).reshape(1, 4, 4, 1);
 * console.log(new layers.MaxPooling2D([2, 2]).apply(x).reshape(2, 2)); // the largest of each 2x2 window
 * ```
 *
 * ```text output
 * array([[ 5,  7],
 *        [13, 15]])
 * ```
 */
export class MaxPooling2D extends Pooling2D {
  call(x: NDArray): NDArray { return np.max(this.pools(x, -Infinity), { axis: -1 }); }
}

/**
 * Keras's AveragePooling2D: (N, H, W, C) -> (N, H', W', C), the mean of each window.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const x = np.arange(16).reshape(1, 4, 4, 1);
 * console.log(new layers.AveragePooling2D([2, 2]).apply(x).reshape(2, 2)); // the mean of each 2x2 window
 * ```
 *
 * ```text output
 * array([[ 2.5,  4.5],
 *        [10.5, 12.5]])
 * ```
 */
export class AveragePooling2D extends Pooling2D {
  call(x: NDArray): NDArray {
    const sums = np.sum(this.pools(x, 0), { axis: -1 });
    if (this.padding === 'valid') return np.divide(sums, this.poolSize[0] * this.poolSize[1]);
    const ones = np.ones([1, x.shape[1], x.shape[2], 1], { dtype: x.dtype, device: x.device });
    const counts = np.sum(this.pools(ones, 0), { axis: -1 });
    return np.divide(sums, counts);
  }
}
