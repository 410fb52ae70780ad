// A minimal ZIP reader and writer: an .npz file is a ZIP of .npy files. A ZIP file is a run of
// [local header, data] records, then a central directory (one entry per file, pointing back at
// its local header) and an end record pointing at the directory; readers start from the end.
// Data is stored as is or raw-DEFLATEd by the web-standard (De)CompressionStream (hence async).
// NumPy writes zip64 extra fields in local headers; we read zip64, but write plain ZIP.
import { ValueError } from '../errors.ts';
import { crc32 } from './crc32.ts';

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50 };
const STORED = 0;
const DEFLATE = 8;
/** A 32-bit field holding this value means "the real value is in the zip64 extra field". */
const ZIP64 = 0xffffffff;

/** Pushes `data` through a (de)compression stream and collects the result. */
async function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const blob = new Blob([data as Uint8Array<ArrayBuffer>]);
  return new Uint8Array(await new Response(blob.stream().pipeThrough(stream)).arrayBuffer());
}

/** MS-DOS date and time, the only timestamps plain ZIP headers have (2-second resolution). */
function dosDateTime(d: Date): [number, number] {
  const date = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  return [date, time];
}

/** Little-endian field writer: `put(view, offset, [[size, value], ...])`. */
function put(view: DataView, offset: number, fields: [2 | 4, number][]): void {
  for (const [size, value] of fields) {
    if (size === 2) view.setUint16(offset, value, true);
    else view.setUint32(offset, value, true);
    offset += size;
  }
}

/** Builds a ZIP archive of `entries`, deflating each one when `compress` is true. */
export async function writeZip(entries: readonly ZipEntry[], compress: boolean): Promise<Uint8Array> {
  const [date, time] = dosDateTime(new Date());
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = new TextEncoder().encode(name);
    const body = compress ? await pipe(data, new CompressionStream('deflate-raw')) : data;
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800; // bit 11: the name is UTF-8
    // Fields shared by the local header and the central directory entry, from "version needed".
    const common: [2 | 4, number][] = [[2, 20], [2, flags], [2, compress ? DEFLATE : STORED], [2, time], [2, date],
      [4, crc32(data)], [4, body.length], [4, data.length], [2, nameBytes.length], [2, 0]];
    const local = new Uint8Array(30 + nameBytes.length);
    put(new DataView(local.buffer), 0, [[4, SIG.local], ...common]);
    local.set(nameBytes, 30);
    const entry = new Uint8Array(46 + nameBytes.length);
    // version made by 0x0314 (Unix, ZIP 2.0); external attributes: permissions 0o600, as Python writes.
    put(new DataView(entry.buffer), 0, [[4, SIG.central], [2, 0x0314], ...common, [2, 0], [2, 0], [2, 0], [4, 0o600 << 16], [4, offset]]);
    entry.set(nameBytes, 46);
    parts.push(local, body);
    central.push(entry);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  if (offset + cdSize > ZIP64 || entries.length > 0xffff) throw new ValueError('archive too large: writing zip64 archives is not supported');
  const end = new Uint8Array(22);
  put(new DataView(end.buffer), 0, [[4, SIG.end], [2, 0], [2, 0], [2, entries.length], [2, entries.length], [4, cdSize], [4, offset], [2, 0]]);
  return concat([...parts, ...central, end]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Refuses a record that would run past the end of the file (a truncated or corrupt archive). */
function need(view: DataView, at: number, length: number, what: string): void {
  if (!(at >= 0 && at + length <= view.byteLength)) {
    throw new ValueError(`File is not a zip file (corrupt or truncated): the ${what} at byte ${at} needs ${length} bytes, the file has ${view.byteLength}`);
  }
}

/** Where the central directory is and how many entries it has (via the zip64 end record if needed). */
function findDirectory(view: DataView): { count: number; offset: number } {
  const last = view.byteLength - 22;
  let end = last;
  // The end record is the last 22 bytes unless a comment (at most 65535 bytes) follows it.
  while (end >= 0 && end >= last - 0xffff && view.getUint32(end, true) !== SIG.end) end--;
  if (end < 0 || end < last - 0xffff) throw new ValueError('File is not a zip file');
  const count = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  if (count !== 0xffff && offset !== ZIP64) return { count, offset };
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== SIG.locator64) throw new ValueError('File is not a zip file (bad zip64 locator)');
  const end64 = Number(view.getBigUint64(locator + 8, true));
  need(view, end64, 56, 'zip64 end record');
  if (view.getUint32(end64, true) !== SIG.end64) throw new ValueError('File is not a zip file (bad zip64 end record)');
  return { count: Number(view.getBigUint64(end64 + 32, true)), offset: Number(view.getBigUint64(end64 + 48, true)) };
}

/** Sizes and offset of a central entry; 0xFFFFFFFF fields are replaced from the zip64 extra field (id 1). */
function entrySizes(view: DataView, at: number, extraStart: number, extraEnd: number): { size: number; compressed: number; local: number } {
  const fields = [view.getUint32(at + 24, true), view.getUint32(at + 20, true), view.getUint32(at + 42, true)];
  for (let p = extraStart; p + 4 <= extraEnd; p += 4 + view.getUint16(p + 2, true)) {
    if (view.getUint16(p, true) !== 1) continue;
    let q = p + 4;
    for (let k = 0; k < 3; k++) {
      if (fields[k] === ZIP64) {
        need(view, q, 8, 'zip64 extra field');
        fields[k] = Number(view.getBigUint64(q, true));
        q += 8;
      }
    }
  }
  return { size: fields[0], compressed: fields[1], local: fields[2] };
}

/** The files of a ZIP archive, in directory order, decompressed and CRC-checked. */
export async function readZip(bytes: Uint8Array): Promise<ZipEntry[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { count, offset } = findDirectory(view);
  const out: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    need(view, at, 46, 'central directory entry');
    if (view.getUint32(at, true) !== SIG.central) throw new ValueError('Bad magic number for central directory');
    const [flags, method, crc] = [view.getUint16(at + 8, true), view.getUint16(at + 10, true), view.getUint32(at + 16, true)];
    const [nameLen, extraLen, commentLen] = [28, 30, 32].map((k) => view.getUint16(at + k, true));
    need(view, at + 46, nameLen + extraLen + commentLen, 'central directory entry');
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLen));
    const { size, compressed, local } = entrySizes(view, at, at + 46 + nameLen, at + 46 + nameLen + extraLen);
    if (flags & 1) throw new ValueError(`File '${name}' is encrypted, password required for extraction`);
    need(view, local, 30, `local header of '${name}'`);
    if (view.getUint32(local, true) !== SIG.local) throw new ValueError(`Bad magic number for file header of '${name}'`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    need(view, start, compressed, `data of '${name}'`);
    const body = bytes.subarray(start, start + compressed);
    out.push({ name, data: await inflate(name, method, body, size, crc) });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

async function inflate(name: string, method: number, body: Uint8Array, size: number, crc: number): Promise<Uint8Array> {
  if (method !== STORED && method !== DEFLATE) {
    throw new ValueError(`compression method ${method} of '${name}' is not supported (only stored and deflate)`);
  }
  const data = method === DEFLATE ? await pipe(body, new DecompressionStream('deflate-raw')) : body;
  if (data.length !== size || crc32(data) !== crc) throw new ValueError(`Bad CRC-32 for file '${name}'`);
  return data;
}
