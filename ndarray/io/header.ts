// The .npy header: magic string, version, header length, then a Python dict literal such as
// {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), } padded with spaces and a newline.
// The one thing to know: NumPy pads so that the element data starts at a multiple of 64 bytes
// (the length of magic + version + length field + dict + padding is divisible by 64), and it
// leaves room after the dict so the first axis can grow in place. We copy both rules exactly.
import { ValueError } from '../errors.ts';
import { formatShape } from '../shape.ts';
import { parsePyLiteral, type PyValue } from './pyliteral.ts';

/** b'\x93NUMPY' */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const ARRAY_ALIGN = 64;
/** Spare spaces NumPy reserves so the growing axis can reach 21 digits without moving the data. */
const GROWTH_AXIS_MAX_DIGITS = 21;
/** NumPy's default `max_header_size` for np.load: longer headers are refused unless allowed. */
export const MAX_HEADER_SIZE = 10000;
/** Byte width of the header-length field per major version (1.0: uint16; 2.0 and 3.0: uint32). */
const LENGTH_BYTES: Record<number, number> = { 1: 2, 2: 4, 3: 4 };

export interface NpyHeader {
  readonly descr: PyValue;
  readonly fortranOrder: boolean;
  readonly shape: number[];
}

/** The dict text exactly as NumPy's repr() writes it, keys sorted, plus the growth spaces. */
function dictText(descr: string, fortranOrder: boolean, shape: readonly number[]): string {
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${formatShape(shape)}, }`;
  if (shape.length === 0) return dict;
  const growing = shape[fortranOrder ? shape.length - 1 : 0];
  return dict + ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(growing).length);
}

/** Magic, version, length and padded dict: everything before the element data. */
export function encodeHeader(descr: string, fortranOrder: boolean, shape: readonly number[]): Uint8Array {
  const dict = new TextEncoder().encode(dictText(descr, fortranOrder, shape));
  // padlen is 1..64 (NumPy adds a full 64 spaces when already aligned).
  const padlen = (prefix: number): number => ARRAY_ALIGN - ((prefix + dict.length + 1) % ARRAY_ALIGN);
  // Version 1.0 stores the length in 2 bytes; longer headers (huge ndim) need version 2.0.
  const major = dict.length + 1 + padlen(10) <= 65535 ? 1 : 2;
  const prefix = MAGIC.length + 2 + LENGTH_BYTES[major];
  const length = dict.length + padlen(prefix) + 1;
  const out = new Uint8Array(prefix + length).fill(0x20);
  out.set(MAGIC);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, length, true);
  else view.setUint32(8, length, true);
  out.set(dict, prefix);
  out[out.length - 1] = 0x0a;
  return out;
}

const pyBytes = (bytes: Uint8Array): string =>
  "b'" + Array.from(bytes, (b) => (b >= 32 && b < 127 && b !== 39 && b !== 92 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('') + "'";

/** Reads the header at the start of `bytes`; returns it and where the element data begins. A header
 *  longer than `maxHeaderSize` bytes is refused before it is parsed, as np.load does. */
export function decodeHeader(bytes: Uint8Array, maxHeaderSize = Infinity): { header: NpyHeader; dataOffset: number } {
  if (!(typeof maxHeaderSize === 'number' && maxHeaderSize > 0)) throw new ValueError(`maxHeaderSize must be a positive number of bytes, got ${String(maxHeaderSize)}`);
  const magic = bytes.subarray(0, MAGIC.length);
  if (magic.length < MAGIC.length || MAGIC.some((b, i) => magic[i] !== b)) {
    throw new ValueError(`the magic string is not correct; expected b'\\x93NUMPY', got ${pyBytes(magic)}`);
  }
  if (bytes.length < MAGIC.length + 2) throw new ValueError('EOF: reading magic string, the file is truncated');
  const [major, minor] = [bytes[6], bytes[7]];
  const width = LENGTH_BYTES[major];
  if (!width || minor !== 0) {
    throw new ValueError(`we only support format version (1,0), (2,0), and (3,0), not (${major}, ${minor})`);
  }
  const start = MAGIC.length + 2 + width;
  if (bytes.length < start) throw new ValueError('EOF: reading array header length, the file is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = width === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (length > maxHeaderSize) {
    throw new ValueError(`Header info length (${length}) is large and may not be safe to load securely. ` +
      `To allow loading, pass a larger \`maxHeaderSize\` (the limit is ${maxHeaderSize}) if you trust the file.`);
  }
  if (bytes.length < start + length) throw new ValueError(`EOF: reading array header, expected ${length} bytes got ${bytes.length - start}`);
  // Versions 1.0 and 2.0 are latin-1 text, 3.0 is UTF-8.
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + length));
  return { header: checkHeader(parsePyLiteral(text, 'header')), dataOffset: start + length };
}

/** NumPy's sanity checks on the parsed dict, with its messages. */
function checkHeader(d: PyValue): NpyHeader {
  if (d === null || typeof d !== 'object' || Array.isArray(d)) throw new ValueError(`Header is not a dictionary: ${JSON.stringify(d)}`);
  const keys = Object.keys(d).sort();
  if (keys.join() !== 'descr,fortran_order,shape') {
    throw new ValueError(`Header does not contain the correct keys: [${keys.map((k) => `'${k}'`).join(', ')}]`);
  }
  const shape = d.shape;
  if (!Array.isArray(shape) || !shape.every((x) => Number.isSafeInteger(x) && (x as number) >= 0)) {
    throw new ValueError(`shape is not valid: ${JSON.stringify(shape)} (expected a tuple of non-negative integers)`);
  }
  if (typeof d.fortran_order !== 'boolean') throw new ValueError(`fortran_order is not a valid bool: ${JSON.stringify(d.fortran_order)}`);
  return { descr: d.descr, fortranOrder: d.fortran_order, shape: shape as number[] };
}
