// Loaded state is not trusted (sklearn): fromJSON checks every learned attribute against the rules its
// estimator declares (sklearn/utils/saved-state.ts) and refuses a corrupt file with a ValueError naming
// the attribute, what was found and what was expected; a refused file frees the arrays it decoded.
// The worked example: a DecisionTree whose child points back at the root used to make predict loop
// forever; now fromJSON refuses it. The .npy/.npz and nn cases are in loaded-state-io/-nn.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as sk from '../../sklearn/index.ts';

type J = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Revivable = { fromJSON(json: unknown): unknown };

/** Runs `fn`, expects `cls` with every word of `words` in its message, and no array left behind. */
function refuses(fn: () => unknown, cls: new (...a: never[]) => Error, words: string[]): void {
  const before = np.memory().cpu.arrays;
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof cls, `expected ${cls.name}, got ${String(error)}`);
  for (const w of words) assert.ok((error as Error).message.includes(w), `"${(error as Error).message}" should mention "${w}"`);
  assert.is(np.memory().cpu.arrays, before, 'a refused file frees what it decoded');
}

const X = [[0, 1], [1, 0], [2, 2], [3, 1], [4, 3], [5, 5], [6, 4], [7, 6], [8, 8], [9, 7]];
const y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
const yReg = [0.5, 1, 2, 2.5, 4, 5.5, 6, 7.5, 8, 9];
const copy = (est: { toJSON(): unknown }): J => JSON.parse(JSON.stringify(est.toJSON()));
const arr = (shape: number[], data: unknown[], dtype = 'float64'): J => ({ $ndarray: { shape, dtype, data } });

test('worked example: a tree whose child points back at the root is refused, not looped over', async () => {
  const tree = await new sk.DecisionTreeClassifier({ randomState: 0 }).fit(X, y);
  const json = copy(tree);
  json.attributes.tree_.childrenLeft[1] = 0;
  json.attributes.tree_.childrenRight[1] = 0;
  refuses(() => sk.DecisionTreeClassifier.fromJSON(json), np.ValueError, ["'tree_'", 'node 1', 'has the child 0', 'children come after their parent']);
});

test('envelope: null, arrays, wrong estimator and missing parts', async () => {
  refuses(() => sk.Ridge.fromJSON(null as never), np.ValueError, ['Ridge.fromJSON expects', '{estimator, params, attributes}', 'got null']);
  refuses(() => sk.Ridge.fromJSON([] as never), np.ValueError, ['got an array']);
  refuses(() => sk.Ridge.fromJSON('{}' as never), np.ValueError, ['got string']);
  refuses(() => sk.Ridge.fromJSON({ params: {}, attributes: {} } as never), np.ValueError, ["no 'estimator' name"]);
  refuses(() => sk.Ridge.fromJSON({ estimator: 'Ridge', params: {} } as never), np.ValueError, ["'attributes' is missing", 'expected an object']);
  refuses(() => sk.Ridge.fromJSON({ estimator: 'Lasso', params: {}, attributes: {} } as never), TypeError, ['holds a Lasso, not a Ridge']);
});

test('linear models: coef_ length, intercept_ shape, NaN, unknown and missing attributes', async () => {
  const ridge = copy(await new sk.Ridge().fit(X, yReg));
  const bad = (mutate: (j: J) => void): J => { const j = structuredClone(ridge); mutate(j); return j; };
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.coef_ = arr([3], [1, 2, 3]); })), np.ValueError, ["'coef_'", 'shape (3,)', 'expected shape (2,) or (*, 2)']);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.coef_.$ndarray.data[0] = { $float: 'nan' }; })), np.ValueError, ["'coef_'", 'NaN at flat index 0', 'finite values']);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.intercept_ = 'zero'; })), np.ValueError, ["'intercept_'", 'a finite number']);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.predict = 1; })), np.ValueError, ["unknown attribute 'predict'", 'coef_']);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { delete j.attributes.nFeaturesIn_; })), np.ValueError, ["'nFeaturesIn_' is missing"]);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.nFeaturesIn_ = -2; })), np.ValueError, ["'nFeaturesIn_'", 'an integer >= 1']);
  const lr = copy(await new sk.LinearRegression().fit(X, yReg));
  lr.attributes.coef_ = arr([2, 2], [1, 2, 3, 4]);
  lr.attributes.intercept_ = arr([3], [1, 2, 3]);
  refuses(() => sk.LinearRegression.fromJSON(lr), np.ValueError, ["'intercept_'", 'a finite number, or shape (2,)']);
  const rc = copy(await new sk.RidgeClassifier().fit(X, y));
  rc.attributes.coef_ = arr([2, 2], [1, 2, 3, 4]);
  refuses(() => sk.RidgeClassifier.fromJSON(rc), np.ValueError, ["'coef_'", 'expected shape (1, 2)']);
  const log = copy(await new sk.LogisticRegression().fit(X, y));
  log.attributes.classes_ = arr([2], [1, 1]);
  refuses(() => sk.LogisticRegression.fromJSON(log), np.ValueError, ["'classes_'", 'distinct labels']);
  const cv = copy(await new sk.RidgeClassifierCV().fit(X, y));
  cv.attributes.alpha_ = { $float: 'inf' };
  refuses(() => sk.RidgeClassifierCV.fromJSON(cv), np.ValueError, ["'alpha_'", 'Infinity', 'a finite number']);
});

test('$ndarray and $float tags: shape, dtype, data length, bad elements, unknown tags', async () => {
  const ridge = copy(await new sk.Ridge().fit(X, yReg));
  const bad = (mutate: (j: J) => void): J => { const j = structuredClone(ridge); mutate(j); return j; };
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.coef_.$ndarray.shape = [-2]; })), np.ValueError, ['coef_.$ndarray.shape', 'non-negative integers']);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.coef_.$ndarray.dtype = 'complex128'; })), np.ValueError, ['$ndarray.dtype', '"complex128"', 'float64']);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.coef_.$ndarray.data.push(1); })), np.ValueError, ['$ndarray.data', '3 values', 'expected 2 values']);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.coef_.$ndarray.data[1] = 'x'; })), np.ValueError, ['data[1]', '"x"', 'a number']);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.intercept_ = { $float: 'huge' }; })), np.ValueError, ['$float', '"huge"', "'nan', 'inf' or '-inf'"]);
  refuses(() => sk.Ridge.fromJSON(bad((j) => { j.attributes.coef_ = null; })), np.ValueError, ["'coef_' is null"]);
});

test('nesting: a deep value or a deep chain of estimators is refused, not a stack overflow', async () => {
  const ridge = copy(await new sk.Ridge().fit(X, yReg));
  let deep: J = 1;
  for (let i = 0; i < 5000; i++) deep = [deep];
  ridge.attributes.nIter_ = deep;
  refuses(() => sk.Ridge.fromJSON(ridge), np.ValueError, ['nested more than 64 levels']);
  let chain: J = { estimator: 'Ridge', params: {}, attributes: {} };
  for (let i = 0; i < 200; i++) chain = { estimator: 'Pipeline', params: { steps: [['s', { $estimator: chain }]] }, attributes: {} };
  refuses(() => sk.Pipeline.fromJSON(chain), np.ValueError, ['nested more than 64 estimators deep']);
  const unknown = { estimator: 'Pipeline', params: { steps: [['s', { $estimator: { estimator: 'Nope', params: {}, attributes: {} } }]] }, attributes: {} };
  refuses(() => sk.Pipeline.fromJSON(unknown), TypeError, ["unknown estimator 'Nope'"]);
});

test('trees: cycles, out-of-range children, shared children, features, thresholds, leaves, value sizes', async () => {
  const clf = copy(await new sk.DecisionTreeClassifier({ randomState: 0, maxDepth: 2 }).fit(X, y));
  const reg = copy(await new sk.DecisionTreeRegressor({ randomState: 0, maxDepth: 2 }).fit(X, yReg));
  const bad = (base: J, mutate: (t: J) => void): J => { const j = structuredClone(base); mutate(j.attributes.tree_); return j; };
  const C = (m: (t: J) => void): (() => unknown) => () => sk.DecisionTreeClassifier.fromJSON(bad(clf, m));
  const R = (m: (t: J) => void): (() => unknown) => () => sk.DecisionTreeRegressor.fromJSON(bad(reg, m));
  refuses(C((t) => { t.childrenLeft[0] = 99; }), np.ValueError, ['node 0', 'has the child 99', 'a node index in (0,']);
  refuses(C((t) => { t.childrenRight[0] = t.childrenLeft[0]; }), np.ValueError, ['which another node has too', 'one parent']);
  refuses(C((t) => { t.childrenLeft[0] = 0; }), np.ValueError, ['has the child 0']);
  refuses(C((t) => { t.childrenRight[0] = -1; }), np.ValueError, ['both -1 (a leaf) or both node indices']);
  refuses(C((t) => { t.feature[0] = 7; }), np.ValueError, ['splits on feature 7', 'a feature in [0, 2)']);
  refuses(C((t) => { t.threshold[0] = null; }), np.ValueError, ['threshold', '(one per node)']);
  refuses(R((t) => { t.threshold[0] = Number.MAX_VALUE * 2; }), np.ValueError, ['threshold', 'finite']);
  refuses(C((t) => { const leaf = t.childrenLeft.indexOf(-1); t.feature[leaf] = 0; }), np.ValueError, ['is a leaf with feature 0', 'both -2']);
  refuses(C((t) => { t.value.pop(); }), np.ValueError, ['value', 'nodes x valueWidth']);
  refuses(C((t) => { t.valueWidth = 3; t.value.push(...t.value.slice(0, t.value.length / 2)); }), np.ValueError, ['valueWidth 3', '2 (from the other attributes)']);
  refuses(R((t) => { t.nFeatures = 5; }), np.ValueError, ['nFeatures 5']);
  refuses(C((t) => { t.maxDepth = 40; }), np.ValueError, ['maxDepth 40', 'the depth of its deepest leaf']);
  refuses(C((t) => { t.childrenLeft = []; t.childrenRight = []; }), np.ValueError, ['a tree without nodes']);
  refuses(C((t) => { t.extra = 1; }), np.ValueError, ["unknown key 'extra'"]);
  refuses(R((t) => { t.nNodeSamples[0] = -4; }), np.ValueError, ['nNodeSamples[0] is -4', '>= 0']);
  const n = structuredClone(clf);
  n.attributes.nClasses_ = 3;
  refuses(() => sk.DecisionTreeClassifier.fromJSON(n), np.ValueError, ["'nClasses_'", '2 (from classes_)']);
});

test('ensembles: member trees must agree with the ensemble; weights one per member', async () => {
  const rf = copy(await new sk.RandomForestClassifier({ nEstimators: 3, randomState: 0 }).fit(X, y));
  rf.attributes.nFeaturesIn_ = 3;
  rf.attributes.featureImportances_ = arr([3], [0.3, 0.3, 0.4]);
  refuses(() => sk.RandomForestClassifier.fromJSON(rf), np.ValueError, ["'estimators_'", 'nFeaturesIn_ 2', 'at item 0', 'nFeaturesIn_ 3']);
  const rf2 = copy(await new sk.RandomForestClassifier({ nEstimators: 2, randomState: 0 }).fit(X, y));
  rf2.attributes.estimators_[1].$estimator.attributes.tree_.childrenLeft[0] = 0;
  refuses(() => sk.RandomForestClassifier.fromJSON(rf2), np.ValueError, ['DecisionTreeClassifier.fromJSON', "'tree_'"]);
  const ada = copy(await new sk.AdaBoostClassifier({ nEstimators: 3, randomState: 0 }).fit(X, y));
  ada.attributes.estimatorWeights_ = arr([1, 1], [1]);
  refuses(() => sk.AdaBoostClassifier.fromJSON(ada), np.ValueError, ["'estimatorWeights_'", 'shape (1, 1)', 'expected shape (*,)']);
});

test('KNN, KMeans, PCA: indices in range, matching shapes, finite centres', async () => {
  const knn = copy(await new sk.KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y));
  knn.attributes.y_ = arr([10], [0, 0, 0, 0, 0, 1, 1, 1, 1, 5]);
  refuses(() => sk.KNeighborsClassifier.fromJSON(knn), np.ValueError, ["'y_'", 'holding 5 at flat index 9', 'integers in [0, 2)']);
  const knn2 = copy(await new sk.KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y));
  knn2.attributes.fitX_ = arr([9, 2], new Array(18).fill(0));
  refuses(() => sk.KNeighborsClassifier.fromJSON(knn2), np.ValueError, ["'fitX_'", 'expected shape (10, 2)']);
  const km = copy(await new sk.KMeans({ nClusters: 2, nInit: 1, randomState: 0 }).fit(X));
  km.attributes.clusterCenters_.$ndarray.data[3] = { $float: 'nan' };
  refuses(() => sk.KMeans.fromJSON(km), np.ValueError, ["'clusterCenters_'", 'NaN', 'finite values']);
  const km2 = copy(await new sk.KMeans({ nClusters: 2, nInit: 1, randomState: 0 }).fit(X));
  km2.attributes.labels_.$ndarray.data[0] = 2;
  refuses(() => sk.KMeans.fromJSON(km2), np.ValueError, ["'labels_'", 'integers in [0, 2)']);
  const pca = copy(await new sk.PCA({ nComponents: 1 }).fit(X));
  pca.attributes.mean_ = arr([3], [1, 2, 3]);
  refuses(() => sk.PCA.fromJSON(pca), np.ValueError, ["'mean_'", 'expected shape (2,)']);
  const pca2 = copy(await new sk.PCA({ nComponents: 1 }).fit(X));
  pca2.attributes.nComponents_ = 2;
  refuses(() => sk.PCA.fromJSON(pca2), np.ValueError, ["'components_'", 'expected shape (2, 2)']);
});

test('preprocessing: scalers, encoders and polynomial features', async () => {
  const ss = copy(await new sk.StandardScaler().fit(X));
  ss.attributes.scale_ = arr([1], [1]);
  refuses(() => sk.StandardScaler.fromJSON(ss), np.ValueError, ["'scale_'", 'expected null, or shape (2,)']);
  const mm = copy(await new sk.MinMaxScaler().fit(X));
  mm.attributes.min_.$ndarray.data[0] = { $float: '-inf' };
  refuses(() => sk.MinMaxScaler.fromJSON(mm), np.ValueError, ["'min_'", '-Infinity']);
  const pf = copy(await new sk.PolynomialFeatures({ degree: 2 }).fit(X));
  pf.attributes.powers_.$ndarray.data[2] = 0.5;
  refuses(() => sk.PolynomialFeatures.fromJSON(pf), np.ValueError, ['powers_.$ndarray.data[2]', '0.5', 'a value that fits int32']);
  const pf2 = copy(await new sk.PolynomialFeatures({ degree: 2 }).fit(X));
  pf2.attributes.powers_.$ndarray.data[2] = -1;
  refuses(() => sk.PolynomialFeatures.fromJSON(pf2), np.ValueError, ["'powers_'", '-1', 'integers in [0, Infinity)']);
  const le = copy(await new sk.LabelEncoder().fit([3, 1, 2]));
  le.attributes.classes_ = arr([3], [1, 1, 2]);
  refuses(() => sk.LabelEncoder.fromJSON(le), np.ValueError, ["'classes_'", 'distinct labels']);
  const ohe = copy(await new sk.OneHotEncoder().fit([[0, 1], [1, 2], [2, 1]]));
  ohe.attributes.categories_ = [ohe.attributes.categories_[0]];
  refuses(() => sk.OneHotEncoder.fromJSON(ohe), np.ValueError, ["'categories_'", 'a list of 1', 'a list of 2 items']);
});

test('search and pipeline: unknown attributes, bad nested estimators and unknown params', async () => {
  const gs = copy(await new sk.GridSearchCV(new sk.Ridge(), { alpha: [0.1, 1] }, { cv: 2 }).fit(X, yReg));
  gs.attributes.nSplits_ = 0;
  refuses(() => sk.GridSearchCV.fromJSON(gs), np.ValueError, ["'nSplits_'", 'an integer >= 1']);
  const gs2 = copy(await new sk.GridSearchCV(new sk.Ridge(), { alpha: [0.1, 1] }, { cv: 2 }).fit(X, yReg));
  gs2.attributes.bestEstimator_.$estimator.attributes.coef_ = arr([1], [0]);
  refuses(() => sk.GridSearchCV.fromJSON(gs2), np.ValueError, ['Ridge.fromJSON', "'coef_'"]);
  const pipe = copy(await new sk.Pipeline([['scale', new sk.StandardScaler()], ['ridge', new sk.Ridge()]]).fit(X, yReg));
  pipe.attributes.extra_ = 1;
  refuses(() => sk.Pipeline.fromJSON(pipe), np.ValueError, ["unknown attribute 'extra_'", 'has none']);
  const ridge = copy(await new sk.Ridge().fit(X, yReg));
  ridge.params.alhpa = 1;
  refuses(() => sk.Ridge.fromJSON(ridge), TypeError, ['alhpa']);
});

test('every estimator with fromJSON refuses null, and still round-trips its own toJSON', async () => {
  const fitted: [Revivable, { toJSON(): unknown }][] = [
    [sk.Ridge, await new sk.Ridge().fit(X, yReg)], [sk.LinearRegression, await new sk.LinearRegression().fit(X, yReg)],
    [sk.RidgeClassifier, await new sk.RidgeClassifier().fit(X, y)], [sk.LogisticRegression, await new sk.LogisticRegression().fit(X, y)],
    [sk.RidgeClassifierCV, await new sk.RidgeClassifierCV().fit(X, y)], [sk.KNeighborsClassifier, await new sk.KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y)],
    [sk.KMeans, await new sk.KMeans({ nClusters: 2, nInit: 1, randomState: 0 }).fit(X)], [sk.PCA, await new sk.PCA().fit(X)],
    [sk.StandardScaler, await new sk.StandardScaler().fit(X)], [sk.MinMaxScaler, await new sk.MinMaxScaler().fit(X)],
    [sk.PolynomialFeatures, await new sk.PolynomialFeatures().fit(X)], [sk.LabelEncoder, await new sk.LabelEncoder().fit(y)],
    [sk.OneHotEncoder, await new sk.OneHotEncoder().fit([[0, 1], [1, 2]])], [sk.DecisionTreeClassifier, await new sk.DecisionTreeClassifier().fit(X, y)],
    [sk.DecisionTreeRegressor, await new sk.DecisionTreeRegressor().fit(X, yReg)],
    [sk.RandomForestClassifier, await new sk.RandomForestClassifier({ nEstimators: 2, randomState: 0 }).fit(X, y)],
    [sk.AdaBoostClassifier, await new sk.AdaBoostClassifier({ nEstimators: 2, randomState: 0 }).fit(X, y)],
    [sk.Pipeline, await new sk.Pipeline([['ridge', new sk.Ridge()]]).fit(X, yReg)],
    [sk.GridSearchCV, await new sk.GridSearchCV(new sk.Ridge(), { alpha: [1] }, { cv: 2 }).fit(X, yReg)],
    [sk.RandomizedSearchCV, await new sk.RandomizedSearchCV(new sk.Ridge(), { alpha: [1, 2] }, { cv: 2, nIter: 1, randomState: 0 }).fit(X, yReg)],
  ];
  for (const [cls, est] of fitted) {
    refuses(() => cls.fromJSON(null), np.ValueError, ['fromJSON expects', 'got null']);
    assert.ok(cls.fromJSON(copy(est)), 'a file toJSON wrote loads');
  }
});

test.run();
