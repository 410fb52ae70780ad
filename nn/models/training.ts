// The training loop: fit, evaluate, predict and trainOnBatch, with Keras's semantics (K-R2, K-R3):
// - fit's defaults are batchSize 32, epochs 1, verbose 1, shuffle true;
// - validationSplit takes the LAST rows, before shuffling; validationData replaces it;
// - an epoch's loss (and each metric) is the mean over its samples: Σ batch value · batch size / n;
// - validation values are computed over the whole validation set at the end of each epoch;
// - a 1-D target is read as (n, 1) when the model's output is (None, 1).
// The loss and metrics are summed on the device; they are read back only at the end of an epoch and
// when the progress display refreshes (at most every 0.1 s), so a GPU epoch runs without stalls.
// fit also takes a generator (sync or async) of [x, y] batches, read ahead as Keras's queue does
// (generator.ts).
import * as np from '../../ndarray/index.ts';
import type { Model, FitOptions } from './model.ts';
import { FIT_OPTIONS } from './model.ts';
import { trainStep, testStep, type StepResult } from './step.ts';
import { toModelArray, rows, take, splitAt, type Data } from './data.ts';
import { Callback, CallbackList, type Logs } from '../callbacks/callback.ts';
import { History } from '../callbacks/history.ts';
import { ProgbarLogger } from '../callbacks/progbar-logger.ts';
import { Progbar } from '../callbacks/progbar.ts';
import { randomState } from '../backend.ts';
import { checkOptions } from '../options.ts';
import { checkFitValues, checkLoopOptions } from './fit-options.ts';
import { isBatchSource, fitGenerator, type BatchSource } from './generator.ts';

type NDArray = np.NDArray;
export type { BatchSource } from './generator.ts';

export interface EvaluateOptions { batchSize?: number; verbose?: 0 | 1 | 2 | 'auto'; sampleWeight?: Data; returnDict?: boolean; callbacks?: readonly Callback[] }
export interface PredictOptions { batchSize?: number; verbose?: 0 | 1 | 2 | 'auto'; callbacks?: readonly Callback[] }

/** Running sums of a loop's loss and metrics on the device, read back only when asked. */
export class Totals {
  private sums: NDArray[] | null = null;
  samples = 0;
  constructor(readonly names: string[]) {}
  add(step: StepResult, batch: number): void {
    const values = [step.loss, ...step.metrics];
    const next = values.map((v, i) => {
      const weighted = np.multiply(v, batch);
      if (!this.sums) return weighted;
      const s = np.add(this.sums[i], weighted);
      weighted.dispose();
      return s;
    });
    this.sums?.forEach((s) => s.dispose());
    values.forEach((v) => v.dispose());
    this.sums = next.map((s) => np.keep(s));
    this.samples += batch;
  }
  /** The means so far, as logs: the sums are stacked and read back together (one GPU submit). */
  async read(prefix = ''): Promise<Logs> {
    const logs: Logs = {};
    if (!this.sums) return logs;
    const stacked = np.stack(this.sums);
    const values = await stacked.data();
    stacked.dispose();
    // Keras 3 lists the values by name: accuracy before loss.
    const order = this.names.map((_, i) => i).sort((a, b) => (this.names[a] < this.names[b] ? -1 : 1));
    for (const i of order) logs[prefix + this.names[i]] = values[i] / this.samples;
    return logs;
  }
  dispose(): void { this.sums?.forEach((s) => s.dispose()); }
}

/** The names logs use: loss, then each metric. */
export const logNames = (model: Model): string[] => ['loss', ...model.requireCompiled().metrics.map((m) => m.name)];

const resolveVerbose = (v: FitOptions['verbose']): 0 | 1 | 2 => (v === undefined || v === 'auto' ? 1 : v);

function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new np.ValueError(`batchSize must be a positive integer, got ${batchSize}`);
  return batchSize;
}

/** Inputs, targets and weights on the model's device, freed by `release`. */
class Prepared {
  private readonly owned: NDArray[] = [];
  async array(model: Model, data: Data, what: string): Promise<NDArray> {
    const dtype = model.weights[0]?.value.dtype ?? (model.layers[0]?.dtype ?? 'float32');
    const { array, owned } = await toModelArray(data, model.device, model.device === 'webgpu' ? 'float32' : dtype, what);
    if (owned) this.owned.push(array);
    return array;
  }
  /** x on the model's device; a model not built yet is built for x's shape. */
  async inputs(model: Model, x: Data): Promise<NDArray> {
    const xs = await this.array(model, x, 'x');
    model.ensureBuilt(xs.shape);
    return xs;
  }
  /** y on the model's device, as the model's output expects it: (n,) becomes (n, 1) for an output of (None, 1). */
  async targets(model: Model, y: Data, what = 'y'): Promise<NDArray> {
    const ys = await this.array(model, y, what);
    const out = model.outputShape;
    if (ys.ndim === 1 && out.length === 2 && out[1] === 1) return this.keep(ys.reshape([-1, 1]));
    return ys;
  }
  keep(x: NDArray): NDArray { this.owned.push(x); return x; }
  release(): void { this.owned.forEach((x) => x.dispose()); }
}

function checkSameLength(x: NDArray, y: NDArray): void {
  if (x.shape[0] !== y.shape[0]) {
    throw new np.ValueError(`Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. 'x' sizes: ${x.shape[0]} 'y' sizes: ${y.shape[0]}`);
  }
}

/** Per-sample weights from classWeight (a weight per class index) and the targets. */
async function classWeights(y: NDArray, classWeight: Record<number, number>): Promise<Float32Array> {
  const host = y.device === 'cpu' ? y : await y.to('cpu');
  const data = host.dataSync();
  const width = y.ndim > 1 ? y.shape[y.ndim - 1] : 1;
  const out = new Float32Array(y.shape[0]);
  for (let i = 0; i < out.length; i++) {
    let label = data[i * width];
    if (width > 1) {
      let best = 0;
      for (let j = 1; j < width; j++) if (data[i * width + j] > data[i * width + best]) best = j;
      label = best;
    }
    out[i] = classWeight[Math.round(label)] ?? 1;
  }
  if (host !== y) host.dispose();
  return out;
}

/** Keras's fit. */
export async function fit(model: Model, x: Data | BatchSource, y: Data | undefined, options: FitOptions = {}): Promise<History> {
  checkOptions('fit', options, FIT_OPTIONS);
  checkFitValues(options);
  model.requireCompiled();
  if (isBatchSource(x)) return fitGenerator(model, x, options);
  if (y === undefined) throw new np.ValueError('fit: targets `y` are required when `x` is an array');
  const batchSize = checkBatchSize(options.batchSize ?? 32);
  const epochs = options.epochs ?? 1;
  const verbose = resolveVerbose(options.verbose);
  const prepared = new Prepared();
  try {
    let xs = await prepared.inputs(model, x as Data);
    let ys = await prepared.targets(model, y);
    checkSameLength(xs, ys);
    let sw = options.sampleWeight !== undefined ? await prepared.array(model, options.sampleWeight, 'sampleWeight') : null;
    if (options.classWeight) {
      const w = np.NDArray.fromTyped(await classWeights(ys, options.classWeight), [ys.shape[0]], 'float32');
      const dev = w.device === model.device ? w : await w.to(model.device);
      if (dev !== w) w.dispose();
      sw = prepared.keep(sw ? np.multiply(sw, dev) : dev);
    }
    let validation: [NDArray, NDArray, NDArray | null] | null = null;
    if (options.validationData) {
      const [vx, vy, vw] = options.validationData;
      validation = [await prepared.array(model, vx, 'validationData x'), await prepared.targets(model, vy, 'validationData y'),
        vw === undefined ? null : await prepared.array(model, vw, 'validationData sampleWeight')];
    } else if (options.validationSplit) {
      const at = splitAt(xs.shape[0], options.validationSplit);
      validation = [prepared.keep(rows(xs, at, xs.shape[0])), prepared.keep(rows(ys, at, ys.shape[0])), sw ? prepared.keep(rows(sw, at, sw.shape[0])) : null];
      [xs, ys] = [prepared.keep(rows(xs, 0, at)), prepared.keep(rows(ys, 0, at))];
      if (sw) sw = prepared.keep(rows(sw, 0, at));
    }
    const n = xs.shape[0];
    const steps = Math.ceil(n / batchSize);
    const history = new History();
    const user = [...(options.callbacks ?? [])];
    const callbacks = new CallbackList([...user, history, ...(verbose ? [new ProgbarLogger()] : [])], model,
      { epochs, steps, verbose, batchSize, samples: n });
    model.history = history;
    model.stopTraining = false;
    await callbacks.call('onTrainBegin');
    const wantsBatchLogs = callbacks.has('onTrainBatchEnd');
    for (let epoch = options.initialEpoch ?? 0; epoch < epochs; epoch++) {
      await callbacks.call('onEpochBegin', epoch);
      const order = options.shuffle === false ? null : (randomState().permutation(n) as NDArray);
      const index = order ? Int32Array.from(order.dataSync() as ArrayLike<number>) : null;
      order?.dispose();
      const totals = new Totals(logNames(model));
      let lastRead = 0;
      let batchLogs: Logs = {};
      for (let b = 0; b < steps; b++) {
        const [start, end] = [b * batchSize, Math.min(n, (b + 1) * batchSize)];
        await callbacks.call('onTrainBatchBegin', b);
        const pick = (a: NDArray): NDArray => (index ? take(a, index.subarray(start, end)) : rows(a, start, end));
        const [xb, yb, wb] = [pick(xs), pick(ys), sw ? pick(sw) : null];
        totals.add(trainStep(model, xb, yb, wb), end - start);
        [xb, yb, wb].forEach((a) => a?.dispose());
        // A CPU read is free; a GPU read waits for the queue, so it happens at most every 0.1 s.
        if (wantsBatchLogs && (model.device === 'cpu' || b === steps - 1 || performance.now() - lastRead >= 100)) {
          batchLogs = await totals.read();
          lastRead = performance.now();
        }
        await callbacks.call('onTrainBatchEnd', b, batchLogs);
        if (model.stopTraining) break; // TerminateOnNaN stops within the epoch, as in Keras
      }
      const logs = await totals.read();
      totals.dispose();
      if (validation && (epoch + 1) % (options.validationFreq ?? 1) === 0) {
        Object.assign(logs, await evaluateArrays(model, validation[0], validation[1], validation[2], options.validationBatchSize ?? batchSize, 'val_'));
      }
      await callbacks.call('onEpochEnd', epoch, logs);
      if (model.stopTraining) break;
    }
    await callbacks.call('onTrainEnd');
    return history;
  } finally {
    prepared.release();
  }
}

/** The loss and metrics over (x, y) in batches, as logs (names prefixed with `prefix`). */
export async function evaluateArrays(model: Model, x: NDArray, y: NDArray, sw: NDArray | null, batchSize: number, prefix = ''): Promise<Logs> {
  checkSameLength(x, y);
  const totals = new Totals(logNames(model));
  for (let start = 0; start < x.shape[0]; start += batchSize) {
    const end = Math.min(x.shape[0], start + batchSize);
    const [xb, yb, wb] = [rows(x, start, end), rows(y, start, end), sw ? rows(sw, start, end) : null];
    totals.add(testStep(model, xb, yb, wb), end - start);
    [xb, yb, wb].forEach((a) => a?.dispose());
  }
  const logs = await totals.read(prefix);
  totals.dispose();
  return logs;
}

/** Keras's evaluate: the loss, or [loss, ...metrics] when the model has metrics ({returnDict} gives the logs). */
export async function evaluate(model: Model, x: Data, y: Data, options: EvaluateOptions = {}): Promise<number | number[]> {
  checkOptions('evaluate', options, ['batchSize', 'verbose', 'sampleWeight', 'returnDict', 'callbacks']);
  checkLoopOptions('evaluate', options);
  model.requireCompiled();
  const prepared = new Prepared();
  try {
    const xs = await prepared.inputs(model, x);
    const ys = await prepared.targets(model, y);
    const sw = options.sampleWeight !== undefined ? await prepared.array(model, options.sampleWeight, 'sampleWeight') : null;
    const batchSize = checkBatchSize(options.batchSize ?? 32);
    const logs = await evaluateArrays(model, xs, ys, sw, batchSize);
    const verbose = resolveVerbose(options.verbose);
    if (verbose > 0) {
      const steps = Math.ceil(xs.shape[0] / batchSize);
      new Progbar({ target: steps, verbose, statelessMetrics: [], dynamicDisplay: false, colors: false }).update(steps, Object.entries(logs), true);
    }
    if (options.returnDict) return logs as unknown as number[];
    const values = logNames(model).map((n) => logs[n]); // Keras's order: loss, then the metrics as compiled
    return values.length === 1 ? values[0] : values;
  } finally {
    prepared.release();
  }
}

/** Keras's predict: the outputs for x computed batch by batch, one array on the model's device. */
export async function predict(model: Model, x: Data, options: PredictOptions = {}): Promise<NDArray> {
  checkOptions('predict', options, ['batchSize', 'verbose', 'callbacks']);
  checkLoopOptions('predict', options);
  const prepared = new Prepared();
  try {
    const xs = await prepared.inputs(model, x);
    const batchSize = checkBatchSize(Math.min(options.batchSize ?? 32, Math.max(xs.shape[0], 1)));
    const parts: NDArray[] = [];
    for (let start = 0; start < xs.shape[0]; start += batchSize) {
      const xb = rows(xs, start, Math.min(xs.shape[0], start + batchSize));
      parts.push(np.tidy(() => model.call(xb, false)));
      xb.dispose();
    }
    if (parts.length === 1) return parts[0].base === null ? parts[0] : np.tidy(() => parts[0].copy());
    const out = np.concatenate(parts, { axis: 0 });
    parts.forEach((p) => p.dispose());
    return out;
  } finally {
    prepared.release();
  }
}

/** Keras's train_on_batch: one step on the whole of (x, y). */
export async function trainOnBatch(model: Model, x: Data, y: Data): Promise<number | number[]> {
  model.requireCompiled();
  const prepared = new Prepared();
  try {
    const xs = await prepared.inputs(model, x);
    const ys = await prepared.targets(model, y);
    checkSameLength(xs, ys);
    const totals = new Totals(logNames(model));
    totals.add(trainStep(model, xs, ys, null), xs.shape[0]);
    const logs = await totals.read();
    totals.dispose();
    const values = totals.names.map((n) => logs[n]);
    return values.length === 1 ? values[0] : values;
  } finally {
    prepared.release();
  }
}
