// Broadcasting against NumPy 1.24 (tests/oracle/ufuncs.py): every pair of 20 shapes (0-d, length-1,
// empty and mismatched axes) plus the classic cases ((8,1,6,1)+(7,1,5), the (n,1)+(n,) pitfall),
// three-operand `where`, and the `out` option's shape rule. Values come from np.add / np.where, so the
// test also checks that stride-0 views read the right elements.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { checkArray, checkError } from './ufuncs-fixtures.ts';
import fixture from './fixtures/ufuncs_broadcast.json';

/** The oracle's operand(shape, k): arange(n) * (k + 1) + 10k as float64. */
function operand(shape: number[], k: number): np.NDArray {
  const n = shape.reduce((p, d) => p * d, 1);
  return np.add(np.multiply(np.arange(n).astype('float64'), k + 1), 10 * k).reshape(shape);
}
const label = (shapes: number[][]): string => shapes.map((s) => `(${s.join(',')})`).join(' + ');

test('worked example: a (3, 1) column plus a (3,) row broadcasts to (3, 3)', () => {
  // np.add([[0], [10], [20]], [1, 2, 3]).tolist() -> [[1, 2, 3], [11, 12, 13], [21, 22, 23]]
  assert.equal(np.add([[0], [10], [20]], [1, 2, 3]).toArraySync(), [[1, 2, 3], [11, 12, 13], [21, 22, 23]]);
});

test('np.add broadcasts every pair of shapes as NumPy does, or throws its message', () => {
  assert.ok(fixture.pairs.length > 400);
  for (const c of fixture.pairs) {
    const [a, b] = c.shapes.map((s, k) => operand(s, k));
    if (c.error !== undefined) {
      checkError(() => np.add(a, b), c.error, label(c.shapes));
      checkError(() => np.broadcastShapes(...c.shapes), c.error, `broadcastShapes ${label(c.shapes)}`);
      continue;
    }
    const r = np.add(a, b);
    assert.equal([...r.shape], c.shape, label(c.shapes));
    assert.equal(np.broadcastShapes(...c.shapes), c.shape);
    if (c.add) checkArray(r, { shape: c.shape as number[], dtype: 'float64', data: c.add }, label(c.shapes));
  }
});

test('the classic cases: (8,1,6,1)+(7,1,5) -> (8,7,6,5); (n,1)+(n,) -> (n,n); (3,)+(4,) fails', () => {
  assert.equal([...np.add(np.zeros([8, 1, 6, 1]), np.zeros([7, 1, 5])).shape], [8, 7, 6, 5]);
  assert.equal(np.subtract([[1], [2], [3]], [1, 2, 3]).toArraySync(), [[0, -1, -2], [1, 0, -1], [2, 1, 0]]);
  checkError(() => np.add([1, 2, 3], [1, 2, 3, 4]), 'operands could not be broadcast together with shapes (3,) (4,)', '(3,)+(4,)');
});

test('where broadcasts its three operands together', () => {
  for (const c of fixture.triples) {
    const [cs, xs, ys] = c.shapes;
    const n = cs.reduce((p, d) => p * d, 1);
    const cond = np.equal(np.mod(np.arange(n), 2), 0).reshape(cs);
    const run = (): np.NDArray => np.where(cond, operand(xs, 1), operand(ys, 2));
    if (c.error !== undefined) checkError(run, c.error, `where ${label(c.shapes)}`);
    else checkArray(run(), c.where!, `where ${label(c.shapes)}`);
  }
});

test('out: inputs broadcast to out, which must have the full broadcast shape', () => {
  for (const c of fixture.outs) {
    const [a, b] = c.shapes.map((s, k) => operand(s, k));
    const what = `${label(c.shapes)} -> out (${c.out_shape.join(',')})`;
    const out = np.zeros(c.out_shape);
    if (c.error !== undefined) {
      checkError(() => np.add(a, b, { out }), c.error, what);
      continue;
    }
    assert.is(np.add(a, b, { out }), out);
    checkArray(out, c.out!, what);
  }
  checkError(() => np.add([1, 2], 1, { out: np.broadcastTo(np.zeros([1]), [2]) }), 'output array is read-only', 'read-only out');
});

test('broadcasting makes no copy: only the result is allocated', () => {
  const a = np.zeros([100, 100]);
  const row = np.arange(100).astype('float64');
  const before = np.memory().cpu;
  const r = np.add(a, row);
  const after = np.memory().cpu;
  assert.is(after.buffers - before.buffers, 1);
  assert.is(after.bytes - before.bytes, 100 * 100 * 8);
  r.dispose();
});

test.run();
