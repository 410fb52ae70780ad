// tessera/sklearn against scikit-learn 1.2 (Debian's python3-sklearn, timed in a /usr/bin/python3
// subprocess) on the SAME data: both sides draw it from NumPy's legacy RandomState with the same
// seeds (tessera's generator is bit-identical), and the checksums are compared before anything is
// timed. Cases: Ridge fit, KMeans from the same initial centers, PCA fit (randomized and full SVD),
// StandardScaler fitTransform. Target: tessera on the CPU within 3x of scikit-learn's time.
// Both run twice: with their default threads (OpenBLAS/OpenMP and tessera's worker threads use every
// core) and pinned to one thread. A last column says how closely the fitted results agree.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import * as np from '../ndarray/index.ts';
import type { NDArray } from '../ndarray/index.ts';
import { Ridge, KMeans, PCA, StandardScaler, makeBlobs } from '../sklearn/index.ts';
import { timeAsync } from './timing.ts';

const TARGET = 3;
const RUNS = 3;
const N = 100_000;
const [RIDGE_F, KM_F, KM_K, PCA_N, PCA_F, PCA_K] = [50, 16, 8, 20_000, 100, 10];

/** The data, drawn exactly as the Python script below draws it. */
function makeData() {
  const rs = new np.random.RandomState(0);
  const X = rs.standardNormal([N, RIDGE_F]);
  const noise = rs.standardNormal(N).dataSync() as Float64Array;
  const x = X.dataSync() as Float64Array;
  // y = X[:, 0] + 2 X[:, 1] - X[:, 2] + 0.5 noise, evaluated in NumPy's order
  const y = np.NDArray.fromTyped(noise.map((e, i) => x[i * RIDGE_F] + 2 * x[i * RIDGE_F + 1] - x[i * RIDGE_F + 2] + 0.5 * e), [N], 'float64');
  // make_blobs shuffles its rows, so the first k are k random samples: the shared initial centers
  const [B] = makeBlobs({ nSamples: N, nFeatures: KM_F, centers: KM_K, clusterStd: 4, randomState: 0 });
  const init = B.get(`:${KM_K}`).copy();
  const P = new np.random.RandomState(1).standardNormal([PCA_N, PCA_F]);
  return { X, y, B, init, P };
}

const PY_DATA = `
rs = np.random.RandomState(0)
X = rs.standard_normal((${N}, ${RIDGE_F}))
y = X[:, 0] + 2 * X[:, 1] - X[:, 2] + 0.5 * rs.standard_normal(${N})
B, _ = make_blobs(n_samples=${N}, n_features=${KM_F}, centers=${KM_K}, cluster_std=4, random_state=0)
init = B[:${KM_K}].copy()
P = np.random.RandomState(1).standard_normal((${PCA_N}, ${PCA_F}))`;

/** One row: tessera's fit (resolving to the fitted estimator) and the numbers compared with
 *  scikit-learn's; `py` is the Python statement timed, `pyCheck` the same numbers from Python. */
interface Case {
  name: string;
  fit: (d: Data) => Promise<unknown>;
  check: (m: never) => number[];
  py: string;
  pyCheck: string;
}

type Data = ReturnType<typeof makeData>;
const values = (a: NDArray | null | undefined): number[] => Array.from((a as NDArray).dataSync() as Float64Array);

const CASES: Case[] = [
  {
    name: `Ridge fit ${N}x${RIDGE_F}`,
    fit: (d) => new Ridge().fit(d.X, d.y),
    check: (m: Ridge) => values(m.coef_),
    py: 'Ridge().fit(X, y)', pyCheck: 'Ridge().fit(X, y).coef_',
  },
  {
    name: `KMeans ${N}x${KM_F}, k=${KM_K}, same init`,
    fit: (d) => new KMeans({ nClusters: KM_K, init: d.init, nInit: 1 }).fit(d.B),
    check: (m: KMeans) => [m.nIter_ as number, m.inertia_ as number],
    py: `KMeans(${KM_K}, init=init, n_init=1).fit(B)`, pyCheck: `(lambda m: [m.n_iter_, m.inertia_])(KMeans(${KM_K}, init=init, n_init=1).fit(B))`,
  },
  {
    name: `PCA fit ${PCA_N}x${PCA_F}, ${PCA_K} components (randomized SVD)`,
    fit: (d) => new PCA({ nComponents: PCA_K, randomState: 0 }).fit(d.P),
    check: (m: PCA) => values(m.explainedVariance_),
    py: `PCA(${PCA_K}, random_state=0).fit(P)`, pyCheck: `PCA(${PCA_K}, random_state=0).fit(P).explained_variance_`,
  },
  {
    name: `PCA fit ${PCA_N}x${PCA_F}, all components (full SVD)`,
    fit: (d) => new PCA().fit(d.P),
    check: (m: PCA) => values(m.explainedVariance_),
    py: 'PCA().fit(P)', pyCheck: 'PCA().fit(P).explained_variance_',
  },
  {
    name: `StandardScaler fitTransform ${N}x${RIDGE_F}`,
    fit: async (d) => {
      const s = new StandardScaler();
      await s.fitTransform(d.X);
      return s;
    },
    check: (m: StandardScaler) => values(m.scale_),
    py: 'StandardScaler().fit_transform(X)', pyCheck: 'StandardScaler().fit(X).scale_',
  },
];

/** What one Python run reports: median ms and check numbers per case, the data checksums and the
 *  thread pools scikit-learn used. */
interface SklearnRun { ms: number[]; checks: number[][]; sums: number[]; threads: string }

const PY_SCRIPT = `
import json, statistics, time
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler
${PY_DATA}
def timed(f):
    f()
    ts = []
    for _ in range(${RUNS}):
        t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ts)
try:
    from threadpoolctl import threadpool_info
    threads = ', '.join(f"{p['internal_api']} {p['num_threads']}" for p in threadpool_info())
except ImportError:
    threads = 'threadpoolctl missing'
print(json.dumps({
    'sums': [float(a.sum()) for a in (X, y, B, P)],
    'threads': threads,
    'ms': [timed(f) for f in [${CASES.map((c) => `lambda: ${c.py}`).join(', ')}]],
    'checks': [[float(v) for v in c] for c in [${CASES.map((c) => c.pyCheck).join(', ')}]],
}))`;

/** scikit-learn's run in `env`, or null (the reason printed) without Python or scikit-learn. */
function sklearnRun(env: NodeJS.ProcessEnv): SklearnRun | null {
  if (!existsSync('/usr/bin/python3')) {
    console.error('scikit-learn skipped: no /usr/bin/python3');
    return null;
  }
  // -I: isolated mode, so nothing on PYTHONPATH or in the working directory shadows a module
  const r = spawnSync('/usr/bin/python3', ['-I', '-c', PY_SCRIPT], { encoding: 'utf8', env });
  if (r.status !== 0) {
    console.error(`scikit-learn skipped: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`);
    return null;
  }
  return JSON.parse(r.stdout) as SklearnRun;
}

/** Stops the benchmark if Python drew different data (the comparison would be meaningless). */
function assertSameData(d: Data, run: SklearnRun): void {
  const ours = [d.X, d.y, d.B, d.P].map((a) => np.sum(a).itemSync());
  ours.forEach((s, i) => {
    if (Math.abs(s - run.sums[i]) > 1e-9 * Math.max(1, Math.abs(s))) {
      throw new Error(`data set ${i} differs from Python's: sum ${s} vs ${run.sums[i]}`);
    }
  });
}

/** max_i |a_i - b_i| / |b_i| (the plain difference where b_i = 0): how closely two fits agree. */
function agreement(a: number[], b: number[]): string {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / (Math.abs(b[i]) || 1))).toExponential(0);
}

const fmt = (ms: number | undefined): string => (ms === undefined ? '—' : ms.toFixed(1));
const ratio = (ours: number, theirs: number | undefined): string => (theirs === undefined ? '—' : `${(ours / theirs).toFixed(2)}x`);
const verdict = (ours: number, theirs: number | undefined): string => (theirs === undefined ? '—' : ours <= TARGET * theirs ? 'yes' : '**no**');

const data = makeData();
console.error('scikit-learn, default threads ...');
const multi = sklearnRun(process.env);
console.error('scikit-learn, one thread ...');
const single = sklearnRun({ ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' });
for (const run of [multi, single]) if (run) assertSameData(data, run);

const threads = await np.startThreads();
const header = ['case', `tessera ms (${threads} threads)`, `sklearn ms (${multi?.threads ?? 'default threads'})`, 'ratio', `within ${TARGET}x`,
  'tessera ms (1 thread)', 'sklearn ms (1 thread)', 'ratio', `within ${TARGET}x`, 'agreement'];
const lines: string[][] = [];
for (const [i, c] of CASES.entries()) {
  console.error(`tessera: ${c.name} ...`);
  const fitted = await c.fit(data);
  const ms = await timeAsync(() => c.fit(data), RUNS);
  np.setNumThreads(1);
  const ms1 = await timeAsync(() => c.fit(data), RUNS);
  np.setNumThreads(threads);
  const [m, s] = [multi?.ms[i], single?.ms[i]];
  const ref = (single ?? multi)?.checks[i];
  lines.push([c.name, fmt(ms), fmt(m), ratio(ms, m), verdict(ms, m), fmt(ms1), fmt(s), ratio(ms1, s), verdict(ms1, s),
    ref ? agreement(c.check(fitted as never), ref) : '—']);
}

console.log(`\n${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; medians of ${RUNS} runs after a warm-up, same data on both sides.`);
console.log(`ratio = tessera's time / scikit-learn's (target: at most ${TARGET}x). agreement = max relative difference of`);
console.log('Ridge coef_, KMeans [nIter_, inertia_], PCA explainedVariance_, StandardScaler scale_.\n');
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((_, j) => (j === 0 || j === 4 || j === 8 ? ' --- ' : ' ---: ')).join('|')}|`);
for (const l of lines) console.log(`| ${l.join(' | ')} |`);
