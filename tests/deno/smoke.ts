// Deno smoke test: the same small program on 'cpu' and on 'webgpu' (Deno's built-in navigator.gpu),
// printing both results, then a small tessera/nn model trained from one seed on both devices; exits
// with 1 when they disagree. Run it with `node scripts/deno-smoke.mjs`, which first bundles ndarray/
// and nn/ into build/deno/ (Deno cannot import .wgsl files as text), or, once that bundle exists,
// with `npx deno run -A tests/deno/smoke.ts`.
declare const Deno: { exit(code: number): never; env: { get(name: string): string | undefined } };
type Np = typeof import('../../ndarray/index.ts');
type Nn = typeof import('../../nn/index.ts');
const np: Np = await import(new URL('../../build/deno/ndarray/index.js', import.meta.url).href);
const nn: Nn = await import(new URL('../../build/deno/nn/index.js', import.meta.url).href);

if (!(await np.isWebGPUAvailable())) {
  // As in the Node tests: no adapter is a skip, except on CI, which installs a driver.
  console.log('deno smoke test: no WebGPU adapter, skipped');
  Deno.exit(Deno.env.get('CI') === 'true' ? 1 : 0);
}
console.log(`webgpu adapter: ${(await np.initWebGPU()).adapter}`);

/** A little of everything: broadcasting, a ufunc chain, reductions, argmax, matmul, cumsum. */
async function program(device: 'cpu' | 'webgpu'): Promise<unknown[]> {
  const x = np.arange(12, undefined, 1, { dtype: 'float32', device }).reshape([3, 4]);
  const y = np.add(np.multiply(x, 0.5), np.array([1, 2, 3, 4], { dtype: 'float32', device }));
  const z = np.tanh(np.subtract(y, np.mean(y)));
  const w = np.matmul(y, y.T);
  return [
    await np.sum(y, { axis: 0 }).toArray(),
    await np.max(z, { axis: 1 }).toArray(),
    await np.argmax(x.T, { axis: 1 }).toArray(),
    await w.toArray(),
    await np.cumsum(np.less(x, 5)).toArray(),
  ];
}

const [cpu, gpu] = [await program('cpu'), await program('webgpu')];
let ok = true;
cpu.forEach((c, i) => {
  const [a, b] = [(c as number[]).flat(2) as number[], (gpu[i] as number[]).flat(2) as number[]];
  const same = a.length === b.length && a.every((v, k) => Math.abs(v - b[k]) <= 1e-5 * (1 + Math.abs(v)));
  ok &&= same;
  console.log(`${same ? 'ok  ' : 'FAIL'} ${JSON.stringify(c)} ${same ? '' : `!= ${JSON.stringify(gpu[i])}`}`);
});
/** A 4-8-3 softmax network trained for 3 epochs from one seed; returns its predictions. */
async function train(device: 'cpu' | 'webgpu'): Promise<number[]> {
  nn.utils.setRandomSeed(1);
  const model = new nn.Sequential([
    new nn.layers.Dense(8, { activation: 'tanh', inputShape: [4] }),
    new nn.layers.Dense(3, { activation: 'softmax' }),
  ], { device });
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const x = np.reshape(np.divide(np.arange(0, 48, 1), 48), [12, 4]);
  const y = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
  nn.utils.setRandomSeed(2);
  await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
  const p = (await (await model.predict(x)).toArray()) as number[][];
  model.dispose();
  return p.flat();
}
const [pc, pg] = [await train('cpu'), await train('webgpu')];
const trained = pc.every((v, k) => Math.abs(v - pg[k]) <= 1e-4);
ok &&= trained;
console.log(`${trained ? 'ok  ' : 'FAIL'} nn: a model trained on cpu and on webgpu from one seed predicts ${pc.slice(0, 3).map((v) => v.toFixed(4)).join(', ')} ...`);

/** Two async tidies at once (Promise.all): each must dispose only its own temporaries (AsyncLocalStorage). */
async function overlappingTidies(): Promise<boolean> {
  const before = np.memory().webgpu.arrays;
  const work = (wait: number) => np.tidy(async () => {
    const t = np.ones([3], { device: 'webgpu', dtype: 'float32' });
    for (let i = 0; i < wait; i++) await new Promise((r) => setTimeout(r, 1));
    return np.add(t, wait); // throws if the other scope disposed t
  });
  const results = await Promise.all([work(1), work(3)]);
  const sums = await Promise.all(results.map(async (r) => (await r.toArray() as number[])[0]));
  results.forEach((r) => r.dispose());
  return sums[0] === 2 && sums[1] === 4 && np.memory().webgpu.arrays === before;
}
const scopes = await overlappingTidies();
ok &&= scopes;
console.log(`${scopes ? 'ok  ' : 'FAIL'} two overlapping async tidies keep their own arrays`);
console.log(ok ? 'deno smoke test: cpu and webgpu agree' : 'deno smoke test: MISMATCH');
if (!ok) Deno.exit(1);
