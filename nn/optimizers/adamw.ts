// AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019): before each Adam step,
//   v ← v - v · wd · lr        (the base Optimizer applies it; Keras 3's default wd is 0.004)
import { ValueError } from '../../ndarray/index.ts';
import { Adam, ADAM_OPTIONS, type AdamOptions } from './adam.ts';
import { checkOptions } from '../options.ts';

export class AdamW extends Adam {
  constructor(options: AdamOptions = {}) {
    checkOptions('AdamW', options, ADAM_OPTIONS);
    super({ ...options, weightDecay: options?.weightDecay ?? 0.004 }, ADAM_OPTIONS);
    if (this.weightDecay === null) throw new ValueError('Argument `weight_decay` must be a float. Received: weight_decay=None');
  }
}
