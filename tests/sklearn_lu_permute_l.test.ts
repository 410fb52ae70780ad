// sklearn/utils/lu-permute-l.ts against SciPy (tests/fixtures/sklearn_lu_permute_l.json, written by
// tests/oracle/sklearn_lu_permute_l.py): P L of scipy.linalg.lu(a, permute_l=True) for tall, wide,
// square, tied-pivot, rank-deficient and power-iteration-sized inputs, and the factors themselves.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { luPermuteL, luFactorColumns } from '../sklearn/utils/lu-permute-l.ts';
import fx from './fixtures/sklearn_lu_permute_l.json';

function assertClose(actual: ArrayLike<number>, expected: number[][], what: string, tol = 1e-12): void {
  const e = expected.flat();
  assert.is(actual.length, e.length, `${what}: size`);
  for (let i = 0; i < e.length; i++) {
    if (!(Math.abs(actual[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])))) {
      assert.unreachable(`${what}: element ${i} is ${actual[i]}, SciPy has ${e[i]}`);
    }
  }
}

test('worked example: scipy.linalg.lu([[1, 2], [3, 4]], permute_l=True) pivots on 3: P L = [[1/3, 1], [1, 0]]', () => {
  // scipy.linalg.lu([[1, 2], [3, 4]], permute_l=True)[0].tolist() -> [[0.3333333333333333, 1.0], [1.0, 0.0]]
  assertClose(luPermuteL(np.array([[1, 2], [3, 4]])).dataSync(), [[0.3333333333333333, 1], [1, 0]], 'P L');
});

for (const c of fx.cases) {
  test(`luPermuteL matches scipy.linalg.lu(permute_l=True): ${c.name}`, () => {
    const a = np.array(c.a);
    const pl = luPermuteL(a);
    assert.equal(pl.shape, [c.pl.length, c.pl[0].length]);
    assertClose(pl.dataSync(), c.pl, c.name);
    assert.equal(a.toArraySync(), c.a, 'the input is left alone');
  });
}

test('luFactorColumns: P L U rebuilds a tall matrix', () => {
  const [m, n] = [9, 4];
  const a = new np.random.RandomState(3).standardNormal([m, n]);
  const lu = a.T.dataSync() as Float64Array;
  luFactorColumns(lu, m, n);
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) u[i * n + j] = lu[j * m + i];
  const U = np.NDArray.fromTyped(u, [n, n], 'float64');
  const PL = luPermuteL(a);
  const back = np.matmul(PL, U).dataSync(), want = a.dataSync();
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(back[i] - want[i]) < 1e-14, `element ${i}`);
});

test.run();
