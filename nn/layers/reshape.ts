// Reshape: each sample takes `targetShape` (one entry may be -1); the batch axis is kept.
// The gradient is reshaped back to the input's shape.
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions, type Shape } from './layer.ts';
import { withPositional, describe } from '../checks.ts';

/**
 * Keras's Reshape: reshapes each sample to `targetShape` (one entry may be -1); the batch axis stays.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const y = new layers.Reshape([3, 2]).apply(np.arange(12).reshape(2, 6)); // the batch axis stays
 * console.log(y.shape);
 * console.log(y.get(0));
 * ```
 *
 * ```text output
 * [ 2, 3, 2 ]
 * array([[0, 1],
 *        [2, 3],
 *        [4, 5]])
 * ```
 */
export class Reshape extends Layer {
  readonly targetShape: number[];
  constructor(targetShape: readonly number[] | (LayerOptions & { targetShape: readonly number[] }), options: LayerOptions = {}) {
    const o = withPositional<LayerOptions & { targetShape: readonly number[] }>('Reshape', 'targetShape', targetShape, options);
    super(o, [...LAYER_OPTIONS, 'targetShape']);
    if (!Array.isArray(o.targetShape) || !o.targetShape.every((d) => Number.isInteger(d) && (d > 0 || d === -1))) {
      throw new np.ValueError(`Reshape: \`targetShape\` must be a list of positive integers (one may be -1), without the batch axis. Received: target_shape=${describe(o.targetShape)}`);
    }
    this.targetShape = [...o.targetShape];
    if (this.targetShape.filter((d) => d === -1).length > 1) throw new np.ValueError('Reshape: can only specify one unknown dimension (-1)');
  }
  override computeOutputShape(inputShape: Shape): Shape {
    const size = inputShape.slice(1).reduce<number | null>((a, b) => (a === null || b === null ? null : a * b), 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    if (size !== null && (this.targetShape.includes(-1) ? size % known !== 0 : size !== known)) {
      throw new np.ValueError(`total size of new array must be unchanged, input_shape = [${inputShape.slice(1).join(', ')}], output_shape = [${this.targetShape.join(', ')}]`);
    }
    return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? (size === null ? null : size / known) : d))];
  }
  call(x: np.NDArray): np.NDArray { return np.reshape(x, [x.shape[0], ...this.targetShape]); }
  override getConfig(): Record<string, unknown> { return { ...super.getConfig(), target_shape: this.targetShape }; }
}
