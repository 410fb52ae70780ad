// The fuzz test of issue 12 for tessera/sklearn and tessera/nn: every exported estimator, splitter, layer,
// optimizer and callback is constructed with drawn arguments (good and bad option objects: misspelt keys,
// values of the wrong type or range), and its methods (fit, predict, transform, split, ...) are called with
// drawn data (small matrices, JS lists, string labels, NaN, empty or mismatched inputs); every exported
// function is called the same way. Each call must return or throw a tessera error, never a raw JavaScript
// error. Numbers in the pool stay small, so a drawn `nEstimators` or `epochs` cannot make a call run long.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import * as sk from '../../sklearn/index.ts';
import * as nn from '../../nn/index.ts';
import { prng, fuzz, isRawError, type Finding, type Make } from './fuzz-helpers.ts';

const X = (): np.NDArray => np.array([[0, 1], [1, 0], [2, 2], [3, 1], [0.5, 2.5], [4, 4], [1, 3], [2, 0]]);
const Y = (): np.NDArray => np.array([0, 1, 0, 1, 0, 1, 0, 1]);
const DATA: readonly [string, Make][] = [
  ['X(8,2)', X], ['X(8,2)', X], ['y(8)', Y], ['y(8)', Y], ["y strings", () => ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']],
  ['y float', () => np.linspace(0, 1, 8)], ['y(8,1)', () => np.reshape(Y(), [8, 1])], ['X(3,2)', () => np.ones([3, 2])],
  ['X(0,2)', () => np.zeros([0, 2])], ['X with NaN', () => np.array([[NaN, 1], [1, 0], [2, 2], [3, 1]])],
  ['X(8)', () => np.arange(8)], ['X(2,2,2)', () => np.ones([2, 2, 2])], ['[[1, 2], [3, 4]]', () => [[1, 2], [3, 4]]],
  ['[0, 1]', () => [0, 1]], ['[]', () => []], ['null', () => null], ['undefined', () => undefined], ["'a'", () => 'a'],
  ['0', () => 0], ['1', () => 1], ['2', () => 2], ['-1', () => -1], ['2.5', () => 2.5], ['NaN', () => NaN], ['true', () => true],
  ['{}', () => ({})], ['new Ridge()', () => new sk.Ridge()], ['(x) => x', () => (x: unknown) => x],
];
const OPTIONS: readonly [string, Make][] = [
  ['{alhpa: 1}', () => ({ alhpa: 1 })], ["{alpha: 'a'}", () => ({ alpha: 'a' })], ['{alpha: -1}', () => ({ alpha: -1 })],
  ['{nEstimators: 2}', () => ({ nEstimators: 2 })], ['{maxDepth: 2.5}', () => ({ maxDepth: 2.5 })], ["{randomState: 'x'}", () => ({ randomState: 'x' })],
  ['{nClusters: 2, nInit: 1}', () => ({ nClusters: 2, nInit: 1 })], ['{nComponents: 1}', () => ({ nComponents: 1 })],
  ['{nComponents: 9}', () => ({ nComponents: 9 })], ['{C: 0}', () => ({ C: 0 })], ['{maxIter: 2}', () => ({ maxIter: 2 })],
  ["{solver: 'bogus'}", () => ({ solver: 'bogus' })], ['{nSplits: 2}', () => ({ nSplits: 2 })], ['{nSplits: 1}', () => ({ nSplits: 1 })],
  ['{testSize: 0.25}', () => ({ testSize: 0.25 })], ['{testSize: 3.5}', () => ({ testSize: 3.5 })], ['{nNeighbors: 20}', () => ({ nNeighbors: 20 })],
  ["{activation: 'nope'}", () => ({ activation: 'nope' })], ["{activation: 'relu'}", () => ({ activation: 'relu' })],
  ['{inputShape: [2]}', () => ({ inputShape: [2] })], ['{inputShape: [-2]}', () => ({ inputShape: [-2] })], ['{units: 2}', () => ({ units: 2 })],
  ['{epochs: 1, verbose: 0}', () => ({ epochs: 1, verbose: 0 })], ['{epochs: 2.5, verbose: 0}', () => ({ epochs: 2.5, verbose: 0 })],
  ['{epochs: -1}', () => ({ epochs: -1 })], ["{batchSize: 'a'}", () => ({ batchSize: 'a' })], ['{learningRate: -1}', () => ({ learningRate: -1 })],
  ["{loss: 'mse', optimizer: 'sgd'}", () => ({ loss: 'mse', optimizer: 'sgd' })], ["{loss: 'nope'}", () => ({ loss: 'nope' })],
  ['{patience: NaN}', () => ({ patience: NaN })], ["{monitor: 'val_loss'}", () => ({ monitor: 'val_loss' })], ['{verbose: 0}', () => ({ verbose: 0 })],
];
const POOL = [...DATA, ...OPTIONS];

const METHODS = ['fit', 'predict', 'predictProba', 'transform', 'fitTransform', 'fitPredict', 'inverseTransform', 'score', 'split',
  'getNSplits', 'getParams', 'setParams', 'toJSON', 'decisionFunction', 'kneighbors', 'apply',
  'getConfig', 'getWeights', 'setWeights', 'compile', 'evaluate', 'summary'];
/** Writes files, changes global state, or is not made with `new` (Tree's constructor is private: trees come
 *  from Tree.empty and fromJSON, which checks them), or is an abstract base: not for this test. */
const SKIP = new Set(['loadModel', 'loadTfjs', 'saveTfjs', 'exportOnnx', 'plotHistory', 'setFloatx', 'setEpsilon', 'clearSession', 'setRandomSeed',
  'CSVLogger', 'ModelCheckpoint', 'registerEstimator', 'BaseEstimator', 'Classifier', 'Regressor', 'Transformer', 'Layer', 'Merge', 'Optimizer',
  'Callback', 'CallbackList', 'NotFittedError', 'SymbolicTensor', 'Variable', 'Progbar', 'ProgbarLogger', 'meanOfTwoGenerator', 'KerasClassifier', 'KerasRegressor', 'Tree']);

const isClass = (v: unknown): v is new (...a: unknown[]) => object => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));

/** A class: construct it with drawn arguments, then call each of its methods with drawn arguments. */
function classFuzz(name: string, C: new (...a: unknown[]) => object, rand: () => number) {
  return async (): Promise<Finding[]> => {
    const found: Finding[] = [];
    for (let t = 0; t < 6; t++) {
      const picks = Array.from({ length: Math.floor(rand() * 3) }, () => POOL[Math.floor(rand() * POOL.length)]);
      const label = `new ${name}(${picks.map(([l]) => l).join(', ')})`;
      let obj: Record<string, unknown>;
      try {
        obj = new C(...picks.map(([, make]) => make())) as Record<string, unknown>;
      } catch (e) {
        if (isRawError(e)) found.push({ call: label, error: `${(e as Error)?.constructor?.name}: ${(e as Error)?.message}` });
        continue;
      }
      for (const m of METHODS) {
        if (typeof obj[m] !== 'function') continue;
        const method = (...args: unknown[]) => (obj[m] as (...a: unknown[]) => unknown).apply(obj, args);
        found.push(...await fuzz(`${label}.${m}`, method, 3, rand, POOL));
      }
    }
    return found;
  };
}

function exportsOf(prefix: string, ns: Record<string, unknown>): [string, unknown][] {
  return Object.entries(ns).filter(([k, v]) => !SKIP.has(k) && (typeof v === 'function')).map(([k, v]) => [`${prefix}${k}`, v]);
}

async function fuzzAll(entries: [string, unknown][], seed: number): Promise<Finding[]> {
  const rand = prng(seed);
  const found: Finding[] = [];
  for (const [name, v] of entries) {
    if (isClass(v)) found.push(...await classFuzz(name, v, rand)());
    else found.push(...await fuzz(name, v as (...a: unknown[]) => unknown, 20, rand, POOL));
  }
  if (process.env.FUZZ_TRACE) console.log(found.map((f) => `${f.call} -> ${f.error}`).join('\n'));
  return found;
}

// A worked example first.
test('new Ridge({alhpa: 10}) names the misspelt key instead of fitting with alpha 1', () => {
  assert.throws(() => new sk.Ridge({ alhpa: 10 } as never), (e: Error) => e instanceof TypeError && /alhpa/.test(e.message));
});

test('every tessera/sklearn estimator, splitter and function, with drawn arguments: no raw JavaScript error', async () => {
  const entries = exportsOf('sk.', sk as unknown as Record<string, unknown>);
  assert.ok(entries.length > 60, `only ${entries.length} exports`);
  const found = await fuzzAll(entries, 56);
  assert.equal(found.slice(0, 20), [], `${found.length} calls ended badly`);
});

test('every tessera/nn layer, optimizer, callback and function, with drawn arguments: no raw JavaScript error', async () => {
  const n = nn as unknown as Record<string, Record<string, unknown>>;
  const entries = [
    ...exportsOf('nn.', n as unknown as Record<string, unknown>),
    ...['layers', 'optimizers', 'callbacks', 'losses', 'metrics', 'activations', 'initializers', 'utils', 'constraints', 'regularizers']
      .flatMap((ns) => exportsOf(`nn.${ns}.`, n[ns] ?? {})),
  ];
  assert.ok(entries.length > 70, `only ${entries.length} exports`);
  const found = await fuzzAll(entries, 78);
  assert.equal(found.slice(0, 20), [], `${found.length} calls ended badly`);
});

test.run();
