// LSTM and BatchNormalization against PyTorch (tests/oracle/nn_recurrent.py): outputs, the gradients
// np.grad gives for every weight and the input, and BatchNormalization's moving averages after a
// training step, on cpu (float64) and webgpu (float32); and both layers learning inside a model.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { layers, Sequential, utils } from '../nn/index.ts';
import type { Variable } from '../nn/variable.ts';
import fixtureJSON from './fixtures/nn_recurrent.json';
import { requireWebGPU } from './webgpu-setup.ts';

type NDArray = np.NDArray;
const fixture = fixtureJSON as unknown as {
  lstm: Record<string, unknown>[];
  batchnorm: Record<string, unknown>;
};

const worked = suite('worked examples');
worked('worked example: BatchNormalization (training) maps the batch [[1], [3]] to ±1 / √(1 + 0.001)', () => {
  const layer = new layers.BatchNormalization({ dtype: 'float64' });
  const x = np.array([[1], [3]]);
  layer.apply(x).dispose(); // builds gamma 1, beta 0
  // F.batch_norm(torch.tensor([[1.], [3.]], dtype=torch.float64), None, None, training=True, eps=1e-3).tolist() -> [[-0.9995003746877732], [0.9995003746877732]]
  const y = Array.from(layer.call(x, true).dataSync());
  assert.ok(Math.abs(y[0] + 0.9995003746877732) < 1e-12 && Math.abs(y[1] - 0.9995003746877732) < 1e-12, String(y));
  layer.dispose();
});
worked('worked example: one LSTM step on x = 1 with kernel ones, recurrent kernel and bias 0: h = σ(1) tanh(σ(1) tanh(1))', () => {
  const layer = new layers.LSTM(1, { dtype: 'float64' });
  const x = np.array([[[1]]]);
  layer.apply(x).dispose();
  layer.kernel!.assign(np.ones([1, 4]));
  layer.recurrentKernel!.assign(np.zeros([1, 4]));
  layer.bias!.assign(np.zeros([4]));
  // s = torch.sigmoid(torch.tensor(1., dtype=torch.float64)); (s * torch.tanh(s * torch.tanh(torch.tensor(1., dtype=torch.float64)))).item() -> 0.36960635293570576
  const h = layer.apply(x).dataSync()[0];
  assert.ok(Math.abs(h - 0.36960635293570576) < 1e-12, String(h));
  layer.dispose();
});
worked.run();

async function close(got: NDArray, want: unknown, tol: number, what: string): Promise<void> {
  const a = await got.data();
  const b = (want as number[]).flat(4) as number[];
  assert.is(a.length, b.length, `${what}: size`);
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= tol * Math.max(1, Math.abs(b[i])), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

/** Gradients of sum(layer(x) · g) with respect to x and the given variables. */
function grads(layer: layers.Layer, x: NDArray, g: NDArray, vars: Variable[], training: boolean): [NDArray, NDArray[]] {
  return np.valueAndGrad((inputs: NDArray[]) => {
    const saved = vars.map((v) => v.value);
    vars.forEach((v, i) => { v.value = inputs[i + 1]; });
    try {
      const y = layer.call(inputs[0], training);
      return [np.sum(np.multiply(y, g)), y];
    } finally {
      vars.forEach((v, i) => { v.value = saved[i]; });
    }
  }, { hasAux: true })([x, ...vars.map((v) => v.value)]) as unknown as [NDArray, NDArray[]];
}

function define(device: np.DeviceName, tol: number): ReturnType<typeof suite> {
  const test = suite(`recurrent and normalization layers on ${device}`);
  const dtype = device === 'cpu' ? 'float64' : 'float32';
  const arr = (v: unknown): NDArray => np.array(v as number[], { dtype, device });
  test('LSTM: y and the gradients of x, kernel, recurrent kernel and bias', async () => {
    for (const c of fixture.lstm) {
      const what = `lstm returnSequences=${c.returnSequences}`;
      const layer = new layers.LSTM(3, { returnSequences: c.returnSequences as boolean, dtype });
      const [x, g] = [arr(c.x), arr(c.g)];
      layer.apply(x).dispose();
      layer.kernel!.assign(arr(c.kernel));
      layer.recurrentKernel!.assign(arr(c.recurrentKernel));
      layer.bias!.assign(arr(c.bias));
      const [[, y], [dx, dk, dr, db]] = grads(layer, x, g, [layer.kernel!, layer.recurrentKernel!, layer.bias!], false) as unknown as [[NDArray, NDArray], NDArray[]];
      await close(y, c.y, tol, `${what} y`);
      await close(dx, c.dx, tol, `${what} dx`);
      await close(dk, c.dkernel, tol, `${what} dkernel`);
      await close(dr, c.drecurrent, tol, `${what} drecurrent`);
      await close(db, c.dbias, tol, `${what} dbias`);
      layer.dispose();
    }
  });
  test('BatchNormalization: training output and gradients, moving averages after the step, inference output', async () => {
    const c = fixture.batchnorm;
    const layer = new layers.BatchNormalization({ dtype });
    const [x, g] = [arr(c.x), arr(c.g)];
    layer.apply(x).dispose();
    layer.gamma!.assign(arr(c.gamma));
    layer.beta!.assign(arr(c.beta));
    layer.movingMean!.assign(arr(c.movingMean));
    layer.movingVariance!.assign(arr(c.movingVariance));
    const [[, y], [dx, dgamma, dbeta]] = grads(layer, x, g, [layer.gamma!, layer.beta!], true) as unknown as [[NDArray, NDArray], NDArray[]];
    await close(y, c.yTrain, tol, 'bn y (training)');
    await close(dx, c.dx, tol, 'bn dx');
    await close(dgamma, c.dgamma, tol, 'bn dgamma');
    await close(dbeta, c.dbeta, tol, 'bn dbeta');
    layer.finishStep();
    await close(layer.movingMean!.value, c.newMovingMean, tol, 'bn moving mean');
    await close(layer.movingVariance!.value, c.newMovingVariance, tol, 'bn moving variance');
    await close(layer.apply(x), c.yInfer, tol, 'bn y (inference)');
    assert.is(layer.countParams(), 16);
    assert.is(layer.trainableWeights.length, 2);
    layer.dispose();
  });
  return test;
}

define('cpu', 1e-10).run();

const learn = suite('recurrent and normalization layers learning');
learn('an LSTM learns the sign of a sequence sum; BatchNormalization inside a Dense network trains and predicts', async () => {
  utils.setRandomSeed(1);
  np.random.seed(1);
  const x = np.random.normal(0, 1, [200, 6, 1]);
  const y = np.greater(np.sum(x, { axis: [1, 2] }), 0).astype('float32');
  const model = new Sequential([new layers.LSTM(8, { inputShape: [6, 1] }), new layers.Dense(1, { activation: 'sigmoid' })]);
  model.compile({ optimizer: new (await import('../nn/index.ts')).optimizers.Adam({ learningRate: 0.02 }), loss: 'binary_crossentropy', metrics: ['accuracy'] });
  const h = await model.fit(x, y, { epochs: 15, batchSize: 20, verbose: 0 });
  assert.ok(h.history.accuracy.at(-1)! > 0.9, `accuracy ${h.history.accuracy}`);
  model.dispose();
  const flat = np.reshape(x, [200, 6]);
  const bn = new Sequential([new layers.Dense(16, { inputShape: [6] }), new layers.BatchNormalization(), new layers.Activation('relu'), new layers.Dense(1, { activation: 'sigmoid' })]);
  bn.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: ['accuracy'] });
  assert.is(bn.trainableWeights.length, 6);
  assert.is(bn.nonTrainableWeights.length, 2);
  await bn.fit(flat, y, { epochs: 1, batchSize: 20, verbose: 0 }); // creates Adam's state
  const before = np.memory().cpu.arrays;
  const hb = await bn.fit(flat, y, { epochs: 20, batchSize: 20, verbose: 0 });
  assert.is(np.memory().cpu.arrays, before, 'the moving averages replace the old ones');
  assert.ok(hb.history.accuracy.at(-1)! > 0.9, `accuracy ${hb.history.accuracy}`);
  const moving = bn.layers[1] as layers.BatchNormalization;
  assert.ok(Math.abs(moving.movingVariance!.value.dataSync()[0] - 1) > 1e-3, 'the moving variance moved');
  bn.dispose();
});
learn.run();

if (await requireWebGPU('recurrent and normalization layers on webgpu')) {
  await np.initWebGPU();
  define('webgpu', 2e-5).run();
}
