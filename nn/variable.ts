// A Variable is a weight: a named array that training changes in place of itself. Layers read
// `variable.value` when they compute; an optimizer step `assign`s the new value (and the old array
// is freed); while np.grad records a training step the model swaps in traced copies (models/step.ts).
import * as np from '../ndarray/index.ts';
import type { Constraint } from './constraints.ts';
import type { Regularizer } from './regularizers.ts';

type NDArray = np.NDArray;

export class Variable {
  readonly name: string;
  value: NDArray;
  trainable: boolean;
  readonly constraint: Constraint | null;
  readonly regularizer: Regularizer | null;

  constructor(name: string, value: NDArray, options: { trainable?: boolean; constraint?: Constraint | null; regularizer?: Regularizer | null } = {}) {
    this.name = name;
    this.value = np.keep(value);
    this.trainable = options.trainable ?? true;
    this.constraint = options.constraint ?? null;
    this.regularizer = options.regularizer ?? null;
  }
  get shape(): readonly number[] { return this.value.shape; }
  get size(): number { return this.value.size; }
  /** Replaces the value (same shape) and frees the old array. */
  assign(value: NDArray): void {
    if (value === this.value) return;
    if (value.shape.join() !== this.value.shape.join()) {
      throw new np.ValueError(`Variable '${this.name}': cannot assign a value of shape (${value.shape.join(', ')}) to a variable of shape (${this.value.shape.join(', ')})`);
    }
    const old = this.value;
    this.value = np.keep(value);
    old.dispose();
  }
  dispose(): void { this.value.dispose(); }
}
