// The fuzz test of issue 12 against NumPy: 600 calls with random shapes and options (drawn by
// tests/oracle/fuzz_shapes.py from a fixed seed, and run there with NumPy 1.24): reductions with random
// axes and keepdims, binary ufuncs on shapes that may not broadcast, reshape, transpose, moveaxis,
// concatenate, broadcastTo, tile, repeat, diff, quantile, matmul, arraySplit, take ... Where NumPy returns,
// tessera must return an array of NumPy's shape; where NumPy raises, tessera must throw the matching
// tessera error class, never a raw JavaScript error, never an array.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import * as np from '../../ndarray/index.ts';
import { isRawError } from './fuzz-helpers.ts';

interface Case { fn: string; args: unknown[]; options: Record<string, unknown>; shape?: number[]; shapes?: number[][]; error?: string }
const CASES: Case[] = JSON.parse(readFileSync('tests/fixtures/fuzz_shapes.json', 'utf8'));

/** The classes a NumPy error may be in tessera (NumPy's AxisError is both a ValueError and an IndexError). */
const SAME_CLASS: Record<string, (e: unknown) => boolean> = {
  AxisError: (e) => e instanceof np.AxisError,
  ValueError: (e) => e instanceof np.ValueError,
  IndexError: (e) => e instanceof np.IndexError || e instanceof np.AxisError,
  TypeError: (e) => e instanceof TypeError,
};

const arg = (a: unknown): unknown => {
  if (Array.isArray(a) && a.length > 0 && typeof a[0] === 'object' && a[0] !== null && !Array.isArray(a[0])) return a.map(arg);
  if (typeof a === 'object' && a !== null && 'shape' in a) {
    const shape = (a as { shape: number[] }).shape;
    return np.reshape(np.arange(shape.reduce((p, d) => p * d, 1)), shape).astype('float64');
  }
  return a;
};

function call(c: Case): unknown {
  const f = (np as unknown as Record<string, (...a: unknown[]) => unknown>)[c.fn];
  const args = c.args.map(arg);
  return Object.keys(c.options).length ? f(...args, c.options) : f(...args);
}

const label = (c: Case): string => `np.${c.fn}(${JSON.stringify(c.args)}${Object.keys(c.options).length ? `, ${JSON.stringify(c.options)}` : ''})`;
const shapeOf = (r: unknown): unknown => (Array.isArray(r) ? r.map((x: np.NDArray) => x.shape) : (r as np.NDArray).shape);

// A worked example first.
test('np.sum(x (2, 3), {axis: [0, 0]}) is refused as NumPy refuses it; {axis: -1, keepdims: true} keeps (2, 1)', () => {
  const x = np.ones([2, 3]);
  assert.throws(() => np.sum(x, { axis: [0, 0] }), (e: Error) => e instanceof np.ValueError && /duplicate value in 'axis'/.test(e.message));
  assert.equal(np.sum(x, { axis: -1, keepdims: true }).shape, [2, 1]);
});

test(`${CASES.length} random calls: NumPy's shape where NumPy returns, its error class where NumPy raises`, () => {
  const wrong: string[] = [];
  for (const c of CASES) {
    let result: unknown, error: unknown = null;
    try {
      result = call(c);
    } catch (e) {
      error = e;
    }
    if (c.error === undefined) {
      if (error) wrong.push(`${label(c)}: NumPy gives shape ${JSON.stringify(c.shape ?? c.shapes)}, tessera threw ${String(error)}`);
      else if (JSON.stringify(shapeOf(result)) !== JSON.stringify(c.shape ?? c.shapes)) {
        wrong.push(`${label(c)}: NumPy gives shape ${JSON.stringify(c.shape ?? c.shapes)}, tessera ${JSON.stringify(shapeOf(result))}`);
      }
    } else if (!error) wrong.push(`${label(c)}: NumPy raises ${c.error}, tessera returned shape ${JSON.stringify(shapeOf(result))}`);
    else if (isRawError(error) || !SAME_CLASS[c.error](error)) wrong.push(`${label(c)}: NumPy raises ${c.error}, tessera threw ${String(error)}`);
  }
  assert.ok(CASES.filter((c) => c.error).length > 100, 'the fixture holds refusals too');
  assert.equal(wrong.slice(0, 15), [], `${wrong.length} of ${CASES.length} calls differ from NumPy`);
});

test.run();
