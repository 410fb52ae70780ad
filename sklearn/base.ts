// The estimator contract scikit-learn's users rely on, in TypeScript.
// A constructor only stores its options (`this.params`), never validates their values or computes;
// `fit` learns and stores results in attributes with a trailing underscore (`coef_`), and resolves to
// the estimator itself so calls chain: `await (await est.fit(X, y)).predict(X2)`. Every computing
// method returns a Promise on every backend. `getParams`/`setParams` see nested estimators as `step__param` keys, which
// is how GridSearchCV and Pipeline reach inside each other; `clone` builds a fresh, unfitted copy.
// Two guarantees hold for every scikit-learn estimator (`strict`): an option name the constructor does
// not know is a TypeError (Python's "unexpected keyword argument"), and a `fit` that fails leaves the
// estimator exactly as it was (its learned attributes and its nested estimators' are restored, atomicFit).
// A class declares its learned attributes once (`static learned`, with the rule each must pass when
// loaded); the toJSON and fromJSON every estimator inherits save and check exactly those.
import type { NDArray } from '../ndarray/index.ts';
import { ValueError } from '../ndarray/index.ts';
import { NotFittedError } from './exceptions.ts';
import { checkOptions } from './utils/check-params.ts';
import { estimatorFromJSON, estimatorToJSON, type EstimatorClass, type EstimatorJSON, type Learned } from './persistence.ts';

export type Params = Record<string, unknown>;

export abstract class BaseEstimator<P extends Params = Params> {
  /** Whether the two guarantees above hold: the constructor refuses keys absent from its defaults and
   *  a failed fit restores the estimator. The mixins, Pipeline and the searches set it. An estimator
   *  that takes free params (a Keras wrapper hands `hidden` to its buildFn) or keeps learned state in
   *  private `#fields`, which a snapshot cannot see, leaves it unset and gives these guarantees itself. */
  static readonly strict: boolean = false;
  /** The learned attributes toJSON saves and fromJSON restores, each with the rule a loaded value
   *  must pass (utils/saved-state.ts), in the order they are saved and checked. */
  static readonly learned: Learned = {};
  /** The hyper-parameters, exactly as given (defaults filled in). */
  readonly params: P;

  /** Unsets every learned attribute the class declares (`learned`): what fit does before learning
   *  afresh, where partialFit would add to what it learned before. */
  protected forgetLearned(): void {
    const own = this as unknown as Record<string, unknown>;
    for (const key of Object.keys((this.constructor as typeof BaseEstimator).learned)) own[key] = undefined;
  }
  private readonly defaults: P;

  constructor(defaults: P, params: Partial<P> = {}) {
    const strict = new.target.strict;
    if (strict) checkConstructorParams(new.target.name, params, Object.keys(defaults));
    this.defaults = defaults;
    this.params = { ...defaults, ...params };
    if (strict) this.makeFitsAtomic();
  }

  /** Replaces fit (and partialFit, fitTransform, fitPredict) on this instance by its atomic form. */
  private makeFitsAtomic(): void {
    for (const method of FIT_METHODS) {
      const fit = (this as unknown as Record<string, unknown>)[method];
      if (typeof fit !== 'function') continue;
      Object.defineProperty(this, method, { value: atomicFit(this, fit as Method), writable: true, configurable: true });
    }
  }

  /** The class name as scikit-learn prints it (`Ridge`). */
  get estimatorName(): string {
    return this.constructor.name;
  }

  /** sklearn's get_params: with `deep`, nested estimators add their params as `name__param`. */
  getParams(options: { deep?: boolean } = {}): Params {
    checkOptions('get_params', options, ['deep']);
    const out: Params = { ...this.params };
    if (options.deep ?? true) {
      for (const [name, est] of this.namedChildren()) {
        for (const [k, v] of Object.entries(est.getParams({ deep: true }))) out[`${name}__${k}`] = v;
      }
    }
    return out;
  }

  /** sklearn's set_params: plain keys set this estimator's params, `a__b` keys set `b` on child `a`. */
  setParams(params: Params = {}): this {
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new TypeError(`set_params() takes the params as an object ({alpha: 2, ...}), got ${params === null ? 'null' : Array.isArray(params) ? 'an array' : typeof params}`);
    }
    for (const [key, value] of Object.entries(params)) {
      const sep = key.indexOf('__');
      if (sep < 0) this.setOwnParam(key, value);
      else this.child(key.slice(0, sep)).setParams({ [key.slice(sep + 2)]: value });
    }
    return this;
  }

  /** The estimators nested in this one, by the name their params are reached with. */
  protected namedChildren(): [string, BaseEstimator][] {
    return Object.entries(this.params).filter((e): e is [string, BaseEstimator] => e[1] instanceof BaseEstimator);
  }

  /** The nested estimators whose state a failed fit must restore too. */
  nestedEstimators(): BaseEstimator[] {
    return this.namedChildren().map(([, est]) => est);
  }

  protected setOwnParam(key: string, value: unknown): void {
    if (!(key in this.params)) throw this.invalidParam(key);
    (this.params as Params)[key] = value;
  }

  private child(name: string): BaseEstimator {
    const found = this.namedChildren().find(([n]) => n === name);
    if (!found) throw this.invalidParam(name);
    return found[1];
  }

  /** sklearn's ValueError, naming the estimator by its repr and listing the params sorted. */
  protected invalidParam(key: string): Error {
    const valid = Object.keys(this.getParams({ deep: false })).sort().map((k) => `'${k}'`).join(', ');
    return new ValueError(`Invalid parameter '${key}' for estimator ${this.toString()}. Valid parameters are: [${valid}].`);
  }

  /** sklearn's repr: only the params that differ from their defaults, sorted by name as sklearn's
   *  get_params sorts them (code-point order), `Ridge(alpha=2, solver='svd')`. */
  toString(): string {
    const shown = Object.entries(this.params)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .filter(([k, v]) => formatParam(v) !== formatParam((this.defaults as Params)[k]))
      .map(([k, v]) => `${k}=${formatParam(v)}`);
    return `${this.estimatorName}(${shown.join(', ')})`;
  }

  /** Throws sklearn's NotFittedError unless `fit` has set the learned attributes. */
  protected checkIsFitted(): void {
    checkIsFitted(this);
  }

  /** `{estimator, params, attributes}`: the params and the learned attributes the class declares. */
  toJSON(): EstimatorJSON {
    return estimatorToJSON(this, (this.constructor as EstimatorClass).learned);
  }

  /** Rebuilds an estimator from toJSON(), refusing a saved attribute its rule does not accept. */
  static fromJSON<E extends object>(this: EstimatorClass<E & BaseEstimator>, json: EstimatorJSON): E {
    return estimatorFromJSON(json, this);
  }
}

/** Python's `Ridge.__init__() got an unexpected keyword argument 'alhpa'`, with the valid keys. */
function checkConstructorParams(name: string, params: unknown, valid: string[]): void {
  if (params === undefined || params === null) return;
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw new TypeError(`${name}.__init__() takes an options object, got ${Array.isArray(params) ? 'an array' : typeof params}`);
  }
  for (const key of Object.keys(params)) {
    if (!valid.includes(key)) {
      const keys = [...valid].sort().map((k) => `'${k}'`).join(', ');
      throw new TypeError(`${name}.__init__() got an unexpected keyword argument '${key}'. Valid keys are: [${keys}].`);
    }
  }
}

type Method = (...args: unknown[]) => unknown;
const FIT_METHODS = ['fit', 'partialFit', 'fitTransform', 'fitPredict'] as const;

/** `fit` made all-or-nothing: the estimator's own attributes (learned ones, params) and those of its
 *  nested estimators (a Pipeline's steps) are saved before the call and put back if it throws or
 *  rejects, so a failed refit never leaves a half-refitted estimator. Learned attributes are
 *  replaced by fit, never mutated in place, so a shallow copy of each is a complete snapshot. */
function atomicFit(est: BaseEstimator, fit: Method): Method {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const restore = snapshot(est);
    let result: unknown;
    try {
      result = fit.apply(this ?? est, args);
    } catch (e) {
      restore();
      throw e;
    }
    if (result instanceof Promise) return result.catch((e: unknown) => { restore(); throw e; });
    return result;
  };
  // `fit.length` says which arguments fit takes (AdaBoost asks whether sampleWeight is one).
  Object.defineProperty(wrapped, 'length', { value: fit.length });
  Object.defineProperty(wrapped, 'name', { value: fit.name });
  return wrapped;
}

/** Saves `est`'s own enumerable attributes (arrays copied), its params and, recursively, its children. */
function snapshot(est: BaseEstimator): () => void {
  const target = est as unknown as Record<string, unknown>;
  const saved = Object.entries(target).map(([k, v]): [string, unknown] => [k, Array.isArray(v) ? [...v] : v]);
  const params = Object.entries(est.params).map(([k, v]): [string, unknown] => [k, Array.isArray(v) ? [...v] : v]);
  const children = est.nestedEstimators().map(snapshot);
  return () => {
    for (const key of Object.keys(target)) delete target[key];
    for (const [k, v] of saved) target[k] = v;
    for (const key of Object.keys(est.params)) delete (est.params as Params)[key];
    for (const [k, v] of params) (est.params as Params)[k] = v;
    for (const restoreChild of children) restoreChild();
  };
}

function formatParam(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return `[${v.map(formatParam).join(', ')}]`;
  if (typeof v === 'object' && !(v instanceof BaseEstimator) && v.constructor === Object) {
    return `{${Object.entries(v).map(([k, x]) => `'${k}': ${formatParam(x)}`).join(', ')}}`;
  }
  return String(v);
}

/** sklearn's check_is_fitted: fitted means some attribute ending in `_` (not `__`) is set. */
export function checkIsFitted(est: object): void {
  if (est === null || typeof est !== 'object') throw new TypeError(`checkIsFitted: ${String(est)} is not an estimator instance.`);
  const fitted = Object.keys(est).some((k) => k.endsWith('_') && !k.endsWith('__') && (est as Params)[k] !== undefined);
  if (!fitted) {
    const name = est.constructor.name;
    throw new NotFittedError(
      `This ${name} instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.`,
    );
  }
}

/** sklearn's clone: a new unfitted estimator with the same params (nested estimators cloned too). */
export function clone<E extends BaseEstimator>(est: E): E {
  if (!(est instanceof BaseEstimator)) {
    throw new TypeError(`Cannot clone object '${String(est)}' (type ${est === null ? 'null' : typeof est}): it does not seem to be a scikit-learn estimator as it does not implement a 'get_params' method.`);
  }
  const params: Params = {};
  for (const [k, v] of Object.entries(est.getParams({ deep: false }))) params[k] = cloneParam(v);
  const Ctor = est.constructor as new (p: Params) => E;
  return new Ctor(params);
}

/** Estimators are cloned, arrays (like a Pipeline's [name, estimator] steps) cloned item by item. */
function cloneParam(v: unknown): unknown {
  return v instanceof BaseEstimator ? clone(v) : Array.isArray(v) ? v.map(cloneParam) : v;
}

/** Estimators that learn from (X, y) and predict. */
export interface Predictor {
  fit(X: unknown, y?: unknown): Promise<unknown>;
  predict(X: unknown): Promise<NDArray>;
}

/** Estimators that map X to a new representation. */
export interface Transformer {
  fit(X: unknown, y?: unknown): Promise<unknown>;
  transform(X: unknown): Promise<NDArray>;
}

export function isClassifier(est: unknown): boolean {
  return est instanceof BaseEstimator && (est as unknown as { estimatorType?: string }).estimatorType === 'classifier';
}
