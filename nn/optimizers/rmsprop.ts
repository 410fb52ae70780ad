// RMSprop: divide the step by a running root mean square of the gradients (Hinton's lecture 6e).
//   a ← ρ a + (1 - ρ) g²
//   centered:  b ← ρ b + (1 - ρ) g;   den = a - b² + ε;   otherwise den = a + ε
//   s = lr · g / √den;  with momentum μ: m ← μ m + s, v ← v - m;  else v ← v - s
// Defaults: lr 0.001, rho 0.9, momentum 0, epsilon 1e-7, centered false (Keras 3).
import * as np from '../../ndarray/index.ts';
import { Optimizer, OPTIMIZER_OPTIONS, checkPositive, fusable, type OptimizerOptions } from './optimizer.ts';
import { requireType } from '../checks.ts';
import type { Variable } from '../variable.ts';

export interface RMSpropOptions extends OptimizerOptions { rho?: number; momentum?: number; epsilon?: number; centered?: boolean }

/**
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { Variable, optimizers } from 'tessera/nn';
 *
 * const w = new Variable('w', np.array([1, 2], { dtype: 'float32' }));
 * const opt = new optimizers.RMSprop({ learningRate: 0.1 });
 * for (let step = 0; step < 2; step++) opt.apply([np.array([0.5, -1], { dtype: 'float32' })], [w]);
 * console.log(np.round(w.value, { decimals: 5 })); // w ← w - lr · g / √(a + ε)
 * ```
 *
 * ```text output
 * array([0.45436, 2.54564], dtype=float32)
 * ```
 */
export class RMSprop extends Optimizer {
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  constructor(options: RMSpropOptions = {}) {
    super(options, [...OPTIMIZER_OPTIONS, 'rho', 'momentum', 'epsilon', 'centered'], 0.001);
    this.rho = checkPositive('RMSprop', 'rho', options.rho ?? 0.9);
    this.momentum = checkPositive('RMSprop', 'momentum', options.momentum ?? 0);
    this.epsilon = checkPositive('RMSprop', 'epsilon', options.epsilon ?? 1e-7);
    this.centered = requireType<boolean | undefined>('RMSprop', 'centered', options.centered, 'boolean') ?? false;
  }
  protected slotNames(): string[] {
    return ['velocity', ...(this.momentum ? ['momentum'] : []), ...(this.centered ? ['average_gradient'] : [])];
  }
  protected updateStep(g: np.NDArray, v: Variable, slots: np.NDArray[], lr: number): void {
    const [a] = slots;
    if (!this.momentum && !this.centered && fusable(v.value, g, a)) return np.fused.rmspropStep(v.value, g, a, { lr, rho: this.rho, epsilon: this.epsilon });
    np.add(np.multiply(a, this.rho), np.multiply(np.square(g), 1 - this.rho), { out: a });
    let den = np.add(a, this.epsilon);
    if (this.centered) {
      const b = slots[slots.length - 1];
      np.add(np.multiply(b, this.rho), np.multiply(g, 1 - this.rho), { out: b });
      den = np.add(np.subtract(a, np.square(b)), this.epsilon);
    }
    const s = np.divide(np.multiply(g, lr), np.sqrt(den));
    if (this.momentum) {
      const m = slots[1];
      np.add(np.multiply(m, this.momentum), s, { out: m });
      np.subtract(v.value, m, { out: v.value });
    } else {
      np.subtract(v.value, s, { out: v.value });
    }
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
