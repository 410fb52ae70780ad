// softmax, logSoftmax and logsumexp (scipy.special's and jax.nn's): the functions a classifier's
// output and loss are made of, computed the stable way by shifting x by its maximum first:
//   logsumexp(x) = m + log Σ exp(x - m),  m = max x        (no overflow for large x)
//   softmax(x)   = exp(x - m) / Σ exp(x - m)
//   logSoftmax(x) = x - logsumexp(x)
// Their derivatives (np.grad), with y the result and g its gradient, summing along `axis`:
//   d logsumexp: dx = g · softmax(x)
//   d softmax:   dx = y · (g - Σ g·y)
//   d logSoftmax: dx = g - softmax(x) · Σ g
// On 'webgpu', a float32 softmax along the last axis is one fused dispatch (shaders/softmax.wgsl).
import { NDArray, type ArrayLike } from './ndarray.ts';
import { normalizeAxis, normalizeAxes } from './shape.ts';
import { asarray } from './creation.ts';
import { exp, log, subtract, multiply, divide, add, where, isfinite } from './ufuncs.ts';
import { max, sum } from './reductions.ts';
import { reshape, squeeze } from './manipulation.ts';
import { tidy } from './memory.ts';
import { differentiable } from './autodiff/tape.ts';
import { softmax as fusedSoftmax } from './webgpu/fused.ts';
import { checkOptions } from './options.ts';

export interface SoftmaxOptions {
  /** The axis the probabilities sum to 1 along (default -1, the last). */
  axis?: number;
}
export interface LogsumexpOptions {
  /** The axes to reduce (all by default). */
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
}

/** max(x) along axis with keepdims, with infinite maxima replaced by 0 (so x - m stays defined). */
function shiftOf(x: NDArray, axis: number | readonly number[] | null | undefined): NDArray {
  const m = max(x, { axis, keepdims: true });
  return where(isfinite(m), m, 0);
}

/** True when the fused GPU kernel applies (float32 on 'webgpu', along the last axis). */
const fusedApplies = (x: NDArray, axis: number): boolean =>
  x.device === 'webgpu' && x.dtype === 'float32' && x.ndim > 0 && axis === x.ndim - 1;

function softmaxImpl(a: ArrayLike, options: SoftmaxOptions = {}): NDArray {
  checkOptions('softmax', options, ['axis']);
  const x = asarray(a);
  const axis = normalizeAxis(options.axis ?? -1, x.ndim);
  if (fusedApplies(x, axis)) return fusedSoftmax(x);
  return tidy(() => {
    const e = exp(subtract(x, shiftOf(x, axis)));
    return divide(e, sum(e, { axis, keepdims: true }));
  });
}

function logSoftmaxImpl(a: ArrayLike, options: SoftmaxOptions = {}): NDArray {
  checkOptions('log_softmax', options, ['axis']);
  const x = asarray(a);
  const axis = normalizeAxis(options.axis ?? -1, x.ndim);
  if (fusedApplies(x, axis)) return fusedSoftmax(x, { log: true });
  return tidy(() => {
    const shifted = subtract(x, shiftOf(x, axis));
    return subtract(shifted, log(sum(exp(shifted), { axis, keepdims: true })));
  });
}

function logsumexpImpl(a: ArrayLike, options: LogsumexpOptions = {}): NDArray {
  checkOptions('logsumexp', options, ['axis', 'keepdims'], ['b', 'returnSign']);
  const x = asarray(a);
  return tidy(() => {
    const m = shiftOf(x, options.axis);
    const out = add(log(sum(exp(subtract(x, m)), { axis: options.axis, keepdims: true })), m);
    return options.keepdims ? out : squeeze(out, { axis: normalizeAxes(options.axis, x.ndim) });
  });
}

/** softmax(x) along `axis` (default -1): exp(x) / Σ exp(x), computed without overflow. */
export const softmax = differentiable('softmax', softmaxImpl, (g, y, _x, args) => {
  const axis = normalizeAxis((args[1] as SoftmaxOptions | undefined)?.axis ?? -1, y.ndim);
  return [multiply(y, subtract(g, sum(multiply(g, y), { axis, keepdims: true })))];
});

/** log(softmax(x)) along `axis`, computed as x - logsumexp(x) (exact for very negative logits). */
export const logSoftmax = differentiable('logSoftmax', logSoftmaxImpl, (g, y, _x, args) => {
  const axis = normalizeAxis((args[1] as SoftmaxOptions | undefined)?.axis ?? -1, y.ndim);
  return [subtract(g, multiply(exp(y), sum(g, { axis, keepdims: true })))];
});

/** log Σ exp(x) over `axis` (all axes by default), without overflow (scipy.special.logsumexp). */
export const logsumexp = differentiable('logsumexp', logsumexpImpl, (g, y, [x], args) => {
  const o = (args[1] as LogsumexpOptions | undefined) ?? {};
  const kept = normalizeAxes(o.axis, x.ndim);
  const shape = x.shape.map((d, i) => (kept.includes(i) ? 1 : d));
  return [multiply(reshape(g, shape), exp(subtract(x, reshape(y, shape))))];
});
