// A reader for the small subset of Python literal syntax that .npy headers use:
// dicts, tuples/lists, 'strings', integers, True/False/None. NumPy writes the header with
// Python's repr() and reads it back with a safe literal evaluator; this is that evaluator.
// It is a recursive-descent parser: one function per kind of value, each consuming its text.
import { ValueError } from '../errors.ts';

/** Tuples and lists both become arrays; dicts become plain objects (keys are always strings here). */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
const CLOSING: Record<string, string> = { '{': '}', '(': ')', '[': ']' };

/** Parses `text` (one literal, surrounding whitespace allowed); `what` names it in error messages. */
export function parsePyLiteral(text: string, what = 'literal'): PyValue {
  let pos = 0;
  const fail = (): never => {
    throw new ValueError(`Cannot parse ${what}: ${JSON.stringify(text)}`);
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
  }

  function dict(): PyValue {
    const out: { [key: string]: PyValue } = {};
    items('}', () => {
      const key = value();
      if (typeof key !== 'string') fail();
      expect(':');
      out[key as string] = value();
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

  /** Integers (an old Python 2 'L' suffix is accepted), floats, True, False, None. */
  function atom(): PyValue {
    const m = /^(?:True|False|None|[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?L?)/.exec(text.slice(pos));
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
