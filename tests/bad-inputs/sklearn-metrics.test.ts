// Metrics check their inputs as scikit-learn 1.2 does, with its messages: no samples, NaN or infinity,
// different numbers of outputs, an `average` that does not exist, a `pos_label` that is not a label,
// `labels` that name none of the true classes. Before, `meanSquaredError([], [])` was NaN and
// `f1Score(y, y, {average: 'bogus'})` was 1.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as sk from '../../sklearn/index.ts';

async function refuses(fn: () => unknown, words: readonly string[]): Promise<void> {
  let error: unknown = null;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.instance(error, np.ValueError, `expected a ValueError mentioning ${words.join(', ')}, got ${String(error)}`);
  for (const w of words) assert.ok((error as Error).message.includes(w), `"${(error as Error).message}" should mention ${w}`);
}

test('worked example: meanSquaredError([], []) is an error, not NaN', async () => {
  await refuses(() => sk.meanSquaredError([], []), ['Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.']);
  assert.is(await sk.meanSquaredError([1, 2], [1, 4]), 2);
});

const REGRESSION = { meanSquaredError: sk.meanSquaredError, meanAbsoluteError: sk.meanAbsoluteError, r2Score: sk.r2Score };
for (const [name, metric] of Object.entries(REGRESSION)) {
  test(`${name}: empty, NaN, infinite, mismatched lengths and outputs are refused`, async () => {
    await refuses(() => metric([], []), ['0 sample(s)']);
    await refuses(() => metric([1, NaN], [1, 2]), ['Input contains NaN.']);
    await refuses(() => metric([1, 2], [1, Infinity]), ['Input contains infinity']);
    await refuses(() => metric([1, 2, 3], [1, 2]), ['inconsistent numbers of samples']);
    await refuses(() => metric([[1, 2], [3, 4]], [1, 2]), ['y_true and y_pred have different number of output (2!=1)']);
  });
}

const yTrue = [0, 1, 1, 0, 1];
const yPred = [0, 1, 0, 0, 1];
const PRF = { precisionScore: sk.precisionScore, recallScore: sk.recallScore, f1Score: sk.f1Score };
for (const [name, metric] of Object.entries(PRF)) {
  test(`${name}: an unknown average and an absent posLabel are refused with scikit-learn's words`, async () => {
    await refuses(() => metric(yTrue, yPred, { average: 'bogus' as never }), ["average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')"]);
    await refuses(() => metric(yTrue, yPred, { average: 'samples' as never }), ['Sample-based precision, recall, fscore is not meaningful outside multilabel classification']);
    await refuses(() => metric(yTrue, yPred, { posLabel: 2 }), ['pos_label=2 is not a valid label. It should be one of [0, 1]']);
    // Valid averages still score.
    for (const average of ['binary', 'micro', 'macro', 'weighted'] as const) assert.type(await metric(yTrue, yPred, { average }), 'number');
  });
}

test('confusionMatrix: labels must be non-empty and include a true label, as in scikit-learn', async () => {
  await refuses(() => sk.confusionMatrix(yTrue, yPred, { labels: [] }), ["'labels' should contains at least one label."]);
  await refuses(() => sk.confusionMatrix(yTrue, yPred, { labels: [7, 8] }), ['At least one label specified must be in y_true']);
  // Labels that include a true one: rows and columns in the order given, unseen labels count zero.
  const cm = await sk.confusionMatrix(yTrue, yPred, { labels: [1, 5] });
  assert.equal(Array.from(cm.dataSync() as Int32Array), [2, 0, 0, 0]);
  await refuses(() => sk.confusionMatrix([0, 1], [0]), ['inconsistent numbers of samples']);
});

test('classification metrics: real values are not labels; one 0/1 column per label is subset accuracy', async () => {
  await refuses(() => sk.accuracyScore([0, 1, 1], [0.5, 1, 1]), ["Classification metrics can't handle a mix of binary and continuous targets"]);
  await refuses(() => sk.f1Score([0.5, 1.5], [0.5, 1.5]), ['continuous is not supported']);
  await refuses(() => sk.confusionMatrix([0, 1, NaN], [0, 1, 1]), ['Input y_true contains NaN.']);
  const Y = [[1, 0, 1], [0, 1, 0]];
  // scikit-learn: accuracy_score([[1,0,1],[0,1,0]], [[1,0,1],[0,1,1]]) == 0.5 (one sample all right).
  assert.is(await sk.accuracyScore(Y, [[1, 0, 1], [0, 1, 1]]), 0.5);
  assert.is(await sk.accuracyScore(Y, [[1, 0, 1], [0, 1, 1]], { normalize: false }), 1);
  await refuses(() => sk.confusionMatrix(Y, Y), ['multilabel-indicator is not supported']);
  await refuses(() => sk.precisionScore(Y, Y), ['tessera does not implement multilabel-indicator targets in precisionScore']);
  // Binary with multiclass is multiclass, as in scikit-learn.
  assert.is(await sk.accuracyScore([0, 1, 2, 1], [0, 1, 1, 1]), 0.75);
});

test('classification metrics: lengths are checked first, one 0/1 column per label is not binary', async () => {
  await refuses(() => sk.accuracyScore([0, 1, 2], [0, 1]), ['Found input variables with inconsistent numbers of samples: [3, 2]']);
  await refuses(() => sk.f1Score(['a', 'b', 'a'], ['a', 'b']), ['inconsistent numbers of samples: [3, 2]']);
  await refuses(() => sk.accuracyScore([[0, 1], [1, 1]], [0, 1]), ["Classification metrics can't handle a mix of multilabel-indicator and binary targets"]);
  await refuses(() => sk.accuracyScore([0, 1, 2], [0.5, 1, 2]), ["Classification metrics can't handle a mix of multiclass and continuous targets"]);
  await refuses(() => sk.f1Score(['a', 'b'], ['a', 'b'], { average: 'bogus' as never }), ["average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')"]);
});

test.run();
