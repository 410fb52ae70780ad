// The GPU kernels' less travelled paths, against the CPU backend: 2-D dispatch grids (the engine's
// per-dimension limit lowered so that small arrays need them), chunked scans and multi-pass
// reductions of long lines, gather and scatter (the last write wins on repeated positions), and the
// fused kernels for nn: dense layer with bias and activation, softmax/log-softmax, optimizer steps,
// and sort/argsort (bitonic network) on awkward lengths, axes, views, dtypes and special values.
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
    await same('sort along axis 0', [300, 70], (x) => np.sort(x, { axis: 0 }), 0);
    await same('argsort', [70, 300], (x) => np.argsort(x), 0);
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

/** The elements of two arrays are the same numbers: Object.is (so -0 is not 0), any NaN equal to any NaN. */
async function identical(actual: np.NDArray, expected: np.NDArray, what: string): Promise<void> {
  assert.equal([actual.dtype, ...actual.shape], [expected.dtype, ...expected.shape], `${what}: dtype and shape`);
  const [a, b] = [await actual.data(), await expected.data()];
  for (let i = 0; i < b.length; i++) {
    if (!Object.is(a[i], b[i]) && !(a[i] !== a[i] && b[i] !== b[i])) assert.unreachable(`${what}[${i}]: got ${Object.is(a[i], -0) ? '-0' : a[i]}, CPU ${Object.is(b[i], -0) ? '-0' : b[i]}`);
  }
}

/** np.sort and np.argsort of view(base) along `axis`, on the GPU and on the CPU, give the same result. */
async function sortsAsCpu(what: string, base: np.NDArray, axis = -1, view = (a: np.NDArray): np.NDArray => a): Promise<void> {
  const [gpu, cpu] = [view(await base.to('webgpu')), view(base)];
  await identical(np.sort(gpu, { axis }), np.sort(cpu, { axis }), `sort ${what}`);
  await identical(np.argsort(gpu, { axis }), np.argsort(cpu, { axis }), `argsort ${what}`);
}

/** Deterministic integers in [0, m): many ties when m is small. */
const ints = (n: number, m: number, seed = 1): number[] => Array.from({ length: n }, (_, i) => (i * 7919 + seed * 104729) % m);

test('sort/argsort: lengths that are not powers of two nor divide a workgroup, with and without ties', async () => {
  for (const n of [1, 2, 3, 255, 257, 1000, 4099]) {
    await sortsAsCpu(`float32 (${n})`, np.array(values(n), { dtype: 'float32' }));
    await sortsAsCpu(`float32 with ties (${n})`, np.array(ints(n, 7).map((v) => v / 2), { dtype: 'float32' }));
  }
});

test('sort/argsort: a sort of n elements takes 2 + s (s + 1) / 2 dispatches, s = ceil(log2 n)', async () => {
  for (const [n, expected] of [[1, 2], [2, 3], [1000, 57], [4099, 93]]) {
    const x = np.array(values(n), f32);
    const before = np.webgpu.stats().dispatches;
    const y = np.sort(x);
    assert.is(np.webgpu.stats().dispatches - before, expected, `n = ${n}`);
    await y.data();
  }
});

test('sort/argsort along every axis of 3-D arrays, and of transposed, stepped and flipped views', async () => {
  const cube = np.array(ints(6 * 7 * 33, 50), { dtype: 'float32' }).reshape([6, 7, 33]);
  for (const axis of [0, 1, 2, -1]) await sortsAsCpu(`(6, 7, 33) axis ${axis}`, cube, axis);
  const tall = np.array(values(257 * 3 * 2), { dtype: 'float32' }).reshape([257, 3, 2]);
  await sortsAsCpu('(257, 3, 2) axis 0', tall, 0);
  const grid = np.array(ints(40 * 30, 9), { dtype: 'float32' }).reshape([40, 30]);
  await sortsAsCpu('transposed, axis -1', grid, -1, (a) => a.T);
  await sortsAsCpu('transposed, axis 0', grid, 0, (a) => a.T);
  await sortsAsCpu('stepped rows and columns', grid, -1, (a) => a.get('1::3', '::2'));
  await sortsAsCpu('stepped, axis 0', grid, 0, (a) => a.get('::2', '3:'));
  await sortsAsCpu('flipped', grid, -1, (a) => np.flip(a));
  await sortsAsCpu('a transposed 3-D view', cube, 1, (a) => np.transpose(a, [2, 0, 1]));
});

test('sort/argsort: NaN last, -0 and +0 equal, ±inf, subnormals, and every dtype the GPU stores', async () => {
  const special = [NaN, 0, -0, Infinity, -Infinity, 1, -1, NaN, -0, 0, 3.4e38, -3.4e38, 1e-45, -1e-45, 2, -0, NaN, 0];
  const negativeNaN = new Float32Array(new Uint32Array([0xffc00000, 0x7f800001, 0x3f800000, 0xff800000]).buffer);
  await sortsAsCpu('special floats', np.array(special, { dtype: 'float32' }));
  await sortsAsCpu('NaNs of every sign and payload', np.array(negativeNaN, { dtype: 'float32' }));
  await sortsAsCpu('special floats in rows', np.array([...special, ...[...special].reverse()], { dtype: 'float32' }).reshape([4, 9]), 0);
  // argsort of equal zeros keeps their order, whatever their signs
  assert.equal(await np.argsort(np.array([0, -0, 0, -0, NaN, -0], f32)).toArray(), [0, 1, 2, 3, 5, 4]);
  await sortsAsCpu('int32, negative and extreme', np.array([5, -3, 2147483647, -2147483648, 0, -1, 7, -3, 0, 1], { dtype: 'int32' }));
  await sortsAsCpu('int32 ties (stability)', np.array(ints(1000, 3).map((v) => v - 1), { dtype: 'int32' }));
  await sortsAsCpu('uint32 above 2^31', np.array([4294967295, 0, 2147483648, 2147483647, 1, 4294967294, 2147483648], { dtype: 'uint32' }));
  await sortsAsCpu('bool', np.array(ints(300, 2).map((v) => v === 1), { dtype: 'bool' }));
  await sortsAsCpu('int8', np.array([-128, 127, -1, 0, 5, -7, 5], { dtype: 'int8' }));
  await sortsAsCpu('uint16', np.array([65535, 0, 32768, 1, 32767], { dtype: 'uint16' }));
});

test('sort/argsort: in place, through views; empty arrays; 0-d', async () => {
  const a = np.array([[3, 1, 2], [9, 7, 8]], f32);
  a.sort();
  assert.equal(await a.toArray(), [[1, 2, 3], [7, 8, 9]]);
  np.flip(a, { axis: 1 }).sort();
  assert.equal(await a.toArray(), [[3, 2, 1], [9, 8, 7]]);
  a.T.sort({ axis: 0 }); // the columns of a.T are a's rows
  assert.equal(await a.toArray(), [[1, 2, 3], [7, 8, 9]]);
  const long = np.array(values(4099), f32);
  const expected = np.sort(await long.to('cpu'));
  long.sort();
  await identical(long, expected, 'in-place sort of 4099');
  for (const shape of [[0], [3, 0], [0, 4]]) {
    const e = np.zeros(shape, f32);
    assert.equal([...np.sort(e).shape], shape);
    assert.equal([np.argsort(e).dtype, ...np.argsort(e).shape], ['int32', ...shape]);
  }
  const scalar = np.array(5, f32);
  assert.equal(await np.argsort(scalar).toArray(), [0]);
  assert.throws(() => np.sort(scalar), /axis -1 is out of bounds for array of dimension 0/);
  assert.equal(await np.sort(scalar, { axis: null }).toArray(), [5]);
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
