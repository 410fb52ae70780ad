// sort, argsort, unique, searchsorted and bincount against NumPy 1.24 (tests/oracle/reductions.py):
// random shapes and dtypes, strided views, NaN (sorted last), every axis and axis null. tessera's
// argsort is stable, so ties are compared with NumPy's kind='stable'; tie-free data with NumPy's default.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { type Case, type Expected, type Fixture, checkError, checkResult, decode, describe, makeInput } from './reductions-fixtures.ts';
import fixtureJson from './fixtures/reductions-sorting.json';

const fixture = fixtureJson as Fixture;
const cases = (op: string): Case[] => fixture.cases.filter((c) => c.op === op);

function run(op: string, fn: (x: np.NDArray, c: Case) => np.NDArray | np.UniqueResult): void {
  test(`${op} matches NumPy`, () => {
    assert.ok(cases(op).length > 0);
    for (const c of cases(op)) {
      const spec = fixture.inputs[c.x];
      const what = describe(c, spec);
      const x = makeInput(spec);
      if (c.error) {
        checkError(() => fn(x, c), c.error, what);
        continue;
      }
      const result = fn(x, c);
      if (result instanceof np.NDArray) checkResult(result, c.out as Expected, what);
      else for (const [k, v] of Object.entries(c.out as Record<string, Expected>)) checkResult(result[k as keyof np.UniqueResult] as np.NDArray, v, `${what}.${k}`);
    }
  });
}

run('sort', (x, c) => np.sort(x, c.options));
run('argsort', (x, c) => np.argsort(x, c.options));
run('unique', (x) => np.unique(x, { returnIndex: true, returnInverse: true, returnCounts: true }));
run('searchsorted', (x, c) => np.searchsorted(x, np.array((c.v ?? []).map((row) => row.map(decode))), c.options));
run('bincount', (x, c) => np.bincount(x, c.options));

test('ndarray.sort sorts in place, through views', () => {
  const a = np.array([[3, 1, 2], [9, 7, 8]]);
  a.sort();
  assert.equal(a.toArraySync(), [[1, 2, 3], [7, 8, 9]]);
  const t = a.T; // sorting a view along its axis 1 sorts a's columns
  t.sort({ axis: 1 });
  assert.equal(a.toArraySync(), [[1, 2, 3], [7, 8, 9]]);
  np.flip(a, { axis: 1 }).sort();
  assert.equal(a.toArraySync(), [[3, 2, 1], [9, 8, 7]]);
  assert.throws(() => np.broadcastTo(np.array([2, 1]), [2, 2]).sort(), /read-only/);
});

test('argsort is stable and puts NaN last', () => {
  assert.equal(np.argsort(np.array([2, 1, 2, 1, NaN, 1, NaN])).toArraySync(), [1, 3, 5, 0, 2, 4, 6]);
  assert.equal(np.array([3, 1, 2]).argsort().toArraySync(), [1, 2, 0]);
  assert.equal(np.argsort(np.array(5)).toArraySync(), [0]);
});

test('sort puts -0 before +0 (a typed array sort); argsort counts them equal and keeps their order', () => {
  // The rules the webgpu kernel (shaders/sort.wgsl) reproduces, checked against this CPU in webgpu-kernels.test.ts.
  const z = np.array([0, -0, 1, -0, 0], { dtype: 'float32' });
  assert.equal(Array.from(np.sort(z).dataSync(), (v) => Object.is(v, -0)), [true, true, false, false, false]);
  assert.equal(np.argsort(z).toArraySync(), [0, 1, 3, 4, 2]);
});

test('unique without options gives the values only', () => {
  const u = np.unique(np.array([[3, 1], [3, NaN], [NaN, 1]]));
  assert.ok(u instanceof np.NDArray);
  assert.equal(u.toArraySync(), [1, 3, NaN]);
  const { values, counts } = np.unique(np.array([2, 2, 5]), { returnCounts: true });
  assert.equal([values.toArraySync(), counts?.toArraySync()], [[2, 5], [2, 1]]);
});

test('errors have NumPy wording', () => {
  assert.throws(() => np.sort(np.array(5)), /axis -1 is out of bounds for array of dimension 0/);
  assert.throws(() => np.bincount(np.array([1.5])), /Cannot cast array data from dtype\('float64'\) to dtype\('int64'\)/);
  assert.throws(() => np.bincount(np.array([[1]])), /object too deep for desired array/);
  assert.throws(() => np.searchsorted(np.array([1, 2]), 1, { side: 'middle' as 'left' }), /search side must be 'left' or 'right' \(got 'middle'\)/);
});

test.run();
