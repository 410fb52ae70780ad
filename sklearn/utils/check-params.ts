// Hyper-parameter checks done at the start of `fit`, with scikit-learn's InvalidParameterError wording
// ("The 'alpha' parameter of Ridge must be a float in the range [0, inf). Got -1 instead.").
// Constructors never validate (S-R1), so a bad value is reported when the estimator is first fitted.
import { ValueError } from '../../ndarray/index.ts';

function repr(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
  return String(v);
}

function invalid(estimator: string, name: string, must: string, value: unknown): ValueError {
  return new ValueError(`The '${name}' parameter of ${estimator} must be ${must}. Got ${repr(value)} instead.`);
}

export interface IntervalSpec {
  low: number;
  high?: number;
  /** Which ends are included: 'left' = [low, high), 'neither' = (low, high), 'both' = [low, high]. */
  closed: 'left' | 'neither' | 'both';
  integer?: boolean;
  /** Accept null (sklearn's None) too. */
  nullable?: boolean;
}

/** A number in the interval (an int if `integer`), or null when `nullable`. */
export function checkInterval(estimator: string, name: string, value: unknown, spec: IntervalSpec): void {
  if (value === null && spec.nullable) return;
  const high = spec.high ?? Infinity;
  const ok = typeof value === 'number' && !Number.isNaN(value) && (!spec.integer || Number.isInteger(value))
    && (spec.closed === 'neither' ? value > spec.low : value >= spec.low)
    && (spec.closed === 'both' ? value <= high : value < high || high === Infinity);
  if (ok) return;
  const left = spec.closed === 'neither' ? '(' : '[';
  const right = spec.closed === 'both' ? ']' : ')';
  const range = `${spec.integer ? 'an int' : 'a float'} in the range ${left}${spec.low}, ${high === Infinity ? 'inf' : high}${right}`;
  throw invalid(estimator, name, spec.nullable ? `${range} or None` : range, value);
}

/** One of the given strings. */
export function checkOption(estimator: string, name: string, value: unknown, options: readonly (string | null)[]): void {
  if (options.includes(value as string | null)) return;
  const strs = options.filter((o): o is string => o !== null).map((o) => `'${o}'`).sort();
  const must = `a str among {${strs.join(', ')}}${options.includes(null) ? ' or None' : ''}`;
  throw invalid(estimator, name, must, value);
}

/** A boolean. */
export function checkBoolean(estimator: string, name: string, value: unknown): void {
  if (typeof value !== 'boolean') throw invalid(estimator, name, 'an instance of \'bool\'', value);
}

/** Python's "f() got an unexpected keyword argument 'x'" for an options object: a key outside `valid`
 *  is a TypeError naming the key, the function and the valid keys, never silently ignored. */
export function checkOptions(fn: string, options: unknown, valid: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${fn}() takes an options object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (!valid.includes(key)) {
      const keys = [...valid].sort().map((k) => `'${k}'`).join(', ');
      throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'. Valid keys are: [${keys}].`);
    }
  }
}
