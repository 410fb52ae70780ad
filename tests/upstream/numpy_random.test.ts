// Ports of NumPy's numpy/random/tests/test_randomstate.py (TestBroadcast, TestRandint, TestRandomDist,
// TestMultinomial, TestSingleEltArrayInput) for tessera's RandomState, which mirrors NumPy's legacy
// RandomState. Array-valued parameters broadcast together and against `size`; every stream is compared
// bit for bit with NumPy's (tests/fixtures/random_broadcast.json, from tests/oracle/random_broadcast.py),
// and a refused call must leave the stream where it was. A worked example first:
// RandomState(0).normal([0, 0, 0], [1]) draws three normals, the first three of the seed-0 stream.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import fixture from '../fixtures/random_broadcast.json';
import { decodeNested as decode } from '../fixture-values.ts';

const { RandomState } = np.random;
type Case = { fn: string; args: unknown[]; dtype?: string; out?: unknown; shape?: number[]; next?: number; error?: string; message?: string };

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [Number(v)]);
const values = (x: unknown): number[] => (x instanceof np.NDArray ? Array.from(x.dataSync(), Number) : [x as number]);

/** Runs a fixture case on a RandomState (tessera's argument order: the parameters, size, {dtype}). */
function call(r: InstanceType<typeof RandomState>, c: Case): unknown {
  const args = c.args.map(decode) as never[];
  const method = (r as unknown as Record<string, (...a: unknown[]) => unknown>)[c.fn].bind(r);
  if (c.fn === 'randint') return method(args[0], args[1] ?? null, args[2] ?? null, c.dtype ? { dtype: c.dtype } : {});
  return method(...args);
}

const PY_TO_JS: Record<string, string> = { ValueError: 'ValueError', TypeError: 'TypeError', OverflowError: 'OverflowError' };

test('worked example: RandomState(0).normal([0, 0, 0], [1]) is the seed-0 stream, three long', () => {
  const r = new RandomState(0).normal([0, 0, 0], [1]);
  assert.equal(r.shape, [3]);
  assert.equal(values(r), values(new RandomState(0).standardNormal(3)));
});

test(`test_randomstate.py::TestBroadcast (and friends): ${fixture.cases.length} calls bit-identical to NumPy ${fixture.numpy}, or refused as NumPy refuses`, () => {
  for (const c of fixture.cases as Case[]) {
    const label = `${c.fn}(${JSON.stringify(c.args)}${c.dtype ? `, dtype ${c.dtype}` : ''})`;
    const r = new RandomState(0);
    if (c.error === undefined) {
      const out = call(r, c);
      assert.ok(out instanceof np.NDArray, `${label}: an array`);
      assert.equal(out.shape, c.shape, `${label}: shape`);
      assert.equal(values(out), flat(c.out), `${label}: values`);
      assert.is(r.randomSample(), c.next, `${label}: the stream continues where NumPy's does`);
      continue;
    }
    let thrown: unknown = null;
    try {
      call(r, c);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error, `${label} should throw ${c.error}: ${c.message}`);
    assert.is(thrown.name, PY_TO_JS[c.error], `${label}: ${thrown.message}`);
    assert.ok(thrown.message.startsWith(c.message!.trim()), `${label}: "${thrown.message}" should start with "${c.message}"`);
    assert.is(r.randomSample(), new RandomState(0).randomSample(), `${label}: a refused call must not move the stream`);
  }
});

test('test_randomstate.py::TestRandomDist::test_normal_0 and parameters of the wrong type', () => {
  assert.is(new RandomState(0).normal(0, 0), 0);
  assert.throws(() => new RandomState(0).normal(0, -0), /^scale < 0/);
  const refused: [string, () => unknown, RegExp][] = [
    ['TypeError', () => new RandomState(0).normal(null as unknown as number, 1), /^must be real number, not NoneType \(got null\)/],
    ['TypeError', () => new RandomState(0).normal({} as unknown as number, 1), /^float\(\) argument must be a string or a real number, not 'Object'/],
    ['ValueError', () => new RandomState(0).normal('a' as unknown as number, 1), /^could not convert string to float: 'a'/],
    ['TypeError', () => new RandomState(0).uniform(0, '2' as unknown as number), /^must be real number, not str/],
    ['TypeError', () => new RandomState(0).binomial(undefined as unknown as number, 0.5), /^must be real number, not undefined/],
    ['TypeError', () => new RandomState(0).poisson([1, 'x'] as unknown as number[]), /number/],
    ['ValueError', () => new RandomState(0).randint('a' as unknown as number), /^could not convert string to float: 'a'/],
  ];
  for (const [name, f, message] of refused) {
    assert.throws(f, (e: Error) => e.name === name && message.test(e.message), String(message));
  }
  // a refused call never moves the stream: the next draw is a fresh generator's first
  const r = new RandomState(7);
  assert.throws(() => r.normal('a' as unknown as number, 1));
  assert.throws(() => r.normal(0, [1, -1]));
  assert.throws(() => r.randint([0, 10], [5, 5]));
  assert.is(r.normal(), new RandomState(7).normal());
});

test('test_randomstate.py::TestRandint::test_bounds_checking and test_rng_zero_and_extremes (array bounds)', () => {
  const r = new RandomState(1234);
  for (const [dtype, lo, hi] of [['uint8', 0, 255], ['int8', -128, 127], ['int16', -32768, 32767], ['int32', -(2 ** 31), 2 ** 31 - 1]] as const) {
    assert.throws(() => r.randint(lo - 1, hi + 1, null, { dtype }), /out of bounds/, dtype);
    assert.throws(() => r.randint([lo - 1], [hi], null, { dtype }), /^low is out of bounds/, dtype);
    assert.throws(() => r.randint([lo], [hi + 2], null, { dtype }), /^high is out of bounds/, dtype);
    assert.throws(() => r.randint([hi], [lo], null, { dtype }), /^low >= high/, dtype);
    // rng = 0: the only value, at either end of the range, whether the bounds are numbers or arrays
    assert.equal(values(r.randint([hi - 1], [hi], [3], { dtype })), [hi - 1, hi - 1, hi - 1], dtype);
    assert.equal(values(r.randint([lo], [lo + 1], [2], { dtype })), [lo, lo], dtype);
    assert.equal(values(r.randint(lo, [lo + 1, lo + 1], null, { dtype })), [lo, lo], dtype);
  }
});

test('test_randomstate.py::TestRandomDist::test_uniform_range_bounds', () => {
  const r = new RandomState(0);
  const big = Number.MAX_VALUE;
  assert.throws(() => r.uniform(-big, big), (e: Error) => e instanceof RangeError && /^Range exceeds valid bounds/.test(e.message));
  assert.throws(() => r.uniform([-big], [big]), (e: Error) => e instanceof RangeError);
  assert.ok(Number.isFinite(r.uniform(-big / 2, big / 2)));
});

test('test_randomstate.py::TestSingleEltArrayInput: one-element array parameters give shape (1,) arrays', () => {
  const r = new RandomState(0);
  for (const out of [r.normal([0], 1), r.normal(0, [1]), r.uniform([0], [1]), r.poisson([3]), r.binomial([10], [0.5]), r.randint([0], [5])]) {
    assert.ok(out instanceof np.NDArray);
    assert.equal(out.shape, [1]);
  }
  assert.equal(r.normal([[0]], 1, [2, 3]).shape, [2, 3]);
});

test('test_randomstate.py::TestMultinomial::test_basic, test_size, test_invalid_prob (legacy: 1-D pvals only)', () => {
  const r = new RandomState(0);
  assert.equal(r.multinomial(100, [0.2, 0.8]).shape, [2]);
  assert.equal(r.multinomial(1, [0.5, 0.5], [2, 2]).shape, [2, 2, 2]);
  assert.equal(r.multinomial(1, [0.5, 0.5], 3).shape, [3, 2]);
  assert.throws(() => r.multinomial(100, [1.1, -0.1]), /^pvals < 0, pvals > 1 or pvals contains NaNs/);
  assert.throws(() => r.multinomial(100, [-0.1, 0.9]), /^pvals < 0, pvals > 1 or pvals contains NaNs/);
  assert.throws(() => r.multinomial(10, [[0.5, 0.5], [0.2, 0.8]]), /^object too deep for desired array/);
  assert.throws(() => r.multinomial(-1, [0.8, 0.2]), /^n < 0/);
});

test.run();
