// BatchNormalization: normalises each feature (the last axis) to mean 0 and variance 1, then scales
// and shifts it by learned γ and β (Ioffe & Szegedy 2015). With ε = 1e-3 (Keras's default):
//   training:   μ, σ² = mean and variance of the batch (over every axis but the last)
//               y = γ (x - μ) / √(σ² + ε) + β
//               moving_mean ← m · moving_mean + (1 - m) μ, the same for moving_variance (m = 0.99)
//   inference:  y = γ (x - moving_mean) / √(moving_variance + ε) + β
// Backward (np.grad derives it; written out with x̂ = (x - μ)/√(σ² + ε), over the n batch rows):
//   dγ = Σ g x̂,  dβ = Σ g,  dx = γ/√(σ² + ε) · (g - mean(g) - x̂ · mean(g x̂))
// The moving averages are not trained: they are updated after each training step (`finishStep`).
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions, type Shape } from './layer.ts';
import { getInitializer, type Initializer } from '../initializers.ts';
import type { Variable } from '../variable.ts';
import { requireNumber, requireType } from '../checks.ts';

type NDArray = np.NDArray;

export interface BatchNormalizationOptions extends LayerOptions {
  axis?: number;
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: string | Initializer;
  gammaInitializer?: string | Initializer;
  movingMeanInitializer?: string | Initializer;
  movingVarianceInitializer?: string | Initializer;
}

/**
 * Keras's BatchNormalization: normalises each feature by the batch's mean and variance in training, by their moving averages in inference, then scales by γ and shifts by β.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const bn = new layers.BatchNormalization();
 * const x = np.array([[1, 10], [3, 30]], { dtype: 'float32' });
 * console.log(bn.apply(x, { training: true })); // (x - batch mean) / √(batch variance + 0.001)
 * console.log(bn.apply(x)); // inference: (x - moving mean) / √(moving variance + 0.001), still 0 and 1
 * ```
 *
 * ```text output
 * array([[-0.9995004 , -0.99999505],
 *        [ 0.9995004 ,  0.99999505]], dtype=float32)
 * array([[ 0.9995004,  9.995004 ],
 *        [ 2.9985013, 29.985012 ]], dtype=float32)
 * ```
 */
export class BatchNormalization extends Layer {
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly initializers: Record<'beta' | 'gamma' | 'movingMean' | 'movingVariance', Initializer>;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean: Variable | null = null;
  movingVariance: Variable | null = null;
  /** The moving averages computed by the last training call, assigned by finishStep. */
  private pending: [NDArray, NDArray] | null = null;

  constructor(options: BatchNormalizationOptions = {}) {
    super(options, [...LAYER_OPTIONS, 'axis', 'momentum', 'epsilon', 'center', 'scale', 'betaInitializer', 'gammaInitializer', 'movingMeanInitializer', 'movingVarianceInitializer']);
    const o = options ?? {};
    if (o.axis !== undefined && o.axis !== -1) throw new np.ValueError(`BatchNormalization: tessera normalises the last axis only (axis -1), got axis ${String(o.axis)}`);
    this.momentum = requireNumber('BatchNormalization', 'momentum', o.momentum ?? 0.99, 0, 1);
    this.epsilon = requireNumber('BatchNormalization', 'epsilon', o.epsilon ?? 1e-3, Number.MIN_VALUE);
    this.center = requireType<boolean | undefined>('BatchNormalization', 'center', o.center, 'boolean') ?? true;
    this.scale = requireType<boolean | undefined>('BatchNormalization', 'scale', o.scale, 'boolean') ?? true;
    this.initializers = {
      beta: getInitializer(o.betaInitializer ?? 'zeros'), gamma: getInitializer(o.gammaInitializer ?? 'ones'),
      movingMean: getInitializer(o.movingMeanInitializer ?? 'zeros'), movingVariance: getInitializer(o.movingVarianceInitializer ?? 'ones'),
    };
  }

  override build(inputShape: Shape, device: np.DeviceName): void {
    const c = inputShape[inputShape.length - 1];
    if (c === null) throw new np.ValueError(`BatchNormalization '${this.name}': the last axis of its input must be known`);
    if (this.scale) this.gamma = this.addWeight('gamma', [c], this.initializers.gamma, device);
    if (this.center) this.beta = this.addWeight('beta', [c], this.initializers.beta, device);
    this.movingMean = this.addWeight('moving_mean', [c], this.initializers.movingMean, device, { trainable: false });
    this.movingVariance = this.addWeight('moving_variance', [c], this.initializers.movingVariance, device, { trainable: false });
    super.build(inputShape, device);
  }

  call(x: NDArray, training: boolean): NDArray {
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    let mean = this.movingMean!.value;
    let variance = this.movingVariance!.value;
    if (training) {
      mean = np.mean(x, { axis: axes });
      variance = np.var(x, { axis: axes });
      this.scheduleUpdate(np.stopGradient(mean), np.stopGradient(variance));
    }
    let y = np.divide(np.subtract(x, mean), np.sqrt(np.add(variance, this.epsilon)));
    if (this.gamma) y = np.multiply(y, this.gamma.value);
    if (this.beta) y = np.add(y, this.beta.value);
    return y;
  }

  /** moving ← m · moving + (1 - m) · batch value, kept until the step has finished. */
  private scheduleUpdate(mean: NDArray, variance: NDArray): void {
    const m = this.momentum;
    const next = (moving: NDArray, batch: NDArray): NDArray => np.keep(np.add(np.multiply(moving, m), np.multiply(batch, 1 - m)));
    this.pending?.forEach((a) => a.dispose());
    this.pending = [next(this.movingMean!.value, mean), next(this.movingVariance!.value, variance)];
  }

  /** Called by the training loop after each step: stores the new moving averages. */
  finishStep(): void {
    if (!this.pending) return;
    this.movingMean!.assign(this.pending[0]);
    this.movingVariance!.assign(this.pending[1]);
    this.pending = null;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: -1, momentum: this.momentum, epsilon: this.epsilon, center: this.center, scale: this.scale };
  }
}
