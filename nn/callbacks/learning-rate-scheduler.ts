// LearningRateScheduler: before each epoch, set the learning rate from a function of the epoch
// (counted from 0) and the current rate:  lr ← schedule(epoch, lr)   (Keras's rule). After each epoch the
// rate used is added to the logs as `learning_rate`, as Keras 3 does. Keras keeps the rate in a float32
// variable, so the rate it reads (and hands to `schedule`, and logs) is the float32 value: 0.1 reads as
// 0.10000000149011612. tessera reads it the same way, so the numbers match Keras's.
import * as np from '../../ndarray/index.ts';
import { Callback, type Logs } from './callback.ts';
import { checkOptions } from '../options.ts';
import { floatRepr } from './csv-logger.ts';
import type { Optimizer } from '../optimizers/optimizer.ts';
import { checkValues } from '../checks.ts';

/** float(optimizer.learning_rate) in Keras: the current rate as its float32 variable holds it. */
export function readLearningRate(optimizer: Optimizer): number {
  return Math.fround(typeof optimizer.learningRate === 'number' ? optimizer.learningRate : optimizer.currentLearningRate());
}

/** optimizer.learning_rate = lr in Keras: a rate given as a schedule (a function) cannot be overwritten. */
export function setLearningRate(optimizer: Optimizer, lr: number): void {
  if (typeof optimizer.learningRate === 'function') {
    throw new TypeError('This optimizer was created with a learning rate schedule (a function) as its `learningRate`, hence its learning rate is not settable. If you need the learning rate to be settable, create the optimizer with a number as `learningRate`.');
  }
  optimizer.learningRate = lr;
}

export type Schedule = (epoch: number, lr: number) => number;

/**
 * Sets the learning rate before every epoch. Example (lr 1, then 0.99, ..., never below 0.1):
 *   new LearningRateScheduler((epoch) => Math.max(0.1, 1 - 0.01 * epoch), { verbose: 1 })
 * prints `Epoch 1: LearningRateScheduler setting learning rate to 1.0.`
 *
 * @example
 * ```ts
 * import { Sequential, layers, callbacks } from 'tessera/nn';
 *
 * const model = new Sequential([new layers.Dense(1, { inputShape: [1], kernelInitializer: 'zeros' })]);
 * model.compile({ optimizer: 'sgd', loss: 'mse' });
 * const schedule = new callbacks.LearningRateScheduler((epoch) => 0.1 / (epoch + 1));
 * const history = await model.fit([[0], [1]], [1, 3], { epochs: 3, verbose: 0, callbacks: [schedule] });
 * console.log(history.history.learning_rate); // float32 rates, as Keras logs them
 * ```
 *
 * ```text output
 * [ 0.10000000149011612, 0.05000000074505806, 0.03333333507180214 ]
 * ```
 */
export class LearningRateScheduler extends Callback {
  readonly schedule: Schedule;
  readonly verbose: number;

  constructor(schedule: Schedule, options: { verbose?: number } = {}) {
    super();
    checkOptions('LearningRateScheduler', options, ['verbose']);
    checkValues('LearningRateScheduler', options, { verbose: 'verbose' });
    if (typeof schedule !== 'function') throw new TypeError(`LearningRateScheduler needs a schedule function (epoch, lr) => lr, got ${String(schedule)}`);
    this.schedule = schedule;
    this.verbose = options.verbose ?? 0;
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = this.model!.requireCompiled().optimizer;
    const lr = this.schedule(epoch, readLearningRate(optimizer));
    if (typeof lr !== 'number') throw new np.ValueError(`The output of the \`schedule\` function should be a float. Got: ${String(lr)}`);
    setLearningRate(optimizer, lr);
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${floatRepr(lr)}.`);
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    logs.learning_rate = readLearningRate(this.model!.requireCompiled().optimizer);
  }
}
