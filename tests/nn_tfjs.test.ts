// TF.js's Layers format (nn/tfjs/layers-format.ts), checked against @tensorflow/tfjs-layers itself on its
// cpu backend: tessera's models exported with toTfjsArtifacts and loaded by tf.loadLayersModel predict what
// tessera predicts, and models built and fitted in TF.js, saved by TF.js and rebuilt by fromTfjsArtifacts
// predict what TF.js predicts (to 1e-5, both in float32). Then the files (saveTfjs/loadTfjs), a model.json
// as the Keras converter writes it, and the models the format cannot hold.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle registers neither the gradients (fit needs them) nor the chained ops
// (tensor.flatten(), used by tfjs-layers' Orthogonal initializer): the full @tensorflow/tfjs package
// imports these ES modules, which esbuild bundles here (the registries are globals, shared with the
// tfjs-core above).
import '../node_modules/@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '../node_modules/@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import * as np from '../ndarray/index.ts';
import { Input, MaxNorm, Model, Sequential, layers, utils, toTfjsArtifacts, fromTfjsArtifacts, saveTfjs, loadTfjs, type TfjsArtifacts } from '../nn/index.ts';

type NDArray = np.NDArray;
await tf.setBackend('cpu');

/** Float32 inputs from NumPy's stream, so tessera and TF.js see the same numbers. */
function uniform(shape: number[], seed: number): NDArray {
  np.random.seed(seed);
  return np.random.uniform(-1, 1, shape).astype('float32');
}
/** One-hot targets for the classes 0, 1, ..., k - 1, 0, 1, ... */
const oneHot = (n: number, k: number): NDArray => utils.toCategorical(Array.from({ length: n }, (_, i) => i % k), k);
const toTf = async (x: NDArray): Promise<tf.Tensor> => tf.tensor(Float32Array.from(await x.data()), [...x.shape]);

function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, what: string, tol = 1e-5): void {
  assert.is(got.length, want.length, `${what}: size`);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= tol, `${what}[${i}]: ${got[i]} vs ${want[i]}`);
}

/** What TF.js predicts for x with the model it loads from the artifacts. */
async function tfjsPredict(artifacts: TfjsArtifacts, x: NDArray): Promise<Float32Array> {
  const model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  const input = await toTf(x);
  const y = model.predict(input) as tf.Tensor;
  const out = (await y.data()) as Float32Array;
  tf.dispose([input, y]);
  model.dispose();
  return out;
}

/** The artifacts TF.js saves for a model (what tf.io.withSaveHandler receives). */
async function tfjsArtifacts(model: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => {
    saved = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return saved!;
}

/** tessera → TF.js: TF.js's predictions on x equal tessera's. */
async function roundTripsToTfjs(model: Model, x: NDArray, what: string): Promise<TfjsArtifacts> {
  const artifacts = await toTfjsArtifacts(model);
  assertClose(await tfjsPredict(artifacts, x), await (await model.predict(x)).data(), what);
  return artifacts;
}

async function rejects(fn: () => unknown, pattern: RegExp, what: string): Promise<void> {
  try {
    await fn();
  } catch (e) {
    assert.match((e as Error).message, pattern, what);
    return;
  }
  assert.unreachable(`${what}: no error`);
}

// ---- a worked example ---------------------------------------------------------------------------

test('a Dense layer: weights named dense/kernel and dense/bias, float32 one after another; TF.js predicts the same', async () => {
  utils.clearSession();
  const model = new Sequential([new layers.Dense(2, { inputShape: [3], activation: 'relu' })]);
  model.setWeights([np.array([[1, 2], [3, 4], [5, 6]], { dtype: 'float32' }), np.array([0.5, -40], { dtype: 'float32' })]);
  const artifacts = await toTfjsArtifacts(model);
  assert.equal(artifacts.weightSpecs, [{ name: 'dense/kernel', shape: [3, 2], dtype: 'float32' }, { name: 'dense/bias', shape: [2], dtype: 'float32' }]);
  assert.equal([...new Float32Array(artifacts.weightData)], [1, 2, 3, 4, 5, 6, 0.5, -40]);
  const topology = artifacts.modelTopology as { class_name: string; config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  assert.is(topology.class_name, 'Sequential');
  assert.equal(topology.config.layers[0].config.batch_input_shape, [null, 3]);
  // x W + b = [1 + 6 + 15 + 0.5, 2 + 8 + 18 - 40] = [22.5, -12], and relu.
  assert.equal([...(await tfjsPredict(artifacts, np.array([[1, 2, 3]], { dtype: 'float32' })))], [22.5, 0]);
});

// ---- tessera → TF.js ----------------------------------------------------------------------------

test('tessera → TF.js: a trained Sequential of Dense (relu, tanh, sigmoid, softmax; l2, MaxNorm), Dropout, Flatten, Reshape, Activation', async () => {
  utils.clearSession();
  utils.setRandomSeed(1);
  const model = new Sequential([
    new layers.Flatten({ inputShape: [4, 2] }),
    new layers.Dense(16, { activation: 'relu' }),
    new layers.Dropout(0.3),
    new layers.Dense(12, { activation: 'tanh', kernelRegularizer: 'l2', kernelConstraint: new MaxNorm(2) }),
    new layers.Dense(6, { activation: 'sigmoid' }),
    new layers.Reshape([2, 3]),
    new layers.Activation('softmax'),
    new layers.Flatten(),
    new layers.Dense(4, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy' });
  await model.fit(uniform([32, 4, 2], 1), oneHot(32, 4), { epochs: 3, batchSize: 8, verbose: 0 });
  const artifacts = await roundTripsToTfjs(model, uniform([10, 4, 2], 2), 'dense stack');
  assert.equal(artifacts.weightSpecs.map((s) => s.name), ['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias', 'dense_3/kernel', 'dense_3/bias']);
});

test('tessera → TF.js: a functional model with BatchNormalization, trained (moving averages moved)', async () => {
  utils.clearSession();
  utils.setRandomSeed(2);
  const input = Input({ shape: [6] });
  const hidden = new layers.BatchNormalization().apply(new layers.Dense(8, { activation: 'relu' }).apply(input));
  const model = new Model({ inputs: input, outputs: new layers.Dense(3).apply(hidden) });
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  await model.fit(uniform([40, 6], 3), np.add(uniform([40, 3], 4), 2), { epochs: 4, batchSize: 10, verbose: 0 });
  const artifacts = await roundTripsToTfjs(model, uniform([7, 6], 5), 'functional');
  assert.is((artifacts.modelTopology as { class_name: string }).class_name, 'Model');
  const movingMean = model.weights.find((w) => w.name === 'batch_normalization/moving_mean')!;
  assert.ok((await movingMean.value.data()).some((v) => v !== 0), 'the moving mean has moved');
});

test('tessera → TF.js: Conv2D (same, valid), MaxPooling2D, AveragePooling2D (same, partial windows), trained', async () => {
  utils.clearSession();
  utils.setRandomSeed(3);
  const model = new Sequential([
    new layers.Conv2D(4, [3, 3], { activation: 'relu', padding: 'same', inputShape: [9, 9, 2] }), // (9, 9, 4)
    new layers.MaxPooling2D([2, 2]), //                                                              (4, 4, 4)
    new layers.Conv2D(3, [2, 2], { activation: 'tanh' }), //                                         (3, 3, 3)
    new layers.AveragePooling2D({ poolSize: 2, padding: 'same' }), //                                (2, 2, 3)
    new layers.Flatten(),
    new layers.Dense(3, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy' });
  await model.fit(uniform([12, 9, 9, 2], 6), oneHot(12, 3), { epochs: 2, batchSize: 4, verbose: 0 });
  await roundTripsToTfjs(model, uniform([5, 9, 9, 2], 7), 'convnet');
});

test('tessera → TF.js: Dense, BatchNormalization, Activation in a Sequential; LSTM (returnSequences, goBackwards)', async () => {
  utils.clearSession();
  utils.setRandomSeed(4);
  const bn = new Sequential([new layers.Dense(8, { inputShape: [5] }), new layers.BatchNormalization({ momentum: 0.5 }), new layers.Activation('relu'), new layers.Dense(2)]);
  bn.compile({ optimizer: 'adam', loss: 'mse' });
  await bn.fit(uniform([30, 5], 8), uniform([30, 2], 9), { epochs: 3, batchSize: 10, verbose: 0 });
  const artifacts = await roundTripsToTfjs(bn, uniform([6, 5], 10), 'batch norm');
  assert.equal(artifacts.weightSpecs.slice(2, 6).map((s) => s.name), ['batch_normalization/gamma', 'batch_normalization/beta', 'batch_normalization/moving_mean', 'batch_normalization/moving_variance']);
  const lstm = new Sequential([
    new layers.LSTM(5, { returnSequences: true, inputShape: [4, 3] }),
    new layers.LSTM(3, { goBackwards: true }),
    new layers.Dense(2),
  ]);
  await roundTripsToTfjs(lstm, uniform([6, 4, 3], 11), 'lstm');
});

// ---- TF.js → tessera ----------------------------------------------------------------------------

test('TF.js → tessera: a tf.sequential (Dense, BatchNormalization, Dropout) fitted in TF.js and saved by TF.js', async () => {
  const tm = tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 8, activation: 'relu', inputShape: [5], kernelRegularizer: tfl.regularizers.l2({ l2: 0.01 }), biasConstraint: tfl.constraints.maxNorm({ maxValue: 3 }) }),
      tfl.layers.batchNormalization(),
      tfl.layers.dropout({ rate: 0.2 }),
      tfl.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  tm.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const [xs, ys] = [await toTf(uniform([24, 5], 12)), await toTf(oneHot(24, 3))];
  await tm.fit(xs, ys, { epochs: 3, batchSize: 8, verbose: 0 });
  const x = uniform([9, 5], 13);
  const want = (await (tm.predict(await toTf(x)) as tf.Tensor).data()) as Float32Array;
  const model = fromTfjsArtifacts(await tfjsArtifacts(tm));
  assert.is(model.className, 'Sequential');
  assert.equal(model.layers.map((l) => l.className), ['Dense', 'BatchNormalization', 'Dropout', 'Dense']);
  assertClose(await (await model.predict(x)).data(), want, 'tf.sequential');
  const config = model.layers[0].getConfig();
  assert.equal([config.kernel_regularizer, config.bias_constraint], [{ className: 'L1L2', config: { l1: 0, l2: 0.01 } }, { className: 'MaxNorm', config: { max_value: 3, axis: 0 } }]);
  tf.dispose([xs, ys]);
});

test('TF.js → tessera: a functional tf.model, a convnet and an LSTM', async () => {
  const input = tfl.input({ shape: [4] });
  const hidden = tfl.layers.dense({ units: 6, activation: 'tanh' }).apply(input) as tfl.SymbolicTensor;
  const functional = tfl.model({ inputs: input, outputs: tfl.layers.dense({ units: 2, activation: 'sigmoid' }).apply(hidden) as tfl.SymbolicTensor });
  const conv = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', inputShape: [7, 6, 2] }),
      tfl.layers.maxPooling2d({ poolSize: 2, strides: 1 }),
      tfl.layers.averagePooling2d({ poolSize: [2, 1] }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 2 }),
    ],
  });
  const lstm = tfl.sequential({
    layers: [tfl.layers.lstm({ units: 4, recurrentActivation: 'sigmoid', returnSequences: true, inputShape: [5, 3] }), tfl.layers.reshape({ targetShape: [20] })],
  });
  const cases: [tfl.LayersModel, number[], string][] = [[functional, [6, 4], 'functional'], [conv, [3, 7, 6, 2], 'conv'], [lstm, [4, 5, 3], 'lstm']];
  for (const [tm, shape, what] of cases) {
    const x = uniform(shape, 14);
    const want = (await (tm.predict(await toTf(x)) as tf.Tensor).data()) as Float32Array;
    assertClose(await (await fromTfjsArtifacts(await tfjsArtifacts(tm)).predict(x)).data(), want, what);
  }
});

test('merge layers both ways: a branching tessera model with Add and Concatenate in TF.js, and tf.layers.add/concatenate/multiply in tessera', async () => {
  utils.clearSession();
  utils.setRandomSeed(7);
  const input = Input({ shape: [5] });
  const a = new layers.Dense(3, { activation: 'tanh' }).apply(input);
  const b = new layers.Dense(3, { activation: 'relu' }).apply(input);
  const joined = new layers.Concatenate().apply([new layers.Add().apply([a, b]), new layers.Maximum().apply([a, b]), input]);
  const model = new Model({ inputs: input, outputs: new layers.Dense(2).apply(joined) });
  await roundTripsToTfjs(model, uniform([6, 5], 21), 'merge');
  const withSubtract = new Model({ inputs: input, outputs: new layers.Subtract().apply([a, b]) });
  await rejects(() => toTfjsArtifacts(withSubtract), /Subtract/, 'TF.js has no Subtract layer');
  const tin = tfl.input({ shape: [4] });
  const ta = tfl.layers.dense({ units: 3, activation: 'tanh' }).apply(tin) as tfl.SymbolicTensor;
  const tb = tfl.layers.dense({ units: 3 }).apply(tin) as tfl.SymbolicTensor;
  const merged = tfl.layers.concatenate().apply([tfl.layers.add().apply([ta, tb]) as tfl.SymbolicTensor, tfl.layers.multiply().apply([ta, tb]) as tfl.SymbolicTensor]) as tfl.SymbolicTensor;
  const tm = tfl.model({ inputs: tin, outputs: tfl.layers.dense({ units: 2 }).apply(merged) as tfl.SymbolicTensor });
  const x = uniform([5, 4], 22);
  const want = (await (tm.predict(await toTf(x)) as tf.Tensor).data()) as Float32Array;
  assertClose(await (await fromTfjsArtifacts(await tfjsArtifacts(tm)).predict(x)).data(), want, 'TF.js merge model');
});

test("TF.js → tessera: a model.json as the Keras converter writes it (model_config, an InputLayer first, BatchNormalization's axis [1], lstm_cell in weight names)", async () => {
  const tm = tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 6, inputShape: [3], name: 'dense' }),
      tfl.layers.batchNormalization({ name: 'batch_normalization' }),
      tfl.layers.reshape({ targetShape: [2, 3], name: 'reshape' }),
      tfl.layers.lstm({ units: 2, recurrentActivation: 'sigmoid', name: 'lstm' }),
    ],
  });
  const artifacts = await tfjsArtifacts(tm);
  const [first, ...rest] = (artifacts.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
  const { batch_input_shape: shape, ...firstConfig } = first.config;
  const kerasLayers = [
    { class_name: 'InputLayer', config: { batch_input_shape: shape, dtype: 'float32', sparse: false, ragged: false, name: 'dense_input' } },
    { class_name: first.class_name, config: firstConfig },
    ...rest.map((l) => (l.class_name === 'BatchNormalization' ? { ...l, config: { ...l.config, axis: [1] } } : l)),
  ];
  const keras = {
    ...artifacts,
    modelTopology: { keras_version: '2.13.1', backend: 'tensorflow', model_config: { class_name: 'Sequential', config: { name: 'sequential', layers: kerasLayers } }, training_config: { loss: 'mse' } },
    weightSpecs: artifacts.weightSpecs!.map((s) => ({ ...s, name: s.name.replace(/^lstm\//, 'lstm/lstm_cell/') })),
  };
  const x = uniform([5, 3], 15);
  const want = (await (tm.predict(await toTf(x)) as tf.Tensor).data()) as Float32Array;
  assertClose(await (await fromTfjsArtifacts(keras).predict(x)).data(), want, 'keras-converter layout');
});

test('TF.js → tessera: what tessera cannot rebuild is refused, naming it', async () => {
  const defaults = tfl.sequential({ layers: [tfl.layers.lstm({ units: 2, inputShape: [3, 2], name: 'lstm_defaults' })] });
  await rejects(async () => fromTfjsArtifacts(await tfjsArtifacts(defaults)), /layer 'lstm_defaults' \(LSTM\) has the activation 'hard_sigmoid'/, 'TF.js LSTM default');
  const conv1d = tfl.sequential({ layers: [tfl.layers.conv1d({ filters: 2, kernelSize: 2, inputShape: [5, 1] }), tfl.layers.globalAveragePooling1d({})] });
  await rejects(async () => fromTfjsArtifacts(await tfjsArtifacts(conv1d)), /no layer Conv1D, GlobalAveragePooling1D/, 'unknown classes');
  const dilated = tfl.sequential({ layers: [tfl.layers.conv2d({ filters: 2, kernelSize: 2, dilationRate: 2, inputShape: [6, 6, 1], name: 'dilated' })] });
  await rejects(async () => fromTfjsArtifacts(await tfjsArtifacts(dilated)), /layer 'dilated' \(Conv2D\) has dilation_rate/, 'dilation');
  const convBn = tfl.sequential({ layers: [tfl.layers.conv2d({ filters: 2, kernelSize: 2, inputShape: [4, 4, 1] }), tfl.layers.batchNormalization({ axis: 1, name: 'bn_rows' })] });
  await rejects(async () => fromTfjsArtifacts(await tfjsArtifacts(convBn)), /BatchNormalization 'bn_rows' normalises axis 1 of inputs with 4 axes/, 'batch norm axis');
  const tm = tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [3], name: 'd' })] });
  const artifacts = await tfjsArtifacts(tm);
  await rejects(() => fromTfjsArtifacts({ ...artifacts, weightSpecs: artifacts.weightSpecs!.slice(0, 1) }), /no weight named 'd\/bias'/, 'missing weight');
});

// ---- files --------------------------------------------------------------------------------------

test('saveTfjs / loadTfjs: model.json and group1-shard1of1.bin, read back by tessera and by TF.js', async () => {
  utils.clearSession();
  utils.setRandomSeed(5);
  const model = new Sequential([
    new layers.Conv2D(2, [3, 3], { activation: 'relu', inputShape: [6, 6, 1] }),
    new layers.MaxPooling2D([2, 2]),
    new layers.Flatten(),
    new layers.Dense(4, { activation: 'softmax' }),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'tessera-tfjs-'));
  try {
    await saveTfjs(model, dir);
    assert.equal((await readdir(dir)).sort(), ['group1-shard1of1.bin', 'model.json']);
    const modelJSON = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    assert.is(modelJSON.format, 'layers-model');
    assert.equal(modelJSON.weightsManifest[0].paths, ['group1-shard1of1.bin']);
    const x = uniform([3, 6, 6, 1], 16);
    const want = await (await model.predict(x)).data();
    for (const path of [dir, join(dir, 'model.json')]) assertClose(await (await (await loadTfjs(path)).predict(x)).data(), want, `loadTfjs(${path})`, 0);
    const bin = await readFile(join(dir, 'group1-shard1of1.bin'));
    const fromFiles = { modelTopology: modelJSON.modelTopology, weightSpecs: modelJSON.weightsManifest[0].weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) };
    assertClose(await tfjsPredict(fromFiles as TfjsArtifacts, x), want, 'TF.js from the files');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// ---- what the format cannot hold ----------------------------------------------------------------

test('a Lambda model refuses to export, naming the layer; so does an activation TF.js lacks', async () => {
  utils.clearSession();
  const lambda = new Sequential([new layers.Dense(3, { inputShape: [2] }), new layers.Lambda((x) => np.multiply(x, 2), { name: 'doubler' })]);
  await rejects(() => toTfjsArtifacts(lambda), /layer 'doubler' is a Lambda/, 'lambda');
  const leaky = new Sequential([new layers.Dense(3, { inputShape: [2], activation: 'leaky_relu', name: 'leaky' })]);
  await rejects(() => toTfjsArtifacts(leaky), /layer 'leaky' uses the activation 'leaky_relu'/, 'leaky_relu');
  await rejects(() => toTfjsArtifacts(new Sequential([new layers.Dense(3)])), /no weights yet/, 'unbuilt');
});

test.run();
