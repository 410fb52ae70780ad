// tessera/nn refuses bad arguments at its doors (issue 12, defect class 10): a constructor, apply,
// compile, setWeights, optimizer.apply or an exported function given the wrong kind of value throws a
// TypeError or ValueError saying what was given and what was expected (Keras's words where Keras has
// them), never a raw JavaScript error from deep inside. One table row per case: the call, the error
// class and the words its message must hold; every refused call leaves np.memory() as it was.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as nn from '../../nn/index.ts';
import { thrown } from '../helpers.ts';

const { layers, optimizers, regularizers, activations, losses, metrics, utils } = nn;
type Case = [name: string, call: () => unknown, cls: new (...a: never[]) => Error, message: RegExp];

// The fixture every case uses, made once (so a case itself allocates nothing it could leak).
const x = np.ones([4, 2]);
const p = np.ones([4, 3]);
const model = new nn.Sequential([new layers.Dense(3, { inputShape: [2] })]);
const dense = new layers.Dense(2);
const sgd = new optimizers.SGD();
const [kernel, bias] = model.weights;
const wrongShape = np.ones([3, 3]);

// A worked example first: Keras's words for a negative number of units.
test('new Dense(-1) is a ValueError in Keras words', () => {
  assert.throws(() => new layers.Dense(-1), (e: Error) => e instanceof np.ValueError
    && e.message === 'Received an invalid value for `units`, expected a positive integer. Received: units=-1');
});

const CASES: Case[] = [
  // Layer constructors: positional arguments and the common options (checked once, in Layer).
  ['Dense units -1', () => new layers.Dense(-1), np.ValueError, /expected a positive integer\. Received: units=-1/],
  ['Dense()', () => new layers.Dense(undefined as never), np.ValueError, /units=undefined/],
  ['Dense options a list', () => new layers.Dense(2, [] as never), TypeError, /options as an object/],
  ['Dense useBias string', () => new layers.Dense(2, { useBias: 'yes' as never }), TypeError, /useBias.*boolean/],
  ['Dense name number', () => new layers.Dense(2, { name: 5 as never }), TypeError, /name.*string/],
  ['Dense dtype int32', () => new layers.Dense(2, { dtype: 'int32' as never }), np.ValueError, /float32.*float64.*int32/],
  ['Dense trainable 1', () => new layers.Dense(2, { trainable: 1 as never }), TypeError, /trainable.*boolean/],
  ['Dense batchSize 0', () => new layers.Dense(2, { inputShape: [2], batchSize: 0 }), np.ValueError, /batchSize.*positive integer/],
  ['Dense activation nope', () => new layers.Dense(2, { activation: 'nope' }), np.ValueError, /Unknown activation function: 'nope'/],
  ['Dense misspelt option', () => new layers.Dense(2, { unit: 3 } as never), TypeError, /unexpected keyword argument 'unit'/],
  ['Dropout rate 1.5', () => new layers.Dropout(1.5), np.ValueError, /Invalid value received for argument `rate`\. Expected a float value between 0 and 1\. Received: rate=1\.5/],
  ['Dropout()', () => new layers.Dropout(undefined as never), np.ValueError, /rate=undefined/],
  ['Flatten channels_first', () => new layers.Flatten({ dataFormat: 'channels_first' } as never), np.ValueError, /channels_last/],
  ['Reshape()', () => new layers.Reshape(undefined as never), np.ValueError, /targetShape.*positive integers/],
  ['Reshape [2, -3]', () => new layers.Reshape([2, -3]), np.ValueError, /target_shape=\[2, -3\]/],
  ['Lambda(1)', () => new layers.Lambda(1 as never), TypeError, /`function` must be a function/],
  ['Lambda outputShape string', () => new layers.Lambda((t) => t, { outputShape: 'a' as never }), np.ValueError, /outputShape.*positive integers/],
  ['BatchNormalization momentum 2', () => new layers.BatchNormalization({ momentum: 2 }), np.ValueError, /momentum.*between 0 and 1/],
  ['BatchNormalization center string', () => new layers.BatchNormalization({ center: 'a' as never }), TypeError, /center.*boolean/],
  ['LSTM units -1', () => new layers.LSTM(-1), np.ValueError, /units/],
  ['LSTM returnSequences 1', () => new layers.LSTM(2, { returnSequences: 1 as never }), TypeError, /returnSequences.*boolean/],
  ['MaxPooling2D poolSize string', () => new layers.MaxPooling2D({ poolSize: 'a' as never }), np.ValueError, /pool_size.*2 positive integers/],
  ['AveragePooling2D [2, 0]', () => new layers.AveragePooling2D([2, 0]), np.ValueError, /pool_size/],
  // Models.
  ['Sequential(null)', () => new nn.Sequential(null as never), TypeError, /layers.*must be a list.*null/],
  ['Sequential([1])', () => new nn.Sequential([1 as never]), TypeError, /must be an instance of class Layer/],
  ['Model bad inputs', () => new nn.Model({ inputs: 1 as never, outputs: 2 as never }), TypeError, /inputs.*symbolic tensors/],
  ['Model name 3', () => new nn.Model({ name: 3 as never }), TypeError, /name.*string/],
  ['Model device tpu', () => new nn.Model({ device: 'tpu' as never }), np.ValueError, /device.*'cpu' or 'webgpu'/],
  ['unbuilt getConfig', () => new nn.Sequential().getConfig(), np.ValueError, /not yet been built/],
  ['unbuilt toJSON', () => new nn.Sequential().toJSON(), np.ValueError, /not yet been built/],
  ['compile()', () => model.compile(undefined as never), np.ValueError, /`loss` is required/],
  ['compile metrics string', () => model.compile({ loss: 'mse', metrics: 'acc' as never }), TypeError, /metrics.*list/],
  ['compile loss nope', () => model.compile({ loss: 'nope' }), np.ValueError, /Could not interpret loss identifier: 'nope'/],
  ['compile optimizer {}', () => model.compile({ loss: 'mse', optimizer: {} as never }), np.ValueError, /Could not interpret optimizer identifier/],
  ['setWeights()', () => model.setWeights(undefined as never), TypeError, /weights.*must be a list/],
  ['setWeights wrong shape', () => model.setWeights([wrongShape, bias.value]), np.ValueError, /not compatible/],
  ['model.call list', () => model.call([[1, 2]] as never), TypeError, /inputs.*NDArray.*np\.array/],
  // layer.apply.
  ['apply(null)', () => dense.apply(null as never), TypeError, /takes an NDArray, a symbolic tensor.*null/],
  ['apply list to Dense', () => dense.apply([x] as never), np.ValueError, /takes one input/],
  ['apply training string', () => dense.apply(x, { training: 'yes' as never }), TypeError, /training.*boolean/],
  ['Add one input', () => new layers.Add().apply([x] as never), np.ValueError, /at least 2 inputs/],
  ['Add with a number', () => new layers.Add().apply([x, 1] as never), TypeError, /takes an NDArray/],
  // Optimizers.
  ['SGD learningRate -1', () => new optimizers.SGD({ learningRate: -1 }), np.ValueError, /learningRate.*>= 0.*-1/],
  ['SGD momentum 2', () => new optimizers.SGD({ momentum: 2 }), np.ValueError, /`momentum` must be a float between \[0, 1\]/],
  ['Adam beta1 string', () => new optimizers.Adam({ beta1: 'a' as never }), np.ValueError, /beta1.*'a'/],
  ['AdamW(null)', () => new optimizers.AdamW(null as never), TypeError, /options as an object/],
  ['RMSprop centered 1', () => new optimizers.RMSprop({ centered: 1 as never }), TypeError, /centered.*boolean/],
  ['Adagrad clipnorm string', () => new optimizers.Adagrad({ clipnorm: 'a' as never }), np.ValueError, /clipnorm/],
  ['apply(null, [])', () => sgd.apply(null as never, []), TypeError, /grads.*must be a list/],
  ['apply 1 grad, 0 variables', () => sgd.apply([x], []), np.ValueError, /1 gradients for 0 variables/],
  ['apply grads [1]', () => sgd.apply([1 as never], [kernel]), TypeError, /grads\[0\] must be an NDArray/],
  ['apply to an array', () => sgd.apply([x], [x as never]), TypeError, /variables\[0\] must be a Variable/],
  ['apply wrong shape', () => sgd.apply([wrongShape], [kernel]), np.ValueError, /grads\[0\] has shape \(3, 3\)/],
  ['getOptimizer(null)', () => optimizers.getOptimizer(null as never), np.ValueError, /Could not interpret optimizer identifier: null/],
  // Regularizers and constraints.
  ['Regularizer l1 -1', () => new regularizers.Regularizer({ l1: -1 }), np.ValueError, /l1/],
  ['Regularizer.call list', () => regularizers.l2().call([1, 2] as never), TypeError, /must be an NDArray/],
  ['getConstraint(5)', () => nn.constraints.getConstraint(5 as never), np.ValueError, /Could not interpret constraint identifier: 5/],
  ['MaxNorm(-1)', () => new nn.MaxNorm(-1), np.ValueError, /maxValue must be positive/],
  // Functions.
  ['activationName()', () => activations.activationName(undefined as never), TypeError, /activation function/],
  ['getActivation(5)', () => activations.getActivation(5 as never), np.ValueError, /Unknown activation function: 5/],
  ['oneHot list', () => losses.oneHot([1, 2] as never, 3, 'float32'), TypeError, /labels.*NDArray/],
  ['oneHot classes -1', () => losses.oneHot(x, -1, 'float32'), np.ValueError, /classes/],
  ['getLoss({})', () => losses.getLoss({} as never), np.ValueError, /Could not interpret loss identifier: Object/],
  ['accuracyFor()', () => metrics.accuracyFor(undefined as never, [2]), TypeError, /yTrue.*must be a list/],
  ['accuracyFor [] shape', () => metrics.accuracyFor([], [2]), np.ValueError, /yTrue.*non-empty list/],
  ['sparseCategoricalAccuracy(null)', () => metrics.sparseCategoricalAccuracy(null as never, p), TypeError, /yTrue.*NDArray/],
  ['categoricalAccuracy list', () => metrics.categoricalAccuracy(p, [1] as never), TypeError, /yPred.*NDArray/],
  ['getMetric(5)', () => metrics.getMetric(5 as never), np.ValueError, /Could not interpret metric identifier: 5/],
  ['pyFormat(5)', () => utils.pyFormat(5 as never, {}), TypeError, /template.*string/],
  ['pyFormat object value', () => utils.pyFormat('{a}', { a: {} as never }), TypeError, /\{a\}.*number or a string/],
  ['checkGradients(5)', () => utils.checkGradients(5 as never, x, x), TypeError, /model.*must be a Model/],
  ['toTfjsArtifacts(null)', () => nn.toTfjsArtifacts(null as never), TypeError, /model.*must be a Model/],
  ['fromTfjsArtifacts(null)', () => nn.fromTfjsArtifacts(null as never), TypeError, /artifacts.*must be an object/],
  ['fromTfjsArtifacts null layer', () => nn.fromTfjsArtifacts({ modelTopology: { class_name: 'Sequential', config: { layers: [null] } } } as never), np.ValueError, /expected \{class_name, config\}/],
  // Option values of fit, evaluate, predict and the callbacks (their names are checked by checkOptions).
  ["fit epochs 'x'", () => model.fit(x, p, { epochs: 'x' as never }), np.ValueError, /`epochs`, expected a non-negative integer\. Received: epochs='x'/],
  ['fit epochs 2.5', () => model.fit(x, p, { epochs: 2.5 }), np.ValueError, /epochs=2\.5/],
  ["fit shuffle 'no'", () => model.fit(x, p, { shuffle: 'no' as never }), TypeError, /`shuffle` must be a boolean, got 'no'/],
  ['fit verbose 3', () => model.fit(x, p, { verbose: 3 as never }), np.ValueError, /`verbose` must be 'auto', 0, 1 or 2\. Received: verbose=3/],
  ['fit callbacks [1]', () => model.fit(x, p, { callbacks: [1] as never }), TypeError, /list of Callback instances; entry 0 is 1/],
  ['fit validationData [x]', () => model.fit(x, p, { validationData: [x] as never }), np.ValueError, /\[x, y\] or \[x, y, sampleWeight\], got a list of 1/],
  ['fit validationSplit 2', () => model.fit(x, p, { validationSplit: 2 }), np.ValueError, /`validationSplit`, expected a number between 0 and 1/],
  ["fit classWeight {0: 'a'}", () => model.fit(x, p, { classWeight: { 0: 'a' } as never }), np.ValueError, /classWeight\[0\]/],
  ['evaluate batchSize 0', () => model.evaluate(x, p, { batchSize: 0 }), np.ValueError, /`batchSize`, expected a positive integer/],
  ['predict verbose true', () => model.predict(x, { verbose: true as never }), np.ValueError, /`verbose` must be 'auto', 0, 1 or 2/],
  ["EarlyStopping patience 'x'", () => new nn.callbacks.EarlyStopping({ patience: 'x' as never }), np.ValueError, /EarlyStopping: .*`patience`.*Received: patience='x'/],
  ['EarlyStopping monitor 5', () => new nn.callbacks.EarlyStopping({ monitor: 5 as never }), TypeError, /`monitor` must be a string, got 5/],
  ['ReduceLROnPlateau cooldown -1', () => new nn.callbacks.ReduceLROnPlateau({ cooldown: -1 }), np.ValueError, /`cooldown`, expected a non-negative integer/],
  ["ModelCheckpoint saveBestOnly 'yes'", () => new nn.callbacks.ModelCheckpoint('m.json', { saveBestOnly: 'yes' as never }), TypeError, /`saveBestOnly` must be a boolean/],
  ['CSVLogger append 1', () => new nn.callbacks.CSVLogger('log.csv', { append: 1 as never }), TypeError, /`append` must be a boolean, got 1/],
  ['LearningRateScheduler verbose -1', () => new nn.callbacks.LearningRateScheduler(() => 0.1, { verbose: -1 }), np.ValueError, /verbose=-1/],
];

test(`${CASES.length} bad calls: each a tessera error of the right class, in the right words, leaking nothing`, async () => {
  assert.ok(CASES.length >= 40);
  for (const [name, call, cls, message] of CASES) {
    const before = np.memory().cpu.arrays;
    const e = await thrown(call);
    assert.instance(e, cls, `${name}: expected a ${cls.name}, got ${String(e)}`);
    assert.match((e as Error).message, message, `${name}: "${(e as Error).message}"`);
    assert.is(np.memory().cpu.arrays, before, `${name}: the refused call left arrays behind`);
  }
});

test('a refused setWeights or optimizer step leaves the weights and the step count as they were', () => {
  const before = model.getWeights();
  const iterations = sgd.iterations;
  assert.throws(() => model.setWeights([before[0], wrongShape]), /not compatible/);
  assert.throws(() => sgd.apply([x, wrongShape], [kernel, bias]), /shape/);
  model.getWeights().forEach((w, i) => assert.equal(Array.from(w.dataSync()), Array.from(before[i].dataSync())));
  assert.is(sgd.iterations, iterations);
});

test('the checks do not refuse good calls', () => {
  const y = dense.apply(x);
  assert.equal(y.shape, [4, 2]);
  model.compile({ loss: 'mse', optimizer: 'sgd', metrics: ['mae'] });
  model.setWeights(model.getWeights());
  sgd.apply([np.zerosLike(kernel.value)], [kernel]);
  assert.is(utils.pyFormat('{a:.1f}', { a: 0.25 }), '0.2');
});

test('a failed refit of a KerasClassifier leaves it fitted as it was: same model, same predictions, nothing leaked', async () => {
  const build = (_p: unknown, meta: { nFeaturesIn: number; nClasses: number }) => {
    const m = new nn.Sequential([new layers.Dense(4, { activation: 'relu', inputShape: [meta.nFeaturesIn] }), new layers.Dense(meta.nClasses, { activation: 'softmax' })]);
    m.compile({ loss: 'sparse_categorical_crossentropy', optimizer: 'adam' });
    return m;
  };
  utils.setRandomSeed(1);
  const clf = new nn.KerasClassifier({ buildFn: build, epochs: 2, verbose: 0 });
  const X = np.array([[0, 1], [1, 0], [1, 1], [0, 0]]);
  await clf.fit(X, np.array([0, 1, 1, 0]));
  const model = clf.model_;
  const before = await (await clf.predictProba(X)).toArray();
  for (const [badX, badY, message] of [[np.array([[1, 2, 3]]), np.array([0, 1]), /inconsistent numbers of samples/], [X, np.array([0, NaN, 1, 0]), /contains NaN/]] as const) {
    const e = await thrown(() => clf.fit(badX, badY));
    assert.match(String(e), message);
  }
  // A fit that fails half way through training: the new model was built, and must be disposed.
  const boom = new nn.callbacks.LambdaCallback({ onEpochEnd: () => { throw new Error('boom'); } });
  clf.setParams({ callbacks: [boom] });
  const y = np.array([0, 1, 1, 0]);
  // What a successful fit of a fresh twin leaves behind: its model's arrays and the host copies of X, y.
  const twin = new nn.KerasClassifier({ buildFn: build, epochs: 1, verbose: 0 });
  const beforeTwin = np.memory().cpu.arrays;
  await twin.fit(X, y);
  const leftBySuccess = np.memory().cpu.arrays - beforeTwin;
  const before2 = np.memory().cpu.arrays;
  assert.match(String(await thrown(() => clf.fit(X, y))), /boom/);
  const leftByFailure = np.memory().cpu.arrays - before2;
  assert.ok(leftByFailure <= leftBySuccess - twin.model_.weights.length, `the failed fit kept its model (${leftByFailure} arrays left, a trained model leaves ${leftBySuccess})`);
  clf.setParams({ callbacks: null });
  assert.ok(clf.model_ === model, 'the fitted model is kept');
  assert.equal(await (await clf.predictProba(X)).toArray(), before);
  assert.is(clf.nFeaturesIn_, 2);
});

test.run();
