// GlobalAveragePooling1D and GlobalAveragePooling2D against PyTorch's adaptive_avg_pool1d/2d (values
// pasted below, computed with torch 1.13 on the inputs written here): outputs, keepdims shapes, the input
// gradient np.grad gives (g / (H·W) to every pixel), Keras 3's config and summary row, saving and loading.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { layers, Sequential, modelFromJSON, utils } from '../nn/index.ts';

type NDArray = np.NDArray;

function close(got: NDArray, want: unknown, what: string): void {
  const a = got.dataSync();
  const b = (want as number[]).flat(4) as number[];
  assert.is(a.length, b.length, `${what}: size`);
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-12 * Math.max(1, Math.abs(b[i])), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

// x = ((arange(24) / 7 - 1) ** 2).reshape(2, 3, 2, 2): 2 images of 3x2 pixels, 2 channels.
const image = (): NDArray => np.square(np.subtract(np.divide(np.arange(24), 7), 1)).reshape([2, 3, 2, 2]);

test('GlobalAveragePooling2D: the mean of each channel, as torch adaptive_avg_pool2d(x, 1)', () => {
  const layer = new layers.GlobalAveragePooling2D();
  // torch.nn.functional.adaptive_avg_pool2d(x.permute(0, 3, 1, 2), 1).flatten(1)
  close(layer.apply(image()), [[0.3197278911564626, 0.2585034013605442], [2.2789115646258504, 2.7074829931972784]], 'y');
  assert.equal(layer.computeOutputShape([null, 3, 2, 2]), [null, 2]);
  const kept = new layers.GlobalAveragePooling2D({ keepdims: true });
  assert.equal(kept.apply(image()).shape, [2, 1, 1, 2]);
  assert.equal(kept.computeOutputShape([null, 3, 2, 2]), [null, 1, 1, 2]);
});

test('GlobalAveragePooling2D backward: each pixel gets g / (H·W), as torch computes it', () => {
  const layer = new layers.GlobalAveragePooling2D();
  const g = np.array([[1, -2], [3, 0.5]]);
  const dx = np.grad((x: NDArray) => np.sum(np.multiply(layer.call(x), g)))(image());
  const pixel = (n: number): number[] => [[1 / 6, -1 / 3], [0.5, 0.5 / 6]][n];
  close(dx, [0, 1].map((n) => Array.from({ length: 6 }, () => pixel(n))), 'dx');
});

test('GlobalAveragePooling1D: the mean over the steps, as torch adaptive_avg_pool1d(x, 1)', () => {
  const x = np.subtract(np.multiply(np.arange(12), 0.5), 2).reshape([2, 3, 2]);
  close(new layers.GlobalAveragePooling1D().apply(x), [[-1, -0.5], [2, 2.5]], 'y');
  assert.equal(new layers.GlobalAveragePooling1D({ keepdims: true }).apply(x).shape, [2, 1, 2]);
  assert.throws(() => new layers.GlobalAveragePooling1D().apply(np.ones([2, 3, 2, 2])), /expected ndim=3, found ndim=4/);
  assert.throws(() => new layers.GlobalAveragePooling2D({ dataFormat: 'channels_first' as never }), /channels_last/);
});

test("Keras 3's config and summary row; saved and loaded", async () => {
  utils.clearSession();
  const model = new Sequential([
    new layers.Conv2D(4, [3, 3], { inputShape: [8, 8, 1] }),
    new layers.GlobalAveragePooling2D(),
    new layers.Dense(3),
  ]);
  const pool = model.layers[1];
  assert.equal(pool.getConfig(), { name: 'global_average_pooling2d', trainable: true, dtype: 'float32', data_format: 'channels_last', keepdims: false });
  const text = model.summary({ print: () => {} });
  // Keras wraps the long name over two lines: "global_average_pooling2d" then "(GlobalAveragePooling2D)"
  assert.ok(/│ global_average_pooling2d\s*│ \(None, 4\)\s*│\s*0 │\n│ \(GlobalAveragePooling2D\)/.test(text), text);
  const loaded = modelFromJSON(model.toJSON());
  assert.is(loaded.layers[1].className, 'GlobalAveragePooling2D');
  assert.equal(loaded.layers[1].getConfig(), pool.getConfig());
  const x = np.random.random([2, 8, 8, 1]).astype('float32');
  loaded.setWeights(model.getWeights());
  close(await loaded.predict(x), (await model.predict(x)).toArraySync(), 'loaded model');
  model.dispose();
  loaded.dispose();
});

test.run();
