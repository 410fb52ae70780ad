// np.grad and np.valueAndGrad: every derivative rule checked against central differences (float64
// on the CPU), the same gradients on 'webgpu' (float32) against the CPU's, the broadcast rule, the
// refusals (non-differentiable ops, in-place writes, non-scalar outputs), and memory.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { BINARY_OPS, UNARY_OPS } from '../ndarray/ops.ts';
import { requireWebGPU } from './webgpu-setup.ts';
import { throwsWith } from './helpers.ts';

type NDArray = np.NDArray;
const test = suite('autodiff');

/** A fixed pseudo-random weight, so the output gradient g is not all ones. */
function weights(shape: number[], seed = 1, device: np.DeviceName = 'cpu'): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 0.9 + 0.1);
  return np.array(data, { dtype: device === 'cpu' ? 'float64' : 'float32', device }).reshape(shape);
}

/** Values in (lo, hi) for an input of `shape`, deterministic. */
function inputs(shape: number[], lo: number, hi: number, seed = 3): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => lo + (hi - lo) * (0.5 + 0.5 * Math.sin(seed * 3.7 + i * 1.9)) * 0.9 + (hi - lo) * 0.05);
  return np.array(data).reshape(shape);
}

function maxRelErr(a: NDArray, b: NDArray): number {
  const [x, y] = [a.dataSync(), b.dataSync()];
  assert.equal(a.shape, b.shape);
  let err = 0;
  for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
  return err;
}

/** Checks np.grad of `f` at `x` against central differences, and returns the autodiff gradient. */
function check(name: string, f: (x: NDArray) => NDArray, x: NDArray, tol = 1e-6): NDArray {
  const g = np.grad(f)(x) as NDArray;
  const n = np.numericalGrad(f, x);
  const err = maxRelErr(g, n);
  assert.ok(err < tol, `${name}: autodiff and central differences differ by ${err}\nautodiff ${g.toString()}\nnumeric ${n.toString()}`);
  n.dispose();
  return g;
}

/** Input domains where each op is smooth. */
const DOMAINS: Record<string, [number, number]> = {
  sqrt: [0.2, 3], log: [0.2, 3], log2: [0.2, 3], log10: [0.2, 3], log1p: [-0.5, 3], reciprocal: [0.3, 3],
  arcsin: [-0.9, 0.9], arccos: [-0.9, 0.9], arctanh: [-0.9, 0.9], arccosh: [1.2, 3], tan: [-1.2, 1.2],
  power: [0.3, 2], mod: [0.3, 2], fmod: [0.3, 2], divide: [0.3, 2], floorDivide: [0.3, 2],
};

test('worked example: the gradient of sum(x ** 2) at [1, 2, 3] is 2x = [2, 4, 6]; of sum(sin(x) * [2, 3]) at [0, 1] is [2, 3 cos 1]', () => {
  // x = torch.tensor([1., 2., 3.], dtype=torch.float64, requires_grad=True); (x ** 2).sum().backward(); x.grad -> tensor([2., 4., 6.])
  assert.equal((np.grad((x: NDArray) => np.sum(np.square(x)))(np.array([1, 2, 3])) as NDArray).toArraySync(), [2, 4, 6]);
  // x = torch.tensor([0., 1.], dtype=torch.float64, requires_grad=True); (torch.sin(x) * torch.tensor([2., 3.], dtype=torch.float64)).sum().backward(); x.grad.tolist() -> [2.0, 1.6209069176044193]
  const g = np.grad((x: NDArray) => np.sum(np.multiply(np.sin(x), [2, 3])))(np.array([0, 1])) as NDArray;
  assert.ok(maxRelErr(g, np.array([2, 1.6209069176044193])) < 1e-15, g.toString());
});

test('every float ufunc has a derivative rule, and it matches central differences', () => {
  for (const op of UNARY_OPS.values()) {
    if (op.rule === 'bool' || op.rule === 'integer') continue;
    assert.ok(op.d !== undefined, `unary '${op.name}' has no derivative rule`);
    const [lo, hi] = DOMAINS[op.name] ?? [-2, 2];
    const x = inputs([3, 4], lo, hi);
    const w = weights([3, 4]);
    const fn = (np as unknown as Record<string, (a: NDArray) => NDArray>)[op.name];
    check(op.name, (v) => np.sum(np.multiply(fn(v), w)), x);
  }
  for (const op of BINARY_OPS.values()) {
    if (op.rule === 'bool' || op.rule === 'integer') continue;
    assert.ok(op.d !== undefined, `binary '${op.name}' has no derivative rule`);
    const [lo, hi] = DOMAINS[op.name] ?? [-2, 2];
    const fn = (np as unknown as Record<string, (a: NDArray, b: NDArray) => NDArray>)[op.name];
    const a = inputs([3, 4], lo, hi, 5);
    const b = inputs([4], lo, hi, 7); // broadcast: b's gradient is summed over the rows
    const w = weights([3, 4]);
    check(`${op.name} (a)`, (v) => np.sum(np.multiply(fn(v, b), w)), a);
    check(`${op.name} (b)`, (v) => np.sum(np.multiply(fn(a, v), w)), b);
  }
});

test('reductions with axis and keepdims: sum, mean, max, min, prod, std, var', () => {
  const x = inputs([3, 4, 2], -2, 2);
  for (const axis of [undefined, 0, 1, -1, [0, 2]] as const) {
    for (const keepdims of [false, true]) {
      const o = { axis, keepdims };
      const w = (y: NDArray): NDArray => weights([...y.shape]);
      for (const [name, r] of [
        ['sum', np.sum], ['mean', np.mean], ['max', np.max], ['min', np.min], ['prod', np.prod],
        ['std', (a: NDArray, opt: object) => np.std(a, opt)], ['var', (a: NDArray, opt: object) => np.var(a, { ...opt, ddof: 1 })],
      ] as const) {
        check(`${name} ${JSON.stringify(o)}`, (v) => { const y = (r as (a: NDArray, o: object) => NDArray)(v, o); return np.sum(np.multiply(y, w(y))); }, x);
      }
    }
  }
  // prod with zeros: the exact rule (products of the other elements), not prod / x
  const z = np.array([[0, 2, 3], [1, 0, 0]], { dtype: 'float64' });
  const g = np.grad((v: NDArray) => np.sum(np.prod(v, { axis: 1 })))(z) as NDArray;
  assert.equal(g.toArraySync(), [[6, 0, 0], [0, 0, 0]]);
  // ties share the gradient of max equally (JAX's rule)
  const t = np.grad((v: NDArray) => np.max(v))(np.array([1, 3, 3], { dtype: 'float64' })) as NDArray;
  assert.equal(t.toArraySync(), [0, 0.5, 0.5]);
});

test('matmul, dot and their 1-D and batched forms', () => {
  const a = inputs([3, 4], -1, 1, 2);
  const b = inputs([4, 5], -1, 1, 4);
  const v = inputs([4], -1, 1, 6);
  const batch = inputs([2, 3, 4], -1, 1, 8);
  const w35 = weights([3, 5]);
  check('matmul a', (x) => np.sum(np.multiply(np.matmul(x, b), w35)), a);
  check('matmul b', (x) => np.sum(np.multiply(np.matmul(a, x), w35)), b);
  check('matmul 1-D a', (x) => np.sum(np.multiply(np.matmul(x, b), weights([5]))), v);
  check('matmul 1-D b', (x) => np.sum(np.multiply(np.matmul(a, x), weights([3]))), v);
  check('matmul batched a', (x) => np.sum(np.multiply(np.matmul(x, b), weights([2, 3, 5]))), batch);
  check('matmul broadcast b', (x) => np.sum(np.multiply(np.matmul(batch, x), weights([2, 3, 5]))), b);
  check('dot 1-D', (x) => np.dot(x, v), v);
  check('dot 2-D', (x) => np.sum(np.dot(x, b)), a);
  check('x.T @ x', (x) => np.sum(x.T.matmul(x)), a);
  check('tensordot', (x) => np.sum(np.multiply(np.tensordot(x, b, { axes: 1 }), w35)), a);
});

test('shape ops: reshape, transpose, expandDims, squeeze, broadcastTo, flip, swapaxes, moveaxis, ravel, flatten, astype', () => {
  const x = inputs([2, 3, 4], -1, 1);
  const w = (s: number[]): NDArray => weights(s, 9);
  check('reshape', (v) => np.sum(np.multiply(v.reshape([6, 4]), w([6, 4]))), x);
  check('transpose', (v) => np.sum(np.multiply(v.transpose([2, 0, 1]), w([4, 2, 3]))), x);
  check('.T', (v) => np.sum(np.multiply(v.T, w([4, 3, 2]))), x);
  check('expandDims', (v) => np.sum(np.multiply(np.expandDims(v, 1), w([2, 1, 3, 4]))), x);
  check('squeeze', (v) => np.sum(np.multiply(np.squeeze(np.expandDims(v, 0)), w([2, 3, 4]))), x);
  check('broadcastTo', (v) => np.sum(np.multiply(np.broadcastTo(v.get(0, 0), [5, 4]), w([5, 4]))), x);
  check('flip', (v) => np.sum(np.multiply(np.flip(v, { axis: 1 }), w([2, 3, 4]))), x);
  check('swapaxes', (v) => np.sum(np.multiply(np.swapaxes(v, 0, 2), w([4, 3, 2]))), x);
  check('moveaxis', (v) => np.sum(np.multiply(np.moveaxis(v, 0, -1), w([3, 4, 2]))), x);
  check('ravel', (v) => np.sum(np.multiply(np.ravel(v.T), w([24]))), x);
  check('flatten', (v) => np.sum(np.multiply(v.flatten(), w([24]))), x);
  const viaFloat32 = np.grad((v: NDArray) => np.sum(np.multiply(v.astype('float32').astype('float64'), w([2, 3, 4]))))(x) as NDArray;
  assert.ok(maxRelErr(viaFloat32, w([2, 3, 4])) < 1e-7, 'astype passes the gradient on, cast back to the input dtype');
  assert.is(viaFloat32.dtype, 'float64');
});

test('indexing: basic views, integer arrays with repeats (scatter-add), boolean masks', () => {
  const x = inputs([4, 5], -1, 1);
  const w = (s: number[]): NDArray => weights(s, 11);
  check('basic slice', (v) => np.sum(np.multiply(v.get('1:3', '::2'), w([2, 3]))), x);
  check('integer', (v) => np.sum(np.multiply(v.get(2), w([5]))), x);
  check('gather with repeats', (v) => np.sum(np.multiply(v.get([0, 2, 2, 3]), w([4, 5]))), x);
  check('two index arrays', (v) => np.sum(np.multiply(v.get([1, 1, 3], [0, 4, 4]), w([3]))), x);
  check('mask', (v) => np.sum(np.multiply(v.get(np.greater(x, 0)), 2)), x);
  const g = np.grad((v: NDArray) => np.sum(v.get([1, 1, 1])))(np.zeros([3])) as NDArray;
  assert.equal(g.toArraySync(), [0, 3, 0]);
});

test('concatenate, stack, split, where, clip, maximum, logsumexp, softmax, logSoftmax', () => {
  const x = inputs([3, 4], -2, 2);
  const y = inputs([3, 2], -2, 2, 13);
  const w = (s: number[]): NDArray => weights(s, 17);
  check('concatenate axis 1', (v) => np.sum(np.multiply(np.concatenate([v, y, v], { axis: 1 }), w([3, 10]))), x);
  check('concatenate axis null', (v) => np.sum(np.multiply(np.concatenate([y, v], { axis: null }), w([18]))), x);
  check('stack', (v) => np.sum(np.multiply(np.stack([v, v.multiply(2)], { axis: 1 }), w([3, 2, 4]))), x);
  check('vstack/hstack', (v) => np.sum(np.multiply(np.hstack([v, np.vstack([y.T, y.T]).T.get(':', ':2')]), w([3, 6]))), x);
  check('split (one piece unused)', (v) => { const [, b, c] = np.split(v, [1, 3], { axis: 1 }); return np.sum(np.multiply(np.concatenate([c, b], { axis: 1 }), w([3, 3]))); }, x);
  check('where', (v) => np.sum(np.multiply(np.where(np.greater(x, 0), v, np.square(v)), w([3, 4]))), x);
  check('clip', (v) => np.sum(np.multiply(np.clip(v, -1, 1), w([3, 4]))), x);
  check('maximum with a scalar (relu)', (v) => np.sum(np.multiply(np.maximum(v, 0), w([3, 4]))), x);
  for (const axis of [0, 1, -1]) {
    check(`softmax axis ${axis}`, (v) => np.sum(np.multiply(np.softmax(v, { axis }), w([3, 4]))), x);
    check(`logSoftmax axis ${axis}`, (v) => np.sum(np.multiply(np.logSoftmax(v, { axis }), w([3, 4]))), x);
  }
  check('logsumexp all', (v) => np.logsumexp(v), x);
  check('logsumexp axis 1', (v) => np.sum(np.multiply(np.logsumexp(v, { axis: 1 }), w([3]))), x);
  check('logsumexp keepdims', (v) => np.sum(np.multiply(np.logsumexp(v, { axis: 0, keepdims: true }), w([1, 4]))), x);
  // large logits do not overflow
  const big = np.array([1000, 1001, 1002], { dtype: 'float64' });
  const s = np.grad((v: NDArray) => np.logsumexp(v))(big) as NDArray;
  assert.ok(Math.abs((s.toArraySync() as number[]).reduce((a, b) => a + b) - 1) < 1e-12);
});

test('a small network: mean squared error of tanh(x W + b) v, all weights at once', () => {
  const x = inputs([5, 3], -1, 1);
  const target = inputs([5, 1], -1, 1, 19);
  const params = { W: inputs([3, 4], -1, 1, 21), b: inputs([4], -1, 1, 23), v: inputs([4, 1], -1, 1, 25) };
  const loss = (p: { W: NDArray; b: NDArray; v: NDArray }): NDArray =>
    np.mean(np.square(np.subtract(np.matmul(np.tanh(np.add(np.matmul(x, p.W), p.b)), p.v), target)));
  const [value, grads] = np.valueAndGrad(loss)(params) as [NDArray, Record<string, NDArray>];
  assert.ok(Math.abs(value.itemSync() - loss(params).itemSync()) < 1e-15);
  for (const key of ['W', 'b', 'v'] as const) {
    const numeric = np.numericalGrad((w) => loss({ ...params, [key]: w }), params[key]);
    assert.ok(maxRelErr(grads[key], numeric) < 1e-6, key);
  }
});

test('argnums, hasAux, closures are constants, repeated use of one input adds up', () => {
  const a = np.array([1, 2, 3], { dtype: 'float64' });
  const b = np.array([4, 5, 6], { dtype: 'float64' });
  const f = (x: NDArray, y: NDArray): NDArray => np.sum(np.multiply(x, y));
  assert.equal((np.grad(f)(a, b) as NDArray).toArraySync(), [4, 5, 6]);
  assert.equal((np.grad(f, { argnums: 1 })(a, b) as NDArray).toArraySync(), [1, 2, 3]);
  const [ga, gb] = np.grad(f, { argnums: [0, 1] })(a, b) as NDArray[];
  assert.equal([ga.toArraySync(), gb.toArraySync()], [[4, 5, 6], [1, 2, 3]]);
  const [[value, aux], g] = np.valueAndGrad((x: NDArray) => [np.sum(np.square(x)), 'aux'], { hasAux: true })(a);
  assert.equal([(value as NDArray).itemSync(), aux, (g as NDArray).toArraySync()], [14, 'aux', [2, 4, 6]]);
  // `a` captured by the closure is a constant: only the argument is differentiated
  assert.equal((np.grad((x: NDArray) => np.sum(np.multiply(x, a)))(a) as NDArray).toArraySync(), [1, 2, 3]);
  // x used twice: x*x + x
  assert.equal((np.grad((x: NDArray) => np.sum(np.add(np.multiply(x, x), x)))(a) as NDArray).toArraySync(), [3, 5, 7]);
  // an output that does not depend on x: zero gradient
  assert.equal((np.grad((_x: NDArray) => np.sum(b))(a) as NDArray).toArraySync(), [0, 0, 0]);
  // stopGradient
  assert.equal((np.grad((x: NDArray) => np.sum(np.multiply(x, np.stopGradient(x))))(a) as NDArray).toArraySync(), [1, 2, 3]);
});

test('refusals name the op: non-differentiable ops, in-place writes, non-scalar outputs, non-array inputs', () => {
  const x = np.array([3, 1, 2], { dtype: 'float64' });
  throwsWith(() => np.grad((v: NDArray) => np.sum(np.sort(v)))(x), 'sort');
  throwsWith(() => np.grad((v: NDArray) => np.sum(np.cumsum(v)))(x), 'cumsum');
  throwsWith(() => np.grad((v: NDArray) => { v.iadd(1); return np.sum(v); })(x), 'in-place');
  throwsWith(() => np.grad((v: NDArray) => { const y = np.multiply(v, 2); y.set(0, 5); return np.sum(y); })(x), 'in-place');
  throwsWith(() => np.grad((v: NDArray) => np.add(v, 1, { out: v }))(x), 'in-place');
  throwsWith(() => np.grad((v: NDArray) => np.multiply(v, 2))(x), 'Gradient only defined for scalar-output functions. Output had shape: (3,)');
  // an integer input is differentiated as the float array it stands for (JS has no `1.`)
  const gi = np.grad((v: NDArray) => np.sum(np.square(v)))(np.array([1, 2], { dtype: 'int32' })) as NDArray;
  assert.equal([gi.dtype, gi.toArraySync()], ['float64', [2, 4]]);
  throwsWith(() => np.grad((v: NDArray) => np.sum(v))([1, 2] as unknown as NDArray), 'must be an NDArray');
  // comparisons and argmax are allowed (no derivative flows through them)
  const g = np.grad((v: NDArray) => np.sum(np.where(np.greater(v, 1.5), v, 0)))(x) as NDArray;
  assert.equal(g.toArraySync(), [1, 0, 1]);
  assert.equal(np.argmax(x).itemSync(), 0); // the tape is off again after a failure
});

test('nothing leaks: the memory after valueAndGrad holds only the value and the gradients', () => {
  const x = inputs([8, 8], -1, 1);
  const before = np.memory().cpu.arrays;
  for (let i = 0; i < 5; i++) {
    const [v, g] = np.valueAndGrad((a: NDArray) => np.sum(np.softmax(np.matmul(a, a.T).get([0, 1, 1]))))(x) as [NDArray, NDArray];
    v.dispose();
    g.dispose();
  }
  try {
    np.grad((a: NDArray) => np.sum(np.sort(a)))(x);
  } catch {
    // refused, and it must still free what it made
  }
  assert.is(np.memory().cpu.arrays, before);
});

test('np.stack frees its temporary views and the arrays it made from JS data', () => {
  const a = np.array([1, 2]);
  const before = np.memory().cpu;
  const s = np.stack([a, [3, 4], a], { axis: 1 });
  assert.equal(s.toArraySync(), [[1, 3, 1], [2, 4, 2]]);
  s.dispose();
  assert.equal(np.memory().cpu, before);
});

test('addAt (np.add.at): repeated indices add up; basic indices add in place', () => {
  const a = np.zeros([5]);
  np.addAt(a, [0, 1, 1, 4], [1, 2, 3, 4]);
  assert.equal(a.toArraySync(), [1, 5, 0, 0, 4]);
  const m = np.zeros([2, 3]);
  np.addAt(m, ':', 1, 10);
  np.addAt(m, [1, 1], [0, 0], 1);
  assert.equal(m.toArraySync(), [[0, 10, 0], [2, 10, 0]]);
});

test.run();

// ---- the same rules on 'webgpu' (float32), against the CPU's float64 gradients ----------------------
if (await requireWebGPU('autodiff on webgpu')) {
  const gpu = suite('autodiff on webgpu');
  async function same(name: string, f: (x: NDArray) => NDArray, x: NDArray, tol = 2e-4): Promise<void> {
    const cpu = np.grad(f)(x) as NDArray;
    const xg = await x.astype('float32').to('webgpu');
    const g = np.grad(f)(xg) as NDArray;
    assert.is(g.device, 'webgpu');
    const back = np.array(await g.toArray());
    const err = maxRelErr(back, cpu);
    assert.ok(err < tol, `${name} on webgpu differs from cpu by ${err}`);
    [xg, g].forEach((a) => a.dispose());
  }
  gpu('ufuncs, reductions, matmul, indexing, softmax on webgpu agree with cpu', async () => {
    await np.initWebGPU();
    const x = inputs([5, 7], 0.3, 2);
    // every float ufunc's rule, on the GPU's kernels, against the CPU's float64 gradient
    const w = weights([5, 7]);
    for (const op of UNARY_OPS.values()) {
      if (op.rule === 'bool' || op.rule === 'integer' || op.d === 'zero') continue;
      const [lo, hi] = DOMAINS[op.name] ?? [-2, 2];
      const fn = (np as unknown as Record<string, (a: NDArray) => NDArray>)[op.name];
      const wg = await w.astype('float32').to('webgpu');
      await same(op.name, (v) => np.sum(np.multiply(fn(v), v.device === 'cpu' ? w : wg)), inputs([5, 7], lo, hi), 5e-4);
      wg.dispose();
    }
    for (const op of BINARY_OPS.values()) {
      if (op.rule === 'bool' || op.rule === 'integer' || op.d === 'zero') continue;
      const [lo, hi] = DOMAINS[op.name] ?? [-2, 2];
      const fn = (np as unknown as Record<string, (a: NDArray, b: NDArray) => NDArray>)[op.name];
      const other = inputs([7], lo, hi, 7);
      const og = await other.astype('float32').to('webgpu');
      await same(`${op.name} (a)`, (v) => np.sum(fn(v, v.device === 'cpu' ? other : og)), inputs([5, 7], lo, hi, 5), 5e-4);
      og.dispose();
    }
    await same('broadcast add, multiply, divide, power', (v) => np.sum(np.power(np.divide(np.multiply(np.add(v, v.get(0)), v), v.get(':', 0).reshape([-1, 1])), 2)), x);
    await same('maximum/where/clip', (v) => np.sum(np.add(np.maximum(np.subtract(v, 1), 0), np.clip(v, 0.5, 1.5))), x);
    await same('mean/max/std/var axis', (v) => np.add(np.add(np.sum(np.mean(v, { axis: 0 })), np.sum(np.max(v, { axis: 1 }))), np.add(np.sum(np.std(v, { axis: 1 })), np.sum(np.var(v, { axis: 0 })))), x);
    await same('matmul (shapes that do not divide the tiles)', (v) => np.sum(np.tanh(np.matmul(v, v.T))), x);
    await same('gather with repeats (scatter-add)', (v) => np.sum(np.multiply(v.get([0, 3, 3, 3, 4]), 2)), x);
    await same('softmax, logSoftmax, logsumexp', (v) => np.add(np.add(np.sum(np.square(np.softmax(v))), np.sum(np.logSoftmax(v, { axis: 0 }).get(0))), np.logsumexp(v)), x);
    await same('concatenate/split/transpose/reshape', (v) => { const [a, b] = np.split(v.T.reshape([-1]), [10]); return np.sum(np.multiply(np.concatenate([b, a]), np.arange(0, 35, 1, { dtype: v.dtype, device: v.device }))); }, x);
  });
  gpu('no GPU memory is left behind', async () => {
    const x = await inputs([16, 9], -1, 1).astype('float32').to('webgpu');
    const before = np.memory().webgpu;
    for (let i = 0; i < 3; i++) {
      const [v, g] = np.valueAndGrad((a: NDArray) => np.sum(np.softmax(np.matmul(a, a.T))))(x) as [NDArray, NDArray];
      v.dispose();
      g.dispose();
    }
    assert.equal(np.memory().webgpu.arrays, before.arrays);
    assert.equal(np.memory().webgpu.buffers, before.buffers);
    x.dispose();
  });
  gpu.run();
}
