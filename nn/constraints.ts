// Constraints: a projection applied to a weight after every optimizer update.
//   MaxNorm(m): each column w_j of a Dense kernel (the weights into one unit, norms taken over
//   axis 0) with ‖w_j‖ > m is rescaled to norm m:  w_j ← w_j · min(1, m / ‖w_j‖)
//   (Keras computes w · clip(norm, 0, m) / (ε + norm), ε = 1e-7; so does tessera.)
import * as np from '../ndarray/index.ts';
import { checkOptions } from './options.ts';
import { epsilon } from './backend.ts';
import { describe } from './checks.ts';

type NDArray = np.NDArray;

export interface Constraint {
  /** The projected weight (a new array). */
  apply(w: NDArray): NDArray;
  getConfig(): { className: string; config: Record<string, number> };
}

export class MaxNorm implements Constraint {
  readonly maxValue: number;
  readonly axis: number;
  constructor(maxValue: number | { maxValue?: number; axis?: number } = 2, options: { axis?: number } = {}) {
    const o = typeof maxValue === 'number' ? { maxValue, ...options } : maxValue;
    checkOptions('MaxNorm', o, ['maxValue', 'axis']);
    this.maxValue = o.maxValue ?? 2;
    this.axis = o.axis ?? 0;
    if (!(this.maxValue > 0)) throw new np.ValueError(`MaxNorm: maxValue must be positive, got ${String(this.maxValue)}`);
  }
  apply(w: NDArray): NDArray {
    return np.tidy(() => {
      const norms = np.sqrt(np.sum(np.square(w), { axis: this.axis, keepdims: true }));
      const desired = np.clip(norms, 0, this.maxValue);
      return np.multiply(w, np.divide(desired, np.add(norms, epsilon())));
    });
  }
  getConfig(): { className: string; config: Record<string, number> } {
    return { className: 'MaxNorm', config: { max_value: this.maxValue, axis: this.axis } };
  }
}

/** A constraint from a Keras name ('max_norm'), a config or an object. */
export function getConstraint(spec: Constraint | string | { className: string; config: Record<string, number> } | null | undefined): Constraint | null {
  if (spec === null || spec === undefined) return null;
  if (typeof spec === 'string') {
    if (spec === 'max_norm' || spec === 'maxNorm') return new MaxNorm();
    throw new np.ValueError(`Could not interpret constraint identifier: '${spec}' (known: max_norm)`);
  }
  if (typeof spec === 'object' && typeof (spec as Constraint).apply === 'function') return spec as Constraint;
  const config = spec as { className?: unknown; config?: Record<string, number> };
  if (typeof spec === 'object' && config.className === 'MaxNorm') return new MaxNorm(config.config?.max_value, { axis: config.config?.axis });
  throw new np.ValueError(`Could not interpret constraint identifier: ${describe(spec)}`);
}
