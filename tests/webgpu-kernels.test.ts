// The GPU kernels' less travelled paths, against the CPU backend: 2-D dispatch grids (the engine's
// per-dimension limit lowered so that small arrays need them), chunked scans and multi-pass
// reductions of long lines, gather and scatter (the last write wins on repeated positions), and the
// fused kernels for nn: dense layer with bias and activation, softmax/log-softmax, optimizer steps.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { requireWebGPU } from './webgpu-setup.ts';

const test = suite('webgpu kernels');
const f32 = { dtype: 'float32', device: 'webgpu' } as const;

/** Deterministic values in [-2, 2). */
const values = (n: number, seed = 1): Float32Array => new Float32Array(n).map((_, i) => ((i * 7919 + seed * 104729) % 4001) / 1000.25 - 2);

/** |a - b| <= tol * (1 + |b|) for every element. */
async function close(actual: np.NDArray, expected: np.NDArray, what: string, tol = 1e-5): Promise<void> {
  assert.equal([...actual.shape], [...expected.shape], `${what}: shape`);
  const [a, b] = [await actual.data(), await expected.data()];
  for (let i = 0; i < b.length; i++) {
    const ok = Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])) || (a[i] !== a[i] && b[i] !== b[i]);
    if (!ok) assert.unreachable(`${what}[${i}]: got ${a[i]}, expected ${b[i]}`);
  }
}

/** The same computation on the GPU and on the CPU (float32 inputs built from the same data). */
async function same(what: string, shape: number[], fn: (x: np.NDArray) => np.NDArray, tol = 1e-5): Promise<void> {
  const data = values(shape.reduce((p, d) => p * d, 1));
  const gpu = fn(np.array(data, f32).reshape(shape));
  const cpu = fn(np.array(data, { dtype: 'float32' }).reshape(shape));
  await close(gpu, cpu, what, tol);
}

test('every kernel family on 2-D dispatch grids (at most 3 workgroups per grid dimension)', async () => {
  const engine = np.webgpu.backend().engine;
  const saved = engine.maxWorkgroupsPerDimension;
  engine.maxWorkgroupsPerDimension = 3;
  try {
    await same('copy of a transpose', [40, 50], (x) => x.T.copy());
    await same('binary with broadcasting', [40, 50], (x) => np.add(x, x.view([50], [1], 0)));
    await same('unary', [2000], (x) => np.tanh(x));
    await same('sum over many lines', [3000, 3], (x) => np.sum(x, { axis: 1 }));
    await same('sum over a few long lines', [3, 30000], (x) => np.sum(x, { axis: 1 }), 1e-4);
    await same('argmax, one workgroup per line', [4, 3000], (x) => np.argmax(x, { axis: 1 }));
    await same('cumsum in chunks', [2, 5000], (x) => np.cumsum(x, { axis: 1 }), 1e-4);
    await same('matmul, tiles', [70, 90], (x) => {
      const out = np.empty([70, 70], { dtype: 'float32', device: x.device });
      out.backend.matmul(x, x.T, out);
      return out;
    }, 1e-4);
    const sm = np.webgpu.softmax(np.array(values(2000 * 3), f32).reshape([2000, 3]));
    assert.ok(Math.abs((await np.sum(sm).data())[0] - 2000) < 1e-2, 'softmax rows sum to 1');
  } finally {
    engine.maxWorkgroupsPerDimension = saved;
  }
});

test('reductions of one long line take two passes and match the CPU', async () => {
  await same('sum of 1e6', [1_000_000], (x) => np.sum(x), 1e-4);
  await same('max of 1e6', [1_000_000], (x) => np.max(x));
  await same('prod of ints', [5000], (x) => np.prod(np.sign(x).astype('int32')));
  const b = np.array(values(100000).map((v) => (v > 1.99 ? 1 : 0)), { dtype: 'bool', device: 'webgpu' });
  assert.equal([await np.any(b).item(), await np.all(b).item()], [1, 0]);
});

test('cumsum/cumprod of long lines (chunked scans) match the CPU', async () => {
  await same('cumsum float32', [100000], (x) => np.cumsum(x), 1e-3);
  const ints = np.array(Array.from({ length: 20000 }, (_, i) => (i % 7) - 3), { dtype: 'int32' });
  assert.equal(Array.from(await np.cumsum(await ints.to('webgpu')).data()), Array.from(np.cumsum(ints).dataSync()));
  assert.equal(Array.from(await np.cumprod(await ints.to('webgpu')).data()), Array.from(np.cumprod(ints).dataSync()), 'int32 products wrap');
});

test('gather reads buffer positions; scatter keeps the last of repeated positions', async () => {
  const x = np.arange(10, undefined, 1, { dtype: 'int32', device: 'webgpu' });
  const positions = np.array([9, 0, 3, 3, 7], { dtype: 'int32', device: 'webgpu' });
  const out = np.empty([5], f32);
  x.backend.gather(x, positions, out);
  assert.equal(await out.toArray(), [9, 0, 3, 3, 7]);
  const target = np.zeros([6], f32);
  const where = np.array([1, 4, 1, 1, 5, 4], { dtype: 'int32', device: 'webgpu' });
  const vals = np.array([10, 20, 30, 40, 50, 60], f32);
  target.backend.scatter(target, where, vals);
  assert.equal(await target.toArray(), [0, 40, 0, 0, 60, 50]);
});

test('linear: act(x @ w + b) in one dispatch, for every activation', async () => {
  const [M, K, N] = [37, 19, 45];
  const [x, w, b] = [np.array(values(M * K, 1), f32).reshape([M, K]), np.array(values(K * N, 2), f32).reshape([K, N]), np.array(values(N, 3), f32)];
  const cpu = await Promise.all([x, w, b].map((a) => a.to('cpu')));
  const z = np.empty([M, N], { dtype: 'float32' });
  z.backend.matmul(cpu[0], cpu[1], z);
  const pre = np.add(z, cpu[2]);
  const sigmoid = (v: np.NDArray): np.NDArray => np.divide(1, np.add(1, np.exp(np.negative(v))));
  const reference: Record<np.webgpu.Activation, np.NDArray> = {
    linear: pre, relu: np.maximum(pre, 0), sigmoid: sigmoid(pre), tanh: np.tanh(pre),
    elu: np.where(np.greater(pre, 0), pre, np.expm1(pre)), softplus: np.log1p(np.exp(pre)), swish: np.multiply(pre, sigmoid(pre)),
  };
  for (const activation of np.webgpu.ACTIVATIONS) {
    await close(np.webgpu.linear(x, w, { bias: b, activation }), reference[activation], activation, 1e-5);
  }
  await close(np.webgpu.linear(x, w), z, 'no bias', 1e-5);
});

test('softmax and log-softmax along the last axis, short and long rows', async () => {
  for (const shape of [[5, 7], [3, 1000], [2, 3, 4]]) {
    const data = values(shape.reduce((p, d) => p * d, 1)).map((v) => v * 20);
    const x = np.array(data, f32).reshape(shape);
    const c = np.array(data, { dtype: 'float32' }).reshape(shape);
    const shifted = np.subtract(c, np.max(c, { axis: -1, keepdims: true }));
    const logSum = np.log(np.sum(np.exp(shifted), { axis: -1, keepdims: true }));
    await close(np.webgpu.softmax(x), np.exp(np.subtract(shifted, logSum)), `softmax ${shape}`, 1e-5);
    await close(np.webgpu.logSoftmax(x), np.subtract(shifted, logSum), `logSoftmax ${shape}`, 1e-5);
  }
});

test('optimizer steps update parameters and state in place (Keras formulas)', async () => {
  const n = 1000;
  const [p0, g] = [values(n, 4), values(n, 5)];
  const gpu = (a: Float32Array): np.NDArray => np.array(a, f32);
  // SGD with momentum 0.9, two steps
  const [p, v] = [gpu(p0), np.zeros([n], f32)];
  for (let k = 0; k < 2; k++) np.webgpu.sgdStep(p, gpu(g), v, { lr: 0.1, momentum: 0.9 });
  const vRef = p0.map((_, i) => -0.1 * g[i] * 1.9);
  await close(v, np.array(vRef), 'sgd velocity');
  await close(p, np.array(p0.map((x, i) => x - 0.1 * g[i] - 0.1 * g[i] * 1.9)), 'sgd param');
  // plain SGD, no state
  const q = gpu(p0);
  np.webgpu.sgdStep(q, gpu(g), null, { lr: 0.5 });
  await close(q, np.array(p0.map((x, i) => x - 0.5 * g[i])), 'plain sgd');
  // RMSprop, one step
  const [r, ms] = [gpu(p0), np.zeros([n], f32)];
  np.webgpu.rmspropStep(r, gpu(g), ms, { lr: 0.01 });
  await close(r, np.array(p0.map((x, i) => x - (0.01 * g[i]) / Math.sqrt(0.1 * g[i] * g[i] + 1e-7))), 'rmsprop', 1e-4);
  // Adam, one step: alpha = lr * sqrt(1 - b2) / (1 - b1), m = 0.1 g, v = 0.001 g^2
  const [a, m, s] = [gpu(p0), np.zeros([n], f32), np.zeros([n], f32)];
  np.webgpu.adamStep(a, gpu(g), m, s, { lr: 0.001, step: 1 });
  const alpha = (0.001 * Math.sqrt(1 - 0.999)) / (1 - 0.9);
  await close(a, np.array(p0.map((x, i) => x - (alpha * 0.1 * g[i]) / (Math.sqrt(0.001 * g[i] * g[i]) + 1e-7))), 'adam', 1e-4);
  await close(m, np.array(g.map((x) => 0.1 * x)), 'adam m');
});

if (await requireWebGPU('webgpu kernels')) test.run();
