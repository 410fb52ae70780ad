// Adamax and Nadam (nn/optimizers/adamax.ts, nadam.ts), beyond the fixture steps of tests/nn_oracle.test.ts:
// a hand-checked Adamax step, Nadam's momentum product after setState, Keras's config keys, the Keras
// names, save/loadModel with the optimizer state, and the option checks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { Sequential, layers, optimizers, utils, loadModel, Variable } from '../nn/index.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'tessera-optimizers-'));
const NEW = { Adamax: optimizers.Adamax, Nadam: optimizers.Nadam } as const;

const GRADS = [[0.5, -1], [0.3, 0.2], [-0.1, 0.4]];
const start = (): Variable => new Variable('w', np.array([1, 2], { dtype: 'float64' }));

/** `steps` steps of `opt` on v (w = [1, 2] by default) with the gradients grads[i % grads.length]; v's values. */
function walk(opt: optimizers.Optimizer, steps: number, v = start(), grads = GRADS): number[] {
  for (let i = 0; i < steps; i++) {
    const g = np.array(grads[i % grads.length], { dtype: 'float64' });
    opt.apply([g], [v]);
    g.dispose();
  }
  const out = v.value.toArraySync() as number[];
  v.dispose();
  return out;
}

test('Adamax by hand: u = max(β2 u, |g|) keeps the first step at lr whatever the gradient scale', () => {
  const v = new Variable('w', np.array([1, 2], { dtype: 'float64' }));
  const g = np.array([1e-3, -50], { dtype: 'float64' });
  new optimizers.Adamax({ learningRate: 0.1, epsilon: 0 }).apply([g], [v]);
  // m = 0.1 g, u = |g|, w ← w - lr · m / ((1 - 0.9) u) = w - lr · sign(g)
  const w = v.value.toArraySync() as number[];
  assert.ok(Math.abs(w[0] - 0.9) < 1e-15 && Math.abs(w[1] - 2.1) < 1e-15, String(w));
  v.dispose();
  g.dispose();
});

test("Nadam's momentum product follows the step count, also when setState moves it back", () => {
  const a = new optimizers.Nadam({ learningRate: 0.01 });
  assert.equal(walk(a, 5), walk(new optimizers.Nadam({ learningRate: 0.01 }), 5));
  // back to step 0 with fresh slots: the next steps are a new optimizer's
  const v = start();
  a.setState([v], { iterations: 0, slots: [[np.zeros([2]), np.zeros([2])]] });
  assert.equal(walk(a, 4, v), walk(new optimizers.Nadam({ learningRate: 0.01 }), 4));
  // forward to step 5 with step 5's weights and slots (as loadModel does): the next steps continue the run
  const [c, vc] = [new optimizers.Nadam({ learningRate: 0.01 }), start()];
  const g = np.array(GRADS[0], { dtype: 'float64' });
  for (let i = 0; i < 5; i++) c.apply([g], [vc]);
  const b = new optimizers.Nadam({ learningRate: 0.01 });
  const w = new Variable('w', np.copy(vc.value));
  b.setState([w], { iterations: 5, slots: c.getState([vc]).slots.map((s) => s.map((x) => np.copy(x))) });
  assert.equal(walk(b, 2, w), walk(c, 2, vc));
  g.dispose();
});

test("getConfig has Keras's keys; the Keras names and a {className, config} give the classes", () => {
  for (const [cls, C] of Object.entries(NEW)) {
    const opt = new C({ learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 });
    assert.equal(opt.getConfig(), {
      name: cls.toLowerCase(), learning_rate: 0.01, weight_decay: null, clipnorm: null, clipvalue: null, beta_1: 0.8, beta_2: 0.99, epsilon: 1e-6,
    });
    assert.ok(optimizers.getOptimizer(cls.toLowerCase()) instanceof C, cls);
    assert.ok(optimizers.getOptimizer(cls.toUpperCase()) instanceof C, cls);
    const again = optimizers.getOptimizer({ className: cls, config: { beta1: 0.8 } });
    assert.ok(again instanceof C && (again as InstanceType<typeof C>).beta1 === 0.8, cls);
  }
});

test('clipping, weight decay and a schedule come from the base class', () => {
  for (const [cls, C] of Object.entries(NEW)) {
    assert.equal(walk(new C({ learningRate: () => 0.01 }), 3), walk(new C({ learningRate: 0.01 }), 3), `${cls} schedule`);
    assert.not.equal(walk(new C({ weightDecay: 0.5 }), 3), walk(new C(), 3), `${cls} weightDecay`);
    const clipped = GRADS.map((g) => g.map((x) => Math.min(Math.max(x, -0.25), 0.25)));
    assert.equal(walk(new C({ clipvalue: 0.25 }), 3), walk(new C(), 3, start(), clipped), `${cls} clipvalue`);
  }
});

test('save/loadModel keeps the optimizer, its options and its state: training resumes identically', async () => {
  for (const spec of ['adamax', 'nadam', new optimizers.Nadam({ learningRate: 0.01, beta1: 0.8 }), new optimizers.Adamax({ beta2: 0.9, clipnorm: 1 })]) {
    utils.setRandomSeed(3);
    const x = np.random.normal(0, 1, [40, 3]);
    const y = np.sum(x, { axis: 1, keepdims: true });
    const model = new Sequential([new layers.Dense(4, { activation: 'tanh', inputShape: [3] }), new layers.Dense(1)]);
    model.compile({ optimizer: spec, loss: 'mse' });
    const quiet = { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 } as const;
    await model.fit(x, y, quiet);
    const path = join(dir, `model-${typeof spec === 'string' ? spec : spec.name}-${Math.random().toString(36).slice(2)}.json`);
    await model.save(path);
    const loaded = await loadModel(path);
    const [o1, o2] = [model.requireCompiled().optimizer, loaded.requireCompiled().optimizer];
    assert.is(o2.constructor, o1.constructor);
    assert.equal(o2.getConfig(), o1.getConfig());
    assert.is(o2.iterations, o1.iterations);
    await model.fit(x, y, quiet);
    await loaded.fit(x, y, quiet);
    assert.equal(Array.from((await loaded.predict(x)).dataSync()), Array.from((await model.predict(x)).dataSync()), `${o1.name}: resumed training`);
    model.dispose();
    loaded.dispose();
  }
});

test('bad options are refused, naming them', () => {
  for (const [cls, C] of Object.entries(NEW)) {
    assert.throws(() => new C({ beta_1: 0.9 } as never), (e: unknown) => e instanceof TypeError && /beta_1/.test((e as Error).message), cls);
    assert.throws(() => new C({ amsgrad: true } as never), (e: unknown) => e instanceof TypeError && /amsgrad/.test((e as Error).message), cls);
    assert.throws(() => new C({ beta1: 'a' as never }), (e: unknown) => e instanceof np.ValueError && new RegExp(`${cls}.*beta1.*'a'`).test((e as Error).message), cls);
    assert.throws(() => new C({ beta2: -1 }), (e: unknown) => e instanceof np.ValueError && /beta2.*>= 0.*-1/.test((e as Error).message), cls);
    assert.throws(() => new C({ epsilon: NaN }), (e: unknown) => e instanceof np.ValueError && /epsilon/.test((e as Error).message), cls);
    assert.throws(() => new C({ learningRate: -1 }), (e: unknown) => e instanceof np.ValueError && /learningRate/.test((e as Error).message), cls);
    assert.throws(() => new C(null as never), TypeError, cls);
    assert.throws(() => new C({ clipnorm: 1, clipvalue: 1 }), /clipnorm/, cls);
  }
});

test.run();
