// Reading the oracle fixtures back, and comparing with them. JSON has no NaN or infinity, so
// tests/oracle/common.py writes them as the strings 'nan', 'inf' and '-inf'; the decoders below turn
// them back into numbers. assertClose is the one tolerance check the oracle tests share: each call
// states its tolerance, |actual - expected| <= atol + rtol · max(floor, |expected|), element by element.
import * as assert from 'uvu/assert';
import { NDArray } from '../ndarray/index.ts';

/** One fixture number: 'nan', 'inf' and '-inf' back to NaN and ±Infinity; any other value unchanged. */
export function decodeNumber(v: unknown): number {
  return (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v) as number;
}

/** A fixture value with every number decoded, nested lists kept nested. */
export function decodeNested(v: unknown): unknown {
  return Array.isArray(v) ? v.map(decodeNested) : decodeNumber(v);
}

/** The numbers of a value in C order: an NDArray's data, a typed array, or nested lists decoded. */
export function flatValues(x: unknown): number[] {
  if (x instanceof NDArray) return Array.from(x.dataSync() as ArrayLike<number>, Number);
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>, Number);
  if (Array.isArray(x)) return x.flatMap(flatValues);
  return [Number(decodeNumber(x))];
}

/**
 * How far actual may be from expected: atol + rtol · max(floor, |e|). `floor` keeps the relative part
 * from vanishing near zero (floor 1: relative above 1, absolute below). `normwise` uses the largest
 * finite |e| of the whole array for |e| (a matrix compared as a whole, as np.linalg's results are).
 */
export interface Tolerance { rtol?: number; atol?: number; floor?: number; normwise?: boolean }

/**
 * Asserts that actual (a number, nested lists, a typed array or an NDArray) has expected's size and
 * values within `tol`; expected may hold fixture markers. NaN and ±inf must match exactly (NaN equals
 * NaN). The message names `what` and the element that is off.
 */
export function assertClose(actual: unknown, expected: unknown, tol: Tolerance, what: string): void {
  const a = flatValues(actual), e = flatValues(expected);
  assert.is(a.length, e.length, `${what}: size`);
  const { rtol = 0, atol = 0, floor = 0, normwise = false } = tol;
  const norm = normwise ? e.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0) : 0;
  for (let i = 0; i < e.length; i++) {
    const allowed = atol + rtol * Math.max(floor, normwise ? norm : Math.abs(e[i]));
    const ok = Number.isFinite(e[i]) ? Math.abs(a[i] - e[i]) <= allowed : Object.is(a[i], e[i]);
    if (!ok) assert.unreachable(`${what}[${i}]: ${a[i]}, expected ${e[i]} (allowed difference ${allowed})`);
  }
}
