// The NumPy options learners reach for first, implemented rather than ignored: quantile/percentile
// `method`, unique `axis`, diff `prepend`/`append`, average `returned`, interp `period` and the
// reductions' and the ufuncs' `where`. Expected
// values are NumPy 1.24's (from its docs and by hand); the NumPy options not implemented are refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { assertClose } from '../fixture-values.ts';

/** np.allclose's default tolerance: |a - e| <= 1e-8 + 1e-5 · |e|. */
const close = (a: np.NDArray, expected: number[]): void => assertClose(a, expected, { rtol: 1e-5, atol: 1e-8 }, a.toString());

// A worked example first: NumPy gives 2.6 (linear), 2, 3, 3 and 2.5 for q = 0.4 of [1, 2, 3, 4, 10].
test('quantile method: np.quantile([1, 2, 3, 4, 10], 0.4, method=...)', () => {
  const x = [1, 2, 3, 4, 10];
  const expected = { linear: 2.6, lower: 2, higher: 3, nearest: 3, midpoint: 2.5 } as const;
  for (const [method, v] of Object.entries(expected)) {
    assert.is(np.quantile(x, 0.4, { method: method as np.QuantileMethod }).itemSync(), v, method);
  }
});

test('quantile method at a half index (v = 2.5): nearest rounds half to even, as NumPy', () => {
  const x = np.array([1, 2, 3, 4, 10]);
  const at = (method: np.QuantileMethod): number => np.quantile(x, 0.625, { method }).itemSync();
  assert.equal([at('linear'), at('lower'), at('higher'), at('nearest'), at('midpoint')], [3.5, 3, 4, 3, 3.5]);
  assert.equal(np.percentile(x, [0, 40, 100], { method: 'nearest' }).toArraySync(), [1, 3, 10]);
});

test('quantile lower/higher/nearest keep the data dtype; midpoint and linear give float64', () => {
  const x = np.array([[1, 5, 2], [7, 3, 9]], { dtype: 'int32' });
  const lower = np.quantile(x, 0.5, { axis: 1, method: 'lower' });
  assert.is(lower.dtype, 'int32');
  assert.equal(lower.toArraySync(), [2, 7]);
  const mid = np.quantile(x, 0.5, { axis: 1, method: 'midpoint' });
  assert.is(mid.dtype, 'float64');
  assert.equal(mid.toArraySync(), [2, 7]);
  assert.equal(np.quantile(x, [0.25, 0.75], { axis: 1, method: 'higher', keepdims: true }).shape, [2, 2, 1]);
  assert.ok(Number.isNaN(np.quantile([1, NaN, 3], 0.5, { method: 'lower' }).itemSync()));
});

test('quantile refuses the other NumPy methods by name and unknown ones, allocating nothing', () => {
  const x = np.array([1, 2, 3]);
  const before = np.memory().cpu;
  assert.throws(() => np.quantile(x, 0.5, { method: 'hazen' as never }), (e: Error) => e instanceof np.ValueError && /tessera does not implement method 'hazen' of np.quantile/.test(e.message));
  assert.throws(() => np.percentile(x, 50, { method: 'bogus' as never }), (e: Error) => e instanceof np.ValueError && /'bogus' is not a valid method/.test(e.message));
  assert.equal(np.memory().cpu, before);
});

test('unique axis: the distinct rows (axis 0) and columns (axis 1), lexicographically sorted', () => {
  const rows = np.unique([[1, 0], [0, 1], [1, 0]], { axis: 0 });
  assert.equal(rows.values.toArraySync(), [[0, 1], [1, 0]]);
  const full = np.unique([[1, 0], [0, 1], [1, 0]], { axis: 0, returnIndex: true, returnInverse: true, returnCounts: true });
  assert.equal(full.indices!.toArraySync(), [1, 0]);
  assert.equal(full.inverse!.toArraySync(), [1, 0, 1]);
  assert.equal(full.counts!.toArraySync(), [1, 2]);
  assert.equal(np.unique([[1, 0, 1], [2, 3, 2]], { axis: 1 }).values.toArraySync(), [[0, 1], [3, 2]]);
  assert.equal(np.unique([[1, 0, 1], [2, 3, 2]], { axis: -1 }).values.shape, [2, 2]);
  assert.equal(np.unique([3, 1, 3, NaN, NaN], { axis: null }).values.toArraySync(), [1, 3, NaN]);
  assert.throws(() => np.unique([[1, 2]], { axis: 2 }), (e: Error) => e instanceof np.AxisError);
});

test('diff prepend/append: joined along the axis first, scalars broadcast to length 1', () => {
  assert.equal(np.diff([1, 2, 4], { prepend: 0 }).toArraySync(), [1, 1, 2]);
  assert.equal(np.diff([1, 2, 4], { append: [10] }).toArraySync(), [1, 2, 6]);
  assert.equal(np.diff([1, 2, 4], { prepend: [0, 0], append: 4, n: 2 }).toArraySync(), [1, 0, 1, -2]);
  assert.equal(np.diff([[1, 2], [3, 5]], { axis: 0, prepend: 0 }).toArraySync(), [[1, 2], [2, 3]]);
  assert.equal(np.diff([[1, 2], [3, 5]], { append: [[0], [0]] }).toArraySync(), [[1, -2], [2, -5]]);
  assert.throws(() => np.diff([[1, 2], [3, 5]], { append: [0, 0, 0] }), (e: Error) => e instanceof np.ValueError);
});

test('average returned: [average, sum of weights], the count without weights', () => {
  const [avg, n] = np.average([1, 2, 3], { returned: true });
  assert.equal([avg.itemSync(), n.itemSync()], [2, 3]);
  const [wavg, w] = np.average([1, 2, 3], { weights: [1, 1, 2], returned: true });
  assert.equal([wavg.itemSync(), w.itemSync()], [2.25, 4]);
  const [a0, w0] = np.average([[1, 2], [3, 4]], { axis: 0, weights: [1, 3], returned: true });
  assert.equal(a0.toArraySync(), [2.5, 3.5]);
  assert.equal(w0.toArraySync(), [4, 4]);
  const [m1, c1] = np.average([[1, 2], [3, 4]], { axis: 1, returned: true });
  assert.equal([m1.toArraySync(), c1.toArraySync()], [[1.5, 3.5], [2, 2]]);
  assert.is(np.average([1, 2, 3]).itemSync(), 2);
});

test("interp period (NumPy's docstring example)", () => {
  const x = [-180, -170, -185, 185, -10, -5, 0, 365];
  close(np.interp(x, [190, -190, 350, -350], [5, 10, 3, 4], { period: 360 }), [7.5, 5, 8.75, 6.25, 3, 3.25, 3.5, 3.75]);
  close(np.interp([0, 1.5, 2.5], [0, 1, 2], [0, 10, 20], { period: 3 }), [0, 15, 10]);
  close(np.interp([5], [0, 1], [1, 2], { period: -2, left: 99 }), [2]);
  assert.throws(() => np.interp([1], [0, 1], [0, 1], { period: 0 }), (e: Error) => e instanceof np.ValueError && /period must be a non-zero value/.test(e.message));
});

test('reduction where: only the selected elements count, and np.grad masks the gradient', () => {
  const M = np.array([[1, 2], [3, 4]]);
  assert.is(np.sum(M, { where: [true, false] }).itemSync(), 4);
  assert.equal(np.sum(M, { axis: 1, where: [[true, false], [true, true]] }).toArraySync(), [1, 7]);
  assert.equal(np.mean(M, { axis: 0, where: [[true, false], [true, true]] }).toArraySync(), [2, 4]);
  assert.equal(M.mean({ where: [[false, true], [true, true]], keepdims: true }).toArraySync(), [[3]]);
  assert.is(np.prod([1, 2, 3], { where: [true, false, true] }).itemSync(), 3);
  assert.is(np.all([0, 1], { where: [false, true] }).itemSync(), 1);
  assert.is(np.any([1, 0], { where: [false, true] }).itemSync(), 0);
  const f32 = np.mean(np.array([1, 2, 4], { dtype: 'float32' }), { where: [true, false, true] });
  assert.equal([f32.dtype, f32.itemSync()], ['float32', 2.5]);
  const g = np.grad((x: np.NDArray) => np.sum(np.multiply(x, x), { where: [true, false, true] }))(np.array([1, 2, 3]));
  assert.equal(g.toArraySync(), [2, 0, 6]);
  const gm = np.grad((x: np.NDArray) => np.mean(x, { where: [true, false, true, true] }))(np.array([1, 2, 3, 4]));
  close(gm, [1 / 3, 0, 1 / 3, 1 / 3]);
  assert.throws(() => np.sum(M, { where: [true, false, true] }), (e: Error) => e instanceof np.ValueError);
});

test('ufunc where: out is written only where the mask is true', () => {
  const out = np.array([10, 20, 30], { dtype: 'float64' });
  const r = np.add([1, 2, 3], 1, { out, where: [true, false, true] });
  assert.is(r, out);
  assert.equal(out.toArraySync(), [2, 20, 4]);
  np.sqrt([4, 9, 16], { out, where: false });
  assert.equal(out.toArraySync(), [2, 20, 4]);
  const m = np.zeros([2, 2]);
  np.multiply([[1, 2], [3, 4]], 2, { out: m, where: [false, true] });
  assert.equal(m.toArraySync(), [[0, 4], [0, 8]]);
  const before = np.memory().cpu;
  assert.throws(() => np.add([1, 2], 1, { where: [true, false] }), (e: Error) => e instanceof np.ValueError && /without `out`/.test(e.message));
  assert.throws(() => np.add([1.5, 2], 1, { out: np.zeros([2], { dtype: 'int32' }), where: true }), (e: Error) => e instanceof TypeError);
  assert.equal(np.memory().cpu.arrays, before.arrays + 1); // the int32 out made inside the call, nothing else
});

test.run();
