// np.char: string operations on arrays. Only `mod` so far, NumPy's np.char.mod(a, values): Python's
// `a % value`, the %-formatting np.savetxt also uses. It matters where a report must print numbers
// exactly as Python does: '%.2f' % 0.125 is '0.12' in Python (the exact binary value rounded
// half-to-even), where JavaScript's (0.125).toFixed(2) gives '0.13'.
import { formatNumber, parseFormat } from './io/printf.ts';
import { ValueError } from './errors.ts';

/** Python's `format % value` for a format with one %-specifier (flags, width, precision; d i u e E f F
 *  g G s), element-wise over a list of numbers.
 *  @example np.char.mod('%.2f', 0.125) // '0.12'
 *  @example np.char.mod('%5.1f%%', [12.25, 3]) // [' 12.2%', '  3.0%'] */
export function mod(format: string, values: number): string;
export function mod(format: string, values: readonly number[]): string[];
export function mod(format: string, values: number | readonly number[]): string | string[] {
  const parts = parseFormat(format);
  const specs = parts.filter((p) => typeof p !== 'string');
  if (specs.length !== 1) throw new ValueError(`np.char.mod: the format must hold exactly one %-specifier, got ${specs.length} in '${format}'`);
  const one = (x: number): string => parts.map((p) => (typeof p === 'string' ? p : formatNumber(p, x, Number.isInteger(x) && p.conversion === 's' ? 'i' : 'f'))).join('');
  return typeof values === 'number' ? one(values) : values.map(one);
}
