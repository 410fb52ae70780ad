// Printing arrays exactly as NumPy 1.24 does (`repr` gives `array([[73., 57.]])`, `str` gives `[[73. 57.]]`).
// Three steps: (1) choose one format for all shown elements (ints right-aligned to a common width;
// floats in positional or scientific form, shortest round-trip digits, at most `precision` of them,
// padded to common widths); (2) lay the elements out row by row, wrapping at `linewidth` under a hanging
// indent, with one blank line per extra dimension between blocks; (3) wrap in `array(...)` and add
// `dtype=` unless the dtype is implied (float64, bool, and int32, tessera's default integer).
// Arrays over `threshold` elements show `edgeitems` at each end of every axis around a `...`.
import type { NDArray } from './ndarray.ts';
import type { DType, TypedArray } from './dtype.ts';
import { formatShape } from './shape.ts';
import { formatFloats } from './print-float.ts';
import { checkOptions } from './options.ts';

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  suppress: boolean;
}

const options: PrintOptions = { precision: 8, threshold: 1000, edgeitems: 3, linewidth: 75, suppress: false };

/** np.set_printoptions: changes the options for every later print. */
export function setPrintOptions(o: Partial<PrintOptions>): void {
  checkOptions('set_printoptions', o, Object.keys(options), ['formatter', 'sign', 'floatmode', 'legacy', 'nanstr', 'infstr']);
  for (const key of ['precision', 'threshold', 'edgeitems', 'linewidth'] as const) {
    const v = o[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0) && !(key === 'threshold' && v === Infinity)) {
      throw new TypeError(`set_printoptions(): \`${key}\` must be a non-negative integer, got ${String(v)}`);
    }
  }
  Object.assign(options, o);
}

export function getPrintOptions(): PrintOptions {
  return { ...options };
}

const IMPLIED: readonly DType[] = ['float64', 'bool', 'int32'];

/** NumPy's repr. GPU arrays cannot be read synchronously, so they print a description instead. */
export function formatRepr(a: NDArray): string {
  if (!a.backend.readSync || a.isDisposed) return describe(a);
  return reprFromData(a.dataSync(), a.shape, a.dtype);
}

/** NumPy's str. */
export function formatStr(a: NDArray): string {
  if (!a.backend.readSync || a.isDisposed) return describe(a);
  const data = a.dataSync();
  if (a.ndim === 0) return formatterFor(data, a.dtype, false)(data[0]);
  if (a.size === 0) return '[]';
  return layout(data, a.shape, a.dtype, ' ', '', '');
}

/** The repr of data already read (used for GPU arrays after `await x.data()`). */
export function reprFromData(data: TypedArray, shape: readonly number[], dtype: DType): string {
  const showDtype = !IMPLIED.includes(dtype) || data.length === 0;
  const suffix = showDtype ? ',' : ')';
  let body: string;
  if (data.length === 0 && !(shape.length === 1 && shape[0] === 0)) body = `[], shape=${formatShape(shape)}`;
  else if (data.length === 0) body = '[]';
  else body = layout(data, shape, dtype, ', ', 'array(', suffix);
  const text = `array(${body}${suffix}`;
  if (!showDtype) return text;
  const dtypeStr = `dtype=${dtype})`;
  const lastLine = text.length - (text.lastIndexOf('\n') + 1);
  const spacer = lastLine + dtypeStr.length + 1 > options.linewidth ? '\n      ' : ' ';
  return text + spacer + dtypeStr;
}

function describe(a: NDArray): string {
  const state = a.isDisposed ? 'disposed ' : '';
  return `array(<${state}${a.device} ${a.dtype} array of shape ${formatShape(a.shape)}; read it with await x.toArray()>)`;
}

/** Picks which flat positions are shown, per axis: all, or the first and last `edgeitems`. */
function shownIndices(n: number, summarise: boolean): number[] {
  const e = options.edgeitems;
  if (!summarise || 2 * e >= n) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: e }, (_, i) => i), ...Array.from({ length: e }, (_, i) => n - e + i)];
}

/** The values that will be printed (NumPy formats using only those). */
function shownValues(data: TypedArray, shape: readonly number[], summarise: boolean): number[] {
  const out: number[] = [];
  const visit = (axis: number, base: number): void => {
    if (axis === shape.length) {
      out.push(data[base]);
      return;
    }
    const stride = shape.slice(axis + 1).reduce((p, d) => p * d, 1);
    for (const i of shownIndices(shape[axis], summarise)) visit(axis + 1, base + i * stride);
  };
  visit(0, 0);
  return out;
}

/** One format function for every shown element. */
function formatterFor(values: ArrayLike<number>, dtype: DType, isArray: boolean): (x: number) => string {
  if (dtype === 'bool') return (x) => (x ? (isArray ? ' True' : 'True') : 'False');
  if (dtype === 'float32' || dtype === 'float64') {
    return formatFloats(Array.from(values), dtype === 'float32', options.precision, options.suppress);
  }
  let width = 0;
  for (let i = 0; i < values.length; i++) width = Math.max(width, String(values[i]).length);
  return (x) => String(x).padStart(width);
}

/** NumPy's _formatArray: recursive layout with hanging indents and line wrapping. */
function layout(data: TypedArray, shape: readonly number[], dtype: DType, separator: string, prefix: string, suffix: string): string {
  const summarise = data.length > options.threshold;
  const format = formatterFor(shownValues(data, shape, summarise), dtype, shape.length > 0);
  const lineWidth = options.linewidth - suffix.length;
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1));

  const recurse = (axis: number, base: number, hanging: string, width: number): string => {
    if (axis === shape.length) return format(data[base]);
    const n = shape[axis];
    const showSummary = summarise && 2 * options.edgeitems < n;
    const idx = shownIndices(n, summarise);
    const nextHanging = hanging + ' ';
    const nextWidth = width - 1;
    let s = '';
    if (axis === shape.length - 1) {
      const elemWidth = width - Math.max(separator.trimEnd().length, 1);
      let line = hanging;
      idx.forEach((i, k) => {
        const isLast = k === idx.length - 1;
        [s, line] = extendLine(s, line, recurse(axis + 1, base + i * strides[axis], nextHanging, nextWidth), elemWidth, hanging);
        if (!isLast) line += separator;
        if (showSummary && k === options.edgeitems - 1) {
          [s, line] = extendLine(s, line, '...', elemWidth, hanging);
          line += separator;
        }
      });
      s += line;
    } else {
      const lineSep = separator.trimEnd() + '\n'.repeat(shape.length - axis - 1);
      idx.forEach((i, k) => {
        s += hanging + recurse(axis + 1, base + i * strides[axis], nextHanging, nextWidth);
        if (k < idx.length - 1) s += lineSep;
        if (showSummary && k === options.edgeitems - 1) s += hanging + '...' + lineSep;
      });
    }
    return '[' + s.slice(hanging.length) + ']';
  };
  return recurse(0, 0, ' '.repeat(prefix.length + 1), lineWidth);
}

function extendLine(s: string, line: string, word: string, width: number, hanging: string): [string, string] {
  const needsWrap = line.length + word.length > width && line.length > hanging.length;
  if (needsWrap) {
    s += line.trimEnd() + '\n';
    line = hanging;
  }
  return [s, line + word];
}
