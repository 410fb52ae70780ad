// What every check needs: an estimator of the registry with its data and scikit-learn's record,
// fitting it the way its kind is fitted, calling every output method it really has, and asserting
// how a call fails. The one thing to understand: a method that exists but does not apply (a
// Pipeline ending in a classifier has `transform`, which rejects with "has no attribute", like
// scikit-learn's available_if) is skipped, never counted as an output.
import type { NDArray } from '../../ndarray/index.ts';
import type { BaseEstimator, Params } from '../../sklearn/base.ts';
import { dataSet, oracle, type DataSet, type Oracle, type Raised } from './data.ts';

/** classifier/regressor: fit(X, y); transformer/clusterer: fit(X); label-transformer: fit(y). */
export type Kind = 'classifier' | 'regressor' | 'transformer' | 'clusterer' | 'label-transformer';

export type Est = BaseEstimator & Record<string, any>;

export interface Entry {
  /** The class name (or 'makePipeline'): the key of scikit-learn's record in the fixture. */
  name: string;
  kind: Kind;
  /** The checked configuration's options: a fresh object each call (nested estimators get fitted). */
  options(): Params;
  /** create() is the default construction; create(options()) the checked one. */
  create(options?: Params): Est;
  /** A plain param and a new value for it (none for LabelEncoder, which has no params). */
  set?: [key: string, value: unknown];
  /** A nested `name__param` key and a value (meta-estimators). */
  nested?: [key: string, value: unknown];
  /** Options the constructor must store without complaint and `fit` must reject. */
  invalid?: Params;
  /** `fit` fits the estimators inside params (a Pipeline's steps), as in scikit-learn. */
  fitsNested?: boolean;
  /** What to expect, when it is not scikit-learn's record for `name` (the suite's own test estimators). */
  record?: Oracle;
  /** Checks known to fail, with the reason (scikit-learn's _xfail_checks): the test then requires
   *  the failure, so a fix shows up as a test to update. */
  xfail?: Record<string, string>;
}

/** One registry entry, ready to check. */
export interface Subject {
  entry: Entry;
  oracle: Oracle;
  data: DataSet;
}

export function subject(entry: Entry): Subject {
  const o = entry.record ?? oracle(entry.name);
  return { entry, oracle: o, data: dataSet(o.data) };
}

/** Methods whose result is one row per input row. */
export const OUTPUT_METHODS = ['predict', 'transform', 'decisionFunction', 'predictProba', 'predictLogProba', 'scoreSamples'] as const;
/** Every method that must return a Promise. */
export const ASYNC_METHODS = ['fit', 'fitTransform', 'fitPredict', ...OUTPUT_METHODS, 'inverseTransform', 'score'] as const;

/** A check's verdict: throws `message`. */
export const fail = (message: string): never => {
  throw new Error(message);
};

export const isLabels = (s: Subject): boolean => s.entry.kind === 'label-transformer';
const supervised = (s: Subject): boolean => s.entry.kind === 'classifier' || s.entry.kind === 'regressor';

/** What the estimator's methods take: X, or y for a label transformer. */
export function input(s: Subject, other = false): NDArray {
  return isLabels(s) ? (other ? s.data.yother : s.data.y) : other ? s.data.Xother : s.data.X;
}

/** fit's arguments for this kind of estimator, given the input (X, or y for labels). */
export function fitArgs(s: Subject, X: unknown, other = false): unknown[] {
  if (isLabels(s)) return [X];
  return supervised(s) ? [X, other ? s.data.yother : s.data.y] : [X];
}

export function fresh(s: Subject): Est {
  return s.entry.create(s.entry.options());
}

export async function fit(s: Subject, est: Est, other = false): Promise<Est> {
  await est.fit(...fitArgs(s, input(s, other), other));
  return est;
}

export const fitted = (s: Subject, other = false): Promise<Est> => fit(s, fresh(s), other);

/** The rejection of a method that does not apply (scikit-learn's available_if). */
export const unavailable = (e: unknown): boolean => e instanceof TypeError && /has no attribute/.test(e.message);

/** Every output method the estimator really has, on `X` (inverseTransform: of the transform). */
export async function outputs(est: Est, X: unknown): Promise<Record<string, NDArray>> {
  const out: Record<string, NDArray> = {};
  for (const m of OUTPUT_METHODS) {
    if (typeof est[m] !== 'function') continue;
    try {
      out[m] = await est[m](X);
    } catch (e) {
      if (!unavailable(e)) throw e;
    }
  }
  if (out.transform && typeof est.inverseTransform === 'function') {
    try {
      out.inverseTransform = await est.inverseTransform(out.transform);
    } catch (e) {
      if (!unavailable(e)) throw e;
    }
  }
  return out;
}

/** The method names `outputs` returns for a fitted estimator. */
export async function outputMethods(est: Est, X: unknown): Promise<string[]> {
  return Object.keys(await outputs(est, X));
}

/** score on the main data (supervised: score(X, y)), or undefined when there is none. */
export async function scoreOf(s: Subject, est: Est, other = false): Promise<number | undefined> {
  if (typeof est.score !== 'function' || isLabels(s)) return undefined;
  return est.score(...fitArgs(s, input(s, other), other));
}

/** Calls `call`, which must return a Promise that rejects; returns the error. A synchronous throw,
 *  a non-Promise result or a resolved Promise fails, naming `what`. */
export async function rejects(call: () => unknown, what: string): Promise<Error> {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    throw new Error(`${what} threw synchronously (${String(e)}) instead of returning a rejected Promise`);
  }
  if (!(result instanceof Promise)) throw new Error(`${what} returned ${String(result)}, not a Promise`);
  try {
    await result;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  throw new Error(`${what} resolved; scikit-learn raises here`);
}

const BELOW = 'Below are more details about the failures:';
/** The advice scikit-learn appends to "Input X contains NaN.", pointing at its own classes and pages. */
const NAN_ADVICE = /^(\n\w+ does not accept missing values encoded as NaN natively\.)? For supervised learning, you might want to consider sklearn\./;

/** The error matches scikit-learn's: the same class name and message. Two allowances: tessera may
 *  leave out the NaN advice that points at scikit-learn's classes and web pages, and a search whose
 *  every fit failed is compared up to "Below are more details" (the details are tracebacks), after
 *  which tessera must still quote the inner error's message. */
export function expectRaised(err: Error, expected: Raised, what: string): void {
  if (err.name !== expected.type) throw new Error(`${what}: raised ${err.name} (${err.message}); scikit-learn raises ${expected.type}: ${expected.message}`);
  const got = err.message, want = expected.message;
  if (got === want || (want.startsWith(got) && NAN_ADVICE.test(want.slice(got.length)))) return;
  const cut = want.indexOf(BELOW);
  if (cut >= 0 && got.startsWith(want.slice(0, cut + BELOW.length))) {
    const inner = want.slice(cut + BELOW.length).split('\n').find((l) => /^\w*Error: /.test(l));
    if (!inner || got.includes(inner.replace(/^\w*Error: /, ''))) return;
    throw new Error(`${what}: the details do not quote scikit-learn's inner error "${inner}":\n${got}`);
  }
  throw new Error(`${what}: message\n  ${JSON.stringify(got)}\nscikit-learn's\n  ${JSON.stringify(want)}`);
}
