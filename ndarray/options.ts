// Options objects are NumPy's keyword arguments, and are checked as Python checks keywords: a key the
// function does not take is refused ("sum() got an unexpected keyword argument 'axes'"), so a misspelt
// option fails loudly instead of being ignored. A NumPy keyword tessera does not implement is refused
// by name, and the common keys (axis, keepdims, ...) are refused when their value has the wrong type.

/** NumPy keywords that tessera knows of but does not implement, per NumPy function name. */
const NOT_IMPLEMENTED: Record<string, readonly string[]> = {
  reduction: ['where', 'initial', 'out'],
  ufunc: ['where', 'casting', 'order', 'dtype', 'subok', 'signature'],
};

/** Keys whose value must be a boolean, wherever they appear. */
const BOOLEAN_KEYS = new Set([
  'keepdims', 'copy', 'endpoint', 'equalNan', 'returnIndex', 'returnInverse', 'returnCounts', 'returned',
  'fullMatrices', 'computeUV', 'compressed', 'nesterov', 'replace', 'suppress', 'unpack',
]);

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);

function checkValue(fn: string, key: string, value: unknown): void {
  if (value === undefined) return;
  if (BOOLEAN_KEYS.has(key) && typeof value !== 'boolean') {
    throw new TypeError(`${fn}(): \`${key}\` must be a boolean, got ${describe(value)}`);
  }
  if (key === 'axis' && value !== null && !isInt(value) && !(Array.isArray(value) && value.every(isInt))) {
    throw new TypeError(`${fn}(): \`axis\` must be an integer, a list of integers or null, got ${describe(value)}`);
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return typeof value === 'object' && value !== null ? value.constructor?.name ?? 'object' : String(value);
}

/** Refuses an options object with a key outside `valid` (Python's TypeError for an unexpected keyword
 *  argument), a NumPy keyword tessera does not implement (`notImplemented`, or a group name of
 *  NOT_IMPLEMENTED) and a boolean/axis key of the wrong type. `fn` is NumPy's name of the function. */
export function checkOptions(fn: string, options: unknown, valid: readonly string[], notImplemented: readonly string[] | keyof typeof NOT_IMPLEMENTED = []): void {
  if (!Array.isArray(valid)) throw new TypeError(`checkOptions(): \`valid\` must be a list of option names, got ${describe(valid)}`);
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options) || ArrayBuffer.isView(options)) {
    throw new TypeError(`${fn}() takes its options as an object ({${valid.join(', ')}}), got ${describe(options)}`);
  }
  const refused = typeof notImplemented === 'string' ? NOT_IMPLEMENTED[notImplemented] ?? [] : Array.isArray(notImplemented) ? notImplemented : [];
  for (const [key, value] of Object.entries(options)) {
    if (!valid.includes(key)) {
      if (refused.includes(key)) throw new TypeError(`tessera does not implement \`${key}\` of \`np.${fn}\``);
      const validKeys = valid.length ? valid.map((k) => `'${k}'`).join(', ') : 'none';
      throw new TypeError(`${fn}() got an unexpected keyword argument '${key}' (valid keywords: ${validKeys})`);
    }
    checkValue(fn, key, value);
  }
}
