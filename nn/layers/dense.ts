// Dense: the fully connected layer, y = act(x W + b).
//   x (batch, in), W the kernel (in, units), b the bias (units,); in·units + units parameters.
// Backward, with g = dL/dy and z = x W + b (np.grad derives it from the ops in `call`):
//   dz = g · act'(z)
//   dW = xᵀ dz          (in, units)
//   db = Σ_rows dz      (units,)
//   dx = dz Wᵀ          (batch, in)
// Keras's defaults: glorotUniform kernel, zero bias, linear activation, useBias true. A kernel
// constraint (MaxNorm) is applied after each update; a regularizer adds its penalty to the loss.
// Inputs with more than two axes are multiplied along their last axis, as in Keras.
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions, type Shape } from './layer.ts';
import { getActivation, activationName, type ActivationFn } from '../activations.ts';
import { getInitializer, type Initializer } from '../initializers.ts';
import { getConstraint, type Constraint } from '../constraints.ts';
import { getRegularizer, type Regularizer } from '../regularizers.ts';
import type { Variable } from '../variable.ts';

type NDArray = np.NDArray;
type Spec<T> = T | string | { className: string; config: Record<string, number> } | null;

export interface DenseOptions extends LayerOptions {
  units?: number;
  activation?: string | ActivationFn | null;
  useBias?: boolean;
  kernelInitializer?: string | Initializer;
  biasInitializer?: string | Initializer;
  kernelRegularizer?: Spec<Regularizer>;
  biasRegularizer?: Spec<Regularizer>;
  kernelConstraint?: Spec<Constraint>;
  biasConstraint?: Spec<Constraint>;
}
const DENSE_OPTIONS = [...LAYER_OPTIONS, 'units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer',
  'kernelRegularizer', 'biasRegularizer', 'kernelConstraint', 'biasConstraint'];

export class Dense extends Layer {
  readonly units: number;
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private readonly kernelRegularizer: Regularizer | null;
  private readonly biasRegularizer: Regularizer | null;
  private readonly kernelConstraint: Constraint | null;
  private readonly biasConstraint: Constraint | null;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  /** `new Dense(64, {activation: 'relu'})` or `new Dense({units: 64, ...})`. */
  constructor(units: number | DenseOptions, options: DenseOptions = {}) {
    const o = typeof units === 'number' ? { ...options, units } : units;
    super(o, DENSE_OPTIONS);
    if (!Number.isInteger(o.units) || (o.units as number) <= 0) {
      throw new Error(`Received an invalid value for \`units\`, expected a positive integer. Received: units=${String(o.units)}`);
    }
    this.units = o.units as number;
    this.activation = getActivation(o.activation);
    this.useBias = o.useBias ?? true;
    this.kernelInitializer = getInitializer(o.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(o.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(o.kernelRegularizer);
    this.biasRegularizer = getRegularizer(o.biasRegularizer);
    this.kernelConstraint = getConstraint(o.kernelConstraint);
    this.biasConstraint = getConstraint(o.biasConstraint);
  }

  override build(inputShape: Shape, device: np.DeviceName): void {
    const inDim = inputShape[inputShape.length - 1];
    if (inDim === null || inDim === undefined) throw new Error(`Dense '${this.name}': the last axis of its input must be known, got shape ${JSON.stringify(inputShape)}`);
    this.kernel = this.addWeight('kernel', [inDim, this.units], this.kernelInitializer, device, { constraint: this.kernelConstraint, regularizer: this.kernelRegularizer });
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], this.biasInitializer, device, { constraint: this.biasConstraint, regularizer: this.biasRegularizer });
    super.build(inputShape, device);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  call(x: NDArray): NDArray {
    const inDim = this.kernel!.shape[0];
    if (x.shape[x.ndim - 1] !== inDim) {
      throw new Error(`Input 0 of layer "${this.name}" is incompatible with the layer: expected axis -1 of input shape to have value ${inDim}, but received input with shape (${x.shape.join(', ')})`);
    }
    const z = np.matmul(x, this.kernel!.value);
    return this.activation(this.bias ? np.add(z, this.bias.value) : z);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), units: this.units, activation: activationName(this.activation), use_bias: this.useBias,
      kernel_initializer: this.kernelInitializer.config ?? null, bias_initializer: this.biasInitializer.config ?? null,
      kernel_regularizer: this.kernelRegularizer?.getConfig() ?? null, bias_regularizer: this.biasRegularizer?.getConfig() ?? null,
      kernel_constraint: this.kernelConstraint?.getConfig() ?? null, bias_constraint: this.biasConstraint?.getConfig() ?? null,
    };
  }
}
