// The fuzz test of issue 12: every public function of tessera/ndarray (np.*, np.linalg.*, np.random.*,
// the methods of NDArray and of RandomState) is called many times with arguments drawn from a pool of
// good and bad values (arrays of several shapes and dtypes, JS lists, null, undefined, strings, NaN,
// huge sizes, misspelt and mistyped options). Each call must either return (an NDArray with a sane
// shape, or anything else) or throw a tessera error: never a raw JavaScript error such as "Cannot read
// properties of null", "x.map is not a function" or "Invalid typed array length". The draws come from a
// fixed seed, so a failure names a call that can be replayed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { prng, fuzz, type Finding, type Make } from './fuzz-helpers.ts';

const arr = (shape: number[], dtype: np.DType = 'float64'): Make => () => np.reshape(np.arange(shape.reduce((p, d) => p * d, 1), undefined, undefined, { dtype }), shape);
/** The pool of arguments. Arrays are made fresh for each call (a call may write into or dispose them). */
const POOL: readonly [string, Make][] = [
  ['array(2,3)', arr([2, 3])], ['array(3)', arr([3])], ['array()', () => np.array(2.5)], ['array(0)', arr([0])],
  ['array(2,3,4) int32', arr([2, 3, 4], 'int32')], ['array(4) bool', () => np.array([true, false, true, true])],
  ['array(2,2)', () => np.array([[2, 1], [1, 3]])], ['array(3,1) float32', arr([3, 1], 'float32')],
  ['[1, 2, 3]', () => [1, 2, 3]], ['[[1, 2], [3, 4]]', () => [[1, 2], [3, 4]]], ['[]', () => []], ['[[]]', () => [[]]],
  ['[[1], [2, 3]]', () => [[1], [2, 3]]], ['[2, 3]', () => [2, 3]], ['[-1, 3]', () => [-1, 3]], ['[1e12]', () => [1e12]],
  ['0', () => 0], ['1', () => 1], ['2', () => 2], ['-1', () => -1], ['2.5', () => 2.5], ['NaN', () => NaN],
  ['Infinity', () => Infinity], ['1e12', () => 1e12], ['true', () => true],
  ['null', () => null], ['undefined', () => undefined], ["'a'", () => 'a'], ["'0'", () => '0'], ["'float32'", () => 'float32'],
  ['{}', () => ({})], ['{axis: 0}', () => ({ axis: 0 })], ['{axis: -1, keepdims: true}', () => ({ axis: -1, keepdims: true })],
  ['{axes: 0}', () => ({ axes: 0 })], ["{axis: 'x'}", () => ({ axis: 'x' })], ['{axis: 7}', () => ({ axis: 7 })],
  ["{keepdims: 'yes'}", () => ({ keepdims: 'yes' })], ["{dtype: 'float128'}", () => ({ dtype: 'float128' })],
  ["{dtype: 'int32'}", () => ({ dtype: 'int32' })], ['{axis: [0, 0]}', () => ({ axis: [0, 0] })], ['{axis: 2.5}', () => ({ axis: 2.5 })],
  ['{ddof: -3}', () => ({ ddof: -3 })], ["{ord: 'x'}", () => ({ ord: 'x' })], ['{k: NaN}', () => ({ k: NaN })],
  ['{size: [2, 2]}', () => ({ size: [2, 2] })], ["{device: 'tpu'}", () => ({ device: 'tpu' })],
  ['(x) => np.sum(x)', () => (x: np.NDArray) => np.sum(x)], ['new Uint8Array(3)', () => new Uint8Array(3)],
  ['new ArrayBuffer(8)', () => new ArrayBuffer(8)],
];

/** Functions that change global state (printing, threads, devices, the global seed) or touch files. */
const SKIP = new Set([
  'setBackend', 'setCpuKernels', 'setDefaultDevice', 'setMemoryWarning', 'setNumThreads', 'setPrintOptions', 'startThreads', 'initWebGPU',
  'save', 'savez', 'savezCompressed', 'savetxt', 'load', 'loadtxt', 'genfromtxt', 'seed', 'setState', 'tidy', 'keep',
]);

const isFunction = (v: unknown): v is (...args: unknown[]) => unknown => typeof v === 'function';

function publicFunctions(): [string, (...args: unknown[]) => unknown][] {
  const out: [string, (...args: unknown[]) => unknown][] = [];
  const add = (prefix: string, ns: object): void => {
    for (const [key, value] of Object.entries(ns)) {
      if (!isFunction(value) || SKIP.has(key) || /^[A-Z]/.test(value.name || key)) continue;
      out.push([`${prefix}${key}`, value]);
    }
  };
  add('np.', np);
  add('np.linalg.', np.linalg);
  add('np.random.', np.random);
  add('np.fused.', np.fused);
  return out;
}

function methods(label: string, make: () => object): [string, (...args: unknown[]) => unknown][] {
  const proto = Object.getPrototypeOf(make());
  const names = Object.getOwnPropertyNames(proto).filter((k) => k !== 'constructor' && !SKIP.has(k) && k !== 'dispose'
    && isFunction(Object.getOwnPropertyDescriptor(proto, k)?.value));
  return names.map((k) => [`${label}.${k}`, (...args: unknown[]) => {
    const self = make() as Record<string, (...a: unknown[]) => unknown>;
    return self[k](...args);
  }]);
}

const CALLS = 60;

// A worked example first: one of the calls this test found before it was fixed.
test('np.hstack([]) is NumPy\'s ValueError, not "Cannot read properties of undefined"', () => {
  assert.throws(() => np.hstack([]), (e: Error) => e instanceof np.ValueError && /need at least one array to concatenate/.test(e.message));
});

test(`every np.* function, ${CALLS} drawn calls each: no raw JavaScript error, no corrupt array`, async () => {
  const rand = prng(12);
  const found: Finding[] = [];
  const fns = publicFunctions();
  for (const [name, fn] of fns) found.push(...await fuzz(name, fn, CALLS, rand, POOL));
  assert.ok(fns.length > 200, `only ${fns.length} functions found`);
  if (process.env.FUZZ_TRACE) console.log(found.map((f) => `${f.call} -> ${f.error}`).join("\n"));
  assert.equal(found.slice(0, 25), [], `${found.length} calls ended badly`);
});

test(`every NDArray and RandomState method, ${CALLS} drawn calls each`, async () => {
  const rand = prng(34);
  const found: Finding[] = [];
  const all = [
    ...methods('x', () => np.reshape(np.arange(6), [2, 3])),
    ...methods('rng', () => new np.random.RandomState(0)),
  ];
  for (const [name, fn] of all) found.push(...await fuzz(name, fn, CALLS, rand, POOL));
  assert.ok(all.length > 60, `only ${all.length} methods found`);
  if (process.env.FUZZ_TRACE) console.log(found.map((f) => `${f.call} -> ${f.error}`).join("\n"));
  assert.equal(found.slice(0, 25), [], `${found.length} calls ended badly`);
});

test.run();
