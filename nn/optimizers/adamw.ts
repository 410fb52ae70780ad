// AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019): before each Adam step,
//   v ← v - v · wd · lr        (the base Optimizer applies it; Keras 3's default wd is 0.004)
import { ValueError } from '../../ndarray/index.ts';
import { Adam, ADAM_OPTIONS, type AdamOptions } from './adam.ts';
import { checkOptions } from '../options.ts';

/**
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { Variable, optimizers } from 'tessera/nn';
 *
 * const w = new Variable('w', np.array([1, 2], { dtype: 'float32' }));
 * const opt = new optimizers.AdamW({ learningRate: 0.1, weightDecay: 0.1 });
 * for (let step = 0; step < 2; step++) opt.apply([np.array([0.5, -1], { dtype: 'float32' })], [w]);
 * console.log(np.round(w.value, { decimals: 5 })); // Adam after w ← w - w · wd · lr
 * ```
 *
 * ```text output
 * array([0.7811, 2.1592], dtype=float32)
 * ```
 */
export class AdamW extends Adam {
  constructor(options: AdamOptions = {}) {
    checkOptions('AdamW', options, ADAM_OPTIONS);
    super({ ...options, weightDecay: options?.weightDecay ?? 0.004 }, ADAM_OPTIONS);
    if (this.weightDecay === null) throw new ValueError('Argument `weight_decay` must be a float. Received: weight_decay=None');
  }
}
