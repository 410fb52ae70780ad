// LambdaCallback: a callback made of plain functions, one per hook (Keras's LambdaCallback), for the
// small jobs that need no class: print something, append to a list, stop at a condition. Only the hooks
// given are installed, so fit reads batch logs only when a batch function asks for them. onBatchBegin and
// onBatchEnd are Keras 2's names for onTrainBatchBegin and onTrainBatchEnd.
import { Callback, type HookName, type Logs } from './callback.ts';
import { checkOptions } from '../options.ts';

type Awaitable = void | Promise<void>;
type EpochHook = (epoch: number, logs?: Logs) => Awaitable;
type BatchHook = (batch: number, logs?: Logs) => Awaitable;
type LogsHook = (logs?: Logs) => Awaitable;

export interface LambdaCallbackOptions {
  onEpochBegin?: EpochHook;
  onEpochEnd?: EpochHook;
  onTrainBegin?: LogsHook;
  onTrainEnd?: LogsHook;
  onTrainBatchBegin?: BatchHook;
  onTrainBatchEnd?: BatchHook;
  /** Keras 2's name for onTrainBatchBegin. */
  onBatchBegin?: BatchHook;
  /** Keras 2's name for onTrainBatchEnd. */
  onBatchEnd?: BatchHook;
  onTestBegin?: LogsHook;
  onTestEnd?: LogsHook;
  onTestBatchBegin?: BatchHook;
  onTestBatchEnd?: BatchHook;
  onPredictBegin?: LogsHook;
  onPredictEnd?: LogsHook;
  onPredictBatchBegin?: BatchHook;
  onPredictBatchEnd?: BatchHook;
}

const HOOKS: HookName[] = ['onEpochBegin', 'onEpochEnd', 'onTrainBegin', 'onTrainEnd', 'onTrainBatchBegin', 'onTrainBatchEnd',
  'onTestBegin', 'onTestEnd', 'onTestBatchBegin', 'onTestBatchEnd', 'onPredictBegin', 'onPredictEnd', 'onPredictBatchBegin', 'onPredictBatchEnd'];
const ALIASES: Record<string, HookName> = { onBatchBegin: 'onTrainBatchBegin', onBatchEnd: 'onTrainBatchEnd' };

/**
 * Example: log each epoch's loss and stop the clock at the end.
 *   new LambdaCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss), onTrainEnd: () => console.timeEnd('fit') })
 *
 * @example
 * ```ts
 * import { Sequential, layers, callbacks } from 'tessera/nn';
 *
 * const model = new Sequential([new layers.Dense(1, { inputShape: [1], kernelInitializer: 'zeros' })]);
 * model.compile({ optimizer: 'sgd', loss: 'mse' });
 * const log = new callbacks.LambdaCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss) });
 * await model.fit([[0], [1]], [1, 3], { epochs: 2, verbose: 0, callbacks: [log] });
 * ```
 *
 * ```text output
 * 0 5
 * 1 4.753250598907471
 * ```
 */
export class LambdaCallback extends Callback {
  constructor(options: LambdaCallbackOptions = {}) {
    super();
    checkOptions('LambdaCallback', options, [...HOOKS, ...Object.keys(ALIASES)]);
    const given = options as Record<string, unknown>;
    for (const [alias, hook] of Object.entries(ALIASES)) {
      if (given[alias] !== undefined && given[hook] !== undefined) throw new TypeError(`LambdaCallback: give ${hook} or its Keras 2 name ${alias}, not both`);
    }
    for (const name of [...HOOKS, ...Object.keys(ALIASES)]) {
      const fn = given[name];
      if (fn === undefined) continue;
      if (typeof fn !== 'function') throw new TypeError(`LambdaCallback: ${name} must be a function, got ${typeof fn}`);
      (this as unknown as Record<string, unknown>)[ALIASES[name] ?? name] = fn;
    }
  }
}
