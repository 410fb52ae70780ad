// repeat, tile, flatnonzero, degrees/radians, median, quantile, percentile, diff, average and ptp
// against NumPy 1.24 (tests/oracle/extras.py): values bit for bit (NaN equal to NaN), dtypes, shapes
// and error messages. NumPy's ZeroDivisionError (weights summing to 0) is a ValueError in tessera.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { DType } from '../ndarray/dtype.ts';
import fixtureJson from './fixtures/extras.json';
import { decodeNested } from './fixture-values.ts';

type Nested = number | string | boolean | Nested[];
interface Encoded { shape: number[]; dtype: DType; data: Nested }
interface Case { op: string; x: Encoded; args: Record<string, unknown>; out?: Encoded; error?: { type: string; message: string } }

const cases = (fixtureJson as { cases: Case[] }).cases;
const build = (e: Encoded): np.NDArray => np.array(decodeNested(e.data) as number, { dtype: e.dtype });
const isEncoded = (v: unknown): v is Encoded => typeof v === 'object' && v !== null && 'dtype' in v;

type Fn = (x: np.NDArray, args: Record<string, unknown>) => np.NDArray;
const opts = (args: Record<string, unknown>, drop: string[]) => Object.fromEntries(Object.entries(args).filter(([k]) => !drop.includes(k)));
const OPS: Record<string, Fn> = {
  repeat: (x, a) => np.repeat(x, a.repeats as number, opts(a, ['repeats'])),
  tile: (x, a) => np.tile(x, a.reps as number[]),
  flatnonzero: (x) => np.flatnonzero(x),
  degrees: (x) => np.degrees(x),
  radians: (x) => np.radians(x),
  rad2deg: (x) => np.rad2deg(x),
  deg2rad: (x) => np.deg2rad(x),
  median: (x, a) => np.median(x, a),
  quantile: (x, a) => np.quantile(x, a.q as number, opts(a, ['q'])),
  percentile: (x, a) => np.percentile(x, a.q as number, opts(a, ['q'])),
  diff: (x, a) => np.diff(x, a),
  average: (x, a) => np.average(x, a),
  ptp: (x, a) => np.ptp(x, a),
};
const ERROR_TYPES: Record<string, string> = { ZeroDivisionError: 'ValueError' };

/** Bit-for-bit equality of nested values (NaN equals NaN, -0 equals 0 as in NumPy's array_equal). */
function sameValues(got: Nested, want: Nested): boolean {
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => sameValues(got[i], w));
  const [g, w] = [Number(got), Number(want)];
  return g === w || (g !== g && w !== w);
}

test('worked example: median([3, 1, 4, 1, 5]) is 3, quantile([1, 2, 3, 4], 0.25) is 1.75, diff([1, 4, 9, 16]) is [3, 5, 7]', () => {
  assert.is(np.median(np.array([3, 1, 4, 1, 5])).itemSync(), 3);
  assert.is(np.quantile(np.array([1, 2, 3, 4]), 0.25).itemSync(), 1.75);
  assert.equal(np.diff(np.array([1, 4, 9, 16])).toArraySync(), [3, 5, 7]);
});

for (const op of Object.keys(OPS)) {
  test(`${op} matches NumPy`, () => {
    const mine = cases.filter((c) => c.op === op);
    assert.ok(mine.length > 0);
    for (const c of mine) {
      const what = `${op}(${c.x.dtype} ${JSON.stringify(c.x.shape)}, ${JSON.stringify(c.args)})`;
      const before = np.memory().cpu.arrays;
      const x = build(c.x);
      const args = Object.fromEntries(Object.entries(c.args).map(([k, v]) => [k, isEncoded(v) ? build(v) : v]));
      if (c.error) {
        const type = ERROR_TYPES[c.error.type] ?? c.error.type;
        try {
          OPS[op](x, args);
          assert.unreachable(`${what} should throw ${type}`);
        } catch (e) {
          if ((e as Error).name === 'Assertion') throw e;
          assert.is((e as Error).name, type, what);
          assert.is((e as Error).message, c.error.message, what);
        }
      } else {
        const r = OPS[op](x, args);
        const want = c.out as Encoded;
        assert.is(r.dtype, want.dtype, `${what} dtype`);
        assert.equal(r.shape, want.shape, `${what} shape`);
        assert.ok(sameValues(r.toArraySync() as Nested, decodeNested(want.data) as Nested), `${what}: got ${JSON.stringify(r.toArraySync())}, want ${JSON.stringify(want.data)}`);
        r.dispose();
      }
      x.dispose();
      Object.values(args).forEach((v) => v instanceof np.NDArray && v.dispose());
      assert.is(np.memory().cpu.arrays, before, `${what} leaves no arrays behind`);
    }
  });
}

test('degrees/radians take out=, and repeat/diff/median accept plain JS data', () => {
  const out = np.zeros([2]);
  np.radians([180, 90], { out });
  assert.equal(out.toArraySync(), [Math.PI, Math.PI / 2]);
  assert.equal(np.repeat(3, 2).toArraySync(), [3, 3]);
  assert.equal(np.diff([[1, 3], [2, 7]], { axis: 0 }).toArraySync(), [[1, 4]]);
  assert.is(np.median([4, 1, 3]).itemSync(), 3);
  assert.throws(() => np.repeat([1, 2], 1.5), /Cannot cast array data from dtype\('float64'\)/);
  out.dispose();
});

test.run();
