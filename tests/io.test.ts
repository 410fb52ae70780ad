// ndarray/io against NumPy: .npy/.npz files written by NumPy 1.24 (tests/oracle/io.py) must load
// with the right dtype, shape, order and values, and re-saving them must give NumPy's exact bytes.
// Text formatting and parsing cases compare with np.savetxt / np.loadtxt / np.genfromtxt output.
// Set TESSERA_IO_ROUNDTRIP=<dir> to also keep tessera-written files there for tests/oracle/io_roundtrip.py.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as np from '../ndarray/index.ts';
import * as io from '../ndarray/io/index.ts';
import type { DType, Kind } from '../ndarray/dtype.ts';
import { crc32 } from '../ndarray/io/crc32.ts';
import { encodeHeader, decodeHeader } from '../ndarray/io/header.ts';
import { parseFormat, formatNumber, type FormatSpec } from '../ndarray/io/printf.ts';
import { readZip, writeZip } from '../ndarray/io/zip.ts';
import { loadtxtLines, genfromtxtLines, type LoadtxtOptions, type GenfromtxtOptions } from '../ndarray/io/text.ts';
import fx from './fixtures/io.json';
import { decodeNumber as decode } from './fixture-values.ts';

type Num = number | string;
const FIXTURES = resolve('tests/fixtures/io');
const fixture = (file: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, file)));

function assertValues(actual: ArrayLike<number>, expected: readonly Num[], what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], decode(expected[i]))) assert.unreachable(`${what}[${i}]: ${actual[i]} !== ${expected[i]}`);
  }
}

function assertArray(a: np.NDArray, e: { dtype: string; shape: number[]; values: Num[] }, what: string): void {
  assert.is(a.dtype, e.dtype, `${what}: dtype`);
  assert.equal([...a.shape], e.shape, `${what}: shape`);
  assertValues(a.dataSync(), e.values, what);
}

function assertThrows(fn: () => unknown, message: string): void {
  try {
    fn();
  } catch (e) {
    assert.ok((e as Error).message.includes(message), `expected "${message}", got "${(e as Error).message}"`);
    return;
  }
  assert.unreachable(`expected an error containing "${message}"`);
}

async function assertRejects(p: Promise<unknown>, message: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok((e as Error).message.includes(message), `expected "${message}", got "${(e as Error).message}"`);
    return;
  }
  assert.unreachable(`expected an error containing "${message}"`);
}

// ---- .npy ------------------------------------------------------------------------------------

test('worked example: np.save of [1., 2., 3.] is a 128-byte header, then three little-endian float64s', async () => {
  const bytes = await io.toNpyBytes(np.array([1, 2, 3], { dtype: 'float64' }));
  // b = io.BytesIO(); np.save(b, np.array([1., 2., 3.])); v = b.getvalue(); len(v), v[:10], v[10:70] -> 152 b'\x93NUMPY\x01\x00v\x00' b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"
  assert.is(bytes.length, 152);
  assert.equal([...bytes.subarray(0, 10)], [0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, 0x76, 0]);
  assert.ok(new TextDecoder().decode(bytes.subarray(10, 128)).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"));
  assert.equal([...new Float64Array(bytes.slice(128).buffer)], [1, 2, 3]);
  assert.equal(io.fromNpyBytes(bytes).toArraySync(), [1, 2, 3]);
});

test(`loads ${fx.npy.length} NumPy .npy files (every dtype, C/Fortran order, 0-d, empty, big-endian, int64, v2/v3)`, () => {
  for (const e of fx.npy) {
    const a = io.fromNpyBytes(fixture(e.file));
    assertArray(a, e, e.file);
    if (e.fortran) assert.ok(a.flags.fContiguous && !a.flags.cContiguous, `${e.file}: Fortran-contiguous`);
    else assert.ok(a.flags.cContiguous, `${e.file}: C-contiguous`);
    a.dispose();
  }
});

test('re-saving a loaded NumPy file gives np.save\'s exact bytes (header padding and Fortran order included)', async () => {
  const same = fx.npy.filter((e) => e.numpyBytes);
  assert.ok(same.length >= 18);
  for (const e of same) {
    const bytes = fixture(e.file);
    const a = io.fromNpyBytes(bytes);
    assert.equal(await io.toNpyBytes(a), bytes, e.file);
    a.dispose();
  }
});

test('toNpyBytes: a transpose is written in Fortran order, other layouts in C order, as np.save does', async () => {
  const a = np.arange(0, 12, 1, { dtype: 'float64' }).reshape(3, 4);
  const fortran = io.fromNpyBytes(fixture('f8_fortran.npy'));
  const t = fortran.T.T; // still Fortran-contiguous, same values
  assert.equal(await io.toNpyBytes(t), fixture('f8_fortran.npy'));
  const header = (b: Uint8Array) => new TextDecoder().decode(b.subarray(10, 70));
  assert.ok(header(await io.toNpyBytes(a.T)).includes("'fortran_order': True, 'shape': (4, 3)"));
  const back = io.fromNpyBytes(await io.toNpyBytes(a.T));
  assert.equal(back.toArraySync(), a.T.toArraySync());
  // Neither C- nor Fortran-contiguous: written in C order.
  const mixed = np.arange(0, 24, 1, { dtype: 'int32' }).reshape(2, 3, 4).transpose(1, 0, 2);
  assert.ok(header(await io.toNpyBytes(mixed)).includes("'fortran_order': False, 'shape': (3, 2, 4)"));
  assert.equal(io.fromNpyBytes(await io.toNpyBytes(mixed)).toArraySync(), mixed.toArraySync());
});

test(`refuses ${fx.errors.length} files with clear errors (object, complex, float16, int64 overflow, structured, bad magic, truncated)`, () => {
  for (const e of fx.errors) assertThrows(() => io.fromNpyBytes(fixture(e.file)), e.message);
});

test('header: 64-byte alignment, 1..64 padding spaces, version 2.0 for headers over 65535 bytes', () => {
  for (let ndim = 0; ndim < 40; ndim++) {
    const h = encodeHeader('<f8', false, new Array(ndim).fill(7));
    assert.is(h.length % 64, 0);
    assert.is(h[h.length - 1], 0x0a);
    assert.equal(decodeHeader(h).header.shape, new Array(ndim).fill(7));
  }
  const long = new Array(30000).fill(1);
  const h = encodeHeader('<f8', false, long);
  assert.is(h[6], 2);
  assert.is(h.length % 64, 0);
  assert.is(decodeHeader(h).dataOffset, h.length);
  assert.equal(decodeHeader(h).header.shape.length, 30000);
});

test('header parser: Python literal quirks and NumPy\'s checks', () => {
  const make = (dict: string): Uint8Array => {
    const text = new TextEncoder().encode(dict + '\n');
    const out = new Uint8Array(10 + text.length);
    out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length, 0]);
    out.set(text, 10);
    return out;
  };
  assert.equal(decodeHeader(make('{"descr": "<i4", "shape": (2L, 3L), "fortran_order": False}')).header,
    { descr: '<i4', fortranOrder: false, shape: [2, 3] });
  assertThrows(() => decodeHeader(make("{'descr': '<f8', 'fortran_order': False}")), "Header does not contain the correct keys: ['descr', 'fortran_order']");
  assertThrows(() => decodeHeader(make("{'descr': '<f8', 'fortran_order': 0, 'shape': ()}")), 'fortran_order is not a valid bool: 0');
  assertThrows(() => decodeHeader(make("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}")), 'shape is not valid: [-1]');
  assertThrows(() => decodeHeader(make("{'descr': '<f8', 'fortran_order': False, 'shape': (3,}")), 'Cannot parse header');
  assertThrows(() => decodeHeader(make('[1, 2]')), 'Header is not a dictionary');
  const v9 = make('{}');
  v9[6] = 9;
  assertThrows(() => decodeHeader(v9), 'we only support format version (1,0), (2,0), and (3,0), not (9, 0)');
});

test('every dtype round-trips through toNpyBytes/fromNpyBytes', async () => {
  const dtypes: DType[] = ['bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'];
  for (const dtype of dtypes) {
    const a = np.array([[1, 0, 3], [0, 5, 1]], { dtype });
    const b = io.fromNpyBytes(await io.toNpyBytes(a));
    assert.is(b.dtype, dtype);
    assert.equal(b.toArraySync(), a.toArraySync(), dtype);
  }
});

// ---- .npz and ZIP ----------------------------------------------------------------------------

test('crc32 check values', () => {
  assert.is(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.is(crc32(new Uint8Array(0)), 0);
});

test(`loads ${fx.npz.length} NumPy .npz archives (zip64 local headers, stored and deflated)`, async () => {
  for (const e of fx.npz) {
    const arrays = await io.fromNpzBytes(fixture(e.file));
    assert.equal(Object.keys(arrays).sort(), Object.keys(e.arrays).sort(), e.file);
    for (const [name, expected] of Object.entries(e.arrays)) assertArray(arrays[name], expected, `${e.file}:${name}`);
  }
});

test('toNpzBytes: named and positional arrays, stored and compressed, members are np.save bytes', async () => {
  const x = np.linspace(0, 1, 200);
  const i = np.arange(0, 6, 1, { dtype: 'int16' }).reshape(2, 3);
  for (const compressed of [false, true]) {
    const bytes = await io.toNpzBytes({ x, i }, { compressed });
    const members = await readZip(bytes);
    assert.equal(members.map((m) => m.name), ['x.npy', 'i.npy']);
    assert.equal(members[0].data, await io.toNpyBytes(x));
    const back = await io.fromNpzBytes(bytes);
    assert.equal(back.x.toArraySync(), x.toArraySync());
    assert.equal(back.i.toArraySync(), [[0, 1, 2], [3, 4, 5]]);
  }
  const stored = await io.toNpzBytes([np.zeros(1000)]);
  const deflated = await io.toNpzBytes([np.zeros(1000)], { compressed: true });
  assert.ok(deflated.length < stored.length / 10, `${deflated.length} vs ${stored.length}`);
  assert.equal(Object.keys(await io.fromNpzBytes(await io.toNpzBytes([x, i]))), ['arr_0', 'arr_1']);
});

test('zip reader: CRC mismatch, non-zip input, unknown methods and non-.npy members', async () => {
  const zip = await writeZip([{ name: 'a.npy', data: await io.toNpyBytes(np.ones(3)) }, { name: 'notes.txt', data: new Uint8Array([104, 105]) }], false);
  assert.equal(Object.keys(await io.fromNpzBytes(zip)), ['a']);
  const corrupt = zip.slice();
  corrupt[100] ^= 0xff; // inside a.npy's data
  await assertRejects(io.fromNpzBytes(corrupt), "Bad CRC-32 for file 'a.npy'");
  await assertRejects(io.fromNpzBytes(new Uint8Array(100)), 'File is not a zip file');
  const bzip = zip.slice();
  new DataView(bzip.buffer).setUint16(zip.length - 22 - 46 * 2 - 'a.npy'.length - 'notes.txt'.length + 10, 12, true);
  await assertRejects(io.fromNpzBytes(bzip), "compression method 12 of 'a.npy' is not supported");
});

test('a failing .npz load disposes the arrays it already made', async () => {
  const zip = await writeZip([{ name: 'ok.npy', data: await io.toNpyBytes(np.ones(3)) }, { name: 'bad.npy', data: fixture('c16.npy') }], true);
  const before = np.memory().cpu.arrays;
  await assertRejects(io.fromNpzBytes(zip), "'<c16'");
  assert.is(np.memory().cpu.arrays, before);
});

// ---- text ------------------------------------------------------------------------------------

test(`printf: ${fx.printf.length} Python %-format cases (exact ties, %g, flags, %s reprs)`, () => {
  for (const [fmt, value, kind, expected] of fx.printf as [string, Num, string, string][]) {
    const [spec] = parseFormat(fmt).filter((p): p is FormatSpec => typeof p !== 'string');
    const text = parseFormat(fmt).map((p) => (typeof p === 'string' ? p : formatNumber(spec, decode(value), (kind === 'f4' ? 'f' : kind) as Kind, kind === 'f4'))).join('');
    assert.is(text, expected, `${fmt} % ${value}`);
  }
  assertThrows(() => formatNumber(parseFormat('%d')[0] as FormatSpec, NaN, 'f'), 'cannot convert float NaN to integer');
  assertThrows(() => parseFormat('%x'), "unsupported format character 'x'");
});

test(`savetxt: ${fx.savetxt.length} np.savetxt outputs`, async () => {
  for (const e of fx.savetxt) {
    const data = (e.data as (Num | Num[])[]).map((r) => (Array.isArray(r) ? r.map(decode) : decode(r)));
    const a = np.array(data as number[] | number[][], { dtype: e.dtype as DType });
    const o = e.options as Record<string, unknown>;
    assert.is(await io.savetxtToString(a, o), e.text, JSON.stringify(e.options));
  }
  await assertRejects(io.savetxtToString(np.zeros([2, 2, 2])), 'Expected 1D or 2D array, got 3D array instead');
  await assertRejects(io.savetxtToString(np.zeros([2, 3]), { fmt: ['%d', '%d'] }), "fmt has wrong shape.  ['%d', '%d']");
  await assertRejects(io.savetxtToString(np.zeros([2, 3]), { fmt: '%d %d' }), 'fmt has wrong number of % formats:  %d %d');
});

function snakeToCamel(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]));
}

for (const [kind, read] of [['loadtxt', loadtxtLines], ['genfromtxt', genfromtxtLines]] as const) {
  const cases = fx[kind] as { lines: string[]; options: Record<string, unknown>; dtype?: string; shape?: number[]; values?: Num[]; error?: string }[];
  test(`${kind}: ${cases.length} cases against NumPy`, () => {
    for (const c of cases) {
      const options = { ...snakeToCamel(c.options), ...(c.dtype ? { dtype: c.dtype } : {}) } as LoadtxtOptions & GenfromtxtOptions;
      const what = `${kind}(${JSON.stringify(c.lines)}, ${JSON.stringify(options)})`;
      if (c.error) {
        assertThrows(() => read(c.lines, options), c.error);
        continue;
      }
      const a = read(c.lines, options);
      assert.equal([...a.shape], c.shape, `${what}: shape`);
      assertValues(a.dataSync(), c.values!, what);
    }
  });
}

test('loadtxt: values outside an integer dtype are refused (NumPy wraps them)', () => {
  assertThrows(() => loadtxtLines(['3000000000'], { dtype: 'int32' }), "could not convert string '3000000000' to int32 at row 0, column 1.");
  assertThrows(() => loadtxtLines(['1.5'], { dtype: 'int32' }), "could not convert string '1.5' to int32");
  assertThrows(() => loadtxtLines(['-1'], { dtype: 'uint8' }), "could not convert string '-1' to uint8");
});

// ---- files -----------------------------------------------------------------------------------

test('save/load/savez/savezCompressed/loadtxt/genfromtxt/savetxt on disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-io-'));
  try {
    const a = np.arange(0, 6, 1, { dtype: 'int32' }).reshape(2, 3);
    await io.save(join(dir, 'a'), a); // '.npy' appended, as np.save does
    const loaded = await io.load(`${dir}/a.npy`); // a `${string}.npy` path types the result as NDArray
    assert.equal(loaded.toArraySync(), a.toArraySync());
    assert.equal(new Uint8Array(await readFile(join(dir, 'a.npy'))), await io.toNpyBytes(a));

    await io.savez(join(dir, 'pair'), { a, b: np.ones(2) });
    await io.savezCompressed(join(dir, 'pos.npz'), [a]);
    const pair = await io.load(`${dir}/pair.npz`);
    assert.equal(Object.keys(pair), ['a', 'b']);
    assert.equal((await io.load(`${dir}/pos.npz`)).arr_0.toArraySync(), a.toArraySync());

    // The first bytes decide, not the name.
    await writeFile(join(dir, 'archive.bin'), await readFile(join(dir, 'pair.npz')));
    const byMagic = await io.load(join(dir, 'archive.bin'));
    assert.ok(!(byMagic instanceof np.NDArray) && 'b' in byMagic);

    await io.savetxt(join(dir, 'a.txt'), a, { fmt: '%d', delimiter: ',', header: 'x,y,z' });
    assert.is(await readFile(join(dir, 'a.txt'), 'utf8'), '# x,y,z\n0,1,2\n3,4,5\n');
    const back = await io.loadtxt(join(dir, 'a.txt'), { delimiter: ',', dtype: 'int32' });
    assert.equal(back.toArraySync(), [[0, 1, 2], [3, 4, 5]]);
    await writeFile(join(dir, 'gaps.csv'), 'a,b\r\n1,\r\n,4\r\n');
    const g = await io.genfromtxt(join(dir, 'gaps.csv'), { delimiter: ',', skipHeader: 1 });
    assert.equal(g.toArraySync(), [[1, NaN], [NaN, 4]]);
    await assertRejects(io.load(join(dir, 'missing.npy')), 'ENOENT');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** With TESSERA_IO_ROUNDTRIP=<dir>, keeps tessera-written files and a manifest for tests/oracle/io_roundtrip.py. */
test('writes files for the NumPy round-trip check when asked', async () => {
  const dir = process.env.TESSERA_IO_ROUNDTRIP;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  const arrays: Record<string, np.NDArray> = {
    f8: np.array([[0.5, -1.25, NaN], [Infinity, -0, 1e-300]]),
    f4: np.array([0.1, 2.5, -3], { dtype: 'float32' }),
    i4: np.array([[-2147483648, 2147483647]], { dtype: 'int32' }),
    u4: np.array([0, 4294967295], { dtype: 'uint32' }),
    i2: np.array([-32768, 32767], { dtype: 'int16' }),
    u2: np.array([0, 65535], { dtype: 'uint16' }),
    i1: np.array([-128, 127], { dtype: 'int8' }),
    u1: np.array([0, 255], { dtype: 'uint8' }),
    b1: np.array([true, false, true]),
    scalar: np.array(2.5),
    empty: np.zeros([0, 3]),
    fortran: np.arange(0, 24, 1, { dtype: 'float64' }).reshape(2, 3, 4).transpose(),
  };
  const manifest: Record<string, { shape: number[]; dtype: string; values: (number | boolean)[] }> = {};
  for (const [name, a] of Object.entries(arrays)) {
    await io.save(join(dir, name), a);
    const values = Array.from(a.copy().dataSync());
    manifest[name] = { shape: [...a.shape], dtype: a.dtype, values: values.map((v) => (Number.isFinite(v) ? v : String(v))) as never };
  }
  await io.savez(join(dir, 'stored'), arrays);
  await io.savezCompressed(join(dir, 'compressed'), arrays);
  await io.savetxt(join(dir, 'f8.txt'), arrays.f8);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
});

test.run();
