// One check for every options object in nn: an option name tessera does not know is an error
// (Python's "unexpected keyword argument"), never silently ignored.

/** Throws a TypeError naming the unknown keys of `options`, the function and the valid keys. */
export function checkOptions(fn: string, options: object | undefined, valid: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${fn}: options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`);
  for (const key of Object.keys(options)) {
    if (!valid.includes(key)) {
      throw new TypeError(`${fn} got an unexpected keyword argument '${key}' (valid options: ${valid.join(', ')})`);
    }
  }
}
