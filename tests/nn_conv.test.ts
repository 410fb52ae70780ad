// Conv2D, MaxPooling2D and AveragePooling2D against PyTorch (tests/oracle/nn_conv.py): outputs and the
// gradients np.grad gives for the input, the kernel and the bias, with strides 1 and 2 and padding
// 'valid' and 'same' on a 7x6 image (sizes that the windows do not divide), on cpu (float64) and
// webgpu (float32); and a small convnet learning.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { layers, Sequential, utils } from '../nn/index.ts';
import { requireWebGPU } from './webgpu-setup.ts';

type NDArray = np.NDArray;
type N = number[];
import fixtureJSON from './fixtures/nn_conv.json';

const fixture = fixtureJSON as unknown as {
  conv: { strides: number; padding: 'valid' | 'same'; x: N; kernel: N; bias: N; g: N; y: N; dx: N; dkernel: N; dbias: N }[];
  pool: { kind: 'max' | 'average'; poolSize: number; strides: number; padding: 'valid' | 'same'; x: N; g: N; y: N; dx: N }[];
};

const worked = suite('worked examples');
worked('worked example: a 2x2 kernel of ones (bias 0.5) on the 3x3 image 0..8 sums each window: [[8.5, 12.5], [20.5, 24.5]]', () => {
  const layer = new layers.Conv2D(1, [2, 2], { dtype: 'float64' });
  const x = np.arange(9).astype('float64').reshape([1, 3, 3, 1]);
  layer.apply(x).dispose();
  layer.kernel!.assign(np.ones([2, 2, 1, 1]));
  layer.bias!.assign(np.array([0.5]));
  // F.conv2d(torch.arange(9.).reshape(1, 1, 3, 3), torch.ones(1, 1, 2, 2), torch.tensor([0.5])).tolist() -> [[[[8.5, 12.5], [20.5, 24.5]]]]
  assert.equal(layer.apply(x).reshape([2, 2]).toArraySync(), [[8.5, 12.5], [20.5, 24.5]]);
  layer.dispose();
});
worked('worked example: 2x2 max and average pooling of the 4x4 image 0..15', () => {
  const x = np.arange(16).astype('float64').reshape([1, 4, 4, 1]);
  // F.max_pool2d(torch.arange(16.).reshape(1, 1, 4, 4), 2).tolist() -> [[[[5.0, 7.0], [13.0, 15.0]]]]
  assert.equal(new layers.MaxPooling2D({ poolSize: 2 }).apply(x).reshape([2, 2]).toArraySync(), [[5, 7], [13, 15]]);
  // F.avg_pool2d(torch.arange(16.).reshape(1, 1, 4, 4), 2).tolist() -> [[[[2.5, 4.5], [10.5, 12.5]]]]
  assert.equal(new layers.AveragePooling2D({ poolSize: 2 }).apply(x).reshape([2, 2]).toArraySync(), [[2.5, 4.5], [10.5, 12.5]]);
});
worked.run();

async function close(got: NDArray, want: unknown, tol: number, what: string): Promise<void> {
  const a = await got.data();
  const b = (want as N).flat(4) as number[];
  assert.is(a.length, b.length, `${what}: size`);
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= tol * Math.max(1, Math.abs(b[i])), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

function define(device: np.DeviceName, tol: number): ReturnType<typeof suite> {
  const test = suite(`conv and pooling on ${device}`);
  const dtype = device === 'cpu' ? 'float64' : 'float32';
  const arr = (v: unknown): NDArray => np.array(v as N, { dtype, device });
  test('Conv2D: y, dx, dkernel, dbias as PyTorch computes them', async () => {
    for (const c of fixture.conv) {
      const what = `conv strides ${c.strides} ${c.padding}`;
      const layer = new layers.Conv2D(4, [3, 3], { strides: c.strides, padding: c.padding, dtype });
      const [x, g] = [arr(c.x), arr(c.g)];
      layer.apply(x).dispose();
      layer.kernel!.assign(arr(c.kernel));
      layer.bias!.assign(arr(c.bias));
      const y0 = c.y as unknown as N[][][];
      assert.equal(layer.computeOutputShape([null, 7, 6, 3]), [null, y0[0].length, y0[0][0].length, 4]);
      const [k, b] = [layer.kernel!, layer.bias!];
      const [y, grads] = np.valueAndGrad((inputs: NDArray[]) => {
        const saved = [k.value, b.value];
        [k.value, b.value] = [inputs[1], inputs[2]];
        try {
          return [np.sum(np.multiply(layer.call(inputs[0]), g)), layer.call(inputs[0])];
        } finally {
          [k.value, b.value] = saved;
        }
      }, { hasAux: true })([x, k.value, b.value]) as [[NDArray, NDArray], NDArray[]];
      await close(y[1], c.y, tol, `${what} y`);
      await close(grads[0], c.dx, tol, `${what} dx`);
      await close(grads[1], c.dkernel, tol, `${what} dkernel`);
      await close(grads[2], c.dbias, tol, `${what} dbias`);
      [...y, ...grads, x, g].forEach((a) => a.dispose());
      layer.dispose();
    }
  });
  test('MaxPooling2D and AveragePooling2D: y and dx as PyTorch computes them', async () => {
    for (const p of fixture.pool) {
      const what = `${p.kind} pool ${p.poolSize} strides ${p.strides} ${p.padding}`;
      const Layer = p.kind === 'max' ? layers.MaxPooling2D : layers.AveragePooling2D;
      const layer = new Layer({ poolSize: p.poolSize, strides: p.strides, padding: p.padding });
      const [x, g] = [arr(p.x), arr(p.g)];
      const y = layer.apply(x);
      await close(y, p.y, tol, `${what} y`);
      const dx = np.grad((v: NDArray) => np.sum(np.multiply(layer.call(v), g)))(x) as NDArray;
      await close(dx, p.dx, tol, `${what} dx`);
      [x, g, y, dx].forEach((a) => a.dispose());
    }
  });
  return test;
}

define('cpu', 1e-10).run();

const cnn = suite('a convnet');
cnn('Conv2D, MaxPooling2D, Flatten, Dense learn 8x8 digits above 90% in a few epochs; summary counts', async () => {
  utils.setRandomSeed(0);
  utils.clearSession();
  const { loadDigits, trainTestSplit } = await import('../sklearn/index.ts');
  const { data, target } = await loadDigits();
  const [xTr, xTe, yTr, yTe] = await trainTestSplit(np.reshape(np.divide(data, 16), [-1, 8, 8, 1]), target, { testSize: 0.25, randomState: 0 });
  const model = new Sequential([
    new layers.Conv2D(8, [3, 3], { activation: 'relu', inputShape: [8, 8, 1], padding: 'same' }),
    new layers.MaxPooling2D([2, 2]),
    new layers.Flatten(),
    new layers.Dense(10, { activation: 'softmax' }),
  ]);
  assert.is(model.countParams(), 3 * 3 * 1 * 8 + 8 + 4 * 4 * 8 * 10 + 10);
  assert.equal(model.outputShape, [null, 10]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const h = await model.fit(xTr, yTr, { epochs: 8, batchSize: 32, validationData: [xTe, yTe], verbose: 0 });
  assert.ok(h.history.val_accuracy.at(-1)! > 0.9, `val_accuracy ${h.history.val_accuracy}`);
  // saved and loaded with its architecture (Conv2D and pooling configs) and weights
  const { loadModel } = await import('../nn/index.ts');
  const { tmpdir } = await import('node:os');
  const path = `${tmpdir()}/tessera-convnet-${process.pid}.json`;
  await model.save(path);
  const loaded = await loadModel(path);
  const [p1, p2] = [await model.predict(xTe), await loaded.predict(xTe)];
  assert.equal(Array.from(p1.dataSync()), Array.from(p2.dataSync()));
  [p1, p2].forEach((a) => a.dispose());
  loaded.dispose();
  model.dispose();
});
cnn.run();

if (await requireWebGPU('conv and pooling on webgpu')) {
  await np.initWebGPU();
  define('webgpu', 2e-5).run();
}
