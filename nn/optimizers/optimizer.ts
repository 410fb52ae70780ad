// The Optimizer base: turns gradients into weight updates, one `apply` per training step.
// What every optimizer shares, in Keras 3's order for each variable v with gradient g:
//   1. clipping: clipnorm c: g ← g · c / max(‖g‖₂, c);  clipvalue c: g ← clip(g, -c, c)
//   2. weight decay wd (AdamW, or any optimizer given weightDecay): v ← v - v · wd · lr
//   3. the optimizer's own update rule (`updateStep`, in each optimizer's file), with its state
//      ("slots": momentum, running averages) kept per variable on the variable's device.
// The learning rate is a number (settable: `opt.learningRate = 0.01`), a function of the step
// count (a schedule), and Keras 2's `decay` gives lr / (1 + decay · iterations).
import * as np from '../../ndarray/index.ts';
import { Variable } from '../variable.ts';
import { checkOptions } from '../options.ts';
import { describe, requireList, requireNumber, requireType } from '../checks.ts';

type NDArray = np.NDArray;
export type LearningRate = number | ((iteration: number) => number);

export interface OptimizerOptions {
  learningRate?: LearningRate;
  /** Keras 2's name for learningRate. */
  lr?: LearningRate;
  clipnorm?: number | null;
  clipvalue?: number | null;
  weightDecay?: number | null;
  /** Keras 2's inverse-time decay of the learning rate. */
  decay?: number;
  name?: string;
}
export const OPTIMIZER_OPTIONS = ['learningRate', 'lr', 'clipnorm', 'clipvalue', 'weightDecay', 'decay', 'name'];

export abstract class Optimizer {
  learningRate: LearningRate;
  /** The number of updates applied so far (Keras's `iterations`). */
  iterations = 0;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  weightDecay: number | null;
  readonly decay: number;
  readonly name: string;
  /** Per-variable state, in the order `slotNames` lists it. */
  private readonly slots = new Map<Variable, NDArray[]>();

  protected constructor(options: OptimizerOptions, validOptions: readonly string[], defaultLr: number) {
    const cls = this.constructor.name;
    checkOptions(cls, options, validOptions);
    if (options.learningRate !== undefined && options.lr !== undefined) throw new TypeError(`${cls}: give learningRate or its Keras 2 alias lr, not both`);
    this.learningRate = options.learningRate ?? options.lr ?? defaultLr;
    if (typeof this.learningRate !== 'function') checkPositive(cls, 'learningRate', this.learningRate);
    if (options.clipnorm != null && options.clipvalue != null) throw new np.ValueError('Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm and clipvalue');
    const orNull = (name: 'clipnorm' | 'clipvalue' | 'weightDecay'): number | null => (options[name] == null ? null : checkPositive(cls, name, options[name]));
    this.clipnorm = orNull('clipnorm');
    this.clipvalue = orNull('clipvalue');
    this.weightDecay = orNull('weightDecay');
    this.decay = checkPositive(cls, 'decay', options.decay ?? 0);
    this.name = requireType<string | undefined>(cls, 'name', options.name, 'string') ?? cls.toLowerCase();
  }

  /** Keras's `lr` alias, readable and settable. */
  get lr(): LearningRate { return this.learningRate; }
  set lr(value: LearningRate) { this.learningRate = value; }

  /** The learning rate of the current step. */
  currentLearningRate(): number {
    const base = typeof this.learningRate === 'function' ? this.learningRate(this.iterations) : this.learningRate;
    return this.decay ? base / (1 + this.decay * this.iterations) : base;
  }

  /** The names of the per-variable state arrays (e.g. ['momentum'], ['m', 'v']). */
  protected abstract slotNames(): string[];
  /** The state arrays' initial values for a variable (zeros unless an optimizer says otherwise). */
  protected initialSlot(_name: string, v: Variable): NDArray {
    return np.zeros([...v.shape], { dtype: v.value.dtype, device: v.value.device });
  }
  /** The update rule: changes v.value and the slots in place for gradient g at step t (1-based). */
  protected abstract updateStep(g: NDArray, v: Variable, slots: NDArray[], lr: number, t: number): void;

  /** One training step: clip, decay and update every variable, then count the step. */
  apply(grads: readonly NDArray[], variables: readonly Variable[]): void {
    checkApplyArguments(requireList('apply', 'grads', grads), requireList('apply', 'variables', variables));
    const lr = this.currentLearningRate();
    const t = this.iterations + 1;
    np.tidy(() => {
      grads.forEach((g0, i) => {
        const v = variables[i];
        const g = this.clip(g0);
        if (this.weightDecay) np.subtract(v.value, np.multiply(v.value, this.weightDecay * lr), { out: v.value });
        this.updateStep(g, v, this.slotsOf(v), lr, t);
        if (v.constraint) v.assign(np.keep(v.constraint.apply(v.value)));
      });
    });
    this.iterations++;
  }

  private clip(g: NDArray): NDArray {
    if (this.clipvalue !== null) return np.clip(g, -this.clipvalue, this.clipvalue);
    if (this.clipnorm !== null) {
      const norm = np.sqrt(np.sum(np.square(g)));
      return np.multiply(g, np.divide(this.clipnorm, np.maximum(norm, this.clipnorm)));
    }
    return g;
  }

  private slotsOf(v: Variable): NDArray[] {
    let s = this.slots.get(v);
    if (!s) {
      s = this.slotNames().map((name) => np.keep(this.initialSlot(name, v)));
      this.slots.set(v, s);
    }
    return s;
  }

  /** The state, for saving: iterations and each variable's slots in `variables` order. */
  getState(variables: readonly Variable[]): { iterations: number; slots: NDArray[][] } {
    return { iterations: this.iterations, slots: variables.map((v) => this.slotsOf(v)) };
  }
  /** Restores what getState returned (slots become this optimizer's arrays). */
  setState(variables: readonly Variable[], state: { iterations: number; slots: NDArray[][] }): void {
    this.iterations = state.iterations;
    variables.forEach((v, i) => {
      this.slots.get(v)?.forEach((a) => a.dispose());
      this.slots.set(v, state.slots[i].map((a) => np.keep(a)));
    });
  }

  /** Keras's optimizer config (snake_case keys). */
  getConfig(): Record<string, unknown> {
    return {
      name: this.name, learning_rate: typeof this.learningRate === 'number' ? this.learningRate : this.currentLearningRate(),
      weight_decay: this.weightDecay, clipnorm: this.clipnorm, clipvalue: this.clipvalue,
    };
  }

  /** Frees the state arrays. */
  dispose(): void {
    for (const s of this.slots.values()) s.forEach((a) => a.dispose());
    this.slots.clear();
  }
}

/** A hyperparameter that must be a finite number >= 0 (learningRate, momentum, epsilon, ...). */
export function checkPositive(cls: string, name: string, value: unknown): number {
  return requireNumber(cls, name, value, 0);
}

/** optimizer.apply's arguments: one gradient (an NDArray of the variable's shape) per Variable. */
function checkApplyArguments(grads: readonly unknown[], variables: readonly unknown[]): void {
  if (grads.length !== variables.length) throw new np.ValueError(`apply: ${grads.length} gradients for ${variables.length} variables`);
  variables.forEach((v, i) => {
    const g = grads[i];
    if (!(v instanceof Variable)) throw new TypeError(`apply: variables[${i}] must be a Variable (model.trainableWeights lists them), got ${describe(v)}`);
    if (!(g instanceof np.NDArray)) throw new TypeError(`apply: grads[${i}] must be an NDArray, got ${describe(g)}`);
    g.assertAlive();
    if (g.shape.join() !== v.shape.join()) throw new np.ValueError(`apply: grads[${i}] has shape (${g.shape.join(', ')}) but variable '${v.name}' has shape (${v.shape.join(', ')})`);
  });
}

/** True when a fused update (np.fused: one pass over memory, a WGSL kernel on 'webgpu', one loop on
 *  'cpu') can run on these arrays: contiguous, on one device, of one float dtype (float32 on 'webgpu'). */
export const fusable = (...xs: NDArray[]): boolean => xs.every((x) =>
  x.device === xs[0].device && x.dtype === xs[0].dtype && x.flags.cContiguous && (x.dtype === 'float32' || (x.dtype === 'float64' && x.device === 'cpu')));
