// What differs between the devices a conformance run covers: the device name, and how close a float
// result must be for each op. Everything else (inputs, expected values, the checks) is shared.
import type * as np from '../../ndarray/index.ts';
import type { Tol } from './check.ts';

/** Magnitudes of an input, for tolerances that scale with it (a sum's rounding error grows with
 *  sum(|x|), not with the result, which may be 0 after cancellation). */
export interface Magnitude { sumAbs: number; maxAbs: number; size: number }

export interface Conformance {
  device: np.DeviceName;
  /** The tolerance for float results of `op` (a ufunc name, a reduction, 'matmul', 'copy' ...). */
  tol(op: string, input?: Magnitude): Tol;
}

export async function magnitude(x: np.NDArray): Promise<Magnitude> {
  const values = Array.from(await x.data()).filter(Number.isFinite).map(Math.abs);
  return { sumAbs: values.reduce((s, v) => s + v, 0), maxAbs: values.reduce((m, v) => Math.max(m, v), 0), size: x.size };
}
