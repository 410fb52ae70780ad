// Checks of what fitting produces (FEATURES.md S-R2, S-R8): fitting twice gives the same model,
// refitting on other data starts over, each row's result depends on that row only (not on the batch
// it came in, nor on the order of the rows), predicting changes neither the model nor the input,
// a JSON round trip keeps the model exactly, and the fitTransform/fitPredict shortcuts agree with
// fit then transform/predict.
import type { NDArray } from '../../ndarray/index.ts';
import { fromJSONValue, type EstimatorJSON, type Json } from '../../sklearn/persistence.ts';
import { assertSame, fittedState, learnedKeys, outputRows, paramState, plain, stack } from './compare.ts';
import { batches, permutation, rows } from './data.ts';
import { fail, fit, fitArgs, fitted, fresh, input, outputs, scoreOf, unavailable, type Est, type Subject } from './harness.ts';

/** Everything observable about a fitted estimator: learned state, outputs and score on `other` data or not. */
async function observe(s: Subject, est: Est, other = false): Promise<unknown> {
  return { state: fittedState(est), outputs: plain(await outputs(est, input(s, other))), score: await scoreOf(s, est, other) };
}

/** Fitting the same estimator twice on the same data gives identical state and outputs (random
 *  estimators are seeded with an int, so each fit redraws the same numbers). */
export async function checkIdempotent(s: Subject): Promise<void> {
  const est = await fitted(s);
  const first = await observe(s, est);
  await fit(s, est);
  assertSame(await observe(s, est), first, 'the second fit');
}

/** A fit on other data (3 features, other labels) after a first fit equals a fit from scratch:
 *  nothing of the first fit survives. */
export async function checkRefit(s: Subject): Promise<void> {
  const est = await fitted(s);
  await fit(s, est, true);
  const scratch = await fitted(s, true);
  assertSame(await observe(s, est, true), await observe(s, scratch, true), 'refit on other data vs a fresh fit');
}

/** fit leaves its X and y as they were; predict, transform... and score leave X, y and the
 *  fitted estimator as they were (scikit-learn's check_dict_unchanged). */
export async function checkSideEffects(s: Subject): Promise<void> {
  const args = fitArgs(s, input(s)).map((a) => (a as NDArray).copy());
  const given = plain(args);
  const est = fresh(s);
  await est.fit(...args);
  assertSame(plain(args), given, 'fit\'s arguments after fit');
  const state = fittedState(est);
  await outputs(est, args[0]);
  if (typeof est.score === 'function' && s.entry.kind !== 'label-transformer') await est.score(...args);
  assertSame(plain(args), given, 'the arguments after predict/transform/score');
  assertSame(fittedState(est), state, 'the estimator after predict/transform/score');
}

/** Outputs on rows idx are rows idx of the outputs on all rows: all rows in batches of 7, and the
 *  first 5 rows one at a time. */
export async function checkSubset(s: Subject): Promise<void> {
  const est = await fitted(s);
  const X = input(s);
  const full = await outputs(est, X);
  for (const [size, count] of [[7, X.shape[0]], [1, 5]]) {
    const parts = await Promise.all(batches(count, size).map((idx) => outputs(est, rows(X, idx))));
    for (const [m, whole] of Object.entries(full)) {
      const stacked = stack(parts.map((p) => p[m] ?? fail(`${m} is missing on a batch of ${size}`)));
      assertSame(stacked, outputRows(whole, [...Array(count).keys()]), `${m} in batches of ${size} vs all rows`);
    }
  }
}

/** Outputs on shuffled rows are the outputs shuffled the same way. */
export async function checkRowOrder(s: Subject): Promise<void> {
  const est = await fitted(s);
  const X = input(s);
  const full = await outputs(est, X);
  const perm = permutation(X.shape[0]);
  const shuffled = await outputs(est, rows(X, perm));
  for (const [m, whole] of Object.entries(full)) assertSame(plain(shuffled[m]), outputRows(whole, perm), `${m} on shuffled rows`);
}

type Revivable = { fromJSON?(json: EstimatorJSON): Est };

/** JSON.stringify, JSON.parse, then the class's fromJSON (and the shared fromJSONValue): the same
 *  class, params, learned state, outputs and score; an unfitted estimator comes back unfitted; and
 *  saving the revived estimator gives the same text. */
export async function checkJson(s: Subject): Promise<void> {
  const cls = fresh(s).constructor as Revivable;
  if (typeof cls.fromJSON !== 'function') return fail('the class has no static fromJSON');
  const unfitted = fresh(s);
  const back = cls.fromJSON(JSON.parse(JSON.stringify(unfitted)) as EstimatorJSON);
  if (back.constructor !== unfitted.constructor) fail(`fromJSON built a ${back.constructor.name}`);
  assertSame(paramState(back), paramState(unfitted), 'params of the revived unfitted estimator');
  if (learnedKeys(back).length) fail(`the revived unfitted estimator has ${learnedKeys(back).join(', ')} set`);
  const est = await fitted(s);
  const text = JSON.stringify(est);
  const json = JSON.parse(text) as EstimatorJSON;
  const expected = await observe(s, est);
  for (const [how, revived] of [['fromJSON', cls.fromJSON(json)], ['fromJSONValue', fromJSONValue({ $estimator: json as unknown as Json }) as Est]] as const) {
    if (revived.constructor !== est.constructor) fail(`${how} built a ${revived.constructor.name}`);
    assertSame(paramState(revived), paramState(est), `params after ${how}`);
    assertSame(await observe(s, revived), expected, `the estimator revived by ${how}`);
    if (JSON.stringify(revived) !== text) fail(`saving the estimator revived by ${how} gives different JSON`);
  }
}

const closeTo = (a: number, b: number): boolean => Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** fitTransform(X) = fit(X).transform(X) (to 1e-9: PCA computes it from the SVD) and
 *  fitPredict(X) = fit(X).predict(X) (exactly), each leaving the same learned state as fit. */
export async function checkShortcuts(s: Subject): Promise<void | string> {
  const X = input(s);
  let applies = false;
  for (const [shortcut, method] of [['fitTransform', 'transform'], ['fitPredict', 'predict']]) {
    const est = fresh(s);
    if (typeof est[shortcut] !== 'function') continue;
    let got: NDArray;
    try {
      got = await est[shortcut](...fitArgs(s, X));
    } catch (e) {
      if (unavailable(e)) continue;
      throw e;
    }
    applies = true;
    const ref = await fitted(s);
    assertSame(fittedState(est), fittedState(ref), `learned state after ${shortcut}`);
    const want = (await ref[method](X)) as NDArray;
    assertSame([got.shape, got.dtype], [want.shape, want.dtype], `${shortcut} shape and dtype`);
    const [a, b] = [got.dataSync() as ArrayLike<number>, want.dataSync() as ArrayLike<number>];
    const exact = shortcut === 'fitPredict';
    for (let i = 0; i < b.length; i++) {
      if (exact ? !Object.is(a[i], b[i]) : !closeTo(a[i], b[i])) fail(`${shortcut}[${i}] = ${a[i]}, fit then ${method} gives ${b[i]}`);
    }
  }
  return applies ? undefined : 'no fitTransform or fitPredict';
}
