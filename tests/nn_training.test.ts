// tessera/nn training, end to end: the learning tasks the issue names (mean of two numbers with
// RMSprop, digits above 95% validation accuracy, the 2-25-50-50-25-1 moons network above 95% test
// accuracy), summary counts, Keras's fit semantics (validation split from the last rows, history
// keys, early stopping), the two pitfalls, and memory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { Sequential, Model, Input, layers, utils, callbacks, optimizers, loadModel } from '../nn/index.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDigits, makeMoons, trainTestSplit } from '../sklearn/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-nn-'));

type NDArray = np.NDArray;
const quiet = { verbose: 0 } as const;
const captured = (fn: () => Promise<unknown> | unknown): Promise<string[]> => {
  const lines: string[] = [];
  const [log, warn] = [console.log, console.warn];
  console.log = (...a: unknown[]) => lines.push(a.join(' '));
  console.warn = (...a: unknown[]) => lines.push(a.join(' '));
  return Promise.resolve(fn()).then(() => lines, (e) => { throw e; }).finally(() => { console.log = log; console.warn = warn; });
};

test('worked example: one SGD step (learning rate 0.1) of Dense(1) on x [1, 1], y 0 with mse: loss 9, kernel [[1], [2]] -> [[0.4], [1.4]], bias -> -0.6', async () => {
  const model = new Sequential([new layers.Dense(1, { inputShape: [2] })]);
  model.setWeights([np.array([[1], [2]], { dtype: 'float32' }), np.array([0], { dtype: 'float32' })]);
  model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: 'mse' });
  // w = torch.tensor([[1.], [2.]], dtype=torch.float64, requires_grad=True); b = torch.zeros(1, dtype=torch.float64, requires_grad=True); loss = ((torch.tensor([[1., 1.]], dtype=torch.float64) @ w + b) ** 2).mean(); loss.backward(); loss.item(), (w - 0.1 * w.grad).tolist(), (b - 0.1 * b.grad).tolist() -> 9.0 [[0.3999999999999999], [1.4]] [-0.6000000000000001]
  assert.is(await model.trainOnBatch([[1, 1]], [[0]]), 9);
  const [kernel, bias] = model.getWeights().map((w) => Array.from(w.dataSync()));
  assert.ok([...kernel, ...bias].every((v, i) => Math.abs(v - [0.4, 1.4, -0.6][i]) < 1e-6), `${kernel} ${bias}`);
  model.dispose();
});

test('summary: Keras 3 table and parameter counts (4,810 and 623,290)', async () => {
  utils.clearSession();
  const model = new Sequential([
    new layers.Dense(64, { activation: 'relu', inputShape: [64] }),
    new layers.Dropout(0.2),
    new layers.Dense(10, { activation: 'softmax' }),
  ]);
  const [text] = await captured(() => model.summary());
  assert.ok(text.includes('Total params: 4,810'), text);
  assert.ok(text.includes('dense (Dense)') && text.includes('dropout (Dropout)') && text.includes('dense_1 (Dense)'), text);
  const big = new Sequential([new layers.Dense(784, { inputShape: [784] }), new layers.Dense(10)]);
  assert.is(big.countParams(), 623290);
  const [k2] = await captured(() => big.summary({ style: 'keras2' }));
  assert.ok(k2.includes('Total params: 623,290'), k2);
  model.dispose();
  big.dispose();
});

test('the mean of two numbers: RMSprop and mse below 0.01 by epoch 3, weights near [0.5, 0.5]', async () => {
  utils.setRandomSeed(1);
  np.random.seed(1);
  function* batches(size = 64): Generator<[NDArray, NDArray]> {
    for (;;) {
      const x = np.random.randint(0, 100, [size, 2]).astype('float64');
      yield [x, np.mean(x, { axis: 1, keepdims: true })];
    }
  }
  const inp = Input({ shape: [2], name: 'x' });
  const model = new Model({ inputs: inp, outputs: new layers.Dense(1).apply(inp) });
  model.compile({ loss: ['mse'], optimizer: 'rmsprop' });
  const history = await model.fit(batches(), undefined, { stepsPerEpoch: 1000, epochs: 3, ...quiet });
  const losses = history.history.loss;
  assert.ok(losses[2] < 0.01, `epoch losses ${losses}`);
  const [kernel] = model.getWeights();
  const w = kernel.toArraySync() as number[][];
  assert.ok(Math.abs(w[0][0] - 0.5) < 0.02 && Math.abs(w[1][0] - 0.5) < 0.02, JSON.stringify(w));
  const p = await model.predict([[73, 57]]);
  assert.ok(Math.abs((p.toArraySync() as number[][])[0][0] - 65) < 1, String(p));
  model.dispose();
});

test('digits: Dense network above 95% validation accuracy; history keys as Keras names them', async () => {
  utils.setRandomSeed(42);
  const { data, target } = await loadDigits();
  const [xTrain, xTest, yTrain, yTest] = await trainTestSplit(np.divide(data, 16), target, { testSize: 0.25, randomState: 0 });
  const y = utils.toCategorical(yTrain);
  const model = new Sequential([
    new layers.Dense(64, { activation: 'relu', inputShape: [64] }),
    new layers.Dropout(0.2),
    new layers.Dense(10, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  const history = await model.fit(xTrain, y, { batchSize: 32, epochs: 20, validationData: [xTest, utils.toCategorical(yTest)], ...quiet });
  assert.equal(Object.keys(history.history).sort(), ['accuracy', 'loss', 'val_accuracy', 'val_loss']);
  assert.equal(history.epoch, [...Array(20).keys()]);
  const acc = history.history.val_accuracy.at(-1)!;
  assert.ok(acc > 0.95, `val_accuracy ${acc}`);
  const [loss, accuracy] = (await model.evaluate(xTest, utils.toCategorical(yTest), quiet)) as number[];
  assert.ok(Math.abs(accuracy - acc) < 1e-6 && Math.abs(loss - history.history.val_loss.at(-1)!) < 1e-5, 'evaluate on the validation data equals val_*');
  model.dispose();
});

test('moons: the 2-25-50-50-25-1 network above 95% test accuracy', async () => {
  utils.setRandomSeed(2);
  const [X, y] = makeMoons({ nSamples: 1000, noise: 0.2, randomState: 100 });
  const [xTrain, xTest, yTrain, yTest] = await trainTestSplit(X, y, { testSize: 0.1, randomState: 42 });
  const model = new Sequential([
    new layers.Dense(25, { activation: 'relu', inputShape: [2] }),
    new layers.Dense(50, { activation: 'relu' }),
    new layers.Dense(50, { activation: 'relu' }),
    new layers.Dense(25, { activation: 'relu' }),
    new layers.Dense(1, { activation: 'sigmoid' }),
  ]);
  model.compile({ optimizer: new optimizers.Adam({ learningRate: 0.01 }), loss: 'binary_crossentropy', metrics: ['accuracy'] });
  await model.fit(xTrain, yTrain, { epochs: 40, batchSize: 32, ...quiet });
  const [, acc] = (await model.evaluate(xTest, yTest, quiet)) as number[];
  assert.ok(acc > 0.95, `test accuracy ${acc}`);
  model.dispose();
});

test('validationSplit takes the last rows, before shuffling; history and evaluate agree', async () => {
  utils.setRandomSeed(3);
  const x = np.arange(0, 40, 1).reshape([20, 2]).astype('float64');
  const y = np.sum(x, { axis: 1, keepdims: true });
  const model = new Sequential([new layers.Dense(1, { inputShape: [2] })]);
  model.compile({ optimizer: new optimizers.SGD({ learningRate: 1e-4 }), loss: 'mse', metrics: ['mae'] });
  const h = await model.fit(x, y, { epochs: 2, validationSplit: 0.25, ...quiet });
  assert.equal(Object.keys(h.history).sort(), ['loss', 'mae', 'val_loss', 'val_mae']);
  const [vl, vmae] = (await model.evaluate(x.get('15:'), y.get('15:'), quiet)) as number[];
  assert.ok(Math.abs(vl - h.history.val_loss[1]) < 1e-6 * vl && Math.abs(vmae - h.history.val_mae[1]) < 1e-6 * vmae);
  model.dispose();
});

test('early stopping: with the best epoch k, epochs 0..k+patience run; restoreBestWeights', async () => {
  utils.setRandomSeed(4);
  const x = np.random.normal(0, 1, [64, 3]);
  const y = np.sum(x, { axis: 1, keepdims: true });
  const model = new Sequential([new layers.Dense(1, { inputShape: [3] })]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  // a monitor whose best epoch is 2: the values after it do not improve
  const fake = [5, 4, 3, 3.5, 3.2, 3.1, 3.05, 3.01];
  class Feed extends callbacks.Callback {
    override onEpochEnd(epoch: number, logs: Record<string, number> = {}): void { logs.score = fake[epoch]; }
  }
  const stop = new callbacks.EarlyStopping({ monitor: 'score', patience: 3, restoreBestWeights: true, verbose: 1 });
  let weightsAtBest: number[] = [];
  class Spy extends callbacks.Callback {
    override onEpochEnd(epoch: number): void { if (epoch === 2) weightsAtBest = Array.from(this.model!.getWeights()[0].dataSync()); }
  }
  const lines = await captured(async () => {
    const h = await model.fit(x, y, { epochs: 8, callbacks: [new Feed(), new Spy(), stop], ...quiet });
    assert.equal(h.epoch, [0, 1, 2, 3, 4, 5]);
  });
  assert.ok(lines.includes('Epoch 6: early stopping'), lines.join('|'));
  assert.equal(Array.from(model.getWeights()[0].dataSync()), weightsAtBest);
  assert.throws(() => new callbacks.EarlyStopping({ patiense: 3 } as never), /unexpected keyword argument 'patiense'/);
  model.dispose();
});

test('save/loadModel and saveWeights/loadWeights: identical predictions, and training resumes identically', async () => {
  utils.setRandomSeed(5);
  const x = np.random.normal(0, 1, [50, 4]);
  const y = utils.toCategorical(np.argmax(x, { axis: 1 }));
  const build = (): Sequential => {
    const m = new Sequential([new layers.Dense(8, { activation: 'tanh', inputShape: [4] }), new layers.Dense(4, { activation: 'softmax' })]);
    m.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    return m;
  };
  const model = build();
  await model.fit(x, y, { epochs: 2, shuffle: false, ...quiet });
  const path = join(dir, 'model.json');
  await model.save(path);
  const loaded = await loadModel(path);
  const [p1, p2] = [await model.predict(x), await loaded.predict(x)];
  assert.equal(Array.from(p1.dataSync()), Array.from(p2.dataSync()));
  await model.fit(x, y, { epochs: 2, shuffle: false, ...quiet });
  await loaded.fit(x, y, { epochs: 2, shuffle: false, ...quiet });
  assert.equal(Array.from((await model.predict(x)).dataSync()), Array.from((await loaded.predict(x)).dataSync()), 'resumed training (optimizer state restored) is identical');
  const wpath = join(dir, 'weights.json');
  await model.saveWeights(wpath);
  const fresh = build();
  await fresh.loadWeights(wpath);
  assert.equal(Array.from((await fresh.predict(x)).dataSync()), Array.from((await model.predict(x)).dataSync()));
  const other = new Sequential([new layers.Dense(9, { inputShape: [4] }), new layers.Dense(4)]);
  let message = '';
  try { await other.loadWeights(wpath); } catch (e) { message = (e as Error).message; }
  assert.ok(message.includes(other.layers[0].name), message);
  const json = model.toJSON();
  assert.ok(JSON.parse(json).config.layers.some((l: { class_name: string }) => l.class_name === 'Dense'));
  [model, loaded, fresh, other].forEach((m) => m.dispose());
});

test('the Keras article\'s pitfalls: the (n,) vs (n,1) broadcast warns (strictShapes refuses); a generator reusing one buffer warns', async () => {
  utils.setRandomSeed(6);
  np.random.seed(6);
  const x = np.random.randint(0, 100, [64, 2]).astype('float64');
  const target = np.mean(x, { axis: 1, keepdims: true });
  // a Lambda without expandDims: (64,) predictions against (64, 1) targets
  layers.Lambda.register('meanOfRow', (v) => np.mean(v, { axis: 1 }));
  const inp = Input({ shape: [2] });
  const model = new Model({ inputs: inp, outputs: new layers.Lambda('meanOfRow', { outputShape: [1] }).apply(inp) });
  model.compile({ loss: 'mse', optimizer: 'rmsprop' });
  const lines = await captured(async () => {
    const loss = (await model.evaluate(x, target, { batchSize: 64, verbose: 0 })) as number;
    const v = np.var(target).itemSync();
    assert.ok(Math.abs(loss - 2 * v) < 1e-3 * loss, `loss ${loss} = 2·Var = ${2 * v}`);
  });
  assert.ok(lines.some((l) => l.includes('(64,)') && l.includes('(64, 1)')), lines.join('|'));
  model.compile({ loss: 'mse', optimizer: 'rmsprop', strictShapes: true });
  let refused = '';
  try { await model.evaluate(x, target, { batchSize: 64, verbose: 0 }); } catch (e) { refused = (e as Error).message; }
  assert.ok(refused.includes('strictShapes'), refused);
  // a generator that mutates and yields one buffer
  const shared = np.zeros([8, 2]);
  function* gen(): Generator<[NDArray, NDArray]> {
    for (;;) {
      shared.set(':', np.random.randint(0, 100, [8, 2]).astype('float64'));
      yield [shared, np.mean(shared, { axis: 1, keepdims: true })];
    }
  }
  const dense = new Sequential([new layers.Dense(1, { inputShape: [2] })]);
  dense.compile({ loss: 'mse', optimizer: 'rmsprop' });
  const warned = await captured(() => dense.fit(gen(), undefined, { stepsPerEpoch: 20, epochs: 1, ...quiet }));
  assert.ok(warned.some((l) => l.includes('same array object')), warned.join('|'));
  model.dispose();
  dense.dispose();
});

test('functional API: shared layers share weights; trainable = false freezes from the next compile', async () => {
  utils.clearSession();
  const inp = Input({ shape: [3] });
  const shared = new layers.Dense(3, { activation: 'tanh' });
  const out = new layers.Dense(1).apply(shared.apply(shared.apply(inp)));
  const model = new Model({ inputs: inp, outputs: out });
  assert.is(model.countParams(), 12 + 4);
  assert.is(model.layers.filter((l) => l === shared).length, 1);
  const x = np.random.normal(0, 1, [16, 3]);
  const y = np.random.normal(0, 1, [16, 1]);
  shared.trainable = false;
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const before = shared.kernel!.value.copy();
  await model.fit(x, y, { epochs: 2, ...quiet });
  assert.equal(Array.from(shared.kernel!.value.dataSync()), Array.from(before.dataSync()));
  assert.throws(() => new layers.Dense(4, { activaton: 'relu' } as never), /unexpected keyword argument 'activaton'/);
  assert.throws(() => model.compile({ optimizer: 'adamm', loss: 'mse' }), /adamm/);
  assert.throws(() => model.compile({ optimizer: 'adam', loss: 'msee' }), /msee/);
  model.dispose();
});

test('memory: 100 epochs of fit, then evaluate and predict, leave only the weights and optimizer state', async () => {
  utils.setRandomSeed(7);
  const x = np.random.normal(0, 1, [40, 5]);
  const y = utils.toCategorical(np.argmax(x, { axis: 1 }));
  const model = new Sequential([new layers.Dense(6, { activation: 'relu', inputShape: [5] }), new layers.Dropout(0.1), new layers.Dense(5, { activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  await model.fit(x, y, { epochs: 1, batchSize: 16, ...quiet });
  const before = np.memory().cpu;
  await model.fit(x, y, { epochs: 100, batchSize: 16, validationSplit: 0.2, ...quiet });
  assert.equal(np.memory().cpu, before, 'after fit');
  (await model.predict(x)).dispose();
  assert.equal(np.memory().cpu, before, 'after predict');
  await model.evaluate(x, y, quiet);
  assert.equal(np.memory().cpu, before, 'after evaluate');
  model.dispose();
});

test('utils: checkGradients agrees with central differences per weight; plotHistory draws an SVG; classWeight weighs the loss', async () => {
  utils.setRandomSeed(8);
  const x = np.random.normal(0, 1, [12, 3]);
  const y = utils.toCategorical([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
  const model = new Sequential([new layers.Dense(5, { activation: 'tanh', inputShape: [3], kernelRegularizer: 'l2' }), new layers.Dense(3, { activation: 'softmax' })]);
  model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy' });
  const report = await utils.checkGradients(model, x, y);
  assert.is(report.length, 4);
  for (const r of report) assert.ok(r.maxRelError < 1e-6, `${r.name}: ${r.maxRelError}`);
  const h = await model.fit(x, y, { epochs: 3, ...quiet });
  const svg = utils.plotHistory(h);
  assert.ok(svg.startsWith('<svg') && svg.includes('</svg>'));
  assert.throws(() => utils.plotHistory(h, { keys: ['val_loss'] }), /no key val_loss/);
  // classWeight {0: 2} is the same loss as duplicating the class-0 rows' weight by hand
  const weighted = (await model.evaluate(x, y, { sampleWeight: [2, 1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1], verbose: 0 })) as number;
  const loss = (await model.evaluate(x, y, quiet)) as number;
  assert.ok(weighted > loss * 0.9 && Math.abs(weighted - loss) > 1e-6);
  // K.* functions inside a Lambda, and K.epsilon
  const { backend } = await import('../nn/index.ts');
  assert.is(backend.epsilon(), 1e-7);
  assert.equal(backend.expandDims(np.array([1, 2]), -1).shape, [2, 1]);
  model.dispose();
});

test('merge layers: a branching functional model with Add and Concatenate trains, checks its gradients, saves and loads', async () => {
  utils.clearSession();
  utils.setRandomSeed(12);
  const inp = Input({ shape: [4] });
  const a = new layers.Dense(3, { activation: 'tanh' }).apply(inp);
  const b = new layers.Dense(3, { activation: 'relu' }).apply(inp);
  const sum = new layers.Add().apply([a, b]);
  const joined = new layers.Concatenate().apply([sum, a, inp]);
  assert.equal(joined.shape, [null, 10]);
  const out = new layers.Dense(1).apply(joined);
  const model = new Model({ inputs: inp, outputs: out });
  assert.is(model.countParams(), 15 + 15 + 11);
  const [text] = await captured(() => model.summary());
  assert.ok(text.includes('add (Add)') && text.includes('dense[0][0],') && text.includes('concatenate'), text);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  const x = np.random.normal(0, 1, [32, 4]);
  const y = np.sum(np.square(x), { axis: 1, keepdims: true });
  const report = await utils.checkGradients(model, x.get(':6'), y.get(':6'));
  for (const r of report) assert.ok(r.maxRelError < 1e-6, `${r.name}: ${r.maxRelError}`);
  const h = await model.fit(x, y, { epochs: 30, batchSize: 8, ...quiet });
  assert.ok(h.history.loss[29] < h.history.loss[0], 'it learns');
  const path = join(dir, 'branching.json');
  await model.save(path);
  const loaded = await loadModel(path);
  assert.equal(Array.from((await loaded.predict(x)).dataSync()), Array.from((await model.predict(x)).dataSync()));
  assert.throws(() => new layers.Add().apply(inp), /list of at least 2 inputs|takes one input|should be called on a list/);
  assert.throws(() => new layers.Concatenate().apply([inp, Input({ shape: [2, 2] })]), /matching shapes/);
  const direct = new layers.Subtract().apply([np.array([[3, 4]]), np.array([[1, 1]])]);
  assert.equal(direct.toArraySync(), [[2, 3]]);
  [model, loaded].forEach((m) => m.dispose());
});

test('Keras\'s errors: wrong input shape, loss shapes, compile before fit, bad layer arguments', async () => {
  utils.clearSession();
  const model = new Sequential([new layers.Dense(4, { inputShape: [3], activation: 'softmax' })]);
  let message = '';
  try { await model.fit(np.zeros([2, 3]), np.zeros([2, 4]), quiet); } catch (e) { message = (e as Error).message; }
  assert.is(message, 'You must call `compile()` before using the model.');
  model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy' });
  try { await model.predict(np.zeros([2, 5])); } catch (e) { message = (e as Error).message; }
  assert.ok(message.includes('incompatible with the layer: expected shape=(None, 3), found shape=(2, 5)'), message);
  try { await model.fit(np.zeros([2, 3]), np.zeros([2, 5]), quiet); } catch (e) { message = (e as Error).message; }
  assert.ok(message.includes('Arguments `target` and `output` must have the same shape'), message);
  try { await model.fit(np.zeros([2, 3]), np.zeros([3, 4]), quiet); } catch (e) { message = (e as Error).message; }
  assert.ok(message.includes('Data cardinality is ambiguous'), message);
  assert.throws(() => new layers.Dense(0), /Received an invalid value for `units`/);
  assert.throws(() => new layers.Dropout(1.5), /Expected a float value between 0 and 1/);
  try { await model.fit(np.zeros([2, 3]), np.zeros([2, 4]), { epoch: 3 } as never); } catch (e) { message = (e as Error).message; }
  assert.ok(message.includes("fit() got an unexpected keyword argument 'epoch'"), message);
  model.dispose();
});

test('the same seed gives the same weights on any number of CPU threads', async () => {
  await np.startThreads();
  const run = async (threads: number): Promise<number[]> => {
    np.setNumThreads(threads);
    utils.setRandomSeed(9);
    np.random.seed(9);
    const x = np.random.normal(0, 1, [256, 256]).astype('float32');
    const y = utils.toCategorical(np.argmax(x.get(':', ':8'), { axis: 1 }));
    // 128 x 256 x 512 products: above the size where matmul splits work over threads
    const model = new Sequential([new layers.Dense(512, { activation: 'relu', inputShape: [256] }), new layers.Dense(8, { activation: 'softmax' })]);
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy' });
    await model.fit(x, y, { epochs: 1, batchSize: 128, ...quiet });
    const w = Array.from(model.weights[0].value.dataSync());
    model.dispose();
    return w;
  };
  const threads = np.getNumThreads();
  const [one, many] = [await run(1), await run(Math.max(2, threads))];
  np.setNumThreads(threads);
  assert.ok(one.every((v, i) => v === many[i]), 'bit-identical weights');
});

test.run();
