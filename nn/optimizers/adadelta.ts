// Adadelta: a step sized by the ratio of running RMS of past updates and of gradients (Zeiler 2012).
//   A ← ρ A + (1 - ρ) g²
//   d = -√(D + ε) / √(A + ε) · g
//   D ← ρ D + (1 - ρ) d²
//   v ← v + lr · d
// Defaults: lr 0.001, rho 0.95, epsilon 1e-7 (Keras 3; with lr 0.001 it barely moves, K-R6).
import * as np from '../../ndarray/index.ts';
import { Optimizer, OPTIMIZER_OPTIONS, checkPositive, type OptimizerOptions } from './optimizer.ts';
import type { Variable } from '../variable.ts';

export interface AdadeltaOptions extends OptimizerOptions { rho?: number; epsilon?: number }

/**
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { Variable, optimizers } from 'tessera/nn';
 *
 * const w = new Variable('w', np.array([1, 2], { dtype: 'float32' }));
 * const opt = new optimizers.Adadelta({ learningRate: 1 });
 * for (let step = 0; step < 2; step++) opt.apply([np.array([0.5, -1], { dtype: 'float32' })], [w]);
 * console.log(np.round(w.value, { decimals: 5 })); // tiny first steps: √(D + ε) starts at √ε
 * ```
 *
 * ```text output
 * array([0.99715, 2.00285], dtype=float32)
 * ```
 */
export class Adadelta extends Optimizer {
  readonly rho: number;
  readonly epsilon: number;
  constructor(options: AdadeltaOptions = {}) {
    super(options, [...OPTIMIZER_OPTIONS, 'rho', 'epsilon'], 0.001);
    this.rho = checkPositive('Adadelta', 'rho', options.rho ?? 0.95);
    this.epsilon = checkPositive('Adadelta', 'epsilon', options.epsilon ?? 1e-7);
  }
  protected slotNames(): string[] { return ['accumulated_grad', 'accumulated_delta_var']; }
  protected updateStep(g: np.NDArray, v: Variable, [A, D]: np.NDArray[], lr: number): void {
    np.add(np.multiply(A, this.rho), np.multiply(np.square(g), 1 - this.rho), { out: A });
    const d = np.negative(np.multiply(np.divide(np.sqrt(np.add(D, this.epsilon)), np.sqrt(np.add(A, this.epsilon))), g));
    np.add(np.multiply(D, this.rho), np.multiply(np.square(d), 1 - this.rho), { out: D });
    np.add(v.value, np.multiply(d, lr), { out: v.value });
  }
  override getConfig(): Record<string, unknown> { return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon }; }
}
