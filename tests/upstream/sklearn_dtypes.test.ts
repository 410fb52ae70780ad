// Ports of scikit-learn 1.2's float32 preservation tests: fitted on float32 X, Ridge, PCA and KMeans
// keep float32 attributes and outputs, StandardScaler keeps float32 output (its statistics stay
// float64), integer X is computed in float64. Each test names the upstream test it ports; the
// float32 and float64 fits must agree to float32 precision, as upstream asserts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as sk from '../../sklearn/index.ts';
import { assertClose } from '../fixture-values.ts';

const values = (a: np.NDArray | number): number[] => (typeof a === 'number' ? [a] : Array.from(a.dataSync() as ArrayLike<number>));

/** np.testing.assert_allclose: |a - b| <= atol + rtol · |b|. */
const allclose = (a: np.NDArray | number, b: np.NDArray | number, rtol: number, atol = 0): void => assertClose(a, b, { rtol, atol }, 'float32 vs float64 fit');

test('worked example: Ridge on float32 X learns float32 weights', async () => {
  const X = np.array([[0, 1], [1, 0], [2, 2], [3, 1]], { dtype: 'float32' });
  const ridge = await new sk.Ridge().fit(X, [1, 2, 3, 4]);
  assert.is((ridge.coef_ as np.NDArray).dtype, 'float32');
  assert.is((await ridge.predict(X)).dtype, 'float32');
  // float64 X keeps float64, as before.
  assert.is((await new sk.Ridge().fit(X.astype('float64'), [1, 2, 3, 4])).coef_?.dtype, 'float64');
});

// sklearn/linear_model/tests/test_ridge.py::test_dtype_match (one case per solver)
for (const solver of ['svd', 'sparse_cg', 'cholesky', 'lsqr', 'sag', 'saga', 'lbfgs'] as const) {
  test(`test_dtype_match[${solver}]: Ridge keeps float32, and agrees with the float64 fit`, async () => {
    const rng = new np.random.RandomState(0);
    const X64 = rng.randn(6, 5);
    const y64 = rng.randn(6);
    const [X32, y32] = [X64.astype('float32'), y64.astype('float32')];
    const params = { alpha: 1, solver, maxIter: 500, tol: 2e-6, positive: solver === 'lbfgs' };
    const r32 = await new sk.Ridge(params).fit(X32, y32);
    const r64 = await new sk.Ridge(params).fit(X64, y64);
    assert.is((r32.coef_ as np.NDArray).dtype, 'float32');
    assert.is((r64.coef_ as np.NDArray).dtype, 'float64');
    assert.is((await r32.predict(X32)).dtype, 'float32');
    assert.is((await r64.predict(X64)).dtype, 'float64');
    allclose(r32.coef_ as np.NDArray, r64.coef_ as np.NDArray, 1e-4, 5e-4);
    assert.is(Math.fround(r32.intercept_ as number), r32.intercept_, 'a float32 intercept');
  });
}

test('test_dtype_match_cholesky: several targets and one alpha each, in float32', async () => {
  const rng = new np.random.RandomState(0);
  const X64 = rng.randn(6, 5);
  const y64 = rng.randn(6, 2);
  const params = { alpha: [0.1, 1], solver: 'cholesky' as const };
  const r32 = await new sk.Ridge(params).fit(X64.astype('float32'), y64.astype('float32'));
  const r64 = await new sk.Ridge(params).fit(X64, y64);
  assert.is((r32.coef_ as np.NDArray).dtype, 'float32');
  assert.is((r32.intercept_ as np.NDArray).dtype, 'float32');
  assert.is((await r32.predict(X64.astype('float32'))).dtype, 'float32');
  allclose(r32.coef_ as np.NDArray, r64.coef_ as np.NDArray, 1e-5, 1e-5);
});

// sklearn/decomposition/tests/test_pca.py::test_pca_dtype_preservation (one case per solver)
for (const svdSolver of ['full', 'randomized', 'auto'] as const) {
  test(`test_pca_dtype_preservation[${svdSolver}]: float32 stays float32, integers become float64`, async () => {
    const X64 = new np.random.RandomState(0).rand(1000, 4);
    const X32 = X64.astype('float32');
    const p64 = await new sk.PCA({ nComponents: 3, svdSolver, randomState: 0 }).fit(X64);
    const p32 = await new sk.PCA({ nComponents: 3, svdSolver, randomState: 0 }).fit(X32);
    assert.is((p64.components_ as np.NDArray).dtype, 'float64');
    assert.is((p32.components_ as np.NDArray).dtype, 'float32');
    for (const key of ['mean_', 'explainedVariance_', 'explainedVarianceRatio_', 'singularValues_'] as const) assert.is((p32[key] as np.NDArray).dtype, 'float32', key);
    assert.is((await p64.transform(X64)).dtype, 'float64');
    assert.is((await p32.transform(X32)).dtype, 'float32');
    assert.is((await p32.fitTransform(X32)).dtype, 'float32');
    allclose(p64.components_ as np.NDArray, p32.components_ as np.NDArray, 2e-4, 1e-5);
    // check_pca_int_dtype_upcast_to_double
    const Xi = new np.random.RandomState(0).randint(0, 1000, [1000, 4]);
    const pi = await new sk.PCA({ nComponents: 3, svdSolver, randomState: 0 }).fit(Xi);
    assert.is((pi.components_ as np.NDArray).dtype, 'float64');
    assert.is((await pi.transform(Xi)).dtype, 'float64');
  });
}

test('test_float_precision (KMeans): float32 centres, and the same clustering as in float64', async () => {
  const centers = [[0, 0], [1, 1], [0, 1]];
  const [X] = sk.makeBlobs({ nSamples: 100, centers, clusterStd: 0.1, randomState: 0 });
  const fits = [];
  for (const dtype of ['float64', 'float32'] as const) {
    const Xd = X.astype(dtype);
    const km = await new sk.KMeans({ nClusters: 3, nInit: 1, randomState: 0 }).fit(Xd);
    assert.is((km.clusterCenters_ as np.NDArray).dtype, dtype);
    const Xt = await km.transform(Xd);
    assert.is(Xt.dtype, dtype);
    assert.equal(values(await km.predict(Xd)), values(km.labels_ as np.NDArray));
    fits.push({ inertia: km.inertia_ as number, Xt, centers: km.clusterCenters_ as np.NDArray, labels: values(km.labels_ as np.NDArray) });
  }
  allclose(fits[1].inertia, fits[0].inertia, 1e-4);
  allclose(fits[1].Xt, fits[0].Xt, 1e-4, 1e-6);
  allclose(fits[1].centers, fits[0].centers, 1e-4, 1e-6);
  assert.equal(fits[1].labels, fits[0].labels);
});

// sklearn/preprocessing/tests/test_data.py::test_standard_scaler_dtype
for (const dtype of ['float32', 'float64', 'int32'] as const) {
  test(`test_standard_scaler_dtype[${dtype}]: output in X's float dtype, statistics in float64`, async () => {
    const X = new np.random.RandomState(0).randn(10, 3).multiply(10).astype(dtype);
    const scaler = await new sk.StandardScaler().fit(X);
    const Xs = await scaler.transform(X);
    assert.is(Xs.dtype, dtype === 'int32' ? 'float64' : dtype);
    assert.is((scaler.mean_ as np.NDArray).dtype, 'float64');
    assert.is((scaler.scale_ as np.NDArray).dtype, 'float64');
    assert.is((await scaler.inverseTransform(Xs)).dtype, dtype === 'int32' ? 'float64' : dtype);
  });
}

test.run();
