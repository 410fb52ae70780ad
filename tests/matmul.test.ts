// matmul, dot, inner, outer, vdot and tensordot against NumPy 1.24 (fixtures from tests/oracle/matmul.py).
// Large inputs come from a formula both sides evaluate (values k/8, so products are exact in float32
// and float64) and large outputs are compared through an exact weighted checksum plus a sample;
// small random inputs compare every element normwise to 1e-12 (float64) or 1e-5 (float32).
// Integer and bool results must be identical (int32 and uint8 wrap around as in NumPy).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { NDArray } from '../ndarray/ndarray.ts';
import { allocTyped, type DType } from '../ndarray/dtype.ts';
import fx from './fixtures/matmul.json';
import { decodeNumber as decode } from './fixture-values.ts';

type Op = [string, unknown];
type Input = { gen?: number; data?: (number | string)[]; shape: number[]; dtype: string; ops: Op[] };
type Output = { shape: number[]; dtype: string; data?: (number | string)[]; sample?: { every: number; values: (number | string)[] }; checksum?: number };
type Case = { name: string; fn: string; a: Input; b: Input; options: { axes?: number | [number[], number[]] }; out: Output };
type ErrorCase = { fn: string; a: number[]; b: number[]; options: { axes?: number | [number[], number[]] }; error: string; message: string };

/** The oracle's formula: element i is ((i*mul + add) % 61 - 30) / 8 (ints without / 8, bool: odd). */
function gen(shape: number[], dtype: DType, seed: number): NDArray {
  const size = shape.reduce((p, d) => p * d, 1);
  const [mul, add] = [7 + 2 * seed, 3 * seed + 1];
  const data = allocTyped(dtype, size);
  for (let i = 0; i < size; i++) {
    const v = ((i * mul + add) % 61) - 30;
    data[i] = dtype === 'bool' ? +(v % 2 !== 0) : dtype.startsWith('float') ? v / 8 : v;
  }
  return np.NDArray.fromTyped(data, shape, dtype);
}

/** The view operations the oracle applied, in order. */
function applyOps(x: NDArray, ops: Op[]): NDArray {
  for (const [kind, arg] of ops) {
    if (kind === 'T') x = x.T;
    else if (kind === 'flip') x = np.flip(x, { axis: arg as number });
    else if (kind === 'transpose') x = x.transpose(arg as number[]);
    else if (kind === 'reshape') x = x.reshape(arg as number[]);
    else if (kind === 'slice') x = x.get(...(arg as string[]));
    else if (kind === 'broadcast') x = np.broadcastTo(x, arg as number[]);
    else throw new Error(`unknown op ${kind}`);
  }
  return x;
}

function input(spec: Input): NDArray {
  const dtype = spec.dtype as DType;
  const base = spec.data
    ? np.array(spec.data.map(decode), { dtype }).reshape(spec.shape)
    : gen(spec.shape, dtype, spec.gen as number);
  return applyOps(base, spec.ops);
}

function run(fn: string, a: NDArray, b: NDArray, options: Case['options']): NDArray {
  switch (fn) {
    case 'matmul': return np.matmul(a, b);
    case 'dot': return np.dot(a, b);
    case 'inner': return np.inner(a, b);
    case 'outer': return np.outer(a, b);
    case 'vdot': return np.vdot(a, b);
    case 'tensordot': return np.tensordot(a, b, options);
    default: throw new Error(`unknown function ${fn}`);
  }
}

/** |actual - expected| <= tol * max|expected| for floats (NaN/inf in the same places); exact otherwise. */
function compareValues(actual: number[], expected: number[], dtype: string, what: string): void {
  assert.is(actual.length, expected.length, `${what}: size`);
  const tol = dtype === 'float32' ? 1e-5 : dtype === 'float64' ? 1e-12 : 0;
  const scale = Math.max(1, ...expected.filter(Number.isFinite).map(Math.abs));
  for (let i = 0; i < expected.length; i++) {
    const [x, e] = [actual[i], expected[i]];
    const ok = Number.isFinite(e) ? Math.abs(x - e) <= tol * scale : Object.is(x, e);
    if (!ok) assert.unreachable(`${what}[${i}]: ${x} vs NumPy ${e} (tolerance ${tol} x ${scale})`);
  }
}

function check(r: NDArray, out: Output, what: string): void {
  assert.equal([...r.shape], out.shape, `${what}: shape`);
  assert.is(r.dtype, out.dtype, `${what}: dtype`);
  const flat = Array.from(r.dataSync());
  if (out.data) return compareValues(flat, out.data.map(decode), out.dtype, what);
  const { every, values } = out.sample!;
  compareValues(flat.filter((_, i) => i % every === 0), values.map(decode), out.dtype, `${what} (sample)`);
  // sum_i out[i] * ((i % 7) - 3): exact for the formula inputs, so any wrong element shows.
  let sum = 0, mag = 0;
  flat.forEach((v, i) => { sum += v * ((i % 7) - 3); mag += Math.abs(v * ((i % 7) - 3)); });
  assert.ok(Math.abs(sum - out.checksum!) <= 1e-12 * Math.max(1, mag), `${what}: checksum ${sum} vs NumPy ${out.checksum}`);
}

test('worked example: [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] is [[19, 22], [43, 50]], as NumPy gives', () => {
  assert.equal(np.matmul(np.array([[1, 2], [3, 4]]), np.array([[5, 6], [7, 8]])).toArraySync(), [[19, 22], [43, 50]]);
});

for (const c of fx.cases as unknown as Case[]) {
  test(`${c.fn}: ${c.name}`, () => {
    np.tidy(() => check(run(c.fn, input(c.a), input(c.b), c.options), c.out, c.name));
  });
}

for (const e of fx.errors as unknown as ErrorCase[]) {
  test(`${e.fn} error: ${JSON.stringify(e.a)} ${JSON.stringify(e.b)} ${JSON.stringify(e.options)}`, () => {
    np.tidy(() => {
      try {
        run(e.fn, np.ones(e.a), np.ones(e.b), e.options);
      } catch (err) {
        assert.is((err as Error).name, e.error);
        assert.is((err as Error).message, e.message);
        return;
      }
      assert.unreachable(`expected ${e.error}: ${e.message}`);
    });
  });
}

test('NDArray methods: a.matmul(b), a.dot(b), and nested arrays as operands', () => {
  np.tidy(() => {
    const a = np.array([[1, 2], [3, 4]]);
    assert.equal(a.matmul([[5], [6]]).toArraySync(), [[17], [39]]);
    assert.equal(a.dot([1, 1]).toArraySync(), [3, 7]);
    assert.equal(np.matmul([1, 2], [[1, 0], [0, 1]]).toArraySync(), [1, 2]);
    assert.equal(np.dot(2, a).toArraySync(), [[2, 4], [6, 8]]);
  });
});

test('no arrays leak: intermediates (casts, reshapes, 1-D promotion) are disposed', () => {
  const before = np.memory().cpu.arrays;
  const a = np.ones([2, 3, 4], { dtype: 'float32' });
  const b = np.ones([3, 4, 5], { dtype: 'int32' });
  const [a0, b0] = [a.get(0), b.get(0)];
  const results = [np.matmul(a0, b0), np.dot(a, b), np.inner(a, a), np.tensordot(a, b, { axes: [[1, 2], [0, 1]] }),
    np.outer([1, 2], [3]), np.vdot(a, a), np.matmul([1, 2, 3], [1, 2, 3])];
  [...results, a0, b0, a, b].forEach((r) => r.dispose());
  assert.is(np.memory().cpu.arrays, before);
});

test('blocked kernel equals a naive loop on random data across every block edge (float64)', () => {
  np.tidy(() => {
    const [m, k, n] = [133, 261, 1029];
    const rand = (size: number) => Float64Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const [x, y] = [rand(m * k), rand(k * n)];
    const r = np.matmul(np.NDArray.fromTyped(x, [m, k], 'float64'), np.NDArray.fromTyped(y, [k, n], 'float64')).dataSync();
    let worst = 0;
    for (let i = 0; i < m; i += 11) {
      for (let j = 0; j < n; j += 7) {
        let s = 0;
        for (let p = 0; p < k; p++) s += x[i * k + p] * y[p * n + j];
        worst = Math.max(worst, Math.abs(s - r[i * n + j]));
      }
    }
    assert.ok(worst < 1e-12, `max error ${worst}`);
  });
});

test.run();
