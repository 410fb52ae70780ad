// Strided operands: transposed, flipped (negative steps), stepped, offset and broadcast (stride 0)
// views as inputs of ufuncs, where, casts and reductions, and strided views as `out`. The expected
// values come from the CPU backend applied to contiguous copies of the same views, so on every
// device this checks the strided path against the plain one.
import type { Test } from 'uvu';
import * as np from '../../ndarray/index.ts';
import { encoded, mismatches, report } from './check.ts';
import type { Conformance } from './config.ts';

type View = (x: np.NDArray) => np.NDArray;
const VIEWS: Record<string, View> = {
  transposed: (x) => x.view([4, 6], [12, 1], 0).T,
  flipped: (x) => np.flip(x),
  'flipped rows': (x) => np.flip(x, { axis: 0 }),
  stepped: (x) => x.view([4, 3], [12, 2], 1),
  offset: (x) => x.view([2, 6], [12, 1], 13),
  broadcast: (x) => x.view([6], [1], 2).broadcastTo([4, 6]),
};

type Op = (a: np.NDArray, b: np.NDArray) => np.NDArray;
const OPS: Record<string, Op> = {
  negative: (a) => np.negative(a),
  exp: (a) => np.exp(a),
  'sqrt(abs)': (a) => np.sqrt(np.abs(a)),
  add: (a, b) => np.add(a, b),
  'multiply scalar': (a) => np.multiply(a, 2.5),
  maximum: (a, b) => np.maximum(a, b),
  less: (a, b) => np.less(a, b),
  where: (a, b) => np.where(np.less(a, 0), a, b),
  'astype int32': (a) => a.astype('int32'),
  copy: (a) => a.copy(),
  'sum axis 0': (a) => np.sum(a, { axis: 0 }),
  'sum axis -1 keepdims': (a) => np.sum(a, { axis: -1, keepdims: true }),
  'max all': (a) => np.max(a),
  'argmax axis 0': (a) => np.argmax(a, { axis: 0 }),
  'cumsum axis 1': (a) => np.cumsum(a, { axis: 1 }),
};

/** A (4, 12) float32 base with distinct values, on `device`. */
const base = (device: np.DeviceName, seed: number): np.NDArray =>
  np.array(Array.from({ length: 48 }, (_, i) => ((i * 37 + seed * 11) % 48) / 4 - 6), { dtype: 'float32', device }).reshape([4, 12]);

export function defineViews(test: Test, c: Conformance): void {
  test('strided, flipped, offset and broadcast views as inputs', async () => {
    const failures: string[] = [];
    for (const [vname, view] of Object.entries(VIEWS)) {
      for (const [oname, op] of Object.entries(OPS)) {
        await np.tidy(async () => {
          const [a, b] = [view(base(c.device, 1)), view(base(c.device, 2))];
          const [ca, cb] = [np.array(await a.toArray(), { dtype: 'float32' }), np.array(await b.toArray(), { dtype: 'float32' })];
          const expected = await encoded(op(ca, cb));
          failures.push(...await mismatches(op(a, b), expected, `${oname} of ${vname} views`, c.tol(oname.split(' ')[0])));
        });
      }
    }
    report(failures, 'views as inputs');
  });

  test('strided and negative-step views as out', async () => {
    await np.tidy(async () => {
      const target = np.zeros([4, 12], { dtype: 'float32', device: c.device });
      const out = np.flip(target.view([4, 6], [12, 2], 0), { axis: 1 });
      np.add(base(c.device, 1).view([4, 6], [12, 1], 0), 1, { out });
      const cpu = np.zeros([4, 12], { dtype: 'float32' });
      np.add(base('cpu', 1).view([4, 6], [12, 1], 0), 1, { out: np.flip(cpu.view([4, 6], [12, 2], 0), { axis: 1 }) });
      report(await mismatches(target, await encoded(cpu), 'out = flipped stepped view', c.tol('add')), 'views as out');
    });
  });
}
