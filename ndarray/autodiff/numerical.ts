// The numerical gradient: central differences, the check every derivative rule is tested against.
//   df/dx_i ≈ (f(x + h e_i) - f(x - h e_i)) / 2h,  error O(h²)
// It calls f twice per element of x, so it is for small arrays: tests, and learners checking a
// hand-written backward pass (`utils.checkGradients` in tessera/nn). Computed in float64 on the CPU.
import { NDArray, requireNDArray } from '../ndarray.ts';
import { ValueError } from '../errors.ts';
import { tidy } from '../memory.ts';
import { checkOptions } from '../options.ts';

export interface NumericalGradOptions {
  /** The step h (default 1e-6: near the optimum for float64 central differences). */
  eps?: number;
}

/** The gradient of the scalar function f at x by central differences; x must be a float64 CPU array. */
export function numericalGrad(f: (x: NDArray) => NDArray | number, x: NDArray, options: NumericalGradOptions = {}): NDArray {
  if (typeof f !== 'function') throw new TypeError(`numericalGrad(f, x): \`f\` must be a function, got ${f === null ? 'null' : typeof f}`);
  requireNDArray('numericalGrad', 'x', x);
  checkOptions('numericalGrad', options, ['eps']);
  const h = options.eps ?? 1e-6;
  if (x.device !== 'cpu' || x.dtype !== 'float64') throw new ValueError(`numericalGrad takes a float64 array on 'cpu', got ${x.dtype} on '${x.device}'`);
  const point = x.copy();
  const flat = point.reshape([-1]);
  const out = new Float64Array(x.size);
  const at = (): number => tidy(() => {
    const y = f(point);
    return typeof y === 'number' ? y : y.itemSync();
  });
  for (let i = 0; i < x.size; i++) {
    const xi = flat.itemSync(i);
    flat.set(i, xi + h);
    const up = at();
    flat.set(i, xi - h);
    const down = at();
    flat.set(i, xi);
    out[i] = (up - down) / (2 * h);
  }
  flat.dispose();
  point.dispose();
  return NDArray.fromTyped(out, x.shape, 'float64', 'cpu', { copy: false });
}
