// Deno smoke test: the same small program on 'cpu' and on 'webgpu' (Deno's built-in navigator.gpu),
// printing both results; exits with 1 when they disagree. Run it with `node scripts/deno-smoke.mjs`,
// which first bundles ndarray/ into build/deno/ndarray.js (Deno cannot import .wgsl files as text),
// or, once that bundle exists, with `npx deno run -A tests/deno/smoke.ts`.
declare const Deno: { exit(code: number): never; env: { get(name: string): string | undefined } };
type Np = typeof import('../../ndarray/index.ts');
const np: Np = await import(new URL('../../build/deno/ndarray.js', import.meta.url).href);

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
console.log(ok ? 'deno smoke test: cpu and webgpu agree' : 'deno smoke test: MISMATCH');
if (!ok) Deno.exit(1);
