// The webgpu backend as a device: initialisation, which dtypes live on it and how (float64 refused,
// small integers widened to 32-bit words, float64 results stored as float32), reading values back
// (async only), mixing devices, and the engine: one submit per readback, cached pipelines, pooled
// buffers, lazily zeroed storages, in-place ops on aliased buffers, and garbage-collected arrays.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as np from '../ndarray/index.ts';
import { sizeClass } from '../ndarray/webgpu/pool.ts';
import { DRIVER_HINT, noAdapterError } from '../ndarray/webgpu/device.ts';
import { requireWebGPU } from './webgpu-setup.ts';
import { throwsWith } from './helpers.ts';

const test = suite('webgpu device and engine');
const gpu = { device: 'webgpu' } as const;
const f32 = { dtype: 'float32', device: 'webgpu' } as const;

test('initWebGPU is idempotent and names the adapter; the error without one says how to install a driver', async () => {
  const a = await np.initWebGPU();
  const b = await np.initWebGPU();
  assert.is(a.adapter, b.adapter);
  assert.ok(a.adapter.length > 0);
  assert.ok(await np.isWebGPUAvailable());
  assert.ok(noAdapterError().message.includes('apt-get install'), 'hint names the apt line');
  assert.ok(DRIVER_HINT.includes('bookworm-backports mesa-vulkan-drivers'));
});

test('float64 cannot live on webgpu; the error says to use astype("float32")', async () => {
  throwsWith(() => np.zeros([2], gpu), "astype('float32')");
  throwsWith(() => np.array([1.5, 2], gpu), "astype('float32')");
  const cpu = np.array([1.5, 2]);
  try {
    await cpu.to('webgpu');
    assert.unreachable('moving float64 must fail');
  } catch (e) {
    assert.ok((e as Error).message.includes("astype('float32')"));
  }
  assert.equal(await (await cpu.astype('float32').to('webgpu')).toArray(), [1.5, 2]);
});

test('every other dtype round-trips, narrow integers and bool at their limits', async () => {
  const cases: [np.DType, number[]][] = [
    ['bool', [0, 1, 1, 0]], ['uint8', [0, 1, 254, 255]], ['int8', [-128, -1, 0, 127]],
    ['uint16', [0, 65535, 300, 1]], ['int16', [-32768, 32767, -1, 0]], ['uint32', [0, 4294967295, 2 ** 31, 7]],
    ['int32', [-(2 ** 31), 2 ** 31 - 1, -1, 0]], ['float32', [0.5, -1e30, 3.25, 1e-30]],
  ];
  for (const [dtype, values] of cases) {
    const x = np.array(values, { dtype, device: 'webgpu' });
    assert.is(x.dtype, dtype);
    const back = await x.to('cpu');
    assert.equal(Array.from(back.dataSync()), Array.from(np.array(values, { dtype }).dataSync()), dtype);
  }
});

test('results that are float64 on the CPU are float32 on webgpu', () => {
  const i = np.array([1, 4, 9], { dtype: 'int32', device: 'webgpu' });
  assert.is(np.sqrt(i).dtype, 'float32');
  assert.is(np.divide(i, i).dtype, 'float32');
  assert.is(np.add(i, np.ones([3], f32)).dtype, 'float32');
  assert.is(np.mean(i).dtype, 'float32');
  assert.is(np.add(i, 0.5).dtype, 'float32');
  assert.is(np.webgpu.storedDType('float64'), 'float32');
  assert.is(np.webgpu.storedDType('uint8'), 'uint8');
});

test('GPU arrays read asynchronously only, and ops never mix devices', async () => {
  const x = np.arange(6, undefined, 1, gpu).reshape([2, 3]);
  throwsWith(() => x.dataSync(), 'await x.data()');
  throwsWith(() => x.toArraySync(), 'await x.toArray()');
  assert.equal(await x.toArray(), [[0, 1, 2], [3, 4, 5]]);
  assert.is(await x.item(1, 2), 5);
  throwsWith(() => np.add(x, np.ones([2, 3], { dtype: 'int32' })), "different devices ('webgpu' and 'cpu')");
  assert.equal(Array.from(await np.zeros([0, 3], f32).data()), []);
});

test('a chain of ops costs one submit, at the readback; long chains submit every batch', async () => {
  await np.webgpu.sync();
  const limit = np.webgpu.backend().engine.maxDispatchesPerBatch;
  const chain = (n: number): np.NDArray => np.tidy(() => {
    let acc = np.ones([1000], f32);
    for (let k = 0; k < n; k++) acc = np.add(np.exp(acc), acc);
    return acc;
  });
  const before = np.webgpu.stats();
  const y = chain(limit / 2 - 1);
  assert.is(np.webgpu.stats().submits, before.submits, 'recording does not submit');
  await y.data();
  assert.is(np.webgpu.stats().submits, before.submits + 1, 'one submit for the readback');
  const z = chain(2 * limit);
  const mid = np.webgpu.stats();
  assert.is(mid.submits - before.submits - 1, 4, 'a submit every maxDispatchesPerBatch dispatches');
  await z.data();
  assert.is(np.webgpu.stats().submits, mid.submits + 1);
  [y, z].forEach((a) => a.dispose());
});

test('pipelines are compiled once per kernel and dtypes, whatever the shapes', async () => {
  const run = (n: number): np.NDArray => np.exp(np.ones([n], f32));
  await run(10).data();
  const before = np.webgpu.stats().pipelines;
  for (const n of [1, 7, 1000, 12345]) await run(n).data();
  assert.is(np.webgpu.stats().pipelines, before);
});

test('buffers are pooled by size class and reused after dispose', async () => {
  assert.equal([100, 256, 257, 384, 385, 700, 1025].map((b) => sizeClass(b, 2 ** 27)), [256, 256, 384, 384, 512, 768, 1536]);
  const a = np.ones([1000], f32);
  await a.data();
  a.dispose();
  const before = np.webgpu.stats();
  const b = np.ones([1000], f32);
  await b.data();
  const after = np.webgpu.stats();
  assert.is(after.reused, before.reused + 1, 'reused the freed buffer');
  assert.is(after.created, before.created);
  b.dispose();
});

test('new arrays read as zeros even on recycled buffers, also after partial writes', async () => {
  const dirty = np.full([64], 7, f32);
  await dirty.data();
  dirty.dispose();
  const z = np.zeros([64], f32);
  assert.ok(Array.from(await z.data()).every((v) => v === 0));
  const half = z.view([32], [2], 0);
  np.add(half, 1, { out: half });
  assert.equal(Array.from(await z.data()).slice(0, 4), [1, 0, 1, 0]);
  const e = np.empty([10], { dtype: 'int32', device: 'webgpu' });
  assert.ok(Array.from(await e.data()).every((v) => v === 0));
});

test('in-place ops whose input is the output buffer (WebGPU forbids binding it twice)', async () => {
  const a = np.arange(8, undefined, 1, gpu).astype('float32');
  a.iadd(a);
  assert.equal(await a.toArray(), [0, 2, 4, 6, 8, 10, 12, 14]);
  const v = a.view([4], [1], 0);
  np.multiply(a.view([4], [1], 4), v, { out: v });
  assert.equal(await a.toArray(), [0, 20, 48, 84, 8, 10, 12, 14]);
});

test('memory() counts GPU arrays; disposing everything returns to the start', async () => {
  const before = np.memory().webgpu;
  const x = np.ones([256], f32);
  const r = x.reshape([16, 16]);
  const t = r.T;
  assert.is(np.memory().webgpu.arrays, before.arrays + 3, 'two views of one buffer');
  assert.is(np.memory().webgpu.buffers, before.buffers + 1);
  [t, r, x].forEach((a) => a.dispose());
  assert.equal(np.memory().webgpu, before);
});

test('arrays dropped without dispose give their buffers back when garbage-collected', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  await np.webgpu.sync();
  const pooled = np.webgpu.stats().pooledBuffers;
  (() => {
    for (let k = 0; k < 20; k++) np.zeros([123457 + k], f32); // never disposed, never referenced
  })();
  for (let k = 0; k < 20 && np.webgpu.stats().pooledBuffers < pooled + 20; k++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(np.webgpu.stats().pooledBuffers >= pooled + 20, `${np.webgpu.stats().pooledBuffers} pooled`);
});

if (await requireWebGPU('webgpu device and engine')) test.run();
