// model.summary() as text: formatSummary gives Keras 3's table (keras/src/utils/summary_utils.py, drawn by the
// rich library), formatSummaryKeras2 tf.keras 2.6's underscored layout, the one printed in our tutorials.
// To understand Keras 3's widths: the line is min(88, terminal columns - 4) wide (108 with a "Connected to"
// column), each column gets int(position * lineLength) minus the previous ones, and rich then fits the
// padded columns plus borders into that width by taking the excess from all columns evenly (Python's
// round, ties to even). A cell too long for its column wraps at spaces; a word longer than the column ends
// in "…". Sizes assume float32 weights, 4 bytes a parameter: 4,810 params are "(18.79 KB)".
import { ValueError } from '../ndarray/index.ts';
import { formatValue } from './utils/format.ts';
import { readEnv } from './utils/env.ts';

export type Shape = (number | null)[];

export interface SummaryRow {
  name: string;
  className: string;
  /** One output's shape, several outputs' shapes, or null when not known yet. */
  outputShape: Shape | Shape[] | null;
  params: number;
  /** Inbound tensors as Keras names them, 'dense[0][0]' (a bare layer name means node 0, tensor 0). */
  connectedTo?: string[];
  /** false prints "0 (unbuilt)" (Keras 2: "0 (unused)"). */
  built?: boolean;
}

export interface SummaryModel {
  name: string;
  className: 'Sequential' | 'Functional';
  rows: SummaryRow[];
  trainable: number;
  nonTrainable: number;
  /** Present once the model is compiled and its optimizer built. */
  optimizerParams?: number;
  /** Bytes of the optimizer's variables when not 4 a parameter (Keras 3's iteration counter is an int64). */
  optimizerBytes?: number;
  /** Bytes of the weights when not 4 a parameter (float64 weights take 8, as Keras counts each dtype). */
  trainableBytes?: number;
  nonTrainableBytes?: number;
}

export interface SummaryOptions {
  lineLength?: number;
}

/** The text Keras 3's model.summary() prints (lines joined by "\n", no final newline). */
export function formatSummary(model: SummaryModel, options: SummaryOptions = {}): string {
  const linear = isLinear(model);
  const header = headers(linear);
  const rightAligned = [false, false, true, false];
  const positions = linear ? [0.45, 0.8, 1.0] : [0.3, 0.56, 0.74, 1.0];
  const lineLength = options.lineLength ?? Math.min(linear ? 88 : 108, terminalColumns() - 4);
  const widths = fitColumns(columnWidths(positions, lineLength), lineLength);
  const cells = model.rows.map((row) => {
    const fields = [`${row.name} (${row.className})`, shapeText(row.outputShape, ''), paramText(row, true)];
    return linear ? fields : [...fields, (row.connectedTo ?? []).map(connection).join(', ') || '-'];
  });
  const table = [
    border('┏', '━', '┳', '┓', widths),
    ...tableRow(header, widths, rightAligned, '┃'),
    border('┡', '━', '╇', '┩', widths),
    ...cells.flatMap((fields, i) => [
      ...(i > 0 ? [border('├', '─', '┼', '┤', widths)] : []),
      ...tableRow(fields, widths, rightAligned, '│'),
    ]),
    border('└', '─', '┴', '┘', widths),
  ];
  return [`Model: "${model.name}"`, ...table, ...totalsKeras3(model)].join('\n');
}

/** The text tf.keras 2.6 (and Keras 2.2.5+) prints: widths 65 (98 with "Connected to"), rows between rules. */
export function formatSummaryKeras2(model: SummaryModel, options: SummaryOptions = {}): string {
  const linear = isLinear(model);
  const lineLength = options.lineLength ?? (linear ? 65 : 98);
  const positions = (linear ? [0.45, 0.85, 1.0] : [0.33, 0.55, 0.67, 1.0]).map((p) => Math.trunc(lineLength * p));
  const rule = (c: string): string => c.repeat(lineLength);
  const lines = [`Model: "${model.name}"`, rule('_'), keras2Row(headers(linear), positions), rule('=')];
  model.rows.forEach((row, i) => {
    const fields = [`${row.name} (${row.className})`, shapeText(row.outputShape, ','), paramText(row, false)];
    const connections = (row.connectedTo ?? []).map(connection);
    lines.push(keras2Row(linear ? fields : [...fields, connections[0] ?? ''], positions));
    if (!linear) for (const more of connections.slice(1)) lines.push(keras2Row(['', '', '', more], positions));
    lines.push(rule(i === model.rows.length - 1 ? '=' : '_'));
  });
  return [...lines, ...totalsKeras2(model), rule('_')].join('\n');
}

function headers(linear: boolean): string[] {
  const names = ['Layer (type)', 'Output Shape', 'Param #'];
  return linear ? names : [...names, 'Connected to'];
}

/**
 * Keras drops the "Connected to" column when a Functional model is a chain: no layer takes two inputs,
 * no layer feeds two others, and there is one input.
 */
function isLinear(model: SummaryModel): boolean {
  if (model.className === 'Sequential') return true;
  const sources = model.rows.flatMap((row) => (row.connectedTo ?? []).map((c) => c.split('[')[0]));
  return model.rows.every((row) => (row.connectedTo ?? []).length <= 1)
    && new Set(sources).size === sources.length
    && model.rows.filter((row) => !row.connectedTo?.length).length <= 1;
}

/** Keras 3's " Total params: 4,810 (18.79 KB)" lines; the optimizer's variables count in the total. */
function totalsKeras3(model: SummaryModel): string[] {
  const optimizer = model.optimizerParams ?? 0;
  const optimizerBytes = model.optimizerBytes ?? 4 * optimizer;
  const trainableBytes = model.trainableBytes ?? 4 * model.trainable;
  const nonTrainableBytes = model.nonTrainableBytes ?? 4 * model.nonTrainable;
  const weights = model.trainable + model.nonTrainable;
  const lines: [string, number, number][] = [
    ['Total params', weights + optimizer, trainableBytes + nonTrainableBytes + optimizerBytes],
    ['Trainable params', model.trainable, trainableBytes],
    ['Non-trainable params', model.nonTrainable, nonTrainableBytes],
  ];
  if (model.optimizerParams !== undefined) lines.push(['Optimizer params', optimizer, optimizerBytes]);
  return lines.map(([label, count, bytes]) => ` ${label}: ${formatValue(count, ',')} (${readableMemorySize(bytes)})`);
}

/** Keras 2's "Total params: 4,810" lines: counts only, no optimizer. */
function totalsKeras2(model: SummaryModel): string[] {
  const count = (n: number): string => formatValue(n, ',');
  return [`Total params: ${count(model.trainable + model.nonTrainable)}`, `Trainable params: ${count(model.trainable)}`,
    `Non-trainable params: ${count(model.nonTrainable)}`];
}

/** Keras's readable_memory_size: divide by 1024 until below 1024, then two decimals. */
export function readableMemorySize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  for (const unit of units) {
    if (bytes / 1024 < 1) return `${formatValue(bytes, '.2f')} ${unit}`;
    bytes /= 1024;
  }
  return `${formatValue(bytes, '.2f')} PB`;
}

/**
 * A shape as each Keras prints it: Keras 3 joins the dims, so a 1-D shape is "(None)"; Keras 2 prints the
 * Python tuple, "(None,)". Several outputs are a list, "[(None, 2), (None, 3)]".
 */
function shapeText(shape: Shape | Shape[] | null, oneDimComma: string): string {
  if (shape === null) return oneDimComma ? 'multiple' : '?';
  const one = (s: Shape): string => {
    const dims = s.map((d) => (d === null ? 'None' : String(d))).join(', ');
    return `(${dims}${s.length === 1 ? oneDimComma : ''})`;
  };
  if (shape.length > 0 && Array.isArray(shape[0])) return `[${(shape as Shape[]).map(one).join(', ')}]`;
  return one(shape as Shape);
}

function paramText(row: SummaryRow, keras3: boolean): string {
  if (row.built === false) return keras3 ? '0 (unbuilt)' : '0 (unused)';
  return keras3 ? formatValue(row.params, ',') : String(row.params);
}

function connection(name: string): string {
  return name.includes('[') ? name : `${name}[0][0]`;
}

/** shutil.get_terminal_size().columns: $COLUMNS, else the terminal's width, else 80. */
function terminalColumns(): number {
  if (typeof process === 'undefined') return 80;
  const fromEnv = Number(readEnv('COLUMNS'));
  if (fromEnv > 0) return fromEnv;
  return process.stdout?.columns || 80;
}

/** int(position * lineLength) minus the columns before: [39, 31, 18] for 88. */
function columnWidths(positions: number[], lineLength: number): number[] {
  let used = 0;
  return positions.map((p) => {
    const width = Math.trunc(p * lineLength) - used;
    if (width < 4) throw new ValueError(`Insufficient console width to print summary (lineLength ${lineLength}).`);
    used += width;
    return width;
  });
}

/**
 * rich's Table(width=lineLength): each column asks for its width plus 2 of padding, the borders take
 * columns + 1, and the excess is taken evenly (ratio_reduce). Returns each column's width with padding.
 */
function fitColumns(contentWidths: number[], lineLength: number): number[] {
  const available = lineLength - (contentWidths.length + 1);
  let widths = contentWidths.map((w) => Math.min(w + 2, available));
  const excess = widths.reduce((a, b) => a + b, 0) - available;
  if (excess > 0) widths = ratioReduce(excess, widths);
  return widths;
}

/** rich's ratio_reduce with equal ratios: column i gives min(width, round(left / columnsLeft)). */
function ratioReduce(total: number, widths: number[]): number[] {
  let left = total;
  return widths.map((width, i) => {
    const taken = Math.min(width, roundHalfEven(left / (widths.length - i)));
    left -= taken;
    return width - taken;
  });
}

/** Python's round(): ties go to the even integer (round(3.5) is 4, round(2.5) is 2). */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

function border(left: string, line: string, cross: string, right: string, widths: number[]): string {
  return left + widths.map((w) => line.repeat(w)).join(cross) + right;
}

/** One table row, as many lines as its tallest cell; each cell is padded by a space on both sides. */
function tableRow(fields: string[], widths: number[], rightAligned: boolean[], bar: string): string[] {
  const cells = fields.map((text, i) => wrapCell(text, widths[i] - 2, rightAligned[i]));
  const height = Math.max(...cells.map((c) => c.length));
  const lines: string[] = [];
  for (let k = 0; k < height; k++) {
    lines.push(bar + cells.map((c, i) => ` ${c[k] ?? ' '.repeat(widths[i] - 2)} `).join(bar) + bar);
  }
  return lines;
}

/**
 * rich's word wrap (divide_line without folding): a word is its text plus the spaces after it; a line breaks
 * before a word that does not fit. Then each line is justified, and one still too long ends in "…".
 */
function wrapCell(text: string, width: number, right: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.match(/\s*\S+\s*/g) ?? ['']) {
    const fits = width - line.length >= word.trimEnd().length;
    if (!fits && line) {
      lines.push(line);
      line = '';
    }
    line += word;
  }
  lines.push(line);
  return lines.map((l) => justify(stripExcessSpace(l, width), width, right));
}

/** rich's rstrip_end: trailing spaces beyond the width are dropped. */
function stripExcessSpace(line: string, width: number): string {
  const excess = line.length - width;
  if (excess <= 0) return line;
  const spaces = line.length - line.trimEnd().length;
  return line.slice(0, line.length - Math.min(spaces, excess));
}

function justify(line: string, width: number, right: boolean): string {
  const text = right ? line.trimEnd() : line;
  const cut = text.length > width ? text.slice(0, width - 1) + '…' : text;
  return right ? cut.padStart(width) : cut.padEnd(width);
}

/** tf.keras 2.6's print_row: each field is cut at its column's end and the column's last cell is a space. */
function keras2Row(fields: string[], positions: number[]): string {
  let line = '';
  fields.forEach((field, i) => {
    if (i > 0) line = line.slice(0, -1) + ' ';
    line = (line + field).slice(0, positions[i]);
    line += ' '.repeat(positions[i] - line.length);
  });
  return line;
}
