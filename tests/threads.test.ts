// Matrix products split over worker threads (ndarray/cpu/threads.ts) must give the same bits as the
// single-threaded kernel: every element is computed by one thread with the same k-loop. Checked on
// shapes that do not divide the 4 x 4 register tile or the thread shares, on transposed, sliced and
// offset views, on float32 and float64, for row shares (m >= n) and column shares (m < n), and for
// operands that already live in shared memory (used in place) and ordinary ones (copied).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { NDArray } from '../ndarray/ndarray.ts';
import { parallelProductCount, sharedFloat64, sharedTyped, parallelFor } from '../ndarray/cpu/threads.ts';
import { KMeans, Ridge, makeBlobs } from '../sklearn/index.ts';
import { gemm, blockAt, transposed } from '../ndarray/linalg/gemm.ts';

const rng = new np.random.RandomState(7);

/** A product computed with one thread and with two; returns both and how many were split. */
function bothWays(f: () => NDArray): [NDArray, NDArray, number] {
  np.setNumThreads(1);
  const single = f();
  np.setNumThreads(2);
  const before = parallelProductCount();
  const split = f();
  return [single, split, parallelProductCount() - before];
}

test('the worker threads start in Node (CI must not silently run single-threaded)', async () => {
  np.setNumThreads(2);
  assert.is(await np.startThreads(), 2);
});

test('worked example: ones(256, 256) @ (each row 0..255) is 256 j in column j, split over two threads', () => {
  np.setNumThreads(2);
  const before = parallelProductCount();
  const C = np.matmul(np.ones([256, 256]), np.tile(np.arange(256).astype('float64'), [256, 1]));
  assert.is(parallelProductCount() - before, 1, 'the product was split');
  // np.array_equal(np.ones((256, 256)) @ np.tile(np.arange(256.), (256, 1)), np.broadcast_to(256 * np.arange(256.), (256, 256))) -> True
  assert.ok(np.arrayEqualSync(C, np.broadcastTo(np.multiply(256, np.arange(256)), [256, 256])));
});

const SHAPES: [number, number, number][] = [
  [2001, 131, 35], // row shares, m not a multiple of 4, n not a multiple of 4
  [37, 501, 1023], // column shares
  [50, 20001, 50], // long k, row shares of 25 rows
  [1030, 258, 1030], // k just past the 256-deep cache block, m = n
  [16, 4099, 300], // few rows: column shares
];

for (const [m, k, n] of SHAPES) {
  test(`${m}x${k} @ ${k}x${n}: two threads give the single-threaded bits (float64, float32, views)`, () => {
    const A = rng.standardNormal([m, k]), B = rng.standardNormal([k, n]);
    const cases: [string, () => NDArray][] = [
      ['contiguous', () => np.matmul(A, B)],
      ['transposed A', () => np.matmul(A.T.copy().T, B)],
      ['transposed B', () => np.matmul(A, B.T.copy().T)],
      ['float32', () => np.matmul(A.astype('float32'), B.astype('float32'))],
      ['sliced, reversed rows', () => np.matmul(A.get('::-1'), B)],
    ];
    for (const [what, f] of cases) {
      const [single, split, count] = bothWays(f);
      assert.is(count, 1, `${what}: the product was split`);
      assert.ok(np.arrayEqualSync(single, split), `${what}: same bits`);
    }
  });
}

test('operands and output in shared memory are used in place, at an offset', () => {
  const m = 1001, k = 90, n = 130, ld = 150;
  const a = sharedFloat64(m * ld), b = sharedFloat64(k * n);
  a.set(rng.standardNormal([m * ld]).dataSync());
  b.set(rng.standardNormal([k * n]).dataSync());
  const run = () => {
    const out = sharedFloat64((m + 1) * ld);
    // C (m x n, from element ld + 3 of a shared buffer) = A[:, 5:95] B, A a block of rows ld long
    gemm(m, n, k, blockAt(a, ld, 0, 5), blockAt(b, n, 0, 0), out.subarray(ld + 3));
    return out;
  };
  np.setNumThreads(1);
  const single = run();
  np.setNumThreads(2);
  const before = parallelProductCount();
  const split = run();
  assert.is(parallelProductCount() - before, 1);
  assert.ok(split.buffer instanceof SharedArrayBuffer);
  assert.equal(Array.from(split), Array.from(single));
  // the transpose of a shared block (column shares: m < n)
  const product = () => gemm(n, m, k, transposed(blockAt(b, n, 0, 0)), transposed(blockAt(a, ld, 0, 5)), new Float64Array(n * m));
  np.setNumThreads(1);
  const t1 = product();
  np.setNumThreads(2);
  const t2 = product();
  assert.equal(Array.from(t2), Array.from(t1));
});

test('small products stay on the calling thread; setNumThreads(1) turns threads off', () => {
  np.setNumThreads(2);
  const before = parallelProductCount();
  np.matmul(rng.standardNormal([64, 64]), rng.standardNormal([64, 64]));
  assert.is(parallelProductCount(), before, 'a 64^3 product is not split');
  np.setNumThreads(1);
  np.matmul(rng.standardNormal([400, 400]), rng.standardNormal([400, 400]));
  assert.is(parallelProductCount(), before, 'one thread: nothing is split');
  assert.is(np.getNumThreads(), 1);
  np.setNumThreads(2);
});

test('setNumThreads rejects what is not a positive integer', () => {
  assert.throws(() => np.setNumThreads(0), /setNumThreads: expected a positive integer, got 0/);
  assert.throws(() => np.setNumThreads(1.5), /got 1.5/);
});

test('np.linalg results do not depend on the thread count (blocked QR, SVD)', () => {
  const X = rng.standardNormal([3000, 70]);
  const one = () => { const { U, S, Vh } = np.linalg.svd(X, { fullMatrices: false }); return [U, S, Vh]; };
  np.setNumThreads(1);
  const a = one();
  np.setNumThreads(2);
  const b = one();
  for (let i = 0; i < 3; i++) assert.ok(np.arrayEqualSync(a[i], b[i]));
});

/** A parallelFor body: out[i] = i² + seed for i in from..to-1 (uses only its arguments). */
function squares(from: number, to: number, seed: number, out: Float64Array): void {
  for (let i = from; i < to; i++) out[i] = i * i + seed;
}

test('parallelFor runs every item exactly once, on both threads, for odd counts and alignments', () => {
  np.setNumThreads(2);
  for (const [n, align] of [[10001, 1], [10001, 2], [20000, 64], [9999, 4096]]) {
    const out = sharedFloat64(n).fill(-1);
    const before = parallelProductCount();
    parallelFor(n, 1000, squares, [], [3, out], align);
    assert.is(parallelProductCount() - before, 1, `n=${n}: split`);
    assert.ok(out.every((v, i) => v === i * i + 3), `n=${n}, align=${align}: every item written once`);
  }
  const small = new Float64Array(10);
  parallelFor(10, 1000, squares, [], [1, small]);
  assert.equal(Array.from(small), Array.from({ length: 10 }, (_, i) => i * i + 1), 'below minItems: on this thread');
});

test('a share that throws in a worker is redone on the calling thread', () => {
  const out = sharedTyped(Int32Array, 20000), failures = sharedTyped(Int32Array, 4096);
  /** The first run of a share not starting at 0 (the worker's) throws; the retry succeeds. */
  function flaky(from: number, to: number, o: Int32Array, fails: Int32Array): void {
    if (from > 0 && Atomics.add(fails, 0, 1) === 0) throw new Error('worker share fails');
    for (let i = from; i < to; i++) o[i] = 7;
  }
  parallelFor(20000, 1000, flaky, [], [out, failures]);
  assert.is(failures[0], 2, 'the worker failed once, the retry ran');
  assert.ok(out.every((v) => v === 7));
});

/** An estimator fitted on one thread and on two, and whether the second fit split any work. */
async function fitBothWays<E>(fit: () => Promise<E>): Promise<[E, E, boolean]> {
  np.setNumThreads(1);
  const a = await fit();
  np.setNumThreads(2);
  const before = parallelProductCount();
  const b = await fit();
  return [a, b, parallelProductCount() > before];
}

test('KMeans gives the same labels, centers and inertia on one thread and on two', async () => {
  const [X] = makeBlobs({ nSamples: 30001, nFeatures: 5, centers: 6, clusterStd: 3, randomState: 3 });
  const [a, b, split] = await fitBothWays(() => new KMeans({ nClusters: 6, nInit: 1, randomState: 0 }).fit(X));
  assert.ok(split, 'the E-steps were split');
  assert.ok(np.arrayEqualSync(a.labels_ as NDArray, b.labels_ as NDArray));
  assert.ok(np.arrayEqualSync(a.clusterCenters_ as NDArray, b.clusterCenters_ as NDArray));
  assert.is(a.inertia_, b.inertia_);
  assert.is(a.nIter_, b.nIter_);
});

test('Ridge (normal equations summed in fixed chunks) gives the same coef_ on one thread and on two', async () => {
  const rs = new np.random.RandomState(4);
  const X = rs.standardNormal([30001, 7]), y = rs.standardNormal([30001, 2]), w = rs.uniform(0.5, 2, [30001]);
  const [a, b, split] = await fitBothWays(() => new Ridge({ alpha: 0.3 }).fit(X, y, w));
  assert.ok(split, 'the Gram matrix was split');
  assert.ok(np.arrayEqualSync(a.coef_ as NDArray, b.coef_ as NDArray));
  assert.ok(np.arrayEqualSync(a.intercept_ as NDArray, b.intercept_ as NDArray));
});

test.run();
