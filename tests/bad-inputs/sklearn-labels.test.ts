// Class labels given as strings, as scikit-learn users give them: y = ['cat', 'dog', 'cat'] as a plain
// JS array. Every classifier sorts them by code point into classes_ (a string[]) and predicts strings;
// splitters stratify on them; LabelEncoder and the metrics take them. Before, np.array(['cat']) threw
// deep inside the first fit. Expected labels come from scikit-learn 1.2.1 on the same data. Then the
// bad inputs: strings mixed with numbers, unseen labels, a posLabel that is not a label, and a fitted
// classifier that keeps predicting the same labels after a fit that fails.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as sk from '../../sklearn/index.ts';

const X = [[0, 1], [1, 0], [2, 2], [3, 1], [4, 3], [5, 5], [6, 4], [7, 6], [8, 8], [9, 7]];
const y2 = ['dog', 'dog', 'dog', 'dog', 'dog', 'cat', 'cat', 'cat', 'cat', 'cat'];
const y4 = ['dog', 'dog', 'dog', 'Zebra', 'Zebra', 'cat', 'cat', 'cat', 'ém', 'ém'];

async function fails(fn: () => unknown, kind: new (...a: never[]) => Error, words: readonly string[]): Promise<Error> {
  let error: unknown = null;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.instance(error, kind, `expected a ${kind.name} mentioning ${words.join(', ')}, got ${String(error)}`);
  for (const w of words) assert.ok((error as Error).message.includes(w), `"${(error as Error).message}" should mention ${w}`);
  return error as Error;
}

test('worked example: LogisticRegression learns and predicts string labels', async () => {
  const clf = new sk.LogisticRegression<string[]>();
  await clf.fit(X, y2);
  assert.equal(clf.classes_, ['cat', 'dog']);
  const predicted = await clf.predict(X);
  assert.equal(predicted, y2);
  assert.is(await clf.score(X, y2), 1);
});

type StringClassifier = sk.BaseEstimator & {
  fit(X: unknown, y: unknown): Promise<unknown>;
  predict(X: unknown): Promise<sk.Labels>;
  score(X: unknown, y: unknown): Promise<number>;
  classes_?: sk.Labels;
  toJSON(): unknown;
};

// scikit-learn 1.2.1: classes_ and predict(X) after fit(X, y4).
const CLASSIFIERS: [string, () => StringClassifier, string[]][] = [
  ['LogisticRegression', () => new sk.LogisticRegression(), y4],
  ['RidgeClassifier', () => new sk.RidgeClassifier(), ['dog', 'dog', 'dog', 'Zebra', 'dog', 'cat', 'cat', 'ém', 'ém', 'ém']],
  ['RidgeClassifierCV', () => new sk.RidgeClassifierCV(), ['dog', 'dog', 'dog', 'dog', 'dog', 'cat', 'cat', 'ém', 'ém', 'ém']],
  ['DecisionTreeClassifier', () => new sk.DecisionTreeClassifier({ randomState: 0 }), y4],
  ['RandomForestClassifier', () => new sk.RandomForestClassifier({ nEstimators: 3, randomState: 0 }), ['dog', 'dog', 'Zebra', 'Zebra', 'Zebra', 'cat', 'Zebra', 'cat', 'ém', 'ém']],
  ['AdaBoostClassifier', () => new sk.AdaBoostClassifier({ nEstimators: 3, randomState: 0, algorithm: 'SAMME.R' }), ['dog', 'dog', 'dog', 'cat', 'cat', 'cat', 'cat', 'cat', 'ém', 'ém']],
  ['KNeighborsClassifier', () => new sk.KNeighborsClassifier({ nNeighbors: 3 }), ['dog', 'dog', 'dog', 'dog', 'Zebra', 'cat', 'cat', 'cat', 'ém', 'ém']],
];

for (const [name, make, expected] of CLASSIFIERS) {
  test(`${name}: string labels sorted by code point, predicted as strings, saved and restored`, async () => {
    const clf = make();
    await clf.fit(X, y4);
    assert.equal(clf.classes_, ['Zebra', 'cat', 'dog', 'ém']);
    assert.equal(await clf.predict(X), expected);
    const restored = (clf.constructor as unknown as { fromJSON(j: unknown): StringClassifier }).fromJSON(JSON.parse(JSON.stringify(clf.toJSON())));
    assert.equal(restored.classes_, clf.classes_);
    assert.equal(await restored.predict(X), expected);
    // Two classes: the same labels as the numbers would give.
    await clf.fit(X, y2);
    assert.equal(clf.classes_, ['cat', 'dog']);
    assert.is(await clf.score(X, y2), name === 'RandomForestClassifier' ? 0.9 : 1);
  });

  test(`${name}: strings mixed with numbers are refused, and a failed refit keeps the old labels`, async () => {
    const clf = make();
    await clf.fit(X, y4);
    const before = await clf.predict(X);
    await fails(() => clf.fit(X, [...y4.slice(0, -1), 3]), np.ValueError, ['Mix of label input types (string and number)']);
    assert.equal(clf.classes_, ['Zebra', 'cat', 'dog', 'ém']);
    assert.equal(await clf.predict(X), before);
    await fails(() => clf.fit(X, y4.slice(1)), np.ValueError, ['inconsistent numbers of samples', '10, 9']);
    assert.equal(await clf.predict(X), before);
    const fresh = make();
    await fails(() => fresh.fit(X, ['a', 1, 'b', 2, 'a', 1, 'b', 2, 'a', 1]), np.ValueError, ['Mix of label input types']);
    await fails(() => fresh.predict(X), sk.NotFittedError, ['fit']);
  });
}

test('LogisticRegression: one string class is refused, named as Python prints it', async () => {
  await fails(() => new sk.LogisticRegression().fit(X, new Array(10).fill('a')), np.ValueError, ["the data contains only one class: 'a'"]);
});

test('RidgeClassifier and LogisticRegression: classWeight keyed by string labels', async () => {
  const clf = new sk.RidgeClassifier({ classWeight: { cat: 2 } });
  await clf.fit(X, y2);
  assert.equal(await clf.predict(X), y2);
  await fails(() => new sk.LogisticRegression({ classWeight: { bird: 1 } }).fit(X, y2), np.ValueError, ['bird', 'are not in class_weight']);
  const balanced = new sk.LogisticRegression({ classWeight: 'balanced' });
  await balanced.fit(X, y4);
  assert.equal(balanced.classes_, ['Zebra', 'cat', 'dog', 'ém']);
});

test('LabelEncoder: strings to codes and back; sorted by code point as NumPy sorts str', async () => {
  const enc = new sk.LabelEncoder<string[]>();
  // NumPy: sorted(['b', 'a', 'Z', 'é', '😀', '！']) is ['Z', 'a', 'b', 'é', '！', '😀'] (JS's sort puts '😀' first).
  await enc.fit(['b', 'a', 'Z', 'é', '😀', '！']);
  assert.equal(enc.classes_, ['Z', 'a', 'b', 'é', '！', '😀']);
  assert.equal(Array.from((await enc.transform(['😀', 'a', 'Z'])).dataSync()), [5, 1, 0]);
  assert.equal(await enc.inverseTransform([5, 1, 0]), ['😀', 'a', 'Z']);
  assert.equal(Array.from((await new sk.LabelEncoder().fitTransform(['paris', 'paris', 'tokyo', 'amsterdam'])).dataSync()), [1, 1, 2, 0]);
  // scikit-learn: the first unseen label, repr'd; codes out of range as before.
  await fails(() => enc.transform(['a', 'c', 'd']), np.ValueError, ["y contains previously unseen labels: 'c'"]);
  await fails(() => enc.inverseTransform([0, 9]), np.ValueError, ['y contains previously unseen labels: [9]']);
  await fails(() => enc.fit(['a', 2]), np.ValueError, ['Mix of label input types (string and number)']);
  assert.equal(enc.classes_, ['Z', 'a', 'b', 'é', '！', '😀'], 'a failed fit keeps classes_');
});

test('StratifiedKFold and trainTestSplit(stratify) on string labels match scikit-learn', async () => {
  const folds = await new sk.StratifiedKFold({ nSplits: 3 }).split(X, y4);
  assert.equal(folds.map(([, testRows]) => testRows), [[0, 3, 5, 8], [1, 4, 6], [2, 7, 9]]);
  const [XTrain, XTest, yTrain, yTest] = await sk.trainTestSplit<sk.Labels>(X, y4, { stratify: y4, randomState: 0, testSize: 0.5 });
  assert.equal((XTrain as np.NDArray).toArraySync(), [[7, 6], [2, 2], [8, 8], [3, 1], [0, 1]]);
  assert.equal((XTest as np.NDArray).toArraySync(), [[1, 0], [5, 5], [6, 4], [9, 7], [4, 3]]);
  assert.equal(yTrain, ['cat', 'dog', 'ém', 'Zebra', 'dog']);
  assert.equal(yTest, ['dog', 'cat', 'cat', 'ém', 'Zebra']);
  assert.is(await sk.typeOfTarget(y2), 'binary');
  assert.is(await sk.typeOfTarget(y4), 'multiclass');
  const scores = await sk.crossValScore(new sk.DecisionTreeClassifier({ randomState: 0 }), X, y2, { cv: 2 });
  assert.is(scores.size, 2);
});

test('metrics on string labels: accuracy, confusion matrix, F1 with posLabel, report', async () => {
  const t = ['cat', 'dog', 'cat', 'ém'];
  const p = ['cat', 'cat', 'dog', 'ém'];
  assert.is(await sk.accuracyScore(t, p), 0.5);
  assert.equal((await sk.confusionMatrix(t, p)).toArraySync(), [[1, 1, 0], [1, 0, 0], [0, 0, 1]]);
  assert.equal((await sk.confusionMatrix(t, p, { labels: ['dog', 'cat'] })).toArraySync(), [[0, 1], [1, 1]]);
  await fails(() => sk.confusionMatrix(t, p, { labels: ['bird'] }), np.ValueError, ['At least one label specified must be in y_true']);
  const [tb, pb] = [['cat', 'dog', 'cat'], ['cat', 'cat', 'dog']];
  assert.is(await sk.f1Score(tb, pb, { posLabel: 'cat' }), 0.5);
  // scikit-learn: pos_label defaults to 1, which is not one of the string labels.
  await fails(() => sk.f1Score(tb, pb), np.ValueError, ["pos_label=1 is not a valid label. It should be one of ['cat', 'dog']"]);
  await fails(() => sk.precisionScore(tb, pb, { posLabel: 'bird' }), np.ValueError, ["pos_label=bird is not a valid label. It should be one of ['cat', 'dog']"]);
  const report = await sk.classificationReport(t, p);
  assert.ok(report.includes('         cat       0.50      0.50      0.50         2'), report);
  assert.ok(report.includes('          ém       1.00      1.00      1.00         1'), report);
  await fails(() => sk.accuracyScore(tb, [0, 1, 0]), TypeError, ['Labels in y_true and y_pred should be of the same type', "y_true=['cat' 'dog']", 'y_pred=[0 1]']);
  await fails(() => sk.accuracyScore(tb, ['cat']), np.ValueError, ['inconsistent numbers of samples: [3, 1]']);
});

test.run();
