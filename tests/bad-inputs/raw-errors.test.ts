// Defect class 10 (issue 12): calls that used to end in a raw JavaScript error ("Cannot read properties
// of undefined", "arrays.map is not a function", V8 aborting the process) now give a tessera error that
// says what was given and what was expected, or do what NumPy does (np.concatenate of an array joins its
// rows; zerosLike and savetxt take JS lists). The fuzz test (fuzz.test.ts) found most of them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { Pipeline } from '../../sklearn/pipeline.ts';
import { Ridge } from '../../sklearn/linear_model/index.ts';

type Case = [string, () => unknown, new (...a: never[]) => Error, RegExp];
const M = (): np.NDArray => np.reshape(np.arange(6), [2, 3]);
const F = (): np.NDArray => np.zeros([3]);

const CASES: readonly Case[] = [
  ['hstack([])', () => np.hstack([]), np.ValueError, /need at least one array to concatenate/],
  ['concatenate(null)', () => np.concatenate(null as never), TypeError, /concatenate\(\): the first argument must be a sequence of arrays .*got null/],
  ['stack(5)', () => np.stack(5 as never), TypeError, /stack\(\): the first argument must be a sequence of arrays/],
  ['vstack(undefined)', () => np.vstack(undefined as never), TypeError, /vstack\(\): the first argument must be a sequence/],
  ['hstack(0-d array)', () => np.hstack(np.array(1) as never), TypeError, /got a 0-d array/],
  ['arraySplit(x, 1e12)', () => np.arraySplit([1, 2, 3], 1e12), np.MemoryError, /1000000000000 sections .* at most 16777216/],
  ['arraySplit(x, null)', () => np.arraySplit([1, 2, 3], null as never), TypeError, /sections must be an integer or a list of integer split points, got null/],
  ['arraySplit(x, [1.5])', () => np.arraySplit([1, 2, 3], [1.5]), TypeError, /list of integer split points/],
  ['sum(M, null)', () => np.sum(M(), null as never), TypeError, /sum\(\) takes its options as an object .*got null/],
  ["sum(M, {axis: '0'})", () => np.sum(M(), { axis: '0' } as never), TypeError, /`axis` must be an integer, a list of integers or null, got '0'/],
  ['exp(M, null)', () => np.exp(M(), null as never), TypeError, /takes its options as an object/],
  ['mean(M, [0])', () => np.mean(M(), [0] as never), TypeError, /takes its options as an object .*got \[0\]/],
  ['put([1, 2], [0], 5)', () => np.put([1, 2] as never, [0], 5), TypeError, /put\(\): `a` must be an NDArray, got a JS list \(make one with np\.array\(a\)\)/],
  ['putAlongAxis(null, ...)', () => np.putAlongAxis(null as never, [[0]], [[1]], 0), TypeError, /put_along_axis\(\): `arr` must be an NDArray, got null/],
  ['addAt([1], [0], 1)', () => np.addAt([1] as never, [0], 1), TypeError, /add\.at\(\): `a` must be an NDArray/],
  ['addAt(x) without index', () => (np.addAt as (...a: unknown[]) => void)(F(), 1), TypeError, /add\.at\(\) takes an array, an index and values/],
  ['fused.sgdStep([1], [1], null, {lr})', () => np.fused.sgdStep([1] as never, F(), null, { lr: 1 }), TypeError, /fused\.sgdStep\(\): `param` must be an NDArray, got a JS list/],
  ['fused.sgdStep without options', () => (np.fused.sgdStep as (...a: unknown[]) => void)(F(), F(), null), TypeError, /missing required options: 'lr'/],
  ["fused.adamStep lr 'a'", () => np.fused.adamStep(F(), F(), F(), F(), { lr: 'a' as never, step: 1 }), TypeError, /`lr` must be a finite number, got a/],
  ['fused.adamStep without step', () => np.fused.adamStep(F(), F(), F(), F(), { lr: 0.1 } as never), TypeError, /`step` must be a finite number, got undefined/],
  ["canCast('float128', 'int32')", () => np.canCast('float128' as never, 'int32'), TypeError, /data type 'float128' not understood/],
  ["canCast(..., 'sometimes')", () => np.canCast('int32', 'float64', 'sometimes' as never), np.ValueError, /casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'/],
  ['promoteTypes(undefined, int32)', () => np.promoteTypes(undefined as never, 'int32'), TypeError, /data type 'undefined' not understood/],
  ["promoteTypes('int32', 'toString')", () => np.promoteTypes('int32', 'toString' as never), TypeError, /data type 'toString' not understood/],
  ['broadcastShapes([-1])', () => np.broadcastShapes([-1]), np.ValueError, /all elements of broadcast shape must be non-negative/],
  ['broadcastShapes(null)', () => np.broadcastShapes(null as never), TypeError, /'NoneType' object cannot be interpreted as an integer/],
  ["expandDims(x, 'a')", () => np.expandDims(F(), 'a' as never), TypeError, /'str' object cannot be interpreted as an integer \(axis must be an int or a sequence of ints\)/],
  ['expandDims(x, [0.5])', () => np.expandDims(F(), [0.5]), TypeError, /'float' object cannot be interpreted as an integer/],
  ["transpose(M, 'ab')", () => np.transpose(M(), 'ab' as never), TypeError, /axes must be a sequence of ints/],
  ['moveaxis(M, null, 0)', () => np.moveaxis(M(), null as never, 0), TypeError, /`source` must be an int or a sequence of ints/],
  ["sum(M, {axis: ['0']})", () => np.sum(M(), { axis: ['0'] } as never), TypeError, /`axis` must be an integer/],
  ['x.view past the buffer', () => F().view([4], [1], 0), np.ValueError, /reach elements 0\.\.3 of a buffer of 3/],
  ['x.view with a negative dim', () => F().view([-1], [1], 0), TypeError, /shape and strides must be integers \(shape >= 0\)/],
  ['x.view with a fractional offset', () => F().view([1], [1], 0.5), TypeError, /offset an integer/],
  ['int32 + 1e12', () => np.add(np.array([1], { dtype: 'int32' }), 1e12), np.OverflowError, /integer 1000000000000 out of bounds for int32/],
  ['sumToShape([1, 2], [1])', () => np.sumToShape([1, 2] as never, [1]), TypeError, /sumToShape\(\): `g` must be an NDArray/],
  ['sumToShape(x, [-1])', () => np.sumToShape(F(), [-1]), np.ValueError, /negative dimensions are not allowed/],
  ['numericalGrad(null, x)', () => np.numericalGrad(null as never, F()), TypeError, /`f` must be a function, got null/],
  ['fromBuffer(null)', () => np.fromBuffer(null as never), TypeError, /fromBuffer\(\): expected a typed array .*got null/],
  ['fromBuffer(ArrayBuffer)', () => np.fromBuffer(new ArrayBuffer(8) as never), TypeError, /expected a typed array .*got ArrayBuffer/],
  ['fromBuffer(x, {shape: [2.5]})', () => np.fromBuffer(new Float64Array(4), { shape: [2.5] }), TypeError, /'float' object cannot be interpreted as an integer/],
  ['zerosLike(null)', () => np.zerosLike(null as never), TypeError, /array elements must be numbers or booleans, got null/],
  ['checkOptions(fn, {}, null)', () => np.checkOptions('f', {}, null as never), TypeError, /`valid` must be a list of option names, got null/],
  ['setPrintOptions(null)', () => np.setPrintOptions(null as never), TypeError, /takes its options as an object/],
];

// A worked example first.
test('np.concatenate(null) says what it needs instead of "Cannot read properties of null"', () => {
  assert.throws(() => np.concatenate(null as never), (e: Error) => e instanceof TypeError && /sequence of arrays/.test(e.message));
});

test(`${CASES.length} calls that used to fail with raw JavaScript errors give tessera's errors, allocating nothing`, () => {
  for (const [name, call, cls, message] of CASES) {
    const before = np.memory().cpu.arrays;
    let error: unknown = null;
    try {
      call();
    } catch (e) {
      error = e;
    }
    assert.instance(error, cls, `${name}: expected ${cls.name}, got ${String(error)}`);
    assert.match((error as Error).message, message, name);
    // Arrays made by the case itself (M(), F()) are the only ones allowed to remain.
    assert.ok(np.memory().cpu.arrays - before <= 5, `${name}: np.memory() grew by ${np.memory().cpu.arrays - before}`);
  }
});

test('what NumPy accepts: an array as the list of arrays, JS lists for *Like and savetxt', async () => {
  assert.equal(np.concatenate(M()).toArraySync(), [0, 1, 2, 3, 4, 5]);
  assert.equal(np.stack(M(), { axis: 1 }).toArraySync(), [[0, 3], [1, 4], [2, 5]]);
  assert.equal(np.vstack(M()).shape, [2, 3]);
  assert.equal(np.hstack(M()).toArraySync(), [0, 1, 2, 3, 4, 5]);
  const m = M();
  const before = np.memory().cpu.arrays;
  np.concatenate(m).dispose();
  assert.is(np.memory().cpu.arrays, before, 'the row views were freed');
  const z = np.zerosLike([[1, 2, 3]]);
  assert.equal([z.shape, z.dtype], [[1, 3], 'int32']);
  assert.equal(np.fullLike([1.5, 2], 7).toArraySync(), [7, 7]);
  assert.is(await np.savetxtToString([1, 2], { fmt: '%d' }), '1\n2\n');
  assert.equal(np.arraySplit([1, 2, 3, 4], np.array([1, 3])).map((p) => p.toArraySync()), [[1], [2, 3], [4]]);
  assert.equal(np.takeAlongAxis([[10, 30, 20]], [[1]], 1).toArraySync(), [[30]]);
  assert.equal(np.broadcastShapes(3, [2, 1]), [2, 3]);
});

test('np.concatenate(M) is differentiable (its rows are joined outside the recorded op); canCast takes equiv', () => {
  const w = np.array([1, 2, 3, 4]);
  const g = np.grad((m: np.NDArray) => np.sum(np.multiply(np.concatenate(m), w)))(np.array([[1, 2], [3, 4]]));
  assert.equal(g.toArraySync(), [[1, 2], [3, 4]]);
  assert.is(np.canCast('int32', 'int32', 'equiv'), true);
  assert.is(np.canCast('int32', 'float64', 'equiv'), false);
});

test('savetxt refuses text options of the wrong type', async () => {
  for (const [options, message] of [[{ delimiter: 1 }, /`delimiter` must be a string, got 1/], [{ fmt: [1] }, /`fmt` must be a string or a list of strings/]] as const) {
    let error: unknown = null;
    try {
      await np.savetxtToString([1, 2], options as never);
    } catch (e) {
      error = e;
    }
    assert.instance(error, TypeError);
    assert.match((error as Error).message, message);
  }
});

test('Pipeline steps that are not [name, estimator] pairs are refused at fit, in sklearn\'s words', async () => {
  const X = np.array([[1, 2], [3, 4], [5, 7]]);
  const y = np.array([1, 2, 3]);
  const cases: [string, () => Pipeline, RegExp][] = [
    ['[[Ridge()]]', () => new Pipeline([[new Ridge()]] as never), /step 0 must be a \[name, estimator\] pair \(not enough values to unpack \(expected 2\)\), got a list of 1 item/],
    ['[Ridge()]', () => new Pipeline([new Ridge()] as never), /step 0 must be a \[name, estimator\] pair/],
    ['[[1, Ridge()]]', () => new Pipeline([[1, new Ridge()]] as never), /step 0: the name must be a string/],
    ['[]', () => new Pipeline([]), /Pipeline has no steps/],
  ];
  for (const [name, make, message] of cases) {
    const pipe = make();
    assert.type(String(pipe), 'string', `${name}: printing works`);
    let error: unknown = null;
    try {
      await pipe.fit(X, y);
    } catch (e) {
      error = e;
    }
    assert.instance(error, Error, name);
    assert.not.match((error as Error).message, /is not iterable|Cannot read/, name);
    assert.match((error as Error).message, message, name);
  }
});

test.run();
