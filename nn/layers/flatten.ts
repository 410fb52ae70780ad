// Flatten: (batch, d1, d2, ...) -> (batch, d1·d2·...), a reshape; the gradient is reshaped back.
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions, type Shape } from './layer.ts';

/**
 * Keras's Flatten: keeps the batch axis and flattens the rest.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * console.log(new layers.Flatten().apply(np.zeros([2, 3, 4])).shape);
 * ```
 *
 * ```text output
 * [ 2, 12 ]
 * ```
 */
export class Flatten extends Layer {
  constructor(options: LayerOptions & { dataFormat?: 'channels_last' } = {}) {
    super(options, [...LAYER_OPTIONS, 'dataFormat']);
    if (options.dataFormat !== undefined && options.dataFormat !== 'channels_last') throw new np.ValueError(`Flatten: tessera supports dataFormat 'channels_last' only, got ${String(options.dataFormat)}`);
  }
  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    return [inputShape[0], rest.some((d) => d === null) ? null : rest.reduce<number>((a, b) => a * (b as number), 1)];
  }
  call(x: np.NDArray): np.NDArray { return np.reshape(x, [x.shape[0], -1]); }
}
