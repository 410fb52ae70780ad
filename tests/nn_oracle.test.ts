// tessera/nn against Keras 3's rules: tests/fixtures/nn_layers.json (activations, losses, a Dense
// layer, values and gradients) from tests/oracle/nn_layers.py and tests/fixtures/nn_optimizers.json
// (four steps of 17 optimizer configurations) from tests/oracle/nn_optimizers.py. Everything runs on
// 'cpu' in float64 and on 'webgpu' in float32 (where SGD, RMSprop and Adam use their fused WGSL
// kernels), plus the optimizers' option checks.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { layers, optimizers, Variable } from '../nn/index.ts';
import { getActivation, geluApproximate, type ActivationFn } from '../nn/activations.ts';
import {
  getLoss, huber, binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy, type LossFn,
} from '../nn/losses.ts';
import { fusable } from '../nn/optimizers/optimizer.ts';
import { requireWebGPU } from './webgpu-setup.ts';
import layersFixture from './fixtures/nn_layers.json';
import optimizersFixture from './fixtures/nn_optimizers.json';

type NDArray = np.NDArray;
type Nested = number | Nested[];

interface ActivationCase { name: string; x: number[][]; w: number[][]; y: number[][]; dx: number[][] }
interface LossCase { name: string; options: Record<string, unknown>; yTrue: Nested; yPred: Nested; loss: number; dyPred: Nested }
interface DenseCase { x: number[][]; kernel: number[][]; bias: number[]; activation: string; g: number[][]; y: number[][]; dx: number[][]; dkernel: number[][]; dbias: number[] }
interface OptimizerCase { name: string; options: Record<string, unknown>; param0: number[]; grads: number[][]; params: number[][] }

const FIX = layersFixture as unknown as { activations: ActivationCase[]; losses: LossCase[]; dense: DenseCase };
const OPT = optimizersFixture as unknown as { notes: string; cases: OptimizerCase[] };

/** A device to run on, with its float dtype and tolerances. */
interface Device { name: np.DeviceName; dtype: 'float32' | 'float64'; tol: number; gelu: number; opt: number }
const CPU: Device = { name: 'cpu', dtype: 'float64', tol: 1e-10, gelu: 1e-6, opt: 1e-12 };
const GPU: Device = { name: 'webgpu', dtype: 'float32', tol: 1e-5, gelu: 1e-5, opt: 1e-5 };

const arr = (d: Device, data: Nested, dtype: np.DType = d.dtype): NDArray => np.array(data as number[], { dtype, device: d.name });
const flat = (a: Nested): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a]);
const shapeOf = (a: Nested): number[] => (Array.isArray(a) ? [a.length, ...shapeOf(a[0])] : []);

/** Compares an array with the expected values: |got - want| / max(1, |want|) < tol, element-wise. */
async function close(what: string, got: NDArray, want: Nested, tol: number): Promise<void> {
  assert.equal([...got.shape], shapeOf(want), `${what}: shape`);
  const g = Array.from(await got.data(), Number);
  const w = flat(want);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < w.length; i++) {
    const err = Math.abs(g[i] - w[i]) / Math.max(1, Math.abs(w[i]));
    if (!(err <= worst)) [worst, at] = [err, i];
  }
  assert.ok(worst < tol, `${what}: max relative error ${worst} >= ${tol} at index ${at} (got ${g[at]}, want ${w[at]})`);
}

function activation(name: string): ActivationFn {
  return name === 'gelu_approximate' ? geluApproximate : getActivation(name);
}

/** The loss function of a fixture case (by name, through the factory when it has options). */
function lossFn(c: LossCase): LossFn {
  const o = c.options as { fromLogits?: boolean; delta?: number };
  if (Object.keys(o).length === 0) return getLoss(c.name);
  switch (c.name) {
    case 'huber': return huber(o as { delta?: number });
    case 'binary_crossentropy': return binaryCrossentropy(o as { fromLogits?: boolean });
    case 'categorical_crossentropy': return categoricalCrossentropy(o as { fromLogits?: boolean });
    case 'sparse_categorical_crossentropy': return sparseCategoricalCrossentropy(o as { fromLogits?: boolean });
    default: throw new Error(`no factory for loss ${c.name} with options ${JSON.stringify(o)}`);
  }
}

/** The fixture's loss, except binary crossentropy on probabilities in float32: there the clip bound
 *  1 - 1e-7 rounds to 1 - 2^-23 (as in Keras's float32 `ops.clip(p, eps, 1 - eps)`), so a confident
 *  wrong prediction costs -log(2^-23) = 15.94 instead of -log(1e-7) = 16.12. The expected value is
 *  then recomputed here with the float32 bounds (the oracle's formula otherwise). */
function expectedLoss(c: LossCase, d: Device): number {
  if (d.dtype !== 'float32' || c.name !== 'binary_crossentropy' || c.options.fromLogits) return c.loss;
  const [lo, hi] = [Math.fround(1e-7), Math.fround(1 - Math.fround(1e-7))];
  const [y, p] = [flat(c.yTrue), flat(c.yPred)];
  const per = p.map((pi, i) => {
    const q = Math.min(Math.max(Math.fround(pi), lo), hi);
    return -(y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
  });
  return per.reduce((a, b) => a + b, 0) / per.length;
}

const OPTIMIZERS: Record<string, new (o?: Record<string, unknown>) => optimizers.Optimizer> = {
  sgd: optimizers.SGD, rmsprop: optimizers.RMSprop, adam: optimizers.Adam, adamw: optimizers.AdamW,
  adagrad: optimizers.Adagrad, adadelta: optimizers.Adadelta, adamax: optimizers.Adamax, nadam: optimizers.Nadam,
};
const label = (c: { name: string; options: Record<string, unknown> }): string => `${c.name}${JSON.stringify(c.options)}`;

/** The fixture checks on one device, as tests of `t`. */
function deviceTests(t: ReturnType<typeof suite>, d: Device, setup: () => Promise<void>): void {
  t(`activations on ${d.name}: y and d/dx sum(y * w) (${FIX.activations.length} functions)`, async () => {
    await setup();
    for (const c of FIX.activations) {
      const fn = activation(c.name);
      const tol = c.name.startsWith('gelu') ? d.gelu : d.tol;
      const [x, w] = [arr(d, c.x), arr(d, c.w)];
      const y = fn(x);
      assert.is(y.device, d.name);
      await close(`${c.name} y`, y, c.y, tol);
      const dx = np.grad((v: NDArray) => np.sum(np.multiply(fn(v), w)))(x) as NDArray;
      assert.is(dx.device, d.name);
      await close(`${c.name} dx`, dx, c.dx, tol);
      [x, w, y, dx].forEach((a) => a.dispose());
    }
  });

  t(`losses on ${d.name}: mean over the batch and d/dyPred (${FIX.losses.length} cases)`, async () => {
    await setup();
    for (const c of FIX.losses) {
      const fn = lossFn(c);
      const what = label(c);
      const sparse = c.name.startsWith('sparse');
      const yTrue = arr(d, c.yTrue, sparse ? 'int32' : d.dtype);
      const yPred = arr(d, c.yPred);
      const [value, dp] = np.valueAndGrad((p: NDArray) => np.mean(fn(yTrue, p)))(yPred) as [NDArray, NDArray];
      assert.is(value.device, d.name);
      await close(`${what} loss`, value, expectedLoss(c, d), d.tol);
      await close(`${what} dyPred`, dp, c.dyPred, d.tol);
      [yTrue, yPred, value, dp].forEach((a) => a.dispose());
    }
  });

  t(`Dense(4, relu) on ${d.name}: y, dx, dkernel, dbias`, async () => {
    await setup();
    const c = FIX.dense;
    const layer = new layers.Dense(4, { activation: c.activation, dtype: d.dtype });
    const x = arr(d, c.x);
    layer.apply(x).dispose(); // builds the weights on x's device
    const kernel = layer.kernel!;
    const bias = layer.bias!;
    assert.is(kernel.value.device, d.name);
    assert.is(kernel.value.dtype, d.dtype);
    kernel.assign(arr(d, c.kernel));
    bias.assign(arr(d, c.bias));
    const y = layer.apply(x);
    await close('Dense y', y, c.y, d.tol);
    const g = arr(d, c.g);
    const forward = (xv: NDArray, k: NDArray, b: NDArray): NDArray => {
      const saved = [kernel.value, bias.value];
      [kernel.value, bias.value] = [k, b];
      try {
        return np.sum(np.multiply(layer.apply(xv), g));
      } finally {
        [kernel.value, bias.value] = saved;
      }
    };
    const [value, [dx, dk, db]] = np.valueAndGrad(forward, { argnums: [0, 1, 2] })(x, kernel.value, bias.value) as [NDArray, NDArray[]];
    const yg = flat(c.y).reduce((s, v, i) => s + v * flat(c.g)[i], 0);
    await close('Dense sum(y * g)', value, yg, d.tol);
    await close('Dense dx', dx, c.dx, d.tol);
    await close('Dense dkernel', dk, c.dkernel, d.tol);
    await close('Dense dbias', db, c.dbias, d.tol);
    // The layer's own weights are untouched by the traced call.
    await close('kernel after grad', kernel.value, c.kernel, d.tol);
    [x, y, g, value, dx, dk, db].forEach((a) => a.dispose());
    layer.dispose();
  });

  t(`optimizers on ${d.name}: 4 steps of ${OPT.cases.length} Keras 3 configurations`, async () => {
    await setup();
    for (const c of OPT.cases) {
      const what = label(c);
      const opt = new OPTIMIZERS[c.name](c.options);
      const v = new Variable('w', arr(d, c.param0));
      for (let step = 0; step < c.grads.length; step++) {
        const g = arr(d, c.grads[step]);
        // SGD/RMSprop/Adam take the fused updates (np.fused: a WGSL kernel on 'webgpu', one loop on 'cpu')
        assert.is(fusable(v.value, g), true);
        opt.apply([g], [v]);
        g.dispose();
        assert.is(v.value.device, d.name);
        assert.is(v.value.dtype, d.dtype);
        await close(`${what} step ${step + 1}`, v.value, c.params[step], d.opt);
      }
      assert.is(opt.iterations, c.grads.length);
      opt.dispose();
      v.dispose();
    }
  });
}

// ---- CPU, float64 -----------------------------------------------------------------------------------
const cpu = suite('nn oracle (cpu, float64)');
deviceTests(cpu, CPU, async () => {});

cpu('the fixtures hold what the oracle scripts say', () => {
  assert.is(FIX.activations.length, 11);
  assert.is(FIX.losses.length, 11);
  assert.is(OPT.cases.length, 17);
  assert.equal(Object.keys(OPTIMIZERS).sort(), [...new Set(OPT.cases.map((c) => c.name))].sort(), 'every fixture optimizer is tested');
  // SGD plain and with momentum: the fixture (Keras's rule) was cross-checked against torch.optim.SGD
  // by the oracle; here the plain case is also the closed form p0 - lr * sum(g).
  const plain = OPT.cases.find((c) => c.name === 'sgd' && Object.keys(c.options).length === 0)!;
  const byHand = plain.param0.map((p, i) => p - 0.01 * plain.grads.reduce((s, g) => s + g[i], 0));
  byHand.forEach((p, i) => assert.ok(Math.abs(p - plain.params[3][i]) < 1e-14));
});

cpu('every optimizer refuses an unknown option, naming it (snake_case learning_rate)', () => {
  for (const [name, Cls] of Object.entries(OPTIMIZERS)) {
    assert.throws(() => new Cls({ learning_rate: 0.1 }), (e: unknown) => e instanceof TypeError && /learning_rate/.test((e as Error).message), name);
    assert.throws(() => new Cls({ bogus: 1 }), (e: unknown) => e instanceof TypeError && /bogus/.test((e as Error).message), name);
  }
});

cpu('lr is an alias of learningRate; giving both throws', () => {
  for (const [name, Cls] of Object.entries(OPTIMIZERS)) {
    const opt = new Cls({ lr: 0.25 });
    assert.is(opt.learningRate, 0.25, name);
    assert.is(opt.lr, 0.25, name);
    assert.is(opt.currentLearningRate(), 0.25, name);
    assert.throws(() => new Cls({ lr: 0.1, learningRate: 0.1 }), TypeError, name);
  }
  // and the alias drives the update: SGD(lr 0.5) moves 1 by -0.5 * 2
  const v = new Variable('w', np.array([1], { dtype: 'float64' }));
  const g = np.array([2], { dtype: 'float64' });
  new optimizers.SGD({ lr: 0.5 }).apply([g], [v]);
  assert.equal(v.value.toArraySync(), [0]);
  v.dispose();
  g.dispose();
});

cpu('clipnorm and clipvalue together throw, for every optimizer', () => {
  for (const [name, Cls] of Object.entries(OPTIMIZERS)) {
    assert.throws(() => new Cls({ clipnorm: 1, clipvalue: 0.5 }), /clipnorm/, name);
  }
});

cpu('no CPU memory is left behind by the optimizer steps', () => {
  const before = np.memory().cpu.arrays;
  for (const c of OPT.cases) {
    const opt = new OPTIMIZERS[c.name](c.options);
    const v = new Variable('w', np.array(c.param0, { dtype: 'float64' }));
    for (const gr of c.grads) {
      const g = np.array(gr, { dtype: 'float64' });
      opt.apply([g], [v]);
      g.dispose();
    }
    opt.dispose();
    v.dispose();
  }
  assert.is(np.memory().cpu.arrays, before);
});

cpu.run();

// ---- WebGPU, float32 --------------------------------------------------------------------------------
if (await requireWebGPU('nn oracle (webgpu, float32)')) {
  const gpu = suite('nn oracle (webgpu, float32)');
  deviceTests(gpu, GPU, async () => { await np.initWebGPU(); });
  gpu('no GPU memory is left behind by the optimizer steps (fused kernels included)', async () => {
    await np.initWebGPU();
    const before = np.memory().webgpu;
    for (const c of OPT.cases) {
      const opt = new OPTIMIZERS[c.name](c.options);
      const v = new Variable('w', np.array(c.param0, { dtype: 'float32', device: 'webgpu' }));
      for (const gr of c.grads) {
        const g = np.array(gr, { dtype: 'float32', device: 'webgpu' });
        opt.apply([g], [v]);
        g.dispose();
      }
      opt.dispose();
      v.dispose();
    }
    assert.equal(np.memory().webgpu.arrays, before.arrays);
    assert.equal(np.memory().webgpu.buffers, before.buffers);
  });
  gpu.run();
}
