// Saving fitted estimators as plain JSON: tessera's stand-in for pickling a scikit-learn model.
// An estimator becomes `{estimator: 'Ridge', params: {...}, attributes: {...}}`. Values are encoded
// recursively: an NDArray as `{$ndarray: {shape, dtype, data}}`, a nested estimator as
// `{$estimator: ...}`, a RandomState as `{$randomState: state}`, a non-finite float as `{$float: 'nan'}`.
// The one thing to understand: decoding finds classes by name in a registry that each estimator's
// module fills when imported, so a saved ensemble or pipeline can rebuild the estimators inside it.
// A saved file is data from outside: decoding checks every tag, and each estimator class declares
// its learned attributes once, as rules (`static learned`, utils/saved-state.ts): toJSON saves those
// attributes and fromJSON refuses a value its rule does not accept, with a ValueError.
import * as np from '../ndarray/index.ts';
import { RandomState } from './utils/random-state.ts';
import type { BaseEstimator } from './base.ts';
import { checkAttributes, isEstimator, type Rule } from './utils/saved-state.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface EstimatorJSON {
  estimator: string;
  params: { [key: string]: Json };
  attributes: { [key: string]: Json };
}

/** An estimator's learned attributes, each with the rule a loaded value must pass, in the order
 *  they are saved and checked (a shape may name an attribute declared before it). */
export type Learned = Readonly<Record<string, Rule>>;

/** A class of estimators E as persistence sees it: built from E's params, declaring what it learns.
 *  Typed so that registering or rebuilding a class needs no cast. */
export interface EstimatorClass<E extends BaseEstimator = BaseEstimator> {
  new (params: Partial<E['params']>): NoInfer<E>;
  readonly prototype: E;
  readonly learned: Learned;
}
/** A registered class: rebuilt by its static fromJSON (BaseEstimator's, or its own). */
type Registered<E extends BaseEstimator = BaseEstimator> = EstimatorClass<E> & { fromJSON(json: EstimatorJSON): BaseEstimator };

const registry = new Map<string, Registered>();
/** The registered name of each class: bundlers may rename classes, so `constructor.name` can't be trusted. */
const names = new Map<unknown, string>();

/** Makes `cls` known to `fromJSONValue` as `name` (the class name, given as a string so that a
 *  bundler renaming the class does not change what is saved). */
export function registerEstimator<E extends BaseEstimator>(name: string, cls: Registered<E>): void {
  registry.set(name, cls);
  names.set(cls, name);
}

const nameOf = (cls: unknown, fallback: string): string => names.get(cls) ?? fallback;

/** Any value as JSON: NDArrays, estimators, RandomStates and non-finite numbers are tagged. */
export function toJSONValue(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $float: String(value).replace('Infinity', 'inf').toLowerCase() };
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof np.NDArray) {
    if (value.device !== 'cpu') throw new TypeError('toJSON needs CPU arrays; move them with `await x.to("cpu")` first');
    return { $ndarray: { shape: [...value.shape], dtype: value.dtype, data: Array.from(value.dataSync() as ArrayLike<number>, toJSONValue) } };
  }
  if (isEstimator(value)) return { $estimator: value.toJSON() as unknown as Json };
  if (value instanceof RandomState) {
    const [name, keys, pos, hasGauss, gauss] = value.getState();
    return { $randomState: [name, Array.from(keys), pos, hasGauss, gauss] };
  }
  if (Array.isArray(value)) return value.map(toJSONValue);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, toJSONValue);
  // any other object with a toJSON (a fitted Tree) is saved as what it returns, as JSON.stringify does
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return toJSONValue((value as { toJSON(): unknown }).toJSON());
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJSONValue(v);
    return out;
  }
  throw new TypeError(`cannot encode a ${typeof value} as JSON`);
}

const FLOATS: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };
/** The typed array each dtype is held in (an array is built in one piece, with no intermediate to free). */
const TYPED: Record<np.DType, new (values: number[]) => np.TypedArray> = {
  bool: Uint8Array, uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array,
  uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
};
const DTYPES = Object.keys(TYPED);
/** Deeper nesting than any saved estimator has is refused, so a hostile file cannot exhaust the stack. */
const MAX_DEPTH = 64;
let estimatorDepth = 0;
/** The arrays decoded by the fromJSON under way (nested ones included), freed if it fails. */
let decoded: np.NDArray[] | null = null;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const badValue = (path: string, found: string, expected: string): np.ValueError => new np.ValueError(`fromJSON: ${path} is ${found}; expected ${expected}`);

/** Inverse of toJSONValue; `path` names the value in error messages. */
export function fromJSONValue(json: Json, path = 'value', depth = 0): unknown {
  if (depth > MAX_DEPTH) throw badValue(path, `nested more than ${MAX_DEPTH} levels deep`, 'what toJSON writes');
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map((x, i) => fromJSONValue(x, `${path}[${i}]`, depth + 1));
  if ('$float' in json) return floatFromJSON(json.$float, path);
  if ('$ndarray' in json) return ndarrayFromJSON(json.$ndarray, `${path}.$ndarray`);
  if ('$estimator' in json) return reviveEstimator(json.$estimator);
  if ('$randomState' in json) return randomStateFromJSON(json.$randomState, path);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) Object.defineProperty(out, k, { value: fromJSONValue(v, `${path}.${k}`, depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

function floatFromJSON(tag: Json, path: string): number {
  if (typeof tag !== 'string' || !(tag in FLOATS)) throw badValue(`${path}.$float`, JSON.stringify(tag) ?? 'undefined', "'nan', 'inf' or '-inf'");
  return FLOATS[tag];
}

/** {shape, dtype, data} as an array, after checking that the three agree. */
function ndarrayFromJSON(spec: Json, path: string): np.NDArray {
  if (!isObject(spec)) throw badValue(path, JSON.stringify(spec) ?? 'undefined', 'an object {shape, dtype, data}');
  const { shape, dtype, data } = spec;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) throw badValue(`${path}.shape`, JSON.stringify(shape) ?? 'undefined', 'a list of non-negative integers');
  if (typeof dtype !== 'string' || !DTYPES.includes(dtype)) throw badValue(`${path}.dtype`, JSON.stringify(dtype) ?? 'undefined', `one of ${DTYPES.join(', ')}`);
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (!Array.isArray(data) || data.length !== size) throw badValue(`${path}.data`, Array.isArray(data) ? `${data.length} values` : String(data), `${size} values (the product of shape [${shape.join(', ')}])`);
  const values = data.map((x, i) => (typeof x === 'number' ? x : isObject(x) && '$float' in x ? floatFromJSON(x.$float, `${path}.data[${i}]`) : invalidElement(`${path}.data[${i}]`, x)));
  const typed = new TYPED[dtype as np.DType](values);
  const lost = typed.findIndex((x, i) => x !== values[i] && !(Number.isNaN(x) && Number.isNaN(values[i])));
  if (lost >= 0 && dtype !== 'float32') throw badValue(`${path}.data[${lost}]`, String(values[lost]), `a value that fits ${dtype}`);
  const out = np.NDArray.fromTyped(typed, shape as number[], dtype as np.DType);
  decoded?.push(out);
  return out;
}

const invalidElement = (path: string, x: Json): never => { throw badValue(path, JSON.stringify(x), 'a number'); };

function randomStateFromJSON(state: Json, path: string): RandomState {
  const rng = new RandomState(0);
  try {
    rng.setState(state as unknown as [string, number[], number, number, number]);
  } catch (e) {
    throw badValue(`${path}.$randomState`, 'not a valid state', `[name, keys, pos, hasGauss, gauss] as getState() gives (${(e as Error).message})`);
  }
  return rng;
}

function reviveEstimator(json: Json): BaseEstimator {
  const name = isObject(json) ? json.estimator : undefined;
  const cls = typeof name === 'string' ? registry.get(name) : undefined;
  if (!cls) throw new TypeError(`unknown estimator '${String(name)}' (import its module before fromJSON)`);
  if (estimatorDepth >= MAX_DEPTH) throw badValue(`the estimator '${name}'`, `nested more than ${MAX_DEPTH} estimators deep`, 'what toJSON writes');
  estimatorDepth++;
  try {
    return cls.fromJSON(json as unknown as EstimatorJSON);
  } finally {
    estimatorDepth--;
  }
}

/** The JSON of an estimator: its params and the learned attributes its class declares (those set). */
export function estimatorToJSON(est: BaseEstimator, learned: Learned): EstimatorJSON {
  const encode = (o: Record<string, unknown>, keys: string[]): { [key: string]: Json } =>
    Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, toJSONValue(o[k])]));
  const params = est.getParams({ deep: false });
  return { estimator: nameOf(est.constructor, est.estimatorName), params: encode(params, Object.keys(params)), attributes: encode(est as unknown as Record<string, unknown>, Object.keys(learned)) };
}

/** The {estimator, params, attributes} envelope of `json`, or a ValueError saying what came instead. */
function checkEnvelope(json: unknown, owner: string): EstimatorJSON {
  const shape = '{estimator, params, attributes} as toJSON() gives';
  if (!isObject(json)) throw new np.ValueError(`${owner}.fromJSON expects ${shape}, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`);
  if (json.estimator !== owner) {
    if (typeof json.estimator !== 'string') throw new np.ValueError(`${owner}.fromJSON expects ${shape}, got no 'estimator' name`);
    throw new TypeError(`this JSON holds a ${json.estimator}, not a ${owner}`);
  }
  for (const key of ['params', 'attributes']) {
    if (!isObject(json[key])) throw new np.ValueError(`${owner}.fromJSON: '${key}' is ${JSON.stringify(json[key]) ?? 'missing'}; expected an object`);
  }
  return json as unknown as EstimatorJSON;
}

/** A new `cls` built from the saved params, with the saved attributes set after the rules of
 *  `cls.learned` accept them: unknown attributes, wrong shapes and non-finite values are refused,
 *  and the arrays of a refused file are freed. */
export function estimatorFromJSON<E extends BaseEstimator>(json: unknown, cls: EstimatorClass<E>): E {
  const owner = nameOf(cls, cls.name);
  const saved = checkEnvelope(json, owner);
  const outermost = decoded === null;
  if (outermost) decoded = [];
  try {
    // the params are data: the constructor only stores them, and fit validates them
    const est = new cls(fromJSONValue(saved.params, `${owner} params`) as Partial<E['params']>);
    const attributes = fromJSONValue(saved.attributes, `${owner} attributes`) as Record<string, unknown>;
    return Object.assign(est, checkAttributes(owner, attributes, cls.learned));
  } catch (e) {
    if (outermost) decoded?.forEach((a) => a.dispose());
    throw e;
  } finally {
    if (outermost) decoded = null;
  }
}
