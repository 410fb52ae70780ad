// The WebAssembly SIMD comparisons and where (ndarray/cpu/wasm/mask-kernel.ts) against the TypeScript
// loops: first the kernels called by hand on a staged chunk, then every comparison and where on
// float32 and float64 data full of NaN, ±Inf, ±0, subnormals and ties, at odd lengths, on contiguous,
// strided and broadcast operands, and the masked fill `dZ[Z <= 0] = 0` a ReLU's backward step does.
// The two paths must give the same bits.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { NDArray } from '../ndarray/ndarray.ts';
import { getCpuKernels, mainThreadStreams, setCpuKernels } from '../ndarray/cpu/wasm/kernels.ts';
import { REGIONS } from '../ndarray/cpu/wasm/staging.ts';
import { COMPARE_SIMD } from '../ndarray/cpu/wasm/mask-kernel.ts';
import { arrayOf, assertSameBits, maskOf, pairOf } from './wasm-fixtures.ts';

const initial = getCpuKernels();
const DTYPES = ['float64', 'float32'] as const;
const LENGTHS = [1, 3, 15, 17, 4095, 4097, 100003];

test('worked example: lessEqual_vs_float64 writes a 0/1 byte per number of memory.x', () => {
  const { heap, kernels } = mainThreadStreams();
  const x = REGIONS.x / 8, y = REGIONS.y / 8;
  heap.float64.set([-1, 0, -0, 2, NaN], x);
  heap.float64[y] = 0;
  kernels.lessEqual_vs_float64(5 * 8);
  assert.equal([...heap.uint8.subarray(REGIONS.o, REGIONS.o + 5)], [1, 1, 1, 0, 0]);
});

test('worked example: where_sv_float32 takes memory.x[0] where the condition byte is set, else memory.y', () => {
  const { heap, kernels } = mainThreadStreams();
  heap.uint8.set([1, 0, 0, 1, 1], REGIONS.c);
  heap.float32[REGIONS.x / 4] = 0;
  heap.float32.set([10, 20, 30, 40, 50], REGIONS.y / 4);
  kernels.where_sv_float32(5 * 4);
  assert.equal([...heap.float32.subarray(REGIONS.o / 4, REGIONS.o / 4 + 5)], [0, 20, 30, 0, 0]);
});

type Binary = (a: NDArray | number, b: NDArray | number) => NDArray;
const COMPARE: Record<string, Binary> = {
  equal: np.equal, notEqual: np.notEqual, less: np.less, lessEqual: np.lessEqual, greater: np.greater, greaterEqual: np.greaterEqual,
};

test('the tests cover every comparison with a Wasm kernel', () => {
  assert.equal(Object.keys(COMPARE).sort(), Object.keys(COMPARE_SIMD).sort());
});

for (const dtype of DTYPES) {
  test(`${dtype}: comparisons of contiguous operands of odd lengths give the TypeScript bools`, () => {
    for (const n of LENGTHS) {
      const [a, b] = pairOf(n, 1, dtype);
      for (const [name, f] of Object.entries(COMPARE)) {
        assertSameBits(`${name} n=${n}`, () => f(a, b));
        assertSameBits(`${name} n=${n}, a with itself`, () => f(a, a));
      }
    }
  });

  test(`${dtype}: comparisons with a broadcast row, column or scalar, and of strided views, give the TypeScript bools`, () => {
    const [x, y] = pairOf(300 * 257, 3, dtype, [300, 257]);
    const row = arrayOf(257, 4, dtype), col = arrayOf(300, 5, dtype, [300, 1]), one = arrayOf(1, 6, dtype);
    const long = arrayOf(100003, 7, dtype);
    for (const [name, f] of Object.entries(COMPARE)) {
      assertSameBits(`${name} (300,257) (257,)`, () => f(x, row));
      assertSameBits(`${name} (300,1) (300,257)`, () => f(col, x));
      assertSameBits(`${name} (100003,) 0`, () => f(long, 0));
      assertSameBits(`${name} (1,) (100003,)`, () => f(one, long));
      assertSameBits(`${name} (100003,) NaN`, () => f(long, NaN));
      assertSameBits(`${name} x[:, ::2] y[:, ::-2]`, () => f(x.get(':', '::2'), y.get(':', '::-2')));
      assertSameBits(`${name} x.T y.T`, () => f(x.T, y.T));
    }
  });

  test(`${dtype}: where with vector and scalar x and y gives the TypeScript bits`, () => {
    for (const n of LENGTHS) {
      const [a, b] = pairOf(n, 8, dtype), cond = maskOf(n, 9), one = arrayOf(1, 10, dtype), two = arrayOf(1, 11, dtype);
      assertSameBits(`where(c, a, b) n=${n}`, () => np.where(cond, a, b));
      assertSameBits(`where(c, 0, b) n=${n}`, () => np.where(cond, 0, b));
      assertSameBits(`where(c, a, (1,)) n=${n}`, () => np.where(cond, a, one));
      assertSameBits(`where(c, (1,), (1,)) n=${n}`, () => np.where(cond, one, two));
    }
  });

  test(`${dtype}: where with broadcast and strided operands gives the TypeScript bits`, () => {
    const [x, y] = pairOf(300 * 257, 12, dtype, [300, 257]);
    const cond = maskOf(300 * 257, 13, [300, 257]), row = arrayOf(257, 14, dtype);
    assertSameBits('where(c, x, row)', () => np.where(cond, x, row));
    assertSameBits('where(c[0], x, y)', () => np.where(cond.get(0), x, y));
    assertSameBits('where(c[:, :1], x, y)', () => np.where(cond.get(':', ':1'), x, y));
    assertSameBits('where(c[:, ::2], x[:, ::2], y[:, ::-2])', () => np.where(cond.get(':', '::2'), x.get(':', '::2'), y.get(':', '::-2')));
    assertSameBits('where(c.T, x.T, y.T)', () => np.where(cond.T, x.T, y.T));
  });

  test(`${dtype}: the masked fill dZ[Z <= 0] = 0 gives the TypeScript bits`, () => {
    for (const n of [17, 4097, 100003]) {
      const [z, dA] = pairOf(n, 15, dtype);
      assertSameBits(`n=${n}`, () => {
        const dZ = dA.copy();
        dZ.set(np.lessEqual(z, 0), 0);
        return dZ;
      });
    }
  });
}

test('comparisons of mixed dtypes (computed in float64) and into an out of another dtype give the TypeScript bools', () => {
  const a = arrayOf(1000, 16, 'float32'), b = arrayOf(1000, 17, 'float64');
  assertSameBits('float32 < float64', () => np.less(a, b));
  assertSameBits('float64 < float64 into float64', () => np.less(b, b, { out: np.zeros([1000], { dtype: 'float64' }) }));
});

test.after(() => { setCpuKernels(initial); });

test.run();
