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

/** Messages JavaScript itself writes: seeing one means a check is missing on the way in. */
const RAW_MESSAGE = /Cannot read propert|is not a function|is not iterable|Cannot convert|Cannot destructure|is not a constructor|Cannot mix BigInt|Invalid array length|Invalid typed array length|Maximum call stack|Reduce of empty|Spread syntax|Cannot create property|Cannot set propert|is not defined|Array buffer allocation failed|Invalid string length|toFixed\(\)|Invalid time value|Offset is outside|Start offset|byte length of|must be a multiple of/;

export function isRawError(e: unknown): boolean {
  if (!(e instanceof Error)) return true; // a thrown string or object
  if (e instanceof RangeError && !(e instanceof np.OverflowError)) return true;
  return RAW_MESSAGE.test(e.message);
}

/** mulberry32: a small seeded generator, independent of tessera's own random module. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Make = () => unknown;
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
  'setBackend', 'setDefaultDevice', 'setMemoryWarning', 'setNumThreads', 'setPrintOptions', 'startThreads', 'initWebGPU',
  'save', 'savez', 'savezCompressed', 'savetxt', 'load', 'loadtxt', 'genfromtxt', 'seed', 'setState', 'tidy', 'keep',
]);

interface Finding { call: string; error: string }

/** Calls `fn` `calls` times with 0-4 drawn arguments; returns the calls that ended in a raw error or a
 *  corrupt array. */
async function fuzz(name: string, fn: (...args: unknown[]) => unknown, calls: number, rand: () => number): Promise<Finding[]> {
  const found: Finding[] = [];
  for (let c = 0; c < calls; c++) {
    const picks = Array.from({ length: Math.floor(rand() * 5) }, () => POOL[Math.floor(rand() * POOL.length)]);
    const call = `${name}(${picks.map(([label]) => label).join(', ')})`;
    if (process.env.FUZZ_TRACE) process.stderr.write(`${call}\n`); // replays: FUZZ_TRACE=1 prints each call
    try {
      let result = fn(...picks.map(([, make]) => make()));
      if (result instanceof Promise) result = await result;
      const bad = corrupt(result);
      if (bad) found.push({ call, error: `returned a corrupt array: ${bad}` });
    } catch (e) {
      if (isRawError(e)) found.push({ call, error: `${(e as Error)?.constructor?.name}: ${(e as Error)?.message ?? String(e)}` });
    }
  }
  return found;
}

/** What is wrong with a returned array (impossible shape), or ''. */
function corrupt(x: unknown): string {
  const arrays = Array.isArray(x) ? x : [x];
  for (const a of arrays) {
    if (!(a instanceof np.NDArray)) continue;
    if (!a.shape.every((d) => Number.isInteger(d) && d >= 0)) return `shape [${a.shape.join(', ')}]`;
    if (a.size !== a.shape.reduce((p, d) => p * d, 1)) return `size ${a.size} for shape [${a.shape.join(', ')}]`;
  }
  return '';
}

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
  for (const [name, fn] of fns) found.push(...await fuzz(name, fn, CALLS, rand));
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
  for (const [name, fn] of all) found.push(...await fuzz(name, fn, CALLS, rand));
  assert.ok(all.length > 60, `only ${all.length} methods found`);
  if (process.env.FUZZ_TRACE) console.log(found.map((f) => `${f.call} -> ${f.error}`).join("\n"));
  assert.equal(found.slice(0, 25), [], `${found.length} calls ended badly`);
});

test.run();
