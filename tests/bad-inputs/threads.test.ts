// np.setNumThreads beyond the cores is capped, with one warning (64 threads on 2 cores made products
// 20-50x slower), and lowering it stops the workers no longer needed; raising it again starts new
// ones, and products stay bit-identical throughout.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { availableParallelism } from 'node:os';
import * as np from '../../ndarray/index.ts';
import { workerCount, parallelProductCount } from '../../ndarray/cpu/threads.ts';

const cores = availableParallelism();

test('more threads than cores are capped at the cores, with a warning naming both numbers', () => {
  const before = np.getNumThreads();
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...a: unknown[]) => { warnings.push(a.join(' ')); };
  try {
    np.setNumThreads(cores + 62);
  } finally {
    console.warn = warn;
  }
  assert.is(np.getNumThreads(), cores);
  assert.is(warnings.length, 1);
  assert.ok(warnings[0].includes(`setNumThreads(${cores + 62})`) && warnings[0].includes(`${cores} core(s)`), warnings[0]);
  np.setNumThreads(before);
});

test('lowering the count stops the workers; raising it starts them again; the same bits either way', async () => {
  if (cores < 2) return; // one core: no workers to start or stop
  np.setNumThreads(2);
  await np.startThreads();
  assert.is(workerCount(), 1);
  const rng = new np.random.RandomState(3);
  const a = rng.normal(0, 1, [300, 300]);
  const b = rng.normal(0, 1, [300, 300]);
  const split = parallelProductCount();
  const two = np.matmul(a, b).dataSync();
  assert.ok(parallelProductCount() > split, 'the product was split over the threads');
  np.setNumThreads(1);
  assert.is(workerCount(), 0, 'the worker was stopped');
  const one = np.matmul(a, b).dataSync();
  np.setNumThreads(2);
  await np.startThreads();
  assert.is(workerCount(), 1, 'a new worker started');
  const again = np.matmul(a, b).dataSync();
  assert.ok(two.every((v, i) => v === one[i] && v === again[i]));
});

test.run();
