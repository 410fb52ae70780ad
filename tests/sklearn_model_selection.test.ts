// sklearn model selection against scikit-learn 1.2.1 (tests/fixtures/sklearn_model_selection.json, written by
// tests/oracle/sklearn_model_selection.py): identical splits (train_test_split, ShuffleSplit, StratifiedShuffleSplit,
// KFold, StratifiedKFold, LeaveOneOut, shuffle), identical candidates (ParameterGrid, ParameterSampler,
// sample_without_replacement), identical cross-validation scores, and the K7/K9/K10/K12 searches on moons(300, .1).
// Plus sklearn's error messages, errorScore handling and persistence.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { RandomState } from '../ndarray/random/index.ts';
import * as sk from '../sklearn/index.ts';
import { clone, isClassifier } from '../sklearn/base.ts';
import { Classifier } from '../sklearn/mixins.ts';
import { Ridge } from '../sklearn/linear_model/ridge.ts';
import { RidgeClassifier } from '../sklearn/linear_model/ridge-classifier.ts';
import { meanSquaredError } from '../sklearn/metrics/regression.ts';
import { approximateMode } from '../sklearn/model_selection/shuffle-split.ts';
import { fromJSONValue, toJSONValue, type Json } from '../sklearn/persistence.ts';
import fx from './fixtures/sklearn_model_selection.json';
import { assertClose } from './fixture-values.ts';

type Rec = Record<string, unknown>;
const F = fx as unknown as Rec & { moons: { X: number[][]; y: number[] }; search: Record<string, Rec>; crossVal: Rec };
const X = np.array(F.moons.X);
const y = np.array(F.moons.y);
const values = (a: np.NDArray): number[] => Array.from(a.dataSync() as ArrayLike<number>);

/** |a - b| <= tol · max(1, |b|) element by element. */
const close = (actual: number[], expected: number[], tol: number, what: string): void => assertClose(actual, expected, { rtol: tol, floor: 1 }, what);

/** Captures console.log / console.warn lines while `fn` runs. */
async function capture(fn: () => Promise<unknown>): Promise<{ log: string[]; warn: string[] }> {
  const out = { log: [] as string[], warn: [] as string[] };
  const [log, warn] = [console.log, console.warn];
  console.log = (...a: unknown[]) => out.log.push(a.join(' '));
  console.warn = (...a: unknown[]) => out.warn.push(a.join(' '));
  try {
    await fn();
  } finally {
    [console.log, console.warn] = [log, warn];
  }
  return out;
}

async function rejects(fn: () => Promise<unknown>, pattern: RegExp | string): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const msg = (err as Error).message;
    if (typeof pattern === 'string' ? msg !== pattern : !pattern.test(msg)) assert.unreachable(`wrong message: ${msg}`);
    return;
  }
  assert.unreachable(`expected an error matching ${pattern}`);
}

// ---------------------------------------------------------------- splits

test('worked example: KFold(3) of 6 rows tests [0, 1], [2, 3], [4, 5]; trainTestSplit(0..9, testSize 0.3, seed 0)', async () => {
  // [t.tolist() for _, t in KFold(3).split(np.arange(6))] -> [[0, 1], [2, 3], [4, 5]]
  assert.equal((await new sk.KFold({ nSplits: 3 }).split(np.arange(6))).map(([, t]) => t), [[0, 1], [2, 3], [4, 5]]);
  // [a.tolist() for a in train_test_split(np.arange(10), test_size=0.3, random_state=0)] -> [[9, 1, 6, 7, 3, 0, 5], [2, 8, 4]]
  const [train, test] = await sk.trainTestSplit(np.arange(10), { testSize: 0.3, randomState: 0 });
  assert.equal(values(train), [9, 1, 6, 7, 3, 0, 5]);
  assert.equal(values(test), [2, 8, 4]);
});

test('trainTestSplit gives scikit-learn\'s rows for every seed, size and stratification', async () => {
  for (const c of F.trainTestSplit as { n: number; options: Rec; stratify?: number[]; train: number[]; test: number[] }[]) {
    const [train, test] = await sk.trainTestSplit(np.arange(c.n), { ...c.options, stratify: c.stratify });
    assert.equal(values(train), c.train, `train ${JSON.stringify(c.options)}`);
    assert.equal(values(test), c.test, `test ${JSON.stringify(c.options)}`);
  }
});

test('trainTestSplit cuts several arrays (nested lists too) along the same rows, as NDArrays', async () => {
  const rows = Array.from({ length: 12 }, (_, i) => [i, 10 * i]);
  const labels = rows.map(([i]) => i % 3);
  const [XTr, XTe, yTr, yTe] = await sk.trainTestSplit(rows, labels, { randomState: 0 });
  assert.ok(XTr instanceof np.NDArray && yTe instanceof np.NDArray);
  assert.equal([XTr.shape, XTe.shape, yTr.shape, yTe.shape], [[9, 2], [3, 2], [9], [3]]);
  const firstCol = (a: np.NDArray): number[] => (a.toArraySync() as number[][]).map((r) => r[0]);
  assert.equal(values(yTr), firstCol(XTr).map((i) => i % 3));
  assert.equal(values(yTe), firstCol(XTe).map((i) => i % 3));
  assert.equal(new Set([...firstCol(XTr), ...firstCol(XTe)]).size, 12, 'disjoint and complete');
});

test('K13: trainTestSplit(.25) on 200 points gives 150/50; without shuffling the test set is the last quarter', async () => {
  const [Xc, yc] = sk.makeCircles({ nSamples: 200, noise: 0.08, randomState: 42 });
  const [a, b, c, d] = await sk.trainTestSplit(Xc, yc, { testSize: 0.25, randomState: 42 });
  assert.equal([a.shape[0], b.shape[0], c.shape[0], d.shape[0]], [150, 50, 150, 50]);
  const [, XTe] = await sk.trainTestSplit(np.arange(200), { shuffle: false });
  assert.equal(values(XTe), Array.from({ length: 50 }, (_, i) => 150 + i));
});

test('trainTestSplit errors use scikit-learn\'s messages', async () => {
  await rejects(() => sk.trainTestSplit(), 'At least one array required as input');
  await rejects(() => sk.trainTestSplit(np.arange(10), { testSize: 10 }), 'test_size=10 should be either positive and smaller than the number of samples 10 or a float in the (0, 1) range');
  await rejects(() => sk.trainTestSplit(np.arange(10), { testSize: 1.5 }), /test_size=1.5 should be either positive/);
  await rejects(() => sk.trainTestSplit(np.arange(10), { trainSize: 0.8, testSize: 0.3 }), /The sum of test_size and train_size = 1.1/);
  await rejects(() => sk.trainTestSplit(np.arange(10), { trainSize: 6, testSize: 5 }), 'The sum of train_size and test_size = 11, should be smaller than the number of samples 10. Reduce test_size and/or train_size.');
  await rejects(() => sk.trainTestSplit(np.arange(10), { shuffle: false, stratify: np.zeros([10]) }), 'Stratified train/test split is not implemented for shuffle=False');
  await rejects(() => sk.trainTestSplit(np.arange(10), np.arange(9)), 'Found input variables with inconsistent numbers of samples: [10, 9]');
  await rejects(() => sk.trainTestSplit(np.arange(6), { stratify: [0, 0, 0, 0, 0, 1] }), /least populated class in y has only 1 member/);
});

test('ShuffleSplit and StratifiedShuffleSplit give scikit-learn\'s splits', async () => {
  for (const c of F.shuffleSplit as { cls: 'ShuffleSplit' | 'StratifiedShuffleSplit'; options: Rec; y: number[]; splits: number[][][] }[]) {
    const cv = new sk[c.cls](c.options);
    assert.is(cv.getNSplits(), c.splits.length);
    assert.equal(await cv.split(np.zeros([c.y.length, 1]), c.y), c.splits, `${c.cls} ${JSON.stringify(c.options)}`);
  }
  assert.is(String(new sk.ShuffleSplit({ nSplits: 3, testSize: 0.25, randomState: 0 })), 'ShuffleSplit(n_splits=3, random_state=0, test_size=0.25, train_size=None)');
});

test('approximateMode (sklearn\'s _approximate_mode) breaks ties with the same draws', () => {
  for (const c of F.approximateMode as { counts: number[]; draws: number; seed: number; out: number[] }[]) {
    assert.equal(approximateMode(c.counts, c.draws, new RandomState(c.seed)), c.out, JSON.stringify(c));
  }
});

test('KFold, StratifiedKFold (K12) and LeaveOneOut give scikit-learn\'s folds, shuffled or not', async () => {
  const cases = F.kfold as { cls: 'KFold' | 'StratifiedKFold' | 'LeaveOneOut'; n: number; y?: number[]; options: Rec; splits: number[][][] }[];
  const quiet = await capture(async () => {
    for (const c of cases) {
      const cv = c.cls === 'LeaveOneOut' ? new sk.LeaveOneOut() : new sk[c.cls](c.options);
      assert.equal(await cv.split(np.zeros([c.n, 2]), c.y), c.splits, `${c.cls} ${JSON.stringify(c.options)}`);
    }
  });
  assert.equal(quiet.warn, ['UserWarning: The least populated class in y has only 3 members, which is less than n_splits=4.']);
});

test('K12: stratified folds use every index once and keep the 70/30 ratio within one; same seed, same folds', async () => {
  const labels = (F.kfold as { cls: string; y?: number[]; options: Rec }[]).find((c) => c.cls === 'StratifiedKFold' && c.options.shuffle)?.y as number[];
  const cv = new sk.StratifiedKFold({ nSplits: 10, shuffle: true, randomState: 42 });
  const folds = await cv.split(labels, labels);
  const seen = folds.flatMap(([, t]) => t).sort((a, b) => a - b);
  assert.equal(seen, Array.from({ length: 300 }, (_, i) => i));
  for (const [, t] of folds) assert.ok(Math.abs(t.filter((i) => labels[i] === 1).length - 9) <= 1);
  assert.equal(await cv.split(labels, labels), folds);
  const rng = new RandomState(3);
  const shared = new sk.KFold({ nSplits: 3, shuffle: true, randomState: rng });
  assert.not.equal(await shared.split(np.zeros([9])), await shared.split(np.zeros([9])), 'a RandomState continues its stream');
});

test('splitter errors and reprs are scikit-learn\'s', async () => {
  assert.throws(() => new sk.KFold({ nSplits: 1 }), /k-fold cross-validation requires at least one train\/test split by setting n_splits=2 or more, got n_splits=1/);
  assert.throws(() => new sk.KFold({ nSplits: 2.5 }), /The number of folds must be of Integral type/);
  assert.throws(() => new sk.KFold({ randomState: 0 }), /Setting a random_state has no effect since shuffle is False/);
  await rejects(() => new sk.KFold({ nSplits: 5 }).split(np.zeros([3])), 'Cannot have number of splits n_splits=5 greater than the number of samples: n_samples=3.');
  await rejects(() => new sk.StratifiedKFold({ nSplits: 3 }).split(np.zeros([4]), [0, 0, 1, 1]), 'n_splits=3 cannot be greater than the number of members in each class.');
  await rejects(() => new sk.StratifiedKFold({ nSplits: 2 }).split(np.zeros([4]), [0.5, 1, 2, 3]), "Supported target types are: ('binary', 'multiclass'). Got 'continuous' instead.");
  await rejects(() => new sk.StratifiedKFold().split(np.zeros([4]), [0, 1, 0]), 'Found input variables with inconsistent numbers of samples: [4, 3]');
  await rejects(() => new sk.LeaveOneOut().split(np.zeros([1])), 'Cannot perform LeaveOneOut with n_samples=1.');
  assert.is(String(new sk.KFold({ nSplits: 2 })), 'KFold(n_splits=2, random_state=None, shuffle=False)');
  assert.is(String(new sk.StratifiedKFold({ nSplits: 10, shuffle: true, randomState: 42 })), 'StratifiedKFold(n_splits=10, random_state=42, shuffle=True)');
  assert.is(new sk.LeaveOneOut().getNSplits(np.zeros([7, 2])), 7);
});

test('shuffle (sklearn.utils.shuffle) draws scikit-learn\'s order and keeps arrays aligned', async () => {
  for (const c of F.shuffle as { n: number; options: Rec; rows: number[] }[]) {
    assert.equal(values(await sk.shuffle(np.arange(c.n), c.options as sk.ShuffleOptions)), c.rows, JSON.stringify(c.options));
  }
  const [a, b] = await sk.shuffle(np.arange(10), np.arange(10).reshape(10, 1), { randomState: 0 });
  assert.equal(values(a), values(b));
  await rejects(() => sk.shuffle(np.arange(3), { nSamples: 4 }), 'Cannot sample 4 out of arrays with dim 3 when replace is False');
});

// ---------------------------------------------------------------- candidates

test('ParameterGrid: keys in code-point order, the last varying fastest; length and get(i)', () => {
  for (const c of F.parameterGrid as { grid: sk.ParamGridSpec | sk.ParamGridSpec[]; params: Rec[] }[]) {
    const grid = new sk.ParameterGrid(c.grid);
    assert.equal([...grid], c.params);
    assert.is(grid.length, c.params.length);
    c.params.forEach((p, i) => assert.equal(grid.get(i), p));
  }
  const k7 = new sk.ParameterGrid({ solver: ['svd', 'lsqr', 'sag'], alpha: [1, 2, 3, 5, 10, 20] });
  assert.equal(k7.get(0), { alpha: 1, solver: 'svd' });
  assert.equal(k7.get(4), { alpha: 2, solver: 'lsqr' });
  assert.equal([...new sk.ParameterGrid({ Zeta: [1], alpha: [2], _x: [3] })].map(Object.keys), [['Zeta', '_x', 'alpha']]);
  assert.equal([...new sk.ParameterGrid({ a: np.array([1, 2]) })], [{ a: 1 }, { a: 2 }]);
});

test('ParameterGrid errors', () => {
  assert.throws(() => new sk.ParameterGrid(3 as never), /Parameter grid should be a dict or a list, got: 3/);
  assert.throws(() => new sk.ParameterGrid({ a: 'abc' } as never), /Parameter grid for parameter 'a' needs to be a list or a numpy array, but got 'abc'/);
  assert.throws(() => new sk.ParameterGrid({ a: [] }), /Parameter grid for parameter 'a' need to be a non-empty sequence, got: \[\]/);
  assert.throws(() => new sk.ParameterGrid({ a: np.zeros([2, 2]) }), /Parameter array for 'a' should be one-dimensional/);
  assert.throws(() => new sk.ParameterGrid({ a: [1] }).get(1), /ParameterGrid index out of range/);
});

/** scipy.stats.uniform(loc, scale).rvs(random_state=rng) = rng.uniform(0, 1) * scale + loc. */
const uniform = (loc: number, scale: number): sk.Distribution => ({ rvs: (rng) => rng.uniform(0, 1) * scale + loc });

function revive(grid: unknown): sk.ParamDistributions | sk.ParamDistributions[] {
  if (Array.isArray(grid)) return grid.map(revive) as sk.ParamDistributions[];
  return Object.fromEntries(Object.entries(grid as Rec).map(([k, v]) => {
    const u = (v as { uniform?: [number, number] }).uniform;
    return [k, u ? uniform(u[0], u[1]) : v];
  })) as sk.ParamDistributions;
}

test('ParameterSampler picks scikit-learn\'s candidates (grids without replacement, distributions with)', async () => {
  const out = await capture(async () => {
    for (const c of F.parameterSampler as { grid: unknown; nIter: number; seed: number; params: Rec[] }[]) {
      const sampler = new sk.ParameterSampler(revive(c.grid), c.nIter, { randomState: c.seed });
      assert.equal([...sampler], c.params, `${JSON.stringify(c.grid).slice(0, 60)} nIter=${c.nIter}`);
      assert.is(sampler.length, c.params.length);
    }
  });
  assert.equal(out.warn, []);
  const small = await capture(async () => [...new sk.ParameterSampler({ a: [1, 2] }, 3)]);
  assert.equal(small.warn, ['UserWarning: The total space of parameters 2 is smaller than n_iter=3. Running 2 iterations. For exhaustive searches, use GridSearchCV.']);
  assert.throws(() => new sk.ParameterSampler({ a: 3 } as never, 2), /Parameter grid for parameter 'a' is not iterable or a distribution \(value=3\)/);
});

test('sampleWithoutReplacement: every method draws scikit-learn\'s integers', () => {
  for (const c of F.sampleWithoutReplacement as { n: number; k: number; method: sk.SampleMethod; seed: number; out: number[] }[]) {
    assert.equal(values(sk.sampleWithoutReplacement(c.n, c.k, { method: c.method, randomState: c.seed })), c.out, JSON.stringify(c));
  }
  assert.throws(() => sk.sampleWithoutReplacement(3, 4), /n_population should be greater or equal than n_samples, got n_samples > n_population \(4 > 3\)/);
});

// ---------------------------------------------------------------- scoring and cross-validation

test('crossValScore: stratified folds for classifiers, KFold for regressors, named scorers (K12)', async () => {
  const cv = F.crossVal as Record<string, number[]> & { crossValidate: Record<string, number[]> };
  const yreg = np.subtract(X.get(':', 0), np.multiply(X.get(':', 1), 0.5));
  const skf = new sk.StratifiedKFold({ nSplits: 10, shuffle: true, randomState: 42 });
  close(values(await sk.crossValScore(new RidgeClassifier(), X, y, { cv: skf })), cv.k12, 0, 'K12');
  close(values(await sk.crossValScore(new RidgeClassifier(), X, y)), cv.default, 0, 'default cv');
  close(values(await sk.crossValScore(new RidgeClassifier({ alpha: 3 }), X, y, { cv: 4, scoring: 'f1' })), cv.f1, 1e-12, 'f1');
  close(values(await sk.crossValScore(new Ridge(), X, yreg, { cv: 3 })), cv.regressionKFold, 1e-9, 'r2');
  close(values(await sk.crossValScore(new Ridge(), X, yreg, { cv: 5, scoring: 'neg_mean_squared_error' })), cv.negMse, 1e-9, 'neg mse');
  const r = await sk.crossValidate(new Ridge({ alpha: 0.5 }), X, yreg, { cv: 4, scoring: ['r2', 'neg_mean_absolute_error'], returnTrainScore: true });
  for (const [k, v] of Object.entries(cv.crossValidate)) close(values(r[k] as np.NDArray), v, 1e-9, k);
  assert.equal(Object.keys(r).sort(), ['fitTime', 'scoreTime', 'testNegMeanAbsoluteError', 'testR2', 'trainNegMeanAbsoluteError', 'trainR2']);
  assert.is((r.fitTime as np.NDArray).shape[0], 4);
});

test('checkCv and getScorer follow scikit-learn', async () => {
  assert.instance(await sk.checkCv(3, [0, 1, 1, 0], { classifier: true }), sk.StratifiedKFold);
  assert.instance(await sk.checkCv(3, [0.5, 1, 1, 0], { classifier: true }), sk.KFold);
  assert.instance(await sk.checkCv(null, [0, 1], { classifier: false }), sk.KFold);
  assert.is((await sk.checkCv(undefined) as sk.KFold).nSplits, 5);
  const given = await sk.checkCv([[[0, 1], [2]], [[2], [0, 1]]]);
  assert.is(given.getNSplits(), 2);
  await rejects(() => sk.checkCv('five' as never), /Expected cv as an integer, cross-validation object \(from sklearn.model_selection\) or an iterable. Got five./);
  assert.throws(() => sk.getScorer('nope'), /'nope' is not a valid scoring value. Use sklearn.metrics.get_scorer_names\(\) to get valid options./);
  assert.ok(sk.getScorerNames().includes('neg_mean_squared_error'));
  const fitted = await new Ridge().fit([[0], [1], [2]], [0, 1, 2.5]);
  const mse = await meanSquaredError([0, 1, 2.5], await fitted.predict([[0], [1], [2]]));
  assert.is(await sk.getScorer('neg_mean_squared_error')(fitted, [[0], [1], [2]], [0, 1, 2.5]), -mse);
  assert.is(await sk.getScorer('r2')(fitted, [[0], [1], [2]], [0, 1, 2.5]), await fitted.score([[0], [1], [2]], [0, 1, 2.5]));
  assert.is(await sk.typeOfTarget([[0, 1], [1, 1]]), 'multilabel-indicator');
  assert.is(await sk.typeOfTarget([[0, 2], [1, 1]]), 'multiclass-multioutput');
  assert.is(await sk.typeOfTarget([1, 2, 3]), 'multiclass');
});

/** A classifier that fails to fit when `fail` is set, and otherwise predicts the majority class. */
class Flaky extends Classifier<{ fail: boolean }> {
  majority_?: number;
  constructor(params: Partial<{ fail: boolean }> = {}) {
    super({ fail: false }, params);
  }
  async fit(_X: unknown, yy: unknown): Promise<this> {
    if (this.params.fail) throw new Error('cannot fit');
    const v = values(np.array(yy as number[]));
    this.majority_ = v.filter((x) => x === 1).length * 2 > v.length ? 1 : 0;
    return this;
  }
  async predict(Xp: unknown): Promise<np.NDArray> {
    this.checkIsFitted();
    return np.full([np.array(Xp as number[][]).shape[0]], this.majority_ as number);
  }
}

test('a failing fit scores errorScore (NaN) with a FitFailedWarning; all failing raises; errorScore raise rethrows', async () => {
  const search = new sk.GridSearchCV(new Flaky(), { fail: [true, false] }, { cv: 3 });
  const out = await capture(() => search.fit(X, y));
  assert.ok(out.warn.some((w) => w.startsWith('FitFailedWarning: \n3 fits failed out of a total of 6.\nThe score on these train-test partitions for these parameters will be set to nan.')));
  assert.ok(out.warn.some((w) => w.includes('One or more of the test scores are non-finite')));
  assert.equal(values(search.cvResults_?.rankTestScore as np.NDArray), [2, 1]);
  assert.is(search.bestIndex_, 1);
  await rejects(() => sk.crossValScore(new Flaky({ fail: true }), X, y, { cv: 2 }), /All the 2 fits failed.\nIt is very likely that your model is misconfigured./);
  await rejects(() => sk.crossValScore(new Flaky({ fail: true }), X, y, { cv: 2, errorScore: 'raise' }), 'cannot fit');
});

// ---------------------------------------------------------------- searches

test('K7: GridSearchCV(RidgeClassifier) over 18 candidates matches scikit-learn\'s cv_results_', async () => {
  const k7 = F.search.k7 as Record<string, number[]> & { params: Rec[]; bestIndex: number; bestScore: number; bestParams: Rec; paramAlpha: number[]; paramSolver: string[] };
  // sag draws its sample order from the global stream (randomState unset, as in the fixture's run): seed
  // it, so its scores, and so the ranks of the exact candidates beside them, do not depend on what the
  // test files before this one drew.
  np.random.seed(0);
  const search = new sk.GridSearchCV(new RidgeClassifier(), { alpha: [1, 2, 3, 5, 10, 20], solver: ['svd', 'lsqr', 'sag'] }, { cv: 3, returnTrainScore: true, verbose: 1 });
  const out = await capture(() => search.fit(X, y));
  assert.equal(out.log, ['Fitting 3 folds for each of 18 candidates, totalling 54 fits']);
  const r = search.cvResults_ as sk.CvResults;
  assert.equal(r.params, k7.params);
  assert.equal(r.param_alpha, k7.paramAlpha);
  assert.equal(r.param_solver, k7.paramSolver);
  // svd and lsqr solve exactly: identical accuracies; sag iterates, so it may differ by a sample or so.
  const exact = k7.params.map((p) => p.solver !== 'sag');
  for (const key of ['split0TestScore', 'split1TestScore', 'split2TestScore', 'meanTestScore', 'stdTestScore', 'split0TrainScore', 'meanTrainScore', 'stdTrainScore']) {
    const got = values(r[key] as np.NDArray);
    close(got.filter((_, i) => exact[i]), k7[key].filter((_, i) => exact[i]), 1e-12, key);
    close(got, k7[key], 0.011, `${key} (sag)`);
  }
  assert.equal(values(r.rankTestScore as np.NDArray).filter((_, i) => exact[i]), k7.rankTestScore.filter((_, i) => exact[i]));
  assert.is((r.rankTestScore as np.NDArray).dtype, 'int32');
  for (const key of ['meanFitTime', 'stdFitTime', 'meanScoreTime', 'stdScoreTime']) assert.equal((r[key] as np.NDArray).shape, [18]);
  assert.equal(Object.keys(r).slice(0, 7), ['meanFitTime', 'stdFitTime', 'meanScoreTime', 'stdScoreTime', 'param_alpha', 'param_solver', 'params']);
  assert.is(search.bestIndex_, k7.bestIndex);
  assert.is(search.bestScore_, k7.bestScore);
  assert.equal(search.bestParams_, k7.bestParams);
  assert.instance(search.bestEstimator_, RidgeClassifier);
  assert.equal((search.bestEstimator_ as RidgeClassifier).params.alpha, 2);
  assert.is(search.nSplits_, 3);
  assert.ok(sk.GridSearchCV.name && String(search).startsWith('GridSearchCV(cv=3, estimator=RidgeClassifier(), paramGrid='));
});

test('K9: the refitted best model delegates decisionFunction/predict/score; sign of the decision = prediction', async () => {
  const k9 = F.search.k9 as { X: number[][]; decision: number[]; predict: number[]; score: number };
  const search = await new sk.GridSearchCV(new RidgeClassifier(), { alpha: [1, 2, 3, 5, 10, 20], solver: ['svd', 'lsqr'] }, { cv: 3 }).fit(X, y);
  close(values(await search.decisionFunction(k9.X)), k9.decision, 1e-8, 'decision');
  assert.equal(values(await search.predict(k9.X)), k9.predict);
  assert.is(await search.score(X, y), k9.score);
  assert.equal(values(search.classes_ as np.NDArray), [0, 1]);
  await rejects(() => search.predictProba(k9.X), "This 'GridSearchCV' has no attribute 'predictProba'");
  await rejects(() => new sk.GridSearchCV(new RidgeClassifier(), { alpha: [1] }).predict(k9.X), /This GridSearchCV instance is not fitted yet/);
  const noRefit = await new sk.GridSearchCV(new RidgeClassifier(), { alpha: [1, 2] }, { cv: 3, refit: false }).fit(X, y);
  assert.is(noRefit.bestEstimator_, undefined);
  assert.is(noRefit.bestIndex_, 1);
  assert.equal(noRefit.bestParams_, { alpha: 2 });
  await rejects(() => noRefit.predict(k9.X), /initialized with `refit=False`. predict is available only after refitting/);
});

test('K10: RandomizedSearchCV({nIter: 10, randomState: 0}) tries scikit-learn\'s 10 distinct candidates', async () => {
  const k10 = F.search.k10 as { params: Rec[]; meanTestScore: number[]; rankTestScore: number[]; bestIndex: number; bestParams: Rec };
  const search = await new sk.RandomizedSearchCV(new RidgeClassifier(), { alpha: [1, 2, 3, 5, 10, 20], solver: ['svd', 'lsqr', 'sag'] }, { randomState: 0, cv: 3 }).fit(X, y);
  const r = search.cvResults_ as sk.CvResults;
  assert.equal(r.params, k10.params);
  assert.is(new Set(r.params.map((p) => JSON.stringify(p))).size, 10);
  const exact = k10.params.map((p) => p.solver !== 'sag');
  close(values(r.meanTestScore as np.NDArray).filter((_, i) => exact[i]), k10.meanTestScore.filter((_, i) => exact[i]), 1e-12, 'mean');
  assert.is(search.bestIndex_, k10.bestIndex);
  assert.equal(search.bestParams_, k10.bestParams);
  assert.ok((search.bestScore_ as number) <= (F.search.k7 as { bestScore: number }).bestScore);
});

test('GridSearchCV with a regression scorer and with several scorers (refit by name)', async () => {
  const reg = F.search.regression as Record<string, number[]> & { bestIndex: number; bestScore: number };
  const target = np.add(X.get(':', 0), np.multiply(X.get(':', 1), 2));
  const s = await new sk.GridSearchCV(new Ridge(), { alpha: [0.1, 1.0, 10.0] }, { cv: 4, scoring: 'neg_mean_squared_error' }).fit(X, target);
  const r = s.cvResults_ as sk.CvResults;
  for (const key of ['meanTestScore', 'stdTestScore', 'split0TestScore']) close(values(r[key] as np.NDArray), reg[key], 1e-8, key);
  assert.equal(values(r.rankTestScore as np.NDArray), reg.rankTestScore);
  assert.is(s.bestIndex_, reg.bestIndex);
  const mm = F.search.multimetric as Record<string, number[]> & { bestIndex: number; bestScore: number };
  const m = await new sk.GridSearchCV(new RidgeClassifier(), { alpha: [0.1, 100.0, 1000.0] }, { cv: 3, scoring: ['accuracy', 'f1'], refit: 'f1' }).fit(X, y);
  const mr = m.cvResults_ as sk.CvResults;
  for (const key of ['meanTestAccuracy', 'meanTestF1']) close(values(mr[key] as np.NDArray), mm[key], 1e-12, key);
  assert.equal(values(mr.rankTestF1 as np.NDArray), mm.rankTestF1);
  assert.is(m.bestIndex_, mm.bestIndex);
  close([m.bestScore_ as number], [mm.bestScore], 1e-12, 'best f1');
  await rejects(() => new sk.GridSearchCV(new RidgeClassifier(), { alpha: [1] }, { scoring: ['accuracy', 'f1'] }).fit(X, y), /For multi-metric scoring, the parameter refit must be set to a scorer key/);
});

test('search params: getParams/setParams/clone, estimatorType, verbose 3 lines, JSON round trip', async () => {
  const search = new sk.GridSearchCV(new RidgeClassifier(), { alpha: [1, 2] }, { cv: 2 });
  assert.ok(isClassifier(search));
  assert.is(search.getParams().estimator__alpha, 1);
  search.setParams({ estimator__fitIntercept: false, cv: 3 });
  assert.is((search.params.estimator as RidgeClassifier).params.fitIntercept, false);
  const copy = clone(search);
  assert.is.not(copy.params.estimator, search.params.estimator);
  assert.equal(copy.params.paramGrid, { alpha: [1, 2] });
  const out = await capture(() => new sk.GridSearchCV(new RidgeClassifier(), { alpha: [1, 2] }, { cv: 2, verbose: 3 }).fit(X, y));
  assert.is(out.log.length, 5);
  assert.match(out.log[1], /^\[CV 1\/2\] END \.+alpha=1;, score=0\.\d{3} total time= +\d+\.\ds$/);
  assert.is(out.log[1].length, 80);
  await search.fit(X, y);
  const back = fromJSONValue(toJSONValue(search) as Json) as sk.GridSearchCV;
  assert.instance(back, sk.GridSearchCV);
  assert.equal(values(await back.predict(X)), values(await search.predict(X)));
  assert.is(await back.score(X, y), await search.score(X, y));
  assert.equal(values(back.cvResults_?.meanTestScore as np.NDArray), values(search.cvResults_?.meanTestScore as np.NDArray));
});

test.run();
