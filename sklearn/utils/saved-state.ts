// What a fitted estimator's saved attributes must look like, checked when fromJSON rebuilds it. A
// saved file is data from outside: a coef_ of the wrong length or a NaN cluster centre would
// predict garbage, so each estimator declares its learned attributes once, as rules, and anything
// else is refused with a ValueError naming the attribute, what was found and what was expected.
// The one thing to understand: a shape may name attributes declared before it ('nFeaturesIn_' is
// that number, 'classes_' the number of classes), so rules are checked in the order declared.
import * as np from '../../ndarray/index.ts';
import type { BaseEstimator } from '../base.ts';

/** The attributes checked so far, by name (what a shape's named dimensions are read from). */
export type Loaded = Readonly<Record<string, unknown>>;
/** A dimension: a fixed size, '*' for any, an earlier attribute's name, or a function of them. */
export type Dim = number | '*' | string | ((loaded: Loaded) => number);

/** A rule checks one decoded attribute and returns it; `optional` ones may be missing from a fitted estimator. */
export interface Rule {
  (value: unknown, loaded: Loaded): unknown;
  optional?: boolean;
}

/** Thrown by a rule; estimatorFromJSON adds the estimator and attribute names. */
export class Mismatch extends Error {
  constructor(readonly found: string, readonly expected: string) {
    super(`is ${found}; expected ${expected}`);
  }
}

/** Whether `v` is an estimator. Recognised as scikit-learn's clone recognises one, by its get_params
 *  (`getParams`): base.ts sits above this file, since BaseEstimator's toJSON/fromJSON use it. */
export function isEstimator(v: unknown): v is BaseEstimator {
  return v !== null && typeof v === 'object' && typeof (v as { getParams?: unknown }).getParams === 'function';
}

/** A short description of a value for error messages. */
export function describe(v: unknown): string {
  if (v instanceof np.NDArray) return `an array of shape (${v.shape.join(', ')}${v.ndim === 1 ? ',' : ''}) and dtype ${v.dtype}`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isEstimator(v)) return `a ${v.estimatorName}`;
  if (typeof v === 'string') return `'${v.length > 40 ? v.slice(0, 40) + '...' : v}'`;
  if (v === null || v === undefined || typeof v !== 'object') return String(v);
  return 'an object';
}

/** The size a dimension stands for: a number attribute, or the length of a list or array attribute. */
export function sizeOf(dim: Exclude<Dim, '*'>, loaded: Loaded): number {
  if (typeof dim === 'number') return dim;
  if (typeof dim === 'function') return dim(loaded);
  const v = loaded[dim];
  return typeof v === 'number' ? v : v instanceof np.NDArray ? v.shape[0] : Array.isArray(v) ? v.length : NaN;
}

const dimText = (dim: Dim, loaded: Loaded): string => (dim === '*' || typeof dim === 'number' ? String(dim) : `${sizeOf(dim, loaded)}`);
const shapeText = (shape: readonly Dim[], loaded: Loaded): string => `(${shape.map((d) => dimText(d, loaded)).join(', ')}${shape.length === 1 ? ',' : ''})`;
const fits = (actual: readonly number[], shape: readonly Dim[], loaded: Loaded): boolean =>
  actual.length === shape.length && shape.every((d, i) => d === '*' || sizeOf(d, loaded) === actual[i]);

/** A non-negative integer (`min` raises the floor). */
export function count(min = 0): Rule {
  return (v) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new Mismatch(describe(v), `an integer >= ${min}`);
    return v;
  };
}

/** A finite number. */
export function real(): Rule {
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Mismatch(describe(v), 'a finite number');
    return v;
  };
}

/** A boolean. */
export function flag(): Rule {
  return (v) => {
    if (typeof v !== 'boolean') throw new Mismatch(describe(v), 'true or false');
    return v;
  };
}

export interface ArraySpec {
  /** One shape, or several allowed ones (Ridge's coef_ is (features,) or (targets, features)). */
  shape: readonly Dim[] | readonly (readonly Dim[])[];
  /** Every element finite (default true). */
  finite?: boolean;
  /** Every element an integer in [lo, hi) (indices, codes). */
  ints?: [Dim, Dim];
}

/** An NDArray of one of the given shapes, finite unless told, integers in a range if told. */
export function array(spec: ArraySpec): Rule {
  const shapes = (Array.isArray(spec.shape[0]) ? spec.shape : [spec.shape]) as readonly (readonly Dim[])[];
  return (v, loaded) => {
    const expected = shapes.map((s) => shapeText(s, loaded)).join(' or ');
    if (!(v instanceof np.NDArray)) throw new Mismatch(describe(v), `an array of shape ${expected}`);
    if (!shapes.some((s) => fits(v.shape, s, loaded))) throw new Mismatch(describe(v), `shape ${expected}`);
    checkElements(v.dataSync() as ArrayLike<number>, spec, loaded);
    return v;
  };
}

function checkElements(data: ArrayLike<number>, spec: ArraySpec, loaded: Loaded): void {
  const [lo, hi] = spec.ints ? spec.ints.map((d) => (d === '*' ? Infinity : sizeOf(d, loaded))) : [-Infinity, Infinity];
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (spec.finite !== false && !Number.isFinite(x)) throw new Mismatch(`an array holding ${x} at flat index ${i}`, 'finite values');
    if (spec.ints && !(Number.isInteger(x) && x >= lo && x < hi)) throw new Mismatch(`an array holding ${x} at flat index ${i}`, `integers in [${lo}, ${hi})`);
  }
}

/** Class labels: a 1-D array of numbers or a list of strings, at least `min`, all distinct. */
export function labels(min = 1): Rule {
  return (v) => {
    const values: unknown[] | null = v instanceof np.NDArray && v.ndim === 1 ? Array.from(v.dataSync() as ArrayLike<number>) : Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : null;
    if (values === null) throw new Mismatch(describe(v), 'a 1-D array of labels');
    if (values.length < min) throw new Mismatch(`${values.length} labels`, `at least ${min}`);
    if (new Set(values).size !== values.length || values.some((x) => typeof x === 'number' && Number.isNaN(x))) throw new Mismatch('labels with repeats or NaN', 'distinct labels');
    return v;
  };
}

/** A number equal to `dim` (nClasses_ must agree with classes_). */
export function size(dim: Exclude<Dim, '*'>): Rule {
  return (v, loaded) => {
    const want = sizeOf(dim, loaded);
    if (v !== want) throw new Mismatch(describe(v), `${want} (from ${typeof dim === 'string' ? dim : 'the other attributes'})`);
    return v;
  };
}

/** An estimator saved inside this one (already checked by its own fromJSON); `match` names attributes
 *  it must share with this one ({nFeaturesIn_: 'nFeaturesIn_'}). */
export function estimator(match: Record<string, Exclude<Dim, '*'>> = {}): Rule {
  return (v, loaded) => {
    if (!isEstimator(v)) throw new Mismatch(describe(v), 'a saved estimator ({$estimator: ...})');
    for (const [key, dim] of Object.entries(match)) {
      const [have, want] = [(v as unknown as Record<string, unknown>)[key], sizeOf(dim, loaded)];
      if (have !== want) throw new Mismatch(`a ${v.estimatorName} with ${key} ${describe(have)}`, `${key} ${want}, as this estimator has`);
    }
    return v;
  };
}

/** A list of `length` items (any length when omitted), each passing `item`. */
export function list(item: Rule, length?: Dim): Rule {
  return (v, loaded) => {
    const n = length === undefined || length === '*' ? undefined : sizeOf(length, loaded);
    if (!Array.isArray(v) || (n !== undefined && v.length !== n)) throw new Mismatch(describe(v), `a list of ${n ?? 'any number of'} items`);
    v.forEach((x, i) => {
      try {
        item(x, loaded);
      } catch (e) {
        if (e instanceof Mismatch) throw new Mismatch(`${e.found} at item ${i}`, e.expected);
        throw e;
      }
    });
    return v;
  };
}

/** Passes when any of `rules` does (a number or an array, ...). */
export function oneOf(...rules: Rule[]): Rule {
  return (v, loaded) => {
    const expected: string[] = [];
    for (const rule of rules) {
      try {
        return rule(v, loaded);
      } catch (e) {
        if (!(e instanceof Mismatch)) throw e;
        expected.push(e.expected);
      }
    }
    throw new Mismatch(describe(v), expected.join(', or '));
  };
}

/** null (Python's None) or what `rule` accepts. */
export const nullable = (rule: Rule): Rule => oneOf((v) => { if (v !== null) throw new Mismatch(describe(v), 'null'); return v; }, rule);

/** `rule`, and the attribute may be missing (set only by some solvers or options). */
export function optional(rule: Rule): Rule {
  const out: Rule = (v, loaded) => rule(v, loaded);
  out.optional = true;
  return out;
}

/** Any JSON value (results tables, parameter dicts: data that predict does not read). */
export const any = (): Rule => (v) => v;

/** The number of coefficient rows of a linear classifier: 1 for two classes, else one per class. */
export const classRows = (loaded: Loaded): number => {
  const n = sizeOf('classes_', loaded);
  return n === 2 ? 1 : n;
};

/** The rows of a 2-D coef_ (targets); a 1-D coef_ has a number as intercept_, never an array. */
const coefRows = (loaded: Loaded): number => {
  const coef = loaded.coef_ as np.NDArray;
  return coef.ndim === 2 ? coef.shape[0] : NaN;
};

/** A linear regressor: coef_ (features,) or (targets, features), intercept_ a number or (targets,). */
export const REGRESSION: Record<string, Rule> = {
  nFeaturesIn_: count(1),
  coef_: array({ shape: [['nFeaturesIn_'], ['*', 'nFeaturesIn_']] }),
  intercept_: oneOf(real(), array({ shape: [coefRows] })),
};

/** A linear classifier: coef_ (1 or classes, features), intercept_ 0 or one per coef_ row. */
export const CLASSIFICATION: Record<string, Rule> = {
  classes_: labels(2),
  nFeaturesIn_: count(1),
  coef_: array({ shape: [classRows, 'nFeaturesIn_'] }),
  intercept_: oneOf(real(), array({ shape: [classRows] })),
};

/** A hyper-parameter search: the results table is data; the best estimator is checked by its own rules. */
export const SEARCH: Record<string, Rule> = {
  cvResults_: any(), nSplits_: count(1), multimetric_: flag(),
  bestIndex_: optional(count()), bestScore_: optional(any()), bestParams_: optional(any()),
  bestEstimator_: optional(estimator()), refitTime_: optional(real()),
};

/** Checks `attributes` against `rules`: every name known, all or none of the required ones present
 *  (a saved unfitted estimator has none), each value as its rule says. Returns them in rule order. */
export function checkAttributes(owner: string, attributes: Record<string, unknown>, rules: Record<string, Rule>): Record<string, unknown> {
  const unknown = Object.keys(attributes).filter((k) => !Object.hasOwn(rules, k));
  const known = Object.keys(rules).join(', ') || 'none';
  if (unknown.length) throw new np.ValueError(`${owner}.fromJSON: unknown attribute '${unknown[0]}' (a saved ${owner} has ${known})`);
  const required = Object.keys(rules).filter((k) => !rules[k].optional);
  const missing = required.filter((k) => attributes[k] === undefined);
  if (missing.length && missing.length < required.length) {
    throw new np.ValueError(`${owner}.fromJSON: the attribute '${missing[0]}' is missing (a fitted ${owner} has ${required.join(', ')})`);
  }
  const loaded: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(rules)) {
    if (attributes[name] === undefined) continue;
    try {
      loaded[name] = rule(attributes[name], loaded);
    } catch (e) {
      if (e instanceof Mismatch) throw new np.ValueError(`${owner}.fromJSON: the attribute '${name}' ${e.message}`);
      throw e;
    }
  }
  return loaded;
}
