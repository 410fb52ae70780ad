// Shared helpers for the bench/*.bench.ts programs: a timer that reports the median of several runs
// after a warm-up (the first call pays for JIT compilation), and deterministic input data.
// The median resists the noise of a shared 2-core machine better than the mean or the minimum.

/** Median wall time (ms) of `fn` over runs taking together about `budgetMs` (at least `minRuns`,
 *  at most 25), after one warm-up call. */
export function time(fn: () => unknown, budgetMs = 1000, minRuns = 3): number {
  fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < 25)) {
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
