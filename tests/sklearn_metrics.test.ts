// Metrics against scikit-learn 1.2.1 (fixtures from tests/oracle/sklearn_metrics.py).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sk from '../sklearn/index.ts';
import fixture from './fixtures/sklearn_metrics.json';
import { assertClose } from './fixture-values.ts';

type Case = Record<string, unknown> & { name: string; yTrue: number[]; yPred: number[] };
const close = (a: number, b: number, what: string): void => assertClose(a, b, { rtol: 1e-12, floor: 1 }, what);

test('worked example: y_true [0, 1, 1, 0], y_pred [0, 1, 0, 0]: accuracy 0.75, f1 2/3; r2 of [1, 2, 4] for [1, 2, 3] is 0.5', async () => {
  close(await sk.accuracyScore([0, 1, 1, 0], [0, 1, 0, 0]), 0.75, 'accuracy');
  close(await sk.f1Score([0, 1, 1, 0], [0, 1, 0, 0]) as number, 2 / 3, 'f1');
  close(await sk.r2Score([1, 2, 3], [1, 2, 4]), 0.5, 'r2');
});

for (const c of fixture.classification as Case[]) {
  test(`classification metrics (${c.name})`, async () => {
    close(await sk.accuracyScore(c.yTrue, c.yPred), c.accuracy as number, 'accuracy');
    assert.is(await sk.accuracyScore(c.yTrue, c.yPred, { normalize: false }), c.accuracyCount);
    assert.equal((await sk.confusionMatrix(c.yTrue, c.yPred)).toArraySync(), c.confusion);
    const scorers = { precision: sk.precisionScore, recall: sk.recallScore, f1: sk.f1Score };
    for (const [name, fn] of Object.entries(scorers)) {
      for (const avg of ['binary', 'micro', 'macro', 'weighted', null] as const) {
        const key = `${name}_${avg ?? 'none'}`;
        if (!(key in c)) continue;
        const got = await fn(c.yTrue, c.yPred, { average: avg });
        const want = c[key] as number | number[];
        if (Array.isArray(want)) (got as number[]).forEach((v, i) => close(v, want[i], key));
        else close(got as number, want, key);
      }
    }
    assert.is(await sk.classificationReport(c.yTrue, c.yPred), c.report);
    assert.is(await sk.classificationReport(c.yTrue, c.yPred, { digits: 4 }), c.report4);
  });
}

test('binary averaging refuses multiclass targets, as scikit-learn does', async () => {
  try {
    await sk.precisionScore([0, 1, 2], [0, 1, 1]);
    assert.unreachable();
  } catch (e) {
    assert.match(String(e), "Target is multiclass but average='binary'");
  }
});

test('regression metrics', async () => {
  for (const c of fixture.regression) {
    close(await sk.meanSquaredError(c.yTrue, c.yPred), c.mse, 'mse');
    close(await sk.meanAbsoluteError(c.yTrue, c.yPred), c.mae, 'mae');
    close(await sk.r2Score(c.yTrue, c.yPred), c.r2, 'r2');
  }
});

test('inconsistent lengths are refused with scikit-learn\'s message', async () => {
  try {
    await sk.accuracyScore([1, 2, 3], [1, 2]);
    assert.unreachable();
  } catch (e) {
    assert.match(String(e), 'Found input variables with inconsistent numbers of samples: [3, 2]');
  }
});

test.run();
