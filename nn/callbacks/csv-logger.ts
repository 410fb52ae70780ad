// CSVLogger: one CSV row per epoch, as Keras writes it with Python's csv module: a header
// `epoch,<log keys sorted>` (the keys of the first epoch; without any val_ key, Keras adds a val_ column
// for every key, filled with NA), then `epoch` (from 0) and each value as Python's repr(float) prints it
// (0.1, 2.0, 1e-05), lines ending in \r\n (csv's excel dialect). `append` continues an existing file
// without repeating its header. The file is written through node:fs/promises, imported on first use so
// this module also loads in a browser.
import { Callback, type Logs } from './callback.ts';
import { checkOptions } from '../options.ts';
import { formatValue } from '../utils/format.ts';
import { fileSystem, type Fs } from '../utils/files.ts';
import { checkValues } from '../checks.ts';

const fs = (): Promise<Fs> => fileSystem('CSVLogger (use a LambdaCallback to collect the logs in a browser)');

/**
 * A number as Python's repr(float) prints it: the shortest digits that read back as the same double, with
 * '.0' on whole numbers and an exponent below 1e-4 or from 1e16 (0.1, 2.0, 1e-05, 1e+16, nan, inf).
 */
export function floatRepr(x: number): string {
  if (!Number.isInteger(x) || Object.is(x, -0)) return formatValue(x, '');
  return Math.abs(x) < 1e16 ? `${x}.0` : x.toExponential();
}

/** A field as csv.writer writes it (QUOTE_MINIMAL): quoted, with doubled quotes, only when it must be. */
function csvField(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export interface CSVLoggerOptions {
  separator?: string;
  append?: boolean;
}

/** Streams each epoch's logs to a CSV file. Example: new CSVLogger('training.log') then fit(x, y, {callbacks: [it]}). */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  /** The columns after `epoch`, fixed by the first epoch of each fit. */
  keys: string[] | null = null;
  private appendHeader = true;

  constructor(filename: string, options: CSVLoggerOptions = {}) {
    super();
    checkOptions('CSVLogger', options, ['separator', 'append']);
    checkValues('CSVLogger', options, { append: 'boolean' });
    if (typeof filename !== 'string' || filename === '') throw new TypeError(`CSVLogger needs a file name (e.g. 'training.log'), got ${String(filename)}`);
    this.filename = filename;
    this.separator = options.separator ?? ',';
    if (typeof this.separator !== 'string' || Array.from(this.separator).length !== 1) throw new TypeError(`"delimiter" must be a 1-character string, got ${JSON.stringify(this.separator)}`);
    this.append = options.append ?? false;
  }

  /** Starts the file: empties it, or (append) keeps it, writing a header later only if it is empty or missing. */
  override async onTrainBegin(): Promise<void> {
    const files = await fs();
    if (this.append) {
      this.appendHeader = (await files.stat(this.filename).then((s) => s.size, () => 0)) === 0;
    } else {
      await files.writeFile(this.filename, '');
    }
    this.keys = null;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    let header = '';
    if (this.keys === null) {
      const keys = Object.keys(logs).sort();
      this.keys = keys.some((k) => k.startsWith('val_')) ? keys : [...keys, ...keys.map((k) => `val_${k}`)];
      if (this.appendHeader) header = this.row(['epoch', ...this.keys]);
    }
    const values = this.keys.map((k) => (k in logs ? floatRepr(logs[k]) : 'NA'));
    await (await fs()).appendFile(this.filename, header + this.row([String(epoch), ...values]));
  }

  private row(fields: string[]): string {
    return fields.map((f) => csvField(f, this.separator)).join(this.separator) + '\r\n';
  }
}
