// Adagrad: each weight's step shrinks with the sum of its squared gradients (Duchi et al. 2011).
//   a ← a + g²            (a starts at initialAccumulatorValue, 0.1)
//   v ← v - lr · g / √(a + ε)
// Defaults: lr 0.001, initialAccumulatorValue 0.1, epsilon 1e-7 (Keras 3).
import * as np from '../../ndarray/index.ts';
import { Optimizer, OPTIMIZER_OPTIONS, checkPositive, type OptimizerOptions } from './optimizer.ts';
import type { Variable } from '../variable.ts';

export interface AdagradOptions extends OptimizerOptions { initialAccumulatorValue?: number; epsilon?: number }

/**
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { Variable, optimizers } from 'tessera/nn';
 *
 * const w = new Variable('w', np.array([1, 2], { dtype: 'float32' }));
 * const opt = new optimizers.Adagrad({ learningRate: 0.1 });
 * for (let step = 0; step < 2; step++) opt.apply([np.array([0.5, -1], { dtype: 'float32' })], [w]);
 * console.log(np.round(w.value, { decimals: 5 })); // a = 0.1 + g² + g², then w ← w - lr · g / √a
 * ```
 *
 * ```text output
 * array([0.85093, 2.16435], dtype=float32)
 * ```
 */
export class Adagrad extends Optimizer {
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  constructor(options: AdagradOptions = {}) {
    super(options, [...OPTIMIZER_OPTIONS, 'initialAccumulatorValue', 'epsilon'], 0.001);
    this.initialAccumulatorValue = checkPositive('Adagrad', 'initialAccumulatorValue', options.initialAccumulatorValue ?? 0.1);
    this.epsilon = checkPositive('Adagrad', 'epsilon', options.epsilon ?? 1e-7);
  }
  protected slotNames(): string[] { return ['accumulator']; }
  protected override initialSlot(_name: string, v: Variable): np.NDArray {
    return np.full([...v.shape], this.initialAccumulatorValue, { dtype: v.value.dtype, device: v.value.device });
  }
  protected updateStep(g: np.NDArray, v: Variable, [a]: np.NDArray[], lr: number): void {
    np.add(a, np.square(g), { out: a });
    np.subtract(v.value, np.divide(np.multiply(g, lr), np.sqrt(np.add(a, this.epsilon))), { out: v.value });
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initial_accumulator_value: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
