// nn.exportOnnx checked by ONNX Runtime (onnxruntime-web: the same runtime compiled to WebAssembly, which
// runs in Node and installs without the CUDA download onnxruntime-node's install script attempts): Sequential and functional models of
// every exportable layer, trained a few steps on small random data, exported, and run by ONNX Runtime,
// which must give model.predict's outputs to float32 tolerance; layers with no ONNX form (Lambda,
// LSTM, a custom activation) are refused by name; a model living on 'webgpu' exports too. The protobuf
// writer is checked byte for byte against the encoding spec's examples. Each exported model is also
// written to build/onnx/, where tests/oracle/onnx_check.py runs ONNX's own checker on it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as ort from 'onnxruntime-web';
import * as np from '../ndarray/index.ts';
import { Sequential, Model, Input, layers, utils, exportOnnx, activations, type OnnxExportOptions } from '../nn/index.ts';
import { ProtoWriter } from '../nn/onnx/protobuf.ts';
import { requireWebGPU } from './webgpu-setup.ts';

type NDArray = np.NDArray;
const test = suite('nn.exportOnnx');

/** Random float32 inputs and one-hot targets for `classes` classes. */
function data(shape: number[], classes: number, device: np.DeviceName = 'cpu'): [NDArray, NDArray] {
  const x = np.random.normal(0, 1, shape).astype('float32');
  const labels = np.random.randint(0, classes, [shape[0]]);
  const y = utils.toCategorical(labels, classes);
  if (device === 'cpu') return [x, y];
  return [np.NDArray.fromTyped(x.dataSync(), x.shape, 'float32', device), np.NDArray.fromTyped(Float32Array.from(y.dataSync()), y.shape, 'float32', device)];
}

/** Trains `model` for two epochs, exports it to build/onnx/<file>.onnx, runs the bytes in ONNX Runtime
 *  on x and compares with model.predict(x): same shape, values within 1e-5 (relative above 1). */
async function checkAgainstRuntime(model: Model, file: string, shape: number[], options: OnnxExportOptions = {}): Promise<Uint8Array> {
  const [x, y] = data(shape, model.outputShape.at(-1) as number, model.device);
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy' });
  await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
  const bytes = await exportOnnx(model, { path: `build/onnx/${file}.onnx`, ...options });
  const session = await ort.InferenceSession.create(bytes);
  const feed = new ort.Tensor('float32', Float32Array.from(await x.data()), shape);
  const result = (await session.run({ [session.inputNames[0]]: feed }))[session.outputNames[0]];
  const predicted = await model.predict(x);
  assert.equal([...result.dims], [...predicted.shape], `${file}: output shape`);
  const [got, want] = [result.data as Float32Array, await predicted.data()];
  for (let i = 0; i < want.length; i++) {
    assert.ok(Math.abs(got[i] - want[i]) <= 1e-5 * Math.max(1, Math.abs(want[i])), `${file}[${i}]: onnxruntime ${got[i]} vs predict ${want[i]}`);
  }
  [x, y, predicted].forEach((a) => a.dispose());
  await session.release();
  return bytes;
}

/** Asserts that `run` rejects with a message matching `pattern`. */
async function rejects(run: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await run();
  } catch (e) {
    assert.match((e as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected an error matching ${pattern}`);
}

test('worked example: Dense(2) with kernel [[1, 2], [3, 4]] and bias [0.5, -1] maps [1, 1] to [4.5, 5] in ONNX Runtime', async () => {
  const model = new Sequential([new layers.Dense(2, { inputShape: [2] })]);
  model.setWeights([np.array([[1, 2], [3, 4]], { dtype: 'float32' }), np.array([0.5, -1], { dtype: 'float32' })]);
  const session = await ort.InferenceSession.create(await exportOnnx(model));
  const result = (await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', Float32Array.from([1, 1]), [1, 2]) }))[session.outputNames[0]];
  // (np.array([[1, 1]]) @ np.array([[1, 2], [3, 4]]) + np.array([0.5, -1])).tolist() -> [[4.5, 5.0]]
  assert.equal([...result.dims], [1, 2]);
  assert.equal([...(result.data as Float32Array)], [4.5, 5]);
  await session.release();
  model.dispose();
});

const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'softmax', 'linear', 'elu', 'selu', 'softplus', 'leaky_relu', 'gelu'];

test('Dense with each activation (Sequential), as ONNX Runtime computes it', async () => {
  for (const activation of ACTIVATIONS) {
    utils.setRandomSeed(1);
    const model = new Sequential([
      new layers.Dense(6, { activation, inputShape: [5] }),
      new layers.Dense(3, { activation: 'softmax' }),
    ]);
    await checkAgainstRuntime(model, `dense_${activation}`, [10, 5]);
    model.dispose();
  }
});

test('gelu as the Gelu operator with opset 20, and opset 21', async () => {
  utils.setRandomSeed(2);
  const model = new Sequential([new layers.Dense(7, { activation: 'gelu', inputShape: [4] }), new layers.Dense(2)]);
  for (const opset of [20, 21]) await checkAgainstRuntime(model, `gelu_opset${opset}`, [9, 4], { opset });
  model.dispose();
});

test('Dropout (the identity) and Activation layers; the graph\'s input and output are named after the layers', async () => {
  utils.setRandomSeed(3);
  const model = new Sequential([
    new layers.Dense(8, { activation: 'relu', inputShape: [6] }),
    new layers.Dropout(0.3),
    new layers.Dense(4),
    new layers.Activation('elu'),
    new layers.Dense(3),
    new layers.Dropout(0.5),
    new layers.Activation('softmax'),
  ]);
  const bytes = await checkAgainstRuntime(model, 'dropout_activation', [12, 6]);
  const session = await ort.InferenceSession.create(bytes);
  assert.equal(session.inputNames, [`${model.name}_input`]);
  assert.equal(session.outputNames, [model.layers.at(-1)!.name]);
  await session.release();
  model.dispose();
});

test('a functional model: Flatten, Dense on 3-D inputs, BatchNormalization, Reshape', async () => {
  utils.setRandomSeed(4);
  const input = Input({ shape: [4, 3] });
  let h = new layers.Flatten().apply(input);
  h = new layers.Dense(8, { activation: 'selu' }).apply(h);
  h = new layers.BatchNormalization().apply(h);
  h = new layers.Reshape([2, -1]).apply(h);
  h = new layers.Dense(5, { activation: 'tanh' }).apply(h); // (N, 2, 4) -> (N, 2, 5)
  h = new layers.Flatten().apply(h);
  const output = new layers.Dense(3, { activation: 'softmax' }).apply(h);
  const model = new Model({ inputs: input, outputs: output });
  await checkAgainstRuntime(model, 'functional_bn_reshape', [16, 4, 3]);
  model.dispose();
});

test('a shared layer (called twice) writes its weights once', async () => {
  utils.setRandomSeed(5);
  const input = Input({ shape: [4] });
  const shared = new layers.Dense(4, { activation: 'tanh' });
  const output = new layers.Dense(2, { activation: 'softmax' }).apply(shared.apply(shared.apply(input)));
  const model = new Model({ inputs: input, outputs: output });
  const bytes = await checkAgainstRuntime(model, 'shared_layer', [8, 4]);
  const text = new TextDecoder('latin1').decode(bytes);
  assert.is(text.split(shared.kernel!.name).length - 1, 3, 'the kernel is one initializer, used by two MatMuls');
  model.dispose();
});

test('merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum and Concatenate as Sum, Sub, Mul, Mean, Max, Min, Concat', async () => {
  utils.setRandomSeed(6);
  const input = Input({ shape: [5] });
  const a = new layers.Dense(3, { activation: 'tanh' }).apply(input);
  const b = new layers.Dense(3, { activation: 'relu' }).apply(input);
  const c = new layers.Dense(3).apply(input);
  const merged = [
    new layers.Add().apply([a, b, c]), new layers.Subtract().apply([a, b]), new layers.Multiply().apply([a, b, c]),
    new layers.Average().apply([a, c]), new layers.Maximum().apply([b, c]), new layers.Minimum().apply([a, b, c]),
  ];
  const output = new layers.Dense(2, { activation: 'softmax' }).apply(new layers.Concatenate().apply(merged));
  const model = new Model({ inputs: input, outputs: output });
  await checkAgainstRuntime(model, 'merge_layers', [6, 5]);
  model.dispose();
});

test('Conv2D, MaxPooling2D, AveragePooling2D with strides and asymmetric "same" padding, then BatchNormalization', async () => {
  utils.setRandomSeed(6);
  const model = new Sequential([
    new layers.Conv2D(3, [3, 3], { padding: 'same', activation: 'relu', inputShape: [7, 7, 2] }),
    new layers.Conv2D(4, [2, 2], { strides: 2, padding: 'same', activation: 'softmax' }), // 7 -> 4, pads 0 before, 1 after
    new layers.AveragePooling2D(2, { strides: 1, padding: 'same' }), // the pad is left out of the mean
    new layers.BatchNormalization(),
    new layers.MaxPooling2D(3, { strides: 2, padding: 'same' }),
    new layers.Conv2D(2, [2, 1], { activation: 'elu' }),
    new layers.AveragePooling2D([1, 2]),
    new layers.Flatten(),
    new layers.Dense(3, { activation: 'softmax' }),
  ]);
  await checkAgainstRuntime(model, 'conv_pool_bn', [6, 7, 7, 2]);
  model.dispose();
});

test('a Lambda is refused, naming the layer and its class; no file is written', async () => {
  const model = new Sequential([
    new layers.Dense(3, { inputShape: [2] }),
    new layers.Lambda((x) => np.multiply(x, 2), { name: 'double_it' }),
  ]);
  const path = 'build/onnx/refused_lambda.onnx';
  await import('node:fs/promises').then((fs) => fs.rm(path, { force: true }));
  try {
    await exportOnnx(model, { path });
    assert.unreachable('a Lambda must be refused');
  } catch (e) {
    assert.match((e as Error).message, "cannot export layer 'double_it' (Lambda) to ONNX: a Lambda runs a TypeScript function");
  }
  const { existsSync } = await import('node:fs');
  assert.not.ok(existsSync(path));
  model.dispose();
});

test('an LSTM and a custom activation are refused by name; so are an unknown opset and an unbuilt model', async () => {
  const lstm = new Sequential([new layers.LSTM(3, { inputShape: [4, 2], name: 'recurrent' })]);
  await rejects(() => exportOnnx(lstm), /cannot export layer 'recurrent' \(LSTM\) to ONNX: tessera's exporter has no rule for LSTM layers \(it exports InputLayer, Dense, Activation/);
  const custom = new Sequential([new layers.Dense(2, { inputShape: [2], name: 'odd', activation: (x: NDArray) => np.square(x) })]);
  await rejects(() => exportOnnx(custom), /cannot export layer 'odd' \(Dense\) to ONNX: its activation .* is a custom function/);
  const approx = new Sequential([new layers.Activation(activations.geluApproximate, { inputShape: [2], name: 'approx' })]);
  await rejects(() => exportOnnx(approx), /layer 'approx' \(Activation\)/);
  await rejects(() => exportOnnx(custom, { opset: 9 }), /opset 9 is not supported; tessera writes opsets 13 to 21/);
  await rejects(() => exportOnnx(new Sequential([new layers.Dense(2)])), /is not built yet/);
  await rejects(() => exportOnnx(custom, { path: 'x.onnx', opset: 13, producer: 'me' } as OnnxExportOptions), /unexpected keyword argument 'producer'/);
  [lstm, custom, approx].forEach((m) => m.dispose());
});

test('a model whose output is its input (Input then Dropout) is an Identity graph', async () => {
  const input = Input({ shape: [3], name: 'features' });
  const model = new Model({ inputs: input, outputs: new layers.Dropout(0.5, { name: 'out' }).apply(input) });
  const session = await ort.InferenceSession.create(await exportOnnx(model));
  assert.equal([session.inputNames, session.outputNames], [['features'], ['out']]);
  const x = Float32Array.of(1, -2, 3, 4, 5, -6);
  const result = await session.run({ features: new ort.Tensor('float32', x, [2, 3]) });
  assert.equal([...(result.out.data as Float32Array)], [...x]);
  await session.release();
});

test('the protobuf writer: varints, negative int64s, strings, floats, packed fields and nested messages', () => {
  const hex = (w: ProtoWriter): string => Buffer.from(w.finish()).toString('hex');
  assert.is(hex(new ProtoWriter().int(1, 150)), '089601'); // the encoding guide's first example
  assert.is(hex(new ProtoWriter().int(2, -1)), '10ffffffffffffffffff01'); // two's complement, 10 bytes
  assert.is(hex(new ProtoWriter().string(2, 'testing')), '120774657374696e67');
  assert.is(hex(new ProtoWriter().message(3, (w) => w.int(1, 150))), '1a03089601');
  assert.is(hex(new ProtoWriter().float(2, 1)), '150000803f');
  assert.is(hex(new ProtoWriter().packedInt64s(4, [3, 270, 86942])), '2206038e029ea705');
  assert.is(hex(new ProtoWriter().packedFloats(4, [1, -2])), '22080000803f000000c0');
  const long = new ProtoWriter().packedFloats(1, new Float32Array(1000)).finish(); // grows its buffer
  assert.is(long.length, 1 + 2 + 4000);
});

test.run();

// ---- a model trained on the GPU --------------------------------------------------------------------
if (await requireWebGPU('nn.exportOnnx on webgpu')) {
  const gpu = suite('nn.exportOnnx on webgpu');
  await np.initWebGPU();
  gpu('a model whose weights live on webgpu exports, and ONNX Runtime agrees with its predictions', async () => {
    utils.setRandomSeed(7);
    const model = new Sequential([
      new layers.Conv2D(3, [3, 3], { padding: 'same', activation: 'relu', inputShape: [5, 5, 1] }),
      new layers.MaxPooling2D(2),
      new layers.Flatten(),
      new layers.Dense(6, { activation: 'relu' }),
      new layers.BatchNormalization(),
      new layers.Dropout(0.2),
      new layers.Dense(3, { activation: 'softmax' }),
    ], { device: 'webgpu' });
    assert.is(model.weights[0].value.device, 'webgpu');
    await checkAgainstRuntime(model, 'webgpu_convnet', [8, 5, 5, 1]);
    model.dispose();
  });
  gpu.run();
}
