// Python's %-formatting of numbers ('%.18e', '%.3f', '%g', '%d', '%s'), as np.savetxt uses it.
// The one thing to understand: JavaScript's toFixed/toExponential round a tie (0.125 to two
// places) away from zero, while Python rounds the *exact* binary value half-to-even. So we
// write the double exactly as a decimal integer times a power of ten (every double is
// m * 2^e = m * 5^-e * 10^e when e < 0) and round that integer with BigInt arithmetic.
import { ValueError } from '../errors.ts';
import type { Kind } from '../dtype.ts';

/** One conversion specifier: %[flags][width][.precision]conversion. */
export interface FormatSpec {
  readonly flags: string;
  readonly width: number;
  readonly precision: number | undefined;
  readonly conversion: string;
}

/** A format string split into literal text and specifiers ('%%' becomes a literal '%'). */
export function parseFormat(fmt: string): (string | FormatSpec)[] {
  const parts: (string | FormatSpec)[] = [];
  const re = /%([-+ 0#]*)(\d*)(?:\.(\d*))?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    parts.push(fmt.slice(last, m.index));
    last = re.lastIndex;
    if (m[4] === '%') parts.push('%');
    else if (!'diueEfFgGs'.includes(m[4])) throw new ValueError(`unsupported format character '${m[4]}' in '${fmt}'`);
    else parts.push({ flags: m[1], width: Number(m[2] || 0), precision: m[3] === undefined ? undefined : Number(m[3] || 0), conversion: m[4] });
  }
  if (fmt.slice(last).includes('%')) throw new ValueError(`incomplete format '${fmt}'`);
  parts.push(fmt.slice(last));
  return parts.filter((p) => p !== '');
}

/** |x| = digits * 10^exp exactly, for finite x. */
interface Decimal {
  digits: bigint;
  exp: number;
}

function exactDecimal(x: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  // Normal numbers have an implicit leading 1 bit; subnormals (biased == 0) do not.
  const m = biased === 0 ? fraction : fraction | (1n << 52n);
  const e = Math.max(biased, 1) - 1075;
  return e >= 0 ? { digits: m << BigInt(e), exp: 0 } : { digits: m * 5n ** BigInt(-e), exp: e };
}

/** The integer q with q * 10^t closest to the value, ties to even q. */
function roundAt(d: Decimal, t: number): bigint {
  if (t <= d.exp) return d.digits * 10n ** BigInt(d.exp - t);
  const unit = 10n ** BigInt(t - d.exp);
  const q = d.digits / unit;
  const twice = 2n * (d.digits % unit);
  return twice > unit || (twice === unit && q % 2n === 1n) ? q + 1n : q;
}

/** %.pf of |x|. */
function fixed(d: Decimal, p: number, alt: boolean): string {
  const s = roundAt(d, -p).toString().padStart(p + 1, '0');
  const int = s.slice(0, s.length - p);
  return p > 0 ? `${int}.${s.slice(s.length - p)}` : int + (alt ? '.' : '');
}

/** The p+1 significant digits of |x| and the decimal exponent of the first one, after rounding. */
function significant(d: Decimal, p: number): { digits: string; exp: number } {
  if (d.digits === 0n) return { digits: '0'.repeat(p + 1), exp: 0 };
  let exp = d.digits.toString().length - 1 + d.exp;
  let q = roundAt(d, exp - p);
  if (q.toString().length > p + 1) {
    // Rounding carried into a new digit (9.99 -> 10.0).
    q /= 10n;
    exp++;
  }
  return { digits: q.toString(), exp };
}

const expSuffix = (exp: number): string => `e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;

/** %.pe of |x|. */
function exponential(d: Decimal, p: number, alt: boolean): string {
  const { digits, exp } = significant(d, p);
  const mantissa = p > 0 || alt ? `${digits[0]}.${digits.slice(1)}` : digits;
  return mantissa + expSuffix(exp);
}

/** %.pg of |x|: %e or %f depending on the exponent, trailing zeros removed unless '#'. */
function general(d: Decimal, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const { exp } = significant(d, p - 1);
  const s = exp >= -4 && exp < p ? fixed(d, p - 1 - exp, alt) : exponential(d, p - 1, alt);
  if (alt) return s;
  return s.replace(/(\.\d*?)0+(?=e|$)/, '$1').replace(/\.(?=e|$)/, '');
}

/** Python's str() of a float: the shortest digits that read back to the same value (a float32
 *  is shortest among float32s, as NumPy prints it), positional when 1e-4 <= |x| < 1e16. */
function shortestRepr(x: number, single: boolean): string {
  let s = x.toExponential();
  for (let p = 1; single && p <= 9; p++) {
    s = x.toExponential(p - 1);
    if (Math.fround(Number(s)) === x) break;
  }
  const [mantissa, e] = s.split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return mantissa + expSuffix(exp);
  const d: Decimal = { digits: BigInt(mantissa.replace('.', '')), exp: exp - (mantissa.length > 1 ? mantissa.length - 2 : 0) };
  return d.exp >= 0 ? `${fixed(d, 0, false)}.0` : fixed(d, -d.exp, false);
}

/** The text of |x| (x finite) for a numeric conversion. */
function body(spec: FormatSpec, x: number): string {
  const alt = spec.flags.includes('#');
  const c = spec.conversion.toLowerCase();
  if (c === 'd' || c === 'i' || c === 'u') return BigInt(Math.trunc(Math.abs(x))).toString().padStart(spec.precision ?? 0, '0');
  const d = exactDecimal(x);
  if (c === 'f') return fixed(d, spec.precision ?? 6, alt);
  if (c === 'e') return exponential(d, spec.precision ?? 6, alt);
  return general(d, spec.precision ?? 6, alt);
}

/** Python's str() of an array element: True/False, an integer, or a float's shortest repr. */
function str(x: number, kind: Kind, float32: boolean): string {
  if (kind === 'b') return x ? 'True' : 'False';
  if (kind !== 'f') return String(x);
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  return (x < 0 || Object.is(x, -0) ? '-' : '') + shortestRepr(Math.abs(x), float32);
}

/** Left- or right-justifies `text` in the spec's width with spaces. */
const justify = (spec: FormatSpec, text: string): string =>
  spec.flags.includes('-') ? text.padEnd(spec.width) : text.padStart(spec.width);

/** Formats one number like Python's `spec % x`; `kind` is the array's dtype kind (it matters for
 *  %s, as does `float32`, which picks float32's shortest repr). */
export function formatNumber(spec: FormatSpec, x: number, kind: Kind, float32 = false): string {
  const c = spec.conversion;
  if (c === 's') {
    const s = str(x, kind, float32);
    return justify(spec, spec.precision === undefined ? s : s.slice(0, spec.precision));
  }
  const integral = 'diu'.includes(c);
  if (integral && !Number.isFinite(x)) {
    throw new ValueError(`cannot convert float ${Number.isNaN(x) ? 'NaN' : 'infinity'} to integer`);
  }
  const negative = x < 0 || Object.is(x, -0);
  const sign = negative && !(integral && Math.trunc(x) === 0) ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
  let text = Number.isFinite(x) ? body(spec, x) : Number.isNaN(x) ? 'nan' : 'inf';
  if (c === 'E' || c === 'F' || c === 'G') text = text.toUpperCase();
  const pad = spec.width - sign.length - text.length;
  if (pad > 0 && spec.flags.includes('0') && !spec.flags.includes('-')) return sign + '0'.repeat(pad) + text;
  return justify(spec, sign + text);
}
