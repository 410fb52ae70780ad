// The checks at nn's entry points (constructors, apply, compile, fit, optimizer.apply, the exported
// functions): a value of the wrong kind is refused where it comes in, saying what was given and what
// was expected (in Keras's words where Keras has them), so no raw JavaScript error ("x.map is not a
// function") surfaces from deep inside a layer or a training step. Code behind these doors (call,
// updateStep, the losses) trusts what passed. Every check is O(1) or O(list length), never per element.
import * as np from '../ndarray/index.ts';

type NDArray = np.NDArray;

/** A value as an error message shows it: 'a', 1.5, null, a JS list, Dense, function. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return value.length <= 8 ? `[${value.map(describe).join(', ')}]` : `a JS list of length ${value.length}`;
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return String(value);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof np.NDArray);

/** Keras's `Dense(64, activation='relu')` or tessera's `Dense({units: 64, ...})`: the options object
 *  either way, with the positional argument stored under `key`. */
export function withPositional<T extends object>(cls: string, key: string, first: unknown, options: unknown): T {
  if (isPlainObject(first)) return first as T;
  if (options !== undefined && !isPlainObject(options)) throw new TypeError(`${cls}() takes its options as an object, got ${describe(options)}`);
  return { ...(options ?? {}), [key]: first } as T;
}

/** An argument that must be an NDArray (alive). */
export function requireArray(fn: string, name: string, x: unknown): NDArray {
  if (x instanceof np.NDArray) {
    x.assertAlive();
    return x;
  }
  throw new TypeError(`${fn}: \`${name}\` must be an NDArray, got ${describe(x)}${Array.isArray(x) ? ` (make one with np.array(${name}))` : ''}`);
}

/** An argument that must be a JS list (of any length, or of `length`). */
export function requireList<T = unknown>(fn: string, name: string, x: unknown, length?: number): readonly T[] {
  if (!Array.isArray(x)) throw new TypeError(`${fn}: \`${name}\` must be a list, got ${describe(x)}`);
  if (length !== undefined && x.length !== length) throw new np.ValueError(`${fn}: \`${name}\` must have ${length} entries, got ${x.length}`);
  return x as readonly T[];
}

/** A loss's or metric's (yTrue, yPred): two NDArrays. */
export function requireTargets(fn: string, yTrue: unknown, yPred: unknown): void {
  requireArray(fn, 'yTrue', yTrue);
  requireArray(fn, 'yPred', yPred);
}

/** An integer >= `min` (Keras: "expected a positive integer" for min 1). */
export function requireInt(fn: string, name: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    const expected = min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
    throw new np.ValueError(`${fn}: received an invalid value for \`${name}\`, expected ${expected}. Received: ${name}=${describe(value)}`);
  }
  return value;
}

/** A finite number in [min, max]. */
export function requireNumber(fn: string, name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = min === -Infinity && max === Infinity ? 'a finite number' : max === Infinity ? `a number >= ${min}` : `a number between ${min} and ${max}`;
    throw new np.ValueError(`${fn}: invalid value for \`${name}\`, expected ${range}. Received: ${name}=${describe(value)}`);
  }
  return value;
}

/** One of the primitive JS types (or undefined or null, Python's None, when the argument is optional). */
export function requireType<T>(fn: string, name: string, value: unknown, type: 'boolean' | 'string' | 'function', optional = true): T {
  if ((optional && (value === undefined || value === null)) || typeof value === type) return value as T;
  const expected = type === 'function' ? 'a function' : `a ${type}`;
  throw new TypeError(`${fn}: \`${name}\` must be ${expected}, got ${describe(value)}`);
}

/** A plain object (an artifacts record, a config). */
export function requireObject(fn: string, name: string, value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) throw new TypeError(`${fn}: \`${name}\` must be an object, got ${describe(value)}`);
  return value;
}

/** What an option's value must be: an integer >= 0 ('int') or >= 1 ('positiveInt'), a finite number
 *  ('number') or one >= 0 ('nonNegative'), a boolean, a string, a function, or Keras's verbose. */
export type ValueKind = 'int' | 'positiveInt' | 'number' | 'nonNegative' | 'boolean' | 'string' | 'function' | 'verbose';

/** Checks the values of an options object against declared kinds; undefined and null (Python's None in
 *  saved configs) mean "not given". One table per constructor keeps the checks next to the defaults. */
export function checkValues(fn: string, options: object, kinds: Record<string, ValueKind>): void {
  for (const [key, kind] of Object.entries(kinds)) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    if (kind === 'int' || kind === 'positiveInt') requireInt(fn, key, value, kind === 'int' ? 0 : 1);
    else if (kind === 'number' || kind === 'nonNegative') requireNumber(fn, key, value, kind === 'number' ? -Infinity : 0);
    else if (kind === 'verbose') {
      if (value !== 'auto' && value !== 0 && value !== 1 && value !== 2) throw new np.ValueError(`${fn}: \`verbose\` must be 'auto', 0, 1 or 2. Received: verbose=${describe(value)}`);
    } else requireType(fn, key, value, kind);
  }
}
