// Ports of NumPy's tests for moveaxis (numpy/core/tests/test_numeric.py), broadcast_to /
// broadcast_shapes / broadcast_arrays (numpy/lib/tests/test_stride_tricks.py), lstsq and eigh /
// eigvalsh (numpy/linalg/tests/test_linalg.py) and loadtxt's ndmin (numpy/lib/tests/test_io.py,
// test_loadtxt.py), rewritten for tessera; values checked against NumPy 1.24. A worked example first:
// moveaxis refuses a destination named twice, as NumPy does, instead of building a bad permutation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';

const isError = (name: string, message?: RegExp) => (e: Error): boolean => e.name === name && (!message || message.test(e.message));

test('worked example: np.moveaxis(x, [0, 1], [0, 0]) throws "repeated axis in `destination` argument"', () => {
  assert.throws(() => np.moveaxis(np.zeros([1, 2, 3]), [0, 1], [0, 0]), isError('ValueError', /^repeated axis in `destination` argument/));
});

// ---- TestMoveaxis (test_numeric.py) -----------------------------------------------------------
test('test_numeric.py::TestMoveaxis::test_move_to_end', () => {
  const x = np.zeros([1, 2, 3, 4]);
  assert.equal(np.moveaxis(x, 0, -1).shape, [2, 3, 4, 1]);
  assert.equal(np.moveaxis(x, 1, -1).shape, [1, 3, 4, 2]);
  assert.equal(np.moveaxis(x, 2, -1).shape, [1, 2, 4, 3]);
  assert.equal(np.moveaxis(x, -1, -1).shape, [1, 2, 3, 4]);
});

test('test_numeric.py::TestMoveaxis::test_move_new_position and test_preserve_order', () => {
  const x = np.zeros([1, 2, 3, 4]);
  assert.equal(np.moveaxis(x, 0, 1).shape, [2, 1, 3, 4]);
  assert.equal(np.moveaxis(x, 1, 2).shape, [1, 3, 2, 4]);
  assert.equal(np.moveaxis(x, 1, -1).shape, [1, 3, 4, 2]);
  assert.equal(np.moveaxis(x, -2, 0).shape, [3, 1, 2, 4]);
  const y = np.zeros([1, 2, 3, 4, 5]);
  for (const [s, d] of [[0, 0], [3, -2], [4, 4], [-1, -1]]) assert.equal(np.moveaxis(y, s, d).shape, [1, 2, 3, 4, 5]);
});

test('test_numeric.py::TestMoveaxis::test_move_multiples', () => {
  const x = np.zeros([0, 1, 2, 3]);
  assert.equal(np.moveaxis(x, [0, 1], [2, 3]).shape, [2, 3, 0, 1]);
  assert.equal(np.moveaxis(x, [0, 1], [-2, -1]).shape, [2, 3, 0, 1]);
  assert.equal(np.moveaxis(x, [0, 1, 2], [1, 2, 0]).shape, [2, 0, 1, 3]);
  assert.equal(np.moveaxis(x, [3, 0], [1, 0]).shape, [0, 3, 1, 2]);
  assert.equal(np.moveaxis(np.arange(6).reshape([1, 2, 3]), [0, 2], [2, 1]).toArraySync(), [[[0], [1], [2]], [[3], [4], [5]]]);
});

test('test_numeric.py::TestMoveaxis::test_errors', () => {
  const x = np.zeros([1, 2, 3]);
  assert.throws(() => np.moveaxis(x, 3, 0), isError('AxisError', /^source: axis 3 is out of bounds for array of dimension 3/));
  assert.throws(() => np.moveaxis(x, -4, 0), isError('AxisError', /^source: axis -4 is out of bounds/));
  assert.throws(() => np.moveaxis(x, 0, 5), isError('AxisError', /^destination: axis 5 is out of bounds/));
  assert.throws(() => np.moveaxis(x, [0, 0], [0, 1]), isError('ValueError', /^repeated axis in `source` argument/));
  assert.throws(() => np.moveaxis(x, [0, 1], [1, 1]), isError('ValueError', /^repeated axis in `destination` argument/));
  assert.throws(() => np.moveaxis(x, 0, [0, 1]), /must have the same number of elements/);
  assert.throws(() => np.moveaxis(x, [0, 1], [0]), /must have the same number of elements/);
});

// ---- test_stride_tricks.py --------------------------------------------------------------------
test('test_stride_tricks.py::test_broadcast_to_succeeds', () => {
  const cases: [number[], number[]][] = [
    [[], [1]], [[], [3]], [[1], [3]], [[3], [3]], [[3], [1, 3]], [[3], [3, 3]], [[1], [3, 1]], [[3, 1], [3, 3]], [[0], [0, 0]], [[1, 2], [0, 2]],
  ];
  for (const [from, to] of cases) assert.equal(np.broadcastTo(np.zeros(from), to).shape, to, `${from} -> ${to}`);
  assert.equal(np.broadcastTo([1, 2, 3], [2, 3]).toArraySync(), [[1, 2, 3], [1, 2, 3]]);
  assert.equal(np.broadcastTo(np.zeros(3), 3 as unknown as number[]).shape, [3]);
});

test('test_stride_tricks.py::test_broadcast_to_raises', () => {
  assert.throws(() => np.broadcastTo(np.zeros(3), [2]), /remapped shapes \[original->remapped\]: \(3,\)  and requested shape \(2,\)/);
  assert.throws(() => np.broadcastTo(np.zeros([1, 2]), [2, 1]), isError('ValueError'));
  assert.throws(() => np.broadcastTo(np.zeros([1, 1]), [1]), isError('ValueError'));
  assert.throws(() => np.broadcastTo(np.zeros(1), [-1]), /all elements of broadcast shape must be non-negative/);
  assert.throws(() => np.broadcastTo(np.zeros(3), []), isError('ValueError'));
});

test('test_stride_tricks.py::test_broadcast_shapes_succeeds', () => {
  const cases: [number[][], number[]][] = [
    [[[1, 2]], [1, 2]], [[[1, 1], [2, 2]], [2, 2]], [[[1], [3]], [3]], [[[], [2, 3]], [2, 3]],
    [[[6, 7], [5, 6, 1], [7], [5, 1, 7]], [5, 6, 7]], [[[0], [1]], [0]], [[[1, 0], [0]], [1, 0]], [[[2], [1, 2]], [1, 2]],
  ];
  for (const [shapes, want] of cases) assert.equal(np.broadcastShapes(...shapes), want, JSON.stringify(shapes));
  assert.equal(np.broadcastShapes(), []);
});

test('test_stride_tricks.py::test_broadcast_shapes_raises and test_incompatible_shapes_raise_valueerror', () => {
  assert.throws(() => np.broadcastShapes([3], [4]), isError('ValueError', /\(3,\).*\(4,\)/));
  assert.throws(() => np.broadcastShapes([2, 3], [3, 2]), isError('ValueError'));
  assert.throws(() => np.broadcastShapes([0], [2]), isError('ValueError'));
  assert.throws(() => np.broadcastArrays(np.zeros(3), np.zeros(4)), isError('ValueError'));
});

test('test_stride_tricks.py::test_same, test_one_off (broadcast_arrays)', () => {
  const [a, b] = np.broadcastArrays([[1, 2, 3]], [[1], [2]]);
  assert.equal(a.toArraySync(), [[1, 2, 3], [1, 2, 3]]);
  assert.equal(b.toArraySync(), [[1, 1, 1], [2, 2, 2]]);
  const [x, y] = np.broadcastArrays(np.arange(10), np.arange(10));
  assert.equal(x.toArraySync(), y.toArraySync());
});

// ---- test_linalg.py ---------------------------------------------------------------------------
test('test_linalg.py::TestEigvalsh::test_UPLO and TestEigh::test_UPLO: lower-case UPLO is accepted', () => {
  const kLo = [[0, 0], [1, 0]], kUp = [[0, 1], [0, 0]];
  for (const [k, uplo] of [[kLo, 'L'], [kLo, 'l'], [kUp, 'U'], [kUp, 'u']] as const) {
    assert.ok(np.allclose(np.linalg.eigvalsh(k, { UPLO: uplo }), [-1, 1]), `eigvalsh UPLO=${uplo}`);
    assert.ok(np.allclose(np.linalg.eigh(k, { UPLO: uplo }).eigenvalues, [-1, 1]), `eigh UPLO=${uplo}`);
  }
});

test('test_linalg.py::TestEigvalsh::test_invalid and TestEigh::test_invalid', () => {
  const x = [[1, 0.5], [0.5, 1]];
  assert.throws(() => np.linalg.eigvalsh(x, { UPLO: 'lrong' as 'L' }), isError('ValueError', /^UPLO argument must be 'L' or 'U'/));
  assert.throws(() => np.linalg.eigh(x, { UPLO: 'nper' as 'L' }), isError('ValueError', /^UPLO argument must be 'L' or 'U'/));
});

test('test_linalg.py::TestLstsq::test_future_rcond (rcond=None uses eps * max(M, N))', () => {
  const a = np.transpose([[0, 1, 0, 1, 2, 0], [0, 2, 0, 0, 1, 0], [1, 0, 1, 0, 0, 4], [0, 0, 0, 2, 3, 0]]);
  const b = [1, 0, 0, 0, 0, 0];
  assert.is(np.linalg.lstsq(a, b, { rcond: null }).rank, 3);
  assert.is(np.linalg.lstsq(a, b).rank, 3);
  assert.is(np.linalg.lstsq(a, b, { rcond: 1e-3 }).rank, 3);
});

test("lstsq's rcond outside (0, 1) means machine precision (LAPACK gelsd, as NumPy)", () => {
  const a = [[1, 0], [0, 1e-10], [0, 0]], b = [1, 1, 1];
  for (const rcond of [-1, -5, 0, 1, 2, 1e-11]) assert.is(np.linalg.lstsq(a, b, { rcond }).rank, 2, `rcond ${rcond}`);
  for (const rcond of [0.99, 1e-9]) assert.is(np.linalg.lstsq(a, b, { rcond }).rank, 1, `rcond ${rcond}`);
  const tiny = [[1, 0], [0, 1e-17], [0, 0]];
  for (const rcond of [-1, 0, null]) assert.equal(Array.from(np.linalg.lstsq(tiny, b, { rcond }).x.dataSync()), [1, 0], `rcond ${rcond}`);
});

test('test_linalg.py::TestLstsq::test_empty_a_b and test_incompat_dims', () => {
  let r = np.linalg.lstsq(np.zeros([0, 3]), np.zeros([0, 2]));
  assert.equal([r.x.shape, r.residuals.shape, r.rank, r.s.shape], [[3, 2], [0], 0, [0]]);
  assert.equal(Array.from(r.x.dataSync()), [0, 0, 0, 0, 0, 0]);
  r = np.linalg.lstsq(np.zeros([4, 0]), np.zeros([4, 2]));
  assert.equal([r.x.shape, r.residuals.shape, r.rank, r.s.shape], [[0, 2], [2], 0, [0]]);
  assert.throws(() => np.linalg.lstsq(np.ones([3, 2]), np.ones(4)), isError('LinAlgError', /Incompatible dimensions/));
});

// ---- loadtxt ndmin (test_io.py, test_loadtxt.py) ----------------------------------------------
test('test_io.py::TestLoadTxt::test_ndmin_keyword', async () => {
  const lines = ['1,2,3', '4,5,6'];
  for (const ndmin of [3, 1.5, -1]) {
    let thrown: unknown = null;
    await np.loadtxt(lines, { ndmin: ndmin as 0 }).catch((e: unknown) => { thrown = e; });
    assert.ok(thrown instanceof Error && isError('ValueError', new RegExp(`^Illegal value of ndmin keyword: ${ndmin}`))(thrown), `ndmin ${ndmin}`);
  }
  assert.equal((await np.loadtxt(lines, { dtype: 'int32', delimiter: ',', ndmin: 1 })).toArraySync(), [[1, 2, 3], [4, 5, 6]]);
  for (const [ndmin, shape] of [[2, [1, 3]], [1, [3]], [0, [3]]] as const) {
    assert.equal((await np.loadtxt(['0,1,2'], { delimiter: ',', ndmin })).shape, shape, `row, ndmin ${ndmin}`);
  }
  for (const [ndmin, shape] of [[2, [3, 1]], [1, [3]], [0, [3]]] as const) {
    assert.equal((await np.loadtxt(['0', '1', '2'], { ndmin })).shape, shape, `column, ndmin ${ndmin}`);
  }
  assert.equal((await np.loadtxt([], { ndmin: 2 })).shape, [0, 1]);
  assert.equal((await np.loadtxt([], { ndmin: 1 })).shape, [0]);
});

test('test_loadtxt.py::test_ndmin_single_row_or_col (with unpack)', async () => {
  assert.equal((await np.loadtxt(['1'], { ndmin: 0 })).shape, []);
  assert.equal((await np.loadtxt(['1'], { ndmin: 1 })).shape, [1]);
  assert.equal((await np.loadtxt(['1'], { ndmin: 2 })).shape, [1, 1]);
  assert.equal((await np.loadtxt(['1', '2', '3'], { ndmin: 2, unpack: true })).shape, [1, 3]);
  assert.equal((await np.loadtxt(['1 2 3'], { ndmin: 2, unpack: true })).shape, [3, 1]);
  assert.equal((await np.loadtxt([], { ndmin: 2, unpack: true })).shape, [1, 0]);
});

test('genfromtxt takes the same ndmin values as loadtxt', async () => {
  let thrown: unknown = null;
  await np.genfromtxt(['1 2'], { ndmin: 3 as 0 }).catch((e: unknown) => { thrown = e; });
  assert.ok(thrown instanceof Error && /Illegal value of ndmin keyword: 3/.test(thrown.message));
  assert.equal((await np.genfromtxt(['1', '2'], { ndmin: 2 })).shape, [2, 1]);
});

test.run();
