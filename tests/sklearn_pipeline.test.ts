// sklearn Pipeline and makePipeline against scikit-learn 1.2.1 (tests/fixtures/sklearn_model_selection.json,
// written by tests/oracle/sklearn_model_selection.py): step naming, `name__param` routing, validation messages,
// fit/transform/predict/score through the steps, no leakage across CV folds, and the K8 search over
// Pipeline([poly, ridge]) with poly__degree 0..6 x ridge__alpha [.25, .5, 1, 2].
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import * as sk from '../sklearn/index.ts';
import { clone, isClassifier } from '../sklearn/base.ts';
import { MinMaxScaler, StandardScaler, PolynomialFeatures } from '../sklearn/preprocessing/index.ts';
import { Ridge } from '../sklearn/linear_model/ridge.ts';
import { RidgeClassifier } from '../sklearn/linear_model/ridge-classifier.ts';
import { fromJSONValue, toJSONValue, type Json } from '../sklearn/persistence.ts';
import fx from './fixtures/sklearn_model_selection.json';
import { rejects } from './helpers.ts';

type Rec = Record<string, unknown>;
const F = fx as unknown as { moons: { X: number[][]; y: number[] }; search: Record<string, Rec>; crossVal: Record<string, number[]>; pipeline: Rec };
const X = np.array(F.moons.X);
const y = np.array(F.moons.y);
const values = (a: np.NDArray): number[] => Array.from(a.dataSync() as ArrayLike<number>);

function close(actual: number[], expected: number[], tol: number, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  actual.forEach((a, i) => {
    if (!(Math.abs(a - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])))) assert.unreachable(`${what}[${i}]: ${a}, scikit-learn has ${expected[i]}`);
  });
}


test('makePipeline names steps by lower-cased class, numbering repeats as scikit-learn does', () => {
  const pipe = sk.makePipeline(new StandardScaler(), new MinMaxScaler(), new StandardScaler(), new Ridge(), new StandardScaler());
  assert.equal(pipe.params.steps.map(([n]) => n), F.pipeline.names);
  assert.is(sk.makePipeline(new MinMaxScaler(), new Ridge(), { verbose: true }).params.verbose, true);
  assert.equal(sk.makePipeline(new MinMaxScaler(), 'passthrough', new Ridge()).params.steps.map(([n]) => n), ['minmaxscaler', 'passthrough', 'ridge']);
});

test('getParams({deep}) lists steps by name and their params as name__param; setParams routes them', () => {
  const pipe = new sk.Pipeline([['scale', new MinMaxScaler()], ['poly', new PolynomialFeatures({ degree: 3 })], ['clf', new RidgeClassifier({ alpha: 0.5 })]]);
  const deep = pipe.getParams();
  const clfKeys = (F.pipeline.deepKeys as string[]).filter((k) => k.startsWith('clf__')).map((k) => `clf__${k.slice(5).replace(/_([a-zA-Z])/g, (_, c: string) => c.toUpperCase())}`);
  assert.equal(Object.keys(deep).filter((k) => k.startsWith('clf__')).sort(), clfKeys.sort());
  for (const k of ['steps', 'verbose', 'scale', 'poly', 'clf', 'poly__degree']) assert.ok(k in deep && (F.pipeline.deepKeys as string[]).includes(k), k);
  assert.is(deep.poly__degree, 3);
  assert.is(deep.clf, pipe.params.steps[2][1]);
  assert.equal(Object.keys(pipe.getParams({ deep: false })), ['steps', 'verbose']);
  pipe.setParams({ poly__degree: 2, clf__alpha: 4 });
  assert.is((pipe.namedSteps.poly as PolynomialFeatures).params.degree, 2);
  assert.is((pipe.get('clf') as RidgeClassifier).params.alpha, 4);
  // A whole step is replaced before its params are set, whatever the key order.
  pipe.setParams({ poly__degree: 5, poly: new PolynomialFeatures() });
  assert.is((pipe.get(1) as PolynomialFeatures).params.degree, 5);
  assert.throws(() => pipe.setParams({ nope__alpha: 1 }), /Invalid parameter 'nope' for estimator Pipeline/);
  assert.throws(() => pipe.setParams({ clf__nope: 1 }), /Invalid parameter 'nope' for estimator RidgeClassifier/);
  assert.is(String(new sk.Pipeline([['scale', new MinMaxScaler()], ['clf', new RidgeClassifier({ alpha: 0.5 })]])), "Pipeline(steps=[('scale', MinMaxScaler()), ('clf', RidgeClassifier(alpha=0.5))])");
});

test('fit / decisionFunction / score / transform through the steps match scikit-learn', async () => {
  const pipe = new sk.Pipeline([['scale', new MinMaxScaler()], ['poly', new PolynomialFeatures({ degree: 3 })], ['clf', new RidgeClassifier({ alpha: 0.5 })]]);
  assert.is(await pipe.fit(X, y), pipe);
  close(values(await pipe.decisionFunction(X.get(np.slice(0, 5)))), F.pipeline.decision as number[], 1e-8, 'decision');
  assert.is(await pipe.score(X, y), F.pipeline.score);
  close(values(await pipe.slice(0, -1).transform(X.get(np.slice(0, 3)))), (F.pipeline.transform as number[][]).flat(), 1e-12, 'transform');
  assert.equal(values(await pipe.predict(X)), values(await (pipe.get(-1) as RidgeClassifier).predict(await pipe.slice(0, 2).transform(X))));
  assert.ok(isClassifier(pipe));
  assert.equal(values(pipe.classes_ as np.NDArray), [0, 1]);
  const noProba = await pipe.predictProba(X).catch((e: Error) => e.message);
  assert.is(noProba, "This 'Pipeline' has no attribute 'predictProba'");
  const scaler = sk.makePipeline(new MinMaxScaler(), 'passthrough');
  const Xt = await scaler.fitTransform(X);
  close(values(await scaler.inverseTransform(Xt)), values(X), 1e-12, 'inverse');
  close(values(await scaler.transform(X)), values(Xt), 0, 'transform = fitTransform');
});

test('unfitted steps raise NotFittedError; validation uses scikit-learn\'s messages', async () => {
  await rejects(new sk.Pipeline([['s', new MinMaxScaler()], ['r', new Ridge()]]).predict(X), /This MinMaxScaler instance is not fitted yet/);
  await rejects(new sk.Pipeline([['a', new MinMaxScaler()], ['a', new Ridge()]]).fit(X, y), /^Names provided are not unique: \['a', 'a'\]$/);
  await rejects(new sk.Pipeline([['a__b', new MinMaxScaler()], ['r', new Ridge()]]).fit(X, y), /^Estimator names must not contain __: got \['a__b'\]$/);
  await rejects(new sk.Pipeline([['steps', new MinMaxScaler()], ['r', new Ridge()]]).fit(X, y), /^Estimator names conflict with constructor arguments: \['steps'\]$/);
  await rejects(new sk.Pipeline([['r', new Ridge()], ['s', new MinMaxScaler()]]).fit(X, y),
    /^All intermediate steps should be transformers and implement fit and transform or be the string 'passthrough' 'Ridge\(\)' \(type <class 'Ridge'>\) doesn't$/);
  await rejects(new sk.Pipeline([['s', new MinMaxScaler()], ['x', 3 as never]]).fit(X, y), /^Last step of Pipeline should implement fit or be the string 'passthrough'. '3' \(type <class 'Number'>\) doesn't$/);
});

test('cross-validation refits the whole pipeline in each fold (no leakage), clones are independent', async () => {
  const pipe = sk.makePipeline(new MinMaxScaler(), new RidgeClassifier());
  close(values(await sk.crossValScore(pipe, X, y, { cv: 5 })), F.crossVal.pipeline, 0, 'scores');
  assert.is((pipe.get(0) as MinMaxScaler).scale_, undefined, 'the original pipeline stays unfitted');
  await pipe.fit(X, y);
  const copy = clone(pipe);
  assert.is.not(copy.get(0), pipe.get(0));
  assert.is((copy.get(0) as MinMaxScaler).scale_, undefined);
  assert.equal((copy.get(1) as RidgeClassifier).params, (pipe.get(1) as RidgeClassifier).params);
});

test('K8: GridSearchCV over Pipeline([poly, ridge]) with poly__degree x ridge__alpha matches scikit-learn', async () => {
  const k8 = F.search.k8 as Record<string, number[]> & { params: Rec[]; bestIndex: number; bestScore: number; bestParams: Rec };
  const pipe = new sk.Pipeline([['poly', new PolynomialFeatures()], ['ridge', new RidgeClassifier()]]);
  const search = await new sk.GridSearchCV(pipe, { poly__degree: [0, 1, 2, 3, 4, 5, 6], ridge__alpha: [0.25, 0.5, 1, 2] }, { cv: 3 }).fit(X, y);
  const r = search.cvResults_ as sk.CvResults;
  assert.equal(r.params, k8.params);
  for (const key of ['split0TestScore', 'split1TestScore', 'split2TestScore', 'meanTestScore', 'stdTestScore']) close(values(r[key] as np.NDArray), k8[key], 1e-12, key);
  assert.equal(values(r.rankTestScore as np.NDArray), k8.rankTestScore);
  assert.is(search.bestIndex_, k8.bestIndex);
  assert.equal(search.bestParams_, { poly__degree: 5, ridge__alpha: 0.25 });
  assert.is(search.bestScore_, 1);
  const best = search.bestEstimator_ as sk.Pipeline;
  assert.is((best.get('poly') as PolynomialFeatures).params.degree, 5);
  assert.is.not(best.get('poly'), pipe.get('poly'), 'the best estimator is a clone');
  assert.is(await search.score(X, y), 1);
});

test('a fitted pipeline round-trips through JSON; verbose prints each step', async () => {
  const pipe = await new sk.Pipeline([['scale', new MinMaxScaler()], ['clf', new RidgeClassifier()]]).fit(X, y);
  const back = fromJSONValue(toJSONValue(pipe) as Json) as sk.Pipeline;
  assert.instance(back, sk.Pipeline);
  assert.equal(values(await back.decisionFunction(X)), values(await pipe.decisionFunction(X)));
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try {
    await new sk.Pipeline([['scale', new MinMaxScaler()], ['clf', new RidgeClassifier()]], { verbose: true }).fit(X, y);
  } finally {
    console.log = log;
  }
  assert.is(lines.length, 2);
  assert.match(lines[0], /^\[Pipeline\] \.+ \(step 1 of 2\) Processing scale, total= +\d+\.\ds$/);
  assert.is(lines[0].length, 70);
});

test.run();
