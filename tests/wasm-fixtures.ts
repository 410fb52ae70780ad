// Shared by the Wasm kernel tests (wasm-elementwise, wasm-compare, wasm-reduce): deterministic data full of the
// numbers that tell float kernels apart (NaN, ±Inf, -0, subnormals, halves, huge and tiny values) and
// a check that the TypeScript and the Wasm kernels give a computation the same bits.
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { NDArray } from '../ndarray/ndarray.ts';
import { setCpuKernels, type CpuKernels } from '../ndarray/cpu/wasm/kernels.ts';

export type FloatDType = 'float64' | 'float32';

/** Special values first (so short rows meet them too), then a mix of them and random numbers. */
const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 5e-324, -1e-310, 1.4e-45, -1e-40, 0.5, -0.5, 1.5, 2.5, -2.5, 3, 1e300, -1e38, 4e38];

/** `n` deterministic test numbers (an LCG picks a special value one time in four). */
export function testData(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < n; i++) {
    const u = next();
    out[i] = i < SPECIALS.length ? SPECIALS[i] : u < 0.25 ? SPECIALS[Math.floor(next() * SPECIALS.length)] : (next() - 0.5) * 10 ** Math.floor(next() * 12 - 6);
  }
  return out;
}

export function arrayOf(n: number, seed: number, dtype: FloatDType, shape: number[] = [n]): NDArray {
  return np.NDArray.fromTyped(testData(n, seed), shape, 'float64').astype(dtype);
}

/** Two arrays of `n` test numbers that often meet: b repeats a every third element and is -a
 *  every seventh (so ties, +0 against -0 and NaN against NaN come up), else its own numbers. */
export function pairOf(n: number, seed: number, dtype: FloatDType, shape: number[] = [n]): [NDArray, NDArray] {
  const a = testData(n, seed), b = testData(n, seed + 1);
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) b[i] = a[i];
    else if (i % 7 === 0) b[i] = -a[i];
  }
  return [a, b].map((d) => np.NDArray.fromTyped(d, shape, 'float64').astype(dtype)) as [NDArray, NDArray];
}

/** A bool array of `n` deterministic values, about half of them true. */
export function maskOf(n: number, seed: number, shape: number[] = [n]): NDArray {
  return np.NDArray.fromTyped(Uint8Array.from(testData(n, seed), (v) => (v > 0 ? 1 : 0)), shape, 'bool');
}

/** The index of the first element whose bits differ (NaN matches any NaN), or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Runs `f` on both kernel sets and checks that the results have the same bits. */
export function assertSameBits(what: string, f: () => NDArray): void {
  const run = (k: CpuKernels) => {
    setCpuKernels(k);
    const r = f();
    return { dtype: r.dtype, shape: r.shape, data: r.dataSync().slice() };
  };
  const [ts, wasm] = [run('ts'), run('wasm')];
  assert.equal(wasm.shape, ts.shape, `${what}: shape`);
  assert.is(wasm.dtype, ts.dtype, `${what}: dtype`);
  const i = firstDifference(ts.data, wasm.data);
  assert.is(i, -1, `${what}: element ${i}: ts ${ts.data[i]}, wasm ${wasm.data[i]}`);
}
