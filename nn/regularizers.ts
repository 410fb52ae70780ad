// Regularizers: a penalty on a weight added to the loss that training minimises.
//   L1(l1):  l1 · Σ|w|     gradient l1 · sign(w)
//   L2(l2):  l2 · Σ w²     gradient 2 l2 · w       (Keras's defaults: 0.01 each)
//   L1L2:    both
import * as np from '../ndarray/index.ts';
import { checkOptions } from './options.ts';
import { describe, requireArray, requireNumber } from './checks.ts';

type NDArray = np.NDArray;

export class Regularizer {
  readonly l1: number;
  readonly l2: number;
  constructor(options: { l1?: number; l2?: number } = {}) {
    checkOptions('L1L2', options, ['l1', 'l2']);
    this.l1 = requireNumber('L1L2', 'l1', options?.l1 ?? 0, 0);
    this.l2 = requireNumber('L1L2', 'l2', options?.l2 ?? 0, 0);
  }
  /** The penalty of w (a 0-d array). */
  call(w: NDArray): NDArray {
    requireArray('Regularizer.call', 'x', w);
    let penalty: NDArray | null = null;
    if (this.l1) penalty = np.multiply(np.sum(np.abs(w)), this.l1);
    if (this.l2) {
      const p2 = np.multiply(np.sum(np.square(w)), this.l2);
      penalty = penalty ? np.add(penalty, p2) : p2;
    }
    return penalty ?? np.zeros([], { dtype: w.dtype, device: w.device });
  }
  getConfig(): { className: string; config: Record<string, number> } {
    return { className: 'L1L2', config: { l1: this.l1, l2: this.l2 } };
  }
}

export const l1 = (value = 0.01): Regularizer => new Regularizer({ l1: value });
export const l2 = (value = 0.01): Regularizer => new Regularizer({ l2: value });
export const l1l2 = (options: { l1?: number; l2?: number } = {}): Regularizer => new Regularizer({ l1: options.l1 ?? 0.01, l2: options.l2 ?? 0.01 });

/** A regularizer from a Keras name ('l1', 'l2', 'l1_l2'), a config or an object. */
export function getRegularizer(spec: Regularizer | string | { className: string; config: Record<string, number> } | null | undefined): Regularizer | null {
  if (spec === null || spec === undefined) return null;
  if (spec instanceof Regularizer) return spec;
  if (typeof spec === 'string') {
    const make = { l1, l2, l1_l2: () => l1l2(), l1l2: () => l1l2() }[spec];
    if (!make) throw new np.ValueError(`Could not interpret regularizer identifier: '${spec}' (known: l1, l2, l1_l2)`);
    return make();
  }
  if (typeof spec === 'object' && ['L1L2', 'L1', 'L2'].includes(spec.className)) return new Regularizer(spec.config);
  throw new np.ValueError(`Could not interpret regularizer identifier: ${describe(spec)}`);
}
