// GlobalAveragePooling1D and GlobalAveragePooling2D: one number per channel, the mean over every
// step (1D) or every pixel (2D), the usual bridge from convolutions to a Dense head in place of Flatten.
// Shapes (channels_last): 1D (N, steps, C) -> (N, C); 2D (N, H, W, C) -> (N, C); with keepdims
// the pooled axes stay with size 1: (N, 1, C) and (N, 1, 1, C).
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions, type Shape } from './layer.ts';

export interface GlobalPoolingOptions extends LayerOptions { dataFormat?: 'channels_last'; keepdims?: boolean }
const GLOBAL_POOL_OPTIONS = [...LAYER_OPTIONS, 'dataFormat', 'keepdims'];

/** y[n, d] = mean over the spatial positions p of x[n, p, d]. Backward (np.grad): each of the P
 *  positions gets g[n, d] / P, the mean's gradient. */
abstract class GlobalAveragePooling extends Layer {
  readonly keepdims: boolean;
  /** The spatial axes (between the batch and the channel axis). */
  protected abstract readonly axes: number[];
  constructor(options: GlobalPoolingOptions = {}) {
    super(options, GLOBAL_POOL_OPTIONS);
    if (options.dataFormat !== undefined && options.dataFormat !== 'channels_last') throw new np.ValueError(`${this.constructor.name}: tessera supports dataFormat 'channels_last' only, got ${String(options.dataFormat)}`);
    if (options.keepdims !== undefined && typeof options.keepdims !== 'boolean') throw new np.ValueError(`${this.constructor.name}: keepdims must be true or false, got ${String(options.keepdims)}`);
    this.keepdims = options.keepdims ?? false;
  }
  override computeOutputShape(inputShape: Shape): Shape {
    const channels = inputShape[inputShape.length - 1];
    return this.keepdims ? [inputShape[0], ...this.axes.map(() => 1), channels] : [inputShape[0], channels];
  }
  call(x: np.NDArray): np.NDArray {
    const ndim = this.axes.length + 2;
    if (x.ndim !== ndim) throw new np.ValueError(`Input 0 of layer "${this.name}" is incompatible with the layer: expected ndim=${ndim}, found ndim=${x.ndim}`);
    return np.mean(x, { axis: this.axes, keepdims: this.keepdims });
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), data_format: 'channels_last', keepdims: this.keepdims };
  }
}

/**
 * Keras's GlobalAveragePooling1D: (N, steps, C) -> (N, C), the mean of each channel over the steps.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const x = np.arange(6).reshape(1, 3, 2); // 3 steps of 2 channels
 * console.log(new layers.GlobalAveragePooling1D().apply(x));
 * ```
 *
 * ```text output
 * array([[2., 3.]])
 * ```
 */
export class GlobalAveragePooling1D extends GlobalAveragePooling {
  protected readonly axes = [1];
}

/**
 * Keras's GlobalAveragePooling2D: (N, H, W, C) -> (N, C), the mean of each channel's H·W pixels.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const x = np.arange(8).reshape(1, 2, 2, 2); // a 2x2 image with 2 channels
 * console.log(new layers.GlobalAveragePooling2D().apply(x));
 * console.log(new layers.GlobalAveragePooling2D({ keepdims: true }).apply(np.ones([2, 4, 4, 8])).shape);
 * ```
 *
 * ```text output
 * array([[3., 4.]])
 * [ 2, 1, 1, 8 ]
 * ```
 */
export class GlobalAveragePooling2D extends GlobalAveragePooling {
  protected readonly axes = [1, 2];
}
