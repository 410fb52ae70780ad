// EarlyStopping: stop training when the monitored value has stopped improving (Keras's rule).
// An epoch improves when it beats the best so far by more than minDelta (in the direction of
// `mode`: 'min' for losses, 'max' for accuracies, 'auto' decides from the name). After `patience`
// epochs in a row without improvement, training stops: with the best epoch k (from 0), epochs
// 0 ... k + patience run. `restoreBestWeights` puts back the weights of the best epoch;
// `startFromEpoch` ignores the first epochs (warm-up); `baseline` is a value to beat.
import { ValueError } from '../../ndarray/index.ts';
import { Callback, type Logs } from './callback.ts';
import { checkOptions } from '../options.ts';
import type * as np from '../../ndarray/index.ts';
import { checkValues } from '../checks.ts';

export interface EarlyStoppingOptions {
  monitor?: string;
  minDelta?: number;
  patience?: number;
  verbose?: number;
  mode?: 'auto' | 'min' | 'max';
  baseline?: number | null;
  restoreBestWeights?: boolean;
  startFromEpoch?: number;
}

/**
 * Keras's EarlyStopping: stops fit when `monitor` has not improved by more than minDelta for `patience` epochs.
 *
 * @example
 * ```ts
 * import { Sequential, layers, callbacks } from 'tessera/nn';
 *
 * const model = new Sequential([new layers.Dense(1, { inputShape: [1], kernelInitializer: 'zeros' })]);
 * model.compile({ optimizer: 'sgd', loss: 'mse' });
 * const stop = new callbacks.EarlyStopping({ monitor: 'loss', minDelta: 100, patience: 2 }); // nothing improves by 100
 * const history = await model.fit([[0], [1]], [1, 3], { epochs: 50, verbose: 0, callbacks: [stop] });
 * console.log(history.epoch, stop.stoppedEpoch); // the best epoch (0), then `patience` more
 * ```
 *
 * ```text output
 * [ 0, 1, 2 ] 2
 * ```
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: 'min' | 'max';
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  wait = 0;
  stoppedEpoch = 0;
  best = Infinity;
  bestEpoch = 0;
  private bestWeights: np.NDArray[] | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    checkOptions('EarlyStopping', options, ['monitor', 'minDelta', 'patience', 'verbose', 'mode', 'baseline', 'restoreBestWeights', 'startFromEpoch']);
    checkValues('EarlyStopping', options, { monitor: 'string', minDelta: 'number', patience: 'int', verbose: 'verbose', baseline: 'number', restoreBestWeights: 'boolean', startFromEpoch: 'int' });
    this.monitor = options.monitor ?? 'val_loss';
    this.patience = options.patience ?? 0;
    this.verbose = options.verbose ?? 0;
    this.baseline = options.baseline ?? null;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = options.startFromEpoch ?? 0;
    const mode = options.mode ?? 'auto';
    if (!['auto', 'min', 'max'].includes(mode)) throw new ValueError(`EarlyStopping mode ${mode} is unknown, expected one of ('auto', 'min', 'max')`);
    this.mode = mode === 'auto' ? (this.monitor.endsWith('acc') || this.monitor.endsWith('accuracy') || this.monitor.endsWith('auc') ? 'max' : 'min') : mode;
    // minDelta counts in the improving direction
    this.minDelta = Math.abs(options.minDelta ?? 0) * (this.mode === 'min' ? -1 : 1);
  }

  private improves(current: number, reference: number): boolean {
    return this.mode === 'min' ? current - this.minDelta < reference : current - this.minDelta > reference;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.bestEpoch = 0;
    this.disposeBest();
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`Early stopping conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${Object.keys(logs).join(',')}`);
      return;
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) this.bestWeights = this.model!.getWeights();
    this.wait++;
    if (this.improves(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) {
        this.disposeBest();
        this.bestWeights = this.model!.getWeights();
      }
      if (this.baseline === null || this.improves(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model!.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights) {
      if (this.verbose > 0) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.model!.setWeights(this.bestWeights);
    }
    this.disposeBest();
  }

  private disposeBest(): void {
    this.bestWeights?.forEach((w) => w.dispose());
    this.bestWeights = null;
  }
}
