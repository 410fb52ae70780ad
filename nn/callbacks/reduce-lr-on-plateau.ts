// ReduceLROnPlateau: multiply the learning rate by `factor` when the monitored value has stopped
// improving (Keras 3's rule). An epoch improves when it beats the best by more than minDelta:
//   min: current < best − minDelta      max: current > best + minDelta
// Each epoch without improvement adds 1 to `wait`; when wait reaches `patience`, lr ← max(lr · factor, minLr)
// (only while lr > minLr), and wait stays at 0 during the `cooldown` that follows. The rate of the epoch is
// added to the logs as `learning_rate`, read as Keras's float32 variable holds it.
import * as np from '../../ndarray/index.ts';
import { Callback, type Logs } from './callback.ts';
import { checkOptions } from '../options.ts';
import { checkMode, monitorMode } from './model-checkpoint.ts';
import { readLearningRate, setLearningRate } from './learning-rate-scheduler.ts';
import { floatRepr } from './csv-logger.ts';
import { checkValues } from '../checks.ts';

export interface ReduceLROnPlateauOptions {
  monitor?: string;
  factor?: number;
  patience?: number;
  verbose?: number;
  mode?: 'auto' | 'min' | 'max';
  minDelta?: number;
  cooldown?: number;
  minLr?: number;
}

/**
 * Lowers the learning rate on a plateau. Example: with Adam (lr 0.001), new ReduceLROnPlateau({ factor: 0.2, patience: 5, verbose: 1 })
 * prints, after 5 epochs without a better val_loss, `Epoch N: ReduceLROnPlateau reducing learning rate to 0.00020000000949949026.`
 *
 * @example
 * ```ts
 * import { Sequential, layers, callbacks } from 'tessera/nn';
 *
 * const model = new Sequential([new layers.Dense(1, { inputShape: [1], kernelInitializer: 'zeros' })]);
 * model.compile({ optimizer: 'sgd', loss: 'mse' });
 * const reduce = new callbacks.ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 1, minDelta: 100, verbose: 1 }); // nothing improves by 100
 * const history = await model.fit([[0], [1]], [1, 3], { epochs: 3, verbose: 0, callbacks: [reduce] });
 * console.log(history.history.learning_rate);
 * ```
 *
 * ```text output
 *
 * Epoch 2: ReduceLROnPlateau reducing learning rate to 0.004999999888241291.
 *
 * Epoch 3: ReduceLROnPlateau reducing learning rate to 0.0024999999441206455.
 * [ 0.009999999776482582, 0.009999999776482582, 0.004999999888241291 ]
 * ```
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: 'auto' | 'min' | 'max';
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  /** The best value so far (null before the first epoch), epochs without improvement, epochs of cooldown left. */
  best: number | null = null;
  wait = 0;
  cooldownCounter = 0;
  private direction: 'min' | 'max' | null = null;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    checkOptions('ReduceLROnPlateau', options, ['monitor', 'factor', 'patience', 'verbose', 'mode', 'minDelta', 'cooldown', 'minLr']);
    checkValues('ReduceLROnPlateau', options, { monitor: 'string', factor: 'nonNegative', patience: 'int', verbose: 'verbose', minDelta: 'number', cooldown: 'int', minLr: 'nonNegative' });
    this.monitor = options.monitor ?? 'val_loss';
    this.factor = options.factor ?? 0.1;
    if (this.factor >= 1) throw new np.ValueError(`ReduceLROnPlateau does not support a factor >= 1.0. Received factor=${floatRepr(this.factor)}`);
    this.patience = options.patience ?? 10;
    this.verbose = options.verbose ?? 0;
    this.mode = checkMode('ReduceLROnPlateau', options.mode ?? 'auto');
    this.minDelta = Math.abs(options.minDelta ?? 1e-4);
    this.cooldown = options.cooldown ?? 0;
    this.minLr = options.minLr ?? 0;
  }

  override onTrainBegin(): void {
    this.best = null;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  private improves(current: number): boolean {
    if (this.best === null) return true;
    return this.direction === 'min' ? current + this.minDelta < this.best : current - this.minDelta > this.best;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.direction ??= monitorMode('ReduceLROnPlateau', this.monitor, this.mode, this.model);
    const optimizer = this.model!.requireCompiled().optimizer;
    logs.learning_rate = readLearningRate(optimizer);
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`Learning rate reduction is conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${Object.keys(logs).join(',')}.`);
      return;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.improves(current)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    // Keras tests the cooldown again after counting it down, so cooldown c skips only c − 1 epochs.
    if (this.cooldownCounter > 0) return;
    this.wait += 1;
    if (this.wait < this.patience) return;
    const oldLr = readLearningRate(optimizer);
    if (!(oldLr > Math.fround(this.minLr))) return;
    const newLr = Math.max(oldLr * this.factor, this.minLr);
    setLearningRate(optimizer, newLr);
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${floatRepr(newLr)}.`);
    this.cooldownCounter = this.cooldown;
    this.wait = 0;
  }
}
