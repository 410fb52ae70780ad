// Comparing a device's result with the expected one (NumPy's, or the CPU backend's), the same way on
// every device: shapes and dtypes exactly (float64 results are float32 on 'webgpu', see deviceDType),
// integers and bools exactly, floats within a tolerance that each test chooses per device.
// Failures are collected and reported together, so one run shows every mismatch of a test.
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { deviceDType } from '../../ndarray/backend.ts';
import type { DType } from '../../ndarray/dtype.ts';
import { type Encoded, decode } from '../ufuncs-fixtures.ts';

/** A float passes when within `ulps` units in the last place, or when
 *  |got - want| <= abs + epsAbs * eps(dtype) + rel * |want|; with `signedZero`, 0 and -0 must match too. */
export interface Tol { ulps: number; rel: number; abs: number; epsAbs: number; signedZero: boolean }
export const EXACT: Tol = { ulps: 0, rel: 0, abs: 0, epsAbs: 0, signedZero: true };

/** True when this device can hold the dtype (webgpu has no float64). */
export const holds = (device: np.DeviceName, dtype: string): boolean => device !== 'webgpu' || dtype !== 'float64';

/** Distance between two numbers in ulps of `dtype`; 0 for NaN vs NaN. */
export function ulps(a: number, b: number, dtype: DType): number {
  if (Object.is(a, b) || (a !== a && b !== b) || a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b) || a !== a || b !== b) return Infinity;
  const m = Math.max(Math.abs(a), Math.abs(b));
  const eps = dtype === 'float32' ? 2 ** -23 : 2 ** -52;
  const tiny = dtype === 'float32' ? 2 ** -126 : 2 ** -1022;
  return Math.abs(a - b) / Math.max(2 ** Math.floor(Math.log2(m)) * eps, tiny * eps);
}

function floatOk(got: number, want: number, dtype: DType, tol: Tol): boolean {
  if (Object.is(got, want) || (got !== got && want !== want)) return true;
  if (got === want) return !tol.signedZero; // 0 vs -0
  if (ulps(got, want, dtype) <= tol.ulps) return true;
  const eps = dtype === 'float32' ? 2 ** -23 : 2 ** -52;
  return Number.isFinite(want) && Math.abs(got - want) <= tol.abs + tol.epsAbs * eps + tol.rel * Math.abs(want);
}

/** Mismatches of `actual` against `expected`, as readable lines (empty when they agree). When the
 *  device stores the expected dtype in a smaller one (float64 -> float32 on webgpu), the expected
 *  value is rounded to it first (so a float64 result beyond float32's range must be inf).
 *  `skip(i)` leaves out elements that cannot be compared. */
export async function mismatches(actual: np.NDArray, expected: Encoded, what: string, tol: Tol, skip?: (i: number) => boolean): Promise<string[]> {
  const dtype = deviceDType(actual.device, expected.dtype as DType);
  if (actual.shape.join() !== expected.shape.join()) return [`${what}: shape (${actual.shape}) != (${expected.shape})`];
  if (actual.dtype !== dtype) return [`${what}: dtype ${actual.dtype} != ${dtype}`];
  const data = await actual.data();
  const float = dtype === 'float32' || dtype === 'float64';
  const narrowed = dtype !== expected.dtype;
  const out: string[] = [];
  for (let i = 0; i < data.length; i++) {
    if (skip?.(i)) continue;
    const want = narrowed ? Math.fround(decode(expected.data[i])) : decode(expected.data[i]);
    const ok = float ? floatOk(data[i], want, dtype, tol) : data[i] === Number(want);
    if (!ok) out.push(`${what}[${i}]: got ${Object.is(data[i], -0) ? '-0' : data[i]}, expected ${expected.data[i]}`);
  }
  return out;
}

/** An array as the expected-value record `mismatches` takes (for results computed on the CPU). */
export async function encoded(x: np.NDArray): Promise<Encoded> {
  return { shape: [...x.shape], dtype: x.dtype, data: Array.from(await x.data()) };
}

/** Fails with every collected mismatch (the first 30 of them). */
export function report(failures: string[], what: string): void {
  if (failures.length === 0) return;
  assert.unreachable(`${failures.length} mismatch(es) in ${what}:\n  ${failures.slice(0, 30).join('\n  ')}`);
}
