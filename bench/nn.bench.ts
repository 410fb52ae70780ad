// Training a small network: tessera/nn's fit against TF.js (cpu, wasm, webgpu), jax-js (Wasm, the whole
// step under jit) and PyTorch (Debian's python3-torch, timed in a /usr/bin/python3 subprocess), on the
// same synthetic data, in one run. Two workloads:
//   - 784-256-10 (ReLU, softmax, categorical crossentropy), batch 128, SGD (lr 0.01) and Adam (lr 0.001):
//     an MNIST-sized epoch of 60,000 samples = 469 steps. Each peer trains TIMED steps (after its own
//     warm-up) on batches drawn from the first ROWS rows of the data and the time is scaled to 469 steps;
//     tessera runs `model.fit(x, y, {batchSize: 128, epochs: 1, shuffle: true})` on those ROWS rows
//     (ROWS / 128 steps, one epoch-end readback) and is scaled the same way.
//   - 64-128-10 on sklearn's digits (1797 x 64, scaled /16), batch 32, Adam: whole epochs (57 steps).
// Every peer does the same per step: gather a shuffled batch, forward, backward, update, loss kept on
// the device (read once at the end of the timed steps, which is also the GPU sync point).
// ratio = tessera's time / the peer's: tessera cpu (its default threads) for CPU peers, tessera webgpu
// for the TF.js webgpu row. A peer that fails to load prints why and is skipped.
// `node scripts/bench.mjs nn` (a few minutes on the shared 2-core machines).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as np from '../ndarray/index.ts';
import { Sequential, layers, optimizers, utils } from '../nn/index.ts';
import { loadDigits } from '../sklearn/index.ts';
import { uniform } from './timing.ts';

const N = 60_000;
const BATCH = 128;
const EPOCH_STEPS = Math.ceil(N / BATCH); // 469
const ROWS = BATCH * 40; // the rows the timed steps draw from (tessera fits one epoch of them: 40 steps)
const WARMUP = 5;
const TIMED = 40;
const TIMED_SLOW = 10; // TF.js cpu: about 0.2 s a step
const DIGITS_BATCH = 32;
const DIGITS_RUNS = 3;

type Opt = 'sgd' | 'adam';
interface Workload { key: 'sgd' | 'adam' | 'digits'; opt: Opt; inDim: number; hidden: number; batch: number }
const WORKLOADS: Workload[] = [
  { key: 'sgd', opt: 'sgd', inDim: 784, hidden: 256, batch: BATCH },
  { key: 'adam', opt: 'adam', inDim: 784, hidden: 256, batch: BATCH },
  { key: 'digits', opt: 'adam', inDim: 64, hidden: 128, batch: DIGITS_BATCH },
];
const LR: Record<Opt, number> = { sgd: 0.01, adam: 0.001 };
const [BETA1, BETA2, EPS] = [0.9, 0.999, 1e-7]; // Keras's Adam (PyTorch's eps is set to match)

/** Milliseconds per epoch for each workload (absent: not run or failed). */
type Times = Partial<Record<Workload['key'], number>>;
interface Row { name: string; kind: 'cpu' | 'gpu'; threads: string; times: Times; notes: string[] }

// ---------------------------------------------------------------- data (the same for every peer)

interface Set { x: Float32Array; labels: Int32Array; onehot: Float32Array; n: number; dim: number }

function makeSet(x: Float32Array, labels: Int32Array, dim: number): Set {
  const n = labels.length;
  const onehot = new Float32Array(n * 10);
  labels.forEach((c, i) => { onehot[i * 10 + c] = 1; });
  return { x, labels, onehot, n, dim };
}

/** 60,000 rows of 784 values in [0, 1) and labels 0..9, from the LCG; the timed steps use the first ROWS. */
function syntheticData(): { full: Set; sub: Set } {
  const x = Float32Array.from(uniform(N * 784, 1));
  const labels = Int32Array.from(uniform(N, 2), (u) => Math.floor(u * 10));
  const full = makeSet(x, labels, 784);
  return { full, sub: makeSet(x.subarray(0, ROWS * 784), labels.subarray(0, ROWS), 784) };
}

function digitsData(): Set {
  const [X, y] = loadDigits({ returnXY: true });
  const x = Float32Array.from(X.dataSync() as Float64Array, (v) => v / 16);
  return makeSet(x, Int32Array.from(y.dataSync() as ArrayLike<number>), 64);
}

/** A fixed shuffle of 0..n-1 (Fisher-Yates on the LCG), for the peers' batches. */
function permutation(n: number, seed: number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  const u = uniform(n, seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[i] * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** The batch indices of step `s` (steps wrap around the shuffled rows; the last batch may be short). */
function batchIndex(perm: Int32Array, s: number, batch: number): Int32Array {
  const steps = Math.ceil(perm.length / batch);
  const b = s % steps;
  return perm.subarray(b * batch, Math.min(perm.length, (b + 1) * batch));
}

/** Glorot-uniform weights for the peers that build their own (deterministic, the same everywhere). */
function glorot(fanIn: number, fanOut: number, seed: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from(uniform(fanIn * fanOut, seed), (u) => (2 * u - 1) * limit);
}

function gatherRows(src: Float32Array, dim: number, index: Int32Array, out: Float32Array): Float32Array {
  const o = out.subarray(0, index.length * dim);
  for (let i = 0; i < index.length; i++) o.set(src.subarray(index[i] * dim, (index[i] + 1) * dim), i * dim);
  return o;
}

/** How a peer's steps are scheduled: the timed steps of a 784 workload scaled to 469, or whole digits epochs. */
interface Plan { steps: number; warmup: number; runs: number; scale: number }
function plan(w: Workload, set: Set, timed: number): Plan {
  if (w.key === 'digits') {
    const steps = Math.ceil(set.n / w.batch);
    return { steps, warmup: steps, runs: DIGITS_RUNS, scale: 1 };
  }
  return { steps: timed, warmup: WARMUP, runs: 1, scale: EPOCH_STEPS / timed };
}

/** Median of `p.runs` timings of `p.steps` steps after `p.warmup` steps, scaled to an epoch (ms). */
async function timeSteps(p: Plan, run: (from: number, count: number) => Promise<void>): Promise<number> {
  await run(0, p.warmup);
  const times: number[] = [];
  for (let r = 0; r < p.runs; r++) {
    const t0 = performance.now();
    await run(p.warmup + r * p.steps, p.steps);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1] * p.scale;
}

const failed = (name: string, e: unknown): void => {
  console.error(`${name} skipped: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}`);
};

// ---------------------------------------------------------------- tessera

interface GpuCounts { dispatches: number; submits: number; readbacks: number; steps: number }

async function tessera(device: np.DeviceName, w: Workload, set: Set, gpuCounts?: Map<string, GpuCounts>): Promise<number> {
  utils.setRandomSeed(1);
  utils.clearSession();
  const model = new Sequential([
    new layers.Dense(w.hidden, { activation: 'relu', inputShape: [w.inDim] }),
    new layers.Dense(10, { activation: 'softmax' }),
  ], { device });
  const optimizer = w.opt === 'sgd' ? new optimizers.SGD({ learningRate: LR.sgd }) : new optimizers.Adam({ learningRate: LR.adam, beta1: BETA1, beta2: BETA2, epsilon: EPS });
  model.compile({ optimizer, loss: 'categorical_crossentropy' });
  // The data on the model's device beforehand (fit would otherwise upload them at every call).
  const x = np.NDArray.fromTyped(Float32Array.from(set.x), [set.n, set.dim], 'float32', device);
  const y = np.NDArray.fromTyped(Float32Array.from(set.onehot), [set.n, 10], 'float32', device);
  const fit = () => model.fit(x, y, { batchSize: w.batch, epochs: 1, verbose: 0, shuffle: true });
  try {
    const steps = Math.ceil(set.n / w.batch);
    await fit(); // warm-up (on webgpu: pipelines compiled)
    const runs = w.key === 'digits' ? DIGITS_RUNS : 1;
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const before = device === 'webgpu' ? np.webgpu.stats() : null;
      const t0 = performance.now();
      await fit();
      times.push(performance.now() - t0);
      if (before && gpuCounts) {
        const after = np.webgpu.stats();
        gpuCounts.set(w.key, { dispatches: after.dispatches - before.dispatches, submits: after.submits - before.submits, readbacks: after.readbacks - before.readbacks, steps });
      }
    }
    times.sort((a, b) => a - b);
    return times[times.length >> 1] * (w.key === 'digits' ? 1 : EPOCH_STEPS / steps);
  } finally {
    [x, y].forEach((a) => a.dispose());
    model.dispose();
  }
}

// ---------------------------------------------------------------- TF.js (tfjs-core with its optimizers)

type TF = typeof import('@tensorflow/tfjs-core');
type Tensor = import('@tensorflow/tfjs-core').Tensor;

async function tfjs(tf: TF, backend: string, w: Workload, set: Set, timed: number): Promise<number> {
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  const vars = [
    tf.variable(tf.tensor2d(glorot(w.inDim, w.hidden, 11), [w.inDim, w.hidden])),
    tf.variable(tf.zeros([w.hidden])),
    tf.variable(tf.tensor2d(glorot(w.hidden, 10, 12), [w.hidden, 10])),
    tf.variable(tf.zeros([10])),
  ];
  const [w1, b1, w2, b2] = vars;
  const xs = tf.tensor2d(set.x, [set.n, set.dim]);
  const ys = tf.tensor2d(set.onehot, [set.n, 10]);
  const opt = w.opt === 'sgd' ? tf.train.sgd(LR.sgd) : tf.train.adam(LR.adam, BETA1, BETA2, EPS);
  const perm = permutation(set.n, 7);
  let last: Tensor | null = null;
  const run = async (from: number, count: number): Promise<void> => {
    for (let s = from; s < from + count; s++) {
      const cost = tf.tidy(() => {
        const idx = tf.tensor1d(batchIndex(perm, s, w.batch), 'int32');
        const [xb, yb] = [tf.gather(xs, idx), tf.gather(ys, idx)];
        // tf.fused.matMul: what tfjs-layers' Dense runs (matmul + bias + activation in one kernel)
        return opt.minimize(() => {
          const h = tf.fused.matMul({ a: xb, b: w1, bias: b1, activation: 'relu' });
          return tf.losses.softmaxCrossEntropy(yb, tf.fused.matMul({ a: h, b: w2, bias: b2 }));
        }, true, vars)!;
      });
      last?.dispose();
      last = cost;
    }
    await last!.data(); // the sync point
  };
  try {
    return await timeSteps(plan(w, set, timed), run);
  } finally {
    (last as Tensor | null)?.dispose();
    [xs, ys, ...vars].forEach((t) => t.dispose());
    opt.dispose();
  }
}

// ---------------------------------------------------------------- jax-js (Wasm, jit over the whole step)

type Jax = typeof import('@jax-js/jax');
type JArray = import('@jax-js/jax').Array;
type Params = { w1: JArray; b1: JArray; w2: JArray; b2: JArray }; // a type alias: jax-js's JsTree needs one

async function jaxjs(jax: Jax, w: Workload, set: Set): Promise<number> {
  const { numpy: jnp, nn, jit, valueAndGrad, tree } = jax;
  const lossFn = (p: Params, x: JArray, y: JArray): JArray => {
    const h = nn.relu(jnp.matmul(x, p.w1).add(p.b1));
    const logits = jnp.matmul(h, p.w2).add(p.b2);
    return nn.logSoftmax(logits).mul(y).sum().mul(-1 / x.shape[0]);
  };
  const lr = LR[w.opt];
  // SGD: p <- p - lr g.  Adam (Keras's form): m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2;
  // p <- p - alpha m / (sqrt(v) + eps), alpha = lr sqrt(1-b2^t)/(1-b1^t) passed in (no recompiling).
  const sgdStep = jit((p: Params, x: JArray, y: JArray): [Params, JArray] => {
    const [loss, g] = valueAndGrad(lossFn)(tree.ref(p), x, y) as [JArray, Params];
    return [tree.map((v: JArray, gv: JArray) => v.sub(gv.mul(lr)), p, g) as Params, loss];
  });
  const adamStep = jit((p: Params, m: Params, v: Params, alpha: JArray, x: JArray, y: JArray): [Params, Params, Params, JArray] => {
    const [loss, g] = valueAndGrad(lossFn)(tree.ref(p), x, y) as [JArray, Params];
    const m2 = tree.map((mv: JArray, gv: JArray) => mv.mul(BETA1).add(gv.mul(1 - BETA1)), m, tree.ref(g)) as Params;
    const v2 = tree.map((vv: JArray, gv: JArray) => vv.mul(BETA2).add(gv.ref.mul(gv).mul(1 - BETA2)), v, g) as Params;
    const p2 = tree.map((pv: JArray, mv: JArray, vv: JArray) => pv.sub(mv.mul(alpha.ref).div(jnp.sqrt(vv).add(EPS))),
      p, tree.ref(m2), tree.ref(v2)) as Params;
    alpha.dispose();
    return [p2, m2, v2, loss];
  });
  const zeros = (): Params => ({ w1: jnp.zeros([w.inDim, w.hidden]), b1: jnp.zeros([w.hidden]), w2: jnp.zeros([w.hidden, 10]), b2: jnp.zeros([10]) });
  let p: Params = {
    w1: jnp.array(glorot(w.inDim, w.hidden, 11)).reshape([w.inDim, w.hidden]), b1: jnp.zeros([w.hidden]),
    w2: jnp.array(glorot(w.hidden, 10, 12)).reshape([w.hidden, 10]), b2: jnp.zeros([10]),
  };
  let [m, v] = [zeros(), zeros()];
  const perm = permutation(set.n, 7);
  const [xbuf, ybuf] = [new Float32Array(w.batch * set.dim), new Float32Array(w.batch * 10)];
  let t = 0;
  let last: JArray | null = null;
  const run = async (from: number, count: number): Promise<void> => {
    for (let s = from; s < from + count; s++) {
      const idx = batchIndex(perm, s, w.batch);
      // The batch is gathered on the host and copied in (jax-js arrays are immutable).
      const xb = jnp.array(gatherRows(set.x, set.dim, idx, xbuf).slice()).reshape([idx.length, set.dim]);
      const yb = jnp.array(gatherRows(set.onehot, 10, idx, ybuf).slice()).reshape([idx.length, 10]);
      last?.dispose();
      if (w.opt === 'sgd') {
        [p, last] = sgdStep(p, xb, yb);
      } else {
        t++;
        const alpha = jnp.array((lr * Math.sqrt(1 - BETA2 ** t)) / (1 - BETA1 ** t));
        [p, m, v, last] = adamStep(p, m, v, alpha, xb, yb);
      }
    }
    await last!.data(); // consumes `last`
    last = null;
  };
  try {
    return await timeSteps(plan(w, set, TIMED), run);
  } finally {
    tree.dispose([p, m, v]);
    sgdStep.dispose();
    adamStep.dispose();
  }
}

// ---------------------------------------------------------------- PyTorch (subprocess)

const PY_SCRIPT = String.raw`
import json, statistics, sys, time
import numpy as np, torch
d, threads = sys.argv[1], int(sys.argv[2])
default_threads = torch.get_num_threads()
torch.set_num_threads(threads)
torch.manual_seed(0)
def load(name, dim):
    x = torch.from_numpy(np.fromfile(f"{d}/{name}_x.f32", dtype=np.float32).reshape(-1, dim))
    y = torch.from_numpy(np.fromfile(f"{d}/{name}_y.i32", dtype=np.int32).astype(np.int64))
    return x, y
def epoch_ms(x, y, dim, hidden, batch, opt, steps, warmup, runs, scale):
    model = torch.nn.Sequential(torch.nn.Linear(dim, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 10))
    o = torch.optim.SGD(model.parameters(), lr=${LR.sgd}) if opt == "sgd" else torch.optim.Adam(model.parameters(), lr=${LR.adam}, betas=(${BETA1}, ${BETA2}), eps=${EPS})
    loss_fn = torch.nn.CrossEntropyLoss()  # softmax + categorical crossentropy on the logits, mean over the batch
    n = x.shape[0]; nb = (n + batch - 1) // batch
    perm = torch.randperm(n)
    def run(start, count):
        for s in range(start, start + count):
            b = s % nb
            idx = perm[b * batch:(b + 1) * batch]
            o.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            o.step()
        return loss.item()
    run(0, warmup)
    ts = []
    for r in range(runs):
        t0 = time.perf_counter(); run(warmup + r * steps, steps); ts.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ts) * scale
x, y = load("mnist", 784)
dx, dy = load("digits", 64)
dsteps = (dx.shape[0] + ${DIGITS_BATCH} - 1) // ${DIGITS_BATCH}
print(json.dumps({
    "version": torch.__version__, "default_threads": default_threads, "threads": torch.get_num_threads(),
    "sgd": epoch_ms(x, y, 784, 256, ${BATCH}, "sgd", ${TIMED}, ${WARMUP}, 1, ${EPOCH_STEPS / TIMED}),
    "adam": epoch_ms(x, y, 784, 256, ${BATCH}, "adam", ${TIMED}, ${WARMUP}, 1, ${EPOCH_STEPS / TIMED}),
    "digits": epoch_ms(dx, dy, 64, 128, ${DIGITS_BATCH}, "adam", dsteps, dsteps, ${DIGITS_RUNS}, 1),
}))`;

interface TorchRun { version: string; default_threads: number; threads: number; sgd: number; adam: number; digits: number }

function torchRun(dir: string, threads: number): TorchRun | null {
  if (!existsSync('/usr/bin/python3')) {
    console.error('PyTorch skipped: no /usr/bin/python3');
    return null;
  }
  // -I: isolated mode, so nothing on PYTHONPATH or in the working directory shadows a module
  const r = spawnSync('/usr/bin/python3', ['-I', '-c', PY_SCRIPT, dir, String(threads)], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`PyTorch skipped: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`);
    return null;
  }
  return JSON.parse(r.stdout) as TorchRun;
}

// ---------------------------------------------------------------- the run

const { full, sub } = syntheticData();
const digits = digitsData();
const dataFor = (w: Workload): Set => (w.key === 'digits' ? digits : sub);
const rows: Row[] = [];
const gpuCounts = new Map<string, GpuCounts>();

async function measure(row: Row, fn: (w: Workload) => Promise<number>): Promise<void> {
  for (const w of WORKLOADS) {
    console.error(`${row.name}: ${w.key} ...`);
    try {
      row.times[w.key] = await fn(w);
    } catch (e) {
      failed(`${row.name} (${w.key})`, e);
      row.notes.push(`${w.key} failed`);
    }
  }
  rows.push(row);
}

// tessera cpu, its default threads, then one thread
const threads = await np.startThreads();
await measure({ name: 'tessera cpu', kind: 'cpu', threads: String(np.getNumThreads()), times: {}, notes: [] }, (w) => tessera('cpu', w, dataFor(w)));
if (threads > 1) {
  np.setNumThreads(1);
  await measure({ name: 'tessera cpu', kind: 'cpu', threads: '1', times: {}, notes: [] }, (w) => tessera('cpu', w, dataFor(w)));
  np.setNumThreads(threads);
}

// tessera webgpu (before TF.js claims navigator.gpu)
let adapter = 'none';
try {
  adapter = (await np.initWebGPU()).adapter;
  await measure({ name: 'tessera webgpu', kind: 'gpu', threads: '—', times: {}, notes: [] }, (w) => tessera('webgpu', w, dataFor(w), gpuCounts));
} catch (e) {
  failed('tessera webgpu', e);
}

// TF.js: cpu and wasm, then webgpu on its own Dawn instance (same adapter)
let tf: TF | null = null;
try {
  tf = (await import('@tensorflow/tfjs-core')) as TF;
  // tfjs-core's Node bundle has no gradients: the full @tensorflow/tfjs package registers them from this
  // ES module, whose extensionless imports Node cannot load, so esbuild bundles it here (the gradient
  // registry and the engine are globals, shared with the tfjs-core above).
  await import('../node_modules/@tensorflow/tfjs-core/dist/register_all_gradients.js');
  await import('@tensorflow/tfjs-backend-cpu');
  await measure({ name: 'TF.js cpu', kind: 'cpu', threads: '1', times: {}, notes: [] }, (w) => tfjs(tf!, 'cpu', w, dataFor(w), w.key === 'digits' ? TIMED : TIMED_SLOW));
} catch (e) {
  failed('TF.js cpu', e);
}
if (tf) {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setThreadsCount(cpus().length); // ignored in Node: tfjs-backend-wasm only threads in browsers
    if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') failed");
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    await measure({ name: 'TF.js wasm', kind: 'cpu', threads: `${wasm.getThreadsCount()}${simd ? ', SIMD' : ''}`, times: {}, notes: [] }, (w) => tfjs(tf!, 'wasm', w, dataFor(w), TIMED));
  } catch (e) {
    failed('TF.js wasm', e);
  }
  try {
    const { create, globals } = (await import('webgpu')) as unknown as { create(o: string[]): GPU; globals: object };
    Object.assign(globalThis, globals);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });
    await import('@tensorflow/tfjs-backend-webgpu');
    await measure({ name: 'TF.js webgpu', kind: 'gpu', threads: '—', times: {}, notes: [] }, (w) => tfjs(tf!, 'webgpu', w, dataFor(w), TIMED));
  } catch (e) {
    failed('TF.js webgpu', e);
  }
}

// jax-js on its Wasm backend (single-threaded in Node: its thread pool needs the Web Worker global)
try {
  const jax = (await import('@jax-js/jax')) as Jax;
  const devices = await jax.init('wasm');
  if (!devices.includes('wasm')) throw new Error(`no wasm device (got ${devices.join(', ')})`);
  jax.defaultDevice('wasm');
  const jthreads = typeof (globalThis as { Worker?: unknown }).Worker === 'undefined' ? '1' : String(navigator.hardwareConcurrency ?? '?');
  await measure({ name: 'jax-js wasm (jit)', kind: 'cpu', threads: jthreads, times: {}, notes: [] }, (w) => jaxjs(jax, w, dataFor(w)));
} catch (e) {
  failed('jax-js', e);
}

// PyTorch, one thread and every core (the data handed over as raw files)
const dir = mkdtempSync(join(tmpdir(), 'tessera-nn-bench-'));
try {
  writeFileSync(join(dir, 'mnist_x.f32'), sub.x);
  writeFileSync(join(dir, 'mnist_y.i32'), sub.labels);
  writeFileSync(join(dir, 'digits_x.f32'), digits.x);
  writeFileSync(join(dir, 'digits_y.i32'), digits.labels);
  for (const t of [...new Set([1, cpus().length])]) {
    console.error(`PyTorch, ${t} thread(s) ...`);
    const r = torchRun(dir, t);
    if (!r) break;
    const threads = `${r.threads}${r.threads === r.default_threads ? " (torch's default)" : ''}`;
    rows.push({ name: `PyTorch ${r.version} cpu`, kind: 'cpu', threads, times: { sgd: r.sgd, adam: r.adam, digits: r.digits }, notes: [] });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- the table

const ref = (kind: 'cpu' | 'gpu'): Row | undefined => rows.find((r) => r.name === (kind === 'cpu' ? 'tessera cpu' : 'tessera webgpu'));
const sec = (ms: number | undefined): string => (ms === undefined ? '—' : ms >= 10_000 ? (ms / 1000).toFixed(1) : (ms / 1000).toFixed(2));
const msf = (ms: number | undefined): string => (ms === undefined ? '—' : ms.toFixed(ms >= 100 ? 0 : 1));
function ratio(row: Row, key: Workload['key']): string {
  const base = ref(row.kind);
  if (!base || base === row) return '—';
  const [ours, theirs] = [base.times[key], row.times[key]];
  return ours === undefined || theirs === undefined ? '—' : `${(ours / theirs).toFixed(2)}x`;
}

console.log(`\n${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; WebGPU adapter: ${adapter}`);
console.log(`784-256-10 on ${full.n.toLocaleString('en-US')} synthetic rows, batch ${BATCH}: seconds per epoch (${EPOCH_STEPS} steps), extrapolated from timed steps`);
console.log(`(tessera: fit on the first ${ROWS} rows = ${ROWS / BATCH} steps, after a warm-up fit, x ${EPOCH_STEPS}/${ROWS / BATCH}; others: ${TIMED} steps`);
console.log(`(TF.js cpu ${TIMED_SLOW}) after ${WARMUP} warm-up steps, x ${EPOCH_STEPS}/steps). Digits 64-128-10, batch ${DIGITS_BATCH}, Adam: ms per`);
console.log(`whole epoch (${Math.ceil(digits.n / DIGITS_BATCH)} steps), median of ${DIGITS_RUNS} after a warm-up epoch. ratio = tessera / peer (tessera cpu`);
console.log(`with its default threads for CPU rows, tessera webgpu for GPU rows; > 1: the peer is faster).\n`);
const header = ['peer', 'threads', 'SGD s/epoch', 'ratio', 'Adam s/epoch', 'ratio', 'digits ms/epoch', 'ratio'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((_, j) => (j < 2 ? ' --- ' : ' ---: ')).join('|')}|`);
for (const r of rows) {
  console.log(`| ${r.name}${r.notes.length ? ` (${r.notes.join('; ')})` : ''} | ${r.threads} | ${sec(r.times.sgd)} | ${ratio(r, 'sgd')} | ${sec(r.times.adam)} | ${ratio(r, 'adam')} | ${msf(r.times.digits)} | ${ratio(r, 'digits')} |`);
}
if (gpuCounts.size) {
  console.log('\ntessera webgpu, per training step (one timed fit; the epoch-end read of the loss is the one readback):');
  for (const [key, c] of gpuCounts) {
    console.log(`  ${key}: ${(c.dispatches / c.steps).toFixed(1)} kernels, ${(c.submits / c.steps).toFixed(2)} submits, ${(c.readbacks / c.steps).toFixed(3)} readbacks per step (${c.dispatches} / ${c.submits} / ${c.readbacks} over ${c.steps} steps)`);
  }
}
process.exit(0);
