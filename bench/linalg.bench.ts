// np.linalg speed: solve, cholesky, svd (with vectors) and eigh (with vectors) on n x n float64
// matrices, n = 128, 256, 512, against ml-matrix (pure JS) and NumPy (OpenBLAS/LAPACK, timed in a
// /usr/bin/python3 subprocess, pinned to one thread like the JS code) when available.
// Each cell is the median of a few runs after a warm-up; ratios are time / tessera's time.
import { Matrix, solve as mlSolve, CholeskyDecomposition, SingularValueDecomposition, EigenvalueDecomposition } from 'ml-matrix';
import * as np from '../ndarray/index.ts';
import * as linalg from '../ndarray/linalg/index.ts';
import { numpyTimes, time } from './timing.ts';

const SIZES = [128, 256, 512];
const OPS = ['solve', 'cholesky', 'svd', 'eigh'] as const;
type Op = (typeof OPS)[number];

/** Deterministic pseudo-random entries in [-1, 1) (a 32-bit LCG; speed does not depend on values). */
function randomMatrix(n: number, seed: number): Float64Array {
  const a = new Float64Array(n * n);
  let s = seed >>> 0;
  for (let i = 0; i < a.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 31 - 1;
  }
  return a;
}

/** The inputs each op needs: a general matrix, a symmetric one and an SPD one (B B^T + n I). */
function inputs(n: number): Record<Op, Float64Array> {
  const a = randomMatrix(n, n);
  const sym = new Float64Array(n * n), spd = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      sym[i * n + j] = (a[i * n + j] + a[j * n + i]) / 2;
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
      spd[i * n + j] = s + (i === j ? n : 0);
    }
  }
  return { solve: a, cholesky: spd, svd: a, eigh: sym };
}

function tessera(op: Op, data: Float64Array, n: number): () => unknown {
  const a = np.fromBuffer(data, { shape: [n, n] });
  const b = np.ones([n]);
  const run = {
    solve: () => linalg.solve(a, b),
    cholesky: () => linalg.cholesky(a),
    svd: () => linalg.svd(a),
    eigh: () => linalg.eigh(a),
  }[op];
  return () => np.tidy(() => void run());
}

function mlMatrix(op: Op, data: Float64Array, n: number): () => unknown {
  const a = new Matrix(Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * n, (i + 1) * n))));
  const b = Matrix.ones(n, 1);
  return {
    solve: () => mlSolve(a, b),
    cholesky: () => new CholeskyDecomposition(a),
    svd: () => new SingularValueDecomposition(a),
    eigh: () => new EigenvalueDecomposition(a, { assumeSymmetric: true }),
  }[op];
}

const NUMPY_SCRIPT = `
import json, sys, time
import numpy as np
sizes, budget = json.loads(sys.argv[1]), 1.5
def timeit(f):
    f(); times = []; start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < budget and len(times) < 15):
        t0 = time.perf_counter(); f(); times.append((time.perf_counter() - t0) * 1000)
    return sorted(times)[len(times) // 2]
rng = np.random.default_rng(0)
out = {}
for n in sizes:
    a = rng.uniform(-1, 1, (n, n)); sym = (a + a.T) / 2; spd = a @ a.T + n * np.eye(n); b = np.ones(n)
    out[n] = {'solve': timeit(lambda: np.linalg.solve(a, b)), 'cholesky': timeit(lambda: np.linalg.cholesky(spd)),
              'svd': timeit(lambda: np.linalg.svd(a)), 'eigh': timeit(lambda: np.linalg.eigh(sym))}
print(json.dumps(out))
`;

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const pad = (s: string, w: number): string => s.padStart(w);

const results: { op: Op; n: number; t: number; ml: number }[] = [];
for (const n of SIZES) {
  const data = inputs(n);
  for (const op of OPS) results.push({ op, n, t: time(tessera(op, data[op], n), 1500, 3, 15), ml: time(mlMatrix(op, data[op], n), 1500, 3, 15) });
}
const npTimes = numpyTimes<Record<string, Record<Op, number>>>(NUMPY_SCRIPT, [JSON.stringify(SIZES)]);
const header = ['op', 'n', 'tessera ms', 'ml-matrix ms', 'ml/tessera', ...(npTimes ? ['numpy ms', 'numpy/tessera'] : [])];
const table = results.map(({ op, n, t, ml }) => {
  const row = [op, String(n), fmt(t), fmt(ml), (ml / t).toFixed(2)];
  const py = npTimes?.[n]?.[op];
  return py === undefined ? row : [...row, fmt(py), (py / t).toFixed(3)];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
console.log(header.map((h, i) => pad(h, widths[i])).join('  '));
for (const r of table) console.log(r.map((c, i) => pad(c, widths[i])).join('  '));
console.log('ratios > 1: the peer is slower than tessera. NumPy runs LAPACK on one OpenBLAS thread.');
