// Ports of scikit-learn 1.2's sklearn/metrics/tests/test_classification.py: the input checks of the
// classification metrics and string class labels. Assertions written for tessera; expected values
// from scikit-learn 1.2.1 on the same inputs. Each test names the upstream test it ports.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as sk from '../../sklearn/index.ts';
import { assertClose } from '../fixture-values.ts';

async function raises(fn: () => unknown, kind: new (...a: never[]) => Error, message: string): Promise<void> {
  let error: unknown = null;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.instance(error, kind, `expected ${kind.name}("${message}"), got ${String(error)}`);
  assert.ok((error as Error).message.includes(message), (error as Error).message);
}

test('worked example: scikit-learn refuses a mix of labels and real values', async () => {
  await raises(() => sk.accuracyScore([0, 1], [0.5, 1]), np.ValueError, "Classification metrics can't handle a mix of binary and continuous targets");
});

test('test_confusion_matrix_error: empty labels, and labels none of which is true', async () => {
  const [yTrue, yPred] = [[0, 1, 2, 1], [0, 1, 2, 0]];
  await raises(() => sk.confusionMatrix(yTrue, yPred, { labels: [] }), np.ValueError, "'labels' should contains at least one label.");
  await raises(() => sk.confusionMatrix(yTrue, yPred, { labels: [3, 4] }), np.ValueError, 'At least one label specified must be in y_true');
  await raises(() => sk.confusionMatrix(['a', 'b'], ['a', 'a'], { labels: ['c'] }), np.ValueError, 'At least one label specified must be in y_true');
});

test('test_confusion_matrix_multiclass_subset_labels: only the labels asked for, in their order', async () => {
  assert.equal((await sk.confusionMatrix([0, 1, 2, 1], [0, 1, 2, 0], { labels: [0, 2] })).toArraySync(), [[1, 0], [0, 1]]);
  assert.equal((await sk.confusionMatrix([0, 1, 2, 1], [0, 1, 2, 0], { labels: [2, 0] })).toArraySync(), [[1, 0], [0, 1]]);
});

test('test_precision_recall_fscore_support_errors: an average that does not exist', async () => {
  for (const metric of [sk.precisionScore, sk.recallScore, sk.f1Score]) {
    await raises(() => metric([0, 1, 2], [1, 2, 0], { average: 'mega' as never }), np.ValueError, "average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')");
  }
});

test('test__check_targets: mixes of target types are refused with their names', async () => {
  const MIXES: [unknown, unknown, string][] = [
    [[0, 1], [0.5, 1], "Classification metrics can't handle a mix of binary and continuous targets"],
    [[0, 1, 2], [0.5, 1, 2], "Classification metrics can't handle a mix of multiclass and continuous targets"],
    [[[0, 1], [1, 1]], [0, 1], "Classification metrics can't handle a mix of multilabel-indicator and binary targets"],
    [[0.5, 1], [0.5, 1.5], 'continuous is not supported'],
  ];
  for (const [a, b, message] of MIXES) await raises(() => sk.accuracyScore(a, b), np.ValueError, message);
  await raises(() => sk.accuracyScore([0, 1, 2], [[0, 1], [1, 1]]), np.ValueError, 'Found input variables with inconsistent numbers of samples: [3, 2]');
  // Binary with multiclass is multiclass.
  assert.is(await sk.accuracyScore([0, 1, 0], [0, 2, 0]), 2 / 3);
});

test('test_multilabel_accuracy_score_subset_accuracy: a sample counts when all its labels are right', async () => {
  const y1 = [[0, 1, 1], [1, 0, 1]];
  const y2 = [[0, 0, 1], [1, 0, 1]];
  const not = (y: number[][]): number[][] => y.map((r) => r.map((v) => 1 - v));
  const zeros = [[0, 0, 0], [0, 0, 0]];
  assert.is(await sk.accuracyScore(y1, y2), 0.5);
  assert.is(await sk.accuracyScore(y1, y1), 1);
  assert.is(await sk.accuracyScore(y2, y2), 1);
  assert.is(await sk.accuracyScore(y2, not(y2)), 0);
  assert.is(await sk.accuracyScore(y1, not(y1)), 0);
  assert.is(await sk.accuracyScore(y1, zeros), 0);
  assert.is(await sk.accuracyScore(y2, zeros), 0);
});

const COLOURS_TRUE = ['blue', 'green', 'red', 'red', 'green', 'blue', 'red', 'green', 'blue', 'red'];
const COLOURS_PRED = ['blue', 'red', 'red', 'green', 'green', 'blue', 'blue', 'red', 'blue', 'green'];

test('test_classification_report_multiclass_with_string_label: string classes name the rows', async () => {
  const expected = `              precision    recall  f1-score   support

        blue       0.75      1.00      0.86         3
       green       0.33      0.33      0.33         3
         red       0.33      0.25      0.29         4

    accuracy                           0.50        10
   macro avg       0.47      0.53      0.49        10
weighted avg       0.46      0.50      0.47        10
`;
  assert.is(await sk.classificationReport(COLOURS_TRUE, COLOURS_PRED), expected);
  const named = await sk.classificationReport(COLOURS_TRUE, COLOURS_PRED, { targetNames: ['a', 'b', 'c'] });
  assert.ok(named.includes('           a       0.75      1.00      0.86         3'), named);
});

test('test_precision_recall_f1_score_multiclass (string labels): per-class scores in sorted label order', async () => {
  assertClose(await sk.precisionScore(COLOURS_TRUE, COLOURS_PRED, { average: null }), [0.75, 1 / 3, 1 / 3], { atol: 1e-8 }, 'precision per class');
  assertClose(await sk.recallScore(COLOURS_TRUE, COLOURS_PRED, { average: null }), [1, 1 / 3, 0.25], { atol: 1e-8 }, 'recall per class');
  assertClose(await sk.f1Score(COLOURS_TRUE, COLOURS_PRED, { average: null }), [0.8571428571428571, 1 / 3, 0.2857142857142857], { atol: 1e-8 }, 'f1 per class');
  assert.equal((await sk.confusionMatrix(COLOURS_TRUE, COLOURS_PRED)).toArraySync(), [[3, 0, 0], [0, 1, 2], [1, 2, 1]]);
});

test.run();
