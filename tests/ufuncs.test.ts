// Every ufunc of ndarray/ops.ts against NumPy 1.24 (tests/oracle/ufuncs.py) on every dtype, with
// NaN, ±inf, -0, negative numbers and integers at their limits (overflow wraps); then round, clip,
// where, isclose/allclose, arrayEqual, sharesMemory, interp, strided and negative-step operands,
// views as `out`, overlapping in-place updates, and the CPU kernels' bookkeeping (no leaks).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { BINARY_OPS, UNARY_OPS } from '../ndarray/ops.ts';
import { type Encoded, type NpError, checkArray, checkError, decode, fromEncoded } from './ufuncs-fixtures.ts';
import values from './fixtures/ufuncs_values.json';
import misc from './fixtures/ufuncs_misc.json';

type Case = { op: string; out?: Encoded; error?: NpError; numpy_dtype?: string };
type Fn = (...xs: np.NDArray[]) => np.NDArray;
const fn = (name: string): Fn => (np as unknown as Record<string, Fn>)[name];

/** Transcendental results may differ from NumPy's by up to 2 ulp (JS's Math vs glibc, and NumPy's own
 *  float32 SIMD loops; measured: 1-2 ulp); everything else must be bit-exact, the sign of zero included. */
const APPROX = new Set(['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'arcsin', 'arccos',
  'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh', 'arctan2', 'hypot', 'power', 'logaddexp', 'logaddexp2']);
const maxUlps = (op: string): number => (APPROX.has(op) ? 2 : 0);
/** logaddexp2(-0.999, -1) = -0.999 + 0.9995 cancels: NumPy's float32 loop keeps the float32 rounding of
 *  each step (an error of about eps * max(|a|, |b|)), tessera's formula runs in double precision. */
const CANCELS: Record<string, number> = { logaddexp2: 2 };

function check(c: Case, inputs: Encoded[], label: string): void {
  const xs = inputs.map((e) => fromEncoded(e));
  if (c.error) return checkError(() => fn(c.op)(...xs), c.error, label);
  checkArray(fn(c.op)(...xs), c.out as Encoded, label, maxUlps(c.op), true, CANCELS[c.op] ?? 0);
}

test('worked example: int8 127 + 1 wraps to -128; floor_divide, mod and fmod of ±7 by 2; sqrt(-1) is NaN; round halves to even', () => {
  // np.add(np.array([127], dtype=np.int8), np.int8(1)).tolist() -> [-128]
  assert.equal(np.add(np.array([127], { dtype: 'int8' }), np.array(1, { dtype: 'int8' })).toArraySync(), [-128]);
  // np.floor_divide([-7, 7], 2).tolist(), np.mod([-7, 7], 2).tolist(), np.fmod([-7, 7], 2).tolist() -> [-4, 3] [1, 1] [-1, 1]
  assert.equal(np.floorDivide([-7, 7], 2).toArraySync(), [-4, 3]);
  assert.equal(np.mod([-7, 7], 2).toArraySync(), [1, 1]);
  assert.equal(np.fmod([-7, 7], 2).toArraySync(), [-1, 1]);
  // np.sqrt([4., -1.]).tolist(), np.round([0.5, 1.5, 2.5]).tolist() -> [2.0, nan] [0.0, 2.0, 2.0]
  assert.equal(np.sqrt([4, -1]).toArraySync(), [2, NaN]);
  assert.equal(np.round([0.5, 1.5, 2.5]).toArraySync(), [0, 2, 2]);
});

test('the fixtures cover every op of the table', () => {
  const covered = new Set([...values.unary, ...values.binary].map((c) => c.op));
  for (const name of [...UNARY_OPS.keys(), ...BINARY_OPS.keys()]) assert.ok(covered.has(name), name);
});

test('unary ufuncs match NumPy on every dtype', () => {
  for (const c of values.unary as (Case & { x: Encoded })[]) check(c, [c.x], `${c.op}(${c.x.dtype})`);
});

test('binary ufuncs match NumPy on every dtype', () => {
  for (const c of values.binary as (Case & { a: Encoded; b: Encoded })[]) check(c, [c.a, c.b], `${c.op}(${c.a.dtype})`);
});

const enc = (x: { shape: number[]; dtype: string; data: (number | string)[] }): Encoded => x;

test('round: halves to even at any number of decimals, like np.round', () => {
  for (const c of misc.round) {
    checkArray(np.round(fromEncoded(c.x), { decimals: c.decimals }), enc(c.out), `round(${c.x.dtype}, ${c.decimals})`);
  }
  checkArray(fromEncoded(misc.round[2].x).round(), enc(misc.round[2].out), 'method round()');
});

test('clip: either bound may be null; NaN stays NaN', () => {
  for (const c of misc.clip) checkArray(np.clip(fromEncoded(c.x), c.min, c.max), enc(c.out), `clip(${c.min}, ${c.max})`);
  checkError(() => np.clip([1, 2], null, null), 'One of max or min must be given', 'clip(null, null)');
  assert.equal(np.clip([1, 5, 9], 2, 6).toArraySync(), [2, 5, 6]);
  assert.is(np.clip(np.array([1, 5], { dtype: 'uint8' }), 2, 3).dtype, 'uint8');
});

test('isclose and allclose: |a - b| <= atol + rtol*|b|, inf only close to itself, NaN with equalNan', async () => {
  for (const c of misc.isclose) {
    const o = c.options as { rtol?: number; atol?: number; equal_nan?: boolean };
    const options = { rtol: o.rtol, atol: o.atol, equalNan: o.equal_nan };
    const [a, b] = [fromEncoded(c.a), fromEncoded(c.b)];
    checkArray(np.isclose(a, b, options), enc(c.out), `isclose ${JSON.stringify(o)}`);
    const [a2, b2] = [a.dataSync().slice(0, 2), b.dataSync().slice(0, 2)];
    assert.is(await np.allclose(a2, b2, options), c.allclose, `allclose ${JSON.stringify(o)}`);
    assert.is(np.allcloseSync(a2, b2, options), c.allclose);
  }
  assert.is(np.allcloseSync([1, 2], [1, 2.00001]), true);
  assert.is(np.allcloseSync(np.array([1, 2], { dtype: 'int32' }), [[1, 2], [1, 2]]), true, 'broadcasts, ints');
});

test('arrayEqual: same shape and values (no broadcasting)', async () => {
  for (const c of misc.array_equal) {
    const a = np.array(c.a.map(decode)).reshape(c.a_shape);
    const b = np.array(c.b.map(decode)).reshape(c.b_shape);
    const options = { equalNan: (c.options as { equal_nan?: boolean }).equal_nan };
    assert.is(await np.arrayEqual(a, b, options), c.out, JSON.stringify(c));
    assert.is(np.arrayEqualSync(a, b, options), c.out, JSON.stringify(c));
  }
});

test('sharesMemory is exact (a[::2] and a[1::2] share none); mayShareMemory only compares extents', () => {
  const base = np.arange(64).astype('float64');
  for (const c of misc.shares_memory) {
    const [x, y] = [c.a, c.b].map(([shape, strides, offset]) => base.view(shape as number[], strides as number[], offset as number));
    assert.is(np.sharesMemory(x, y), c.out, JSON.stringify(c));
    assert.is(np.sharesMemory(y, x), c.out);
    if (c.out) assert.ok(np.mayShareMemory(x, y));
  }
  assert.is(np.sharesMemory(base, base.copy()), false);
  assert.is(np.sharesMemory(base, [1, 2]), false);
  assert.is(np.mayShareMemory(base.view([12], [2], 0), base.view([12], [2], 1)), true);
});

test('interp: linear between the points, left/right outside, NaN stays NaN', () => {
  for (const c of misc.interp) {
    checkArray(np.interp(c.x.map(decode), c.xp, c.fp, c.options), enc(c.out), `interp ${JSON.stringify(c.options)}`);
  }
  assert.equal(np.interp(2.5, [1, 2, 3], [3, 2, 0]).toArraySync(), 1);
  checkError(() => np.interp([1], [1, 2], [1]), 'fp and xp are not of the same length.', 'interp lengths');
});

test('strided, transposed and negative-step operands, and views as out', () => {
  const s = misc.strided;
  const a = np.arange(12).astype('float64').reshape([3, 4]);
  const b = np.subtract(np.multiply(a, 10), 7);
  checkArray(np.add(np.flip(a, { axis: 0 }), a), enc(s.flip0_plus_a), 'flip(a, 0) + a');
  checkArray(np.multiply(a.T, b.T), enc(s.aT_times_bT), 'a.T * b.T');
  checkArray(np.subtract(np.flip(a).T, [1, 2, 3]), enc(s.flipT_minus_row), 'flip(a).T - row');
  checkArray(np.exp(np.divide(np.flip(a, { axis: 1 }), 10)), enc(s.exp_flip), 'exp(flip(a, 1) / 10)', 2);
  const outT = np.zeros([4, 3]);
  np.add(a, b, { out: outT.T });
  checkArray(outT, enc(s.out_T), 'out=zeros((4,3)).T');
  const outFlip = np.zeros([3, 4]);
  assert.is(np.add(a, 1, { out: np.flip(outFlip) }).base, outFlip);
  checkArray(outFlip, enc(s.out_flip), 'out=flip(zeros)');
});

test('in place with overlapping operands reads the inputs before writing, as NumPy does', () => {
  const s = misc.strided;
  const v = np.arange(10).astype('float64');
  v.view([9], [1], 1).iadd(v.view([9], [1], 0)); // v[1:] += v[:-1]
  checkArray(v, enc(s.shift_iadd), 'v[1:] += v[:-1]');
  const w = np.arange(10).astype('float64');
  np.add(w, np.flip(w), { out: w });
  checkArray(w, enc(s.flip_iadd), 'w += flip(w)');
  const m = np.arange(9).astype('float64').reshape([3, 3]);
  m.iadd(m.T);
  checkArray(m, enc(s.T_iadd), 'm += m.T');
  const r = np.arange(9).astype('float64').reshape([3, 3]);
  r.iadd(r.view([3], [1], 0)); // r += r[0]
  checkArray(r, enc(s.row_iadd), 'r += r[0]');
  const u = np.arange(6);
  u.view([3], [2], 0).imul(u.view([3], [2], 1)); // u[::2] *= u[1::2]
  checkArray(u, enc(s.step_imul), 'u[::2] *= u[1::2]');
});

test('integer overflow wraps; ints to negative powers throw', () => {
  assert.equal(np.add(np.array([127], { dtype: 'int8' }), np.array([1], { dtype: 'int8' })).toArraySync(), [-128]);
  assert.equal(np.multiply(np.array([65536], { dtype: 'int32' }), np.array([65536], { dtype: 'int32' })).toArraySync(), [0]);
  assert.equal(np.array([250], { dtype: 'uint8' }).iadd(10).toArraySync(), [4]);
  checkError(() => np.power(np.array([2]), np.array([-1])), 'Integers to negative integer powers are not allowed.', 'int ** -1');
  assert.equal(np.array([2, 3]).ipow(2).toArraySync(), [4, 9]);
  assert.equal(np.array([-7, 7]).imod(3).toArraySync(), [2, 1]);
});

test('ufuncs accept nested arrays, typed arrays and numbers, and return 0-d arrays for scalars', () => {
  assert.equal(np.add([[1], [2]], new Float32Array([10, 20])).toArraySync(), [[11, 21], [12, 22]]);
  assert.is(np.add(new Float32Array([1]), 1).dtype, 'float32');
  const r = np.multiply(3, 4);
  assert.equal([r.shape, r.dtype, r.toArraySync()], [[], 'int32', 12]);
  assert.equal(np.sqrt(4).toArraySync(), 2);
  assert.equal(np.where([true, false, true], 1, [5, 6, 7]).toArraySync(), [1, 6, 1]);
  assert.is(np.where([true], 1, 0.5).dtype, 'float64');
  checkError(() => (np.where as (c: unknown) => unknown)([true]), 'where(cond) with one argument is nonzero(cond): use np.nonzero', 'where(cond)');
});

test('methods delegate to the ufuncs', () => {
  const x = np.array([-1.5, 0.5, 2.5]);
  assert.equal(x.abs().toArraySync(), [1.5, 0.5, 2.5]);
  assert.equal(x.round().toArraySync(), [-2, 0, 2]);
  assert.equal(x.sign().toArraySync(), [-1, 1, 1]);
  assert.equal(x.floor().toArraySync(), [-2, 0, 2]);
  assert.equal(x.ceil().toArraySync(), [-1, 1, 3]);
  assert.equal(x.greater(0).logicalNot().toArraySync(), [true, false, false]);
  assert.equal(x.greater(0).logicalXor(x.less(1)).toArraySync(), [true, false, true]);
  assert.equal(x.clip(0, 1).toArraySync(), [0, 0.5, 1]);
  assert.ok(Math.abs((x.tanh().toArraySync() as number[])[2] - Math.tanh(2.5)) < 1e-15);
});

test('temporaries are disposed: a ufunc leaves only its result alive', () => {
  const a = np.arange(6).reshape([2, 3]);
  const flipped = np.flip(a);
  const before = np.memory().cpu;
  const results = [
    np.add(a, 1.5), np.add([1, 2, 3], a), np.less(a, 1e10), np.where([true, false, true], a, 0.5),
    np.isclose(a, 1), np.clip(a, 1, 4.5), np.round(a, { decimals: -1 }), np.interp([1, 2], [0, 3], [0, 1]),
  ];
  np.allcloseSync(a, a);
  np.arrayEqualSync(a, [1, 2]);
  a.iadd(flipped); // overlaps: copies flipped first
  const after = np.memory().cpu;
  assert.is(after.arrays - before.arrays, results.length);
  results.forEach((r) => r.dispose());
  assert.equal(np.memory().cpu, before);
});

test.run();
