// sklearn.preprocessing against scikit-learn 1.2.1 (tests/fixtures/sklearn_preprocessing.json,
// written by tests/oracle/sklearn_preprocessing.py): StandardScaler, MinMaxScaler and MaxAbsScaler attributes and
// transforms (to 1e-12) on the FEATURES.md K3 weather table, the K3b moons (a test set leaving
// [0, 1]) and data with NaNs and a constant feature, with every option and over partialFit batches;
// PolynomialFeatures widths for degree 0..6 (K15), values, powers_ and names for every option;
// OneHotEncoder and LabelEncoder codes, inverses, names and error messages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { LabelEncoder, MaxAbsScaler, MinMaxScaler, OneHotEncoder, PolynomialFeatures, StandardScaler } from '../sklearn/index.ts';
import { NotFittedError } from '../sklearn/exceptions.ts';
import fx from './fixtures/sklearn_preprocessing.json';
import { assertClose as closeTo, decodeNested, flatValues } from './fixture-values.ts';

type Nested = number | string | null | Nested[];
const nested = (x: Nested): number[][] => decodeNested(x) as number[][];
/** To scikit-learn's values: |a - e| <= tol · max(1, |e|), tol 1e-12 unless a call says otherwise. */
const assertClose = (actual: unknown, expected: Nested, what: string, tol = 1e-12): void => closeTo(actual, expected, { rtol: tol, floor: 1 }, what);

async function rejects(p: Promise<unknown> | (() => unknown), msg: string | null): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    assert.is((err as Error).message, msg);
    return;
  }
  assert.unreachable(`expected: ${msg}`);
}

/** The three calls every scaler case checks: fitTransform(X), transform(Xnew) and the round trip
 *  inverseTransform(transform(Xnew)), each against scikit-learn's values in case `c`. Returns the
 *  case's label (its data set and params) for the checks of the fitted attributes that follow. */
interface Scaler { fitTransform(X: unknown): Promise<np.NDArray>; transform(X: unknown): Promise<np.NDArray>; inverseTransform(X: unknown): Promise<np.NDArray> }
type ScalerCase = { data: string; params?: unknown; fitTransform: unknown; transform: unknown; inverse: unknown };
async function assertTransforms(s: Scaler, X: number[][], Xnew: number[][], c: ScalerCase): Promise<string> {
  const what = c.params === undefined ? c.data : `${c.data} ${JSON.stringify(c.params)}`;
  assertClose(await s.fitTransform(X), c.fitTransform as Nested, `${what} fitTransform`);
  assertClose(await s.transform(Xnew), c.transform as Nested, `${what} transform`);
  assertClose(await s.inverseTransform(await s.transform(Xnew)), c.inverse as Nested, `${what} inverse`);
  return what;
}

const S = fx.scalers;
const dataOf = (name: string): { X: number[][]; Xnew: number[][] } => {
  const d = (S.data as Record<string, { X: Nested; Xnew: Nested }>)[name];
  return { X: nested(d.X), Xnew: nested(d.Xnew) };
};

test('worked example: StandardScaler maps [0], [2], [4] to -√1.5, 0, √1.5; MinMaxScaler maps [1], [3], [5] to 0, 0.5, 1', async () => {
  const s = await new StandardScaler().fit([[0], [2], [4]]);
  // s = StandardScaler().fit([[0], [2], [4]]); s.mean_, s.scale_, s.transform([[0], [2], [4]]).ravel().tolist() -> [2.] [1.63299316] [-1.224744871391589, 0.0, 1.224744871391589]
  assertClose(s.mean_!, [2], 'mean_');
  assertClose(s.scale_!, [Math.sqrt(8 / 3)], 'scale_');
  assertClose(await s.transform([[0], [2], [4]]), [[-1.224744871391589], [0], [1.224744871391589]], 'transform');
  // MinMaxScaler().fit_transform([[1], [3], [5]]).ravel().tolist() -> [0.0, 0.5, 1.0]
  assert.equal((await new MinMaxScaler().fitTransform([[1], [3], [5]])).toArraySync(), [[0], [0.5], [1]]);
});

test('MinMaxScaler matches scikit-learn on weather (K3), moons (K3b) and messy data', async () => {
  for (const c of S.minmax) {
    const { X, Xnew } = dataOf(c.data);
    const s = new MinMaxScaler(c.params as never);
    const what = await assertTransforms(s, X, Xnew, c);
    assertClose(s.scale_!, c.scale, `${what} scale_`);
    assertClose(s.min_!, c.min, `${what} min_`);
    assertClose(s.dataMin_!, c.dataMin, `${what} dataMin_`);
    assertClose(s.dataMax_!, c.dataMax, `${what} dataMax_`);
    assertClose(s.dataRange_!, c.dataRange, `${what} dataRange_`);
    assert.is(s.nSamplesSeen_, c.nSamplesSeen);
  }
});

test('K3: the weather table scales to 0/1/.66, 1/0/.5, 0/.5/1, .33/0/1 and round-trips', async () => {
  const { X } = dataOf('weather');
  const s = new MinMaxScaler();
  const T = (await s.fitTransform(X)).toArraySync() as number[][];
  const columns = [0, 1, 2, 3].map((j) => T.map((row) => Math.round(row[j] * 100) / 100));
  assert.equal(columns, [[0, 1, 0.67], [1, 0, 0.5], [0, 0.5, 1], [0.33, 0, 1]]);
  assertClose(await s.inverseTransform(T), X as Nested, 'inverse', 1e-14);
});

test('K3b: the test moons leave [0, 1] in x on both ends and stay inside in y', async () => {
  const { X, Xnew } = dataOf('K3b');
  const s = await new MinMaxScaler().fit(X);
  const T = (await s.transform(Xnew)).toArraySync() as number[][];
  const xs = T.map((r) => r[0]), ys = T.map((r) => r[1]);
  assert.ok(Math.min(...xs) < 0 && Math.max(...xs) > 1, 'x leaves [0, 1] on both sides');
  assert.ok(Math.min(...ys) >= 0 && Math.max(...ys) <= 1, 'y stays in [0, 1]');
  const clipped = (await new MinMaxScaler({ clip: true }).fit(X).then((c) => c.transform(Xnew))).dataSync();
  assert.ok(Math.min(...clipped) >= 0 && Math.max(...clipped) <= 1, 'clip keeps [0, 1]');
});

test('StandardScaler matches scikit-learn (population std, constant features scale 1, NaNs ignored)', async () => {
  for (const c of S.standard) {
    const { X, Xnew } = dataOf(c.data);
    const s = new StandardScaler(c.params as never);
    const what = await assertTransforms(s, X, Xnew, c);
    for (const [attr, want] of [['mean_', c.mean], ['var_', c.var], ['scale_', c.scale]] as const) {
      const got = s[attr];
      if (want === null) assert.is(got, null, `${what} ${attr}`);
      else assertClose(got as np.NDArray, want as Nested, `${what} ${attr}`);
    }
    const seen = s.nSamplesSeen_!;
    assertClose(typeof seen === 'number' ? seen : seen.dataSync(), c.nSamplesSeen as Nested, `${what} nSamplesSeen_`, 0);
  }
});

test('MaxAbsScaler: a worked example, then scikit-learn on every data set, at once and in three batches', async () => {
  // max |x| per column is [2, 10]: x / [2, 10]
  const s = await new MaxAbsScaler().fit([[1, -10], [-2, 5]]);
  assert.equal((await s.transform([[1, -10], [4, 0]])).toArraySync(), [[0.5, -1], [2, 0]]);
  for (const c of S.maxabs) {
    const [X, Xnew] = [nested(c.X as Nested), nested(c.Xnew as Nested)];
    const m = new MaxAbsScaler();
    await assertTransforms(m, X, Xnew, c);
    assertClose(m.maxAbs_!, c.maxAbs as Nested, `${c.data} maxAbs_`);
    assertClose(m.scale_!, c.scale as Nested, `${c.data} scale_`);
    assert.is(m.nSamplesSeen_, c.nSamplesSeen);
    const p = new MaxAbsScaler();
    const n = X.length, size = (b: number): number => Math.floor(n / 3) + (b < n % 3 ? 1 : 0); // np.array_split(X, 3)
    for (let b = 0, start = 0; b < 3; start += size(b), b++) assert.is(await p.partialFit(X.slice(start, start + size(b))), p);
    assertClose(p.maxAbs_!, c.partialMaxAbs as Nested, `${c.data} partialFit maxAbs_`);
    assertClose(await p.transform(Xnew), c.partialTransform as Nested, `${c.data} partialFit transform`);
  }
});

test('partialFit over three batches equals scikit-learn partial_fit', async () => {
  for (const c of S.partial) {
    const { X, Xnew } = dataOf(c.data);
    const st = new StandardScaler(), mm = new MinMaxScaler();
    // np.array_split(X, 3)
    const n = X.length, base = Math.floor(n / 3), extra = n % 3;
    let start = 0;
    for (let b = 0; b < 3; b++) {
      const size = base + (b < extra ? 1 : 0);
      const batch = X.slice(start, start + size);
      start += size;
      assert.is(await st.partialFit(batch), st);
      await mm.partialFit(batch);
    }
    assertClose(st.mean_!, c.standard.mean as Nested, `${c.data} mean_`);
    assertClose(st.var_!, c.standard.var as Nested, `${c.data} var_`, 1e-10);
    assertClose(st.scale_!, c.standard.scale as Nested, `${c.data} scale_`, 1e-10);
    const seen = st.nSamplesSeen_!;
    assertClose(typeof seen === 'number' ? seen : seen.dataSync(), c.standard.nSamplesSeen as Nested, `${c.data} nSamplesSeen_`, 0);
    assertClose(await st.transform(Xnew), c.standard.transform as Nested, `${c.data} standard transform`, 1e-10);
    assertClose(mm.dataMin_!, c.minmax.dataMin as Nested, `${c.data} dataMin_`);
    assertClose(mm.dataMax_!, c.minmax.dataMax as Nested, `${c.data} dataMax_`);
    assertClose(mm.scale_!, c.minmax.scale as Nested, `${c.data} minmax scale_`);
    assert.is(mm.nSamplesSeen_, c.minmax.nSamplesSeen);
    assertClose(await mm.transform(Xnew), c.minmax.transform as Nested, `${c.data} minmax transform`);
  }
});

test('scaler errors and unfitted use', async () => {
  const { X } = dataOf('weather');
  await rejects(new MinMaxScaler({ featureRange: [2, 1] }).fit(X), S.errors.featureRange);
  await rejects(new StandardScaler().fit([[1, Infinity]]), S.errors.infinity);
  await rejects(new StandardScaler().fit(X).then((s) => s.transform([[1, 2]])), S.errors.features);
  for (const s of [new StandardScaler(), new MinMaxScaler()]) {
    try {
      await s.transform(X);
      assert.unreachable('transform before fit');
    } catch (err) {
      assert.instance(err, NotFittedError);
    }
  }
});

const P = fx.polynomial;

test('K15: PolynomialFeatures widths for degree 0..6 are 1, 3, 6, 10, 15, 21, 28', async () => {
  const X = [[1, 2]];
  const widths = [];
  for (let d = 0; d <= 6; d++) widths.push((await new PolynomialFeatures({ degree: d }).fit(X)).nOutputFeatures_);
  assert.equal(widths, P.widths);
  assert.equal(widths, [1, 3, 6, 10, 15, 21, 28]);
});

test('PolynomialFeatures values, powers_ and names match scikit-learn', async () => {
  for (const c of P.cases) {
    const what = JSON.stringify(c.params);
    const p = new PolynomialFeatures(c.params as never);
    const T = await p.fitTransform(c.X);
    assertClose(T, c.transform, `${what} transform`, 0);
    assert.equal(T.shape, [c.X.length, c.nOutputFeatures]);
    assert.is(p.nOutputFeatures_, c.nOutputFeatures, `${what} nOutputFeatures_`);
    assert.equal(p.powers_!.toArraySync(), c.powers, `${what} powers_`);
    assert.equal(p.getFeatureNamesOut(), c.names, `${what} names`);
  }
  const p = await new PolynomialFeatures({ degree: 3 }).fit([[1, 2]]);
  assert.equal(p.getFeatureNamesOut(['a', 'b']), P.named);
  await rejects(new PolynomialFeatures({ degree: 0, includeBias: false }).fit([[1, 2]]), P.errors.zero);
  await rejects(new PolynomialFeatures({ degree: [3, 2] }).fit([[1, 2]]), P.errors.tuple);
  await rejects(() => p.getFeatureNamesOut(['a']), P.errors.names);
});

const E = fx.encoders;

test('OneHotEncoder matches scikit-learn (drop, handleUnknown, given categories, NaN)', async () => {
  for (const c of E.oneHot) {
    const what = JSON.stringify(c.params);
    const X = c.integer ? np.array(c.X as number[][], { dtype: 'int32' }) : np.array(nested(c.X as Nested));
    const Xnew = c.integer ? np.array(c.Xnew as number[][], { dtype: 'int32' }) : np.array(nested(c.Xnew as Nested));
    const enc = new OneHotEncoder(c.params as never);
    assertClose(await enc.fitTransform(X), c.fitTransform as Nested, `${what} fitTransform`, 0);
    const T = await enc.transform(Xnew);
    assertClose(T, c.transform as Nested, `${what} transform`, 0);
    assert.equal(enc.categories_!.length, (c.categories as Nested[]).length);
    enc.categories_!.forEach((cat, j) => assertClose(cat, (c.categories as Nested[])[j], `${what} categories_[${j}]`, 0));
    assert.equal(enc.dropIdx_ ?? null, c.dropIdx, `${what} dropIdx_`);
    assert.equal(enc.getFeatureNamesOut(), c.names, `${what} names`);
    if (c.inverse !== null) assertClose(await enc.inverseTransform(T), c.inverse as Nested, `${what} inverse`, 0);
  }
});

test('OneHotEncoder errors use scikit-learn messages', async () => {
  const e = E.oneHotErrors;
  const Xi = np.array([[0, 1], [1, 5], [2, 1], [0, 7], [2, 5]], { dtype: 'int32' });
  const Xf = np.array([[0.5, 10.0], [2.5, NaN], [0.5, 30.0], [1e-5, 10.0]]);
  await rejects(new OneHotEncoder().fit(Xi).then((o) => o.transform(np.array([[5, 1]], { dtype: 'int32' }))), e.unknown);
  await rejects(new OneHotEncoder().fit(Xf).then((o) => o.transform([[7.5, 10.0]])), e.unknownFloat);
  await rejects(new OneHotEncoder({ categories: [[0, 1], [1, 5, 7]] }).fit(Xi), e.unknownFit);
  await rejects(new OneHotEncoder({ categories: [[2, 1, 0], [1, 5, 7]] }).fit(Xi), e.unsorted);
  await rejects(new OneHotEncoder({ categories: [[0, 1, 2]] }).fit(Xi), e.shape);
  await rejects(new OneHotEncoder({ drop: [0, 9] }).fit(Xi), e.dropMissing);
  await rejects(new OneHotEncoder().fit(Xi).then((o) => o.inverseTransform(np.zeros([2, 6]))), e.inverseZeros);
  await rejects(new OneHotEncoder().fit(Xi).then((o) => o.inverseTransform(np.zeros([2, 5]))), e.inverseShape);
});

test('LabelEncoder matches scikit-learn (ints, floats, NaN) and its errors', async () => {
  for (const c of E.label) {
    const y = c.integer ? np.array(c.y as number[], { dtype: 'int32' }) : np.array(flatValues(c.y as Nested));
    const yNew = c.integer ? np.array(c.yNew as number[], { dtype: 'int32' }) : np.array(flatValues(c.yNew as Nested));
    const le = new LabelEncoder();
    const codes = await le.fitTransform(y);
    assert.equal(Array.from(codes.dataSync()), c.fitTransform);
    assertClose(le.classes_!, c.classes as Nested, 'classes_', 0);
    assert.equal(Array.from((await le.transform(yNew)).dataSync()), c.transform);
    assertClose(await le.inverseTransform(await le.transform(yNew)), c.inverse as Nested, 'inverse', 0);
  }
  const e = E.labelErrors;
  const ints = (v: number[]): np.NDArray => np.array(v, { dtype: 'int32' });
  await rejects(new LabelEncoder().fit(ints([1, 2, 2, 6])).then((l) => l.transform(ints([1, 7, 9]))), e.unseen);
  await rejects(new LabelEncoder().fit([0.5, 2.5]).then((l) => l.transform([0.5, 1e-5])), e.unseenFloat);
  await rejects(new LabelEncoder().fit(ints([1, 2, 2, 6])).then((l) => l.inverseTransform(ints([0, 3, 5]))), e.inverse);
});

test('toJSON / fromJSON round-trips every preprocessing estimator', async () => {
  const { X, Xnew } = dataOf('messy');
  const cases: [{ toJSON(): unknown; transform(x: unknown): Promise<np.NDArray> }, { fromJSON(j: never): { transform(x: unknown): Promise<np.NDArray> } }, unknown][] = [
    [await new StandardScaler().fit(X), StandardScaler, Xnew],
    [await new MinMaxScaler({ featureRange: [-1, 1] }).fit(X), MinMaxScaler, Xnew],
    [await new MaxAbsScaler().fit(nested(S.maxabs[3].X as Nested)), MaxAbsScaler, nested(S.maxabs[3].Xnew as Nested)],
    [await new PolynomialFeatures({ degree: [2, 3] }).fit([[1, 2]]), PolynomialFeatures, [[0.5, -3]]],
    [await new OneHotEncoder({ drop: 'first' }).fit([[1, 2], [3, 4]]), OneHotEncoder, [[3, 2]]],
    [await new LabelEncoder().fit([10, 3, 10]), LabelEncoder, [3, 10]],
  ];
  for (const [est, cls, input] of cases) {
    const back = cls.fromJSON(JSON.parse(JSON.stringify(est.toJSON())) as never);
    assert.equal((await back.transform(input)).toArraySync(), (await est.transform(input)).toArraySync());
  }
  assert.is(String(new MinMaxScaler({ featureRange: [-1, 1] })), 'MinMaxScaler(featureRange=[-1, 1])');
  const scaler = await new StandardScaler().fit(X);
  assert.equal(scaler.getFeatureNamesOut(), ['x0', 'x1', 'x2', 'x3']);
  assert.equal((await new MinMaxScaler().fit([[1, 2, 3]])).getFeatureNamesOut(['a', 'b', 'c']), ['a', 'b', 'c']);
});

test.run();
