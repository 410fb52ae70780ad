// Shared by the ufunc tests (ufuncs, broadcasting, promotion): decoding tests/oracle/ufuncs.py's
// fixtures into arrays, and comparing results with NumPy's value by value, in units in the last place.
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { type DType, allocTyped } from '../ndarray/dtype.ts';

export type Num = number | string;
export interface Encoded { shape: number[]; dtype: string; data: Num[] }
export interface NpError { type: string; message: string }

export const decode = (v: Num): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number));

/** An encoded array as a C-contiguous tessera array. */
export function fromEncoded(e: Encoded, dtype = e.dtype as DType): np.NDArray {
  const data = allocTyped(dtype, e.data.length);
  data.set(e.data.map(decode));
  return np.NDArray.fromTyped(data, e.shape, dtype);
}

/** Distance in ulps of `dtype` between two values; NaN equals NaN, and -0 differs from 0 by 1
 *  when `signedZero` (results must then match NumPy's zero sign too). */
export function ulps(a: number, b: number, dtype: DType, signedZero: boolean): number {
  if (Object.is(a, b) || (a !== a && b !== b)) return 0;
  if (a === b) return signedZero ? 1 : 0;
  if (!Number.isFinite(a) || !Number.isFinite(b) || a !== a || b !== b) return Infinity;
  const m = Math.max(Math.abs(a), Math.abs(b));
  const eps = dtype === 'float32' ? 2 ** -23 : 2 ** -52;
  const tiny = dtype === 'float32' ? 2 ** -126 : 2 ** -1022;
  return Math.abs(a - b) / Math.max(2 ** Math.floor(Math.log2(m)) * eps, tiny * eps);
}

/** Checks shape, dtype and every value within `maxUlps` (exact for ints and bool), or, for a float,
 *  within `epsAbs` machine epsilons of `dtype` (results that cancel, whose error scales with the inputs). */
export function checkArray(actual: np.NDArray, expected: Encoded, what: string, maxUlps = 0, signedZero = true, epsAbs = 0): void {
  assert.equal([...actual.shape], expected.shape, `${what}: shape`);
  assert.is(actual.dtype, expected.dtype, `${what}: dtype`);
  const data = actual.dataSync();
  const float = actual.dtype === 'float32' || actual.dtype === 'float64';
  for (let i = 0; i < data.length; i++) {
    const want = decode(expected.data[i]);
    const got = data[i];
    const d = float ? ulps(got, want, actual.dtype, signedZero) : got === Number(want) ? 0 : Infinity;
    const near = float && Math.abs(got - want) <= epsAbs * (actual.dtype === 'float32' ? 2 ** -23 : 2 ** -52);
    if (d > maxUlps && !near) assert.unreachable(`${what}[${i}]: got ${Object.is(got, -0) ? '-0' : got}, NumPy ${expected.data[i]} (${d} ulp)`);
  }
}

/** Runs fn and checks the error's message (and that its class matches NumPy's type). */
export function checkError(fn: () => unknown, error: NpError | string, what: string): void {
  const message = typeof error === 'string' ? error : error.message;
  try {
    fn();
  } catch (e) {
    assert.is((e as Error).message.trim(), message, `${what}: message`);
    if (typeof error !== 'string') assert.ok(e instanceof errorClass(error.type), `${what}: ${(e as Error).name} is not a ${error.type}`);
    return;
  }
  assert.unreachable(`${what}: expected ${message}`);
}

/** NumPy's exception classes as tessera throws them (UFuncTypeError is a TypeError). */
function errorClass(type: string): new (...args: never[]) => Error {
  switch (type) {
    case 'ValueError': return np.ValueError;
    case 'TypeError': case 'UFuncTypeError': case '_UFuncOutputCastingError': return TypeError;
    default: return Error;
  }
}
