// The copy-free fast paths: Ridge's one-pass normal equations (centring and weighting rows as they
// are packed) against the Gram matrix of an explicitly centred, weighted copy, and estimators that
// read their input through views (valuesOf) leaving it untouched, views and slices included.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { Ridge, StandardScaler } from '../sklearn/index.ts';
import { valuesOf } from '../sklearn/validation.ts';
import { assertClose } from './fixture-values.ts';

test('valuesOf shares the buffer of a C-contiguous array and copies a strided one', () => {
  const a = np.arange(12).astype('float64').reshape([3, 4]);
  valuesOf(a)[5] = 42; // a test may write through the view to prove it is one; estimators never do
  assert.is(a.itemSync(1, 1), 42);
  const row = a.get('1:');
  assert.equal(Array.from(valuesOf(row)), [4, 42, 6, 7, 8, 9, 10, 11]);
  assert.equal(Array.from(valuesOf(a.T)), [0, 4, 8, 1, 42, 9, 2, 6, 10, 3, 7, 11]);
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
  assertClose(Xt, await new StandardScaler().fitTransform(X.copy()), { atol: 0 }, 'StandardScaler on X vs on its copy');
});

test('Ridge on a row slice (a view with an offset) equals Ridge on its copy', async () => {
  const rs = new np.random.RandomState(1);
  const X = rs.standardNormal([60, 5]), y = rs.standardNormal([60, 2]);
  const view = await new Ridge({ alpha: 0.3 }).fit(X.get('10:'), y.get('10:'));
  const copy = await new Ridge({ alpha: 0.3 }).fit(X.get('10:').copy(), y.get('10:').copy());
  assertClose(view.coef_, copy.coef_, { atol: 0 }, 'coef_ of the view vs the copy');
  assertClose(view.intercept_, copy.intercept_, { atol: 0 }, 'intercept_ of the view vs the copy');
});

test.run();
