// The Keras callbacks beyond History and EarlyStopping: ModelCheckpoint (file names from the template,
// saveBestOnly, period, saveFreq in batches), LearningRateScheduler, ReduceLROnPlateau (patience, cooldown,
// minLr, float32 rates as Keras prints them), CSVLogger (byte for byte as Keras's csv writer),
// LambdaCallback and TerminateOnNaN, each on a tiny model trained for a few epochs or by calling its hooks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as np from '../ndarray/index.ts';
import { Sequential, layers, utils, callbacks, optimizers, loadModel } from '../nn/index.ts';
import { floatRepr } from '../nn/callbacks/csv-logger.ts';

type NDArray = np.NDArray;
type Logs = Record<string, number>;
const quiet = { verbose: 0 } as const;
const dir = mkdtempSync(join(tmpdir(), 'tessera-callbacks-'));
const captured = async (fn: () => Promise<unknown> | unknown): Promise<string[]> => {
  const lines: string[] = [];
  const [log, warn] = [console.log, console.warn];
  console.log = (...a: unknown[]) => lines.push(a.join(' '));
  console.warn = (...a: unknown[]) => lines.push(a.join(' '));
  try {
    await fn();
  } finally {
    console.log = log;
    console.warn = warn;
  }
  return lines;
};
const f3 = (v: number): string => utils.pyFormat('{v:.3f}', { v });

/** y = x1 + x2 + x3 with a Dense(1) and SGD: 32 rows, so batchSize 8 gives 4 steps. */
function regression(seed: number, metrics: string[] = []): { model: Sequential; x: NDArray; y: NDArray } {
  utils.setRandomSeed(seed);
  const x = np.random.normal(0, 1, [32, 3]);
  const y = np.sum(x, { axis: 1, keepdims: true });
  const model = new Sequential([new layers.Dense(1, { inputShape: [3] })]);
  model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.01 }), loss: 'mse', metrics });
  return { model, x, y };
}

/** Sets logs[key] to the next scripted value at each epoch end (put it before the callback under test). */
class Script extends callbacks.Callback {
  constructor(readonly key: string, readonly values: number[]) { super(); }
  override onEpochEnd(epoch: number, logs: Logs = {}): void { logs[this.key] = this.values[epoch]; }
}

/** Records every epoch's logs as the callbacks after it see them. */
class Spy extends callbacks.Callback {
  seen: Logs[] = [];
  lrAtBegin: number[] = [];
  override onEpochBegin(): void { this.lrAtBegin.push(this.model!.compiled!.optimizer.learningRate as number); }
  override onEpochEnd(_epoch: number, logs: Logs = {}): void { this.seen.push({ ...logs }); }
}

test('worked example: Python repr of floats, as the CSV and the messages print numbers', () => {
  // each right-hand side is what Python 3.11 prints for repr(float(left))
  const cases: [number, string][] = [[0.1, '0.1'], [1e-5, '1e-05'], [2, '2.0'], [-0, '-0.0'], [1e-4, '0.0001'], [1.5e-7, '1.5e-07'],
    [123456789, '123456789.0'], [1e16, '1e+16'], [1.2345e20, '1.2345e+20'], [0.6931471824645996, '0.6931471824645996'],
    [Math.fround(0.1), '0.10000000149011612'], [NaN, 'nan'], [-Infinity, '-inf'], [1e22, '1e+22'], [9999999999999998, '9999999999999998.0']];
  for (const [x, text] of cases) assert.is(floatRepr(x), text, String(x));
});

test('ModelCheckpoint: {epoch:02d}-{val_loss:.3f} names (epoch from 1), folders created, a loadable model per epoch', async () => {
  const { model, x, y } = regression(1);
  const template = join(dir, 'every', 'model-{epoch:02d}-{val_loss:.3f}.json');
  const ckpt = new callbacks.ModelCheckpoint(template, { verbose: 1 });
  let history: Awaited<ReturnType<Sequential['fit']>> | null = null;
  const lines = await captured(async () => { history = await model.fit(x, y, { epochs: 3, batchSize: 8, validationSplit: 0.25, callbacks: [ckpt], ...quiet }); });
  const val = history!.history.val_loss;
  const names = [0, 1, 2].map((e) => `model-0${e + 1}-${f3(val[e])}.json`);
  assert.equal(readdirSync(join(dir, 'every')).sort(), names.slice().sort());
  assert.equal(lines, names.map((n, e) => `\nEpoch ${e + 1}: saving model to ${join(dir, 'every', n)}`));
  const last = await loadModel(join(dir, 'every', names[2]));
  assert.equal(Array.from((await last.predict(x)).dataSync()), Array.from((await model.predict(x)).dataSync()));
  // the Keras 2 form with one options object, and a template naming a key the logs lack
  const bad = new callbacks.ModelCheckpoint({ filepath: join(dir, 'm-{val_los:.2f}.json') });
  await captured(async () => {
    let message = '';
    await model.fit(x, y, { epochs: 1, validationSplit: 0.25, callbacks: [bad], ...quiet }).catch((e: Error) => { message = e.message; });
    assert.ok(message.includes('Failed to format this callback filepath') && message.includes("'val_los'"), message);
  });
  model.dispose();
  last.dispose();
});

test('ModelCheckpoint saveBestOnly: saves only improving epochs, with Keras messages; weights only; initialValueThreshold', async () => {
  const { model, x, y } = regression(2);
  const valLoss = [0.5, 0.4, 0.45, 0.3, 0.35];
  const folder = join(dir, 'best');
  const best = new callbacks.ModelCheckpoint(join(folder, 'best-{epoch:02d}-{val_loss:.2f}.json'), { saveBestOnly: true, verbose: 1 });
  const weights = new callbacks.ModelCheckpoint(join(folder, 'best.weights.json'), { saveBestOnly: true, saveWeightsOnly: true });
  const threshold = new callbacks.ModelCheckpoint(join(folder, 'th-{epoch}.json'), { saveBestOnly: true, initialValueThreshold: 0.42, verbose: 1, mode: 'min' });
  let atBest: number[] = [];
  const snap = new callbacks.LambdaCallback({ onEpochEnd: (epoch) => { if (epoch === 3) atBest = Array.from(model.getWeights()[0].dataSync()); } });
  const lines = await captured(() => model.fit(x, y, { epochs: 5, validationSplit: 0.25, callbacks: [new Script('val_loss', valLoss), best, weights, threshold, snap], ...quiet }));
  assert.equal(readdirSync(folder).sort(), ['best-01-0.50.json', 'best-02-0.40.json', 'best-04-0.30.json', 'best.weights.json', 'th-2.json', 'th-4.json']);
  const p = (name: string): string => join(folder, name);
  assert.equal(lines, [
    `\nEpoch 1: val_loss improved from inf to 0.50000, saving model to ${p('best-01-0.50.json')}`,
    `\nEpoch 1: val_loss did not improve from 0.42000`,
    `\nEpoch 2: val_loss improved from 0.50000 to 0.40000, saving model to ${p('best-02-0.40.json')}`,
    `\nEpoch 2: val_loss improved from 0.42000 to 0.40000, saving model to ${p('th-2.json')}`,
    `\nEpoch 3: val_loss did not improve from 0.40000`,
    `\nEpoch 3: val_loss did not improve from 0.40000`,
    `\nEpoch 4: val_loss improved from 0.40000 to 0.30000, saving model to ${p('best-04-0.30.json')}`,
    `\nEpoch 4: val_loss improved from 0.40000 to 0.30000, saving model to ${p('th-4.json')}`,
    `\nEpoch 5: val_loss did not improve from 0.30000`,
    `\nEpoch 5: val_loss did not improve from 0.30000`,
  ]);
  assert.is(best.best, 0.3);
  await model.loadWeights(p('best.weights.json'));
  assert.equal(Array.from(model.getWeights()[0].dataSync()), atBest, 'the weights file holds the best epoch');
  model.dispose();
});

test('ModelCheckpoint period N saves after epochs N, 2N, ...; saveFreq counts batches across epochs', async () => {
  const { model, x, y } = regression(3);
  const folder = join(dir, 'period');
  const every2 = new callbacks.ModelCheckpoint(join(folder, 'p-{epoch:03d}.json'), { period: 2 });
  // 4 batches per epoch, a save every 3 batches: after batch 3 of epoch 1, then batch 2 of epoch 2
  const batches = new callbacks.ModelCheckpoint(join(folder, 'b-{epoch}-{batch}.json'), { saveFreq: 3, saveWeightsOnly: true });
  await model.fit(x, y, { epochs: 5, batchSize: 8, callbacks: [every2, batches], ...quiet });
  const files = readdirSync(folder).sort();
  assert.equal(files.filter((f) => f.startsWith('p-')), ['p-002.json', 'p-004.json']);
  assert.equal(files.filter((f) => f.startsWith('b-')), ['b-1-3.json', 'b-2-2.json', 'b-3-1.json', 'b-3-4.json', 'b-4-3.json', 'b-5-2.json']);
  model.dispose();
});

test('ModelCheckpoint: mode auto follows the compiled metric; options are checked', async () => {
  const { model, x, y } = regression(4, ['mae']);
  const folder = join(dir, 'auto');
  // 'auto' minimises val_mae (an error) as it minimises val_loss
  const byMae = new callbacks.ModelCheckpoint(join(folder, 'mae-{epoch}.json'), { monitor: 'val_mae', saveBestOnly: true });
  await model.fit(x, y, { epochs: 3, validationSplit: 0.25, callbacks: [new Script('val_mae', [3, 2, 2.5]), byMae], ...quiet });
  assert.equal(readdirSync(folder).sort(), ['mae-1.json', 'mae-2.json']);
  const unknown = new callbacks.ModelCheckpoint(join(folder, 'x.json'), { monitor: 'score' });
  let message = '';
  await model.fit(x, y, { epochs: 1, callbacks: [unknown], ...quiet }).catch((e: Error) => { message = e.message; });
  assert.ok(message.includes("monitor=score") && message.includes("mode: 'max'"), message);
  assert.throws(() => new callbacks.ModelCheckpoint('m.json', { saveBestonly: true } as never), /unexpected keyword argument 'saveBestonly'/);
  assert.throws(() => new callbacks.ModelCheckpoint('m.json', { saveFreq: 'batch' as never }), /Unrecognized save_freq: batch/);
  assert.throws(() => new callbacks.ModelCheckpoint('m.json', { period: 2, saveFreq: 10 }), /period counts epochs/);
  assert.throws(() => new callbacks.ModelCheckpoint('m.json', { mode: 'maximum' as never }), /mode 'maximum' is unknown/);
  model.dispose();
});

test('LearningRateScheduler: lr = schedule(epoch from 0, lr) before each epoch; learning_rate in the logs', async () => {
  const { model, x, y } = regression(5);
  const schedule = new callbacks.LearningRateScheduler((epoch) => 0.1 / (epoch + 1), { verbose: 1 });
  const spy = new Spy();
  const lines = await captured(() => model.fit(x, y, { epochs: 3, callbacks: [schedule, spy], ...quiet }));
  assert.equal(spy.lrAtBegin, [0.1, 0.05, 0.1 / 3]);
  // Keras's rate is a float32 variable, so the logs hold float32 values
  assert.equal(spy.seen.map((l) => l.learning_rate), [0.1, 0.05, 0.1 / 3].map(Math.fround));
  assert.equal(lines, ['\nEpoch 1: LearningRateScheduler setting learning rate to 0.1.', '\nEpoch 2: LearningRateScheduler setting learning rate to 0.05.',
    '\nEpoch 3: LearningRateScheduler setting learning rate to 0.03333333333333333.']);
  // the current rate comes in as the second argument; a rate of 0 freezes the weights
  const given: number[] = [];
  const halve = new callbacks.LearningRateScheduler((epoch, lr) => { given.push(lr); return epoch < 2 ? lr / 2 : 0; });
  const before = Array.from(model.getWeights()[0].dataSync());
  await model.fit(x, y, { epochs: 3, callbacks: [halve], ...quiet });
  const g0 = Math.fround(0.1 / 3);
  assert.equal(given, [g0, g0 / 2, g0 / 4]);
  assert.is(model.compiled!.optimizer.learningRate, 0);
  const frozen = Array.from(model.getWeights()[0].dataSync());
  await model.fit(x, y, { epochs: 1, callbacks: [halve], ...quiet });
  assert.equal(Array.from(model.getWeights()[0].dataSync()), frozen);
  assert.not.equal(frozen, before);
  // a schedule must return a number; a rate that is itself a schedule cannot be set
  const notNumber = new callbacks.LearningRateScheduler((() => '0.1') as never);
  let message = '';
  await model.fit(x, y, { epochs: 1, callbacks: [notNumber], ...quiet }).catch((e: Error) => { message = e.message; });
  assert.is(message, 'The output of the `schedule` function should be a float. Got: 0.1');
  model.compile({ optimizer: new optimizers.SGD({ learningRate: (step) => 0.1 / (1 + step) }), loss: 'mse' });
  message = '';
  await model.fit(x, y, { epochs: 1, callbacks: [schedule], ...quiet }).catch((e: Error) => { message = e.message; });
  assert.ok(message.includes('not settable'), message);
  assert.throws(() => new callbacks.LearningRateScheduler((e) => e, { verbos: 1 } as never), /unexpected keyword argument 'verbos'/);
  model.dispose();
});

test('ReduceLROnPlateau: patience, cooldown (cooldown c holds back c - 1 epochs), minLr, as Keras 3 computes them', async () => {
  const { model } = regression(6);
  const rlr = new callbacks.ReduceLROnPlateau({ factor: 0.5, patience: 2, cooldown: 1, minLr: 0.002, verbose: 1 });
  rlr.setModel(model);
  rlr.onTrainBegin();
  const opt = model.compiled!.optimizer;
  const valLoss = [1.0, 0.9, 0.9, 0.95, 0.8, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9];
  const rates: number[] = [];
  const logged: number[] = [];
  const waits: number[] = [];
  const lines = await captured(() => valLoss.forEach((v, epoch) => {
    const logs: Logs = { loss: 1, val_loss: v };
    rlr.onEpochEnd(epoch, logs);
    logged.push(logs.learning_rate);
    rates.push(opt.learningRate as number);
    waits.push(rlr.wait);
  }));
  // epoch 4 (from 1): two epochs without beating 0.9 by more than minDelta; the rate is read as float32
  const r1 = Math.fround(0.01) * 0.5;
  // epochs 6, 7 wait, so epoch 7 reduces; cooldown 1 then holds back nothing (epoch 8 already counts), so epoch 9
  // reduces too, to minLr; after that the rate is not above minLr and stays
  const r2 = r1 * 0.5;
  assert.equal(waits, [0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 2]);
  assert.equal(rates, [0.01, 0.01, 0.01, r1, r1, r1, r2, r2, 0.002, 0.002, 0.002]);
  assert.equal(logged, [0.01, 0.01, 0.01, 0.01, r1, r1, r1, r2, r2, 0.002, 0.002].map(Math.fround));
  assert.equal(lines, [`\nEpoch 4: ReduceLROnPlateau reducing learning rate to ${floatRepr(r1)}.`, `\nEpoch 7: ReduceLROnPlateau reducing learning rate to ${floatRepr(r2)}.`,
    '\nEpoch 9: ReduceLROnPlateau reducing learning rate to 0.002.']);
  assert.is(floatRepr(r1), '0.004999999888241291');
  assert.throws(() => new callbacks.ReduceLROnPlateau({ factor: 1 }), /ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0/);
  assert.throws(() => new callbacks.ReduceLROnPlateau({ min_lr: 0.1 } as never), /unexpected keyword argument 'min_lr'/);
  model.dispose();
});

test('ReduceLROnPlateau in fit: auto maximises accuracy; learning_rate reaches later callbacks; a missing monitor warns', async () => {
  const { model, x, y } = regression(7, ['accuracy']);
  const rlr = new callbacks.ReduceLROnPlateau({ monitor: 'accuracy', patience: 1 });
  const spy = new Spy();
  await model.fit(x, y, { epochs: 4, callbacks: [new Script('accuracy', [0.5, 0.6, 0.55, 0.7]), rlr, spy], ...quiet });
  assert.equal(spy.lrAtBegin, [0.01, 0.01, 0.01, Math.fround(0.01) * 0.1]);
  assert.equal(spy.seen.map((l) => l.learning_rate), [0.01, 0.01, 0.01, Math.fround(0.01) * 0.1].map(Math.fround));
  const missing = new callbacks.ReduceLROnPlateau();
  const lines = await captured(() => model.fit(x, y, { epochs: 1, callbacks: [missing], ...quiet }));
  assert.equal(lines, ['Learning rate reduction is conditioned on metric `val_loss` which is not available. Available metrics are: accuracy,loss,learning_rate.']);
  model.dispose();
});

test('CSVLogger: Keras\'s exact file (sorted keys, val_ columns added, Python floats, \\r\\n), append, separator', async () => {
  const path = join(dir, 'log.csv');
  const csv = new callbacks.CSVLogger(path);
  await csv.onTrainBegin();
  await csv.onEpochEnd(0, { loss: 0.1, accuracy: 2, val_loss: 1e-5, val_accuracy: 0.5 });
  await csv.onEpochEnd(1, { loss: 0.25, accuracy: 1 / 3, val_loss: 1e16 }); // a key missing later is NA
  await csv.onTrainEnd();
  assert.is(readFileSync(path, 'utf8'), 'epoch,accuracy,loss,val_accuracy,val_loss\r\n0,2.0,0.1,0.5,1e-05\r\n1,0.3333333333333333,0.25,NA,1e+16\r\n');
  // without validation, Keras still adds a val_ column per key (NA); append continues without a header
  const again = new callbacks.CSVLogger(path, { append: true });
  await again.onTrainBegin();
  await again.onEpochEnd(2, { mae: 3, loss: 0.5 });
  assert.is(readFileSync(path, 'utf8').split('\r\n').slice(3).join('|'), '2,0.5,3.0,NA,NA|');
  const fresh = new callbacks.CSVLogger(join(dir, 'new.csv'), { append: true, separator: ';' });
  await fresh.onTrainBegin();
  await fresh.onEpochEnd(0, { 'a;b': 1.5, loss: Math.fround(0.1) });
  assert.is(readFileSync(join(dir, 'new.csv'), 'utf8'), 'epoch;"a;b";loss;"val_a;b";val_loss\r\n0;1.5;0.10000000149011612;NA;NA\r\n');
  assert.throws(() => new callbacks.CSVLogger(path, { separator: ', ' }), /"delimiter" must be a 1-character string/);
  assert.throws(() => new callbacks.CSVLogger(path, { seperator: ';' } as never), /unexpected keyword argument 'seperator'/);
});

test('CSVLogger in fit: one row per epoch, matching the history, overwritten by the next fit', async () => {
  const { model, x, y } = regression(8, ['mae']);
  const path = join(dir, 'fit.csv');
  const csv = new callbacks.CSVLogger(path);
  const h = await model.fit(x, y, { epochs: 3, validationSplit: 0.25, callbacks: [csv], ...quiet });
  const expected = ['epoch,loss,mae,val_loss,val_mae', ...[0, 1, 2].map((e) => [e, ...['loss', 'mae', 'val_loss', 'val_mae'].map((k) => floatRepr(h.history[k][e]))].join(','))];
  assert.is(readFileSync(path, 'utf8'), expected.join('\r\n') + '\r\n');
  await model.fit(x, y, { epochs: 1, validationSplit: 0.25, callbacks: [csv], ...quiet });
  assert.is(readFileSync(path, 'utf8').split('\r\n').length, 3);
  model.dispose();
});

test('LambdaCallback: the given functions run at their hooks, in order; Keras 2 batch names', async () => {
  const { model, x, y } = regression(9);
  const events: string[] = [];
  const lambda = new callbacks.LambdaCallback({
    onTrainBegin: () => { events.push('train begin'); },
    onEpochBegin: (epoch) => { events.push(`epoch ${epoch} begin`); },
    onBatchBegin: (batch) => { events.push(`batch ${batch} begin`); },
    onTrainBatchEnd: (batch, logs) => { events.push(`batch ${batch} end ${typeof logs?.loss}`); },
    onEpochEnd: (epoch, logs) => { events.push(`epoch ${epoch} end ${Object.keys(logs ?? {}).join(',')}`); },
    onTrainEnd: () => { events.push('train end'); },
  });
  await model.fit(x, y, { epochs: 2, batchSize: 16, callbacks: [lambda], ...quiet });
  assert.equal(events, ['train begin',
    'epoch 0 begin', 'batch 0 begin', 'batch 0 end number', 'batch 1 begin', 'batch 1 end number', 'epoch 0 end loss',
    'epoch 1 begin', 'batch 0 begin', 'batch 0 end number', 'batch 1 begin', 'batch 1 end number', 'epoch 1 end loss',
    'train end']);
  // only the hooks given are installed
  const onlyEpochs = new callbacks.LambdaCallback({ onEpochEnd: () => {} });
  assert.is(onlyEpochs.onTrainBatchEnd, callbacks.Callback.prototype.onTrainBatchEnd);
  assert.throws(() => new callbacks.LambdaCallback({ onBatchEnd: () => {}, onTrainBatchEnd: () => {} }), /onTrainBatchEnd or its Keras 2 name onBatchEnd, not both/);
  assert.throws(() => new callbacks.LambdaCallback({ on_epoch_end: () => {} } as never), /unexpected keyword argument 'on_epoch_end'/);
  model.dispose();
});

test('TerminateOnNaN: a NaN loss stops training with Keras\'s message; raiseError throws', async () => {
  const { model, x, y } = regression(10);
  const nanLoss = (yTrue: NDArray, yPred: NDArray): NDArray => np.multiply(np.mean(np.square(np.subtract(yTrue, yPred)), { axis: -1 }), NaN);
  model.compile({ optimizer: 'sgd', loss: nanLoss });
  let epochs: number[] = [];
  const lines = await captured(async () => { epochs = (await model.fit(x, y, { epochs: 5, batchSize: 8, callbacks: [new callbacks.TerminateOnNaN()], ...quiet })).epoch; });
  assert.equal(epochs, [0]);
  assert.is(lines[0], 'Batch 0: Invalid loss, terminating training');
  assert.ok(model.stopTraining);
  let message = '';
  await model.fit(x, y, { epochs: 5, callbacks: [new callbacks.TerminateOnNaN({ raiseError: true })], ...quiet }).catch((e: Error) => { message = e.message; });
  assert.is(message, 'NaN or Inf loss encountered at batch 0. Loss value: nan. Terminating training immediately.');
  assert.throws(() => new callbacks.TerminateOnNaN({ raise_error: true } as never), /unexpected keyword argument 'raise_error'/);
  assert.ok(existsSync(dir));
  model.dispose();
});

test.run();
