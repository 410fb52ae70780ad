// Activation: applies an activation function on its own, y = act(x) (no weights).
// Backward: dx = g · act'(x), see activations.ts for each act'.
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions } from './layer.ts';
import { getActivation, activationName, type ActivationFn } from '../activations.ts';
import { withPositional } from '../checks.ts';

/**
 * Keras's Activation: applies an activation function (a name or a function) elementwise; no weights.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * console.log(new layers.Activation('relu').apply(np.array([-1.5, 0, 2])));
 * console.log(new layers.Activation('sigmoid').apply(np.array([-1, 0, 1])));
 * ```
 *
 * ```text output
 * array([0., 0., 2.])
 * array([0.26894142, 0.5       , 0.73105858])
 * ```
 */
export class Activation extends Layer {
  readonly activation: ActivationFn;
  constructor(activation: string | ActivationFn | (LayerOptions & { activation: string | ActivationFn }), options: LayerOptions = {}) {
    const o = withPositional<LayerOptions & { activation: string | ActivationFn }>('Activation', 'activation', activation, options);
    super(o, [...LAYER_OPTIONS, 'activation']);
    this.activation = getActivation(o.activation);
  }
  call(x: np.NDArray): np.NDArray { return this.activation(x); }
  override getConfig(): Record<string, unknown> { return { ...super.getConfig(), activation: activationName(this.activation) }; }
}
