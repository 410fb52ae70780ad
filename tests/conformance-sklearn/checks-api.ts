// Checks of the estimator contract itself (FEATURES.md S-R1, S-R2, S-R4, S-R8): every computing
// method returns a Promise and fit resolves to the estimator; the constructor only stores the options
// it is given; fit leaves the params alone; getParams/setParams/clone round trip; and toString is
// scikit-learn's repr. Each check throws an Error naming the first thing that is wrong.
//
// The repr: tessera prints the camelCase names users pass (`KMeans(nClusters=3, randomState=0)`,
// not scikit-learn's `n_clusters=3`), in scikit-learn's layout otherwise: only params that differ
// from their defaults, sorted by name in code-point order (as scikit-learn sorts), values as Python
// literals (True, None, 'str', lists), on one line (scikit-learn wraps past 80 columns). The fixture
// holds scikit-learn's own reprs with the names camelCased, so any other difference fails.
import { BaseEstimator, clone, type Params } from '../../sklearn/base.ts';
import { NotFittedError } from '../../sklearn/exceptions.ts';
import { assertSame, fittedState, learnedKeys, paramState, plain } from './compare.ts';
import { ASYNC_METHODS, OUTPUT_METHODS, fail, fit, fitArgs, fitted, fresh, input, outputs, rejects, type Est, type Subject } from './harness.ts';

/** `value` must be a Promise; returns it. */
function promised(value: unknown, what: string): Promise<unknown> {
  if (!(value instanceof Promise)) fail(`${what} returned ${String(value)}, not a Promise`);
  return value as Promise<unknown>;
}

/** Calls a method that must return a Promise (resolved or rejected) and waits for it to settle. */
async function settles(call: () => unknown, what: string): Promise<void> {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    fail(`${what} threw synchronously (${String(e)}) instead of returning a rejected Promise`);
  }
  await promised(result, what).catch(() => undefined);
}

const argsFor = (s: Subject, method: string, X: unknown): unknown[] => (method === 'score' ? fitArgs(s, X) : [X]);

/** fit returns a Promise of the estimator itself; every other computing method returns a Promise,
 *  fitted or not, whatever it computes (outputs: NDArrays, score: a number). */
export async function checkAsync(s: Subject): Promise<void> {
  const X = input(s);
  const unfitted = fresh(s);
  for (const m of ASYNC_METHODS.filter((m) => !m.startsWith('fit'))) {
    if (typeof unfitted[m] === 'function') await settles(() => unfitted[m](...argsFor(s, m, X)), `unfitted ${m}`);
  }
  const est = fresh(s);
  const resolved = await promised(est.fit(...fitArgs(s, X)), 'fit');
  if (resolved !== est) fail(`fit resolved to ${String(resolved)}, not to the estimator itself`);
  for (const m of [...OUTPUT_METHODS, 'inverseTransform', 'score']) {
    if (typeof est[m] === 'function') await settles(() => est[m](...argsFor(s, m, X)), `fitted ${m}`);
  }
  for (const [m, out] of Object.entries(await outputs(est, X))) {
    if (!(out && typeof out === 'object' && 'shape' in out)) fail(`${m} resolved to ${String(out)}, not an NDArray`);
  }
  if (typeof est.score === 'function' && s.entry.kind !== 'label-transformer') {
    const score = await est.score(...fitArgs(s, X));
    if (typeof score !== 'number') fail(`score resolved to ${String(score)}, not a number`);
  }
  for (const m of ['fitTransform', 'fitPredict']) {
    const other = fresh(s);
    if (typeof other[m] === 'function') await settles(() => other[m](...fitArgs(s, X)), m);
  }
}

/** Fails when `est` has a learned attribute set. */
function assertUnfitted(est: object, what: string): void {
  const keys = learnedKeys(est);
  if (keys.length) fail(`${what} has learned attributes set: ${keys.join(', ')}`);
}

/** A value stored "as given": the same object, or (a Pipeline's steps) an array of such values. */
const sameGiven = (a: unknown, b: unknown): boolean =>
  Object.is(a, b) || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameGiven(v, b[i])));

/** The constructor sets no learned attribute and stores every option as given (the same object);
 *  it validates nothing: invalid options are stored, and fit rejects them. */
export async function checkConstructor(s: Subject): Promise<void> {
  assertUnfitted(s.entry.create(), 'the default construction');
  const options = s.entry.options();
  const est = s.entry.create(options);
  assertUnfitted(est, 'the constructed estimator');
  const shallow = est.getParams({ deep: false });
  for (const [k, v] of Object.entries(options)) {
    if (!(k in est.params)) fail(`option '${k}' is not stored in params`);
    if (!sameGiven(est.params[k], v)) fail(`params.${k} is ${String(est.params[k])}, not the value given (${String(v)})`);
    if (!sameGiven(shallow[k], v)) fail(`getParams().${k} is not the value given`);
  }
  if (!s.entry.invalid) return;
  let bad: Est;
  try {
    bad = s.entry.create({ ...s.entry.options(), ...s.entry.invalid });
  } catch (e) {
    return fail(`the constructor validated ${JSON.stringify(s.entry.invalid)} (${String(e)}); validation belongs in fit`);
  }
  await rejects(() => bad.fit(...fitArgs(s, input(s))), `fit with ${JSON.stringify(s.entry.invalid)}`);
}

/** Every estimator nested anywhere in a value (params, steps...). */
function nestedEstimators(value: unknown, out: BaseEstimator[] = []): BaseEstimator[] {
  if (value instanceof BaseEstimator) {
    out.push(value);
    nestedEstimators(Object.values(value.getParams({ deep: false })), out);
  } else if (Array.isArray(value)) value.forEach((v) => nestedEstimators(v, out));
  else if (value !== null && typeof value === 'object' && value.constructor === Object) nestedEstimators(Object.values(value), out);
  return out;
}

/** fit changes no param: the same values (deep) and the same objects; estimators given as params are
 *  not fitted by it (they are templates, cloned), except a Pipeline's steps, as in scikit-learn. */
export async function checkFitKeepsParams(s: Subject): Promise<void> {
  const est = fresh(s);
  const before = paramState(est);
  const objects = { ...est.params };
  await fit(s, est);
  await fit(s, est, true);
  assertSame(paramState(est), before, 'params after fit');
  for (const [k, v] of Object.entries(objects)) if (!Object.is(est.params[k], v)) fail(`fit replaced params.${k}`);
  if (s.entry.fitsNested) return;
  for (const inner of nestedEstimators(Object.values(est.params))) assertUnfitted(inner, `the ${inner.estimatorName} given as a param, after fit,`);
}

/** getParams/setParams: shallow params are `params`; deep ones add every child's as `name__param`;
 *  setParams(getParams()) changes nothing and returns the estimator; plain and nested keys set the
 *  right value; an unknown key throws scikit-learn's "Invalid parameter" error (on a fresh
 *  estimator of the changed configuration, whose repr the message shows). */
export async function checkParams(s: Subject): Promise<void> {
  const est = fresh(s);
  const shallow = est.getParams({ deep: false });
  assertSame(Object.keys(shallow), Object.keys(est.params), 'getParams({deep: false}) keys');
  for (const k of Object.keys(shallow)) if (!Object.is(shallow[k], est.params[k])) fail(`getParams().${k} is not params.${k}`);
  const deep = est.getParams({ deep: true });
  for (const k of Object.keys(shallow)) if (!Object.is(deep[k], shallow[k])) fail(`getParams({deep: true}).${k} differs from the shallow value`);
  for (const [k, v] of Object.entries(deep).filter(([k]) => k.includes('__'))) {
    const [head, rest] = [k.slice(0, k.indexOf('__')), k.slice(k.indexOf('__') + 2)];
    const child = deep[head] as BaseEstimator | undefined;
    if (!(child instanceof BaseEstimator) || !Object.is(child.getParams({ deep: true })[rest], v)) fail(`getParams() key '${k}' does not read ${head}'s '${rest}'`);
  }
  const before = paramState(est);
  if (est.setParams({ ...shallow }) !== est) fail('setParams did not return the estimator');
  assertSame(paramState(est), before, 'params after setParams(getParams())');
  if (s.entry.set) {
    const [key, value] = s.entry.set;
    est.setParams({ [key]: value });
    if (est.params[key] !== value || est.getParams()[key] !== value) fail(`setParams({${key}: ${String(value)}}) did not set it`);
  }
  if (s.entry.nested) {
    const [nkey, nvalue] = s.entry.nested;
    if (!(nkey in deep)) fail(`getParams({deep: true}) has no nested key '${nkey}'`);
    est.setParams({ [nkey]: nvalue });
    if (est.getParams({ deep: true })[nkey] !== nvalue) fail(`setParams({${nkey}: ${String(nvalue)}}) did not reach the nested estimator`);
  }
  assertInvalidParam(s, s.entry.create(s.entry.options()));
}

const VALID = 'Valid parameters are: ';

/** setParams with an unknown key, plain or nested, throws scikit-learn's ValueError: the key, the
 *  estimator's repr, then the estimator's own params sorted. */
function assertInvalidParam(s: Subject, est: Est): void {
  const want = s.oracle.invalidParam;
  const own = `[${Object.keys(est.getParams({ deep: false })).sort().map((k) => `'${k}'`).join(', ')}].`;
  for (const [bad, name] of [['noSuchParam', 'noSuchParam'], ['noSuchStep__alpha', 'noSuchStep']]) {
    let thrown: unknown = null;
    try {
      est.setParams({ [bad]: 1 });
    } catch (e) {
      thrown = e;
    }
    const head = want.message.slice(0, want.message.indexOf(VALID) + VALID.length).replace("'noSuchParam'", `'${name}'`);
    const expected = head + own;
    if (!(thrown instanceof Error) || thrown.name !== want.type || thrown.message !== expected) {
      fail(`setParams({${bad}: 1}) should throw ${want.type}: ${expected}; got ${String(thrown)}`);
    }
  }
}

/** clone: a new, unfitted estimator of the same class with equal params, nested estimators cloned
 *  too; it predicts like the original once fitted, and fitting it leaves the original untouched. */
export async function checkClone(s: Subject): Promise<void> {
  const est = await fitted(s);
  const X = input(s);
  const state = fittedState(est);
  const outs = plain(await outputs(est, X));
  const c = clone(est) as Est;
  if (c === est || c.constructor !== est.constructor) fail('clone did not build a new estimator of the same class');
  assertSame(paramState(c), paramState(est), 'clone params');
  const originals = new Set(nestedEstimators(Object.values(est.params)));
  if (nestedEstimators(Object.values(c.params)).some((e) => originals.has(e))) fail("the clone shares a nested estimator with the original");
  assertUnfitted(c, 'the clone of a fitted estimator');
  for (const inner of nestedEstimators(Object.values(c.params))) assertUnfitted(inner, `the clone's ${inner.estimatorName}`);
  const err = await rejects(() => c[s.oracle.method](X), `the clone's ${s.oracle.method}`);
  if (!(err instanceof NotFittedError)) fail(`the clone's ${s.oracle.method} raised ${String(err)}, not NotFittedError`);
  await fit(s, c);
  assertSame(plain(await outputs(c, X)), outs, 'the fitted clone\'s outputs vs the original\'s');
  await fit(s, c, true);
  assertSame(fittedState(est), state, 'the original\'s learned state after fitting its clone on other data');
  assertSame(plain(await outputs(est, X)), outs, 'the original\'s outputs after fitting its clone on other data');
}

/** toString is scikit-learn's repr (camelCase names): default and changed configurations. */
export async function checkRepr(s: Subject): Promise<void> {
  const shown = String(s.entry.create());
  if (shown !== s.oracle.reprDefault) fail(`default repr ${shown}; scikit-learn (camelCased): ${s.oracle.reprDefault}`);
  const changed = String(s.entry.create(s.entry.options() as Params));
  if (changed !== s.oracle.reprChanged) fail(`repr ${changed}; scikit-learn (camelCased): ${s.oracle.reprChanged}`);
}
