// np.sum speed on a 2048 x 2048 array along axis 0 (strided: rows are accumulated), axis 1
// (contiguous: each row is summed pairwise) and over all elements, in float64 and float32, against
// TF.js's cpu backend (tf.sum, float32 only: TF.js has no float64) and NumPy when available.
// Also argmax and cumsum along both axes, and np.sort of each row. Median of a few runs, in ms.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as np from '../ndarray/index.ts';
import { numpyTimes, time, uniform } from './timing.ts';

const N = 2048;

/** NumPy's timings for the same cases (single-threaded: reductions do not use threads anyway). */
const NUMPY_SCRIPT = `
import numpy as np, timeit, json
a = np.random.default_rng(0).random((${N}, ${N}))
out = {}
for dt in ('float64', 'float32'):
    x = a.astype(dt)
    for name, f in [('sum0', lambda: x.sum(axis=0)), ('sum1', lambda: x.sum(axis=1)), ('sum', lambda: x.sum()),
                    ('argmax0', lambda: x.argmax(axis=0)), ('argmax1', lambda: x.argmax(axis=1)),
                    ('cumsum0', lambda: x.cumsum(axis=0)), ('cumsum1', lambda: x.cumsum(axis=1)), ('sort1', lambda: np.sort(x, axis=1))]:
        t = timeit.Timer(f); n, _ = t.autorange()
        out[dt + ' ' + name] = min(t.repeat(3, n)) / n * 1000
print(json.dumps(out))`;

await tf.setBackend('cpu');
const base = uniform(N * N);
const numpy = numpyTimes<Record<string, number>>(NUMPY_SCRIPT);
const rows: string[][] = [['case', 'tessera ms', 'tf.js cpu ms', 'numpy ms', 'tf/tessera']];
for (const dtype of ['float64', 'float32'] as const) {
  const x = np.NDArray.fromTyped(dtype === 'float64' ? base : Float32Array.from(base), [N, N], dtype);
  const t = tf.tensor2d(Float32Array.from(base), [N, N], 'float32');
  const cases: [string, () => unknown, (() => unknown) | null][] = [
    ['sum0', () => np.sum(x, { axis: 0 }).dispose(), () => tf.sum(t, 0).dispose()],
    ['sum1', () => np.sum(x, { axis: 1 }).dispose(), () => tf.sum(t, 1).dispose()],
    ['sum', () => np.sum(x).dispose(), () => tf.sum(t).dispose()],
    ['argmax0', () => np.argmax(x, { axis: 0 }).dispose(), () => tf.argMax(t, 0).dispose()],
    ['argmax1', () => np.argmax(x, { axis: 1 }).dispose(), () => tf.argMax(t, 1).dispose()],
    ['cumsum0', () => np.cumsum(x, { axis: 0 }).dispose(), () => tf.cumsum(t, 0).dispose()],
    ['cumsum1', () => np.cumsum(x, { axis: 1 }).dispose(), () => tf.cumsum(t, 1).dispose()],
    ['sort1', () => np.sort(x, { axis: 1 }).dispose(), null],
  ];
  for (const [name, ours, theirs] of cases) {
    const a = time(ours);
    // TF.js computes in float32 only: its figure is shown on both rows.
    const b = theirs ? time(theirs) : NaN;
    const c = numpy?.[`${dtype} ${name}`] ?? NaN;
    rows.push([`${dtype} ${name}`, a.toFixed(2), b.toFixed(2), c.toFixed(2), (b / a).toFixed(2)]);
  }
  t.dispose();
  x.dispose();
}
const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
for (const r of rows) console.log(r.map((v, j) => v.padStart(widths[j])).join('  '));
