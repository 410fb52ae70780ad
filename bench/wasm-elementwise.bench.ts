// Elementwise ops (arithmetic, maximum, comparisons, where) and sums on the two CPU kernel sets, side
// by side: the TypeScript loops (cpu/elementwise.ts, cpu/reduce.ts) and the WebAssembly SIMD kernels
// staged through Wasm memory (cpu/wasm/elementwise.ts, cpu/wasm/reduce.ts), with NumPy on one thread
// (a /usr/bin/python3 subprocess) as the target. Then the crossovers: rows of n numbers, both paths forced, to choose
// below which row length the TypeScript loop stays (wasm/elementwise.ts's CROSSOVER).
import * as np from '../ndarray/index.ts';
import { setCpuKernels, type CpuKernels } from '../ndarray/cpu/wasm/kernels.ts';
import { CROSSOVER } from '../ndarray/cpu/wasm/elementwise.ts';
import { numpyScript, numpyTimes, time, uniform } from './timing.ts';

const N = 2048;
const DTYPES = ['float32', 'float64'] as const;
const KERNELS: CpuKernels[] = ['ts', 'wasm'];

/** A case: its key (shared with the NumPy script), its unit and the bytes it moves (GB/s cases). */
interface Case { key: string; unit: 'GB/s' | 'ms'; bytes: number; run: () => void }

function cases(dtype: (typeof DTYPES)[number]): Case[] {
  const size = dtype === 'float32' ? 4 : 8, nn = N * N * size;
  const x = np.NDArray.fromTyped(uniform(N * N, 3), [N, N], 'float64').astype(dtype);
  const y = np.NDArray.fromTyped(uniform(N * N, 4), [N, N], 'float64').astype(dtype);
  const row = x.get(0).copy(), col = x.get(':', '0:1').copy();
  const centred = np.subtract(x, 0.5), mask = np.lessEqual(centred, 0);
  return [
    { key: `add row ${dtype}`, unit: 'GB/s', bytes: 2 * nn, run: () => np.add(x, row).dispose() },
    { key: `add col ${dtype}`, unit: 'GB/s', bytes: 2 * nn, run: () => np.add(x, col).dispose() },
    { key: `add full ${dtype}`, unit: 'GB/s', bytes: 3 * nn, run: () => np.add(x, y).dispose() },
    { key: `sqrt ${dtype}`, unit: 'GB/s', bytes: 2 * nn, run: () => np.sqrt(x).dispose() },
    { key: `maximum 0 ${dtype}`, unit: 'GB/s', bytes: 2 * nn, run: () => np.maximum(0, centred).dispose() },
    { key: `maximum full ${dtype}`, unit: 'GB/s', bytes: 3 * nn, run: () => np.maximum(x, y).dispose() },
    { key: `lessEqual 0 ${dtype}`, unit: 'GB/s', bytes: nn + N * N, run: () => np.lessEqual(centred, 0).dispose() },
    { key: `where mask x y ${dtype}`, unit: 'GB/s', bytes: 3 * nn + N * N, run: () => np.where(mask, x, y).dispose() },
    { key: `where mask 0 x ${dtype}`, unit: 'GB/s', bytes: 2 * nn + N * N, run: () => np.where(mask, 0, x).dispose() },
    { key: `sum0 ${dtype}`, unit: 'ms', bytes: 0, run: () => np.sum(x, { axis: 0 }).dispose() },
    { key: `sum1 ${dtype}`, unit: 'ms', bytes: 0, run: () => np.sum(x, { axis: 1 }).dispose() },
    { key: `sum ${dtype}`, unit: 'ms', bytes: 0, run: () => np.sum(x).dispose() },
  ];
}

/** NumPy's median times (ms) per case key. */
const NUMPY_SCRIPT = numpyScript(`
for dt in ('float32', 'float64'):
    x = np.random.default_rng(3).random((${N}, ${N})).astype(dt); y = np.random.default_rng(4).random((${N}, ${N})).astype(dt)
    row, col = x[0].copy(), x[:, :1].copy()
    run(f'add row {dt}', lambda: x + row)
    run(f'add col {dt}', lambda: x + col)
    run(f'add full {dt}', lambda: x + y)
    run(f'sqrt {dt}', lambda: np.sqrt(x))
    centred = x - 0.5; mask = centred <= 0
    run(f'maximum 0 {dt}', lambda: np.maximum(0, centred))
    run(f'maximum full {dt}', lambda: np.maximum(x, y))
    run(f'lessEqual 0 {dt}', lambda: centred <= 0)
    run(f'where mask x y {dt}', lambda: np.where(mask, x, y))
    run(f'where mask 0 x {dt}', lambda: np.where(mask, 0, x))
    run(f'sum0 {dt}', lambda: x.sum(axis=0))
    run(f'sum1 {dt}', lambda: x.sum(axis=1))
    run(f'sum {dt}', lambda: x.sum())`, 7);

const show = (c: Case, ms: number | undefined) => (ms === undefined ? '—' : (c.unit === 'ms' ? ms : c.bytes / ms / 1e6).toFixed(2));

/** Medians over rounds that alternate the kernel sets, so a burst of load hits both alike. */
function compare(run: () => void, rounds = 3): Record<CpuKernels, number> {
  const times: Record<CpuKernels, number[]> = { ts: [], wasm: [] };
  for (let r = 0; r < rounds; r++) {
    for (const k of KERNELS) {
      setCpuKernels(k);
      times[k].push(time(run, 300, 5));
    }
  }
  const median = (t: number[]) => t.sort((p, q) => p - q)[t.length >> 1];
  return { ts: median(times.ts), wasm: median(times.wasm) };
}

const numpy = numpyTimes<Record<string, number>>(NUMPY_SCRIPT);
console.log(`| case (${N}x${N}) | unit | ts | wasm | NumPy 1 thread | wasm / NumPy |`);
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const dtype of DTYPES) {
  for (const c of cases(dtype)) {
    const t = compare(c.run);
    const npMs = numpy?.[c.key];
    const ratio = npMs === undefined ? '—' : `${((100 * npMs) / t.wasm).toFixed(0)}%`;
    console.log(`| ${c.key} | ${c.unit} | ${show(c, t.ts)} | ${show(c, t.wasm)} | ${show(c, npMs)} | ${ratio} |`);
  }
}

// Crossovers: 2^16 numbers as rows of n; both paths forced (CROSSOVER lowered to 0 for Wasm).
const saved = { ...CROSSOVER };
Object.assign(CROSSOVER, { minRow: 0, minRowLarge: 0, minFold: 0 });
console.log('\n| row length n | op | dtype | ts ns/number | wasm ns/number |');
console.log('| ---: | --- | --- | ---: | ---: |');
for (const dtype of DTYPES) {
  for (const n of [8, 16, 32, 64, 128, 256, 1024]) {
    const rows = 2 ** 16 / n;
    const x = np.NDArray.fromTyped(uniform(rows * n, 5), [rows, n], 'float64').astype(dtype);
    const b = x.get(0).copy(), mask = np.lessEqual(x, 0.5);
    const ops: [string, () => void][] = [
      ['add (rows,n)+(n,)', () => np.add(x, b).dispose()],
      ['lessEqual (rows,n)<=(n,)', () => np.lessEqual(x, b).dispose()],
      ['where(mask, x, (n,))', () => np.where(mask, x, b).dispose()],
      ['sum axis 1', () => np.sum(x, { axis: 1 }).dispose()],
    ];
    for (const [name, run] of ops) {
      const t = compare(run);
      console.log(`| ${n} | ${name} | ${dtype} | ${((t.ts * 1e6) / 2 ** 16).toFixed(2)} | ${((t.wasm * 1e6) / 2 ** 16).toFixed(2)} |`);
    }
  }
}
Object.assign(CROSSOVER, saved);
