// A fit that fails leaves the estimator exactly as it was: a fitted estimator keeps predicting the same
// numbers, an unfitted one stays unfitted. The worked example is the one scikit-learn itself gets wrong:
// a Pipeline whose scaler refits on the new X before its last step fails used to predict with the new
// scaler and the old model. BaseEstimator makes every fit all-or-nothing (sklearn/base.ts, atomicFit).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as sk from '../../sklearn/index.ts';

type Fittable = sk.BaseEstimator & {
  fit(X: unknown, y?: unknown): Promise<unknown>;
  predict?(X: unknown): Promise<np.NDArray>;
  transform?(X: unknown): Promise<np.NDArray>;
};

const X = [[0, 1], [1, 0], [2, 2], [3, 1], [4, 3], [5, 5], [6, 4], [7, 6], [8, 8], [9, 7]];
const y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
const values = (a: np.NDArray): number[] => Array.from(a.dataSync() as ArrayLike<number>);

async function rejects(fn: () => Promise<unknown>, what: string): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    return e as Error;
  }
  assert.unreachable(`${what}: should fail`);
  throw new Error('unreachable');
}

/** What the estimator computes from X: predict, else transform. */
async function output(est: Fittable, data: unknown = X): Promise<number[]> {
  return values(est.predict ? await est.predict(data) : await (est.transform as (X: unknown) => Promise<np.NDArray>)(data));
}

/** The learned attributes (trailing `_`) as text: equal text, equal state. */
function learned(est: object): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(est)) {
    if (k.endsWith('_')) out.push(`${k}=${v instanceof np.NDArray ? v.toString() : Array.isArray(v) ? v.length : String(v)}`);
  }
  return out.join('; ');
}

test('worked example: a Pipeline whose last step fails keeps its old scaler and predictions', async () => {
  const pipe = new sk.Pipeline([['scale', new sk.StandardScaler()], ['ridge', new sk.Ridge()]]);
  await pipe.fit(X, y);
  const before = await output(pipe as unknown as Fittable);
  const scale = pipe.get('scale') as sk.StandardScaler;
  const mean = values(scale.mean_ as np.NDArray);
  // The scaler fits on X * 100 fine; Ridge then refuses y with a NaN.
  const X100 = X.map((r) => r.map((v) => v * 100));
  const e = await rejects(() => pipe.fit(X100, [...y.slice(0, -1), NaN]), 'pipeline refit');
  assert.ok(e.message.includes('NaN'), e.message);
  assert.equal(values(scale.mean_ as np.NDArray), mean, 'the scaler kept its mean');
  assert.equal(await output(pipe as unknown as Fittable), before, 'same predictions');
});

test('AdaBoost: a refit that fails in its members keeps the old members, weights and predictions', async () => {
  const boost = new sk.AdaBoostClassifier({ nEstimators: 3, randomState: 0 });
  await boost.fit(X, y);
  const [before, state] = [await output(boost), learned(boost)];
  // Beyond float32: refused by the member trees, after AdaBoost has checked and started.
  await rejects(() => boost.fit(X.map((r) => [r[0], 1e39]), y), 'AdaBoost refit');
  assert.is(learned(boost), state);
  assert.equal(await output(boost), before);
});

test('GridSearchCV: a failed refit keeps the best estimator and the results of the last good search', async () => {
  const search = new sk.GridSearchCV(new sk.Ridge(), { alpha: [0.1, 1] }, { cv: 2 });
  await search.fit(X, y);
  const [before, state] = [await output(search as unknown as Fittable), learned(search)];
  await rejects(() => search.fit(X, [...y.slice(0, -1), Infinity]), 'search refit');
  assert.is(learned(search), state);
  assert.equal(await output(search as unknown as Fittable), before);
});

/** Each estimator with small params; `bad` is data its fit refuses after accepting X. */
const CASES: [string, () => Fittable, { y?: boolean }][] = [
  ['LinearRegression', () => new sk.LinearRegression(), { y: true }],
  ['Ridge', () => new sk.Ridge(), { y: true }],
  ['RidgeClassifier', () => new sk.RidgeClassifier(), { y: true }],
  ['RidgeClassifierCV', () => new sk.RidgeClassifierCV(), { y: true }],
  ['LogisticRegression', () => new sk.LogisticRegression(), { y: true }],
  ['DecisionTreeClassifier', () => new sk.DecisionTreeClassifier({ randomState: 0 }), { y: true }],
  ['DecisionTreeRegressor', () => new sk.DecisionTreeRegressor({ randomState: 0 }), { y: true }],
  ['RandomForestClassifier', () => new sk.RandomForestClassifier({ nEstimators: 3, randomState: 0 }), { y: true }],
  ['AdaBoostClassifier', () => new sk.AdaBoostClassifier({ nEstimators: 3, randomState: 0 }), { y: true }],
  ['KNeighborsClassifier', () => new sk.KNeighborsClassifier({ nNeighbors: 3 }), { y: true }],
  ['KMeans', () => new sk.KMeans({ nClusters: 2, nInit: 1, randomState: 0 }), {}],
  ['PCA', () => new sk.PCA({ nComponents: 1 }), {}],
  ['StandardScaler', () => new sk.StandardScaler(), {}],
  ['MinMaxScaler', () => new sk.MinMaxScaler(), {}],
  ['PolynomialFeatures', () => new sk.PolynomialFeatures(), {}],
];

for (const [name, make, { y: supervised }] of CASES) {
  test(`${name}: a failing refit (infinity in X) leaves learned attributes and outputs unchanged`, async () => {
    const est = make();
    await est.fit(X, supervised ? y : undefined);
    const [before, state, repr] = [await output(est), learned(est), est.toString()];
    const bad = X.map((r, i) => (i === 3 ? [Infinity, r[1]] : r));
    await rejects(() => est.fit(bad, supervised ? y : undefined), `${name} refit`);
    assert.is(learned(est), state, 'learned attributes');
    assert.equal(await output(est), before, 'outputs');
    assert.is(est.toString(), repr, 'params');
  });

  test(`${name}: a failing first fit leaves the estimator unfitted`, async () => {
    const est = make();
    await rejects(() => est.fit([[Infinity, 1], [2, 3]], supervised ? [0, 1] : undefined), `${name} fit`);
    const e = await rejects(() => output(est), `${name} predict after a failed fit`);
    assert.instance(e, sk.NotFittedError);
  });
}

test('fitTransform that fails in transform after fit restores the old fit too', async () => {
  const scaler = new sk.StandardScaler();
  await scaler.fit(X);
  const mean = values(scaler.mean_ as np.NDArray);
  await rejects(() => scaler.fitTransform([[1, Infinity], [2, 3]]), 'fitTransform');
  assert.equal(values(scaler.mean_ as np.NDArray), mean);
});

test.run();
