// LSTM: a recurrent layer that reads a sequence (batch, timesteps, features) one step at a time,
// carrying a hidden state h and a cell state c (Hochreiter & Schmidhuber 1997), with Keras's gate
// order i, f, c, o. At step t, with z = x_t W + h_{t-1} U + b split into four blocks of `units`:
//   i = σ(z_i)   f = σ(z_f)   g = tanh(z_c)   o = σ(z_o)        (σ = recurrentActivation, sigmoid)
//   c_t = f · c_{t-1} + i · g
//   h_t = o · tanh(c_t)                                          (tanh = activation)
// The output is h at the last step, or every h with returnSequences. Backward: np.grad through the
// unrolled steps (backpropagation through time). Keras's defaults: glorotUniform W, orthogonal U,
// zero bias with the forget gate's block at 1 (unitForgetBias).
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions, type Shape } from './layer.ts';
import { getActivation, activationName, type ActivationFn } from '../activations.ts';
import { getInitializer, type Initializer } from '../initializers.ts';
import type { Variable } from '../variable.ts';
import { withPositional, requireType } from '../checks.ts';

type NDArray = np.NDArray;

export interface LSTMOptions extends LayerOptions {
  units?: number;
  activation?: string | ActivationFn;
  recurrentActivation?: string | ActivationFn;
  useBias?: boolean;
  kernelInitializer?: string | Initializer;
  recurrentInitializer?: string | Initializer;
  biasInitializer?: string | Initializer;
  unitForgetBias?: boolean;
  returnSequences?: boolean;
  returnState?: boolean;
  goBackwards?: boolean;
}

/**
 * Keras's LSTM: (batch, timesteps, features) -> (batch, units), or (batch, timesteps, units) with returnSequences.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const lstm = new layers.LSTM(1, { kernelInitializer: 'ones', recurrentInitializer: 'ones', returnSequences: true });
 * const x = np.array([[[1], [2]]]); // (batch 1, 2 timesteps, 1 feature)
 * console.log(np.round(lstm.apply(x), { decimals: 6 })); // h after each step
 * ```
 *
 * ```text output
 * array([[[0.369606],
 *         [0.816692]]])
 * ```
 */
export class LSTM extends Layer {
  readonly units: number;
  readonly activation: ActivationFn;
  readonly recurrentActivation: ActivationFn;
  readonly useBias: boolean;
  readonly unitForgetBias: boolean;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  private readonly inits: { kernel: Initializer; recurrent: Initializer; bias: Initializer };
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(units: number | LSTMOptions, options: LSTMOptions = {}) {
    const o = withPositional<LSTMOptions>('LSTM', 'units', units, options);
    super(o, [...LAYER_OPTIONS, 'units', 'activation', 'recurrentActivation', 'useBias', 'kernelInitializer', 'recurrentInitializer', 'biasInitializer', 'unitForgetBias', 'returnSequences', 'returnState', 'goBackwards']);
    if (!Number.isInteger(o.units) || (o.units as number) <= 0) throw new np.ValueError(`Received an invalid value for argument \`units\`, expected a positive integer, got ${String(o.units)}.`);
    if (o.returnState) throw new np.ValueError('LSTM: returnState is not supported by tessera (one output per layer)');
    this.units = o.units as number;
    this.activation = getActivation(o.activation ?? 'tanh');
    this.recurrentActivation = getActivation(o.recurrentActivation ?? 'sigmoid');
    const flag = (name: keyof LSTMOptions, fallback: boolean): boolean => requireType<boolean | undefined>('LSTM', name, o[name], 'boolean') ?? fallback;
    this.useBias = flag('useBias', true);
    this.unitForgetBias = flag('unitForgetBias', true);
    this.returnSequences = flag('returnSequences', false);
    this.goBackwards = flag('goBackwards', false);
    this.inits = {
      kernel: getInitializer(o.kernelInitializer ?? 'glorot_uniform'),
      recurrent: getInitializer(o.recurrentInitializer ?? 'orthogonal'),
      bias: getInitializer(o.biasInitializer ?? 'zeros'),
    };
  }

  override build(inputShape: Shape, device: np.DeviceName): void {
    if (inputShape.length !== 3 || inputShape[2] === null) throw new np.ValueError(`Input 0 of layer "${this.name}" is incompatible with the layer: expected ndim=3, found ndim=${inputShape.length}. Full shape received: ${JSON.stringify(inputShape)}`);
    const u = this.units;
    this.kernel = this.addWeight('kernel', [inputShape[2], 4 * u], this.inits.kernel, device);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 4 * u], this.inits.recurrent, device);
    if (this.useBias) {
      const base = this.inits.bias;
      const bias = this.unitForgetBias
        ? (shape: readonly number[]): NDArray => np.tidy(() => np.concatenate([base([u]), np.ones([u]), base([2 * u])]).reshape([...shape]))
        : base;
      this.bias = this.addWeight('bias', [4 * u], bias, device);
    }
    super.build(inputShape, device);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.returnSequences ? [inputShape[0], inputShape[1], this.units] : [inputShape[0], this.units];
  }

  call(x: NDArray): NDArray {
    if (x.ndim !== 3) throw new np.ValueError(`Input 0 of layer "${this.name}" is incompatible with the layer: expected ndim=3, found ndim=${x.ndim}`);
    const [n, steps] = [x.shape[0], x.shape[1]];
    const u = this.units;
    let h = np.zeros([n, u], { dtype: x.dtype, device: x.device });
    let c = h;
    const outputs: NDArray[] = [];
    const xw = np.matmul(x, this.kernel!.value); // every step's input part at once: (n, steps, 4u)
    for (let k = 0; k < steps; k++) {
      const t = this.goBackwards ? steps - 1 - k : k;
      let z = np.add(xw.get(':', t), np.matmul(h, this.recurrentKernel!.value));
      if (this.bias) z = np.add(z, this.bias.value);
      const [zi, zf, zc, zo] = np.split(z, 4, { axis: 1 });
      const [i, f, o] = [this.recurrentActivation(zi), this.recurrentActivation(zf), this.recurrentActivation(zo)];
      c = np.add(np.multiply(f, c), np.multiply(i, this.activation(zc)));
      h = np.multiply(o, this.activation(c));
      if (this.returnSequences) outputs.push(h);
    }
    return this.returnSequences ? np.stack(outputs, { axis: 1 }) : h;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), units: this.units, activation: activationName(this.activation), recurrent_activation: activationName(this.recurrentActivation),
      use_bias: this.useBias, unit_forget_bias: this.unitForgetBias, return_sequences: this.returnSequences, go_backwards: this.goBackwards,
    };
  }
}
