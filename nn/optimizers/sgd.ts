// SGD: stochastic gradient descent, with momentum and Nesterov momentum (Keras 3's rule).
//   without momentum:  v ← v - lr · g
//   with momentum μ:   m ← μ m - lr · g;   v ← v + m
//   nesterov:          m ← μ m - lr · g;   v ← v + μ m - lr · g
// Defaults: lr 0.01, momentum 0, nesterov false.
import * as np from '../../ndarray/index.ts';
import { Optimizer, OPTIMIZER_OPTIONS, fusable, type OptimizerOptions } from './optimizer.ts';
import type { Variable } from '../variable.ts';
import { describe, requireType } from '../checks.ts';

export interface SGDOptions extends OptimizerOptions { momentum?: number; nesterov?: boolean }

/**
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { Variable, optimizers } from 'tessera/nn';
 *
 * const w = new Variable('w', np.array([1, 2], { dtype: 'float32' }));
 * const opt = new optimizers.SGD({ learningRate: 0.1, momentum: 0.9 });
 * for (let step = 0; step < 2; step++) opt.apply([np.array([0.5, -1], { dtype: 'float32' })], [w]);
 * console.log(np.round(w.value, { decimals: 5 })); // m ← 0.9 m - 0.1 g; w ← w + m, twice
 * ```
 *
 * ```text output
 * array([0.855, 2.29 ], dtype=float32)
 * ```
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly nesterov: boolean;
  constructor(options: SGDOptions = {}) {
    super(options, [...OPTIMIZER_OPTIONS, 'momentum', 'nesterov'], 0.01);
    this.momentum = options.momentum ?? 0;
    this.nesterov = requireType<boolean | undefined>('SGD', 'nesterov', options.nesterov, 'boolean') ?? false;
    if (typeof this.momentum !== 'number' || !(this.momentum >= 0 && this.momentum <= 1)) throw new np.ValueError(`\`momentum\` must be a float between [0, 1]. Received: momentum=${describe(this.momentum)}`);
  }
  protected slotNames(): string[] { return this.momentum ? ['momentum'] : []; }
  protected updateStep(g: np.NDArray, v: Variable, [m]: np.NDArray[], lr: number): void {
    if (fusable(v.value, g, ...(m ? [m] : []))) return np.fused.sgdStep(v.value, g, m ?? null, { lr, momentum: this.momentum, nesterov: this.nesterov });
    if (!this.momentum) {
      np.subtract(v.value, np.multiply(g, lr), { out: v.value });
      return;
    }
    np.subtract(np.multiply(m, this.momentum), np.multiply(g, lr), { out: m });
    const step = this.nesterov ? np.subtract(np.multiply(m, this.momentum), np.multiply(g, lr)) : m;
    np.add(v.value, step, { out: v.value });
  }
  override getConfig(): Record<string, unknown> { return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov }; }
}
