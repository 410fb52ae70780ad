// The copy-free fast paths: Ridge's one-pass normal equations (centring and weighting rows as they
// are packed) against the Gram matrix of an explicitly centred, weighted copy, and estimators that
// read their input through views (valuesOf) leaving it untouched, views and slices included.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { Ridge, StandardScaler } from '../sklearn/index.ts';
import { valuesOf } from '../sklearn/validation.ts';
import { matrix, viewOf } from '../sklearn/linear_model/dense.ts';
import { normalEquations } from '../sklearn/linear_model/normal-equations.ts';
import { columnMeans } from '../sklearn/linear_model/preprocess-data.ts';

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.is(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * scale, `entry ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

/** Σ_i s_i (a_i - ā)(b_i - b̄)ᵀ by the definition, over explicit columns. */
function centredProducts(a: number[][], b: number[][], s: number[], ma: Float64Array, mb: Float64Array): number[] {
  const out: number[] = [];
  for (let j = 0; j < a[0].length; j++) {
    for (let k = 0; k < b[0].length; k++) {
      let acc = 0;
      for (let i = 0; i < a.length; i++) acc += s[i] * (a[i][j] - ma[j]) * (b[i][k] - mb[k]);
      out.push(acc);
    }
  }
  return out;
}

test('normalEquations: centred, weighted Gram and cross products for any width, any number of targets', () => {
  const rs = new np.random.RandomState(3);
  for (const [n, p, t] of [[150, 1, 1], [150, 7, 3], [70, 13, 2], [200, 8, 4], [5, 3, 1]]) {
    const X = rs.standardNormal([n, p]).toArraySync() as number[][];
    const Y = rs.standardNormal([n, t]).toArraySync() as number[][];
    const sw = Array.from({ length: n }, (_, i) => 0.5 + (i % 5));
    const Xs = X.map((row) => row.map((v) => v + 100)); // far from 0: centring matters
    const Xm = matrix(n, p, Float64Array.from(Xs.flat())), Ym = matrix(n, t, Float64Array.from(Y.flat()));
    const weights = Float64Array.from(sw);
    const xOffset = columnMeans(Xm, weights), yOffset = columnMeans(Ym, weights);
    const ne = normalEquations(Xm, Ym, { xOffset, yOffset, sqrtSw: weights.map(Math.sqrt) });
    close(ne.gram.data, centredProducts(Xs, Xs, sw, xOffset, xOffset), 1e-11);
    close(ne.cross.data, centredProducts(Xs, Y, sw, xOffset, yOffset), 1e-11);
    const plain = normalEquations(Xm, Ym, { xOffset: new Float64Array(p), yOffset: new Float64Array(t), sqrtSw: null });
    const ones = sw.map(() => 1);
    close(plain.gram.data, centredProducts(Xs, Xs, ones, new Float64Array(p), new Float64Array(p)), 1e-11);
  }
});

test('valuesOf and viewOf share the buffer of a C-contiguous array and copy a strided one', () => {
  const a = np.arange(12).astype('float64').reshape([3, 4]);
  valuesOf(a)[5] = 42; // a test may write through the view to prove it is one; estimators never do
  assert.is(a.itemSync(1, 1), 42);
  const row = a.get('1:');
  assert.equal(Array.from(valuesOf(row)), [4, 42, 6, 7, 8, 9, 10, 11]);
  assert.equal(Array.from(viewOf(a.T).data), [0, 4, 8, 1, 42, 9, 2, 6, 10, 3, 7, 11]);
  assert.throws(() => valuesOf(np.arange(3)), (e: unknown) => e instanceof TypeError);
});

test('Ridge and StandardScaler leave X and y untouched (they read views of them)', async () => {
  const rs = new np.random.RandomState(0);
  const X = rs.standardNormal([40, 6]).add(3), y = rs.standardNormal(40);
  const X0 = X.dataSync(), y0 = y.dataSync();
  for (const solver of ['auto', 'svd', 'lsqr', 'sag'] as const) {
    await new Ridge({ solver, randomState: 0 }).fit(X, y, np.linspace(0.5, 2, 40));
  }
  const Xt = await new StandardScaler().fitTransform(X);
  assert.equal(Array.from(X.dataSync()), Array.from(X0));
  assert.equal(Array.from(y.dataSync()), Array.from(y0));
  close(Xt.dataSync() as Float64Array, (await new StandardScaler().fitTransform(X.copy())).dataSync() as Float64Array, 0);
});

test('Ridge on a row slice (a view with an offset) equals Ridge on its copy', async () => {
  const rs = new np.random.RandomState(1);
  const X = rs.standardNormal([60, 5]), y = rs.standardNormal([60, 2]);
  const view = await new Ridge({ alpha: 0.3 }).fit(X.get('10:'), y.get('10:'));
  const copy = await new Ridge({ alpha: 0.3 }).fit(X.get('10:').copy(), y.get('10:').copy());
  close(view.coef_!.dataSync() as Float64Array, copy.coef_!.dataSync() as Float64Array, 0);
  close((view.intercept_ as np.NDArray).dataSync() as Float64Array, (copy.intercept_ as np.NDArray).dataSync() as Float64Array, 0);
});

test.run();
