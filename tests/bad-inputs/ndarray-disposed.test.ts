// A disposed array is refused by every entry point, on every device, with one error (NDArray.assertAlive:
// "this array was disposed; its buffer may have been reused"), before anything is allocated: np.memory()
// is the same after the refusal as before it. The check lives in asarray (every function's first step),
// in the view constructor (.T, reshape, broadcastTo) and in the autodiff wrapper of each op.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { requireWebGPU } from '../webgpu-setup.ts';

type Op = [string, (x: np.NDArray) => unknown];
const OPS: readonly Op[] = [
  ['np.sum', (x) => np.sum(x)], ['x.sum()', (x) => x.sum()], ['np.max', (x) => np.max(x)], ['x.max()', (x) => x.max()],
  ['np.mean', (x) => np.mean(x, { axis: 0 })], ['x.mean()', (x) => x.mean()], ['np.argmax', (x) => np.argmax(x)],
  ['x.argmax()', (x) => x.argmax()], ['np.cumsum', (x) => np.cumsum(x)], ['x.cumsum()', (x) => x.cumsum()],
  ['np.sort', (x) => np.sort(x)], ['x.sort()', (x) => x.sort()], ['np.copy', (x) => np.copy(x)], ['x.copy()', (x) => x.copy()],
  ['x.astype', (x) => x.astype('int32')], ['np.concatenate', (x) => np.concatenate([x, x])],
  ['np.concatenate (second)', (x) => np.concatenate([[[0, 0, 0]], x])],
  ['np.take', (x) => np.take(x, [0])], ['np.broadcastTo', (x) => np.broadcastTo(x, [4, 2, 3])], ['x.broadcastTo', (x) => x.broadcastTo([4, 2, 3])],
  ['x.T', (x) => x.T], ['np.transpose', (x) => np.transpose(x)], ['x.reshape', (x) => x.reshape(3, 2)], ['np.reshape', (x) => np.reshape(x, [6])],
  ['x.get', (x) => x.get(0)], ['np.add', (x) => np.add(x, 1)], ['np.add (second)', (x) => np.add(1, x)], ['x.add', (x) => x.add(1)],
  ['np.exp', (x) => np.exp(x)], ['np.matmul', (x) => np.matmul(x, x.T)], ['np.where', (x) => np.where(true, x, 0)],
  ['np.asarray', (x) => np.asarray(x)], ['np.array', (x) => np.array(x)], ['np.stack', (x) => np.stack([x])],
  ['np.quantile', (x) => np.quantile(x, 0.5)], ['np.unique', (x) => np.unique(x)], ['np.diff', (x) => np.diff(x)],
  ['x.ravel', (x) => x.ravel()], ['np.put', (x) => np.put(x, [0], 1)], ['x.set', (x) => x.set(0, 1)], ['x.iadd', (x) => x.iadd(1)], ['x.flatten', (x) => x.flatten()], ['np.squeeze', (x) => np.squeeze(x)],
];

function refusesAll(device: np.DeviceName, make: () => np.NDArray): void {
  for (const [name, op] of OPS) {
    const x = make();
    x.dispose();
    const before = np.memory()[device];
    let error: unknown = null;
    try {
      op(x);
    } catch (e) {
      error = e;
    }
    assert.instance(error, np.ValueError, `${name} on a disposed ${device} array should throw a ValueError`);
    assert.match((error as Error).message, 'this array was disposed', name);
    assert.equal(np.memory()[device], before, `${name} on ${device}: np.memory() changed`);
  }
}

// A worked example first.
test('np.sum of a disposed CPU array throws instead of returning the old values', () => {
  const x = np.array([1, 2, 3]);
  x.dispose();
  assert.throws(() => np.sum(x), (e: Error) => e instanceof np.ValueError && /was disposed/.test(e.message));
});

test(`${OPS.length} entry points refuse a disposed CPU array, allocating nothing`, () => {
  refusesAll('cpu', () => np.array([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' }));
});

test('a view made before the dispose stays usable (it holds the buffer)', () => {
  const x = np.array([[1, 2, 3], [4, 5, 6]]);
  const row = x.get(1);
  x.dispose();
  assert.equal(row.toArraySync(), [4, 5, 6]);
  assert.equal(np.sum(row).itemSync(), 15);
  row.dispose();
});

test.run();

if (await requireWebGPU('disposed arrays on webgpu')) {
  const t = (await import('uvu')).suite('disposed arrays on webgpu');
  t.before(async () => { await np.initWebGPU(); });
  t(`${OPS.length} entry points refuse a disposed WebGPU array with the same error, allocating nothing`, () => {
    refusesAll('webgpu', () => np.array([[1, 2, 3], [4, 5, 6]], { dtype: 'float32', device: 'webgpu' }));
  });
  t.run();
}
