// tessera's CPU kernels against the other JS libraries and NumPy, in one run: matmul (n x n, in
// GFLOP/s = 2n^3 / time), a broadcasting add of 2048 x 2048 with a row (2048,) and a column
// (2048, 1) (in GB/s = bytes read + written / time) and np.sum along each axis of 2048 x 2048 (ms).
// Peers: TF.js's `cpu` backend (float32 only), for matmul also TF.js's `wasm` backend (XNNPACK,
// float32 only), ml-matrix (float64 only) and NumPy through a /usr/bin/python3 subprocess pinned to
// one thread like the JS code (skipped when absent).
// The last columns say how many times faster tessera is (peer time / tessera time).
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { Matrix } from 'ml-matrix';
import * as np from '../ndarray/index.ts';
import { getCpuKernels } from '../ndarray/cpu/wasm/kernels.ts';
import { numpyScript, numpyTimes, time, uniform } from './timing.ts';

await np.startThreads(); // the worker threads are ready before anything is timed
const MATMUL_SIZES = [256, 512, 1024];
const N = 2048;
const DTYPES = ['float32', 'float64'] as const;
type FloatDType = (typeof DTYPES)[number];
const PEERS = ['tessera', 'tf', 'tfwasm', 'ml', 'numpy'] as const;
type Peer = (typeof PEERS)[number];
type Unit = 'GFLOP/s' | 'GB/s' | 'ms';

/** One table row: the work done (flops or bytes) and each peer's time in ms (undefined: the peer has
 *  no such operation or dtype; NaN: it failed, e.g. a kernel not implemented yet). */
interface Row { name: string; unit: Unit; work: number; ms: Partial<Record<Peer, number>> }

/** NumPy's median times (ms) for every case, keyed like the rows. */
const NUMPY_SCRIPT = numpyScript(`
for dt in ('float32', 'float64'):
    for n in ${JSON.stringify(MATMUL_SIZES)}:
        a = np.random.default_rng(1).random((n, n)).astype(dt); b = np.random.default_rng(2).random((n, n)).astype(dt)
        run(f'matmul {n} {dt}', lambda: a @ b)
    x = np.random.default_rng(3).random((${N}, ${N})).astype(dt)
    row, col = x[0].copy(), x[:, :1].copy()
    run(f'add row {dt}', lambda: x + row)
    run(f'add col {dt}', lambda: x + col)
    run(f'sum0 {dt}', lambda: x.sum(axis=0))
    run(f'sum1 {dt}', lambda: x.sum(axis=1))`);

/** Time of `fn` in ms; undefined without a function, NaN (printed n/a) if it throws. */
function measure(fn: (() => unknown) | undefined, budgetMs: number): number | undefined {
  if (!fn) return undefined;
  try {
    return time(fn, budgetMs);
  } catch (e) {
    console.error(`  failed: ${(e as Error).message}`);
    return NaN;
  }
}

const asDType = (data: Float64Array, dtype: FloatDType) => (dtype === 'float32' ? Float32Array.from(data) : data);
const tfTensor = (data: Float64Array, shape: number[]) => tf.tensor(Float32Array.from(data), shape, 'float32');
const mlMatrix = (data: Float64Array, rows: number, cols: number) => Matrix.from1DArray(rows, cols, data);

/** TF.js wasm's median matmul times (ms), keyed like the rows (float32 only), or null if its backend
 *  does not start; the cpu backend is active again afterwards. */
async function tfWasmTimes(): Promise<Record<string, number> | null> {
  const started = await tf.setBackend('wasm').catch(() => false);
  const out: Record<string, number> = {};
  for (const n of started ? MATMUL_SIZES : []) {
    const [ta, tb] = [tfTensor(uniform(n * n, 1), [n, n]), tfTensor(uniform(n * n, 2), [n, n])];
    out[`matmul ${n} float32`] = time(() => tf.matMul(ta, tb).dataSync(), 1000);
    [ta, tb].forEach((t) => t.dispose());
  }
  await tf.setBackend('cpu');
  return started ? out : null;
}

function matmulRows(numpy: Record<string, number> | null, tfWasm: Record<string, number> | null): Row[] {
  const rows: Row[] = [];
  for (const dtype of DTYPES) {
    for (const n of MATMUL_SIZES) {
      const [da, db] = [uniform(n * n, 1), uniform(n * n, 2)];
      const [a, b] = [np.NDArray.fromTyped(asDType(da, dtype), [n, n], dtype), np.NDArray.fromTyped(asDType(db, dtype), [n, n], dtype)];
      const [ta, tb] = [tfTensor(da, [n, n]), tfTensor(db, [n, n])];
      const [ma, mb] = [mlMatrix(da, n, n), mlMatrix(db, n, n)];
      const key = `matmul ${n} ${dtype}`;
      console.error(`  ${key}`);
      rows.push({
        name: `matmul ${n}x${n} ${dtype}`, unit: 'GFLOP/s', work: 2 * n ** 3,
        ms: {
          tessera: measure(() => np.matmul(a, b).dispose(), 1000),
          tf: measure(dtype === 'float32' ? () => tf.matMul(ta, tb).dispose() : undefined, 1000),
          tfwasm: tfWasm?.[key],
          ml: measure(dtype === 'float64' ? () => ma.mmul(mb) : undefined, 1000),
          numpy: numpy?.[key],
        },
      });
      [a, b, ta, tb].forEach((t) => t.dispose());
    }
  }
  return rows;
}

function elementwiseAndSumRows(numpy: Record<string, number> | null): Row[] {
  const rows: Row[] = [];
  const base = uniform(N * N, 3);
  for (const dtype of DTYPES) {
    const x = np.NDArray.fromTyped(asDType(base, dtype), [N, N], dtype);
    const row = np.NDArray.fromTyped(asDType(base.slice(0, N), dtype), [N], dtype);
    const col = np.NDArray.fromTyped(asDType(base.slice(0, N), dtype), [N, 1], dtype);
    const [tx, trow, tcol] = [tfTensor(base, [N, N]), tfTensor(base.slice(0, N), [N]), tfTensor(base.slice(0, N), [N, 1])];
    const mx = mlMatrix(base, N, N);
    const f32 = dtype === 'float32', f64 = dtype === 'float64';
    const bytes = 2 * N * N * x.itemsize; // read x, write the result (the vector stays in cache)
    const cases: [string, string, Unit, number, () => unknown, (() => unknown) | undefined, (() => unknown) | undefined][] = [
      ['add row', `add (${N},${N}) + (${N},)`, 'GB/s', bytes, () => np.add(x, row).dispose(), f32 ? () => tf.add(tx, trow).dispose() : undefined, undefined],
      ['add col', `add (${N},${N}) + (${N},1)`, 'GB/s', bytes, () => np.add(x, col).dispose(), f32 ? () => tf.add(tx, tcol).dispose() : undefined, undefined],
      ['sum0', `sum axis 0 of ${N}x${N}`, 'ms', 0, () => np.sum(x, { axis: 0 }).dispose(), f32 ? () => tf.sum(tx, 0).dispose() : undefined, f64 ? () => mx.sum('column') : undefined],
      ['sum1', `sum axis 1 of ${N}x${N}`, 'ms', 0, () => np.sum(x, { axis: 1 }).dispose(), f32 ? () => tf.sum(tx, 1).dispose() : undefined, f64 ? () => mx.sum('row') : undefined],
    ];
    for (const [key, name, unit, work, ours, tfFn, mlFn] of cases) {
      console.error(`  ${key} ${dtype}`);
      rows.push({
        name: `${name} ${dtype}`, unit, work,
        ms: { tessera: measure(ours, 700), tf: measure(tfFn, 700), ml: measure(mlFn, 700), numpy: numpy?.[`${key} ${dtype}`] },
      });
    }
    [x, row, col, tx, trow, tcol].forEach((t) => t.dispose());
  }
  return rows;
}

/** A time shown in the row's unit: throughput for GFLOP/s and GB/s, the time itself for ms. */
function show(row: Row, ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (Number.isNaN(ms)) return 'n/a';
  return (row.unit === 'ms' ? ms : row.work / ms / 1e6).toFixed(2);
}

function speedup(row: Row, peer: Peer): string {
  const [ours, theirs] = [row.ms.tessera, row.ms[peer]];
  if (ours === undefined || theirs === undefined) return '—';
  if (Number.isNaN(ours) || Number.isNaN(theirs)) return 'n/a';
  return `${(theirs / ours).toFixed(2)}x`;
}

function printTable(rows: Row[]): void {
  const header = ['case', 'unit', 'tessera', 'TF.js cpu', 'TF.js wasm', 'ml-matrix', 'NumPy 1 thread', 'vs TF.js', 'vs TF.js wasm', 'vs ml-matrix', 'vs NumPy'];
  const lines = rows.map((r) => [r.name, r.unit, ...PEERS.map((p) => show(r, r.ms[p])), ...(['tf', 'tfwasm', 'ml', 'numpy'] as const).map((p) => speedup(r, p))]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
}

console.error('TF.js wasm matmul timings ...');
const tfWasm = await tfWasmTimes();
console.error('NumPy timings (subprocess) ...');
const numpy = numpyTimes<Record<string, number>>(NUMPY_SCRIPT);
console.error('JS timings ...');
const rows = [...matmulRows(numpy, tfWasm), ...elementwiseAndSumRows(numpy)];
console.log(`\n${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; medians of several runs.`);
console.log(`tessera's CPU matmul uses ${np.getNumThreads()} thread(s) (TESSERA_NUM_THREADS=1 for one); TF.js cpu and NumPy here use one; tessera's kernels: ${getCpuKernels()} (TESSERA_CPU_KERNELS=ts|wasm).`);
console.log('"vs X" = X\'s time / tessera\'s time (above 1: tessera is faster). TF.js computes float32 only, ml-matrix float64 only.\n');
printTable(rows);
