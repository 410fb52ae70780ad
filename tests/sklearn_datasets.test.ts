// sklearn datasets against scikit-learn 1.2.1: every make_* case in tests/fixtures/sklearn_datasets.json
// (written by tests/oracle/sklearn_datasets.py) must give the same X (to 1e-12, relative above 1:
// np.dot and libm's sin/cos may round differently by an ulp) and exactly the same y, for the same
// seed; the loaders must match shapes, rows, class counts and checksums. Plus FEATURES.md K14 checks
// and the tutorials' own generators (clockwise circles, spirals, mean-of-two, sum of sines).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import * as random from '../ndarray/random/index.ts';
import { RandomState } from '../ndarray/random/index.ts';
import * as sk from '../sklearn/index.ts';
import fx from './fixtures/sklearn_datasets.json';
import lx from './fixtures/sklearn_datasets_loaders.json';

type Nested = number | Nested[];
type Case = { fn: string; seed: number; options: Record<string, unknown>; X: Nested; y: Nested; extra?: Nested; yDtype: string };

const GENERATORS: Record<string, (o: never) => np.NDArray[]> = {
  make_moons: sk.makeMoons,
  make_circles: sk.makeCircles,
  make_blobs: sk.makeBlobs,
  make_classification: sk.makeClassification,
  make_regression: sk.makeRegression,
};

const flat = (x: Nested): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);

function shapeOf(x: Nested): number[] {
  return Array.isArray(x) ? [x.length, ...(x.length ? shapeOf(x[0]) : [])] : [];
}

/** |a - b| <= 1e-12 · max(1, |b|), element by element, with the same shape. */
function assertClose(actual: np.NDArray, expected: Nested, what: string, tol = 1e-12): void {
  assert.equal(actual.shape, shapeOf(expected), `${what}: shape`);
  const a = actual.dataSync();
  const e = flat(expected);
  for (let i = 0; i < e.length; i++) {
    if (!(Math.abs(a[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])))) {
      assert.unreachable(`${what}: element ${i} is ${a[i]}, scikit-learn has ${e[i]} (diff ${a[i] - e[i]})`);
    }
  }
}

function assertExact(actual: np.NDArray, expected: Nested, what: string): void {
  assert.equal(actual.shape, shapeOf(expected), `${what}: shape`);
  assert.equal(Array.from(actual.dataSync()), flat(expected), `${what}: values`);
}

test('worked example: makeMoons(4, unshuffled, no noise) is two points of each half circle', () => {
  const [X, y] = sk.makeMoons({ nSamples: 4, shuffle: false });
  // [a.tolist() for a in make_moons(4, shuffle=False)] -> [[[1.0, 0.0], [-1.0, 1.2246467991473532e-16], [0.0, 0.5], [2.0, 0.4999999999999999]], [0, 0, 1, 1]]
  assertClose(X, [[1, 0], [-1, 1.2246467991473532e-16], [0, 0.5], [2, 0.4999999999999999]], 'X');
  assertExact(y, [0, 0, 1, 1], 'y');
});

const cases = fx.cases as unknown as Case[];
for (const fn of Object.keys(GENERATORS)) {
  test(`${fn} matches scikit-learn for every seed and option set`, () => {
    const mine = cases.filter((c) => c.fn === fn);
    assert.ok(mine.length >= 5);
    for (const c of mine) {
      const what = `${fn}(${JSON.stringify(c.options)}, seed ${c.seed})`;
      const out = GENERATORS[fn]({ ...c.options, randomState: c.seed } as never);
      assertClose(out[0], c.X, `${what} X`);
      assert.is(out[0].dtype, 'float64');
      if (c.yDtype.startsWith('int')) {
        assert.is(out[1].dtype, 'int32', `${what} y dtype`);
        assertExact(out[1], c.y, `${what} y`);
      } else {
        assert.is(out[1].dtype, 'float64', `${what} y dtype`);
        assertClose(out[1], c.y, `${what} y`);
      }
      assert.is(out.length, c.extra === undefined ? 2 : 3, `${what}: tuple length`);
      if (c.extra !== undefined) assertClose(out[2], c.extra, `${what} third output`);
    }
  });
}

test('successive calls on one RandomState continue its stream as in scikit-learn', () => {
  for (const chain of fx.chains as unknown as { fn: string; seed: number; calls: object[]; X: Nested[]; y: Nested[] }[]) {
    const rng = new RandomState(chain.seed);
    chain.calls.forEach((options, i) => {
      const [X, y] = GENERATORS[chain.fn]({ ...options, randomState: rng } as never);
      assertClose(X, chain.X[i], `${chain.fn} call ${i} X`);
      assertExact(y, chain.y[i], `${chain.fn} call ${i} y`);
    });
  }
});

test('makeLowRankMatrix matches scikit-learn (QR of Gaussian matrices)', () => {
  const { seed, options, X } = fx.lowRank as unknown as { seed: number; options: object; X: Nested };
  assertClose(sk.makeLowRankMatrix({ ...options, randomState: seed }), X, 'make_low_rank_matrix');
});

test('randomState null draws from the global generator (np.random.seed)', () => {
  random.seed(42);
  const [X1, y1] = sk.makeMoons({ nSamples: 50, noise: 0.1 });
  const [X2, y2] = sk.makeMoons({ nSamples: 50, noise: 0.1, randomState: 42 });
  assert.equal(X1.toArraySync(), X2.toArraySync());
  assert.equal(y1.toArraySync(), y2.toArraySync());
});

// ---- FEATURES.md K14: shapes, balance, exact geometry with noise 0 -----------------------------

function counts(y: np.NDArray): number[] {
  const c: number[] = [];
  for (const v of y.dataSync()) c[v] = (c[v] ?? 0) + 1;
  return c;
}

const rows = (X: np.NDArray): number[][] => X.toArraySync() as number[][];

test('K14: moons(800, .08), circles(200, .08), blobs(800, 3 centres) have shape (n, 2) and balanced classes', () => {
  const sets: [string, np.NDArray[], number][] = [
    ['moons', sk.makeMoons({ nSamples: 800, noise: 0.08, randomState: 0 }), 2],
    ['circles', sk.makeCircles({ nSamples: 200, noise: 0.08, randomState: 0 }), 2],
    ['blobs', sk.makeBlobs({ nSamples: 800, centers: 3, randomState: 0 }), 3],
    ['blobs std [1,3,5]', sk.makeBlobs({ nSamples: 800, centers: [[-10, -10], [-2.5, 2.5], [10, 10]], clusterStd: [1, 3, 5], randomState: 0 }), 3],
    ['odd moons', sk.makeMoons({ nSamples: 801, noise: 0.08, randomState: 0 }), 2],
  ];
  for (const [name, [X, y], k] of sets) {
    assert.is(X.shape[1], 2, name);
    assert.is(X.shape[0], y.shape[0], name);
    const c = counts(y);
    assert.is(c.length, k, name);
    assert.ok(Math.max(...c) - Math.min(...c) <= 1, `${name}: counts ${c}`);
  }
});

test('K14: with noise 0 the moons and circles lie exactly on their arcs', () => {
  const [X, y] = sk.makeMoons({ nSamples: 101, noise: 0, randomState: 1 });
  rows(X).forEach(([a, b], i) => {
    const upper = y.dataSync()[i] === 0;
    const r = upper ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5);
    assert.ok(Math.abs(r - 1) < 1e-12, `moon point ${i} radius ${r}`);
    assert.ok(upper ? b >= -1e-15 : b <= 0.5 + 1e-15);
  });
  const [Xc, yc] = sk.makeCircles({ nSamples: 100, factor: 0.3, randomState: 1 });
  rows(Xc).forEach(([a, b], i) => {
    const radius = yc.dataSync()[i] === 0 ? 1 : 0.3;
    assert.ok(Math.abs(Math.hypot(a, b) - radius) < 1e-12);
  });
});

test('K14: blobs with clusterStd 0 sit on their centres; returnCenters gives the drawn centres', () => {
  const centers = [[-10, -10], [-2.5, 2.5], [10, 10]];
  const [X, y] = sk.makeBlobs({ nSamples: 30, centers, clusterStd: 0, randomState: 3 });
  rows(X).forEach((row, i) => assert.equal(row, centers[y.dataSync()[i]]));
  const [Xd, yd, drawn] = sk.makeBlobs({ nSamples: 12, clusterStd: 0, randomState: 3, returnCenters: true });
  const c = rows(drawn);
  assert.equal(drawn.shape, [3, 2]);
  rows(Xd).forEach((row, i) => assert.equal(row, c[yd.dataSync()[i]]));
  c.flat().forEach((v) => assert.ok(v >= -10 && v < 10));
});

// ---- tessera's own generators (FEATURES.md section 6) ----------------------------------------

test('makeClockwiseCircles: ordered clockwise from 3 o\'clock, outer then inner point per step', () => {
  const [X0, y0] = sk.makeClockwiseCircles({ nSamples: 200, noise: 0 });
  assert.equal(X0.shape, [200, 2]);
  assert.equal(Array.from(y0.dataSync().slice(0, 4)), [0, 1, 0, 1]);
  const pts = rows(X0);
  pts.forEach(([a, b], i) => {
    const step = Math.floor(i / 2);
    const radius = i % 2 === 0 ? 1 : 0.7;
    const angle = (-2 * Math.PI * step) / 100;
    assert.ok(Math.abs(a - radius * Math.cos(angle)) < 1e-15 && Math.abs(b - radius * Math.sin(angle)) < 1e-15);
  });
  assert.equal(pts[0], [1, 0]);
  // the first quarter heads down (y < 0): clockwise; the last quarter is the 12-to-3 o'clock arc.
  assert.ok(pts[2][1] < 0);
  pts.slice(150).forEach(([a, b]) => assert.ok(a >= -1e-12 && b >= -1e-12));
  const [X, y] = sk.makeClockwiseCircles({ randomState: 42 });
  assert.equal(counts(y), [100, 100]);
  rows(X).forEach(([a, b], i) => {
    const [ea, eb] = pts[i];
    assert.ok(Math.abs(a - ea) <= 0.12 && Math.abs(b - eb) <= 0.12);
  });
  assert.not.equal(rows(X), pts);
  assert.throws(() => sk.makeClockwiseCircles({ nSamples: 7 }), /even/);
});

test('makeSpirals: arm k is an arc of radius 0.7 around 0.5·(cos(θk+π), sin(θk+π))', () => {
  const [X, y] = sk.makeSpirals();
  assert.equal(X.shape, [1000, 2]);
  assert.equal(counts(y), [200, 200, 200, 200, 200]);
  rows(X).forEach(([a, b], i) => {
    const k = y.dataSync()[i];
    const s = i % 200;
    const theta = (2 * Math.PI * k) / 5;
    const [cx, cy] = [0.5 * Math.cos(theta + Math.PI), 0.5 * Math.sin(theta + Math.PI)];
    assert.ok(Math.abs(Math.hypot(a - cx, b - cy) - 0.7) < 1e-12);
    const phi = theta + (1.25 * Math.PI * s) / 200;
    assert.ok(Math.abs(a - cx - 0.7 * Math.cos(phi)) < 1e-15 && Math.abs(b - cy - 0.7 * Math.sin(phi)) < 1e-15);
  });
  const [X3, y3] = sk.makeSpirals({ arms: 3, pointsPerArm: 4 });
  assert.equal(X3.shape, [12, 2]);
  assert.equal(Array.from(y3.dataSync()), [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
});

test('sumOfSines matches the tutorial listing (dedented)', () => {
  for (const { args, values } of fx.sumOfSines as unknown as { args: [number, number, number, number[], number[], number[]]; values: number[] }[]) {
    assertClose(sk.sumOfSines(...args), values, `sumOfSines(${JSON.stringify(args)})`);
  }
  assert.throws(() => sk.sumOfSines(3, 0.1, 0, [1, 2], [1], [0, 0]), /same length/);
});

test('meanOfTwoGenerator: the three PIT variants draw as NumPy and share objects as the article says', () => {
  for (const g of fx.meanOfTwo as unknown as { seed: number; batchSize: number; variant: sk.MeanOfTwoVariant; x: Nested[]; y: Nested[] }[]) {
    const gen = sk.meanOfTwoGenerator({ batchSize: g.batchSize, variant: g.variant, randomState: g.seed });
    const pulled = [gen.next().value, gen.next().value, gen.next().value];
    pulled.forEach(([x, y], i) => {
      // read after all three pulls, as the article's print(next(it), next(it)) does
      assertExact(x, g.x[i], `${g.variant} x ${i}`);
      assertExact(y, g.y[i], `${g.variant} y ${i}`);
    });
    const sameObject = pulled[0][0] === pulled[1][0];
    assert.is(sameObject, g.variant === 'shared-buffer', `${g.variant}: x objects shared?`);
  }
  // N7: with the shared buffer the first mean no longer matches the x it was paired with.
  const [[x1, m1], [x2]] = [...take(sk.meanOfTwoGenerator({ batchSize: 1, variant: 'shared-buffer', randomState: 0 }), 2)];
  assert.ok(x1 === x2);
  const [a, b] = x1.dataSync();
  assert.is.not(m1.itemSync(), (a + b) / 2);
  const [x, y] = sk.meanOfTwoGenerator({ batchSize: 64, expandDims: false, randomState: 1 }).next().value;
  assert.equal([x.shape, y.shape], [[64, 2], [64]]);
  x.dataSync().forEach((v) => assert.ok(Number.isInteger(v) && v >= 0 && v < 100));
  assert.throws(() => sk.meanOfTwoGenerator({ variant: 'bad' as never }), /variant/);
});

function* take<T>(it: Iterator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) yield it.next().value;
}

// ---- loaders ------------------------------------------------------------------------------------

type Summary = {
  shape: number[]; targetShape: number[]; dataDtype: string; targetDtype: string; firstRows: Nested; lastRow: Nested;
  firstTargets: Nested; lastTarget: number; columnSums: number[]; columnSquares: number[]; targetSum: number;
  featureNames: string[]; descrLength: number; descrStart: string; descrEnd: string;
  classCounts?: { classes: number[]; counts: number[] }; targetNames?: (string | number)[]; imagesShape?: number[];
};

function sums(X: np.NDArray, square: boolean): number[] {
  const [n, f] = X.shape;
  const d = X.dataSync();
  const out = new Array<number>(f).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) out[j] += square ? d[i * f + j] ** 2 : d[i * f + j];
  return out;
}

function checkLoaded(name: string, bunch: sk.Bunch & { targetNames?: (string | number)[]; images?: np.NDArray }): void {
  const s = (lx as unknown as Record<string, Summary>)[name];
  const { data, target } = bunch;
  assert.equal(data.shape, s.shape, `${name} shape`);
  assert.equal(target.shape, s.targetShape, `${name} target shape`);
  assert.is(data.dtype, 'float64');
  assert.is(target.dtype, s.targetDtype.startsWith('int') ? 'int32' : 'float64', `${name} target dtype`);
  assertClose(data.get('0:3'), s.firstRows, `${name} first rows`);
  assertClose(data.get(-1), s.lastRow, `${name} last row`);
  assertClose(target.get('0:5'), s.firstTargets, `${name} first targets`);
  assertClose(np.asarray(sums(data, false)), s.columnSums, `${name} column sums`, 1e-12);
  assertClose(np.asarray(sums(data, true)), s.columnSquares, `${name} column sums of squares`, 1e-12);
  assertClose(np.asarray([Array.from(target.dataSync()).reduce((a, b) => a + b, 0)]), [s.targetSum], `${name} target sum`);
  assert.equal(bunch.featureNames, s.featureNames, `${name} feature names`);
  assert.is(bunch.DESCR.length, s.descrLength, `${name} DESCR length`);
  assert.ok(bunch.DESCR.startsWith(s.descrStart) && bunch.DESCR.endsWith(s.descrEnd), `${name} DESCR text`);
  assert.is(bunch.frame, null);
  if (s.classCounts) {
    const c = counts(target);
    assert.equal(s.classCounts.classes.map((k) => c[k]), s.classCounts.counts, `${name} class counts`);
  }
  assert.equal(bunch.targetNames, s.targetNames, `${name} target names`);
  assert.equal(bunch.images?.shape, s.imagesShape, `${name} images shape`);
}

test('loadIris, loadBreastCancer, loadDigits, loadDiabetes match scikit-learn', () => {
  checkLoaded('iris', sk.loadIris());
  checkLoaded('breastCancer', sk.loadBreastCancer());
  checkLoaded('digits', sk.loadDigits());
  checkLoaded('digits5', sk.loadDigits({ nClass: 5 }));
  checkLoaded('diabetes', sk.loadDiabetes());
  checkLoaded('diabetesRaw', sk.loadDiabetes({ scaled: false }));
});

test('loaders: returnXY gives [X, y]; iris starts 5.1, 3.5, 1.4, 0.2; diabetes columns have unit norm', () => {
  const [X, y] = sk.loadIris({ returnXY: true });
  assert.equal(X.get(0).toArraySync(), [5.1, 3.5, 1.4, 0.2]);
  assert.equal(counts(y), [50, 50, 50]);
  const [Xd, yd] = sk.loadDigits({ returnXY: true });
  assert.equal([Xd.shape, yd.shape], [[1797, 64], [1797]]);
  assert.ok(Xd.dataSync().every((v) => Number.isInteger(v) && v >= 0 && v <= 16));
  const digits = sk.loadDigits();
  assert.equal(digits.images.get(0).toArraySync(), Xd.get(0).reshape(8, 8).toArraySync());
  const [Xb] = sk.loadDiabetes({ returnXY: true });
  sums(Xb, true).forEach((v) => assert.ok(Math.abs(v - 1) < 1e-12));
  sums(Xb, false).forEach((v) => assert.ok(Math.abs(v) < 1e-12));
  assertClose(Xb.get('::40'), (lx as unknown as { diabetesScaled: { rows: Nested } }).diabetesScaled.rows, 'diabetes scaled rows');
  const [Xc, yc] = sk.loadBreastCancer({ returnXY: true });
  assert.equal([Xc.shape, counts(yc)], [[569, 30], [212, 357]]);
});

// ---- errors (scikit-learn's messages) --------------------------------------------------------

test('invalid options raise scikit-learn\'s errors', () => {
  assert.throws(() => sk.makeCircles({ factor: 1 }), (e: Error) => e instanceof np.ValueError && /'factor' has to be between 0 and 1/.test(e.message));
  assert.throws(() => sk.makeClassification({ nFeatures: 3 }), /must sum to less than the number of total features/);
  assert.throws(() => sk.makeClassification({ nInformative: 2, nClasses: 3, nClustersPerClass: 2 }), /n_classes\(3\) \* n_clusters_per_class\(2\) must be smaller or equal 2\*\*n_informative\(2\)=4/);
  assert.throws(() => sk.makeClassification({ weights: [0.1, 0.2, 0.3] }), /Weights specified but incompatible/);
  assert.throws(() => sk.makeBlobs({ centers: 2, clusterStd: [1, 2, 3] }), /Length of `clusters_std` not consistent/);
  assert.throws(() => sk.makeBlobs({ nSamples: [5, 5], centers: [[0, 0]] }), /Length of `n_samples` not consistent/);
  assert.throws(() => sk.makeBlobs({ nSamples: [5, 5], centers: 2 }), /must be array-like/);
  assert.throws(() => sk.makeMoons({ nSamples: [1, 2, 3] as never }), /two-element tuple/);
});

test.run();
