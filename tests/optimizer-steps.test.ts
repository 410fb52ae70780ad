// np.fused.sgdStep / rmspropStep / adamStep: the one-pass optimizer updates, on 'cpu' against the same
// formulas written with ufuncs (float64, arrays at an offset inside bigger buffers), on 'webgpu'
// against the cpu (float32), and their refusals.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { requireWebGPU } from './webgpu-setup.ts';

type NDArray = np.NDArray;
const test = suite('fused optimizer steps');
const values = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.7));

/** Three rows of 7 values; the fused steps get row 1 (a view at offset 7), so offsets are exercised. */
const rows = (seed: number, dtype: 'float32' | 'float64' = 'float64'): NDArray => np.array([values(7, seed), values(7, seed + 1), values(7, seed + 2)], { dtype });

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

test('worked example: two SGD steps (lr 0.1, momentum 0.9) with gradient [0.5, -1] move [1, 2] to [0.95, 2.1], then [0.855, 2.29]', () => {
  const [p, g, velocity] = [np.array([1, 2], { dtype: 'float64' }), np.array([0.5, -1]), np.zeros([2])];
  // p = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True); o = torch.optim.SGD([p], lr=0.1, momentum=0.9); [(setattr(p, 'grad', torch.tensor([0.5, -1.], dtype=torch.float64)), o.step()) for _ in range(n)]; p.tolist() -> n = 1: [0.95, 2.1]; n = 2: [0.855, 2.29]
  np.fused.sgdStep(p, g, velocity, { lr: 0.1, momentum: 0.9 });
  assert.ok(maxDiff(p.dataSync(), [0.95, 2.1]) < 1e-15, p.toString());
  np.fused.sgdStep(p, g, velocity, { lr: 0.1, momentum: 0.9 });
  assert.ok(maxDiff(p.dataSync(), [0.855, 2.29]) < 1e-15, p.toString());
});

test('an integer parameter is refused in words that name its dtype once', () => {
  const p = np.zeros([3], { dtype: 'int32' }), g = np.ones([3], { dtype: 'int32' });
  assert.throws(() => np.fused.sgdStep(p, g, null, { lr: 0.1 }), (e: Error) => e.message === 'fused.sgdStep takes float arrays, got int32');
});

test('adamStep equals the Adam formula written with ufuncs, at an offset, for two steps', () => {
  const [P, G, M, V] = [rows(1), rows(2), rows(3), np.abs(rows(4))];
  const [p, g, m, v] = [P.get(1), G.get(1), M.get(1), V.get(1)];
  const [pe, me, ve] = [p.copy(), m.copy(), v.copy()];
  for (const step of [1, 2]) {
    np.fused.adamStep(p, g, m, v, { lr: 0.01, step });
    const alpha = (0.01 * Math.sqrt(1 - 0.999 ** step)) / (1 - 0.9 ** step);
    np.add(me, np.multiply(np.subtract(g, me), 0.1), { out: me });
    np.add(ve, np.multiply(np.subtract(np.square(g), ve), 1 - 0.999), { out: ve });
    np.subtract(pe, np.divide(np.multiply(me, alpha), np.add(np.sqrt(ve), 1e-7)), { out: pe });
  }
  assert.ok(maxDiff(p.dataSync(), pe.dataSync()) < 1e-15);
  assert.ok(maxDiff(m.dataSync(), me.dataSync()) < 1e-15);
  assert.equal(P.get(0).toArraySync(), values(7, 1), 'the rows around it are untouched');
});

test('sgdStep (plain, momentum, nesterov) and rmspropStep equal their formulas', () => {
  for (const nesterov of [false, true]) {
    const [p, g, vel] = [rows(5).get(1), rows(6).get(1), rows(7).get(1)];
    const [pe, ve] = [p.copy(), vel.copy()];
    np.fused.sgdStep(p, g, vel, { lr: 0.1, momentum: 0.9, nesterov });
    np.subtract(np.multiply(ve, 0.9), np.multiply(g, 0.1), { out: ve });
    np.add(pe, nesterov ? np.subtract(np.multiply(ve, 0.9), np.multiply(g, 0.1)) : ve, { out: pe });
    assert.ok(maxDiff(p.dataSync(), pe.dataSync()) < 1e-15, `nesterov ${nesterov}`);
  }
  const [p, g] = [rows(8).get(1), rows(9).get(1)];
  const pe = p.copy();
  np.fused.sgdStep(p, g, null, { lr: 0.5 });
  assert.ok(maxDiff(p.dataSync(), np.subtract(pe, np.multiply(g, 0.5)).dataSync()) < 1e-15);
  const [q, h, a] = [rows(10).get(1), rows(11).get(1), np.abs(rows(12)).get(1)];
  const [qe, ae] = [q.copy(), a.copy()];
  np.fused.rmspropStep(q, h, a, { lr: 0.01 });
  np.add(np.multiply(ae, 0.9), np.multiply(np.square(h), 0.1), { out: ae });
  np.subtract(qe, np.divide(np.multiply(h, 0.01), np.sqrt(np.add(ae, 1e-7))), { out: qe });
  assert.ok(maxDiff(q.dataSync(), qe.dataSync()) < 1e-15);
});

test('refusals: mixed dtypes, sizes, non-contiguous arrays, read-only parameters', () => {
  const p = rows(1).get(1);
  assert.throws(() => np.fused.sgdStep(p, rows(2, 'float32').get(1), null, { lr: 1 }), /one dtype/);
  assert.throws(() => np.fused.sgdStep(p, np.zeros([6]), null, { lr: 1 }), /7 elements/);
  assert.throws(() => np.fused.sgdStep(rows(1).T.get(1), rows(2).T.get(1), null, { lr: 1 }), /contiguous/);
  assert.throws(() => np.fused.sgdStep(np.broadcastTo(np.zeros([1]), [7]), rows(2).get(1), null, { lr: 1 }), /contiguous|read-only/);
});

test.run();

if (await requireWebGPU('fused optimizer steps on webgpu')) {
  const gpu = suite('fused optimizer steps on webgpu');
  gpu('adamStep on webgpu equals the cpu loop (float32)', async () => {
    await np.initWebGPU();
    const host = [rows(1, 'float32'), rows(2, 'float32'), rows(3, 'float32'), np.abs(rows(4, 'float32'))].map((a) => a.get(1).copy());
    const dev = await Promise.all(host.map((a) => a.to('webgpu')));
    for (const step of [1, 2, 3]) {
      np.fused.adamStep(host[0], host[1], host[2], host[3], { lr: 0.01, step });
      np.fused.adamStep(dev[0], dev[1], dev[2], dev[3], { lr: 0.01, step });
    }
    assert.ok(maxDiff(host[0].dataSync(), await dev[0].data()) < 1e-6);
    dev.forEach((a) => a.dispose());
  });
  gpu.run();
}
