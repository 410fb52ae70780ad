// Defect class 3 (issue 12), shapes and sizes: every shape/size argument goes through one check
// (checkShape/checkSize in ndarray/shape.ts). NaN, 2.5, '3' or undefined give NumPy's TypeError
// "'float' object cannot be interpreted as an integer"; negatives give NumPy's ValueError; sizes no typed
// array can hold give "array is too big" / "Maximum allowed size exceeded", never a raw RangeError or an
// array with an impossible shape. np.memory() is the same after each refusal as before it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { thrownSync } from '../helpers.ts';

test("worked example: np.zeros([2.5]) is NumPy's TypeError, np.zeros([-1]) its ValueError", () => {
  // np.zeros((2.5,)) -> TypeError: 'float' object cannot be interpreted as an integer
  const e1 = thrownSync(() => np.zeros([2.5])); // tessera adds the value: "... an integer (got 2.5)"
  assert.ok(e1 instanceof TypeError && e1.message.startsWith("'float' object cannot be interpreted as an integer"), String(e1));
  // np.zeros((-1,)) -> ValueError: negative dimensions are not allowed
  const e2 = thrownSync(() => np.zeros([-1]));
  assert.ok(e2 instanceof np.ValueError && e2.message === 'negative dimensions are not allowed', String(e2));
});

type Case = [string, () => unknown, new (...a: never[]) => Error, RegExp];
const x = np.arange(6).reshape([2, 3]);
const CASES: readonly Case[] = [
  ['zeros([2.5])', () => np.zeros([2.5]), TypeError, /'float' object cannot be interpreted as an integer/],
  ['zeros([NaN])', () => np.zeros([NaN]), TypeError, /'float' object cannot be interpreted as an integer/],
  ['zeros(NaN)', () => np.zeros(NaN), TypeError, /cannot be interpreted as an integer/],
  ["zeros(['3'])", () => np.zeros(['3'] as never), TypeError, /'str' object cannot be interpreted as an integer/],
  ['zeros([undefined])', () => np.zeros([undefined] as never), TypeError, /'undefined' object cannot be interpreted/],
  ['zeros([Infinity])', () => np.zeros([Infinity]), TypeError, /cannot be interpreted as an integer/],
  ['zeros([-1])', () => np.zeros([-1]), np.ValueError, /negative dimensions are not allowed/],
  ['zeros(-3)', () => np.zeros(-3), np.ValueError, /negative dimensions are not allowed/],
  ['zeros([2 ** 40])', () => np.zeros([2 ** 40]), np.ValueError, /array is too big; `arr.size \* arr.dtype.itemsize` is larger than the maximum possible size/],
  ['zeros([2 ** 20, 2 ** 20])', () => np.zeros([2 ** 20, 2 ** 20]), np.ValueError, /array is too big/],
  ['zeros(null)', () => np.zeros(null as never), TypeError, /'NoneType' object cannot be interpreted as an integer/],
  ['empty([3, 1.5])', () => np.empty([3, 1.5]), TypeError, /'float' object/],
  ['ones([-2, 3])', () => np.ones([-2, 3]), np.ValueError, /negative dimensions are not allowed/],
  ['ones([2 ** 40])', () => np.ones([2 ** 40]), np.ValueError, /array is too big/],
  ['full([0.5], 1)', () => np.full([0.5], 1), TypeError, /'float' object/],
  ['full([-1], 1)', () => np.full([-1], 1), np.ValueError, /negative dimensions/],
  ['reshape(x, [2.5, 2])', () => np.reshape(x, [2.5, 2]), TypeError, /'float' object cannot be interpreted as an integer/],
  ['reshape(x, [NaN, 6])', () => np.reshape(x, [NaN, 6]), TypeError, /cannot be interpreted as an integer/],
  ['reshape(x, [-2, -3])', () => np.reshape(x, [-2, -3]), np.ValueError, /negative dimensions not allowed/],
  ['broadcastTo(x, [-1, 3])', () => np.broadcastTo(x, [-1, 3]), np.ValueError, /all elements of broadcast shape must be non-negative/],
  ['broadcastTo(x, [2.5, 3])', () => np.broadcastTo(x, [2.5, 3]), TypeError, /'float' object/],
  ['broadcastTo(x, [2 ** 40, 3])', () => np.broadcastTo(x, [2 ** 40, 2, 3]), np.ValueError, /array is too big/],
  ['eye(-1)', () => np.eye(-1), np.ValueError, /negative dimensions are not allowed/],
  ['eye(2, -1)', () => np.eye(2, -1), np.ValueError, /negative dimensions are not allowed/],
  ['eye(2.5)', () => np.eye(2.5), TypeError, /'float' object cannot be interpreted as an integer/],
  ['eye(NaN)', () => np.eye(NaN), TypeError, /cannot be interpreted as an integer/],
  ['eye(2, 2, {k: 0.5})', () => np.eye(2, 2, { k: 0.5 }), TypeError, /cannot be interpreted as an integer/],
  ['eye(2 ** 20)', () => np.eye(2 ** 20), np.ValueError, /array is too big/],
  ['identity(-1)', () => np.identity(-1), np.ValueError, /negative dimensions are not allowed/],
  ['identity(1.5)', () => np.identity(1.5), TypeError, /'float' object/],
  ['arange(NaN)', () => np.arange(NaN), np.ValueError, /arange: cannot compute length/],
  ['arange(0, Infinity)', () => np.arange(0, Infinity), np.ValueError, /arange: cannot compute length/],
  ['arange(0, 1, NaN)', () => np.arange(0, 1, NaN), np.ValueError, /arange: cannot compute length/],
  ['arange(2 ** 40)', () => np.arange(2 ** 40), np.ValueError, /Maximum allowed size exceeded/],
  ["arange('5')", () => np.arange('5' as never), TypeError, /must be a number, got string/],
  ['linspace(0, 1, 2.5)', () => np.linspace(0, 1, 2.5), TypeError, /'float' object cannot be interpreted as an integer/],
  ['linspace(0, 1, NaN)', () => np.linspace(0, 1, NaN), TypeError, /cannot be interpreted as an integer/],
  ['linspace(0, 1, -1)', () => np.linspace(0, 1, -1), np.ValueError, /Number of samples, -1, must be non-negative/],
  ['linspace(0, 1, 2 ** 40)', () => np.linspace(0, 1, 2 ** 40), np.ValueError, /Maximum allowed size exceeded/],
  ['tile(x, 2.5)', () => np.tile(x, 2.5), TypeError, /'float' object cannot be interpreted as an integer/],
  ['tile(x, [-1])', () => np.tile(x, [-1]), np.ValueError, /negative dimensions are not allowed/],
  ['tile(x, [2 ** 40])', () => np.tile(x, [2 ** 40]), np.ValueError, /array is too big/],
  ['repeat(x, -1)', () => np.repeat(x, -1), np.ValueError, /negative dimensions are not allowed/],
  ['repeat(x, 2 ** 40)', () => np.repeat(x, 2 ** 40), np.ValueError, /array is too big/],
  ['bincount minlength 2.5', () => np.bincount([1, 2], { minlength: 2.5 }), TypeError, /'float' object cannot be interpreted as an integer/],
  ['bincount minlength NaN', () => np.bincount([1, 2], { minlength: NaN }), TypeError, /cannot be interpreted as an integer/],
  ['bincount minlength -1', () => np.bincount([1, 2], { minlength: -1 }), np.ValueError, /'minlength' must not be negative/],
  ['random.random([2.5])', () => np.random.random([2.5]), TypeError, /'float' object cannot be interpreted as an integer/],
  ['random.random([-1])', () => np.random.random([-1]), np.ValueError, /negative dimensions are not allowed/],
];

for (const [name, call, cls, msg] of CASES) {
  test(`refuses ${name}`, () => {
    const before = JSON.stringify(np.memory());
    const caught = thrownSync(call);
    assert.ok(caught instanceof cls, `${name}: expected ${cls.name}, got ${caught === null ? 'no error' : String(caught)}`);
    assert.ok(!(caught instanceof RangeError), `${name}: raw RangeError`);
    assert.match((caught as Error).message, msg);
    assert.is(JSON.stringify(np.memory()), before, `${name}: np.memory() changed`);
  });
}

test('a number and an NDArray are accepted as shapes', () => {
  assert.equal(np.zeros(3).shape, [3]);
  assert.equal(np.zeros(np.array([2, 3])).shape, [2, 3]);
  assert.equal(np.ones(Int32Array.from([2, 2]) as never).shape, [2, 2]);
  assert.equal(np.reshape(x, np.array([3, 2])).shape, [3, 2]);
  assert.equal(np.broadcastTo(np.array([1, 2, 3]), np.array([2, 3])).shape, [2, 3]);
  assert.equal(np.tile(np.array([1, 2]), np.array([2])).shape, [4]);
  assert.equal(np.zeros([0, 3]).shape, [0, 3]);
  assert.equal(np.eye(0).shape, [0, 0]);
  assert.equal(np.arange(5, 0).shape, [0]);
  assert.equal(np.bincount([1], { minlength: 3 }).shape, [3]);
});


// Values from JS data into integer arrays follow NumPy 2's rules for Python scalars (astype keeps C casts).
type VCase = [string, () => unknown, string, RegExp];
const VALUES: readonly VCase[] = [
  ['array([NaN], int32)', () => np.array([NaN], { dtype: 'int32' }), 'ValueError', /cannot convert float NaN to integer/],
  ['array([Infinity], int32)', () => np.array([Infinity], { dtype: 'int32' }), 'OverflowError', /cannot convert float infinity to integer/],
  ['array([-Infinity], uint8)', () => np.array([[1], [-Infinity]], { dtype: 'uint8' }), 'OverflowError', /cannot convert float infinity to integer/],
  ['array([300], uint8)', () => np.array([300], { dtype: 'uint8' }), 'OverflowError', /Python integer 300 out of bounds for uint8/],
  ['array([-1], uint8)', () => np.array([-1], { dtype: 'uint8' }), 'OverflowError', /Python integer -1 out of bounds for uint8/],
  ['array([2 ** 31], int32)', () => np.array([2 ** 31], { dtype: 'int32' }), 'OverflowError', /Python integer 2147483648 out of bounds for int32/],
  ['array([40000], int16)', () => np.array([40000], { dtype: 'int16' }), 'OverflowError', /out of bounds for int16/],
  ["array(['a'])", () => np.array(['a'] as never), 'TypeError', /must be numbers or booleans, got string/],
  ['array([undefined])', () => np.array([1, undefined] as never), 'TypeError', /got undefined/],
  ['array([{}])', () => np.array([{}] as never), 'TypeError', /must be numbers or booleans, got object/],
  ['full([2], NaN, int32)', () => np.full([2], NaN, { dtype: 'int32' }), 'ValueError', /cannot convert float NaN to integer/],
  ['full([2], 300, uint8)', () => np.full([2], 300, { dtype: 'uint8' }), 'OverflowError', /Python integer 300 out of bounds for uint8/],
  ['x.set(0, NaN) on int32', () => np.zeros([2], { dtype: 'int32' }).set(0, NaN), 'ValueError', /cannot convert float NaN to integer/],
  ["full([2], 'a')", () => np.full([2], 'a' as never), 'TypeError', /got the string "a"/],
];
for (const [name, call, cls, msg] of VALUES) {
  test(`refuses ${name}`, () => {
    const before = JSON.stringify(np.memory());
    const caught = thrownSync(call);
    assert.ok(caught instanceof Error && caught.name === cls, `${name}: expected ${cls}, got ${caught === null ? 'no error' : String(caught)}`);
    if (cls === 'OverflowError') assert.ok(caught instanceof RangeError, 'OverflowError is a RangeError, as elsewhere in tessera');
    assert.match((caught as Error).message, msg);
    if (!name.startsWith('x.set')) assert.is(JSON.stringify(np.memory()), before, `${name}: np.memory() changed`);
  });
}

test('values that fit, typed arrays and astype still convert as before', () => {
  assert.equal(np.array([255, 0], { dtype: 'uint8' }).toArraySync(), [255, 0]);
  assert.equal(np.array([2.7, -1.5], { dtype: 'int32' }).toArraySync(), [2, -1]);
  assert.equal(np.array([NaN, 1], { dtype: 'bool' }).toArraySync(), [true, true]);
  assert.equal(np.array([NaN, Infinity], { dtype: 'float32' }).toArraySync(), [NaN, Infinity]);
  assert.equal(np.array(Float64Array.from([300]), { dtype: 'uint8' }).toArraySync(), [44]);
  assert.equal(np.array([300]).astype('uint8').toArraySync(), [44]);
  assert.equal(np.full([1], 7, { dtype: 'uint8' }).toArraySync(), [7]);
});

test.run();
