// np.random speed: millions of values per second for 1M draws of normal, rand and randint(0, 100),
// against NumPy's legacy RandomState (the same algorithms, in C; timed in a /usr/bin/python3
// subprocess when NumPy is available). tessera's normals also pay for glibc's log emulated in JS
// (an exact fused multiply-add is ~10 flops), the price of matching NumPy bit for bit.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import '../ndarray/index.ts';
import { RandomState } from '../ndarray/random/index.ts';

const N = 1_000_000;
const CASES = {
  normal: { ts: (r: RandomState) => r.normal(0, 1, N), py: 'r.normal(0, 1, N)' },
  rand: { ts: (r: RandomState) => r.rand(N), py: 'r.rand(N)' },
  randint: { ts: (r: RandomState) => r.randint(0, 100, N), py: 'r.randint(0, 100, N)' },
} as const;
type Case = keyof typeof CASES;

/** Median wall time (ms) of `runs` calls after one warm-up. */
function time(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return times[times.length >> 1];
}

/** NumPy's median times (ms) per case, or null when /usr/bin/python3 with NumPy is missing. */
function numpyTimes(): Record<Case, number> | null {
  if (!existsSync('/usr/bin/python3')) return null;
  const lines = Object.entries(CASES).map(([name, c]) =>
    `f = lambda: ${c.py}\nf()\nts = sorted(timeit.repeat(f, number=1, repeat=5))\nout['${name}'] = ts[2] * 1000`);
  const script = ['import json, timeit', 'import numpy as np', `N = ${N}`, 'r = np.random.RandomState(0)', 'out = {}', ...lines, 'print(json.dumps(out))'].join('\n');
  const res = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
  if (res.status !== 0) {
    console.log(`NumPy not available (${res.stderr.trim().split('\n').pop()}); skipping it`);
    return null;
  }
  return JSON.parse(res.stdout) as Record<Case, number>;
}

const r = new RandomState(0);
const ours = Object.fromEntries(Object.entries(CASES).map(([name, c]) => [name, time(() => c.ts(r))])) as Record<Case, number>;
const theirs = numpyTimes();
const rate = (ms: number): string => (N / ms / 1000).toFixed(1).padStart(10);

console.log(`1M draws, millions of values per second (median of 5 runs)`);
console.log(`${'op'.padEnd(10)}${'tessera'.padStart(10)}${theirs ? 'NumPy'.padStart(10) + 'NumPy faster by'.padStart(16) : ''}`);
for (const name of Object.keys(CASES) as Case[]) {
  const row = `${name.padEnd(10)}${rate(ours[name])}`;
  console.log(theirs ? `${row}${rate(theirs[name])}${(ours[name] / theirs[name]).toFixed(1).padStart(15)}x` : row);
}
