// What the fuzz tests share: a small seeded generator, the test for a raw JavaScript error, and the loop
// that calls a function with arguments drawn from a pool and collects the calls that ended badly (a raw
// error, or an NDArray with an impossible shape).
import * as np from '../../ndarray/index.ts';

/** Builds one argument afresh for each call (a call may write into or dispose it). */
export type Make = () => unknown;

/** Messages JavaScript itself writes: seeing one means a check is missing on the way in. */
const RAW_MESSAGE = /Cannot read propert|is not a function|is not iterable(?! or a distribution)|Cannot convert|Cannot destructure|is not a constructor|Cannot mix BigInt|Invalid array length|Invalid typed array length|Maximum call stack|Reduce of empty|Spread syntax|Cannot create property|Cannot set propert|is not defined|Array buffer allocation failed|Invalid string length|toFixed\(\)|Invalid time value|Offset is outside|Start offset|byte length of|must be a multiple of/;

export function isRawError(e: unknown): boolean {
  if (!(e instanceof Error)) return true; // a thrown string or object
  if (e instanceof RangeError && !(e instanceof np.OverflowError)) return true;
  return RAW_MESSAGE.test(e.message);
}

/** mulberry32: a small seeded generator, independent of tessera's own random module. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Finding { call: string; error: string }

/** Calls `fn` `calls` times with 0-4 drawn arguments; returns the calls that ended in a raw error or a
 *  corrupt array. */
export async function fuzz(name: string, fn: (...args: unknown[]) => unknown, calls: number, rand: () => number, pool: readonly [string, Make][]): Promise<Finding[]> {
  const found: Finding[] = [];
  for (let c = 0; c < calls; c++) {
    const picks = Array.from({ length: Math.floor(rand() * 5) }, () => pool[Math.floor(rand() * pool.length)]);
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
export function corrupt(x: unknown): string {
  const arrays = Array.isArray(x) ? x : [x];
  for (const a of arrays) {
    if (!(a instanceof np.NDArray)) continue;
    if (!a.shape.every((d) => Number.isInteger(d) && d >= 0)) return `shape [${a.shape.join(', ')}]`;
    if (a.size !== a.shape.reduce((p, d) => p * d, 1)) return `size ${a.size} for shape [${a.shape.join(', ')}]`;
  }
  return '';
}

