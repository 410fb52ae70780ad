// Checks of how estimators refuse what they cannot use (FEATURES.md S-R2, S-R3, S-R8): use before
// fit, NaN and infinity, a 1-D X, and a wrong number of features. The expected outcome of each probe
// is what scikit-learn 1.2.1 did with the same input (the fixture): the same error class and message,
// or no error at all (scalers and encoders accept NaN, as scikit-learn's allow_nan tag says).
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { oneD, withValue, type Raised } from './data.ts';
import { expectRaised, fitArgs, fitted, fresh, input, isLabels, outputMethods, rejects, type Est, type Subject } from './harness.ts';

/** Every computing method of an unfitted estimator raises NotFittedError with scikit-learn's message
 *  (a Pipeline: its first step's, as scikit-learn's does). */
export async function checkNotFitted(s: Subject): Promise<void> {
  const est = fresh(s);
  const X = input(s);
  const methods = await outputMethods(await fitted(s), X);
  for (const m of [...methods, 'score']) {
    if (typeof est[m] !== 'function' || (m === 'score' && isLabels(s))) continue;
    const err = await rejects(() => est[m](...(m === 'score' ? fitArgs(s, X) : [X])), `unfitted ${m}`);
    expectRaised(err, s.oracle.notFitted, `unfitted ${m}`);
  }
}

/** Probes `est`'s available output methods with `bad`: each must fail as scikit-learn did, or
 *  succeed when scikit-learn did (expected null). */
async function probeOutputs(s: Subject, est: Est, bad: unknown, expected: Raised | null | undefined, what: string): Promise<void> {
  if (expected === undefined) return;
  for (const m of await outputMethods(est, input(s))) {
    if (m === 'inverseTransform') continue;
    if (expected === null) await est[m](bad);
    else expectRaised(await rejects(() => est[m](bad), `${m} on ${what}`), expected, `${m} on ${what}`);
  }
}

/** fit on a NaN or an infinity rejects (or, for allow_nan estimators, accepts NaN); so do the output
 *  methods of a fitted estimator. */
export async function checkNaN(s: Subject): Promise<void> {
  const X = input(s);
  for (const [probe, value] of [['fitNaN', NaN], ['fitInf', Infinity]] as const) {
    const bad = withValue(X, value);
    const expected = s.oracle[probe];
    const est = fresh(s);
    if (expected === null) await est.fit(...fitArgs(s, bad));
    else expectRaised(await rejects(() => est.fit(...fitArgs(s, bad)), `fit on ${value}`), expected, `fit on ${value}`);
  }
  await probeOutputs(s, await fitted(s), withValue(X, NaN).get('0:5'), s.oracle.predictNaN, 'NaN');
}

/** A 1-D X (LabelEncoder: a 2-D y) is rejected by fit and by every output method, with scikit-learn's
 *  "Expected 2D array, got 1D array instead: ... reshape(-1, 1)" message. */
export async function checkShape(s: Subject): Promise<void> {
  const n = input(s).shape[0];
  const bad = isLabels(s) ? s.data.X : oneD(n);
  const est = fresh(s);
  expectRaised(await rejects(() => est.fit(...fitArgs(s, bad)), 'fit on a 1-D X'), s.oracle.fit1d as Raised, 'fit on a 1-D X');
  const badRows = isLabels(s) ? s.data.X.get('0:4') : oneD(4);
  await probeOutputs(s, await fitted(s), badRows, s.oracle.predict1d, 'a 1-D X');
}

/** Output methods refuse X of a different width than fit saw: "X has 3 features, but Ridge is
 *  expecting 2 features as input." (LabelEncoder: labels it never saw). */
export async function checkNFeatures(s: Subject): Promise<void> {
  const bad: NDArray = isLabels(s) ? np.array([7, 5]) : np.ones([4, 3]);
  await probeOutputs(s, await fitted(s), bad, s.oracle.nFeatures, isLabels(s) ? 'unseen labels' : '3 features');
}
