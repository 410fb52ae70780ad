// Shared by tests/reductions.test.ts and tests/sorting.test.ts: rebuilds the input arrays that
// tests/oracle/reductions.py described (including its strided views and hash-generated data) and
// compares results with NumPy's, counting the distance between floats in units in the last place.
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import type { DType, TypedArray } from '../ndarray/dtype.ts';
import { allocTyped } from '../ndarray/dtype.ts';

export type Num = number | string;
export interface InputSpec { shape: number[]; dtype: DType; view: null | 'T' | 'flip' | 'step'; data?: Num[]; hash?: boolean }
export interface Expected { shape: number[]; dtype: DType; data: Num[] }
export interface Case {
  op: string;
  x: number;
  options: Record<string, unknown>;
  out?: Expected | Record<string, Expected>;
  error?: { type: string; message: string };
  v?: Num[][];
}
export interface Fixture { numpy: string; inputs: InputSpec[]; cases: Case[] }

export const decode = (v: Num): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number));

/** The oracle's hash_data: ((i * 2654435761) mod 2^32) / 2^32 * 1000, then cast to dtype. */
function hashData(n: number, dtype: DType): TypedArray {
  const out = allocTyped(dtype, n);
  for (let i = 0; i < n; i++) out[i] = ((i * 2654435761) % 4294967296) / 4294967296 * 1000;
  return out;
}

/** The input array of a case: the stored base array (on `device`), then the same view NumPy took. */
export function makeInput(spec: InputSpec, device: np.DeviceName = 'cpu'): np.NDArray {
  const n = spec.shape.reduce((p, d) => p * d, 1);
  const data = spec.hash ? hashData(n, spec.dtype) : allocTyped(spec.dtype, n);
  if (!spec.hash) data.set((spec.data ?? []).map(decode));
  const base = np.NDArray.fromTyped(data, spec.shape, spec.dtype, device);
  switch (spec.view) {
    case 'T': return base.T;
    case 'flip': return np.flip(base, { axis: 0 });
    case 'step': {
      const shape = [...base.shape];
      const strides = [...base.strides];
      shape[shape.length - 1] /= 2;
      strides[strides.length - 1] *= 2;
      return base.view(shape, strides, base.offset);
    }
    default: return base;
  }
}

/** Distance between two doubles in units of the last place of `dtype` (0 when both are NaN). */
export function ulps(a: number, b: number, dtype: DType): number {
  if (Object.is(a, b) || (a !== a && b !== b) || a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  const m = Math.max(Math.abs(a), Math.abs(b));
  const eps = dtype === 'float32' ? 2 ** -23 : 2 ** -52;
  const ulp = 2 ** Math.floor(Math.log2(m)) * eps;
  return Math.abs(a - b) / ulp;
}

/** How far a float result may be from NumPy's: `ulps` units in the last place of the value, or an
 *  absolute `abs` (for sums with cancellation, where the error is relative to sum(|x|), not to the result). */
export interface Tolerance { ulps: number; abs: number }

/** Checks shape, dtype and values within `tol`. Returns the number of values that differ at all. */
export function checkResult(actual: np.NDArray, expected: Expected, what: string, tol: Tolerance = { ulps: 0, abs: 0 }): number {
  assert.equal([...actual.shape], expected.shape, `${what}: shape`);
  assert.is(actual.dtype, expected.dtype, `${what}: dtype`);
  const data = actual.dataSync();
  assert.is(data.length, expected.data.length, `${what}: size`);
  let inexact = 0;
  for (let i = 0; i < data.length; i++) {
    const want = decode(expected.data[i]);
    const d = ulps(data[i], want, actual.dtype);
    if (d === 0) continue;
    inexact++;
    if (d > tol.ulps && !(Math.abs(data[i] - want) <= tol.abs)) {
      assert.unreachable(`${what}[${i}]: got ${data[i]}, NumPy ${expected.data[i]} (${d.toFixed(1)} ulp)`);
    }
  }
  return inexact;
}

/** Runs `fn` and checks it throws NumPy's error type and message. */
export function checkError(fn: () => unknown, error: { type: string; message: string }, what: string): void {
  try {
    fn();
  } catch (e) {
    assert.is((e as Error).name, error.type, `${what}: error type (${(e as Error).message})`);
    assert.is((e as Error).message, error.message, `${what}: message`);
    return;
  }
  assert.unreachable(`${what}: expected ${error.type}: ${error.message}`);
}

/** A readable label for a case. */
export const describe = (c: Case, spec: InputSpec): string =>
  `${c.op}(${spec.dtype}${JSON.stringify(spec.shape)}${spec.view ? `.${spec.view}` : ''}, ${JSON.stringify(c.options)})`;
