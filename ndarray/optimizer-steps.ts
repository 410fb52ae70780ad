// Fused optimizer updates on every device (`np.fused.sgdStep`, `rmspropStep`, `adamStep`): a parameter
// and its optimizer state are updated in place in ONE pass over memory, instead of a chain of ufuncs
// that each allocate and walk a whole array. On 'webgpu' they are the WGSL kernels of
// shaders/optimizers.wgsl (np.webgpu.*Step); on 'cpu' the same formulas as one loop over the typed
// arrays (computed in float64, each result stored in the array's dtype). The formulas are Keras 3's
// (g the gradient, lr the learning rate):
//   sgd:      v = momentum·v - lr·g;  p += v  (nesterov: p += momentum·v - lr·g); no momentum: p -= lr·g
//   rmsprop:  a = rho·a + (1 - rho)·g²;  p -= lr·g / √(a + ε)
//   adam:     m += (g - m)(1 - β1);  u += (g² - u)(1 - β2);  p -= α·m / (√u + ε),
//             α = lr·√(1 - β2ᵗ) / (1 - β1ᵗ) for step t (from 1)
import { NDArray, requireNDArray } from './ndarray.ts';
import { ValueError } from './errors.ts';
import { formatShape, isCContiguous } from './shape.ts';
import { isFloat } from './dtype.ts';
import { dataOf } from './cpu/storage.ts';
import * as gpu from './webgpu/fused.ts';
import { checkOptions } from './options.ts';

/** The checks every step makes before touching a device: NDArrays where arrays belong, the options an
 *  object with the known keys, the required numbers present and finite. */
function checkStep(fn: string, arrays: Record<string, unknown>, options: unknown, valid: string[], required: string[]): void {
  for (const [name, x] of Object.entries(arrays)) if (x !== null || name !== 'velocity') requireNDArray(`fused.${fn}`, name, x);
  if (options === undefined) throw new TypeError(`fused.${fn}() missing required options: ${required.map((k) => `'${k}'`).join(', ')}`);
  checkOptions(fn, options, valid);
  for (const key of valid) {
    const v = (options as Record<string, unknown>)[key];
    if (key === 'nesterov' || (v === undefined && !required.includes(key))) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`fused.${fn}(): \`${key}\` must be a finite number, got ${String(v)}`);
  }
}

/** Checks the arrays (one device, one float dtype, contiguous, same size, param writable) and returns
 *  each one's elements as [typed array, offset] on the CPU. */
function cpuViews(fn: string, param: NDArray, others: NDArray[]): [Float32Array | Float64Array, number][] {
  const all = [param, ...others];
  for (const x of all) {
    x.assertAlive();
    if (!isFloat(x.dtype)) throw new ValueError(`fused.${fn} takes float arrays, got ${x.dtype}`);
    if (x.device !== param.device || x.dtype !== param.dtype) {
      throw new ValueError(`fused.${fn} takes float arrays of one dtype on one device, got ${x.dtype} on '${x.device}' beside ${param.dtype} on '${param.device}'`);
    }
    if (x.size !== param.size || !isCContiguous(x.shape, x.strides)) {
      throw new ValueError(`fused.${fn}: every array must be contiguous with ${param.size} elements, got shape ${formatShape(x.shape, true)}`);
    }
  }
  param.assertWriteable();
  return all.map((x) => [dataOf(x) as Float32Array | Float64Array, x.offset]);
}

export interface SgdStepOptions { lr: number; momentum?: number; nesterov?: boolean }
export interface RmspropStepOptions { lr: number; rho?: number; epsilon?: number }
export interface AdamStepOptions { lr: number; step: number; beta1?: number; beta2?: number; epsilon?: number }

/** SGD, with momentum when `momentum` > 0 and a velocity array is given; in place. */
export function sgdStep(param: NDArray, grad: NDArray, velocity: NDArray | null, options: SgdStepOptions): void {
  checkStep('sgdStep', { param, grad, velocity }, options, ['lr', 'momentum', 'nesterov'], ['lr']);
  if (param.device === 'webgpu') return gpu.sgdStep(param, grad, velocity, options);
  const [[p, po], [g, go], v] = cpuViews('sgdStep', param, velocity ? [grad, velocity] : [grad]);
  const { lr } = options;
  const momentum = velocity ? (options.momentum ?? 0) : 0;
  const n = param.size;
  if (momentum === 0) {
    for (let i = 0; i < n; i++) p[po + i] -= lr * g[go + i];
    return;
  }
  const [s, so] = v;
  for (let i = 0; i < n; i++) {
    const next = momentum * s[so + i] - lr * g[go + i];
    s[so + i] = next;
    p[po + i] += options.nesterov ? momentum * s[so + i] - lr * g[go + i] : s[so + i];
  }
}

/** RMSprop (rho defaults to 0.9, epsilon to 1e-7); in place. */
export function rmspropStep(param: NDArray, grad: NDArray, velocity: NDArray, options: RmspropStepOptions): void {
  checkStep('rmspropStep', { param, grad, velocity }, options, ['lr', 'rho', 'epsilon'], ['lr']);
  if (param.device === 'webgpu') return gpu.rmspropStep(param, grad, velocity, options);
  const [[p, po], [g, go], [a, ao]] = cpuViews('rmspropStep', param, [grad, velocity]);
  const [rho, eps, lr] = [options.rho ?? 0.9, options.epsilon ?? 1e-7, options.lr];
  for (let i = 0, n = param.size; i < n; i++) {
    const gi = g[go + i];
    a[ao + i] = rho * a[ao + i] + (1 - rho) * gi * gi;
    p[po + i] -= (lr * gi) / Math.sqrt(a[ao + i] + eps);
  }
}

/** Adam step number `step` (1 for the first update), Keras's defaults; in place. */
export function adamStep(param: NDArray, grad: NDArray, m: NDArray, v: NDArray, options: AdamStepOptions): void {
  checkStep('adamStep', { param, grad, m, v }, options, ['lr', 'step', 'beta1', 'beta2', 'epsilon'], ['lr', 'step']);
  if (param.device === 'webgpu') return gpu.adamStep(param, grad, m, v, options);
  const [[p, po], [g, go], [mm, mo], [u, uo]] = cpuViews('adamStep', param, [grad, m, v]);
  const [b1, b2, eps] = [options.beta1 ?? 0.9, options.beta2 ?? 0.999, options.epsilon ?? 1e-7];
  const alpha = (options.lr * Math.sqrt(1 - b2 ** options.step)) / (1 - b1 ** options.step);
  for (let i = 0, n = param.size; i < n; i++) {
    const gi = g[go + i];
    mm[mo + i] += (gi - mm[mo + i]) * (1 - b1);
    u[uo + i] += (gi * gi - u[uo + i]) * (1 - b2);
    p[po + i] -= (mm[mo + i] * alpha) / (Math.sqrt(u[uo + i]) + eps);
  }
}
