// Shared helpers for the bench/*.bench.ts programs: a timer that reports the median of several runs
// after a warm-up (the first call pays for JIT compilation), deterministic input data, and NumPy's
// timings from a /usr/bin/python3 subprocess pinned to one thread like the JS code.
// The median resists the noise of a shared 2-core machine better than the mean or the minimum.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Median wall time (ms) of `fn` over runs taking together about `budgetMs` (at least `minRuns`,
 *  at most `maxRuns`), after one warm-up call. */
export function time(fn: () => unknown, budgetMs = 1000, minRuns = 3, maxRuns = 25): number {
  fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < maxRuns)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return times[times.length >> 1];
}

/** `n` pseudo-random numbers in [0, 1) from a 32-bit LCG (speed does not depend on the values). */
export function uniform(n: number, seed = 12345): Float64Array {
  const a = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 32;
  }
  return a;
}

/** `time` for work that returns a Promise (an estimator's fit): the median of `runs` awaited calls
 *  after one warm-up. */
export async function timeAsync(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return times[times.length >> 1];
}

/** A NumPy timing script: `body` calls run(key, f), which stores in `out[key]` f's median time (ms)
 *  over `repeats` rounds of timeit's autorange count; the script prints `out` as JSON. */
export function numpyScript(body: string, repeats = 5): string {
  const prelude = `
import json, statistics, timeit
import numpy as np
out = {}
def run(key, f):
    t = timeit.Timer(f); n, _ = t.autorange()
    out[key] = statistics.median(t.repeat(${repeats}, n)) / n * 1000
`;
  return `${prelude}${body}\nprint(json.dumps(out))`;
}

/** The JSON a NumPy `script` prints (run with `args` as sys.argv[1:], BLAS pinned to one thread), or
 *  null, with the reason on stderr, when /usr/bin/python3 or numpy is missing or the script fails. */
export function numpyTimes<T>(script: string, args: string[] = []): T | null {
  if (!existsSync('/usr/bin/python3')) return null;
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const r = spawnSync('/usr/bin/python3', ['-I', '-c', script, ...args], { encoding: 'utf8', env });
  if (r.status !== 0) {
    console.error(`NumPy timings skipped: ${r.stderr?.trim().split('\n').pop() || r.error}`);
    return null;
  }
  return JSON.parse(r.stdout) as T;
}
