// ModelCheckpoint: save the model (or only its weights) during training, as Keras does. The file name
// is a Python format template filled with the epoch, counted from 1, and every log value:
//   path = filepath.format(epoch=epoch + 1, **logs)   ('w-{epoch:02d}-{val_loss:.3f}' → 'w-03-0.123')
// With saveBestOnly, an epoch is saved only when `monitor` improves on the best so far ('min' for losses,
// 'max' for accuracies; 'auto' asks the compiled metric which way is better, as Keras 3 does).
// Saving happens after every epoch, every `period` epochs (Keras 2), or every `saveFreq` batches.
import * as np from '../../ndarray/index.ts';
import { Callback, type Logs } from './callback.ts';
import { checkOptions } from '../options.ts';
import { fileSystem, makeParentDirectory } from '../utils/files.ts';

import { pyFormat, formatValue, KeyError } from '../utils/format.ts';
import type { Model } from '../models/model.ts';
import { checkValues } from '../checks.ts';

/** Creates the folder a checkpoint goes into (where there is a file system). */
const makeParentFolder = async (path: string): Promise<void> => makeParentDirectory(await fileSystem('ModelCheckpoint'), path);

export interface ModelCheckpointOptions {
  filepath?: string;
  monitor?: string;
  verbose?: number;
  saveBestOnly?: boolean;
  saveWeightsOnly?: boolean;
  mode?: 'auto' | 'min' | 'max';
  /** 'epoch', or a number of batches between saves. */
  saveFreq?: 'epoch' | number;
  /** Keras 2: save after epochs N, 2N, ... (counted from 1). */
  period?: number;
  /** The best value to beat at the start (saveBestOnly). */
  initialValueThreshold?: number | null;
}

const OPTIONS = ['filepath', 'monitor', 'verbose', 'saveBestOnly', 'saveWeightsOnly', 'mode', 'saveFreq', 'period', 'initialValueThreshold'];

/** Compiled metrics whose larger values are better, and those whose smaller values are (Keras's `_direction`). */
const UP = new Set(['accuracy', 'acc', 'binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy']);
const DOWN = new Set(['mse', 'mean_squared_error', 'mae', 'mean_absolute_error']);

/** The `mode` option checked: one of 'auto', 'min', 'max'. */
export function checkMode(cls: string, mode: string): 'auto' | 'min' | 'max' {
  if (mode !== 'auto' && mode !== 'min' && mode !== 'max') throw new np.ValueError(`${cls} mode '${mode}' is unknown, expected one of 'auto', 'min', 'max'`);
  return mode;
}

/**
 * Which way `monitor` improves (Keras 3's MonitorCallback): 'min' or 'max' as given; for 'auto', a loss
 * ('loss', 'val_loss') is minimised and a compiled metric goes the way it is made to go (accuracies up,
 * errors down). Anything else is an error, since guessing from the name is how checkpoints go wrong.
 */
export function monitorMode(cls: string, monitor: string, mode: 'auto' | 'min' | 'max', model: Model | null): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  const name = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  if (name === 'loss') return 'min';
  const metric = model?.compiled?.metrics.find((m) => m.name === name);
  if (metric && UP.has(name)) return 'max';
  if (metric && DOWN.has(name)) return 'min';
  throw new np.ValueError(`${cls} callback received monitor=${monitor}, but tessera isn't able to automatically determine whether that metric should be maximized or minimized. Pass \`mode: 'max'\` in order to monitor based on the highest metric value, or pass \`mode: 'min'\` in order to use the lowest value.`);
}

/**
 * Saves the model or its weights during fit. Example:
 *   new ModelCheckpoint('ckpt/model-{epoch:03d}-{val_loss:.3f}.json', { saveBestOnly: true, verbose: 1 })
 * prints `Epoch 1: val_loss improved from inf to 0.15606, saving model to ckpt/model-001-0.156.json`.
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly verbose: number;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly mode: 'auto' | 'min' | 'max';
  readonly saveFreq: 'epoch' | number;
  readonly period: number;
  /** The best monitored value so far (kept across fit calls, as in Keras). */
  best: number | null;
  private direction: 'min' | 'max' | null = null;
  private epochsSinceLastSave = 0;
  private batchesSinceLastSave = 0;
  private lastBatchSeen: number | null = null;
  private currentEpoch = 0;

  constructor(filepath: string | ModelCheckpointOptions, options: ModelCheckpointOptions = {}) {
    super();
    if (typeof filepath === 'string' && options.filepath !== undefined) throw new TypeError('ModelCheckpoint got multiple values for argument \'filepath\'');
    const all = typeof filepath === 'string' ? { ...options, filepath } : filepath;
    checkOptions('ModelCheckpoint', all, OPTIONS);
    checkValues('ModelCheckpoint', all, { monitor: 'string', verbose: 'verbose', saveBestOnly: 'boolean', saveWeightsOnly: 'boolean', period: 'positiveInt', initialValueThreshold: 'number' });
    if (typeof all.filepath !== 'string' || all.filepath === '') throw new TypeError(`ModelCheckpoint needs a filepath (a string such as 'model-{epoch:02d}.json'), got ${String(all.filepath)}`);
    this.filepath = all.filepath;
    this.monitor = all.monitor ?? 'val_loss';
    this.verbose = all.verbose ?? 0;
    this.saveBestOnly = all.saveBestOnly ?? false;
    this.saveWeightsOnly = all.saveWeightsOnly ?? false;
    this.mode = checkMode('ModelCheckpoint', all.mode ?? 'auto');
    this.best = all.initialValueThreshold ?? null;
    this.saveFreq = all.saveFreq ?? 'epoch';
    if (this.saveFreq !== 'epoch' && !(Number.isInteger(this.saveFreq) && this.saveFreq > 0)) {
      throw new np.ValueError(`Unrecognized save_freq: ${this.saveFreq}. Expected save_freq are 'epoch' or integer values`);
    }
    this.period = all.period ?? 1;
    if (!(Number.isInteger(this.period) && this.period > 0)) throw new np.ValueError(`ModelCheckpoint: period must be a positive integer (save every period epochs), got ${all.period}`);
    if (all.period !== undefined && this.saveFreq !== 'epoch') throw new TypeError('ModelCheckpoint: period counts epochs, so it cannot be combined with a saveFreq in batches');
    // Only a batch-wise checkpoint listens to batches (fit reads batch logs only for those who listen).
    if (this.saveFreq !== 'epoch') this.onTrainBatchEnd = this.saveOnBatch;
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    this.direction ??= this.startMonitoring();
    if (this.saveFreq !== 'epoch') return;
    this.epochsSinceLastSave += 1;
    if (this.epochsSinceLastSave < this.period) return;
    this.epochsSinceLastSave = 0;
    await this.saveModel(epoch, null, logs);
  }

  /** Counts the batches seen (a batch index that did not grow means a new epoch) and saves every saveFreq. */
  private async saveOnBatch(batch: number, logs: Logs = {}): Promise<void> {
    const added = this.lastBatchSeen === null || batch <= this.lastBatchSeen ? batch + 1 : batch - this.lastBatchSeen;
    this.lastBatchSeen = batch;
    this.batchesSinceLastSave += added;
    if (this.batchesSinceLastSave < (this.saveFreq as number)) return;
    this.batchesSinceLastSave = 0;
    this.direction ??= this.startMonitoring();
    await this.saveModel(this.currentEpoch, batch, logs);
  }

  /** Fixes the direction on first use (as Keras 3, even without saveBestOnly); the best starts at ±inf. */
  private startMonitoring(): 'min' | 'max' {
    const direction = monitorMode('ModelCheckpoint', this.monitor, this.mode, this.model);
    this.best ??= direction === 'min' ? Infinity : -Infinity;
    return direction;
  }

  /** The file name: the template filled with epoch (from 1), batch (from 1, batch-wise saving) and the logs. */
  filePath(epoch: number, batch: number | null, logs: Logs): string {
    const values: Logs = batch === null || 'batch' in logs ? { epoch: epoch + 1, ...logs } : { epoch: epoch + 1, batch: batch + 1, ...logs };
    try {
      return pyFormat(this.filepath, values);
    } catch (e) {
      if (e instanceof KeyError) throw new KeyError(e.key, `Failed to format this callback filepath: "${this.filepath}". Reason: ${e.message}`);
      throw e;
    }
  }

  /** Keras's rule: always save without saveBestOnly; with it, only on improvement (or when the value is missing). */
  private shouldSave(epoch: number, logs: Logs, path: string): boolean {
    if (!this.saveBestOnly) {
      if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: saving model to ${path}`);
      return true;
    }
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`Can save best model only with ${this.monitor} available.`);
      return true;
    }
    const best = formatValue(this.best!, '.5f');
    const improved = this.direction === 'min' ? current < this.best! : current > this.best!;
    if (!improved) {
      if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${best}`);
      return false;
    }
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ${this.monitor} improved from ${best} to ${formatValue(current, '.5f')}, saving model to ${path}`);
    this.best = current;
    return true;
  }

  private async saveModel(epoch: number, batch: number | null, logs: Logs): Promise<void> {
    const path = this.filePath(epoch, batch, logs);
    if (!this.shouldSave(epoch, logs, path)) return;
    await makeParentFolder(path);
    try {
      if (this.saveWeightsOnly) await this.model!.saveWeights(path);
      else await this.model!.save(path);
    } catch (e) {
      if ((e as { code?: string }).code === 'EISDIR') throw new np.ValueError(`Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: ${path}`);
      throw e;
    }
  }
}
