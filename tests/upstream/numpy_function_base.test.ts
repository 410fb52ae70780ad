// Ports of NumPy's numpy/lib/tests/test_function_base.py (interp, diff, average, quantile/percentile,
// unique with axis, bincount), rewritten for tessera. Each test names the upstream test it ports;
// the expected values were checked against NumPy 1.24 (/usr/bin/python3). A worked example first:
// interp at a point of xp answers that point's fp exactly, even when the next point is infinite.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';

const inf = Infinity;
const values = (x: np.NDArray): number[] => Array.from(x.dataSync(), Number);
const interpAt = (x: number, xp: number[], fp: number[]): number => np.interp(x, xp, fp).itemSync();

test('worked example: np.interp([-inf, -1, 1, inf], same xp, same fp) keeps every point', () => {
  assert.equal(values(np.interp([-inf, -1, 1, inf], [-inf, -1, 1, inf], [-inf, -1, 1, inf])), [-inf, -1, 1, inf]);
});

// ---- TestInterp -------------------------------------------------------------------------------
test('test_function_base.py::TestInterp::test_exceptions', () => {
  assert.throws(() => np.interp(0, [], []), /array of sample points is empty/);
  assert.throws(() => np.interp(0, [0], [1, 2]), /fp and xp are not of the same length/);
  assert.throws(() => np.interp(0, [[1, 2]], [[1, 2]]), /object too deep/);
  assert.throws(() => np.interp(0, [1, 2], [1, 2], { period: 0 }), /period must be a non-zero value/);
});

test('test_function_base.py::TestInterp::test_basic', () => {
  const x = np.linspace(0, 1, 5);
  for (const n of [2, 3, 4]) assert.equal(values(np.interp(x, np.linspace(0, 1, n), np.linspace(0, 1, n))), [0, 0.25, 0.5, 0.75, 1]);
});

test('test_function_base.py::TestInterp::test_right_left_behavior', () => {
  const x = np.arange(-10, 11), xp = np.arange(10), fp = np.arange(10);
  const inside = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  assert.equal(values(np.interp(x, xp, fp)), [...Array(10).fill(0), ...inside, 9]);
  assert.equal(values(np.interp(x, xp, fp, { left: -100, right: 100 })), [...Array(10).fill(-100), ...inside, 100]);
});

test('test_function_base.py::TestInterp::test_scalar_interpolation_point and test_zero_dimensional_interpolation_point', () => {
  assert.is(interpAt(0.2, [0, 1], [0, 1]), 0.2);
  const zeroD = np.interp(np.array(0.4), [0, 1], [0, 1]);
  assert.equal(zeroD.shape, []);
  assert.is(zeroD.itemSync(), 0.4);
});

test('test_function_base.py::TestInterp::test_if_len_x_is_small', () => {
  assert.equal(values(np.interp([-1, 0, 0], [0, 1], [1, 2])), [1, 1, 1]);
  assert.equal(values(np.interp([0.5], [0, 1, 2], [0, 10, 20])), [5]);
});

test('test_function_base.py::TestInterp::test_non_finite_behavior_exact_x', () => {
  assert.equal(values(np.interp([-inf, -1, 1, inf], [-inf, -1, 1, inf], [-inf, -1, 1, inf])), [-inf, -1, 1, inf]);
  assert.equal(values(np.interp([-inf, -1, 1, inf], [-inf, -1, 1, inf], [NaN, -1, 1, NaN])), [NaN, -1, 1, NaN]);
});

test('test_function_base.py::TestInterp::test_non_finite_any_nan', () => {
  assert.ok(Number.isNaN(interpAt(0.5, [NaN, 1], [0, 10])));
  assert.ok(Number.isNaN(interpAt(0.5, [0, NaN], [0, 10])));
  assert.ok(Number.isNaN(interpAt(0.5, [0, 1], [NaN, 10])));
  assert.ok(Number.isNaN(interpAt(0.5, [0, 1], [0, NaN])));
});

test('test_function_base.py::TestInterp::test_non_finite_inf', () => {
  assert.ok(Number.isNaN(interpAt(0.5, [-inf, inf], [0, 10])));
  assert.ok(Number.isNaN(interpAt(0.5, [0, 1], [-inf, inf])));
  assert.ok(Number.isNaN(interpAt(0.5, [0, 1], [inf, -inf])));
  assert.is(interpAt(0.5, [-inf, inf], [10, 10]), 10); // unless the y values are equal
});

test('test_function_base.py::TestInterp::test_non_finite_half_inf_xf', () => {
  for (const xp of [[-inf, 1], [0, inf]]) {
    for (const fp of [[-inf, 10], [inf, 10], [0, -inf], [0, inf]]) {
      assert.ok(Number.isNaN(interpAt(0.5, xp, fp)), `xp ${xp}, fp ${fp}`);
    }
  }
});

test('test_function_base.py::TestInterp::test_non_finite_half_inf_x', () => {
  assert.is(interpAt(0.5, [-inf, 1], [0, 10]), 10);
  assert.is(interpAt(0.5, [-inf, 1], [10, 10]), 10);
  assert.is(interpAt(0.5, [0, inf], [0, 10]), 0);
  assert.is(interpAt(0.5, [0, inf], [10, 10]), 10);
});

test('test_function_base.py::TestInterp::test_non_finite_half_inf_f', () => {
  assert.is(interpAt(0.5, [0, 1], [0, -inf]), -inf);
  assert.is(interpAt(0.5, [0, 1], [0, inf]), inf);
  assert.is(interpAt(0.5, [0, 1], [-inf, 10]), -inf);
  assert.is(interpAt(0.5, [0, 1], [inf, 10]), inf);
  assert.is(interpAt(0.5, [0, 1], [-inf, -inf]), -inf);
  assert.is(interpAt(0.5, [0, 1], [inf, inf]), inf);
});

test('test_function_base.py::TestInterp::test_period', () => {
  const x = [-180, -170, -185, 185, -10, -5, 0, 365];
  assert.equal(values(np.interp(x, [190, -190, 350, -350], [5, 10, 3, 4], { period: 360 })), [7.5, 5, 8.75, 6.25, 3, 3.25, 3.5, 3.75]);
  const grid = np.multiply(np.linspace(0, 2, 5).reshape([5, 1]), np.ones([1, 2]));
  const r = np.interp(grid, [0, 1], [0, 1], { period: 1 });
  assert.equal(r.shape, [5, 2]);
  assert.equal(values(r), [1, 1, 0.5, 0.5, 1, 1, 0.5, 0.5, 1, 1]);
});

test('interp with a single point: NaN x still answers fp[0] (NumPy\'s one-point branch)', () => {
  assert.is(interpAt(NaN, [1], [2]), 2);
  assert.equal(values(np.interp([0, 1, 2], [1], [5])), [5, 5, 5]);
});

// ---- TestDiff ---------------------------------------------------------------------------------
test('test_function_base.py::TestDiff::test_prepend', () => {
  const x = np.arange(5).add(1);
  assert.equal(values(np.diff(x, { prepend: 0 })), [1, 1, 1, 1, 1]);
  assert.equal(values(np.diff(np.arange(5), { prepend: [-1, 0] })), [1, 0, 1, 1, 1, 1]);
  const x2 = np.arange(4).reshape([2, 2]);
  assert.equal(np.diff(x2, { axis: 1, prepend: 0 }).toArraySync(), [[0, 1], [2, 1]]);
  assert.equal(np.diff(x2, { axis: 0, prepend: 0 }).toArraySync(), [[0, 1], [2, 2]]);
  assert.throws(() => np.diff(x2, { axis: 1, prepend: [[1, 2, 3]] }), /dimension/);
});

test('test_function_base.py::TestDiff::test_append', () => {
  const x = np.arange(5);
  assert.equal(values(np.diff(x, { append: 0 })), [1, 1, 1, 1, -4]);
  assert.equal(values(np.diff(x, { append: [9, 10] })), [1, 1, 1, 1, 5, 1]);
  assert.equal(np.diff(np.arange(4).reshape([2, 2]), { axis: 0, append: 0 }).toArraySync(), [[2, 2], [-2, -3]]);
  assert.throws(() => np.diff(x, { append: 0, axis: 3 }), (e: Error) => e.name === 'AxisError');
});

test('test_function_base.py::TestDiff::test_n', () => {
  const x = [1, 4, 9, 16, 25];
  assert.equal(values(np.diff(x, { n: 1 })), [3, 5, 7, 9]);
  assert.equal(values(np.diff(x, { n: 2 })), [2, 2, 2]);
  assert.equal(values(np.diff(x, { n: 4 })), [0]);
  assert.equal(np.diff(x, { n: 5 }).shape, [0]);
  assert.throws(() => np.diff(x, { n: -1 }), /order must be non-negative but got -1/);
  assert.throws(() => np.diff(np.array(3)), /at least one dimensional/);
});

// ---- TestAverage ------------------------------------------------------------------------------
test('test_function_base.py::TestAverage::test_returned', () => {
  const y = [[1, 2, 3], [4, 5, 6]];
  let [avg, scl] = np.average(y, { returned: true });
  assert.equal([avg.itemSync(), scl.itemSync()], [3.5, 6]);
  [avg, scl] = np.average(y, { axis: 0, returned: true });
  assert.equal([values(avg), values(scl)], [[2.5, 3.5, 4.5], [2, 2, 2]]);
  [avg, scl] = np.average(y, { axis: 1, weights: [1, 2, 3], returned: true });
  assert.ok(np.allclose(avg, [14 / 6, 32 / 6]));
  assert.equal(values(scl), [6, 6]);
  [avg, scl] = np.average(y, { weights: [[1, 2, 3], [0, 0, 1]], returned: true });
  assert.ok(Math.abs(avg.itemSync() - 20 / 7) < 1e-15);
  assert.is(scl.itemSync(), 7);
});

test('test_function_base.py::TestAverage::test_weights (errors)', () => {
  assert.throws(() => np.average([1, 2], { weights: [0, 0] }), /Weights sum to zero/);
  assert.throws(() => np.average([[1, 2, 3], [4, 5, 6]], { axis: 0, weights: [1, 2, 3] }), /Length of weights not compatible with specified axis/);
});

// ---- TestQuantile / TestPercentile ------------------------------------------------------------
test('test_function_base.py::TestQuantile::test_basic and TestPercentile methods (linear, lower, higher, nearest, midpoint)', () => {
  const a = np.arange(10);
  const q = [0, 0.25, 0.33, 0.5, 0.9, 1];
  const expected: Record<string, number[]> = {
    linear: [0, 2.25, 2.97, 4.5, 8.1, 9],
    lower: [0, 2, 2, 4, 8, 9],
    higher: [0, 3, 3, 5, 9, 9],
    nearest: [0, 2, 3, 4, 8, 9],
    midpoint: [0, 2.5, 2.5, 4.5, 8.5, 9],
  };
  for (const [method, want] of Object.entries(expected)) {
    const got = values(np.quantile(a, q, { method: method as np.QuantileMethod }));
    assert.ok(got.every((v, i) => Math.abs(v - want[i]) < 1e-12), `${method}: ${got} vs ${want}`);
  }
});

test('test_function_base.py::TestPercentile::test_lower_higher, test_midpoint, test_nearest', () => {
  const r = np.arange(10), r11 = np.arange(11);
  assert.is(np.percentile(r, 50, { method: 'lower' }).itemSync(), 4);
  assert.is(np.percentile(r, 50, { method: 'higher' }).itemSync(), 5);
  assert.is(np.percentile(r, 51, { method: 'midpoint' }).itemSync(), 4.5);
  assert.is(np.percentile(r11, 51, { method: 'midpoint' }).itemSync(), 5.5);
  assert.is(np.percentile(r11, 50, { method: 'midpoint' }).itemSync(), 5);
  assert.is(np.percentile(r, 51, { method: 'nearest' }).itemSync(), 5);
  assert.equal(values(np.percentile(np.arange(4), [12.5, 37.5, 62.5], { method: 'nearest' })), [0, 1, 2]);
});

test('test_function_base.py::TestPercentile::test_fraction and test_axis', () => {
  assert.equal(values(np.percentile([15, 20, 35, 40, 50], [5, 30, 40, 50, 100])), [16, 23, 29, 35, 50]);
  assert.is(np.percentile(np.arange(8), 50).itemSync(), 3.5);
  assert.is(np.quantile(np.arange(8), 0.5).itemSync(), 3.5);
  const x = np.arange(12).reshape([3, 4]);
  assert.equal(values(np.percentile(x, 25, { axis: 0 })), [2, 3, 4, 5]);
  assert.equal(np.percentile(x, [25, 75], { axis: 1 }).toArraySync(), [[0.75, 4.75, 8.75], [2.25, 6.25, 10.25]]);
  assert.equal(np.quantile(np.ones([2, 3, 4]), 0.5, { axis: [0, 2], keepdims: true }).shape, [1, 3, 1]);
});

test('test_function_base.py::TestPercentile::test_exception and TestQuantile nan handling', () => {
  assert.throws(() => np.percentile([1, 2], 101), /Percentiles must be in the range \[0, 100\]/);
  assert.throws(() => np.quantile([1, 2], -0.1), /Quantiles must be in the range \[0, 1\]/);
  assert.throws(() => np.quantile([1, 2], 0.5, { method: 'foo' as np.QuantileMethod }), /'foo' is not a valid method/);
  assert.ok(Number.isNaN(np.quantile([1, NaN, 3], 0.5).itemSync()));
});

// ---- TestUnique (axis) ------------------------------------------------------------------------
test('test_arraysetops.py::TestUnique::test_unique_axis', () => {
  const a = [[1, 0, 0], [1, 0, 0], [2, 3, 4]];
  assert.equal(np.unique(a, { axis: 0 }).values.toArraySync(), [[1, 0, 0], [2, 3, 4]]);
  assert.equal(np.unique(np.transpose(a), { axis: 1 }).values.toArraySync(), [[1, 2], [0, 3], [0, 4]]);
  const r = np.unique([[0, 1], [0, 1], [1, 0]], { axis: 0, returnIndex: true, returnInverse: true, returnCounts: true });
  assert.equal(r.values.toArraySync(), [[0, 1], [1, 0]]);
  assert.equal([values(r.indices!), values(r.inverse!), values(r.counts!)], [[0, 2], [0, 0, 1], [2, 1]]);
  assert.throws(() => np.unique(np.ones([2, 2]), { axis: 2 }), (e: Error) => e.name === 'AxisError');
});

// ---- TestBincount -----------------------------------------------------------------------------
test('test_function_base.py::TestBincount::test_simple, test_simple2, test_simple_weight', () => {
  assert.equal(values(np.bincount(np.arange(4))), [1, 1, 1, 1]);
  assert.equal(values(np.bincount([1, 5, 2, 4, 1])), [0, 2, 1, 0, 1, 1]);
  assert.ok(np.allclose(np.bincount([1, 2, 4, 5, 2], { weights: [0.2, 0.3, 0.5, 0.1, 0.2] }), [0, 0.2, 0.5, 0, 0.5, 0.1]));
});

test('test_function_base.py::TestBincount::test_with_minlength, test_with_minlength_smaller_than_maxvalue, test_with_minlength_and_weights', () => {
  const x = [1, 2, 4, 5, 2];
  assert.equal(values(np.bincount(x, { minlength: 8 })), [0, 1, 2, 0, 1, 1, 0, 0]);
  assert.equal(values(np.bincount(x, { minlength: 5 })), [0, 1, 2, 0, 1, 1]);
  assert.ok(np.allclose(np.bincount(x, { weights: [0.2, 0.3, 0.5, 0.1, 0.2], minlength: 8 }), [0, 0.2, 0.5, 0, 0.5, 0.1, 0, 0]));
});

test('test_function_base.py::TestBincount::test_empty and test_empty_with_minlength', () => {
  const empty = np.bincount([]);
  assert.equal(empty.shape, [0]);
  assert.is(empty.dtype, 'int32'); // NumPy's intp; tessera's counts are int32
  assert.equal(values(np.bincount([], { minlength: 5 })), [0, 0, 0, 0, 0]);
  assert.equal(np.bincount(np.array([], { dtype: 'int32' }), { weights: [] }).shape, [0]);
});

test('test_function_base.py::TestBincount::test_with_incorrect_minlength (and NumPy\'s other refusals)', () => {
  assert.throws(() => np.bincount([1, 2], { minlength: -1 }), /'minlength' must not be negative/);
  assert.throws(() => np.bincount([-1, 2]), /'list' argument must have no negative elements/);
  assert.throws(() => np.bincount([1, 2], { weights: [1] }), /The weights and list don't have the same length/);
});

test.run();
