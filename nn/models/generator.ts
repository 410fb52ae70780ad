// fit on a generator of batches (Keras 3 folded fit_generator into fit). The generator yields
// [x, y] (or [[x], [y]]); `stepsPerEpoch` batches make an epoch.
// Keras reads ahead: before training it pulls up to `maxQueueSize` (10) batches into a queue, and
// after taking a batch out it pulls the next one BEFORE training on the one it took (K-R10). A
// generator that fills one shared buffer and yields it every time therefore hands fit batches that
// are overwritten 10 pulls later: x and y of different batches get mixed (the Keras article's
// first pitfall). Keras is silent about it; tessera warns when the same array object comes twice.
// `maxQueueSize: 0` pulls each batch when it is needed, and so does Keras 2's `workers: 0` (the
// generator then runs in the training loop itself).
import * as np from '../../ndarray/index.ts';
import type { Model, FitOptions } from './model.ts';
import { trainStep } from './step.ts';
import { toModelArray, type Data } from './data.ts';
import { CallbackList, type Logs } from '../callbacks/callback.ts';
import { History } from '../callbacks/history.ts';
import { ProgbarLogger } from '../callbacks/progbar-logger.ts';
import { Totals, logNames, evaluateArrays } from './training.ts';

type NDArray = np.NDArray;
type Batch = readonly [Data | readonly Data[], Data | readonly Data[]] | readonly [Data | readonly Data[], Data | readonly Data[], Data];
/** A sync or async generator (or iterator) of batches. */
export type BatchSource = Iterator<Batch> | AsyncIterator<Batch>;

export function isBatchSource(x: unknown): x is BatchSource {
  return typeof x === 'object' && x !== null && !(x instanceof np.NDArray) && !Array.isArray(x) && !ArrayBuffer.isView(x) && typeof (x as { next?: unknown }).next === 'function';
}

/** x of a batch: [x] and x are the same (one input). */
const single = (v: Data | readonly Data[]): Data => (Array.isArray(v) && v.length === 1 && (v[0] instanceof np.NDArray || Array.isArray(v[0])) && !(typeof v[0] === 'number') ? (v[0] as Data) : (v as Data));

/** Keras's read-ahead queue over a generator. */
class BatchQueue {
  private readonly queue: Batch[] = [];
  private readonly seen = new WeakSet<object>();
  private warned = false;
  private done = false;
  constructor(private readonly source: BatchSource, private readonly size: number) {}

  private async pull(): Promise<void> {
    if (this.done) return;
    const r = await this.source.next();
    if (r.done) {
      this.done = true;
      return;
    }
    if (!Array.isArray(r.value) || r.value.length < 2) throw new np.ValueError(`fit: a generator must yield [x, y] or [x, y, sampleWeight], got ${typeof r.value}`);
    this.checkAliasing(r.value);
    this.queue.push(r.value);
  }

  private checkAliasing(batch: Batch): void {
    if (this.size === 0) return; // read on demand: a reused buffer is consumed before it is refilled
    for (const part of batch.slice(0, 2)) {
      const v = single(part as Data);
      if (typeof v !== 'object' || v === null) continue;
      if (this.seen.has(v) && !this.warned) {
        this.warned = true;
        console.warn('Warning: the generator yielded the same array object twice. fit reads ahead (up to maxQueueSize = ' +
          `${this.size} batches, as Keras does), so batches that alias one buffer are overwritten before they are trained on, and x and y of different batches get mixed. Yield a new array for every batch (e.g. np.copy(x)), or pass maxQueueSize: 0.`);
      }
      this.seen.add(v);
    }
  }

  /** The next batch to train on; the queue is refilled before it is returned. */
  async next(): Promise<Batch | null> {
    if (this.queue.length === 0) await this.pull();
    while (this.queue.length < this.size && !this.done) await this.pull();
    const batch = this.queue.shift() ?? null;
    if (this.size > 0) await this.pull();
    return batch;
  }
}

export async function fitGenerator(model: Model, source: BatchSource, options: FitOptions): Promise<History> {
  if (options.validationSplit) throw new np.ValueError('`validationSplit` is only supported for arrays, not for generators: pass `validationData`');
  if (options.stepsPerEpoch === undefined) throw new np.ValueError('fit on a generator needs `stepsPerEpoch` (the number of batches in an epoch)');
  if (options.batchSize !== undefined) throw new np.ValueError('Do not specify `batchSize` when fitting on a generator: the generator makes the batches');
  const steps = options.stepsPerEpoch;
  const epochs = options.epochs ?? 1;
  const verbose = options.verbose === undefined || options.verbose === 'auto' ? 1 : options.verbose;
  const queue = new BatchQueue(source, options.workers === 0 ? 0 : (options.maxQueueSize ?? 10));
  const history = new History();
  const callbacks = new CallbackList([...(options.callbacks ?? []), history, ...(verbose ? [new ProgbarLogger()] : [])], model, { epochs, steps, verbose });
  model.history = history;
  model.stopTraining = false;
  const dtype = model.device === 'webgpu' ? 'float32' : (model.layers[0]?.dtype ?? 'float32');
  const toArray = async (d: Data, what: string): Promise<{ array: NDArray; owned: boolean }> => toModelArray(d, model.device, dtype, what);
  let validation: [NDArray, NDArray] | null = null;
  const owned: NDArray[] = [];
  try {
    if (options.validationData) {
      const [vx, vy] = await Promise.all([toArray(options.validationData[0], 'validationData x'), toArray(options.validationData[1], 'validationData y')]);
      validation = [vx.array, vy.array];
      for (const v of [vx, vy]) if (v.owned) owned.push(v.array);
    }
    await callbacks.call('onTrainBegin');
    for (let epoch = options.initialEpoch ?? 0; epoch < epochs; epoch++) {
      await callbacks.call('onEpochBegin', epoch);
      const totals = new Totals([]);
      let ran = 0;
      for (let b = 0; b < steps; b++) {
        const batch = await queue.next();
        if (!batch) {
          console.warn(`Your input ran out of data; interrupting training. Make sure that your dataset or generator can generate at least \`steps_per_epoch * epochs\` batches (in this case, ${steps * epochs} batches).`);
          model.stopTraining = true;
          break;
        }
        await callbacks.call('onTrainBatchBegin', b);
        const [x, y] = await Promise.all([toArray(single(batch[0]), 'x'), toArray(single(batch[1]), 'y')]);
        const w = batch.length > 2 ? await toArray(batch[2] as Data, 'sampleWeight') : null;
        model.ensureBuilt(x.array.shape);
        if (totals.names.length === 0) totals.names.push(...logNames(model));
        const yb = y.array.ndim === 1 && model.outputShape.length === 2 && model.outputShape[1] === 1 ? y.array.reshape([-1, 1]) : y.array;
        totals.add(trainStep(model, x.array, yb, w?.array ?? null), x.array.shape[0]);
        if (yb !== y.array) yb.dispose();
        for (const a of [x, y, w]) if (a?.owned) a.array.dispose();
        ran++;
        await callbacks.call('onTrainBatchEnd', b, callbacks.has('onTrainBatchEnd') ? await totals.read() : {});
        if (model.stopTraining) break;
      }
      const logs: Logs = ran ? await totals.read() : {};
      totals.dispose();
      if (validation) Object.assign(logs, await evaluateArrays(model, validation[0], validation[1], null, options.validationBatchSize ?? 32, 'val_'));
      await callbacks.call('onEpochEnd', epoch, logs);
      if (model.stopTraining) break;
    }
    await callbacks.call('onTrainEnd');
    return history;
  } finally {
    owned.forEach((a) => a.dispose());
  }
}
