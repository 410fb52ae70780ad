// Misspelt options are refused, as Python refuses an unexpected keyword argument: `new Ridge({alhpa: 10})`
// throws "Ridge.__init__() got an unexpected keyword argument 'alhpa'" instead of fitting with alpha 1.
// One check in BaseEstimator's constructor covers every estimator (the walk below finds them all in the
// exports of tessera/sklearn); the functions and splitters that take an options object check theirs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as sk from '../../sklearn/index.ts';
import { thrown } from '../helpers.ts';

/** Asserts `fn` throws (or rejects with) an error of class `cls` whose message contains every word. */
async function refuses(fn: () => unknown, cls: new (...a: never[]) => Error, words: readonly string[]): Promise<void> {
  const error = await thrown(fn);
  assert.instance(error, cls, `expected a ${cls.name} mentioning ${words.join(', ')}, got ${String(error)}`);
  for (const w of words) assert.ok((error as Error).message.includes(w), `"${(error as Error).message}" should mention ${w}`);
}

/** A misspelling of `key` as a learner types it: the last two letters swapped, or the last one dropped. */
const misspell = (key: string): string => (key.at(-1) === key.at(-2) ? key.slice(0, -1) : key.slice(0, -2) + key.slice(-1) + key.slice(-2, -1));

test('worked example: Ridge({alhpa: 10}) is a TypeError naming the key, the class and the valid keys', async () => {
  await refuses(() => new sk.Ridge({ alhpa: 10 } as never), TypeError, [
    "Ridge.__init__() got an unexpected keyword argument 'alhpa'",
    "'alpha'", "'solver'",
  ]);
  // The right spelling still works, and sets what it says.
  assert.is(new sk.Ridge({ alpha: 10 }).toString(), 'Ridge(alpha=10)');
});

type Ctor = new (...args: unknown[]) => sk.BaseEstimator;
const ABSTRACT = new Set(['BaseEstimator', 'Classifier', 'Regressor', 'Transformer']);
const estimators = Object.entries(sk as Record<string, unknown>).filter(
  (e): e is [string, Ctor] => typeof e[1] === 'function' && e[1].prototype instanceof sk.BaseEstimator && !ABSTRACT.has(e[0]),
);

test('the walk finds every estimator exported by tessera/sklearn', () => {
  assert.ok(estimators.length >= 20, `found only ${estimators.map(([n]) => n).join(', ')}`);
  for (const name of ['Ridge', 'Pipeline', 'GridSearchCV', 'AdaBoostClassifier', 'KMeans', 'PCA', 'LabelEncoder']) {
    assert.ok(estimators.some(([n]) => n === name), name);
  }
});

for (const [name, Est] of estimators) {
  test(`${name}: a misspelt option is a TypeError, and nothing is built`, async () => {
    const keys = Object.keys(new Est().params);
    const bad = keys.length ? misspell(keys[0]) : 'bogus';
    await refuses(() => new Est({ [bad]: 1 }), TypeError, [`${name}.__init__() got an unexpected keyword argument '${bad}'`, ...keys.map((k) => `'${k}'`)]);
    // Each valid key, given alone with its default, is accepted.
    for (const k of keys) new Est({ [k]: new Est().params[k] });
  });
}

test('Pipeline, GridSearchCV and RandomizedSearchCV check the options given after their positional arguments', async () => {
  await refuses(() => new sk.Pipeline([['r', new sk.Ridge()]], { verbos: true } as never), TypeError, ["Pipeline.__init__() got an unexpected keyword argument 'verbos'", "'verbose'"]);
  await refuses(() => new sk.GridSearchCV(new sk.Ridge(), { alpha: [1] }, { cvv: 3 } as never), TypeError, ["GridSearchCV.__init__() got an unexpected keyword argument 'cvv'", "'cv'"]);
  await refuses(() => new sk.RandomizedSearchCV(new sk.Ridge(), { alpha: [1] }, { nIters: 3 } as never), TypeError, ["unexpected keyword argument 'nIters'", "'nIter'"]);
  await refuses(() => new sk.Ridge(3 as never), TypeError, ['Ridge.__init__() takes an options object, got number']);
});

test('setParams keeps scikit-learn\'s ValueError for an unknown key; a known key with a bad value fails at fit', async () => {
  await refuses(() => new sk.Ridge().setParams({ alhpa: 1 }), np.ValueError, ["Invalid parameter 'alhpa' for estimator Ridge()", "'alpha'"]);
  await refuses(() => new sk.Ridge({ alpha: -1 }).fit([[1], [2]], [1, 2]), np.ValueError, ["The 'alpha' parameter of Ridge must be a float in the range [0, inf). Got -1 instead."]);
});

const X = [[0, 1], [1, 0], [2, 2], [3, 1], [4, 3], [5, 5], [6, 4], [7, 6]];
const y = [0, 0, 0, 0, 1, 1, 1, 1];

/** Every sklearn function or splitter that takes an options object: a call with one misspelt key. */
const FUNCTIONS: [string, (bad: Record<string, unknown>) => unknown][] = [
  ['trainTestSplit', (o) => sk.trainTestSplit(X, y, o)],
  ['crossValScore', (o) => sk.crossValScore(new sk.Ridge(), X, y, o)],
  ['crossValidate', (o) => sk.crossValidate(new sk.Ridge(), X, y, o)],
  ['checkCv', (o) => sk.checkCv(3, y, o)],
  ['makeScorer', (o) => sk.makeScorer(sk.r2Score, o)],
  ['KFold', (o) => new sk.KFold(o)],
  ['StratifiedKFold', (o) => new sk.StratifiedKFold(o)],
  ['ShuffleSplit', (o) => new sk.ShuffleSplit(o)],
  ['StratifiedShuffleSplit', (o) => new sk.StratifiedShuffleSplit(o)],
  ['ParameterSampler', (o) => new sk.ParameterSampler({ a: [1, 2] }, 1, o)],
  ['accuracyScore', (o) => sk.accuracyScore(y, y, o)],
  ['confusionMatrix', (o) => sk.confusionMatrix(y, y, o)],
  ['precisionScore', (o) => sk.precisionScore(y, y, o)],
  ['recallScore', (o) => sk.recallScore(y, y, o)],
  ['f1Score', (o) => sk.f1Score(y, y, o)],
  ['classificationReport', (o) => sk.classificationReport(y, y, o)],
  ['shuffle', (o) => sk.shuffle(X, o)],
  ['randomizedSvd', (o) => sk.randomizedSvd(X, 1, o)],
  ['svdFlip', (o) => sk.svdFlip(np.eye(2), np.eye(2), o)],
  ['kmeansPlusplus', (o) => sk.kmeansPlusplus(X, 2, o)],
  ['makeMoons', (o) => sk.makeMoons(o)],
  ['makeCircles', (o) => sk.makeCircles(o)],
  ['makeBlobs', (o) => sk.makeBlobs(o)],
  ['makeClassification', (o) => sk.makeClassification(o)],
  ['makeRegression', (o) => sk.makeRegression(o)],
  ['makeLowRankMatrix', (o) => sk.makeLowRankMatrix(o)],
  ['makeClockwiseCircles', (o) => sk.makeClockwiseCircles(o)],
  ['makeSpirals', (o) => sk.makeSpirals(o)],
  ['meanOfTwoGenerator', (o) => sk.meanOfTwoGenerator(o)],
  ['loadIris', (o) => sk.loadIris(o)],
  ['loadBreastCancer', (o) => sk.loadBreastCancer(o)],
  ['loadDigits', (o) => sk.loadDigits(o)],
  ['loadDiabetes', (o) => sk.loadDiabetes(o)],
];

for (const [name, call] of FUNCTIONS) {
  test(`${name}: a misspelt option is a TypeError naming it and the valid keys`, async () => {
    await refuses(() => call({ randomstate: 0 }), TypeError, [`${name}() got an unexpected keyword argument 'randomstate'`, 'Valid keys are: [']);
  });
}

test('worked examples: trainTestSplit({testsize}) and f1Score({averge}) name what they accept', async () => {
  await refuses(() => sk.trainTestSplit(X, y, { testsize: 0.5 }), TypeError, ["trainTestSplit() got an unexpected keyword argument 'testsize'", "'testSize'", "'stratify'"]);
  await refuses(() => sk.f1Score(y, y, { averge: 'macro' } as never), TypeError, ["f1Score() got an unexpected keyword argument 'averge'", "'average'", "'posLabel'"]);
  // The valid spellings still work.
  const parts = await sk.trainTestSplit(X, y, { testSize: 0.5, randomState: 0 });
  assert.equal(parts[1].shape, [4, 2]);
});

test.run();
