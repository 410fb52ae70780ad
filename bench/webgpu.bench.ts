// WebGPU backend benchmarks, one run on one adapter: float32 matmul 256..2048 (ours on webgpu, TF.js's
// webgpu backend on the same driver, our cpu kernel), elementwise add with broadcasting (GB/s), sum
// along each axis, and the cost of a dispatch (tiny ops per second, submits per op). Every timing
// includes finishing the GPU work; matmul times include reading the result back, as TF.js's do.
// `node scripts/bench.mjs webgpu` (software driver: expect a few GFLOP/s; see docs/webgpu.md).
import * as np from 'tessera/ndarray';
import { timeAsync } from './timing.ts';

const SIZES = [256, 512, 1024, 2048];
const CPU_MAX = 1024; // our cpu kernel takes too long beyond this for a quick run

const values = (n: number): Float32Array => new Float32Array(n).map((_, i) => ((i * 7919) % 2003) / 1001.5 - 1);
const gflops = (n: number, ms: number): string => ((2 * n ** 3) / ms / 1e6).toFixed(2);
const reps = (n: number): number => (n <= 512 ? 7 : n <= 1024 ? 3 : 2);

interface Tf {
  tensor2d(v: Float32Array, shape: [number, number]): unknown;
  matMul(a: unknown, b: unknown): { data(): Promise<unknown>; dispose(): void };
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
}

/** TF.js with its webgpu backend, on its own Dawn instance (kept referenced, as Dawn requires). */
async function loadTf(): Promise<Tf | null> {
  try {
    const { create, globals } = (await import('webgpu')) as unknown as { create(o: string[]): GPU; globals: object };
    Object.assign(globalThis, globals);
    const gpu = create([]);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
    const tf = (await import('@tensorflow/tfjs-core')) as unknown as Tf;
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!(await tf.setBackend('webgpu'))) return null;
    await tf.ready();
    return tf;
  } catch (e) {
    console.log(`TF.js webgpu unavailable: ${(e as Error).message}`);
    return null;
  }
}

async function benchMatmul(tf: Tf | null): Promise<void> {
  console.log('\n## matmul, float32 (GFLOP/s; times include reading the result back)\n');
  console.log('| n | tessera webgpu | kernel only | TF.js webgpu | ours / TF.js | tessera cpu |');
  console.log('|---|---|---|---|---|---|');
  for (const n of SIZES) {
    const [a, b] = [values(n * n), values(n * n).reverse()];
    const ga = np.array(a, { dtype: 'float32', device: 'webgpu' }).reshape([n, n]);
    const gb = np.array(b, { dtype: 'float32', device: 'webgpu' }).reshape([n, n]);
    const out = np.empty([n, n], { dtype: 'float32', device: 'webgpu' });
    const ours = await timeAsync(async () => {
      out.backend.matmul(ga, gb, out);
      await out.data();
    }, reps(n));
    const kernel = await timeAsync(async () => {
      out.backend.matmul(ga, gb, out);
      await np.webgpu.sync();
    }, reps(n));
    let theirs = NaN;
    if (tf) {
      const [ta, tb] = [tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])];
      theirs = await timeAsync(async () => {
        const c = tf.matMul(ta, tb);
        await c.data();
        c.dispose();
      }, reps(n));
    }
    let cpu = NaN;
    if (n <= CPU_MAX) {
      const [ca, cb] = [np.array(a, { dtype: 'float32' }).reshape([n, n]), np.array(b, { dtype: 'float32' }).reshape([n, n])];
      const co = np.empty([n, n], { dtype: 'float32' });
      cpu = await timeAsync(async () => co.backend.matmul(ca, cb, co), n <= 512 ? 3 : 1);
    }
    const ratio = tf ? (theirs / ours).toFixed(2) : 'n/a';
    console.log(`| ${n} | ${gflops(n, ours)} | ${gflops(n, kernel)} | ${tf ? gflops(n, theirs) : 'n/a'} | ${ratio}x | ${n <= CPU_MAX ? gflops(n, cpu) : 'skipped'} |`);
    [ga, gb, out].forEach((x) => x.dispose());
  }
}

async function benchElementwise(): Promise<void> {
  console.log('\n## elementwise and reductions, float32 (2048 x 2048)\n');
  console.log('| operation | ms | GB/s |');
  console.log('|---|---|---|');
  const n = 2048;
  const x = np.array(values(n * n), { dtype: 'float32', device: 'webgpu' }).reshape([n, n]);
  const row = np.array(values(n), { dtype: 'float32', device: 'webgpu' });
  const cases: [string, () => np.NDArray, number][] = [
    ['add (n,n) + (n,) broadcast', () => np.add(x, row), 2 * n * n * 4],
    ['add (n,n) + (n,n)', () => np.add(x, x), 3 * n * n * 4],
    ['add x.T + x (strided input)', () => np.add(x.T, x), 3 * n * n * 4],
    ['exp (n,n)', () => np.exp(x), 2 * n * n * 4],
    ['sum axis 0', () => np.sum(x, { axis: 0 }), n * n * 4],
    ['sum axis 1', () => np.sum(x, { axis: 1 }), n * n * 4],
    ['sum all', () => np.sum(x), n * n * 4],
  ];
  for (const [name, op, bytes] of cases) {
    const ms = await timeAsync(async () => {
      const r = op();
      await np.webgpu.sync();
      r.dispose();
    }, 5);
    console.log(`| ${name} | ${ms.toFixed(2)} | ${(bytes / ms / 1e6).toFixed(2)} |`);
  }
  [x, row].forEach((a) => a.dispose());
}

async function benchDispatch(): Promise<void> {
  console.log('\n## dispatch overhead (16-element arrays)\n');
  const ops = 10_000;
  const a = np.ones([16], { dtype: 'float32', device: 'webgpu' });
  const b = np.ones([16], { dtype: 'float32', device: 'webgpu' });
  await np.webgpu.sync();
  const before = np.webgpu.stats();
  const t0 = performance.now();
  const result = np.tidy(() => {
    let acc = a;
    for (let k = 0; k < ops; k++) acc = np.add(acc, b);
    return acc;
  });
  const value = (await result.data())[0];
  const ms = performance.now() - t0;
  const after = np.webgpu.stats();
  console.log('| tiny ops | ops/s | dispatches | submits | submits per op | one readback: submits |');
  console.log('|---|---|---|---|---|---|');
  const submits = after.submits - before.submits;
  const chainStart = np.webgpu.stats().submits;
  const c = np.tidy(() => np.exp(np.multiply(np.add(a, b), 2)));
  await c.data();
  console.log(`| ${ops} adds (result ${value}) | ${Math.round(ops / (ms / 1000))} | ${after.dispatches - before.dispatches} | ${submits} | ${(submits / ops).toFixed(4)} | ${np.webgpu.stats().submits - chainStart} for 3 chained ops |`);
  [a, b, c, result].forEach((x) => x.dispose());
}

const { adapter } = await np.initWebGPU();
console.log(`# tessera webgpu benchmarks\n\nadapter: ${adapter}`);
const tf = await loadTf();
await benchMatmul(tf);
await benchElementwise();
await benchDispatch();
console.log('\nengine:', JSON.stringify(np.webgpu.stats()));
