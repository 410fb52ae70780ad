// Reductions against NumPy 1.24 (tests/oracle/reductions.py): every reduction over random 1-D..4-D
// shapes (with size-0 and size-1 axes), strided inputs (transposed, flipped, stepped views), every
// kind of axis, keepdims, several dtypes, NaN, ties, ddof, errors; then long float32/float64 sums
// that exercise pairwise summation. Integer results must match exactly, floats to a few ulp.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { type Case, type Expected, type Fixture, type Tolerance, checkError, checkResult, describe, makeInput } from './reductions-fixtures.ts';
import random from './fixtures/reductions.json';
import special from './fixtures/reductions-special.json';

test('worked example: sum over axis 0, mean, std, var with ddof 1, argmax of a tie, cumsum', () => {
  // np.sum([[1, 2], [3, 4]], axis=0).tolist(), np.mean([[1, 2], [3, 4]]) -> [4, 6] 2.5
  assert.equal(np.sum([[1, 2], [3, 4]], { axis: 0 }).toArraySync(), [4, 6]);
  assert.is(np.mean([[1, 2], [3, 4]]).itemSync(), 2.5);
  // np.std([1, 2, 3, 4]), np.var([1, 2, 3, 4], ddof=1) -> 1.118033988749895 1.6666666666666667
  assert.is(np.std([1, 2, 3, 4]).itemSync(), 1.118033988749895);
  assert.is(np.var([1, 2, 3, 4], { ddof: 1 }).itemSync(), 1.6666666666666667);
  // np.argmax([3, 7, 7]), np.cumsum([1, 2, 3]).tolist() -> 1 [1, 3, 6]
  assert.is(np.argmax([3, 7, 7]).itemSync(), 1);
  assert.equal(np.cumsum([1, 2, 3]).toArraySync(), [1, 3, 6]);
});

type Fn = (x: np.NDArray, options: Record<string, unknown>) => np.NDArray;
const OPS: Record<string, Fn> = {
  sum: np.sum, prod: np.prod, mean: np.mean, var: np.var, std: np.std, min: np.min, max: np.max,
  all: np.all, any: np.any, argmin: np.argmin, argmax: np.argmax, cumsum: np.cumsum, cumprod: np.cumprod,
};

/** Sums are pairwise like NumPy's, but NumPy's iterator sometimes groups the additions differently
 *  (it buffers some strided inputs; its `x - mean` keeps x's memory layout, tessera's is C order), so
 *  sums may differ by a few eps * sum(|x|), and var/std by about sqrt(N) ulp (the rounding error of
 *  N additions in another order). Integer results and min/max/arg* must be exact. */
function tolerance(op: string, x: np.NDArray, result: Expected): Tolerance {
  if (result.dtype !== 'float32' && result.dtype !== 'float64') return { ulps: 0, abs: 0 };
  const eps = result.dtype === 'float32' ? 2 ** -23 : 2 ** -52;
  const values = Array.from(x.dataSync()).filter(Number.isFinite).map(Math.abs);
  const sumAbs = values.reduce((s, v) => s + v, 0);
  const maxAbs = values.reduce((m, v) => Math.max(m, v), 0);
  switch (op) {
    case 'sum': case 'cumsum': return { ulps: 2, abs: 4 * eps * sumAbs };
    case 'mean': return { ulps: 2, abs: 4 * eps * maxAbs };
    case 'var': case 'std': return { ulps: 4 + Math.sqrt(x.size), abs: 0 };
    default: return { ulps: 0, abs: 0 };
  }
}

function runFixture(name: string, fixture: Fixture): void {
  const ops = [...new Set(fixture.cases.map((c) => c.op))];
  for (const op of ops) {
    test(`${name}: ${op} matches NumPy`, () => {
      let inexact = 0;
      const cases = fixture.cases.filter((c) => c.op === op);
      for (const c of cases) inexact += runCase(fixture, c);
      assert.ok(cases.length > 0);
      if (inexact > 0) console.log(`  ${name} ${op}: ${cases.length} cases, ${inexact} float values not bit-identical to NumPy's`);
    });
  }
}

function runCase(fixture: Fixture, c: Case): number {
  const spec = fixture.inputs[c.x];
  const what = describe(c, spec);
  const x = makeInput(spec);
  if (c.error) {
    checkError(() => OPS[c.op](x, c.options), c.error, what);
    return 0;
  }
  return np.tidy(() => checkResult(OPS[c.op](x, c.options), c.out as Expected, what, tolerance(c.op, x, c.out as Expected)));
}

runFixture('random', random as Fixture);
runFixture('special', special as Fixture);

test('a sum over axis 0 of an (n, 1) column is the pairwise sum of the column, as NumPy gives', () => {
  // x = np.random.RandomState(0).standard_normal(1000).astype(np.float32)
  // np.sum(x[:, None], axis=0)[0] == np.sum(x) -> True (-45.256706; adding in order gives -45.256695)
  const x = new np.random.RandomState(0).standardNormal(1000).astype('float32');
  const column = np.sum(x.reshape([1000, 1]), { axis: 0 }).itemSync(0);
  assert.is(column, np.sum(x).itemSync());
  assert.is(Math.fround(column), Math.fround(-45.256706));
});

test('methods delegate and keepdims results broadcast back', () => {
  const a = np.arange(12).astype('float64').reshape([3, 4]);
  assert.equal(a.sum({ axis: 1 }).toArraySync(), [6, 22, 38]);
  assert.equal(a.max({ axis: 0, keepdims: true }).shape, [1, 4]);
  assert.equal(a.argmax({ axis: 1, keepdims: true }).toArraySync(), [[3], [3], [3]]);
  assert.equal(a.cumsum({ axis: 0 }).toArraySync(), [[0, 1, 2, 3], [4, 6, 8, 10], [12, 15, 18, 21]]);
  assert.is(a.mean().dataSync()[0], 5.5);
  assert.is(a.var({ ddof: 1 }).dataSync()[0], 13);
});

test('reductions leave no arrays behind', () => {
  const a = np.arange(24).reshape([2, 3, 4]);
  const [t, f] = [a.T, np.array([1.5, 2])];
  const before = np.memory().cpu.arrays;
  const results = [
    np.sum(a, { axis: [0, 2], keepdims: true }), np.mean(t, { axis: 1 }), np.std(a, { ddof: 1 }), np.var(t, { axis: 0 }),
    np.argmax(t), np.cumsum(t), np.sum(a, { dtype: 'int8' }), np.cumprod(f, { dtype: 'int32' }), np.max(t, { axis: [] }),
  ];
  assert.is(np.memory().cpu.arrays, before + results.length);
  results.forEach((r) => r.dispose());
  assert.is(np.memory().cpu.arrays, before);
});

test('float32 sum of a big array is pairwise (close to the float64 sum)', () => {
  const n = 1 << 20;
  const x = np.full([n], 0.1, { dtype: 'float32' });
  const s = np.sum(x).dataSync()[0];
  // Sequential float32 addition drifts to ~104857.6 * (1 + 1e-2); pairwise stays within ~1e-6.
  assert.ok(Math.abs(s - n * Math.fround(0.1)) / (n * 0.1) < 1e-6, String(s));
});

test.run();
