// Plain snapshots of what an estimator is (its params), what it learned (its `_` attributes) and
// what it outputs, and an exact comparison that names the first difference. The one thing to
// understand: the suite compares bit for bit (Object.is, so NaN equals NaN and 0 differs from -0):
// fitting twice, a clone, a JSON round trip, a batch or a shuffled batch must give the same numbers,
// not merely close ones. Timings (`refitTime_`, `meanFitTime`...) are the only values left out.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { RandomState } from '../../ndarray/random/index.ts';
import { BaseEstimator } from '../../sklearn/base.ts';

const isTiming = (key: string): boolean => /time/i.test(key);

/** Own keys ending in one `_` whose value is set: scikit-learn's test for "fitted". */
export function learnedKeys(est: object): string[] {
  return Object.keys(est).filter((k) => k.endsWith('_') && !k.endsWith('__') && (est as Record<string, unknown>)[k] !== undefined);
}

/** A value as plain data; estimators become their class and params (with `learned`, also their state). */
export function plain(value: unknown, learned = false): unknown {
  if (value instanceof np.NDArray) return { shape: [...value.shape], dtype: value.dtype, data: Array.from(value.dataSync() as ArrayLike<number>) };
  if (value instanceof BaseEstimator) {
    const out: Record<string, unknown> = { estimator: value.constructor.name, params: plain(value.getParams({ deep: false }), learned) };
    if (learned) out.learned = learnedState(value);
    return out;
  }
  if (value instanceof RandomState) return { randomState: plain(value.getState()) };
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, (v) => plain(v, learned));
  if (typeof value === 'function') return `[function ${value.name}]`;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !isTiming(k)).map(([k, v]) => [k, plain(v, learned)]));
  }
  return value;
}

/** The params, nested estimators included (as class + params). */
export function paramState(est: BaseEstimator): unknown {
  return plain(est.getParams({ deep: false }));
}

/** Everything `fit` learned: the `_` attributes (timings left out), nested estimators' state included. */
export function learnedState(est: object): Record<string, unknown> {
  return Object.fromEntries(learnedKeys(est).filter((k) => !isTiming(k)).map((k) => [k, plain((est as Record<string, unknown>)[k], true)]));
}

/** The learned attributes plus the state of the estimators inside params: a Pipeline keeps what it
 *  learned in its steps. */
export function fittedState(est: BaseEstimator): unknown {
  return { learned: learnedState(est), params: plain(est.getParams({ deep: false }), true) };
}

const show = (v: unknown): string => {
  const s = typeof v === 'number' ? String(v) : JSON.stringify(v, (_, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  return s === undefined ? String(v) : s.length > 120 ? `${s.slice(0, 117)}...` : s;
};

/** The path of the first difference between two plain values, with both values; null when identical. */
export function difference(a: unknown, b: unknown, path = ''): string | null {
  if (Object.is(a, b)) return null;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return `${path || '(value)'}: ${show(a)} vs ${show(b)}`;
  const ka = Object.keys(a as object), kb = Object.keys(b as object);
  const keys = [...new Set([...ka, ...kb])];
  for (const k of keys) {
    if (!(k in (a as object)) || !(k in (b as object))) return `${path}.${k}: ${k in (a as object) ? 'only in the first' : 'only in the second'}`;
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Throws `what: <first difference>` unless a and b are identical. */
export function assertSame(a: unknown, b: unknown, what: string): void {
  const d = difference(a, b);
  if (d !== null) throw new Error(`${what}: ${d}`);
}

/** An output as plain data: an NDArray (shape, dtype, values) or a number. */
export function plainOutput(v: unknown): unknown {
  return v instanceof np.NDArray ? plain(v) : v;
}

/** Rows `idx` of a method's output (1-D or 2-D), as plain data. */
export function outputRows(out: NDArray, idx: number[]): unknown {
  return plain(np.take(out, idx, { axis: 0 }));
}

/** Outputs computed batch by batch, stacked back together. */
export function stack(parts: NDArray[]): unknown {
  return plain(np.concatenate(parts, { axis: 0 }));
}
