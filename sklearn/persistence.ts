// Saving fitted estimators as plain JSON: tessera's stand-in for pickling a scikit-learn model.
// An estimator becomes `{estimator: 'Ridge', params: {...}, attributes: {...}}`. Values are encoded
// recursively: an NDArray as `{$ndarray: {shape, dtype, data}}`, a nested estimator as
// `{$estimator: ...}`, a RandomState as `{$randomState: state}`, a non-finite float as `{$float: 'nan'}`.
// The one thing to understand: decoding finds classes by name in a registry that each estimator's
// module fills when imported, so a saved ensemble or pipeline can rebuild the estimators inside it.
import * as np from '../ndarray/index.ts';
import { RandomState } from '../ndarray/random/index.ts';
import { BaseEstimator, type Params } from './base.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface EstimatorJSON {
  estimator: string;
  params: { [key: string]: Json };
  attributes: { [key: string]: Json };
}

type EstimatorClass = new (params: Params) => BaseEstimator;
interface Revivable { fromJSON(json: EstimatorJSON): BaseEstimator }

const registry = new Map<string, EstimatorClass & Partial<Revivable>>();
/** The registered name of each class: bundlers may rename classes, so `constructor.name` can't be trusted. */
const names = new Map<unknown, string>();

/** Makes `name` known to `fromJSONValue`; its static `fromJSON` is used when it has one. */
export function registerEstimator(name: string, cls: EstimatorClass & Partial<Revivable>): void {
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
  if (value instanceof BaseEstimator) {
    const withJSON = value as unknown as { toJSON?: () => EstimatorJSON };
    if (typeof withJSON.toJSON !== 'function') throw new TypeError(`${value.estimatorName} cannot be saved to JSON (it has no toJSON)`);
    return { $estimator: withJSON.toJSON() as unknown as Json };
  }
  if (value instanceof RandomState) {
    const [name, keys, pos, hasGauss, gauss] = value.getState();
    return { $randomState: [name, Array.from(keys), pos, hasGauss, gauss] };
  }
  if (Array.isArray(value)) return value.map(toJSONValue);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, toJSONValue);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJSONValue(v);
    return out;
  }
  throw new TypeError(`cannot encode a ${typeof value} as JSON`);
}

const FLOATS: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };

/** Inverse of toJSONValue. */
export function fromJSONValue(json: Json): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(fromJSONValue);
  if ('$float' in json) return FLOATS[json.$float as string];
  if ('$ndarray' in json) {
    const { shape, dtype, data } = json.$ndarray as { shape: number[]; dtype: np.DType; data: Json[] };
    return np.array(data.map((x) => fromJSONValue(x) as number), { dtype }).reshape(shape);
  }
  if ('$estimator' in json) return reviveEstimator(json.$estimator as unknown as EstimatorJSON);
  if ('$randomState' in json) {
    const rng = new RandomState(0);
    rng.setState(json.$randomState as unknown as [string, number[], number, number, number]);
    return rng;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) out[k] = fromJSONValue(v);
  return out;
}

function reviveEstimator(json: EstimatorJSON): BaseEstimator {
  const cls = registry.get(json.estimator);
  if (!cls) throw new TypeError(`unknown estimator '${json.estimator}' (import its module before fromJSON)`);
  return cls.fromJSON ? cls.fromJSON(json) : estimatorFromJSON(json, cls);
}

/** The JSON of an estimator: its params and the learned attributes given. */
export function estimatorToJSON(est: BaseEstimator, attributes: Record<string, unknown>): EstimatorJSON {
  const encode = (o: Record<string, unknown>): { [key: string]: Json } =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toJSONValue(v)]));
  return { estimator: nameOf(est.constructor, est.estimatorName), params: encode(est.getParams({ deep: false })), attributes: encode(attributes) };
}

/** A new `cls` built from the saved params, with the saved attributes set; `revive` rebuilds
 *  attributes that are not plain values (a class of its own) from their JSON. */
export function estimatorFromJSON<E extends BaseEstimator>(
  json: EstimatorJSON,
  cls: new (params: Params) => E,
  revive: Record<string, (value: Json) => unknown> = {},
): E {
  const expected = nameOf(cls, cls.name);
  if (json.estimator !== expected) throw new TypeError(`this JSON holds a ${json.estimator}, not a ${expected}`);
  const params = fromJSONValue(json.params) as Params;
  const est = new cls(params);
  for (const [k, v] of Object.entries(json.attributes)) {
    (est as unknown as Record<string, unknown>)[k] = revive[k] ? revive[k](v) : fromJSONValue(v);
  }
  return est;
}
