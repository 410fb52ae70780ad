// The WebAssembly SIMD sums (ndarray/cpu/wasm/reduce*.ts) against the TypeScript pairwise sums they
// stand in for: first the kernel called by hand, then sums of float32 and float64 data with a wide
// range of magnitudes (so any change in the order of the additions changes the bits), at lengths
// around the pairwise blocks (8, 128) and chunks (8192), along contiguous, strided and kept axes.
// The two paths must give the same bits (NaNs only need to be NaN).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { NDArray } from '../ndarray/ndarray.ts';
import { getCpuKernels, mainThreadStreams, setCpuKernels } from '../ndarray/cpu/wasm/kernels.ts';
import { REGIONS } from '../ndarray/cpu/wasm/staging.ts';
import { pairwiseSum, pairwiseSum32 } from '../ndarray/cpu/pairwise.ts';
import { arrayOf, assertSameBits } from './wasm-fixtures.ts';

const DTYPES = ['float64', 'float32'] as const;
const LENGTHS = [1, 3, 7, 8, 9, 31, 32, 33, 127, 128, 129, 255, 1000, 4095, 4097, 8192, 8193, 100003];
const initial = getCpuKernels();

test('worked example: sum_float64 adds 1..10 staged in memory.x', () => {
  const { heap, sums } = mainThreadStreams();
  heap.float64.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], REGIONS.x / 8);
  assert.is(sums.float64(REGIONS.x, 10), 55);
});

/** `n` numbers of magnitudes 1e-6 .. 1e6 and both signs, with some -0 and subnormals: finite, so
 *  the sum is a number whose last bits depend on the order of the additions. */
function wideRange(n: number, seed: number, dtype: (typeof DTYPES)[number], shape: number[] = [n]): NDArray {
  const x = arrayOf(n, seed, 'float64').dataSync() as Float64Array;
  const finite = x.map((v, i) => (Number.isFinite(v) && Math.abs(v) < 1e30 ? v : (i % 7) - 3.25));
  return np.NDArray.fromTyped(finite, shape, 'float64').astype(dtype);
}

test('the kernel adds in pairwise.ts order at every length up to two chunks', () => {
  const { heap, sums } = mainThreadStreams();
  for (const dtype of DTYPES) {
    const data = wideRange(8192, 1, dtype).dataSync();
    heap[dtype].set(data, REGIONS.x / data.BYTES_PER_ELEMENT);
    for (let n = 1; n <= 8192; n += n < 300 ? 1 : 97) {
      const ts = dtype === 'float64' ? pairwiseSum(data, 0, n, 1) : pairwiseSum32(data, 0, n, 1);
      assert.ok(Object.is(sums[dtype](REGIONS.x, n), ts), `${dtype} n=${n}`);
    }
  }
});

for (const dtype of DTYPES) {
  test(`${dtype}: sums of 1-D arrays of odd lengths give the TypeScript bits`, () => {
    for (const n of LENGTHS) {
      const x = wideRange(n, 2, dtype);
      assertSameBits(`sum n=${n}`, () => np.sum(x));
      assertSameBits(`sum x[::-1] n=${n}`, () => np.sum(x.get('::-1')));
      assertSameBits(`sum x[::3] n=${n}`, () => np.sum(x.get('::3')));
    }
  });

  test(`${dtype}: sums with NaN, ±Inf and -0 give the TypeScript bits`, () => {
    for (const n of [9, 200, 8193]) assertSameBits(`sum specials n=${n}`, () => np.sum(arrayOf(n, 3, dtype)));
    assertSameBits('sum of -0s', () => np.sum(np.full([300], -0, { dtype })));
    assertSameBits('sum axis 0 of -0s', () => np.sum(np.full([300, 70], -0, { dtype }), { axis: 0 }));
  });

  test(`${dtype}: sums along each axis of 2-D and 3-D arrays and their views give the TypeScript bits`, () => {
    const m = wideRange(300 * 257, 4, dtype, [300, 257]);
    const t = wideRange(20 * 130 * 70, 5, dtype, [20, 130, 70]);
    const views: [string, NDArray][] = [['m', m], ['m.T', m.T], ['m[:, ::2]', m.get(':', '::2')], ['m[::-1]', m.get('::-1')], ['m[1:, 3:]', m.get('1:', '3:')]];
    for (const [what, v] of views) {
      for (const axis of [0, 1, null]) assertSameBits(`sum ${what} axis=${axis}`, () => np.sum(v, { axis }));
    }
    for (const axis of [0, 1, 2, [0, 1], [0, 2], [1, 2], null]) assertSameBits(`sum t axis=${axis}`, () => np.sum(t, { axis }));
  });

  test(`${dtype}: mean, var and a long sum over chunks give the TypeScript bits`, () => {
    const x = wideRange(3 * 20000, 6, dtype, [3, 20000]);
    for (const axis of [0, 1, null]) {
      assertSameBits(`mean axis=${axis}`, () => np.mean(x, { axis }));
      assertSameBits(`var axis=${axis}`, () => np.var(x, { axis }));
    }
  });
}

test('sums into another dtype stay on the TypeScript loop and are right', () => {
  const x = wideRange(5000, 7, 'float32');
  assertSameBits('float32 summed in float64', () => np.sum(x, { dtype: 'float64' }));
});

test.after(() => { setCpuKernels(initial); });

test.run();
