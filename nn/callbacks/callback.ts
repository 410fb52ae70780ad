// Callbacks: code that runs at fixed points of fit, evaluate and predict (Keras's hooks). A
// subclass overrides the hooks it needs; each may be async, and fit awaits it. `logs` holds the
// numbers of the moment: after an epoch, `loss`, each metric, and their `val_` forms.
// `this.model` is the model being trained; setting `model.stopTraining = true` ends fit after the
// current epoch (how EarlyStopping works).
import type { Model } from '../models/model.ts';

export type Logs = Record<string, number>;
type Hook = (arg: number | Logs | undefined, logs?: Logs) => void | Promise<void>;

export interface FitParams { epochs: number; steps: number | null; verbose: number; batchSize?: number; samples?: number }

export class Callback {
  model: Model | null = null;
  params: FitParams = { epochs: 0, steps: null, verbose: 0 };
  setModel(model: Model): void { this.model = model; }
  setParams(params: FitParams): void { this.params = params; }
  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onTrainBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTrainBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTestBegin(_logs?: Logs): void | Promise<void> {}
  onTestEnd(_logs?: Logs): void | Promise<void> {}
  onTestBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTestBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
  onPredictBegin(_logs?: Logs): void | Promise<void> {}
  onPredictEnd(_logs?: Logs): void | Promise<void> {}
  onPredictBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onPredictBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
}

export type HookName = 'onTrainBegin' | 'onTrainEnd' | 'onEpochBegin' | 'onEpochEnd' | 'onTrainBatchBegin' | 'onTrainBatchEnd'
  | 'onTestBegin' | 'onTestEnd' | 'onTestBatchBegin' | 'onTestBatchEnd' | 'onPredictBegin' | 'onPredictEnd' | 'onPredictBatchBegin' | 'onPredictBatchEnd';

/** The callbacks of one fit/evaluate/predict call, called in order. */
export class CallbackList {
  readonly callbacks: Callback[];
  constructor(callbacks: readonly Callback[], model: Model, params: FitParams) {
    this.callbacks = [...callbacks];
    for (const c of this.callbacks) {
      if (!(c instanceof Callback)) throw new TypeError(`callbacks must be Callback instances, got ${String(c)}`);
      c.setModel(model);
      c.setParams(params);
    }
  }
  /** Whether any callback overrides `hook` (so fit can skip reading values nobody wants). */
  has(hook: HookName): boolean {
    return this.callbacks.some((c) => (c as unknown as Record<string, unknown>)[hook] !== (Callback.prototype as unknown as Record<string, unknown>)[hook]);
  }
  async call(hook: HookName, arg?: number | Logs, logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await ((c[hook] as Hook).call(c, arg, logs));
  }
}
