// Indexing against NumPy: tests/fixtures/indexing.json comes from tests/oracle/indexing.py.
// Each `get` case is checked for values and shape; basic indices also for strides and for being a
// view, advanced ones for being a copy; errors for their type and NumPy's message. Integer and
// boolean index arrays alternate between JS arrays and NDArrays. Then the behaviours fixtures cannot
// show: writes through chained views, read-only arrays, overlap, casts, the GPU-mask path.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { cpuBackend } from '../ndarray/cpu/backend.ts';
import type { Backend, Storage } from '../ndarray/backend.ts';
import type { TypedArray } from '../ndarray/dtype.ts';
import json from './fixtures/indexing.json';

type Json = number | boolean | null | Json[];
type Enc = number | string | null | { ints?: Json; bools?: Json; bool?: boolean };
type Err = [string, string];
interface GetCase { shape: number[]; prep: string | null; index: Enc[]; error?: Err; outShape?: number[]; values?: number[]; strides?: number[]; scalar?: boolean }
interface SetCase { shape: number[]; prep: string | null; index: Enc[]; value: number | { array: Json }; after?: number[]; error?: Err }
interface ItemCase { shape: number[]; args: number[]; value?: number; error?: Err }
interface CallCase { fn: string; shape: number[]; args: Json[]; kwargs: { axis?: number; mode?: 'raise' | 'wrap' | 'clip' }; outShape?: number[]; values?: number[]; error?: Err }

const fixtures = json as unknown as {
  slices1d: GetCase[]; combos: GetCase[]; hand: GetCase[]; set: SetCase[]; item: ItemCase[]; calls: CallCase[];
};
const INVALID = 'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices';

const size = (shape: number[]): number => shape.reduce((p, d) => p * d, 1);
const arange = (shape: number[]): np.NDArray => np.arange(size(shape)).reshape(shape);
/** The array that owns `a`'s data (NumPy's base is never an intermediate view). */
const owner = (a: np.NDArray): np.NDArray => a.base ?? a;

/** The fixture's source: a fresh arange, optionally transposed or reversed along axis 0. */
function prepare(base: np.NDArray, prep: string | null): np.NDArray {
  if (prep === 'T') return base.T;
  if (prep === 'flip') return base.get('::-1');
  return base;
}

/** An encoded index item; arrays become JS arrays when `k` is even and NDArrays when it is odd. */
function decode(item: Enc, k: number): np.IndexItem {
  if (item === null || typeof item !== 'object') return item;
  if (item.bool !== undefined) return item.bool;
  const ints = item.ints !== undefined;
  const data = (ints ? item.ints : item.bools) as Json;
  // An empty JS list is an integer index (as in NumPy), so empty masks must be NDArrays.
  const empty = JSON.stringify(data).replace(/[[\],]/g, '') === '';
  if (k % 2 === 0 && Array.isArray(data) && !(empty && !ints)) return data as np.IndexItem;
  return np.array(data as number, { dtype: ints ? 'int32' : 'bool' });
}

const decodeAll = (index: Enc[], k: number): np.IndexItem[] => index.map((it, j) => decode(it, k + j));
const flat = (a: np.NDArray): number[] => Array.from(a.dataSync(), Number);

function expectError(fn: () => unknown, [type, message]: Err, label: string): void {
  try {
    fn();
  } catch (e) {
    const err = e as Error;
    assert.is(err.name, type, `${label}: error type (${err.message})`);
    // tessera adds the offending value to these two messages.
    if (message === INVALID || message.startsWith('arrays used as indices')) assert.ok(err.message.startsWith(message), `${label}: ${err.message}`);
    else assert.is(err.message, message, label);
    return;
  }
  assert.unreachable(`${label}: expected ${type}: ${message}`);
}

function checkGet(c: GetCase, k: number): void {
  const a = prepare(arange(c.shape), c.prep);
  const label = `a${JSON.stringify(c.shape)}${c.prep ? `.${c.prep}` : ''}[${JSON.stringify(c.index)}]`;
  const index = decodeAll(c.index, k);
  if (c.error) return expectError(() => a.get(...index), c.error, label);
  const r = a.get(...index);
  assert.equal([...r.shape], c.outShape, `${label}: shape`);
  assert.equal(flat(r), c.values, `${label}: values`);
  if (c.strides) {
    // NumPy's arange(0) has stride 0 (a creation detail), so strides over it differ from tessera's.
    if (c.shape.join() !== '0') assert.equal([...r.strides], c.strides, `${label}: strides`);
    assert.ok(r.storage === a.storage && r.base !== null && r.flags.writeable, `${label}: a writable view`);
  } else if (c.scalar) {
    assert.ok(r.storage === a.storage && r.ndim === 0, `${label}: NumPy's scalar is a 0-d view`);
  } else {
    assert.ok(r.storage !== a.storage && r.base === null, `${label}: a copy`);
  }
}

test('worked example: a = arange(12).reshape(3, 4): a[1], a[:, 1], a[1:, ::2], a[[0, 2], [1, 3]], a[a > 8], a[-1, -1]', () => {
  const a = np.arange(12).reshape([3, 4]);
  // a = np.arange(12).reshape(3, 4); a[1].tolist(), a[:, 1].tolist(), a[1:, ::2].tolist() -> [4, 5, 6, 7] [1, 5, 9] [[4, 6], [8, 10]]
  assert.equal(a.get(1).toArraySync(), [4, 5, 6, 7]);
  assert.equal(a.get(':', 1).toArraySync(), [1, 5, 9]);
  assert.equal(a.get('1:', '::2').toArraySync(), [[4, 6], [8, 10]]);
  // a[[0, 2], [1, 3]].tolist(), a[a > 8].tolist(), a[-1, -1] -> [1, 11] [9, 10, 11] 11
  assert.equal(a.get([0, 2], [1, 3]).toArraySync(), [1, 11]);
  assert.equal(a.get(np.greater(a, 8)).toArraySync(), [9, 10, 11]);
  assert.is(a.get(-1, -1).itemSync(), 11);
});

for (const group of ['slices1d', 'combos', 'hand'] as const) {
  test(`get: ${group} (${fixtures[group].length} NumPy cases)`, () => {
    fixtures[group].forEach((c, k) => checkGet(c, k));
  });
}

test(`set: ${fixtures.set.length} NumPy cases (broadcast values, repeated indices, masks, strided views)`, () => {
  fixtures.set.forEach((c, k) => {
    const base = arange(c.shape);
    const a = prepare(base, c.prep);
    const label = `a${JSON.stringify(c.shape)}${c.prep ? `.${c.prep}` : ''}[${JSON.stringify(c.index)}] = ${JSON.stringify(c.value)}`;
    const value = typeof c.value === 'number' ? c.value
      : k % 2 === 0 && Array.isArray(c.value.array) ? (c.value.array as np.ArrayLike) : np.array(c.value.array as number, { dtype: 'int32' });
    const run = (): unknown => a.set(...decodeAll(c.index, k), value);
    if (c.error) return expectError(run, c.error, label);
    run();
    assert.equal(flat(base), c.after, label);
  });
});

test(`item: ${fixtures.item.length} NumPy cases`, () => {
  for (const c of fixtures.item) {
    const a = arange(c.shape);
    const label = `a${JSON.stringify(c.shape)}.item(${c.args})`;
    if (c.error) expectError(() => a.itemSync(...c.args), c.error, label);
    else assert.is(a.itemSync(...c.args), c.value, label);
  }
});

/** Runs one of take/nonzero/argwhere/put/takeAlongAxis/putAlongAxis as the oracle did. */
function call(c: CallCase, a: np.NDArray): np.NDArray {
  const [x, y] = c.args as np.ArrayLike[];
  const mask = (): np.NDArray => np.array(flat(a).map((v) => v % 3 === 0)).reshape(c.shape);
  switch (c.fn) {
    case 'take': return np.take(a, x, c.kwargs);
    case 'nonzero': return np.stack(np.nonzero(mask()));
    case 'argwhere': return np.argwhere(mask());
    case 'put': np.put(a, x, y, c.kwargs); return a;
    case 'take_along_axis': return np.takeAlongAxis(a, x, c.kwargs.axis!);
    case 'put_along_axis': np.putAlongAxis(a, x, y, c.kwargs.axis!); return a;
    default: throw new Error(c.fn);
  }
}

test(`take, put, nonzero, argwhere, takeAlongAxis, putAlongAxis: ${fixtures.calls.length} NumPy cases`, () => {
  for (const c of fixtures.calls) {
    const a = arange(c.shape);
    const label = `${c.fn}(a${JSON.stringify(c.shape)}, ${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`;
    if (c.error) {
      expectError(() => call(c, a), c.error, label);
      continue;
    }
    const r = call(c, a);
    assert.equal([...r.shape], c.outShape, `${label}: shape`);
    assert.equal(flat(r), c.values, `${label}: values`);
  }
});

test('index items: slice objects, newaxis, whitespace, invalid items', () => {
  const a = arange([6]);
  assert.equal(flat(a.get(np.slice(1, 5, 2))), [1, 3]);
  assert.equal(flat(a.get(np.slice(3))), [0, 1, 2]);
  assert.equal(flat(a.get(np.slice(null, null, -2))), [5, 3, 1]);
  assert.is(np.slice(1, null, -1).toString(), '1::-1');
  assert.equal(np.slice(null, null, -1).indices(5), [4, -1, -1]);
  assert.equal(np.slice(-9, null, -1).indices(5), [-1, -1, -1]);
  assert.equal(np.slice(1, 4, -1).indices(5), [1, 4, -1]);
  assert.equal([...a.get(np.newaxis, ':').shape], [1, 6]);
  assert.equal(flat(a.get(' 1 : 4 ')), [1, 2, 3]);
  assert.equal(flat(arange([2, 3]).get(' ... ', 1)), [1, 4]);
  assert.equal([...arange([4, 3]).get('::', 0).shape], [4]);
  assert.throws(() => np.slice(1.5), (e: Error) => e instanceof TypeError);
  for (const bad of ['1', '1:2:3:4', 'a:b', '1.5:', '']) {
    assert.throws(() => a.get(bad), (e: Error) => e.name === 'IndexError' && e.message.includes(`'${bad}'`), bad);
  }
  assert.throws(() => a.get(1.5), (e: Error) => e.name === 'IndexError' && e.message === `${INVALID} (got 1.5)`);
  assert.throws(() => a.get(np.array([1.0, 2.5])), (e: Error) => e.name === 'IndexError' && e.message.includes("dtype 'float64'"));
  assert.throws(() => a.get([0.5]), (e: Error) => e.name === 'IndexError' && e.message.startsWith('arrays used as indices'));
  assert.throws(() => a.get({} as never), (e: Error) => e.name === 'IndexError');
  assert.equal(flat(a.get(new Int32Array([5, 0]))), [5, 0]);
  assert.equal(flat(a.get(np.array(4))), [4]);
  assert.is(a.get(np.array(4)).base, owner(a), 'a 0-d integer array indexes like an integer (a view)');
});

test('basic indexing returns writable views; writes through chained views reach the base', () => {
  const x = arange([3, 4]);
  const row = x.get(1);
  assert.is(row.base, owner(x));
  assert.ok(row.flags.writeable);
  x.get(0).set(0, 50);
  assert.is(x.itemSync(0, 0), 50);
  x.get(':', '::2').get(2).set(1, -7);
  assert.is(x.itemSync(2, 2), -7);
  x.get('::-1', 3).set(np.array([1, 2, 3]));
  assert.equal(flat(x.get(':', 3)), [3, 2, 1]);
  x.get(1, np.newaxis).set(9); // a 0-d item of a view
  assert.equal(flat(x.get(1)), [9, 9, 9, 9]);
  const v = x.get(2, 2);
  v.set(100);
  assert.is(x.itemSync(2, 2), 100);
  assert.equal([...x.get(np.newaxis, 1).strides], [0, 1]);
  for (const r of x) assert.is(r.base, owner(x));
});

test('advanced indexing copies; assignment through it writes the source; last write wins', () => {
  const x = arange([5]);
  const c = x.get([0, 1]);
  c.set(0, 99);
  assert.is(x.itemSync(0), 0);
  x.set([1, 1, 1], [7, 8, 9]);
  assert.is(x.itemSync(1), 9);
  x.set(np.array([true, false, false, false, true]), -1);
  assert.equal(flat(x), [-1, 9, 2, 3, -1]);
  const f = np.array([[1.5, -2], [3, 4]]);
  assert.is(f.get([1, 0], [0, 1]).dtype, 'float64');
  assert.equal(flat(f.get([[true, false], [true, true]])), [1.5, 3, 4]);
  const b = np.array([true, false, true]);
  assert.is(b.get([2, 1]).dtype, 'bool');
  assert.equal(b.get([2, 1]).toArraySync(), [true, false]);
});

test('boolean mask assignment in place (dZ.set(Z <= 0, 0))', () => {
  const z = np.array([[1, -2, 3], [-4, 5, 0]]);
  const dz = np.array([[10, 20, 30], [40, 50, 60]], { dtype: 'float32' });
  const mask = np.array(flat(z).map((v) => v <= 0)).reshape([2, 3]);
  dz.set(mask, 0);
  assert.equal(dz.toArraySync(), [[10, 0, 30], [0, 50, 0]]);
  dz.set(mask, np.array([7, 8, 9]));
  assert.equal(dz.toArraySync(), [[10, 7, 30], [8, 50, 9]]);
  dz.set(':', np.array([false, true, false]), 1);
  assert.equal(dz.toArraySync(), [[10, 1, 30], [8, 1, 9]]);
});

test('assignment casts like NumPy setitem and refuses read-only arrays', () => {
  const i = np.zeros([4], { dtype: 'int32' });
  i.set(':2', [1.7, -2.7]);
  i.set(2, 3.9);
  i.set([3], -0.5);
  assert.equal(flat(i), [1, -2, 3, 0]);
  const u = np.zeros([2], { dtype: 'uint8' });
  u.set(0, -1);
  u.set([1], 256 + 7);
  assert.equal(flat(u), [255, 7]);
  const b = np.zeros([3], { dtype: 'bool' });
  b.set(':', [0.5, 0, NaN]);
  assert.equal(b.toArraySync(), [true, false, true]);
  assert.throws(() => i.set(0, NaN), (e: Error) => e.name === 'ValueError' && e.message === 'cannot convert float NaN to integer');
  assert.throws(() => i.set([0], NaN), (e: Error) => e.name === 'ValueError');
  assert.throws(() => i.set(0, Infinity), (e: Error) => e instanceof RangeError && e.message === 'cannot convert float infinity to integer');
  const f = np.zeros([2]);
  f.set(0, NaN);
  assert.ok(Number.isNaN(f.itemSync(0)));
  const ro = np.broadcastTo(np.arange(3), [2, 3]);
  assert.throws(() => ro.set(0, 1), (e: Error) => e.name === 'ValueError' && e.message === 'assignment destination is read-only');
  assert.throws(() => ro.get(0).set(0, 1), /read-only/);
  const frozen = arange([3]);
  frozen.flags.writeable = false;
  assert.throws(() => frozen.set(9, 1), /assignment destination is read-only/, 'read-only is checked before the index');
  assert.throws(() => frozen.set([0], 1), /read-only/);
});

test('assignment from an overlapping view reads the values before writing', () => {
  const x = arange([6]);
  x.set(':', x.get('::-1'));
  assert.equal(flat(x), [5, 4, 3, 2, 1, 0]);
  const y = arange([6]);
  y.set('1:', y.get(':-1'));
  assert.equal(flat(y), [0, 0, 1, 2, 3, 4]);
  const z = arange([6]);
  z.set([0, 1, 2, 3, 4, 5], z.get('::-1'));
  assert.equal(flat(z), [5, 4, 3, 2, 1, 0]);
});

test('indexing on a device that cannot be read synchronously (the GPU path, run by CPU kernels)', () => {
  // A backend like webgpu: same buffers and kernels as cpu here, but no readSync.
  const gpu: Backend = {
    ...cpuBackend, name: 'webgpu', readSync: undefined,
    alloc: (dtype, n) => ({ ...cpuBackend.alloc(dtype, n), backend: gpu }),
    fromTyped: (dtype, data) => ({ ...cpuBackend.fromTyped(dtype, data), backend: gpu }),
  };
  const onGpu = (data: TypedArray, shape: number[], dtype: np.DType): np.NDArray =>
    new np.NDArray({ backend: gpu, dtype, size: data.length, refs: 0, data } as Storage, shape);
  const a = onGpu(new Float64Array([1, -2, 3, -4, 5, -6]), [2, 3], 'float64');
  const mask = onGpu(new Uint8Array([0, 1, 0, 1, 0, 1]), [2, 3], 'bool');
  a.set(mask, 0); // the where kernel: no read of the mask
  assert.equal(Array.from(cpuBackend.readSync!(a)), [1, 0, 3, 0, 5, 0]);
  a.set(onGpu(new Uint8Array([1, 0]), [2], 'bool'), ':2', 9); // a 1-D mask over axis 0, broadcast over axis 1
  assert.equal(Array.from(cpuBackend.readSync!(a)), [9, 9, 3, 0, 5, 0]);
  assert.throws(() => a.get(mask), (e: Error) => e.name === 'ValueError' && e.message.includes("await x.to('cpu')"));
  assert.throws(() => a.set(mask, [1, 2, 3]), (e: Error) => e.name === 'ValueError' && e.message.includes('a single value needs no read'));
  assert.throws(() => a.get(onGpu(new Int32Array([0]), [1], 'int32')), /must be read before it can index/);
  assert.throws(() => a.set(onGpu(new Uint8Array([1, 0, 1, 0]), [4], 'bool'), 0), /boolean index did not match indexed array along dimension 0; dimension is 2 but corresponding boolean dimension is 4/);
  const viaCpu = a.get([1], np.array([true, false, true])); // host indices on a device array: gather there
  assert.equal(Array.from(cpuBackend.readSync!(viaCpu)), [0, 0]);
  assert.is(viaCpu.device, 'webgpu');
  a.set([0, 1], [2, 2], 7);
  assert.equal(Array.from(cpuBackend.readSync!(a)), [9, 9, 7, 0, 5, 7]);
  assert.throws(() => np.nonzero(mask), /must be read/);
});

test('item and itemView', () => {
  const a = arange([2, 3]);
  assert.is(a.get(1).get(2).itemSync(), 5);
  assert.is(arange([1, 1]).get(0).itemSync(), 0);
  assert.is(+arange([3]).get(2), 2);
  assert.throws(() => a.itemSync(1.5), (e: Error) => e instanceof TypeError);
  assert.is(a.T.itemSync(1), 3, 'a flat index follows C order of the view');
});

test('temporaries are released: indexing leaves only its results alive', () => {
  const a = arange([4, 5]);
  const mask = np.array(flat(a).map((v) => v % 2 === 0)).reshape([4, 5]);
  const values = np.array([[1], [2]]);
  const odd = a.get('1::2', 1);
  const before = np.memory().cpu.arrays;
  const outs = [a.get([0, 2], '1:'), a.get(mask), np.take(a, [1, 2], { axis: 1 }), np.take(a, 3), np.takeAlongAxis(a, [[0], [1], [2], [3]], 1)];
  a.set([1, 2], ':', values);
  a.set(mask, 0);
  a.set('::2', 1, odd);
  np.put(a, [0, 3], [5]);
  np.putAlongAxis(a, [[0], [1], [2], [3]], 0, 1);
  a.itemSync(1, 1);
  a.itemSync(3);
  assert.is(np.memory().cpu.arrays - before, outs.length);
});

test.run();
