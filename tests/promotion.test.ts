// dtype promotion against NumPy 1.24 (tests/oracle/ufuncs.py): np.result_type and the result dtype of
// a dozen ufuncs for every pair of tessera's 9 dtypes, every unary ufunc on every dtype, and whether an
// in-place op may write its result back ('same_kind'). Then JS-number scalars, tested against the
// NEP 50 rules directly (NumPy 1.24 still casts scalars by value, so it cannot be the oracle there).
//
// Documented differences, applied to NumPy's answers below:
//  - float16: NumPy's float ops on bool and 8-bit ints give float16; tessera has none and gives float32.
//  - int64: uint32 mixed with a signed int is int64 in NumPy; tessera has no int64 and gives float64,
//    so bitwise ops on such pairs raise TypeError and writing such a sum into an int array in place
//    fails the 'same_kind' cast (tessera names float64 where NumPy names int64).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { DType } from '../ndarray/dtype.ts';
import { BINARY_OPS, UNARY_OPS, computeDtypes } from '../ndarray/ops.ts';
import { type NpError, checkError } from './ufuncs-fixtures.ts';
import fixture from './fixtures/ufuncs_promotion.json';

type Fn = (...xs: unknown[]) => np.NDArray;
const fn = (name: string): Fn => (np as unknown as Record<string, Fn>)[name];
const TESSERA: Record<string, DType> = { float16: 'float32', int64: 'float64' };
const BITWISE_INT64 = "ufunc 'bitwise_and' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''";

/** NumPy's answer (a dtype name or an error) -> tessera's expected answer, per the rules above. */
function expected(op: string, answer: string | NpError): string | NpError {
  if (typeof answer !== 'string') return { ...answer, message: answer.message.replace("dtype('int64')", "dtype('float64')") };
  if (answer === 'int64' && op === 'bitwiseAnd') return { type: 'TypeError', message: BITWISE_INT64 };
  return TESSERA[answer] ?? answer;
}

function check(what: string, op: string, answer: string | NpError, run: () => np.NDArray): void {
  const want = expected(op, answer);
  if (typeof want === 'string') assert.is(run().dtype, want, what);
  else checkError(run, want, what);
}

test('worked example: uint8 with int8 is int16, int32 with float32 is float64, bool with uint8 is uint8; uint8 + 1 stays uint8', () => {
  // np.promote_types('uint8', 'int8'), np.promote_types('int32', 'float32'), np.promote_types('bool', 'uint8') -> int16 float64 uint8
  assert.is(np.promoteTypes('uint8', 'int8'), 'int16');
  assert.is(np.promoteTypes('int32', 'float32'), 'float64');
  assert.is(np.promoteTypes('bool', 'uint8'), 'uint8');
  // (np.array([1], np.int8) + np.array([1], np.int16)).dtype, (np.array([1], np.uint8) + 1).dtype -> int16 uint8
  assert.is(np.add(np.array([1], { dtype: 'int8' }), np.array([1], { dtype: 'int16' })).dtype, 'int16');
  assert.is(np.add(np.array([1], { dtype: 'uint8' }), 1).dtype, 'uint8');
});

test('np.result_type / promoteTypes for every pair of dtypes', () => {
  assert.is(fixture.pairs.length, 81);
  for (const p of fixture.pairs) {
    assert.is(np.promoteTypes(p.a as DType, p.b as DType), TESSERA[p.result_type] ?? p.result_type, `${p.a} + ${p.b}`);
    assert.is(np.resultType(p.a as DType, p.b as DType), TESSERA[p.result_type] ?? p.result_type);
  }
});

test('binary ufuncs: result dtype (or error) for every pair of dtypes', () => {
  for (const p of fixture.pairs) {
    const [a, b] = [np.ones([2], { dtype: p.a as DType }), np.ones([2], { dtype: p.b as DType })];
    for (const [op, answer] of Object.entries(p.ops)) check(`${op}(${p.a}, ${p.b})`, op, answer, () => fn(op)(a, b));
  }
});

test('unary ufuncs: result dtype (or error) for every dtype', () => {
  for (const u of fixture.unary) {
    const x = np.ones([2], { dtype: u.dtype as DType });
    for (const [op, answer] of Object.entries(u.ops)) check(`${op}(${u.dtype})`, op, answer, () => fn(op)(x));
  }
});

test("in-place ops cast back with 'same_kind' (uint8 /= x throws CastingError)", () => {
  for (const c of fixture.inplace) {
    const x = np.ones([3], { dtype: c.out as DType });
    const other = np.ones([3], { dtype: c.other as DType });
    const run = (): np.NDArray => fn(c.op)(x, other, { out: x });
    const int64ToSignedInt = c.ok && ['int8', 'int16', 'int32'].includes(c.out) && c.other === 'uint32';
    if (c.error || int64ToSignedInt) {
      const message = `Cannot cast ufunc '${c.op}' output from dtype('float64') to dtype('${c.out}') with casting rule 'same_kind'`;
      checkError(run, c.error ? expected(c.op, c.error) : { type: 'UFuncTypeError', message }, `${c.op}(${c.out}, ${c.other}, out)`);
    } else {
      assert.is(run(), x);
    }
  }
  const images = np.array([0, 128, 255], { dtype: 'uint8' });
  checkError(() => images.idiv(255), "Cannot cast ufunc 'divide' output from dtype('float64') to dtype('uint8') with casting rule 'same_kind'", 'uint8 /= 255');
  assert.throws(() => images.idiv(255), (e: unknown) => e instanceof np.CastingError);
  assert.equal(images.astype('float32').idiv(255).toArraySync(), [0, 128 / 255, 1].map(Math.fround));
});

test('JS numbers are weak scalars (NEP 50): the array keeps its dtype', () => {
  const u8 = np.array([1, 2, 250], { dtype: 'uint8' });
  const i32 = np.array([1, 2, 3]);
  const f32 = np.array([1, 2, 3], { dtype: 'float32' });
  const b = np.array([true, false]);
  assert.is(np.add(u8, 2).dtype, 'uint8');
  assert.equal(np.multiply(u8, 2).toArraySync(), [2, 4, 244], 'uint8 wraps');
  assert.is(np.add(u8, 2.5).dtype, 'float64', 'a fraction makes ints float64');
  assert.is(np.add(i32, NaN).dtype, 'float64');
  assert.is(np.add(i32, 2.0).dtype, 'int32', 'JS cannot tell 2.0 from 2');
  assert.is(np.add(f32, 2.5).dtype, 'float32');
  assert.is(np.multiply(f32, 1e300).dtype, 'float32');
  assert.is(np.divide(f32, 3).dtype, 'float32');
  assert.is(np.divide(i32, 3).dtype, 'float64');
  assert.is(np.add(b, 1).dtype, 'int32');
  assert.is(np.add(b, 1.5).dtype, 'float64');
  assert.is(np.add(b, true).dtype, 'bool');
  assert.is(np.add(u8, true).dtype, 'uint8');
  assert.is(np.maximum(f32, 0).dtype, 'float32');
  assert.is(np.where([true, false, true], f32, 0).dtype, 'float32');
  assert.is(np.power(np.array([1, 2], { dtype: 'int8' }), 2).dtype, 'int8');
  assert.is(np.resultType('uint8', 2), 'uint8');
});

test('two scalars: integers give int32, fractions float64, booleans bool', () => {
  assert.is(np.add(1, 2).dtype, 'int32');
  assert.is(np.add(1, 2.5).dtype, 'float64');
  assert.is(np.add(true, false).dtype, 'bool');
  assert.is(np.add(3e9, 1).dtype, 'float64');
});

test('an integer the array cannot hold throws, except in comparisons, which are exact', () => {
  const u8 = np.array([0, 255], { dtype: 'uint8' });
  checkError(() => np.add(u8, 300), "integer 300 out of bounds for uint8 (cast the array first, e.g. x.astype('int32'))", 'uint8 + 300');
  checkError(() => np.add(u8, -1), "integer -1 out of bounds for uint8 (cast the array first, e.g. x.astype('int32'))", 'uint8 + -1');
  assert.throws(() => np.add(u8, 300), (e: unknown) => e instanceof RangeError);
  assert.equal(np.less(u8, 300).toArraySync(), [true, true]);
  assert.equal(np.equal(u8, -1).toArraySync(), [false, false]);
  assert.equal(np.greater(np.array([2 ** 31 - 1]), 2 ** 31).toArraySync(), [false]);
});

test('computeDtypes lists the dtypes each op computes in (what a backend must support)', () => {
  assert.equal(computeDtypes(BINARY_OPS.get('subtract')!), ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64']);
  assert.equal(computeDtypes(UNARY_OPS.get('sqrt')!), ['float32', 'float64']);
  assert.equal(computeDtypes(BINARY_OPS.get('divide')!), ['float64', 'float32']);
  assert.equal(computeDtypes(BINARY_OPS.get('bitwiseAnd')!), ['bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32']);
  assert.equal(computeDtypes(BINARY_OPS.get('add')!).length, 9);
});

test.run();
