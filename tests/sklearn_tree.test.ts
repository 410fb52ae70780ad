// Decision trees against scikit-learn 1.2.1 (tests/fixtures/sklearn_tree.json, written by
// tests/oracle/sklearn_tree.py). The port follows _splitter.pyx/_criterion.pyx operation by operation
// (float32 features, the introsort, the rand_r feature order, the same sums), so every `tree_` array
// must match bit for bit: structure, thresholds, impurities, values. Importances (a final normalising
// sum whose order may differ) are checked to 1e-12. Plus the estimator contract and errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { DecisionTreeClassifier, DecisionTreeRegressor, loadIris } from '../sklearn/index.ts';
import { NotFittedError } from '../sklearn/exceptions.ts';
import { sortSamples } from '../sklearn/tree/introsort.ts';
import { clone } from '../sklearn/base.ts';
import fx from './fixtures/sklearn_tree.json';

type Nested = number | Nested[];
interface TreeCase {
  name: string; regressor: boolean; params: Record<string, unknown>; X: number[][]; y: number[];
  sampleWeight: number[] | null; XTest: number[][]; predict: number[]; predictProba?: number[][]; classes?: number[];
  tree: Record<string, Nested>;
}

const flat = (x: Nested): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
const cases = fx.trees as unknown as TreeCase[];

function assertClose(actual: ArrayLike<number>, expected: Nested, what: string, tol: number): void {
  const e = flat(expected);
  assert.is(actual.length, e.length, `${what}: length`);
  for (let i = 0; i < e.length; i++) {
    if (!(Math.abs(actual[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])))) {
      assert.unreachable(`${what}[${i}]: got ${actual[i]}, scikit-learn has ${e[i]}`);
    }
  }
}

const fitCase = async (c: TreeCase): Promise<DecisionTreeClassifier | DecisionTreeRegressor> => {
  const est = c.regressor ? new DecisionTreeRegressor(c.params) : new DecisionTreeClassifier(c.params);
  return est.fit(c.X, c.y, c.sampleWeight);
};

test('worked example: a tree on [0], [1], [2], [3] with classes 0, 0, 1, 1 splits once at 1.5', async () => {
  const tree = await new DecisionTreeClassifier({ randomState: 0 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
  // t = DecisionTreeClassifier(random_state=0).fit([[0], [1], [2], [3]], [0, 0, 1, 1]); t.tree_.threshold.tolist(), t.tree_.impurity.tolist(), t.get_depth() -> [1.5, -2.0, -2.0] [0.5, 0.0, 0.0] 1
  assert.equal(Array.from(tree.tree_!.threshold.dataSync()), [1.5, -2, -2]);
  assert.equal(Array.from(tree.tree_!.impurity.dataSync()), [0.5, 0, 0]);
  assert.is(tree.getDepth(), 1);
  // t.predict([[0.4], [2.6]]).tolist() -> [0, 1]
  assert.equal(Array.from((await tree.predict([[0.4], [2.6]])).dataSync()), [0, 1]);
});

test('every fixture tree equals scikit-learn\'s bit for bit', async () => {
  assert.ok(cases.length >= 15);
  for (const c of cases) {
    const est = await fitCase(c);
    const t = est.tree_!;
    for (const key of ['childrenLeft', 'childrenRight', 'feature', 'threshold', 'impurity', 'nNodeSamples', 'weightedNNodeSamples', 'value'] as const) {
      assert.equal(Array.from(t[key].dataSync()), flat(c.tree[key]), `${c.name}: tree_.${key}`);
    }
    assert.is(est.getDepth(), c.tree.depth, `${c.name}: depth`);
    assert.is(est.getNLeaves(), c.tree.nLeaves, `${c.name}: leaves`);
    assertClose(est.featureImportances_!.dataSync(), c.tree.featureImportances, `${c.name}: importances`, 1e-12);
  }
});

test('predict and predictProba equal scikit-learn\'s on the fixtures', async () => {
  for (const c of cases) {
    const est = await fitCase(c);
    assert.equal(Array.from((await est.predict(c.XTest)).dataSync()), c.predict, `${c.name}: predict`);
    if (est instanceof DecisionTreeClassifier) {
      const proba = await est.predictProba(c.XTest);
      assert.equal(proba.shape, [c.XTest.length, c.classes!.length]);
      assert.equal(Array.from(proba.dataSync()), flat(c.predictProba!), `${c.name}: predictProba`);
      assert.equal(Array.from(est.classes_!.dataSync()), c.classes, `${c.name}: classes_`);
      assert.is(est.nClasses_, c.classes!.length);
    }
  }
});

test('tree_.value has scikit-learn\'s shape (nodes, 1, classes)', async () => {
  const c = cases.find((x) => x.name === 'iris gini')!;
  const est = await fitCase(c);
  assert.equal(est.tree_!.value.shape, [est.tree_!.nodeCount, 1, 3]);
});

test('a fully grown tree is pure on its training data (S-R11)', async () => {
  const { data, target } = loadIris();
  const est = await new DecisionTreeClassifier({ randomState: 0 }).fit(data, target);
  assert.is(await est.score(data, target), 1);
  const proba = (await est.predictProba(data)).dataSync();
  assert.ok(proba.every((p) => p === 0 || p === 1));
  const reg = await new DecisionTreeRegressor().fit([[0], [1], [2], [3]], [5, -1, 2, 2]);
  assert.equal(Array.from((await reg.predict([[0], [1], [2], [3], [0.4], [0.6]])).dataSync()), [5, -1, 2, 2, 5, -1]);
});

test('zero sample weights remove samples; doubling a weight equals duplicating the row', async () => {
  const X = [[0], [1], [2], [3], [4], [5]];
  const y = [0, 0, 1, 1, 0, 1];
  const weighted = await new DecisionTreeClassifier({ randomState: 0 }).fit(X, y, [1, 2, 1, 1, 0, 1]);
  const copied = await new DecisionTreeClassifier({ randomState: 0 }).fit([[0], [1], [1], [2], [3], [5]], [0, 0, 0, 1, 1, 1]);
  assert.equal(Array.from(weighted.tree_!.threshold.dataSync()), Array.from(copied.tree_!.threshold.dataSync()));
  assert.equal(Array.from(weighted.tree_!.value.dataSync()), Array.from(copied.tree_!.value.dataSync()));
  assert.is(weighted.tree_!.nNodeSamples.dataSync()[0], 5);
});

test('thresholds sit halfway between float32 feature values', async () => {
  const est = await new DecisionTreeClassifier().fit([[0.1], [0.2], [0.7]], [0, 0, 1]);
  assert.is(est.tree_!.threshold.dataSync()[0], Math.fround(0.2) / 2 + Math.fround(0.7) / 2);
});

test('X is validated as float32: values beyond its range are too large, samples route on float32 values', async () => {
  const tooLarge = "Input X contains infinity or a value too large for dtype('float32').";
  const fitted = await new DecisionTreeClassifier().fit([[0], [1]], [0, 1]);
  const regressor = await new DecisionTreeRegressor().fit([[0], [1]], [0, 1]);
  const calls = [
    () => new DecisionTreeClassifier().fit([[0], [1e39]], [0, 1]), () => new DecisionTreeRegressor().fit([[0], [-1e39]], [0, 1]),
    () => fitted.predict([[1e39]]), () => fitted.apply([[Infinity]]), () => regressor.predict([[-1e39]]),
  ];
  for (const call of calls) {
    try {
      await call();
      assert.unreachable('should throw');
    } catch (e) {
      assert.is((e as Error).message, tooLarge);
    }
  }
  // scikit-learn: threshold 0.5; the float64 just above it is 0.5 in float32, so it goes left (class 0)
  assert.is(fitted.tree_!.threshold.dataSync()[0], 0.5);
  assert.equal(Array.from((await fitted.predict([[0.5000000000000001], [0.5000001]])).dataSync()), [0, 1]);
});

test('the introsort sorts values and carries the sample indices along', () => {
  const rng = new np.random.RandomState(3);
  for (const n of [0, 1, 2, 5, 17, 100, 1000]) {
    for (const range of [3, 1000]) {
      const values = Float32Array.from((rng.randint(0, range, n) as np.NDArray).dataSync());
      const xf = values.slice();
      const samples = Int32Array.from({ length: n }, (_, i) => i);
      sortSamples(xf, samples, 0, n);
      for (let i = 1; i < n; i++) assert.ok(xf[i - 1] <= xf[i]);
      samples.forEach((s, i) => assert.is(values[s], xf[i]));
      assert.is(new Set(samples).size, n);
    }
  }
  // Organ-pipe and sawtooth inputs push quicksort towards its depth limit.
  for (const make of [(i: number, n: number) => Math.min(i, n - i), (i: number) => i % 7]) {
    const xf = Float32Array.from({ length: 500 }, (_, i) => make(i, 500));
    const samples = Int32Array.from({ length: 500 }, (_, i) => i);
    sortSamples(xf, samples, 0, 500);
    for (let i = 1; i < 500; i++) assert.ok(xf[i - 1] <= xf[i]);
  }
});

test('estimator contract: fit returns this, params stay, refitting gives the same tree', async () => {
  const { data, target } = loadIris();
  const est = new DecisionTreeClassifier({ maxDepth: 3, randomState: 1 });
  assert.equal(Object.entries(est).filter(([k, v]) => k.endsWith('_') && v !== undefined), []);
  assert.is(await est.fit(data, target), est);
  const first = Array.from(est.tree_!.threshold.dataSync());
  await est.fit(data, target);
  assert.equal(Array.from(est.tree_!.threshold.dataSync()), first);
  assert.equal(est.getParams(), { criterion: 'gini', splitter: 'best', maxDepth: 3, minSamplesSplit: 2, minSamplesLeaf: 1, minWeightFractionLeaf: 0, maxFeatures: null, randomState: 1, minImpurityDecrease: 0 });
  assert.is(est.toString(), 'DecisionTreeClassifier(maxDepth=3, randomState=1)');
  const copy = clone(est);
  assert.is(copy.tree_, undefined);
  assert.equal(copy.getParams(), est.getParams());
});

test('NotFittedError before fit; shape and parameter errors with scikit-learn\'s wording', async () => {
  const est = new DecisionTreeClassifier();
  for (const call of [() => est.predict([[1]]), () => est.predictProba([[1]]), () => est.apply([[1]])]) {
    try {
      await call();
      assert.unreachable('should throw');
    } catch (e) {
      assert.instance(e, NotFittedError);
      assert.match((e as Error).message, 'This DecisionTreeClassifier instance is not fitted yet');
    }
  }
  assert.throws(() => est.getDepth(), (e: Error) => e instanceof NotFittedError);
  const rejects = async (f: () => Promise<unknown>, message: string): Promise<void> => {
    try {
      await f();
      assert.unreachable(`should throw: ${message}`);
    } catch (e) {
      assert.match((e as Error).message, message);
    }
  };
  await rejects(() => est.fit([1, 2, 3], [0, 1, 0]), 'Expected 2D array, got 1D array instead');
  await rejects(() => est.fit([[1], [2]], [0, 1, 0]), 'Found input variables with inconsistent numbers of samples: [2, 3]');
  await rejects(() => est.fit([[1], [2]], [0.5, 1]), "Unknown label type: 'continuous'");
  await rejects(() => est.fit([[1], [2]], [0, 1], [1, 2, 3]), 'sample_weight.shape == (3,), expected (2,)!');
  await rejects(() => new DecisionTreeClassifier({ maxDepth: 0 }).fit([[1], [2]], [0, 1]),
    "The 'maxDepth' parameter of DecisionTreeClassifier must be an int in the range [1, inf) or None. Got 0 instead.");
  await rejects(() => new DecisionTreeClassifier({ criterion: 'foo' as 'gini' }).fit([[1], [2]], [0, 1]),
    "The 'criterion' parameter of DecisionTreeClassifier must be a str among {'gini', 'entropy', 'log_loss'}. Got 'foo' instead.");
  await rejects(() => new DecisionTreeRegressor({ minSamplesLeaf: 0 }).fit([[1], [2]], [0, 1]),
    "The 'minSamplesLeaf' parameter of DecisionTreeRegressor must be an int in the range [1, inf) or a float in the range (0.0, 1.0). Got 0 instead.");
  const fitted = await new DecisionTreeClassifier().fit([[1, 2], [3, 4]], [0, 1]);
  await rejects(() => fitted.predict([[1, 2, 3]]), 'X has 3 features, but DecisionTreeClassifier is expecting 2 features as input.');
});

test('toJSON/fromJSON restores an identical tree and predictions', async () => {
  for (const c of cases.filter((x) => ['iris gini', 'ties sample weights', 'sine regressor depth 3'].includes(x.name))) {
    const est = await fitCase(c);
    const json = JSON.parse(JSON.stringify(est.toJSON()));
    const back = est instanceof DecisionTreeClassifier ? DecisionTreeClassifier.fromJSON(json) : DecisionTreeRegressor.fromJSON(json);
    assert.equal(back.getParams(), est.getParams());
    assert.equal(Array.from((await back.predict(c.XTest)).dataSync()), c.predict, `${c.name}: restored predict`);
    assert.equal(back.toJSON(), est.toJSON());
  }
});

test('fractions: minSamplesSplit 1 means all samples (scikit-learn reads 1 as the float 1.0)', async () => {
  const X = [[0], [1], [2], [3]];
  const leaves = async (params: object): Promise<number> => (await new DecisionTreeClassifier(params).fit(X, [0, 1, 0, 1])).getNLeaves();
  // scikit-learn: 2 leaves for min_samples_split=1.0 and for min_samples_leaf=0.5, 4 by default.
  assert.is(await leaves({ minSamplesSplit: 1 }), 2);
  assert.is(await leaves({ minSamplesLeaf: 0.5 }), 2);
  assert.is(await leaves({}), 4);
});

test.run();
