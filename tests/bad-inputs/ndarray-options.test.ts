// Misspelt and unimplemented options are refused, as Python refuses an unexpected keyword argument:
// np.sum(x, {axes: 0}) throws "sum() got an unexpected keyword argument 'axes'" instead of summing
// everything. The table below names every export of tessera/ndarray that takes an options object;
// the last test checks that every exported function is either in it or listed as taking no options.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';

/** Asserts `fn` throws a TypeError whose message contains every one of `words`. */
function refuses(fn: () => unknown, words: readonly string[]): void {
  let error: unknown = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.instance(error, TypeError, `expected a TypeError mentioning ${words.join(', ')}`);
  for (const w of words) assert.ok((error as Error).message.includes(w), `"${(error as Error).message}" should mention ${w}`);
}

async function refusesAsync(fn: () => Promise<unknown>, words: readonly string[]): Promise<void> {
  let error: unknown = null;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.instance(error, TypeError, `expected a TypeError mentioning ${words.join(', ')}`);
  for (const w of words) assert.ok((error as Error).message.includes(w), `"${(error as Error).message}" should mention ${w}`);
}

// A worked example first.
test('np.sum(x, {axes: 0}) names the key, the function and the valid keys', () => {
  const x = np.array([[1, 2], [3, 4]]);
  const before = np.memory().cpu.arrays;
  refuses(() => np.sum(x, { axes: 0 } as never), ["sum() got an unexpected keyword argument 'axes'", "'axis'", "'keepdims'"]);
  assert.is(np.memory().cpu.arrays, before);
  x.dispose();
});

type Call = (o: Record<string, unknown>) => unknown;
const M = () => np.array([[1, 2], [3, 4]], { dtype: 'float64' });
const V = () => np.array([1, 2, 3], { dtype: 'float64' });
const S = () => np.array([[2, 1], [1, 2]], { dtype: 'float64' });
const G = (o: Record<string, unknown>) => o as never;

/** [export path, NumPy's name in the message, a call with the options object]. */
const SYNC: readonly [string, string, Call][] = [
  ['array', 'array', (o) => np.array([1], G(o))], ['asarray', 'asarray', (o) => np.asarray([1], G(o))],
  ['fromBuffer', 'frombuffer', (o) => np.fromBuffer(new Float64Array(2), G(o))],
  ['empty', 'empty', (o) => np.empty([2], G(o))], ['zeros', 'zeros', (o) => np.zeros([2], G(o))],
  ['ones', 'ones', (o) => np.ones([2], G(o))], ['full', 'full', (o) => np.full([2], 1, G(o))],
  ['emptyLike', 'empty_like', (o) => np.emptyLike(V(), G(o))], ['zerosLike', 'zeros_like', (o) => np.zerosLike(V(), G(o))],
  ['onesLike', 'ones_like', (o) => np.onesLike(V(), G(o))], ['setMemoryWarning', 'setMemoryWarning', (o) => np.setMemoryWarning(G(o))], ['fullLike', 'full_like', (o) => np.fullLike(V(), 1, G(o))],
  ['arange', 'arange', (o) => np.arange(0, 3, 1, G(o))], ['linspace', 'linspace', (o) => np.linspace(0, 1, 3, G(o))],
  ['eye', 'eye', (o) => np.eye(2, 2, G(o))], ['identity', 'eye', (o) => np.identity(2, G(o))],
  ['meshgrid', 'meshgrid', (o) => np.meshgrid([1, 2], [3], G(o))],
  ['squeeze', 'squeeze', (o) => np.squeeze(M(), G(o))], ['flip', 'flip', (o) => np.flip(M(), G(o))],
  ['concatenate', 'concatenate', (o) => np.concatenate([V(), V()], G(o))], ['stack', 'stack', (o) => np.stack([V(), V()], G(o))],
  ['append', 'append', (o) => np.append(V(), V(), G(o))], ['split', 'split', (o) => np.split(V(), 3, G(o))],
  ['arraySplit', 'array_split', (o) => np.arraySplit(V(), 2, G(o))],
  ['sort', 'sort', (o) => np.sort(V(), G(o))], ['argsort', 'argsort', (o) => np.argsort(V(), G(o))],
  ['unique', 'unique', (o) => np.unique(V(), G(o))], ['searchsorted', 'searchsorted', (o) => np.searchsorted(V(), 2, G(o))],
  ['bincount', 'bincount', (o) => np.bincount([0, 1], G(o))],
  ['quantile', 'quantile', (o) => np.quantile(V(), 0.5, G(o))], ['percentile', 'percentile', (o) => np.percentile(V(), 50, G(o))],
  ['median', 'median', (o) => np.median(V(), G(o))], ['average', 'average', (o) => np.average(V(), G(o))],
  ['ptp', 'ptp', (o) => np.ptp(V(), G(o))], ['diff', 'diff', (o) => np.diff(V(), G(o))],
  ['repeat', 'repeat', (o) => np.repeat(V(), 2, G(o))], ['take', 'take', (o) => np.take(V(), [0], G(o))],
  ['put', 'put', (o) => np.put(V(), [0], 1, G(o))], ['tensordot', 'tensordot', (o) => np.tensordot(M(), M(), G(o))],
  ['softmax', 'softmax', (o) => np.softmax(V(), G(o))], ['logSoftmax', 'log_softmax', (o) => np.logSoftmax(V(), G(o))],
  ['logsumexp', 'logsumexp', (o) => np.logsumexp(V(), G(o))], ['setPrintOptions', 'set_printoptions', (o) => np.setPrintOptions(G(o))],
  ['isclose', 'isclose', (o) => np.isclose(V(), V(), G(o))], ['allcloseSync', 'isclose', (o) => np.allcloseSync(V(), V(), G(o))],
  ['arrayEqualSync', 'array_equal', (o) => np.arrayEqualSync(V(), V(), G(o))],
  ['sum', 'sum', (o) => np.sum(M(), G(o))], ['prod', 'prod', (o) => np.prod(M(), G(o))], ['mean', 'mean', (o) => np.mean(M(), G(o))],
  ['std', 'std', (o) => np.std(M(), G(o))], ['var', 'var', (o) => np.var(M(), G(o))], ['min', 'min', (o) => np.min(M(), G(o))],
  ['max', 'max', (o) => np.max(M(), G(o))], ['all', 'all', (o) => np.all(M(), G(o))], ['any', 'any', (o) => np.any(M(), G(o))],
  ['argmin', 'argmin', (o) => np.argmin(M(), G(o))], ['argmax', 'argmax', (o) => np.argmax(M(), G(o))],
  ['cumsum', 'cumsum', (o) => np.cumsum(M(), G(o))], ['cumprod', 'cumprod', (o) => np.cumprod(M(), G(o))],
  ['add', 'add', (o) => np.add(V(), 1, G(o))], ['sqrt', 'sqrt', (o) => np.sqrt(V(), G(o))], ['maximum', 'maximum', (o) => np.maximum(V(), 1, G(o))],
  ['degrees', 'degrees', (o) => np.degrees(V(), G(o))], ['radians', 'radians', (o) => np.radians(V(), G(o))],
  ['round', 'round', (o) => np.round(V(), G(o))], ['around', 'round', (o) => np.around(V(), G(o))], ['clip', 'clip', (o) => np.clip(V(), 0, 1, G(o))],
  ['interp', 'interp', (o) => np.interp(V(), V(), V(), G(o))],
  ['grad', 'grad', (o) => np.grad((x: np.NDArray) => np.sum(x), G(o))],
  ['valueAndGrad', 'value_and_grad', (o) => np.valueAndGrad((x: np.NDArray) => np.sum(x), G(o))],
  ['numericalGrad', 'numericalGrad', (o) => np.numericalGrad((x) => np.sum(x), V(), G(o))],
  ['fromNpyBytes', 'fromNpyBytes', (o) => np.fromNpyBytes(new Uint8Array(0), G(o))],
  ['linalg.eigh', 'eigh', (o) => np.linalg.eigh(S(), G(o))], ['linalg.eigvalsh', 'eigvalsh', (o) => np.linalg.eigvalsh(S(), G(o))],
  ['linalg.lstsq', 'lstsq', (o) => np.linalg.lstsq(S(), V().get('0:2'), G(o))], ['linalg.pinv', 'pinv', (o) => np.linalg.pinv(S(), G(o))],
  ['linalg.matrixRank', 'matrix_rank', (o) => np.linalg.matrixRank(S(), G(o))], ['linalg.norm', 'norm', (o) => np.linalg.norm(S(), G(o))],
  ['linalg.gram', 'gram', (o) => np.linalg.gram(S(), G(o))],
  ['linalg.solveTriangular', 'solveTriangular', (o) => np.linalg.solveTriangular(S(), V().get('0:2'), G(o))],
  ['linalg.qr', 'qr', (o) => np.linalg.qr(S(), G(o))], ['linalg.svd', 'svd', (o) => np.linalg.svd(S(), G(o))],
  ['random.randint', 'randint', (o) => np.random.randint(0, 3, [2], G(o))], ['random.choice', 'choice', (o) => np.random.choice(3, [2], G(o))],
  ['fused.sgdStep', 'sgdStep', (o) => np.fused.sgdStep(V(), V(), null, G({ lr: 0.1, ...o }))],
  ['fused.rmspropStep', 'rmspropStep', (o) => np.fused.rmspropStep(V(), V(), V(), G({ lr: 0.1, ...o }))],
  ['fused.adamStep', 'adamStep', (o) => np.fused.adamStep(V(), V(), V(), V(), G({ lr: 0.1, step: 1, ...o }))],
  ['webgpu.linear', 'webgpu.linear', (o) => np.webgpu.linear(M(), M(), G(o))], ['webgpu.softmax', 'webgpu.softmax', (o) => np.webgpu.softmax(M(), G(o))],
  ['webgpu.sgdStep', 'webgpu.sgdStep', (o) => np.webgpu.sgdStep(V(), V(), null, G({ lr: 0.1, ...o }))],
  ['webgpu.rmspropStep', 'webgpu.rmspropStep', (o) => np.webgpu.rmspropStep(V(), V(), V(), G({ lr: 0.1, ...o }))],
  ['webgpu.adamStep', 'webgpu.adamStep', (o) => np.webgpu.adamStep(V(), V(), V(), V(), G({ lr: 0.1, step: 1, ...o }))],
];
const ASYNC: readonly [string, string, (o: Record<string, unknown>) => Promise<unknown>][] = [
  ['allclose', 'isclose', (o) => np.allclose(V(), V(), G(o))], ['arrayEqual', 'array_equal', (o) => np.arrayEqual(V(), V(), G(o))],
  ['load', 'load', (o) => np.load('missing.npy', G(o))], ['fromNpzBytes', 'fromNpzBytes', (o) => np.fromNpzBytes(new Uint8Array(0), G(o))],
  ['toNpzBytes', 'toNpzBytes', (o) => np.toNpzBytes({ a: V() }, G(o))], ['savetxtToString', 'savetxt', (o) => np.savetxtToString(V(), G(o))],
  ['savetxt', 'savetxt', (o) => np.savetxt('/nonexistent-dir/x.txt', V(), G(o))],
  ['loadtxt', 'loadtxt', (o) => np.loadtxt(['1 2'], G(o))], ['genfromtxt', 'genfromtxt', (o) => np.genfromtxt(['1 2'], G(o))],
];

/** Exported functions that take no options object (a new export must be added to one of the lists). */
const NO_OPTIONS = new Set([
  'AxisError', 'asTypedArray', 'CastingError', 'checkOptions', 'IndexError', 'LinAlgError', 'MemoryError', 'OverflowError', 'NDArray', 'Slice', 'ValueError', 'addAt', 'argwhere', 'broadcastArrays',
  'broadcastShapes', 'broadcastTo', 'canCast', 'copy', 'customVjp', 'dot', 'expandDims', 'flatnonzero', 'flatten', 'getDefaultDevice',
  'getCpuKernels', 'getNumThreads', 'getPrintOptions', 'setCpuKernels', 'hstack', 'initWebGPU', 'inner', 'isWebGPUAvailable', 'keep', 'matmul', 'mayShareMemory', 'memory',
  'moveaxis', 'nearestRows', 'nonzero', 'outer', 'promoteTypes', 'putAlongAxis', 'ravel', 'reshape', 'resultType', 'save', 'savez', 'savezCompressed',
  'setBackend', 'setDefaultDevice', 'setNumThreads', 'sharedEmpty', 'sharesMemory', 'slice', 'startThreads', 'stopGradient', 'sumToShape', 'swapaxes',
  'takeAlongAxis', 'tidy', 'tile', 'toNpyBytes', 'transpose', 'vdot', 'vstack', 'where',
  'linalg.LinAlgError', 'linalg.cholesky', 'linalg.det', 'linalg.inv', 'linalg.slogdet', 'linalg.solve',
  'random.RandomState', 'random.binomial', 'random.getState', 'random.globalRandomState', 'random.multinomial', 'random.normal',
  'random.permutation', 'random.poisson', 'random.rand', 'random.randn', 'random.random', 'random.randomSample', 'random.seed',
  'random.setState', 'random.shuffle', 'random.standardNormal', 'random.uniform',
  'webgpu.backend', 'webgpu.logSoftmax', 'webgpu.stats', 'webgpu.storedDType', 'webgpu.sync',
]);

/** The ufuncs: every other export that is an elementwise op takes {out}; they are checked by name below. */
const isUfunc = (name: string): boolean => {
  const f = (np as Record<string, unknown>)[name];
  return typeof f === 'function' && !SYNC.some(([n]) => n === name) && !ASYNC.some(([n]) => n === name) && !NO_OPTIONS.has(name);
};

for (const [name, fnName, call] of SYNC) {
  test(`${name} refuses a misspelt option`, () => {
    refuses(() => call({ axsi: 0 }), [`${fnName}() got an unexpected keyword argument 'axsi'`]);
  });
}
for (const [name, fnName, call] of ASYNC) {
  test(`${name} refuses a misspelt option`, async () => {
    await refusesAsync(async () => call({ axsi: 0 }), [`${fnName}() got an unexpected keyword argument 'axsi'`]);
  });
}

/** A unary ufunc accepts one array; a binary one refuses it. */
function isUnary(f: (...a: unknown[]) => unknown): boolean {
  try {
    (f([1, 2]) as np.NDArray).dispose();
    return true;
  } catch {
    return false;
  }
}

test('every elementwise ufunc refuses a misspelt option and names itself', () => {
  const ufuncs = Object.keys(np).filter(isUfunc);
  assert.ok(ufuncs.length > 50, `found ${ufuncs.length} ufuncs`);
  for (const name of ufuncs) {
    const f = (np as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
    const args = isUnary(f) ? [[1, 2]] : [[1, 2], [3, 4]];
    refuses(() => f(...args, { ouT: null }), ["got an unexpected keyword argument 'ouT'", "'out'"]);
  }
});

test('every exported function is either checked above or takes no options', () => {
  const seen = new Set([...SYNC, ...ASYNC].map(([n]) => n));
  const names = [
    ...Object.keys(np).filter((k) => typeof (np as Record<string, unknown>)[k] === 'function'),
    ...(['linalg', 'random', 'fused', 'webgpu'] as const).flatMap((ns) =>
      Object.keys(np[ns]).filter((k) => typeof (np[ns] as Record<string, unknown>)[k] === 'function').map((k) => `${ns}.${k}`)),
  ];
  for (const name of names) assert.ok(seen.has(name) || NO_OPTIONS.has(name) || isUfunc(name), `${name} is in no list`);
});

test('NDArray methods with options refuse misspelt ones', () => {
  const x = M();
  for (const [name, call] of [
    ['sum', () => x.sum({ axes: 0 } as never)], ['mean', () => x.mean({ axes: 0 } as never)], ['max', () => x.max({ axes: 0 } as never)],
    ['argmax', () => x.argmax({ axes: 0 } as never)], ['cumsum', () => x.cumsum({ axes: 0 } as never)], ['sort', () => x.sort({ axes: 0 } as never)],
    ['astype', () => x.astype('float32', { cpy: false } as never)], ['squeeze', () => x.squeeze({ axes: 0 } as never)],
  ] as const) refuses(call, [`${name}() got an unexpected keyword argument`]);
  x.dispose();
});

test('NumPy options tessera does not implement are refused by name', () => {
  const x = V();
  const cases: [() => unknown, string, string][] = [
    [() => np.max(x, G({ where: [true, false, true] })), 'where', 'np.max'],
    [() => np.sum(x, G({ initial: 1 })), 'initial', 'np.sum'],
    [() => np.add(x, 1, G({ casting: 'unsafe' })), 'casting', 'np.add'],
    [() => np.degrees(x, G({ where: [true, false, true] })), 'where', 'np.degrees'],
    [() => np.mean(x, G({ out: x })), 'out', 'np.mean'],
    [() => np.sort(x, G({ kind: 'stable' })), 'kind', 'np.sort'],
    [() => np.linalg.svd(S(), G({ hermitian: true })), 'hermitian', 'np.svd'],
  ];
  for (const [call, key, fn] of cases) refuses(call, [`tessera does not implement \`${key}\` of \`${fn}\``]);
  x.dispose();
});

test('known keys with a value of the wrong type are refused', () => {
  const x = M();
  refuses(() => np.sum(x, G({ axis: '0' })), ['sum()', '`axis` must be an integer', "'0'"]);
  refuses(() => np.mean(x, G({ axis: [0.5] })), ['mean()', '`axis`']);
  refuses(() => np.max(x, G({ keepdims: 1 })), ['max()', '`keepdims` must be a boolean']);
  refuses(() => np.linspace(0, 1, 3, G({ endpoint: 'no' })), ['linspace()', '`endpoint`']);
  refuses(() => np.sum(x, 5 as never), ['sum() takes its options as an object']);
  refuses(() => np.setPrintOptions(G({ precison: 3 })), ["set_printoptions() got an unexpected keyword argument 'precison'", "'precision'"]);
  refuses(() => np.setPrintOptions({ precision: 2.5 }), ['set_printoptions()', '`precision` must be a non-negative integer']);
  refuses(() => np.setPrintOptions({ suppress: 'yes' as never }), ['set_printoptions()', '`suppress` must be a boolean']);
  assert.is(np.getPrintOptions().precision, 8);
  x.dispose();
});

test.run();
