// Python's str.format, for the templates Keras fills: ModelCheckpoint's filepath
// ('weights.{epoch:02d}-{val_loss:.2f}.keras' is filled by filepath.format(epoch=epoch + 1, **logs)) and the
// metric values Progbar prints. A field is {name:spec}, the spec being Python's mini-language
// [[fill]align][sign][z][#][0][width][grouping][.precision][type]. The one thing to understand: numbers are
// rounded as Python rounds them, from the double's exact binary value with ties to even ('{:.2f}' of 0.125 is
// '0.12'), so JS's toFixed (ties away from zero, exponent form from 1e21 up) is never used. JS has one number
// type, so an integer-valued number is formatted as a Python int (epoch, batch) and any other as a float.
import { IndexError, ValueError } from '../../ndarray/index.ts';
import { describe, requireObject, requireType } from '../checks.ts';

/** A template names a key the values do not have (Python raises KeyError, which Keras re-raises). */
export class KeyError extends Error {
  override name = 'KeyError';
  constructor(readonly key: string, message: string) {
    super(message);
  }
}

/** One parsed format spec; precision and width are -1 when absent. */
interface Spec {
  fill: string;
  align: string;
  sign: string;
  noNegZero: boolean;
  alternate: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

type Kind = 'int' | 'float' | 'str';

const ALIGNS = '<>=^';
const FLOAT_ONLY_TYPES = 'eEfFgG%';
const FLOAT_TYPES = FLOAT_ONLY_TYPES + 'n';
const INT_TYPES = 'dnboxX';
const GROUPABLE = 'defgEG%F';
const BASES: Record<string, number> = { b: 2, o: 8, x: 16, X: 16 };

/** Fills a Python format template, e.g. pyFormat('w.{epoch:02d}-{val_loss:.2f}', {epoch: 3, val_loss: 0.1234}). */
export function pyFormat(template: string, values: Record<string, number | string> = {}): string {
  requireType('pyFormat', 'template', template, 'string', false);
  requireObject('pyFormat', 'values', values);
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      out += c;
      i += 2;
    } else if (c === '}') {
      throw new ValueError("Single '}' encountered in format string");
    } else if (c === '{') {
      if (i === template.length - 1) throw new ValueError("Single '{' encountered in format string");
      const field = readField(template, i + 1);
      out += formatField(field, template, values);
      i = field.end;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

interface Field {
  /** The whole field as written, braces included. */
  text: string;
  name: string;
  conversion: string;
  spec: string;
  /** Index just after the closing '}'. */
  end: number;
}

/** Reads `name[!conversion][:spec]}` from `start` as CPython's parse_field does (braces nest only in the spec). */
function readField(template: string, start: number): Field {
  let i = start;
  let stop = '';
  while (i < template.length && !stop) {
    const c = template[i++];
    if (c === '{') throw new ValueError("unexpected '{' in field name");
    if ('}:!'.includes(c)) stop = c;
    if (c === '[') i = Math.max(i, template.indexOf(']', i));
  }
  if (!stop) throw new ValueError("expected '}' before end of string");
  const name = template.slice(start, i - 1);
  const done = (conversion: string, spec: string, end: number): Field =>
    ({ text: template.slice(start - 1, end), name, conversion, spec, end });
  if (stop === '}') return done('', '', i);
  let conversion = '';
  if (stop === '!') {
    if (i >= template.length) throw new ValueError('end of string while looking for conversion specifier');
    conversion = template[i++];
    if (template[i] === '}') return done(conversion, '', i + 1);
    if (i < template.length && template[i++] !== ':') throw new ValueError("expected ':' after conversion specifier");
  }
  const specStart = i;
  for (let depth = 1; i < template.length; ) {
    const c = template[i++];
    if (c === '{') depth += 1;
    if (c === '}' && --depth === 0) return done(conversion, template.slice(specStart, i - 1), i);
  }
  throw new ValueError("unmatched '{' in format spec");
}

/** Formats one field; conversions (!r) and nested fields ({x:{width}}) are not supported. */
function formatField(field: Field, template: string, values: Record<string, number | string>): string {
  if (field.conversion) {
    throw new ValueError(`pyFormat does not support the conversion '!${field.conversion}' in "${field.text}"`);
  }
  if (field.spec.includes('{')) throw new ValueError(`pyFormat does not support nested fields like "${field.text}"`);
  return formatValue(lookUp(field.name, template, values), field.spec);
}

/** The value a field names: keyword names only, as Keras passes only keyword arguments. */
function lookUp(name: string, template: string, values: Record<string, number | string>): number | string {
  if (name === '' || /^\d+$/.test(name)) {
    throw new IndexError(`Replacement index ${name || 0} out of range for positional args tuple`);
  }
  if (/[.[]/.test(name)) throw new ValueError(`pyFormat does not support attribute or index access in "{${name}}"`);
  if (!Object.hasOwn(values, name)) {
    const keys = Object.keys(values).join(', ') || '(none)';
    throw new KeyError(name, `'${name}': the template "${template}" names {${name}}, but the only keys are: ${keys}`);
  }
  const value = values[name];
  if (typeof value !== 'number' && typeof value !== 'string') throw new TypeError(`pyFormat: the value of {${name}} must be a number or a string, got ${describe(value)}`);
  return value;
}

/** Python's format(value, spec) for an int, a float or a str. */
export function formatValue(value: number | string, spec: string): string {
  const s = parseSpec(spec, kindOf(value));
  if (typeof value === 'string') return formatString(value, s);
  if (kindOf(value) === 'int' && !FLOAT_ONLY_TYPES.includes(s.type || 'd')) return formatInt(value, s);
  return formatFloat(value, s, kindOf(value));
}

function kindOf(value: number | string): Kind {
  if (typeof value === 'string') return 'str';
  return Number.isInteger(value) && !Object.is(value, -0) ? 'int' : 'float';
}

/** Parses the mini-language as CPython's parse_internal_render_format_spec does, with its messages. */
function parseSpec(text: string, kind: Kind): Spec {
  const s: Spec = { fill: ' ', align: '', sign: '', noNegZero: false, alternate: false, width: -1,
    grouping: '', precision: -1, type: '' };
  const chars = Array.from(text);
  let pos = 0;
  if (chars.length >= 2 && ALIGNS.includes(chars[1])) [s.fill, s.align, pos] = [chars[0], chars[1], 2];
  else if (chars.length >= 1 && ALIGNS.includes(chars[0])) [s.align, pos] = [chars[0], 1];
  const fillGiven = pos === 2;
  if ('+- '.includes(chars[pos] ?? 'x')) s.sign = chars[pos++];
  if (chars[pos] === 'z') [s.noNegZero, pos] = [true, pos + 1];
  if (chars[pos] === '#') [s.alternate, pos] = [true, pos + 1];
  if (!fillGiven && chars[pos] === '0') {
    s.fill = '0';
    if (!s.align && kind !== 'str') s.align = '=';
    pos += 1;
  }
  [s.width, pos] = readInteger(chars, pos);
  if (chars[pos] === ',' || chars[pos] === '_') s.grouping = chars[pos++];
  if (chars[pos] === ',' || chars[pos] === '_') {
    if (s.grouping === chars[pos]) throw new ValueError(`Cannot specify '${s.grouping}' with '${s.grouping}'.`);
    throw new ValueError("Cannot specify both ',' and '_'.");
  }
  if (chars[pos] === '.') {
    [s.precision, pos] = readInteger(chars, pos + 1);
    if (s.precision < 0) throw new ValueError('Format specifier missing precision');
  }
  if (chars.length - pos > 1) throw new ValueError(`Invalid format specifier '${text}' for object of type '${kind}'`);
  s.type = chars[pos] ?? '';
  const groupable = GROUPABLE + (s.grouping === '_' ? 'boxX' : '');
  if (s.grouping && s.type && !groupable.includes(s.type)) {
    throw new ValueError(`Cannot specify '${s.grouping}' with '${s.type}'.`);
  }
  return s;
}

/** Reads decimal digits at `pos`: [value or -1 when there are none, next position]. */
function readInteger(chars: string[], pos: number): [number, number] {
  let end = pos;
  while (end < chars.length && chars[end] >= '0' && chars[end] <= '9') end += 1;
  if (end === pos) return [-1, pos];
  const n = Number(chars.slice(pos, end).join(''));
  if (!Number.isSafeInteger(n)) throw new ValueError('Too many decimal digits in format string');
  return [n, end];
}

function unknownCode(type: string, kind: Kind): ValueError {
  return new ValueError(`Unknown format code '${type}' for object of type '${kind}'`);
}

/** 's' or no type: precision truncates, default alignment is left. */
function formatString(value: string, s: Spec): string {
  if (s.type && s.type !== 's') throw unknownCode(s.type, 'str');
  if (s.sign) throw new ValueError('Sign not allowed in string format specifier');
  if (s.noNegZero) throw new ValueError('Negative zero coercion (z) not allowed in string format specifier');
  if (s.alternate) throw new ValueError('Alternate form (#) not allowed in string format specifier');
  if (s.align === '=') throw new ValueError("'=' alignment not allowed in string format specifier");
  const text = s.precision >= 0 ? Array.from(value).slice(0, s.precision).join('') : value;
  return pad('', text, s, '<');
}

/** d (and n, as in the C locale), b, o, x, X: exact digits of the integer. */
function formatInt(value: number, s: Spec): string {
  if (!INT_TYPES.includes(s.type || 'd')) {
    if (s.type === 'c') throw new ValueError("pyFormat does not support the 'c' format code");
    throw unknownCode(s.type, 'int');
  }
  if (s.precision >= 0) throw new ValueError('Precision not allowed in integer format specifier');
  if (s.noNegZero) throw new ValueError('Negative zero coercion (z) not allowed in integer format specifier');
  const base = BASES[s.type] ?? 10;
  let digits = BigInt(Math.abs(value)).toString(base);
  if (s.type === 'X') digits = digits.toUpperCase();
  const prefix = s.alternate && base !== 10 ? `0${s.type}` : '';
  return layoutNumber(signOf(value < 0, s), prefix, digits, '', s, base === 10 ? 3 : 4);
}

/** e E f F g G n % and no type; an int given a float type is converted first, as Python does. */
function formatFloat(value: number, s: Spec, kind: Kind): string {
  if (s.type && !FLOAT_TYPES.includes(s.type)) throw unknownCode(s.type, kind);
  let body = floatBody(Math.abs(value), s);
  if (s.type && 'EFG'.includes(s.type)) body = body.toUpperCase();
  let negative = value < 0 || Object.is(value, -0);
  if (s.noNegZero && Number.isFinite(value) && !/[1-9]/.test(body.split(/[eE]/)[0])) negative = false;
  const [, intDigits, rest] = /^(\d*)(.*)$/s.exec(body)!;
  return layoutNumber(signOf(negative, s), '', intDigits, rest, s, 3);
}

/** The digits of |x| (no sign) for the spec's type and precision. */
function floatBody(ax: number, s: Spec): string {
  const suffix = s.type === '%' ? '%' : '';
  if (!Number.isFinite(ax)) return (Number.isNaN(ax) ? 'nan' : 'inf') + suffix;
  const p = s.precision;
  switch (s.type) {
    case 'f': case 'F': return fixedNotation(ax, p < 0 ? 6 : p, s.alternate);
    case '%': return fixedNotation(ax * 100, p < 0 ? 6 : p, s.alternate) + '%';
    case 'e': case 'E': return expNotation(ax, p < 0 ? 6 : p, s.alternate);
    case 'g': case 'G': case 'n': return generalNotation(ax, p < 0 ? 6 : Math.max(p, 1), s.alternate, false);
    default: return p < 0 ? reprNotation(ax, s.alternate) : generalNotation(ax, Math.max(p, 1), s.alternate, true);
  }
}

/** 'f': p digits after the point, correctly rounded. */
function fixedNotation(ax: number, p: number, alternate: boolean): string {
  const digits = roundScaled(ax, p).toString().padStart(p + 1, '0');
  const whole = digits.slice(0, digits.length - p);
  return p > 0 ? `${whole}.${digits.slice(-p)}` : whole + (alternate ? '.' : '');
}

/** 'e': one digit, the point, p digits, then e±XX (at least two exponent digits). */
function expNotation(ax: number, p: number, alternate: boolean): string {
  const { digits, exp } = significantDigits(ax, p + 1);
  return mantissa(digits, alternate) + exponentText(exp);
}

/**
 * 'g' with p significant digits: scientific when exp < -4 or exp >= p, else fixed; trailing zeros dropped
 * unless '#'. With no type and a precision (addDot0) Python switches at exp >= p - 1 and keeps a '.0'.
 */
function generalNotation(ax: number, p: number, alternate: boolean, addDot0: boolean): string {
  const { digits, exp } = significantDigits(ax, p);
  const kept = alternate ? digits : digits.replace(/0+$/, '') || '0';
  if (exp < -4 || exp >= (addDot0 ? p - 1 : p)) return mantissa(kept, alternate) + exponentText(exp);
  return pointPlaced(kept, exp, alternate ? '.' : addDot0 ? '.0' : '');
}

/** Python's repr: the shortest digits that read back as the same double (JS's toExponential() digits). */
function reprNotation(ax: number, alternate: boolean): string {
  const [m, e] = ax.toExponential().split('e');
  const digits = m.replace('.', '');
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return mantissa(digits, alternate) + exponentText(exp);
  return pointPlaced(digits, exp, '.0');
}

/** Digits d1d2d3... with exponent `exp` written without an exponent; `whenWhole` is appended if no fraction. */
function pointPlaced(digits: string, exp: number, whenWhole: string): string {
  const shifted = exp >= 0 ? digits.padEnd(exp + 1, '0') : '0'.repeat(-exp) + digits;
  const point = Math.max(exp, 0) + 1;
  const fraction = shifted.slice(point);
  return fraction ? `${shifted.slice(0, point)}.${fraction}` : shifted + whenWhole;
}

function mantissa(digits: string, alternate: boolean): string {
  return digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits + (alternate ? '.' : '');
}

function exponentText(exp: number): string {
  return `e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** The first n significant digits of ax > 0, correctly rounded, and the decimal exponent of the first. */
function significantDigits(ax: number, n: number): { digits: string; exp: number } {
  if (ax === 0) return { digits: '0'.repeat(n), exp: 0 };
  let exp = Math.floor(Math.log10(ax));
  for (;;) {
    const digits = roundScaled(ax, n - 1 - exp).toString();
    if (digits.length === n) return { digits, exp };
    exp += digits.length > n ? 1 : -1;
  }
}

/** round(ax * 10**k) with ties to even, computed exactly: ax = mant * 2**exp2 as the double stores it. */
function roundScaled(ax: number, k: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, ax);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mant = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = biased === 0 ? -1074 : biased - 1075;
  let num = exp2 >= 0 ? mant << BigInt(exp2) : mant;
  let den = exp2 >= 0 ? 1n : 1n << BigInt(-exp2);
  if (k >= 0) num *= 10n ** BigInt(k);
  else den *= 10n ** BigInt(-k);
  const q = num / den;
  const twiceRest = 2n * (num % den);
  return twiceRest > den || (twiceRest === den && (q & 1n) === 1n) ? q + 1n : q;
}

function signOf(negative: boolean, s: Spec): string {
  if (negative) return '-';
  return s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
}

/**
 * sign + prefix + integer digits (grouped) + rest, padded to the width. With fill '0' and '=' alignment the
 * zeros are digits and get grouped too: '{:010,}' of 1234 is '00,001,234'.
 */
function layoutNumber(sign: string, prefix: string, digits: string, rest: string, s: Spec, groupSize: number): string {
  const minDigits = s.fill === '0' && s.align === '=' ? s.width - sign.length - prefix.length - rest.length : 0;
  const grouped = s.grouping && digits ? insertGrouping(digits, s.grouping, groupSize, minDigits) : digits;
  return pad(sign + prefix, grouped + rest, s, '>');
}

/** CPython's _PyUnicode_InsertThousandsGrouping: groups from the right, zero-filling up to minWidth. */
function insertGrouping(digits: string, separator: string, size: number, minWidth: number): string {
  const groups: string[] = [];
  let remaining = digits.length;
  let width = minWidth;
  for (;;) {
    const length = Math.min(size, Math.max(remaining, width, 1));
    const taken = Math.min(remaining, length);
    groups.unshift('0'.repeat(length - taken) + digits.slice(remaining - taken, remaining));
    remaining -= taken;
    width -= length;
    if (remaining <= 0 && width <= 0) return groups.join(separator);
    width -= separator.length;
  }
}

/** Pads `head + body` to the spec's width; '=' puts the fill between them (after the sign). */
function pad(head: string, body: string, s: Spec, defaultAlign: string): string {
  const n = Math.max(0, s.width - Array.from(head + body).length);
  const fill = (count: number): string => s.fill.repeat(count);
  switch (s.align || defaultAlign) {
    case '<': return head + body + fill(n);
    case '^': return fill(Math.floor(n / 2)) + head + body + fill(n - Math.floor(n / 2));
    case '=': return head + fill(n) + body;
    default: return fill(n) + head + body;
  }
}

/**
 * A metric value as keras.utils.Progbar prints it: f'{v:.4f}' when abs(v) > 1e-3, else f'{v:.4e}'
 * (so 0 prints 0.0000e+00 and 0.001 prints 1.0000e-03). verbose=2 tests v > 1e-3 without abs, so every
 * negative value takes the exponent form there.
 */
export function formatKerasNumber(v: number, verbose: 1 | 2 = 1): string {
  const large = verbose === 1 ? Math.abs(v) > 1e-3 : v > 1e-3;
  return formatValue(v, large ? '.4f' : '.4e');
}
