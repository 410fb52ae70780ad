// Adamax: Adam with the infinity norm in place of the root mean square (Kingma & Ba 2014, section
// 7.1), in Keras 3's form (keras/src/optimizers/adamax.py):
//   m ← m + (g - m)(1 - β1)
//   u ← max(β2 · u, |g|)
//   v ← v - lr · m / ((1 - β1ᵗ)(u + ε))          (t = the step, from 1)
// Defaults: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. (torch.optim.Adamax instead keeps
// u ← max(β2 · u, |g| + ε) and divides by u: the two agree when ε = 0.)
import * as np from '../../ndarray/index.ts';
import { Optimizer, OPTIMIZER_OPTIONS, checkPositive, type OptimizerOptions } from './optimizer.ts';
import type { Variable } from '../variable.ts';

export interface AdamaxOptions extends OptimizerOptions { beta1?: number; beta2?: number; epsilon?: number }

/**
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { Variable, optimizers } from 'tessera/nn';
 *
 * const w = new Variable('w', np.array([1, 2], { dtype: 'float32' }));
 * const opt = new optimizers.Adamax({ learningRate: 0.1 });
 * for (let step = 0; step < 2; step++) opt.apply([np.array([0.5, -1], { dtype: 'float32' })], [w]);
 * console.log(np.round(w.value, { decimals: 5 })); // u = max(β2 u, |g|): each step moves about lr
 * ```
 *
 * ```text output
 * array([0.8, 2.2], dtype=float32)
 * ```
 */
export class Adamax extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  constructor(options: AdamaxOptions = {}) {
    super(options, [...OPTIMIZER_OPTIONS, 'beta1', 'beta2', 'epsilon'], 0.001);
    this.beta1 = checkPositive('Adamax', 'beta1', options.beta1 ?? 0.9);
    this.beta2 = checkPositive('Adamax', 'beta2', options.beta2 ?? 0.999);
    this.epsilon = checkPositive('Adamax', 'epsilon', options.epsilon ?? 1e-7);
  }
  protected slotNames(): string[] { return ['momentum', 'norm']; }
  protected updateStep(g: np.NDArray, v: Variable, [m, u]: np.NDArray[], lr: number, t: number): void {
    np.add(m, np.multiply(np.subtract(g, m), 1 - this.beta1), { out: m });
    np.maximum(np.multiply(u, this.beta2), np.abs(g), { out: u });
    const den = np.multiply(np.add(u, this.epsilon), 1 - this.beta1 ** t);
    np.subtract(v.value, np.divide(np.multiply(m, lr), den), { out: v.value });
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
