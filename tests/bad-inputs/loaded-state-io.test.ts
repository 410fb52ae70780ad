// Loaded state is not trusted (.npy/.npz): every corrupt file fails with a ValueError saying what was
// found and what was expected, in bounded time and stack, leaving no array behind. The worked example:
// a header of 5,000 nested parentheses used to overflow the stack; it is refused before it is parsed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as io from '../../ndarray/io/index.ts';
import { writeZip } from '../../ndarray/io/zip.ts';
import { refuses } from './loaded-state-helpers.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A .npy file with the given header text (version 1.0 unless told) and data bytes. */
function npy(dict: string, data: Uint8Array = new Uint8Array(0), major = 1): Uint8Array {
  const text = new TextEncoder().encode(dict + '\n');
  const width = major === 1 ? 2 : 4;
  const out = new Uint8Array(8 + width + text.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (width === 2) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  out.set(text, 8 + width);
  out.set(data, 8 + width + text.length);
  return out;
}
const f8 = (n: number): Uint8Array => new Uint8Array(new Float64Array(n).buffer);
const header = (shape: string, descr = '<f8', fortran = 'False'): string => `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

test('worked example: 5,000 nested parentheses are refused without overflowing the stack', async () => {
  const deep = '('.repeat(5000) + ')'.repeat(5000);
  await refuses(() => io.fromNpyBytes(npy(header(deep), new Uint8Array(0), 2)), np.ValueError, ['Header info length', 'maxHeaderSize']);
  await refuses(() => io.fromNpyBytes(npy(header(deep), new Uint8Array(0), 2), { maxHeaderSize: 1e6 }), np.ValueError, ['Cannot parse header', 'nested more than 100 deep']);
});

test('.npy: magic, version, truncation and header length', async () => {
  const good = npy(header('(2,)'), f8(2));
  assert.equal(io.fromNpyBytes(good).toArraySync(), [0, 0]);
  await refuses(() => io.fromNpyBytes(new Uint8Array([1, 2, 3])), np.ValueError, ['magic string is not correct']);
  await refuses(() => io.fromNpyBytes(new Uint8Array(0)), np.ValueError, ['magic string is not correct']);
  await refuses(() => io.fromNpyBytes(good.slice(0, 7)), np.ValueError, ['EOF', 'truncated']);
  const v4 = good.slice();
  v4[6] = 4;
  await refuses(() => io.fromNpyBytes(v4), np.ValueError, ['format version', 'not (4, 0)']);
  const minor = good.slice();
  minor[7] = 1;
  await refuses(() => io.fromNpyBytes(minor), np.ValueError, ['not (1, 1)']);
  await refuses(() => io.fromNpyBytes(good.slice(0, 20)), np.ValueError, ['EOF: reading array header']);
  const long = npy(header('(2,)'), f8(2));
  new DataView(long.buffer).setUint16(8, 60000, true);
  await refuses(() => io.fromNpyBytes(long), np.ValueError, ['Header info length (60000)']);
  await refuses(() => io.fromNpyBytes(good, { maxHeaderSize: -1 }), np.ValueError, ['maxHeaderSize must be a positive number']);
});

test('.npy: header dict contents (descr, shape, fortran_order, keys, syntax)', async () => {
  await refuses(() => io.fromNpyBytes(npy(header('(2,)', '<c16'), f8(4))), np.ValueError, ["dtype '<c16'", 'tessera supports']);
  await refuses(() => io.fromNpyBytes(npy(header('(2,)', '|O'), f8(2))), np.ValueError, ['object arrays']);
  await refuses(() => io.fromNpyBytes(npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }", f8(2))), np.ValueError, ['structured arrays']);
  await refuses(() => io.fromNpyBytes(npy(header('(-3,)'))), np.ValueError, ['shape is not valid: [-3]', 'non-negative integers']);
  await refuses(() => io.fromNpyBytes(npy(header('(2.5,)'))), np.ValueError, ['shape is not valid: [2.5]']);
  await refuses(() => io.fromNpyBytes(npy(header("('2',)"))), np.ValueError, ['shape is not valid']);
  await refuses(() => io.fromNpyBytes(npy(header('(1e300,)'))), np.ValueError, ['shape is not valid']);
  await refuses(() => io.fromNpyBytes(npy(header('(2,)', '<f8', "'yes'"), f8(2))), np.ValueError, ['fortran_order is not a valid bool: "yes"']);
  await refuses(() => io.fromNpyBytes(npy(header('(2,)', '<f8', '1'), f8(2))), np.ValueError, ['fortran_order is not a valid bool: 1']);
  await refuses(() => io.fromNpyBytes(npy("{'descr': '<f8', 'shape': (2,), 'extra': 1, 'fortran_order': False}", f8(2))), np.ValueError, ['correct keys', "'extra'"]);
  await refuses(() => io.fromNpyBytes(npy("{'__proto__': 1, 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}", f8(2))), np.ValueError, ["'__proto__'"]);
  await refuses(() => io.fromNpyBytes(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)")), np.ValueError, ['Cannot parse header']);
  await refuses(() => io.fromNpyBytes(npy("{'descr': '<f8, 'fortran_order': False, 'shape': (2,)}")), np.ValueError, ['Cannot parse header']);
  await refuses(() => io.fromNpyBytes(npy('[1, 2]')), np.ValueError, ['Header is not a dictionary']);
});

test('.npy: data length must match shape x itemsize; int64 must fit', async () => {
  await refuses(() => io.fromNpyBytes(npy(header('(3,)'), f8(2))), np.ValueError, ['EOF: reading array data', 'expected 24 bytes got 16']);
  await refuses(() => io.fromNpyBytes(npy(header('(2,)'), f8(3))), np.ValueError, ['array data is 24 bytes, expected 16', "shape (2) of '<f8'"]);
  await refuses(() => io.fromNpyBytes(npy(header('(100000, 100000, 100000)'), f8(1))), np.ValueError, ['EOF: reading array data']);
  const big = new Uint8Array(new BigInt64Array([2n ** 40n]).buffer);
  await refuses(() => io.fromNpyBytes(npy(header('(1,)', '<i8'), big)), np.ValueError, ['out of range', 'no 64-bit integers']);
});

test('fromNpyBytes takes an ArrayBuffer (what fetch gives) as well as a Uint8Array, and nothing else', async () => {
  const bytes = await io.toNpyBytes(np.array([1, 2, 3]));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  assert.equal(io.fromNpyBytes(buffer).toArraySync(), [1, 2, 3]);
  assert.equal((await io.fromNpzBytes((await io.toNpzBytes({ a: np.ones(2) })).buffer as ArrayBuffer)).a.toArraySync(), [1, 1]);
  await refuses(() => io.fromNpyBytes('abc' as never), TypeError, ['a Uint8Array or an ArrayBuffer', 'got string']);
  await refuses(() => io.fromNpyBytes(new Float32Array(4) as never), TypeError, ['got Float32Array']);
  await refuses(() => io.fromNpzBytes(null as never), TypeError, ['got null']);
});

test('.npz: an empty archive round-trips, in memory and through np.savez / np.load', async () => {
  assert.equal(await io.fromNpzBytes(await io.toNpzBytes({})), {});
  const dir = mkdtempSync(join(tmpdir(), 'tessera-loaded-'));
  await io.savez(join(dir, 'empty'), {});
  assert.equal(await io.load(join(dir, 'empty.npz')), {});
});

test('np.load takes the maxHeaderSize its refusal asks for (a long header loads when allowed)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-loaded-'));
  const path = join(dir, 'long.npy');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, npy(header('(2,)') + ' '.repeat(20000), f8(2)));
  await refuses(() => io.load(path), np.ValueError, ['Header info length', 'maxHeaderSize']);
  assert.equal(((await io.load(path, { maxHeaderSize: 30000 })) as np.NDArray).toArraySync(), [0, 0]);
});

test('.npz: corrupt archives (bad end record, truncation, bad offsets, CRC, corrupt member)', async () => {
  const zip = await io.toNpzBytes({ a: np.arange(4), b: np.ones(2) });
  await refuses(() => io.fromNpzBytes(new Uint8Array(10)), np.ValueError, ['File is not a zip file']);
  await refuses(() => io.fromNpzBytes(zip.slice(0, zip.length - 30)), np.ValueError, ['File is not a zip file']);
  const badDir = zip.slice();
  new DataView(badDir.buffer).setUint32(badDir.length - 6, 10 ** 8, true);
  await refuses(() => io.fromNpzBytes(badDir), np.ValueError, ['corrupt or truncated', 'central directory entry']);
  const badCount = zip.slice();
  new DataView(badCount.buffer).setUint16(badCount.length - 12, 500, true);
  await refuses(() => io.fromNpzBytes(badCount), np.ValueError, ['File is not a zip file']);
  const badCrc = zip.slice();
  badCrc[100] ^= 0xff;
  await refuses(() => io.fromNpzBytes(badCrc), np.ValueError, ['Bad CRC-32']);
  const inner = npy(header('(3,)'), f8(2));
  const crafted = await writeZip([{ name: 'ok.npy', data: inner }], false);
  await refuses(() => io.fromNpzBytes(crafted), np.ValueError, ["member 'ok.npy'", 'EOF: reading array data']);
});

test.run();
