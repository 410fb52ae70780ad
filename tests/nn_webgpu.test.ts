// tessera/nn on 'webgpu': the same model from the same seed trains to the same weights as on the CPU
// (to float32 tolerance), a training step runs without reading anything back, and 100 epochs of fit,
// evaluate and predict leave only the weights and the optimizer state in GPU memory.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { Sequential, layers, utils } from '../nn/index.ts';
import { requireWebGPU } from './webgpu-setup.ts';

const quiet = { verbose: 0 } as const;

function build(device: np.DeviceName, optimizer: string): Sequential {
  utils.setRandomSeed(11);
  utils.clearSession();
  const model = new Sequential([
    new layers.Dense(13, { activation: 'relu', inputShape: [7] }),
    new layers.Dense(9, { activation: 'tanh' }),
    new layers.Dense(5, { activation: 'softmax' }),
  ], { device });
  model.compile({ optimizer, loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

if (await requireWebGPU('nn on webgpu')) {
  const test = suite('nn on webgpu');
  await np.initWebGPU();
  np.random.seed(3);
  const x = np.random.normal(0, 1, [75, 7]);
  const y = utils.toCategorical(np.argmax(x.get(':', ':5'), { axis: 1 }));

  for (const optimizer of ['sgd', 'adam', 'rmsprop']) {
    test(`${optimizer}: cpu and webgpu from the same seed agree after an epoch (float32 tolerance)`, async () => {
      const [cpu, gpu] = [build('cpu', optimizer), build('webgpu', optimizer)];
      assert.is(gpu.weights[0].value.device, 'webgpu');
      utils.setRandomSeed(5);
      const hc = await cpu.fit(x, y, { epochs: 2, batchSize: 16, ...quiet });
      utils.setRandomSeed(5);
      const hg = await gpu.fit(x, y, { epochs: 2, batchSize: 16, ...quiet });
      for (let i = 0; i < cpu.weights.length; i++) {
        const [a, b] = [cpu.weights[i].value.dataSync(), await gpu.weights[i].value.data()];
        for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k] - b[k]) < 1e-4, `${cpu.weights[i].name}[${k}]: ${a[k]} vs ${b[k]}`);
      }
      assert.ok(Math.abs(hc.history.loss[1] - hg.history.loss[1]) < 1e-4);
      const [pc, pg] = [await cpu.predict(x), await gpu.predict(x)];
      assert.is(pg.device, 'webgpu');
      const [vc, vg] = [pc.dataSync(), await pg.data()];
      for (let k = 0; k < vc.length; k++) assert.ok(Math.abs(vc[k] - vg[k]) < 1e-4);
      [pc, pg].forEach((a) => a.dispose());
      cpu.dispose();
      gpu.dispose();
    });
  }

  test('the fused Dense (one dispatch forward, its own backward) equals the autodiff of matmul + bias + activation', async () => {
    const xs = np.NDArray.fromTyped(Float32Array.from(x.get(':9').dataSync()), [9, 7], 'float32', 'webgpu');
    const g = np.NDArray.fromTyped(Float32Array.from({ length: 9 * 13 }, (_, i) => Math.sin(i)), [9, 13], 'float32', 'webgpu');
    for (const activation of ['linear', 'relu', 'sigmoid', 'tanh'] as const) {
      for (const useBias of [true, false]) {
        const layer = new layers.Dense(13, { activation, useBias });
        layer.apply(xs).dispose(); // builds on webgpu
        const ws = [layer.kernel!, ...(layer.bias ? [layer.bias] : [])];
        const fusedGrads = np.grad((inputs: np.NDArray[]) => {
          const saved = ws.map((w) => w.value);
          ws.forEach((w, i) => { w.value = inputs[i + 1]; });
          try { return np.sum(np.multiply(layer.call(inputs[0]), g)); } finally { ws.forEach((w, i) => { w.value = saved[i]; }); }
        })([xs, ...ws.map((w) => w.value)]) as np.NDArray[];
        const act = (await import('../nn/activations.ts')).getActivation(activation);
        const plainGrads = np.grad((inputs: np.NDArray[]) => {
          const z = np.matmul(inputs[0], inputs[1]);
          return np.sum(np.multiply(act(inputs[2] ? np.add(z, inputs[2]) : z), g));
        })([xs, ...ws.map((w) => w.value)]) as np.NDArray[];
        for (let i = 0; i < fusedGrads.length; i++) {
          const [a, b] = [await fusedGrads[i].data(), await plainGrads[i].data()];
          for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k] - b[k]) < 1e-5 * (1 + Math.abs(b[k])), `${activation} bias=${useBias} grad ${i}[${k}]: ${a[k]} vs ${b[k]}`);
        }
        [...fusedGrads, ...plainGrads].forEach((a) => a.dispose());
        layer.dispose();
      }
    }
    [xs, g].forEach((a) => a.dispose());
  });

  test('a training step on webgpu submits nothing: kernels only, no readback inside an epoch', async () => {
    const model = build('webgpu', 'adam');
    const xg = np.NDArray.fromTyped(Float32Array.from(x.dataSync()), x.shape, 'float32', 'webgpu');
    const yg = await y.to('webgpu');
    await model.fit(xg, yg, { epochs: 1, batchSize: 25, ...quiet }); // warm-up: pipelines compiled
    const before = np.webgpu.stats();
    await model.fit(xg, yg, { epochs: 1, batchSize: 25, shuffle: false, ...quiet });
    const after = np.webgpu.stats();
    const steps = 3;
    const perStep = (after.dispatches - before.dispatches) / steps;
    console.log(`nn on webgpu: ${perStep.toFixed(1)} dispatches per Adam step of a 3-layer network; ${after.submits - before.submits} submits and ${after.readbacks - before.readbacks} readback for the epoch`);
    // one readback: the epoch-end read of the loss and accuracy sums (batch logs are not read: no callback wants them)
    assert.is(after.readbacks - before.readbacks, 1);
    [xg, yg].forEach((a) => a.dispose());
    model.dispose();
  });

  test('nothing of the earlier tests is left on the GPU', () => {
    assert.is(np.memory().webgpu.arrays, 0);
  });

  test('memory: 100 epochs of fit, evaluate and predict leave only weights and optimizer state', async () => {
    const model = build('webgpu', 'adam');
    const xs = x.get(':20');
    const ys = y.get(':20');
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, ...quiet });
    const before = np.memory().webgpu;
    await model.fit(xs, ys, { epochs: 100, batchSize: 8, validationSplit: 0.25, ...quiet });
    (await model.predict(xs)).dispose();
    await model.evaluate(xs, ys, quiet);
    assert.equal(np.memory().webgpu, before);
    model.dispose();
    assert.is(np.memory().webgpu.arrays, 0);
  });

  test.run();
}
