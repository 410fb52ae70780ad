// sklearn.cluster against scikit-learn 1.2.1 (tests/fixtures/sklearn_cluster.json, written by
// tests/oracle/sklearn_cluster.py): KMeans must give the same labels and iteration counts exactly,
// and centers, inertia, distances and scores to 1e-8, for blobs and random data, every init kind,
// nInit 1 and 10, sample weights, empty-cluster relocation, maxIter cut-offs and tol 0; the
// k-means++ seeds must pick the same samples; and the FEATURES.md K2 example (seven blobs drawn from
// the global generator after np.random.seed(42), KMeans for k = 2..10 continuing that stream).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import * as random from '../ndarray/random/index.ts';
import { RandomState } from '../ndarray/random/index.ts';
import { KMeans, kmeansPlusplus, makeBlobs } from '../sklearn/index.ts';
import { NotFittedError } from '../sklearn/exceptions.ts';
import fx from './fixtures/sklearn_cluster.json';
import { rejects } from './helpers.ts';

type Nested = number | Nested[];
type Source = { seed: number; shape: [number, number]; kind: 'rand' | 'randn'; sum: number };
type Case = {
  name: string; params: Record<string, unknown>; X?: Nested; source?: Source; sampleWeight?: number[];
  clusterCenters: Nested; labels: number[]; inertia: number; nIter: number;
  Xnew?: Nested; predict?: number[]; transform?: Nested; score?: number;
};

const flat = (x: Nested): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);

function assertClose(actual: ArrayLike<number>, expected: Nested, what: string, tol = 1e-8): void {
  const e = flat(expected);
  assert.is(actual.length, e.length, `${what}: size`);
  for (let i = 0; i < e.length; i++) {
    if (!(Math.abs(actual[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])))) {
      assert.unreachable(`${what}: element ${i} is ${actual[i]}, scikit-learn has ${e[i]}`);
    }
  }
}

/** The stored X, or the same numbers drawn again from tessera's RandomState. */
function dataOf(c: { X?: Nested; source?: Source }): np.NDArray {
  if (c.X) return np.array(c.X as number[][]);
  const { seed, shape, kind, sum } = c.source as Source;
  const rng = new RandomState(seed);
  const X = kind === 'rand' ? rng.rand(...shape) : rng.randn(...shape);
  assert.ok(Math.abs(np.sum(X).itemSync() - sum) < 1e-9 * Math.max(1, Math.abs(sum)), 'regenerated data checksum');
  return X;
}

test('worked example: KMeans(2) on [0], [1], [10], [11] finds centers 0.5 and 10.5, inertia 1', async () => {
  const km = await new KMeans({ nClusters: 2, nInit: 1, randomState: 0 }).fit([[0], [1], [10], [11]]);
  // km = KMeans(2, n_init=1, random_state=0).fit([[0], [1], [10], [11]]); km.labels_.tolist(), km.cluster_centers_.tolist(), km.inertia_ -> [0, 0, 1, 1] [[0.5], [10.5]] 1.0
  assert.equal(Array.from(km.labels_!.dataSync()), [0, 0, 1, 1]);
  assertClose(km.clusterCenters_!.dataSync(), [[0.5], [10.5]], 'clusterCenters_');
  assertClose([km.inertia_!], 1, 'inertia_');
});

for (const c of fx.cases as Case[]) {
  test(`KMeans: ${c.name}`, async () => {
    const X = dataOf(c);
    const km = new KMeans(c.params);
    assert.is(await km.fit(X, undefined, c.sampleWeight), km, 'fit returns this');
    assert.equal(Array.from(km.labels_!.dataSync()), c.labels, 'labels');
    assert.is(km.labels_!.dtype, 'int32');
    assert.is(km.nIter_, c.nIter, 'nIter_');
    assertClose(km.clusterCenters_!.dataSync(), c.clusterCenters, 'clusterCenters_');
    assertClose([km.inertia_!], c.inertia, 'inertia_');
    assert.is(km.nFeaturesIn_, X.shape[1]);
    if (c.Xnew) {
      assert.equal(Array.from((await km.predict(c.Xnew)).dataSync()), c.predict, 'predict');
      assertClose((await km.transform(c.Xnew)).dataSync(), c.transform!, 'transform');
      assertClose([await km.score(c.Xnew)], c.score!, 'score');
    }
  });
}

test('kmeansPlusplus picks the same samples as sklearn.cluster.kmeans_plusplus', async () => {
  for (const c of fx.plusplus as { source: Source; nClusters: number; randomState: number; centers: Nested; indices: number[] }[]) {
    const [centers, indices] = await kmeansPlusplus(dataOf(c), c.nClusters, { randomState: c.randomState });
    assert.equal(Array.from(indices.dataSync()), c.indices);
    assertClose(centers.dataSync(), c.centers, 'centers', 0);
  }
});

test('K2: seven blobs after np.random.seed(42), KMeans for k = 2..10 on the global stream', async () => {
  random.seed(42);
  const parts = Array.from({ length: 7 }, () => makeBlobs({ nSamples: 200, centers: 1, clusterStd: 2 })[0]);
  const X = np.vstack(parts);
  assertClose(X.dataSync(), fx.k2.X, 'blobs', 1e-12);
  let lastInertia = Infinity;
  for (const run of fx.k2.runs) {
    const km = await new KMeans({ nClusters: run.k }).fit(X);
    assert.equal(Array.from(km.labels_!.dataSync()), run.labels, `k=${run.k} labels`);
    assert.is(km.nIter_, run.nIter, `k=${run.k} nIter_`);
    assertClose(km.clusterCenters_!.dataSync(), run.clusterCenters, `k=${run.k} centers`);
    assertClose([km.inertia_!], run.inertia, `k=${run.k} inertia`);
    assert.ok(km.inertia_! < lastInertia, 'inertia falls as k grows');
    lastInertia = km.inertia_!;
  }
});

test('fitPredict, fitTransform and predict agree with fit', async () => {
  const c = (fx.cases as Case[])[0];
  const km = new KMeans(c.params);
  const labels = await km.fitPredict(c.X);
  assert.equal(Array.from(labels.dataSync()), c.labels);
  assert.equal(Array.from((await km.predict(c.X)).dataSync()), c.labels);
  const D = await new KMeans(c.params).fitTransform(c.X);
  assertClose(D.dataSync(), (await km.transform(c.X)).toArraySync() as Nested, 'fitTransform');
  assert.equal(D.shape, [flat(c.X!).length / 2, 4]);
  assert.equal(km.getFeatureNamesOut(), ['kmeans0', 'kmeans1', 'kmeans2', 'kmeans3']);
});

test('errors use scikit-learn messages', async () => {
  const e = fx.errors;
  const Xs = [[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]];
  await rejects(new KMeans({ nClusters: 7, nInit: 1 }).fit(Xs), e.tooFewSamples);
  await rejects(new KMeans({ nClusters: 3, init: [[0, 0], [0, 0]], nInit: 1 }).fit(Xs), e.initShape);
  await rejects(new KMeans({ nClusters: 2, init: [[0, 0, 0], [0, 0, 0]], nInit: 1 }).fit(Xs), e.initFeatures);
  await rejects(new KMeans({ nClusters: 0 }).fit(Xs), e.nClusters);
  await rejects((async () => (await new KMeans({ nClusters: 2, nInit: 1 }).fit(Xs)).predict([[1, 2, 3]]))(), e.predictFeatures);
  try {
    await new KMeans().predict(Xs);
    assert.unreachable('predict before fit');
  } catch (err) {
    assert.instance(err, NotFittedError);
    assert.match((err as Error).message, "This KMeans instance is not fitted yet. Call 'fit'");
  }
  await rejects(new KMeans().fit([1, 2, 3]), 'Expected 2D array, got 1D array instead:\narray=[1. 2. 3.].\nReshape your data either using array.reshape(-1, 1) if your data has a single feature or array.reshape(1, -1) if it contains a single sample.');
});

test('toJSON / fromJSON round-trip, params untouched, clone unfitted', async () => {
  const c = (fx.cases as Case[])[5];
  const km = await new KMeans(c.params).fit(c.X);
  const json = JSON.parse(JSON.stringify(km.toJSON()));
  const back = KMeans.fromJSON(json);
  assert.equal(back.getParams(), km.getParams());
  assert.equal(back.clusterCenters_!.toArraySync(), km.clusterCenters_!.toArraySync());
  assert.equal(Array.from(back.labels_!.dataSync()), c.labels);
  assert.is(back.labels_!.dtype, 'int32');
  assert.equal(back.inertia_, km.inertia_);
  assert.equal((await back.predict(c.X)).toArraySync(), (await km.predict(c.X)).toArraySync());
  assert.equal(km.params.init, c.params.init, 'fit leaves params alone');
  assert.is(String(new KMeans({ nClusters: 3, randomState: 0 })), 'KMeans(nClusters=3, randomState=0)');
});

test('a RandomState instance is consumed run after run (refits differ, reseeding repeats)', async () => {
  const c = (fx.cases as Case[])[1];
  const rng = new RandomState(c.params.randomState as number);
  const km = new KMeans({ ...c.params, randomState: rng });
  await km.fit(c.X);
  assert.equal(Array.from(km.labels_!.dataSync()), c.labels);
  const again = await new KMeans({ ...c.params }).fit(c.X);
  assert.equal(Array.from(again.labels_!.dataSync()), c.labels, 'an int seed gives a fresh stream each fit');
});

test.run();
