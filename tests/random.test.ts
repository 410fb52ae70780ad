// np.random against NumPy's legacy RandomState: every stream in tests/fixtures/random.json (written
// by tests/oracle/random_streams.py) must come out bit for bit, doubles compared with ===.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import * as random from '../ndarray/random/index.ts';
import { RandomState } from '../ndarray/random/index.ts';
import { log, fma } from '../ndarray/random/log.ts';
import { MT19937 } from '../ndarray/random/mt19937.ts';
import { maskFor } from '../ndarray/random/bounded.ts';
import fx from './fixtures/random.json';
import { decodeNested as decode } from './fixture-values.ts';

type Spec = { fn: string; args?: unknown[]; dtype?: string; replace?: boolean; p?: unknown[]; out?: unknown };

const plain = (x: unknown): unknown => (x instanceof np.NDArray ? x.toArraySync() : x);

/** Runs one fixture call spec (tessera's names and argument order) on a RandomState. */
function call(r: RandomState, spec: Spec): unknown {
  const args = (decode(spec.args ?? []) as unknown[]);
  const a = args as never[];
  switch (spec.fn) {
    case 'getState': {
      const [, keys, pos, hasGauss, gauss] = r.getState();
      return { keys5: Array.from(keys.slice(0, 5)), last: keys[623], pos, hasGauss, gauss };
    }
    case 'shuffle': {
      const x = np.array(args[0] as number[]);
      r.shuffle(x);
      return x.toArraySync();
    }
    case 'randint':
      return plain(r.randint(a[0], a[1], a[2], spec.dtype ? { dtype: spec.dtype as np.DType } : {}));
    case 'choice':
      return plain(r.choice(a[0], a[1], { replace: spec.replace, p: decode(spec.p) as number[] | undefined }));
    default: {
      const method = (r as unknown as Record<string, (...xs: unknown[]) => unknown>)[spec.fn];
      return plain(method.apply(r, args));
    }
  }
}

test('worked example: RandomState(0) draws rand(3) and randint(0, 10, 5) as NumPy does, bit for bit', () => {
  // np.random.RandomState(0).rand(3).tolist() -> [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]
  assert.equal(new RandomState(0).rand(3).toArraySync(), [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]);
  // np.random.RandomState(0).randint(0, 10, 5).tolist() -> [5, 0, 3, 3, 7]
  assert.equal(new RandomState(0).randint(0, 10, 5).toArraySync(), [5, 0, 3, 3, 7]);
});

const streams = fx.streams as unknown as { seed: number | number[]; group: string; calls: Spec[] }[];
for (const group of ['basic', 'floats', 'ints', 'sequences', 'counts']) {
  test(`streams match NumPy: ${group}`, () => {
    let n = 0;
    for (const s of streams.filter((x) => x.group === group)) {
      const r = new RandomState(s.seed);
      for (const [i, spec] of s.calls.entries()) {
        assert.equal(call(r, spec), spec.out, `seed ${JSON.stringify(s.seed).slice(0, 20)} call ${i}: ${spec.fn}(${JSON.stringify(spec.args ?? [])})`);
        n++;
      }
    }
    assert.ok(n > 20);
  });
}

test('the module-level functions share one global stream, as np.random.* do', () => {
  const g = fx.global;
  random.seed(g.seed);
  assert.equal(random.rand(3).toArraySync(), g.rand);
  assert.equal(random.randn(2).toArraySync(), g.randn);
  assert.equal(random.randint(0, 10, 5).toArraySync(), g.randint);
  assert.equal(random.choice(5, 3).toArraySync(), g.choice);
  assert.equal(random.permutation(6).toArraySync(), g.permutation);
  assert.is(random.globalRandomState().getState()[2], random.getState()[2]);
});

test("setState accepts NumPy's get_state() (spare normal included) and getState round-trips", () => {
  const { state, randn, rand } = fx.restore as { state: [string, number[], number, number, number]; randn: number[]; rand: number[] };
  const r = new RandomState(0);
  r.setState(state);
  const saved = r.getState();
  assert.equal(r.randn(4).toArraySync(), randn);
  assert.equal(r.rand(2).toArraySync(), rand);
  r.setState(saved);
  assert.equal(r.randn(4).toArraySync(), randn);
  assert.is(saved[0], 'MT19937');
  assert.ok(saved[1] instanceof Uint32Array && saved[1].length === 624);
  assert.throws(() => r.setState(['PCG64', saved[1], 0]), /legacy MT19937state/);
  assert.throws(() => r.setState(['MT19937', [1, 2, 3], 0]), /624/);
});

const PY_TO_JS: Record<string, string> = { ValueError: 'ValueError', TypeError: 'TypeError', IndexError: 'IndexError', OverflowError: 'OverflowError' };

test("errors: NumPy's classes and messages", () => {
  for (const e of fx.errors as (Spec & { error: string; message: string })[]) {
    let thrown: unknown = null;
    try {
      if (e.fn === 'seed') new RandomState(decode(e.args![0]) as number);
      else call(new RandomState(0), e);
    } catch (err) {
      thrown = err;
    }
    const label = `${e.fn}(${JSON.stringify(e.args)}) ${JSON.stringify({ p: e.p, dtype: e.dtype, replace: e.replace })}`;
    assert.ok(thrown instanceof Error, `${label} should throw ${e.error}: ${e.message}`);
    assert.is((thrown as Error).name, PY_TO_JS[e.error], label);
    assert.ok((thrown as Error).message.startsWith(e.message), `${label}: "${(thrown as Error).message}" should start with "${e.message}"`);
  }
});

/** Sum of the 32-bit halves of the doubles' bits, mod 2^32 (the oracle's digest). */
function bitsDigest(values: Float64Array): number {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let sum = 0;
  for (const w of words) sum += w;
  return sum % 2 ** 32;
}

test('long streams: 200k normals bit-identical (digest), Poisson/binomial sums', () => {
  for (const s of fx.long as { seed: number; fn: string; n: number; args?: number[]; digest?: number; sum?: number; head: number[]; tail?: number[] }[]) {
    const r = new RandomState(s.seed);
    if (s.fn === 'standardNormal') {
      const values = r.standardNormal(s.n).dataSync() as Float64Array;
      assert.equal(Array.from(values.subarray(0, 3)), s.head);
      assert.equal(Array.from(values.subarray(s.n - 3)), s.tail);
      assert.is(bitsDigest(values), s.digest, `seed ${s.seed}`);
    } else {
      const [x, y] = s.args!;
      const values = Array.from((s.fn === 'poisson' ? r.poisson(x, s.n) : r.binomial(x, y, s.n)).dataSync());
      assert.equal(values.slice(0, 5), s.head);
      assert.is(values.reduce((a, b) => a + b, 0), s.sum, s.fn);
    }
  }
});

test("log() is glibc's, bit for bit (subnormals, near 1, every table interval)", () => {
  for (const [x, y] of fx.log as number[][]) assert.ok(Object.is(log(x), y), `log(${x}) = ${log(x)}, glibc ${y}`);
  assert.is(log(0), -Infinity);
  assert.is(log(-0), -Infinity);
  assert.ok(Number.isNaN(log(-1)) && Number.isNaN(log(NaN)));
  assert.is(log(Infinity), Infinity);
});

test('fma rounds once (cases where a*b + c rounded twice differs)', () => {
  const e = 2 ** -52;
  assert.is(fma(1 + e, 1 - e, -1), -(2 ** -104));
  assert.is((1 + e) * (1 - e) - 1, 0);
  const t = 1 + 2 ** -30;
  assert.is(fma(t, t, -1), 2 ** -29 + 2 ** -60);
  assert.is(t * t - 1, 2 ** -29);
  assert.is(fma(0.1, 10, -1), 5.551115123125783e-17);
  assert.is(fma(3, 5, 7), 22);
  // a*b + c a hair above / below the midpoint between 1 and 1 + 2^-52 (the product alone rounds to
  // exactly 2^-53, so rounding twice would give a tie, broken to 1)
  assert.is(fma(1 + 2 ** -26, 2 ** -53 * (1 - 2 ** -26 + 2 ** -52), 1), 1 + e);
  assert.is(fma(1 + e, 2 ** -53 * (1 - e), 1), 1);
  assert.is(fma(1 + 2 ** -26, -(2 ** -53) * (1 - 2 ** -26 + 2 ** -52), -1), -1 - e);
});

test('MT19937 reference values (Matsumoto & Nishimura init_by_array [0x123, 0x234, 0x345, 0x456])', () => {
  const mt = new MT19937();
  mt.initByArray([0x123, 0x234, 0x345, 0x456]);
  assert.equal([mt.nextUint32(), mt.nextUint32(), mt.nextUint32()], [1067595299, 955945823, 477289528]);
  mt.initGenrand(5489);
  assert.is(mt.nextUint32(), 3499211612);
  assert.equal([maskFor(0), maskFor(1), maskFor(5), maskFor(8), maskFor(0xffffffff)], [0, 1, 7, 15, 0xffffffff]);
});

test('seeding: same seed, same stream; instances are independent of each other and of the global', () => {
  const a = new RandomState(7);
  const b = new RandomState(7);
  random.seed(7);
  const fromA = a.rand(4).toArraySync() as number[];
  random.rand(10);
  assert.equal(b.rand(4).toArraySync(), fromA);
  a.seed(7);
  assert.equal(a.rand(4).toArraySync(), fromA);
  const unseeded = [new RandomState().rand(), new RandomState().rand()];
  assert.is.not(unseeded[0], unseeded[1]);
  a.seed([7]);
  assert.is.not(a.rand(), fromA[0]); // an array seed uses init_by_array: another stream
});

test('return types: numbers without size, NDArrays with a size (number or shape)', () => {
  const r = new RandomState(1);
  assert.type(r.rand(), 'number');
  assert.type(r.randint(5), 'number');
  assert.type(r.choice([1.5, 2.5]), 'number');
  assert.type(r.binomial(3, 0.5), 'number');
  const f = r.uniform(0, 1, 3);
  assert.equal([f.dtype, f.shape], ['float64', [3]]);
  const i = r.randint(0, 5, [2, 2]);
  assert.equal([i.dtype, i.shape], ['int32', [2, 2]]);
  assert.is(r.randint(0, 5, 2, { dtype: 'uint8' }).dtype, 'uint8');
  assert.equal(r.rand(2, 3).shape, [2, 3]);
  assert.equal(r.randn(4, 1).shape, [4, 1]);
  assert.equal(r.normal(0, 1, []).shape, []);
  assert.equal(r.multinomial(10, [0.5, 0.5], [3]).shape, [3, 2]);
  assert.equal(r.permutation(np.arange(6).reshape(3, 2)).shape, [3, 2]);
});

test('shuffle works in place: on JS arrays, on strided views (rows of a transpose), and keeps the base', () => {
  const expected = (fx.streams as unknown as { seed: number; group: string; calls: Spec[] }[])
    .find((s) => s.group === 'sequences' && s.seed === 0)!;
  // the first shuffle spec of the stream, replayed on a JS array after the calls before it
  const idx = expected.calls.findIndex((c) => c.fn === 'shuffle');
  const r = new RandomState(0);
  expected.calls.slice(0, idx).forEach((c) => call(r, c));
  const items = Array.from({ length: 10 }, (_, k) => `item${k}`);
  r.shuffle(items);
  assert.equal(items, (expected.calls[idx].out as number[]).map((k) => `item${k}`));

  const base = np.arange(12).reshape(3, 4);
  const view = base.T; // shape (4, 3), non-contiguous rows
  new RandomState(3).shuffle(view);
  const order = new RandomState(3).permutation(4).toArraySync() as number[];
  const rows = base.T.toArraySync() as number[][];
  assert.equal(rows.map((row) => row[0]), order);
  assert.equal(rows.map((row) => row[2] - row[0]), [8, 8, 8, 8]);
  assert.throws(() => r.shuffle(np.array(3)), /len\(\) of unsized object/);
});

test.run();
