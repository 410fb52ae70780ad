// A reader for the small subset of Python literal syntax that .npy headers use:
// dicts, tuples/lists, 'strings', integers, True/False/None. NumPy writes the header with
// Python's repr() and reads it back with a safe literal evaluator; this is that evaluator.
// It is a recursive-descent parser: one function per kind of value, each consuming its text.
// Nesting is limited (Python's own parser stops at 200 levels), so a hostile header of thousands of
// '(' fails with a ValueError instead of overflowing the stack.
import { ValueError } from '../errors.ts';

/** Tuples and lists both become arrays; dicts become plain objects (keys are always strings here). */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
const CLOSING: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
/** A header needs 2 levels (a dict holding the shape tuple); Python refuses more than 200. */
const MAX_DEPTH = 100;
/** Integers (an old Python 2 'L' suffix is accepted), floats, True, False, None; sticky, read at `pos`. */
const ATOM = /True|False|None|[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?L?/y;

/** Parses `text` (one literal, surrounding whitespace allowed); `what` names it in error messages. */
export function parsePyLiteral(text: string, what = 'literal'): PyValue {
  let pos = 0;
  let depth = 0;
  const fail = (): never => {
    throw new ValueError(`Cannot parse ${what}: ${JSON.stringify(text.length > 200 ? text.slice(0, 200) + '...' : text)}`);
  };
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const expect = (ch: string): void => {
    skipSpace();
    if (text[pos] !== ch) fail();
    pos++;
  };

  function value(): PyValue {
    skipSpace();
    const ch = text[pos];
    if (ch === '{') return dict();
    if (ch === '(' || ch === '[') return sequence(CLOSING[ch]);
    if (ch === "'" || ch === '"') return string(ch);
    return atom();
  }

  /** Items separated by commas up to `close`; a trailing comma is allowed, as in Python. */
  function items(close: string, item: () => void): void {
    if (++depth > MAX_DEPTH) throw new ValueError(`Cannot parse ${what}: brackets nested more than ${MAX_DEPTH} deep (a .npy header needs 2)`);
    pos++;
    for (;;) {
      skipSpace();
      if (text[pos] === close) break;
      item();
      skipSpace();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== close) fail();
    }
    pos++;
    depth--;
  }

  function dict(): PyValue {
    const out: { [key: string]: PyValue } = {};
    items('}', () => {
      const key = value();
      if (typeof key !== 'string') fail();
      expect(':');
      // defineProperty: a '__proto__' key is data here, never the object's prototype.
      Object.defineProperty(out, key as string, { value: value(), enumerable: true, writable: true, configurable: true });
    });
    return out;
  }

  function sequence(close: string): PyValue {
    const out: PyValue[] = [];
    items(close, () => out.push(value()));
    return out;
  }

  function string(quote: string): string {
    let out = '';
    for (pos++; text[pos] !== quote; pos++) {
      if (pos >= text.length) fail();
      if (text[pos] !== '\\') out += text[pos];
      else out += ESCAPES[text[++pos]] ?? fail();
    }
    pos++;
    return out;
  }

  function atom(): PyValue {
    ATOM.lastIndex = pos;
    const m = ATOM.exec(text);
    if (!m) return fail();
    pos += m[0].length;
    if (m[0] === 'True' || m[0] === 'False') return m[0] === 'True';
    if (m[0] === 'None') return null;
    return Number(m[0].replace(/L$/, ''));
  }

  const result = value();
  skipSpace();
  if (pos !== text.length) fail();
  return result;
}
