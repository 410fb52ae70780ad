// Dropout: in training, each step zeroes a fraction `rate` of the inputs at random and scales the
// others by 1/(1 - rate), so the expected value of every unit is unchanged; at inference it is the
// identity (Srivastava et al. 2014). With m the step's mask (1 kept, 0 dropped):
//   y = x · m / (1 - rate)          dx = g · m / (1 - rate)
// A new mask is drawn every step from nn's random stream (setRandomSeed makes it reproducible).
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions } from './layer.ts';
import { randomState } from '../backend.ts';
import { withPositional } from '../checks.ts';

type NDArray = np.NDArray;

/**
 * Keras's Dropout: in training, zeroes each entry with probability `rate` and scales the rest by 1 / (1 - rate).
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers, utils } from 'tessera/nn';
 *
 * utils.setRandomSeed(0);
 * const drop = new layers.Dropout(0.5);
 * console.log(drop.apply(np.ones([2, 4]))); // inference: the identity
 * console.log(drop.apply(np.ones([2, 4]), { training: true })); // each entry 0, or kept and scaled by 1 / (1 - rate)
 * ```
 *
 * ```text output
 * array([[1., 1., 1., 1.],
 *        [1., 1., 1., 1.]])
 * array([[2., 2., 2., 2.],
 *        [0., 2., 0., 2.]])
 * ```
 */
export class Dropout extends Layer {
  readonly rate: number;
  constructor(rate: number | (LayerOptions & { rate: number }), options: LayerOptions = {}) {
    const o = withPositional<LayerOptions & { rate: number }>('Dropout', 'rate', rate, options);
    super(o, [...LAYER_OPTIONS, 'rate', 'seed', 'noiseShape']);
    if (typeof o.rate !== 'number' || !(o.rate >= 0 && o.rate < 1)) {
      throw new np.ValueError(`Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${String(o.rate)}`);
    }
    this.rate = o.rate;
  }
  call(x: NDArray, training: boolean): NDArray {
    if (!training || this.rate === 0) return x;
    // The mask's random numbers come from the CPU stream; on another device they are uploaded (no readback).
    const u = randomState().random([...x.shape]);
    const kept = x.device === 'cpu' && x.dtype === 'float64' ? u : np.NDArray.fromTyped(x.dtype === 'float64' ? u.dataSync() : Float32Array.from(u.dataSync() as Float64Array), x.shape, x.dtype, x.device);
    if (kept !== u) u.dispose();
    const mask = np.divide(np.greaterEqual(kept, this.rate).astype(x.dtype), 1 - this.rate);
    kept.dispose();
    return np.multiply(x, mask);
  }
  override getConfig(): Record<string, unknown> { return { ...super.getConfig(), rate: this.rate }; }
}
