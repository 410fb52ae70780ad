// The WebAssembly SIMD elementwise kernels (ndarray/cpu/wasm/elementwise*.ts) against the TypeScript
// loops they stand in for: first one kernel called by hand on a staged chunk, then every covered op
// on float32 and float64 data full of NaN, ±Inf, -0, subnormals, halves and ties, at odd lengths, on
// contiguous, strided and broadcast operands. (Comparisons and where: wasm-compare.test.ts.) The two paths must give the same bits (NaNs only need
// to be NaN: their payloads may differ).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { NDArray } from '../ndarray/ndarray.ts';
import { getCpuKernels, mainThreadStreams, setCpuKernels } from '../ndarray/cpu/wasm/kernels.ts';
import { REGIONS } from '../ndarray/cpu/wasm/staging.ts';
import { BINARY_SIMD, UNARY_SIMD } from '../ndarray/cpu/wasm/elementwise-kernel.ts';
import { arrayOf, assertSameBits, pairOf } from './wasm-fixtures.ts';

const initial = getCpuKernels();
const DTYPES = ['float64', 'float32'] as const;
const LENGTHS = [1, 3, 15, 17, 4095, 4097, 8193, 100003];

test('worked example: add_vs_float64 adds memory.y[0] to each number of memory.x', () => {
  const { heap, kernels } = mainThreadStreams();
  const x = REGIONS.x / 8, y = REGIONS.y / 8, o = REGIONS.o / 8;
  heap.float64.set([1, 2, 3, 4], x);
  heap.float64[y] = 0.5;
  kernels.add_vs_float64(4 * 8);
  assert.equal([...heap.float64.subarray(o, o + 4)], [1.5, 2.5, 3.5, 4.5]);
});

type Binary = (a: NDArray, b: NDArray) => NDArray;
const BINARY: Record<string, Binary> = {
  add: np.add, subtract: np.subtract, multiply: np.multiply, divide: np.divide, maximum: np.maximum, minimum: np.minimum, fmax: np.fmax, fmin: np.fmin,
};
type Unary = (x: NDArray) => NDArray;
const UNARY: Record<string, Unary> = {
  negative: np.negative, abs: np.abs, sqrt: np.sqrt, floor: np.floor, ceil: np.ceil, trunc: np.trunc, rint: np.rint, square: np.square,
};

test('the tests cover every op with a Wasm kernel', () => {
  assert.equal(Object.keys(BINARY).sort(), Object.keys(BINARY_SIMD).sort());
  assert.equal(Object.keys(UNARY).sort(), Object.keys(UNARY_SIMD).sort());
});

for (const dtype of DTYPES) {
  test(`${dtype}: binary ops on contiguous operands of odd lengths give the TypeScript bits`, () => {
    for (const n of LENGTHS) {
      const [a, b] = pairOf(n, 1, dtype);
      for (const [name, f] of Object.entries(BINARY)) {
        assertSameBits(`${name} n=${n}`, () => f(a, b));
        assertSameBits(`${name} n=${n}, swapped`, () => f(b, a));
      }
    }
  });

  test(`${dtype}: binary ops with a broadcast row, column or scalar give the TypeScript bits`, () => {
    // rows of 457, past CROSSOVER.minRow: the broadcast rows take the Wasm kernels
    const x = arrayOf(300 * 457, 3, dtype, [300, 457]);
    const row = arrayOf(457, 4, dtype), col = arrayOf(300, 5, dtype, [300, 1]), one = arrayOf(1, 6, dtype);
    const long = arrayOf(100003, 7, dtype);
    for (const [name, f] of Object.entries(BINARY)) {
      assertSameBits(`${name} (300,457) + (457,)`, () => f(x, row));
      assertSameBits(`${name} (300,1) + (300,457)`, () => f(col, x));
      assertSameBits(`${name} (300,457) + (300,1)`, () => f(x, col));
      assertSameBits(`${name} (100003,) + (1,)`, () => f(long, one));
      assertSameBits(`${name} (1,) + (100003,)`, () => f(one, long));
    }
  });

  test(`${dtype}: binary ops on strided, flipped and transposed views give the TypeScript bits`, () => {
    // strided rows of 450 and more, past CROSSOVER.minRow
    const x = arrayOf(120 * 900, 8, dtype, [120, 900]), y = arrayOf(120 * 900, 9, dtype, [120, 900]);
    const cases: [string, NDArray, NDArray][] = [
      ['x[:, ::2] + y[:, 1::2]', x.get(':', '::2'), y.get(':', '1::2')],
      ['x[::-1] + y', x.get('::-1'), y],
      ['x[:, ::-1] + y', x.get(':', '::-1'), y],
      ['x.T + y.T', x.T, y.T],
      ['x[1:] + y[:-1]', x.get('1:'), y.get(':-1')],
    ];
    for (const [what, a, b] of cases) for (const [name, f] of Object.entries(BINARY)) assertSameBits(`${name} ${what}`, () => f(a, b));
  });

  test(`${dtype}: unary ops on contiguous and strided operands give the TypeScript bits`, () => {
    for (const n of LENGTHS) {
      const x = arrayOf(n, 10, dtype);
      for (const [name, f] of Object.entries(UNARY)) assertSameBits(`${name} n=${n}`, () => f(x));
    }
    const m = arrayOf(100 * 1250, 11, dtype, [100, 1250]); // m[:, ::3] has rows of 417, past CROSSOVER.minRow
    for (const [name, f] of Object.entries(UNARY)) {
      assertSameBits(`${name} m[:, ::3]`, () => f(m.get(':', '::3')));
      assertSameBits(`${name} m[1:, 5:]`, () => f(m.get('1:', '5:')));
      assertSameBits(`${name} m.T`, () => f(m.T));
    }
  });
}

test('rint rounds halves to even and keeps the sign of zero on the Wasm kernel', () => {
  setCpuKernels('wasm');
  const x = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, -0.4, 0.4, ...new Array<number>(200).fill(3.5)]);
  const r = [...np.rint(x).dataSync()];
  assert.equal(r.slice(0, 8), [0, 2, 2, -0, -2, -2, -0, 0]);
  assert.ok(Object.is(r[3], -0) && Object.is(r[6], -0));
});

test('maximum and minimum on the Wasm kernel: a NaN on either side wins, ties give b (so signed zeros follow b)', () => {
  setCpuKernels('wasm');
  const pad = new Array<number>(200).fill(1); // long enough for the Wasm row
  const a = np.array([NaN, 1, 0, -0, 2, ...pad]), b = np.array([1, NaN, -0, 0, 2, ...pad]);
  for (const [f, expected] of [[np.maximum, [NaN, NaN, -0, 0, 2]], [np.minimum, [NaN, NaN, -0, 0, 2]], [np.fmax, [1, 1, -0, 0, 2]]] as const) {
    const r = [...f(a, b).dataSync()].slice(0, 5);
    assert.ok(r.every((v, i) => Object.is(v, expected[i])), `${f.name}: ${r}`);
  }
});

test('mixed dtypes and an out of another dtype stay on the TypeScript loop and are right', () => {
  const a = arrayOf(1000, 12, 'float32'), b = arrayOf(1000, 13, 'float64');
  assertSameBits('float32 + float64', () => np.add(a, b));
  assertSameBits('float32 + float32 into float64', () => np.add(a, a, { out: np.zeros([1000], { dtype: 'float64' }) }));
});

test.after(() => { setCpuKernels(initial); });

test.run();
