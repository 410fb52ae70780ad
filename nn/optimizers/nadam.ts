// Nadam: Adam with Nesterov momentum (Dozat 2015), in Keras 3's form (keras/src/optimizers/nadam.py),
// with a momentum schedule μᵢ and its running product Πₜ (t = the step, from 1):
//   μᵢ = β1 · (1 - 0.5 · 0.96ⁱ);   Πₜ = μ₁ μ₂ … μₜ
//   m ← m + (g - m)(1 - β1);   u ← u + (g² - u)(1 - β2)
//   m̂ = μₜ₊₁ · m / (1 - Πₜ₊₁) + (1 - μₜ) · g / (1 - Πₜ);   û = u / (1 - β2ᵗ)
//   v ← v - lr · m̂ / (√û + ε)
// Keras keeps Πₜ in one variable per optimizer, multiplied by μₜ once per step before the updates;
// it is a function of t alone, so here it is computed from the step count (and cached), and a saved
// optimizer needs no state beyond its iterations and the two slots.
// Defaults: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. (Keras 3's schedule is 0.96ᵗ; Keras 1's and
// torch.optim.NAdam's default is 0.96^(0.004 t): torch agrees with Keras 3 given momentum_decay=1.)
import * as np from '../../ndarray/index.ts';
import { Optimizer, OPTIMIZER_OPTIONS, checkPositive, type OptimizerOptions } from './optimizer.ts';
import type { Variable } from '../variable.ts';

export interface NadamOptions extends OptimizerOptions { beta1?: number; beta2?: number; epsilon?: number }

/**
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { Variable, optimizers } from 'tessera/nn';
 *
 * const w = new Variable('w', np.array([1, 2], { dtype: 'float32' }));
 * const opt = new optimizers.Nadam({ learningRate: 0.1 });
 * for (let step = 0; step < 2; step++) opt.apply([np.array([0.5, -1], { dtype: 'float32' })], [w]);
 * console.log(np.round(w.value, { decimals: 5 })); // steps of 0.106 then 0.077, where Adam's are both about lr
 * ```
 *
 * ```text output
 * array([0.81636, 2.18364], dtype=float32)
 * ```
 */
export class Nadam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** The last Πₜ computed, so that each step multiplies in one more μ. */
  private product = { t: 0, value: 1 };
  constructor(options: NadamOptions = {}) {
    super(options, [...OPTIMIZER_OPTIONS, 'beta1', 'beta2', 'epsilon'], 0.001);
    this.beta1 = checkPositive('Nadam', 'beta1', options.beta1 ?? 0.9);
    this.beta2 = checkPositive('Nadam', 'beta2', options.beta2 ?? 0.999);
    this.epsilon = checkPositive('Nadam', 'epsilon', options.epsilon ?? 1e-7);
  }
  /** μᵢ, the momentum of step i. */
  private mu(i: number): number { return this.beta1 * (1 - 0.5 * 0.96 ** i); }
  /** Πₜ = μ₁ … μₜ (from the cache when t did not go back, as after setState). */
  private muProduct(t: number): number {
    let { t: k, value } = this.product.t <= t ? this.product : { t: 0, value: 1 };
    while (k < t) value *= this.mu(++k);
    this.product = { t, value };
    return value;
  }
  protected slotNames(): string[] { return ['momentum', 'velocity']; }
  protected updateStep(g: np.NDArray, v: Variable, [m, u]: np.NDArray[], lr: number, t: number): void {
    const [muT, muNext] = [this.mu(t), this.mu(t + 1)];
    const prodT = this.muProduct(t);
    const prodNext = prodT * muNext;
    np.add(m, np.multiply(np.subtract(g, m), 1 - this.beta1), { out: m });
    np.add(u, np.multiply(np.subtract(np.square(g), u), 1 - this.beta2), { out: u });
    const mHat = np.add(np.divide(np.multiply(m, muNext), 1 - prodNext), np.divide(np.multiply(g, 1 - muT), 1 - prodT));
    const uHat = np.divide(u, 1 - this.beta2 ** t);
    np.subtract(v.value, np.divide(np.multiply(mHat, lr), np.add(np.sqrt(uHat), this.epsilon)), { out: v.value });
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
