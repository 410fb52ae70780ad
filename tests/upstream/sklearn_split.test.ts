// Ports of scikit-learn 1.2's sklearn/model_selection/tests/test_split.py, with the class labels given
// as strings: stratified splits depend only on which samples share a label, never on the labels'
// values, so renaming the classes to strings must give the very same rows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sk from '../../sklearn/index.ts';

test('worked example: StratifiedKFold on string labels keeps each class in every fold', async () => {
  const y = ['ham', 'ham', 'spam', 'spam', 'ham', 'spam'];
  const folds = await new sk.StratifiedKFold({ nSplits: 3 }).split(y, y);
  for (const [, testRows] of folds) assert.equal(testRows.map((i) => y[i]).sort(), ['ham', 'spam']);
});

const permutations = <T>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));

// sklearn/model_selection/tests/test_split.py::test_stratified_kfold_label_invariance
for (const shuffle of [false, true]) {
  for (const k of [4, 6, 7]) {
    test(`test_stratified_kfold_label_invariance[k=${k}, shuffle=${shuffle}]: renamed classes, same folds`, async () => {
      const y = [...new Array(10).fill(2), ...new Array(89).fill(0), ...new Array(1).fill(1)];
      const splits = (labels: unknown[]) => new sk.StratifiedKFold({ nSplits: k, shuffle, randomState: shuffle ? 0 : null }).split(y, labels);
      const base = await splits(y);
      for (const names of permutations(['a', 'b', 'c'])) assert.equal(await splits(y.map((c) => names[c])), base);
    });
  }
}

test('test_train_test_split (stratify): string classes keep their 1:1 ratio at every test size', async () => {
  const y = ['one', 'one', 'one', 'one', 'two', 'two', 'two', 'two'];
  const sizes: [number, number][] = [[2, 2], [4, 4], [0.25, 2], [0.5, 4], [0.75, 6]];
  for (const [testSize, expected] of sizes) {
    const [train, testRows] = (await sk.trainTestSplit<sk.Labels>(y, { testSize, stratify: y, randomState: 0 })) as string[][];
    assert.is(testRows.length, expected);
    assert.is(train.length + testRows.length, y.length);
    assert.is(train.filter((v) => v === 'one').length, train.filter((v) => v === 'two').length);
  }
});

test('test_stratified_shuffle_split_even (string labels): renaming classes keeps the splits', async () => {
  const y = [0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2];
  const names = ['zeta', 'alpha', 'Mu'];
  const cv = () => new sk.StratifiedShuffleSplit({ nSplits: 3, testSize: 0.5, randomState: 0 });
  // Sorted by code point, 'Mu' < 'alpha' < 'zeta': classes 2, 1, 0 in that order.
  const relabelled = [2, 1, 0];
  assert.equal(await cv().split(y, y.map((c) => names[c])), await cv().split(y, y.map((c) => relabelled[c])));
});

test.run();
