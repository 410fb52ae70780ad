// Adam: momentum on the gradient and on its square, with bias correction (Kingma & Ba 2014), in
// Keras 3's form, where the correction is folded into the step size α:
//   m ← m + (g - m)(1 - β1);   u ← u + (g² - u)(1 - β2)
//   α = lr · √(1 - β2ᵗ) / (1 - β1ᵗ)          (t = the step, from 1)
//   v ← v - α · m / (√u + ε)                  amsgrad: √û with û ← max(û, u)
// Defaults: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, amsgrad false.
import * as np from '../../ndarray/index.ts';
import { Optimizer, OPTIMIZER_OPTIONS, checkPositive, fusable, type OptimizerOptions } from './optimizer.ts';
import { requireType } from '../checks.ts';
import type { Variable } from '../variable.ts';

export interface AdamOptions extends OptimizerOptions { beta1?: number; beta2?: number; epsilon?: number; amsgrad?: boolean }
export const ADAM_OPTIONS = [...OPTIMIZER_OPTIONS, 'beta1', 'beta2', 'epsilon', 'amsgrad'];

/**
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { Variable, optimizers } from 'tessera/nn';
 *
 * const w = new Variable('w', np.array([1, 2], { dtype: 'float32' }));
 * const opt = new optimizers.Adam({ learningRate: 0.1 });
 * for (let step = 0; step < 2; step++) opt.apply([np.array([0.5, -1], { dtype: 'float32' })], [w]);
 * console.log(np.round(w.value, { decimals: 5 })); // each step moves about lr against the sign of g
 * ```
 *
 * ```text output
 * array([0.8, 2.2], dtype=float32)
 * ```
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  constructor(options: AdamOptions = {}, validOptions: readonly string[] = ADAM_OPTIONS) {
    super(options, validOptions, 0.001);
    const cls = this.constructor.name;
    this.beta1 = checkPositive(cls, 'beta1', options.beta1 ?? 0.9);
    this.beta2 = checkPositive(cls, 'beta2', options.beta2 ?? 0.999);
    this.epsilon = checkPositive(cls, 'epsilon', options.epsilon ?? 1e-7);
    this.amsgrad = requireType<boolean | undefined>(cls, 'amsgrad', options.amsgrad, 'boolean') ?? false;
  }
  protected slotNames(): string[] { return ['momentum', 'velocity', ...(this.amsgrad ? ['velocity_hat'] : [])]; }
  protected updateStep(g: np.NDArray, v: Variable, [m, u, uHat]: np.NDArray[], lr: number, t: number): void {
    if (!this.amsgrad && fusable(v.value, g, m, u)) {
      return np.fused.adamStep(v.value, g, m, u, { lr, step: t, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon });
    }
    const alpha = (lr * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    np.add(m, np.multiply(np.subtract(g, m), 1 - this.beta1), { out: m });
    np.add(u, np.multiply(np.subtract(np.square(g), u), 1 - this.beta2), { out: u });
    let second = u;
    if (this.amsgrad) {
      np.maximum(uHat, u, { out: uHat });
      second = uHat;
    }
    np.subtract(v.value, np.divide(np.multiply(m, alpha), np.add(np.sqrt(second), this.epsilon)), { out: v.value });
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}
