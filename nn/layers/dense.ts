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
// On 'webgpu' (float32, 2-D input, activation linear/relu/tanh) the forward pass is one fused
// dispatch (matmul, bias and activation: np.webgpu.linear) with the backward pass above written out
// (act' from y: relu 1[y > 0], sigmoid y(1 - y), tanh 1 - y²); tests check it equals the autodiff.
// A sigmoid output is not fused, so that the loss can use its logits (see losses.ts).
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions, type Shape } from './layer.ts';
import { getActivation, activationName, type ActivationFn } from '../activations.ts';
import { getInitializer, type Initializer } from '../initializers.ts';
import { getConstraint, type Constraint } from '../constraints.ts';
import { getRegularizer, type Regularizer } from '../regularizers.ts';
import type { Variable } from '../variable.ts';
import { withPositional, requireType } from '../checks.ts';

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

/**
 * Keras's Dense: y = activation(x W + b), input (*, inputDim), output (*, units); W is glorotUniform, b zeros by default.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const dense = new layers.Dense(2, { activation: 'relu', kernelInitializer: 'ones', biasInitializer: 'zeros' });
 * console.log(dense.apply(np.array([[1, 2, 3], [-1, -2, 0]]))); // relu(x W + b), W of shape (3, 2)
 * console.log(dense.kernel!.shape, dense.bias!.shape);
 * ```
 *
 * ```text output
 * array([[6., 6.],
 *        [0., 0.]])
 * [ 3, 2 ] [ 2 ]
 * ```
 */
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
    const o = withPositional<DenseOptions>('Dense', 'units', units, options);
    super(o, DENSE_OPTIONS);
    if (!Number.isInteger(o.units) || (o.units as number) <= 0) {
      throw new np.ValueError(`Received an invalid value for \`units\`, expected a positive integer. Received: units=${String(o.units)}`);
    }
    this.units = o.units as number;
    this.activation = getActivation(o.activation);
    this.useBias = requireType<boolean | undefined>('Dense', 'useBias', o.useBias, 'boolean') ?? true;
    this.kernelInitializer = getInitializer(o.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(o.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(o.kernelRegularizer);
    this.biasRegularizer = getRegularizer(o.biasRegularizer);
    this.kernelConstraint = getConstraint(o.kernelConstraint);
    this.biasConstraint = getConstraint(o.biasConstraint);
  }

  override build(inputShape: Shape, device: np.DeviceName): void {
    const inDim = inputShape[inputShape.length - 1];
    if (inDim === null || inDim === undefined) throw new np.ValueError(`Dense '${this.name}': the last axis of its input must be known, got shape ${JSON.stringify(inputShape)}`);
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
      throw new np.ValueError(`Input 0 of layer "${this.name}" is incompatible with the layer: expected axis -1 of input shape to have value ${inDim}, but received input with shape (${x.shape.join(', ')})`);
    }
    const w = this.kernel!.value;
    const fused = FUSED.get(this.activation);
    if (fused && x.device === 'webgpu' && x.dtype === 'float32' && x.ndim === 2 && w.dtype === 'float32') {
      return this.bias ? fusedDenseBias(x, w, this.bias.value, fused) : fusedDense(x, w, fused);
    }
    const z = np.matmul(x, w);
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

// ---- the fused GPU path ------------------------------------------------------------------------
type Fusable = 'linear' | 'relu' | 'sigmoid' | 'tanh';
const FUSED = new Map<ActivationFn, Fusable>([
  [getActivation('linear'), 'linear'], [getActivation('relu'), 'relu'], [getActivation('tanh'), 'tanh'],
]);

/** dz = g · act'(z), with act' written in terms of the output y. */
function activationGrad(g: NDArray, y: NDArray, act: Fusable): NDArray {
  switch (act) {
    case 'linear': return g;
    case 'relu': return np.where(np.greater(y, 0), g, 0);
    case 'sigmoid': return np.multiply(g, np.multiply(y, np.subtract(1, y)));
    case 'tanh': return np.multiply(g, np.subtract(1, np.square(y)));
  }
}

/** One fused dispatch per activation, each with the Dense backward pass as its derivative. */
const fusedWithBias = new Map<Fusable, (x: NDArray, w: NDArray, b: NDArray) => NDArray>();
const fusedNoBias = new Map<Fusable, (x: NDArray, w: NDArray) => NDArray>();
for (const act of ['linear', 'relu', 'sigmoid', 'tanh'] as const) {
  fusedWithBias.set(act, np.customVjp(`dense_${act}`, (x: NDArray, w: NDArray, b: NDArray) => np.webgpu.linear(x, w, { bias: b, activation: act }),
    (g, y, [x, w]) => {
      const dz = activationGrad(g, y, act);
      return [np.matmul(dz, w.T), np.matmul(x.T, dz), np.sum(dz, { axis: 0 })];
    }));
  fusedNoBias.set(act, np.customVjp(`dense_${act}`, (x: NDArray, w: NDArray) => np.webgpu.linear(x, w, { activation: act }),
    (g, y, [x, w]) => {
      const dz = activationGrad(g, y, act);
      return [np.matmul(dz, w.T), np.matmul(x.T, dz)];
    }));
}
const fusedDenseBias = (x: NDArray, w: NDArray, b: NDArray, act: Fusable): NDArray => fusedWithBias.get(act)!(x, w, b);
const fusedDense = (x: NDArray, w: NDArray, act: Fusable): NDArray => fusedNoBias.get(act)!(x, w);
