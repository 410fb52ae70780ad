// Writing an array as text, as np.savetxt does: one line per row (a 1-D array is one column),
// each row formatted with a Python %-format (default '%.18e', which round-trips every float64),
// fields joined by `delimiter`, optional header/footer lines prefixed with `comments`.
// The one rule to know: `fmt` is one format for every column, one per column (a list or a single
// string with one % per column), exactly as in NumPy.
import { kindOf } from '../dtype.ts';
import { ValueError } from '../errors.ts';
import type { ArrayLike } from '../ndarray.ts';
import { asarray } from '../creation.ts';
import { formatNumber, parseFormat, type FormatSpec } from './printf.ts';
import { checkOptions, describe } from '../options.ts';

export interface SavetxtOptions {
  /** '%.18e' (default), one format per column as a list, or one string with a format per column. */
  fmt?: string | readonly string[];
  /** Between columns; default ' '. */
  delimiter?: string;
  /** After each line; default '\n'. */
  newline?: string;
  /** Written first, each line prefixed with `comments`. */
  header?: string;
  /** Written last, each line prefixed with `comments`. */
  footer?: string;
  /** Prefix of header and footer lines; default '# '. */
  comments?: string;
}

/** The whole-row format for `ncols` columns, checked as NumPy checks it. */
function rowFormat(fmt: string | readonly string[], ncols: number, delimiter: string): (string | FormatSpec)[] {
  let row: string;
  if (typeof fmt !== 'string') {
    if (fmt.length !== ncols) throw new ValueError(`fmt has wrong shape.  [${fmt.map((f) => `'${f}'`).join(', ')}]`);
    row = fmt.join(delimiter);
  } else {
    const count = fmt.split('%').length - 1;
    if (count === 1) row = Array<string>(ncols).fill(fmt).join(delimiter);
    else if (count === ncols) row = fmt;
    else throw new ValueError(`fmt has wrong number of % formats:  ${fmt}`);
  }
  const parts = parseFormat(row);
  if (parts.filter((p) => typeof p !== 'string').length !== ncols) throw new ValueError(`fmt has wrong number of % formats:  ${row}`);
  return parts;
}

/** The text options are strings; `fmt` a string or a list of strings. */
function checkTextOptions(options: SavetxtOptions): void {
  for (const key of ['delimiter', 'newline', 'header', 'footer', 'comments'] as const) {
    const v = options[key];
    if (v !== undefined && typeof v !== 'string') throw new TypeError(`savetxt(): \`${key}\` must be a string, got ${describe(v)}`);
  }
  const { fmt } = options;
  if (fmt !== undefined && typeof fmt !== 'string' && !(Array.isArray(fmt) && fmt.every((f) => typeof f === 'string'))) {
    throw new TypeError(`savetxt(): \`fmt\` must be a string or a list of strings, got ${describe(fmt)}`);
  }
}

/** Prefixes every line of `text` with `comments`. */
const commented = (text: string, comments: string, newline: string): string =>
  comments + text.replace(/\n/g, '\n' + comments) + newline;

/** The text np.savetxt writes for `arr` (1-D or 2-D). */
export async function savetxtToString(a: ArrayLike, options: SavetxtOptions = {}): Promise<string> {
  checkOptions('savetxt', options, ['fmt', 'delimiter', 'newline', 'header', 'footer', 'comments'], ['encoding']);
  checkTextOptions(options);
  const arr = asarray(a);
  if (arr.ndim === 0 || arr.ndim > 2) throw new ValueError(`Expected 1D or 2D array, got ${arr.ndim}D array instead`);
  const { delimiter = ' ', newline = '\n', comments = '# ', header = '', footer = '' } = options;
  const ncols = arr.ndim === 1 ? 1 : arr.shape[1];
  const parts = rowFormat(options.fmt ?? '%.18e', ncols, delimiter);
  const data = await arr.data();
  const kind = kindOf(arr.dtype);
  const float32 = arr.dtype === 'float32';
  const lines: string[] = [];
  if (header !== '') lines.push(commented(header, comments, newline));
  for (let start = 0; start < data.length; start += ncols) {
    let col = start;
    lines.push(parts.map((p) => (typeof p === 'string' ? p : formatNumber(p, data[col++], kind, float32))).join('') + newline);
  }
  if (footer !== '') lines.push(commented(footer, comments, newline));
  return lines.join('');
}
