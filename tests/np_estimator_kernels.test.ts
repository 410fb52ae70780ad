// The np functions the estimators are written with: np.linalg.gram, np.linalg.solveTriangular,
// np.nearestRows, np.asTypedArray, np.sharedEmpty, np.char.mod and np.libm.log. A worked case
// first for each, then the definition on random inputs, then the same bits on 1 and 2 threads.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';

const rows = (a: np.NDArray): number[][] => a.toArraySync() as number[][];

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.is(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * scale, `entry ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

/** Σ_i s_i² (a_i - c)(a_i - c)ᵀ by the definition. */
function centredProducts(a: number[][], s: number[], c: number[]): number[] {
  const p = a[0].length, out: number[] = [];
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      let acc = 0;
      for (let i = 0; i < a.length; i++) acc += s[i] * s[i] * (a[i][j] - c[j]) * (a[i][k] - c[k]);
      out.push(acc);
    }
  }
  return out;
}

test('gram: a worked case, then AᵀA = np.matmul(a.T, a) for both kernels', () => {
  assert.equal(rows(np.linalg.gram([[1, 2], [3, 4]])), [[10, 14], [14, 20]]);
  assert.equal(rows(np.linalg.gram([np.array([[1], [3]]), np.array([[2], [4]])])), [[10, 14], [14, 20]]);
  const rs = new np.random.RandomState(0);
  for (const [n, p] of [[5, 1], [300, 7], [1000, 30], [200, 53]]) {
    const A = rs.standardNormal([n, p]);
    const ref = np.matmul(A.T, A).dataSync();
    close(np.linalg.gram(A).dataSync(), ref, 1e-12);
    close(np.linalg.gram(A, { center: np.zeros(p) }).dataSync(), ref, 1e-12);
    const g = rows(np.linalg.gram(A));
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) assert.is(g[i][j], g[j][i]);
  }
});

test('gram with center and rowScale: the centred, weighted products of the columns side by side', () => {
  const rs = new np.random.RandomState(3);
  for (const [n, p, t] of [[150, 1, 1], [150, 7, 3], [70, 13, 2], [200, 8, 4], [5, 3, 1], [20000, 9, 1]]) {
    const X = rs.standardNormal([n, p]).add(100), Y = rs.standardNormal([n, t]); // far from 0: centring matters
    const s = np.sqrt(np.linspace(0.5, 4.5, n));
    const center = np.concatenate([np.mean(X, { axis: 0 }), np.mean(Y, { axis: 0 })]);
    const G = np.linalg.gram([X, Y], { center, rowScale: s });
    assert.equal(G.shape, [p + t, p + t]);
    const both = rows(np.concatenate([X, Y], { axis: 1 }));
    close(G.dataSync(), centredProducts(both, Array.from(s.dataSync()), Array.from(center.dataSync())), 1e-10);
  }
});

test('gram: the same bits on one thread and on two', async () => {
  const rs = new np.random.RandomState(5);
  const X = rs.standardNormal([50_000, 20]), y = rs.standardNormal([50_000, 1]);
  const run = () => [np.linalg.gram(X), np.linalg.gram([X, y], { center: np.arange(21), rowScale: np.linspace(1, 2, 50_000) })].map((g) => Array.from(g.dataSync()));
  np.setNumThreads(1);
  const one = run();
  np.setNumThreads(2);
  await np.startThreads();
  assert.equal(run(), one);
});

test('gram with center: the WebAssembly Gram kernel gives the TypeScript tiles\' bits (widths and lengths that divide no tile)', () => {
  const rs = new np.random.RandomState(8);
  const initial = np.getCpuKernels();
  for (const [n, p, t] of [[1, 1, 1], [63, 5, 1], [65, 8, 1], [200, 9, 4], [8193, 13, 2], [1000, 51, 1], [130, 53, 0]]) {
    const X = rs.standardNormal([n, p]).add(10), Y = rs.standardNormal([n, Math.max(t, 1)]);
    const parts = t === 0 ? [X] : [X, Y];
    const center = np.concatenate(parts.map((a) => np.mean(a, { axis: 0 })));
    const s = np.linspace(0.5, 2, n);
    const run = () => [np.linalg.gram(parts, { center }), np.linalg.gram(parts, { center, rowScale: s })].map((g) => Array.from(g.dataSync()));
    np.setCpuKernels('wasm');
    const wasm = run();
    np.setCpuKernels('ts');
    assert.equal(wasm, run(), `${n} x ${p} + ${t}`);
  }
  np.setCpuKernels(initial);
});

test('gram refuses arrays of different lengths and a center of the wrong size', () => {
  assert.throws(() => np.linalg.gram([np.zeros([3, 2]), np.zeros([4, 1])]), /same number of rows/);
  assert.throws(() => np.linalg.gram(np.zeros([3, 2]), { center: [1, 2, 3] }), /center must have 2 entries/);
});

test('solveTriangular: worked cases, then L x = b and Lᵀ x = b for lower and upper', () => {
  assert.equal(np.linalg.solveTriangular([[2, 0], [1, 1]], [4, 3], { lower: true }).toArraySync(), [2, 1]);
  assert.equal(np.linalg.solveTriangular([[2, 1], [0, 1]], [4, 1]).toArraySync(), [1.5, 1]);
  assert.equal(np.linalg.solveTriangular([[2, 0], [1, 1]], [4, 1], { lower: true, trans: 'T' }).toArraySync(), [1.5, 1]);
  assert.equal(np.linalg.solveTriangular([[5, 0], [1, 7]], [4, 3], { lower: true, unitDiagonal: true }).toArraySync(), [4, -1]);
  const rs = new np.random.RandomState(1);
  const n = 12, lowerMask = np.lessEqual(np.arange(n).reshape([1, n]), np.arange(n).reshape([n, 1]));
  const L = np.add(np.multiply(rs.standardNormal([n, n]), lowerMask), np.multiply(5, np.eye(n))), B = rs.standardNormal([n, 3]);
  for (const [T, lower] of [[L, true], [L.T, false]] as const) {
    for (const trans of ['N', 'T'] as const) {
      const X = np.linalg.solveTriangular(T, B, { lower, trans });
      close(np.matmul(trans === 'N' ? T : T.T, X).dataSync(), B.dataSync(), 1e-12);
    }
  }
  assert.throws(() => np.linalg.solveTriangular([[1, 0], [1, 0]], [1, 1], { lower: true }), /singular matrix/);
  assert.throws(() => np.linalg.solveTriangular(np.eye(2), [1, 2, 3]), /incompatible/);
});

test('nearestRows: a worked case, ties to the first center, and agreement with the brute-force argmin', async () => {
  assert.equal(Array.from(np.nearestRows(np.array([[0, 0], [5, 5], [1, 0]]), np.array([[0, 1], [4, 4]])).dataSync()), [0, 1, 0]);
  assert.equal(Array.from(np.nearestRows(np.array([[0, 0]]), np.array([[1, 0], [-1, 0]])).dataSync()), [0]);
  const rs = new np.random.RandomState(2);
  const X = rs.standardNormal([20_001, 6]), C = rs.standardNormal([7, 6]);
  const d = np.sum(np.square(np.subtract(X.reshape([-1, 1, 6]), C.reshape([1, 7, 6]))), { axis: 2 });
  const brute = Array.from(np.argmin(d, { axis: 1 }).dataSync());
  np.setNumThreads(1);
  const one = Array.from(np.nearestRows(X, C).dataSync());
  np.setNumThreads(2);
  await np.startThreads();
  const shared = np.sharedEmpty([20_001, 6]);
  np.asTypedArray(shared).set(X.dataSync());
  assert.equal(Array.from(np.nearestRows(shared, C).dataSync()), one);
  assert.equal(Array.from(np.nearestRows(X, C).dataSync()), one);
  assert.ok(one.filter((j, i) => j !== brute[i]).length <= 2, 'only exact near-ties may differ from the brute force');
  // out: written in place and returned, from threads into shared memory or into an ordinary array
  for (const out of [np.sharedEmpty([20_001], 'int32'), np.zeros([20_001], { dtype: 'int32' })]) {
    assert.is(np.nearestRows(shared, C, { out }), out);
    assert.equal(Array.from(out.dataSync()), one);
  }
});

test('nearestRows: the WebAssembly kernel gives scorePair\'s labels (centers that fill no group of 8, odd rows, exact ties)', async () => {
  const rs = new np.random.RandomState(11);
  const initial = np.getCpuKernels();
  for (const [n, f, k] of [[1, 1, 1], [7, 3, 2], [257, 16, 8], [1001, 5, 9], [513, 40, 17], [20_001, 6, 7]]) {
    // integer-valued data: many exact ties, which only the same scores break the same way
    const X = np.floor(rs.standardNormal([n, f]).multiply(2)), C = np.floor(rs.standardNormal([k, f]).multiply(2));
    const run = () => Array.from(np.nearestRows(X, C).dataSync());
    np.setCpuKernels('wasm');
    const wasm = run();
    np.setNumThreads(2);
    await np.startThreads();
    const wasmThreads = run();
    np.setNumThreads(1);
    np.setCpuKernels('ts');
    assert.equal(wasm, run(), `${n} x ${f}, k = ${k}`);
    assert.equal(wasmThreads, wasm, `${n} x ${f}, k = ${k}, two threads`);
  }
  np.setCpuKernels(initial);
});

test('nearestRows refuses an out of the wrong dtype, shape or layout, and leaves it as it was', () => {
  const X = np.array([[0, 0], [5, 5], [1, 0]]), C = np.array([[0, 1], [4, 4]]);
  for (const out of [np.zeros([3]), np.zeros([4], { dtype: 'int32' }), np.zeros([3, 2], { dtype: 'int32' }).get(':', 0)]) {
    const before = out.toArraySync();
    assert.throws(() => np.nearestRows(X, C, { out }), /out must be a C-contiguous int32 CPU array of shape \(3,\)/);
    assert.equal(out.toArraySync(), before);
  }
  assert.throws(() => np.nearestRows(X, C, { outt: np.zeros([3], { dtype: 'int32' }) } as never), /outt/);
});

test('asTypedArray sees the array in place; sharedEmpty makes a writable array of the shape asked', () => {
  const a = np.arange(6).astype('float64').reshape([2, 3]);
  np.asTypedArray(a)[4] = 40;
  assert.is(a.itemSync(1, 1), 40);
  assert.equal(Array.from(np.asTypedArray(a.get(1))), [3, 40, 5]);
  assert.throws(() => np.asTypedArray(a.T), /not C-contiguous/);
  const s = np.sharedEmpty([3, 2], 'int32');
  assert.equal([s.shape, s.dtype], [[3, 2], 'int32']);
  np.asTypedArray(s).set([1, 2, 3, 4, 5, 6]);
  assert.equal(s.toArraySync(), [[1, 2], [3, 4], [5, 6]]);
});

test("char.mod formats as Python's % operator (ties half-to-even on the exact value)", () => {
  assert.is(np.char.mod('%.2f', 0.125), '0.12');
  assert.is(np.char.mod('%.2f', 0.375), '0.38');
  assert.is(np.char.mod('%.3e', 12345.678), '1.235e+04');
  assert.equal(np.char.mod('%5.1f%%', [12.25, 3]), [' 12.2%', '  3.0%']);
  assert.is(np.char.mod('%d items', 7), '7 items');
  assert.throws(() => np.char.mod('%f %f', 1), /exactly one/);
});

test('libm.log is the correctly rounded log where Math.log is, and matches glibc where they differ', () => {
  assert.is(np.libm.log(1), 0);
  assert.is(np.libm.log(2), 0.6931471805599453);
  assert.is(np.libm.log(Math.E), 1);
  // on random inputs the two differ by at most one unit in the last place
  const rs = new np.random.RandomState(4);
  for (const x of np.exp(np.multiply(rs.standardNormal(2000), 5)).dataSync()) {
    const a = np.libm.log(x), b = Math.log(x);
    assert.ok(Math.abs(a - b) <= Math.abs(b) * 2.3e-16, `log(${x}): ${a} vs ${b}`);
  }
});

test.run();
