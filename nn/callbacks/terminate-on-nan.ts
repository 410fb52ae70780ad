// TerminateOnNaN: stop training as soon as a batch's loss is NaN or infinite (Keras's TerminateOnNaN).
// Once the loss is NaN the weights are NaN too, and every later step only repeats it. The default stop
// is graceful (model.stopTraining, so every callback's onTrainEnd still runs); `raiseError` throws instead.
import { ValueError } from '../../ndarray/index.ts';
import { Callback, type Logs } from './callback.ts';
import { checkOptions } from '../options.ts';
import { floatRepr } from './csv-logger.ts';

/**
 * Stops training at the first batch whose loss is NaN or infinite (Keras's TerminateOnNaN).
 *
 * @example
 * ```ts
 * import { Sequential, layers, callbacks } from 'tessera/nn';
 *
 * const model = new Sequential([new layers.Dense(1, { inputShape: [1], kernelInitializer: 'zeros' })]);
 * model.compile({ optimizer: 'sgd', loss: 'mse' });
 * const history = await model.fit([[0], [1]], [NaN, 3], { epochs: 5, verbose: 0, callbacks: [new callbacks.TerminateOnNaN()] });
 * console.log(history.epoch, history.history.loss);
 * ```
 *
 * ```text output
 * Batch 0: Invalid loss, terminating training
 * [ 0 ] [ NaN ]
 * ```
 */
export class TerminateOnNaN extends Callback {
  readonly raiseError: boolean;

  constructor(options: { raiseError?: boolean } = {}) {
    super();
    checkOptions('TerminateOnNaN', options, ['raiseError']);
    this.raiseError = options.raiseError ?? false;
  }

  /** Checks the batch's loss (batch counted from 0, as Keras prints it). */
  override onTrainBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss === undefined || Number.isFinite(loss)) return;
    if (this.raiseError) throw new ValueError(`NaN or Inf loss encountered at batch ${batch}. Loss value: ${floatRepr(loss)}. Terminating training immediately.`);
    console.log(`Batch ${batch}: Invalid loss, terminating training`);
    this.model!.stopTraining = true;
  }
}
