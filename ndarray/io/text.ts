// Reading numbers from text lines: np.loadtxt (strict: every field must parse) and a lite
// np.genfromtxt (empty or unparsable fields become a fill value, NaN by default).
// Both cut comments, split each line into fields (on runs of whitespace, or on `delimiter`),
// skip blank lines, build a (rows, columns) table and then shape it as NumPy does: squeezed
// of length-1 axes unless `ndmin` asks for more, transposed when `unpack` is set.
import { allocTyped, checkDType, isInteger, type DType, type TypedArray } from '../dtype.ts';
import type { DeviceName } from '../backend.ts';
import { ValueError } from '../errors.ts';
import type { NDArray } from '../ndarray.ts';
import { arrayFromRaw } from './npy.ts';
import { INT_RANGES } from './descr.ts';
import { checkOptions } from '../options.ts';

export interface TxtReadOptions {
  /** Field separator; default: any run of whitespace. */
  delimiter?: string | null;
  /** Text after a comment marker is ignored; default '#', null for none. */
  comments?: string | readonly string[] | null;
  /** Columns to read (negative counts from the end). */
  usecols?: number | readonly number[];
  /** Minimum number of dimensions of the result (0, 1 or 2). */
  ndmin?: 0 | 1 | 2;
  /** Transpose the result, so `const [x, y] = loadtxt(...)` gets columns. */
  unpack?: boolean;
  device?: DeviceName;
}

export interface LoadtxtOptions extends TxtReadOptions {
  dtype?: DType;
  /** Lines to skip at the start (comment lines count). */
  skiprows?: number;
  /** Read at most this many rows of data. */
  maxRows?: number;
}

export interface GenfromtxtOptions extends TxtReadOptions {
  /** Lines to skip at the start. */
  skipHeader?: number;
  /** Rows of data to drop at the end. */
  skipFooter?: number;
  /** Strings that mean "missing" besides the empty field. */
  missingValues?: string | readonly string[];
  /** The value of missing or unparsable fields; default NaN. */
  fillingValues?: number;
}

/** One non-blank line: its fields and its index among all lines. */
interface Row {
  readonly fields: string[];
  readonly line: number;
}

function splitFields(line: string, delimiter: string | null | undefined): string[] {
  if (line.trim() === '') return [];
  return delimiter == null ? line.trim().split(/\s+/) : line.split(delimiter).map((f) => f.trim());
}

/** The rows of `lines` from `skip` on, comments cut, blank lines dropped. */
function dataRows(lines: readonly string[], skip: number, options: TxtReadOptions): Row[] {
  const markers = options.comments === null ? [] : [options.comments ?? '#'].flat();
  const rows: Row[] = [];
  for (let i = skip; i < lines.length; i++) {
    let line = lines[i];
    for (const m of markers) if (m && line.includes(m)) line = line.slice(0, line.indexOf(m));
    const fields = splitFields(line, options.delimiter);
    if (fields.length) rows.push({ fields, line: i });
  }
  return rows;
}

const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
const INT = /^[+-]?\d+$/;

/** Python's float(): decimal notation, inf/infinity/nan in any case; undefined when invalid. */
function parseFloatStrict(s: string): number | undefined {
  if (!FLOAT.test(s)) return undefined;
  if (/nan$/i.test(s)) return NaN;
  if (/inf(inity)?$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  return Number(s);
}

/** A field as `dtype`: integer dtypes take integer text within range, bool takes integers (non-zero = true). */
function parseField(s: string, dtype: DType): number | undefined {
  if (!isInteger(dtype) && dtype !== 'bool') return parseFloatStrict(s);
  if (!INT.test(s)) return undefined;
  const x = Number(s);
  if (dtype === 'bool') return x !== 0 ? 1 : 0;
  const [lo, hi] = INT_RANGES[dtype]!;
  return x >= lo && x <= hi ? x : undefined;
}

/** Column indices of one row, negative ones counted from the end; null when one is out of range. */
function pickColumns(usecols: readonly number[] | null, n: number): number[] | null {
  if (!usecols) return Array.from({ length: n }, (_, i) => i);
  if (usecols.some((c) => c >= n || c < -n)) return null;
  return usecols.map((c) => (c < 0 ? c + n : c));
}

const toList = (usecols: number | readonly number[] | undefined): readonly number[] | null =>
  usecols === undefined ? null : typeof usecols === 'number' ? [usecols] : usecols;

/** NumPy refuses any ndmin but 0, 1 and 2 before it reads a line. */
function checkNdmin(ndmin: unknown): void {
  if (ndmin !== undefined && ndmin !== 0 && ndmin !== 1 && ndmin !== 2) {
    throw new ValueError(`Illegal value of ndmin keyword: ${String(ndmin)} (expected 0, 1 or 2)`);
  }
}

/** NumPy's final shaping of the (rows, cols) table: squeeze, ndmin, unpack. */
function shapeResult(data: TypedArray, rows: number, cols: number, dtype: DType, options: TxtReadOptions): NDArray {
  const ndmin = options.ndmin ?? 0;
  let shape = [rows, cols];
  if (ndmin < 2) shape = shape.filter((d) => d !== 1);
  if (shape.length < ndmin) shape = [1];
  // The transpose of a C-order (r, c) table is the Fortran-order (c, r) array over the same data.
  const unpack = options.unpack === true && shape.length === 2;
  return arrayFromRaw({ dtype, shape: unpack ? [shape[1], shape[0]] : shape, fortranOrder: unpack, data }, options.device);
}

/** np.loadtxt over lines of text. Every field must parse as `dtype` (default float64). */
export function loadtxtLines(lines: readonly string[], options: LoadtxtOptions = {}): NDArray {
  checkOptions('loadtxt', options, ['delimiter', 'comments', 'usecols', 'ndmin', 'unpack', 'device', 'dtype', 'skiprows', 'maxRows'], ['converters', 'encoding', 'quotechar', 'like']);
  checkNdmin(options.ndmin);
  const dtype = checkDType(options.dtype ?? 'float64');
  const rows = dataRows(lines, options.skiprows ?? 0, options).slice(0, options.maxRows ?? Infinity);
  const usecols = toList(options.usecols);
  const ncols = usecols?.length ?? rows[0]?.fields.length ?? 1;
  const data = allocTyped(dtype, rows.length * ncols);
  rows.forEach(({ fields }, r) => {
    if (!usecols && fields.length !== ncols) {
      throw new ValueError(`the number of columns changed from ${ncols} to ${fields.length} at row ${r + 1}; use \`usecols\` to select a subset and avoid this error`);
    }
    const cols = pickColumns(usecols, fields.length);
    if (!cols) {
      const bad = usecols!.find((c) => c >= fields.length || c < -fields.length);
      throw new ValueError(`invalid column index ${bad} at row ${r + 1} with ${fields.length} columns`);
    }
    cols.forEach((c, j) => {
      const x = parseField(fields[c], dtype);
      if (x === undefined) throw new ValueError(`could not convert string '${fields[c]}' to ${dtype} at row ${r}, column ${c + 1}.`);
      data[r * ncols + j] = x;
    });
  });
  return shapeResult(data, rows.length, ncols, dtype, options);
}

/** A lite np.genfromtxt over lines of text: float64, missing or unparsable fields -> `fillingValues`. */
export function genfromtxtLines(lines: readonly string[], options: GenfromtxtOptions = {}): NDArray {
  checkOptions('genfromtxt', options, ['delimiter', 'comments', 'usecols', 'ndmin', 'unpack', 'device', 'skipHeader', 'skipFooter', 'missingValues', 'fillingValues'], ['dtype', 'converters', 'names', 'encoding', 'usemask', 'like']);
  checkNdmin(options.ndmin);
  const skipHeader = options.skipHeader ?? 0;
  const all = dataRows(lines, skipHeader, options);
  const rows = all.slice(0, all.length - (options.skipFooter ?? 0));
  const usecols = toList(options.usecols);
  const nbcols = rows[0]?.fields.length ?? 1;
  const ncols = usecols?.length ?? nbcols;
  const missing = new Set(['', ...[options.missingValues ?? []].flat()]);
  const fill = options.fillingValues ?? NaN;
  const values: number[] = [];
  const invalid: string[] = [];
  for (const { fields, line } of rows) {
    const cols = fields.length === nbcols || usecols ? pickColumns(usecols, fields.length) : null;
    if (!cols) {
      // NumPy numbers lines from the first row of data, plus the skipped header lines.
      invalid.push(`    Line #${line - rows[0].line + skipHeader + 1} (got ${fields.length} columns instead of ${nbcols})`);
      continue;
    }
    for (const c of cols) values.push(missing.has(fields[c]) ? fill : parseFloatStrict(fields[c]) ?? fill);
  }
  if (invalid.length) throw new ValueError(`Some errors were detected !\n${invalid.join('\n')}`);
  return shapeResult(Float64Array.from(values), values.length / ncols, ncols, 'float64', options);
}

/** Lines of a text file ('\n', '\r\n' or '\r' endings). */
export const splitLines = (text: string): string[] => text.split(/\r\n|\n|\r/);
