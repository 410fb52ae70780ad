// Fused kernels for neural networks on the GPU: what `nn` would otherwise spell as chains of ufuncs.
// A dense layer's act(x @ w + b) is one matmul dispatch with an epilogue; softmax is one dispatch
// instead of five; an optimizer step updates parameters and their state in one pass over memory.
// They take and return NDArrays on 'webgpu' (float32): `np.webgpu.linear(x, w, {bias, activation})`.
import softmaxWgsl from '../../shaders/softmax.wgsl';
import optimizersWgsl from '../../shaders/optimizers.wgsl';
import { NDArray } from '../ndarray.ts';
import { ValueError } from '../errors.ts';
import { formatShape, isCContiguous, shapeSize } from '../shape.ts';
import { kernel } from './engine.ts';
import { matmulEpilogue } from './matmul.ts';
import { ACTIVATIONS, BLOCK, WG, type Activation } from './constants.ts';
import type { GpuView, KernelContext } from './storage.ts';
import { webgpuBackend } from './backend.ts';
import { checkOptions } from '../options.ts';

const SOFTMAX_LINES = kernel(softmaxWgsl, 'softmaxLines', ['read', 'write']);
const SOFTMAX_TREE = kernel(softmaxWgsl, 'softmaxTree', ['read', 'write']);
const OPTIMIZER_BINDINGS = ['write', 'read', 'write', 'write'] as const;
const SGD = kernel(optimizersWgsl, 'sgd', OPTIMIZER_BINDINGS);
const RMSPROP = kernel(optimizersWgsl, 'rmsprop', OPTIMIZER_BINDINGS);
const ADAM = kernel(optimizersWgsl, 'adam', OPTIMIZER_BINDINGS);

/** Checks that every array is a float32 array on 'webgpu'. */
function checkGpuFloat32(fn: string, ...xs: NDArray[]): void {
  for (const x of xs) {
    x.assertAlive();
    if (x.device !== 'webgpu' || x.dtype !== 'float32') {
      throw new ValueError(`webgpu.${fn} takes float32 arrays on 'webgpu', got ${x.dtype} on '${x.device}'`);
    }
  }
}

export interface LinearOptions {
  bias?: NDArray | null;
  activation?: Activation;
}

/** act(x @ w + bias) for x (M, K), w (K, N), bias (N,), in one dispatch. */
export function linear(x: NDArray, w: NDArray, options: LinearOptions = {}): NDArray {
  checkOptions('webgpu.linear', options, ['bias', 'activation']);
  const bias = options.bias ?? null;
  const activation = options.activation ?? 'linear';
  checkGpuFloat32('linear', x, w, ...(bias ? [bias] : []));
  if (!ACTIVATIONS.includes(activation)) throw new ValueError(`unknown activation '${activation}' (expected one of ${ACTIVATIONS.join(', ')})`);
  if (x.ndim !== 2 || w.ndim !== 2 || x.shape[1] !== w.shape[0]) {
    throw new ValueError(`webgpu.linear: shapes ${formatShape(x.shape, true)} and ${formatShape(w.shape, true)} not aligned: x must be (M, K) and w (K, N)`);
  }
  const g = webgpuBackend();
  const out = NDArray.empty([x.shape[0], w.shape[1]], 'float32', 'webgpu');
  const s = g.storages;
  matmulEpilogue(g, s.input(x), s.input(w), s.output(out), { bias: bias ? s.input(bias) : null, activation });
  return out;
}

/** softmax along the last axis (log-softmax with `{log: true}`), numerically stable. */
export function softmax(x: NDArray, options: { log?: boolean } = {}): NDArray {
  checkOptions('webgpu.softmax', options, ['log']);
  checkGpuFloat32(options.log ? 'logSoftmax' : 'softmax', x);
  if (x.ndim === 0) throw new ValueError('softmax needs at least one axis');
  const g = webgpuBackend();
  const src = isCContiguous(x.shape, x.strides) ? x : x.copy();
  const out = NDArray.empty(x.shape, 'float32', 'webgpu');
  softmaxRows(g, g.storages.input(src), g.storages.output(out), options.log ?? false);
  if (src !== x) src.dispose();
  return out;
}

/** The softmax dispatch, for a C-contiguous float32 `x` and a fresh `out` of the same shape. */
export function softmaxRows(g: KernelContext, x: GpuView, out: GpuView, log: boolean): void {
  const len = x.shape[x.shape.length - 1];
  const rows = len === 0 ? 0 : shapeSize(x.shape) / len;
  const tree = rows < 1024 && len > 64;
  g.engine.dispatch({
    kernel: tree ? SOFTMAX_TREE : SOFTMAX_LINES,
    constants: { LOG: log ? 1 : 0 },
    buffers: [x.buf, out.buf],
    params: { rows, len, offset: x.offset, outOffset: out.offset },
    workgroups: rows === 0 ? 0 : tree ? rows : Math.ceil(rows / WG),
  });
}

/** log(softmax(x)) along the last axis, computed as x - max - log(sum(exp(x - max))). */
export const logSoftmax = (x: NDArray): NDArray => softmax(x, { log: true });

export interface StepParams { lr: number; momentum?: number; beta2?: number; epsilon?: number; alpha?: number; nesterov?: boolean }
export type StepKernel = 'sgd' | 'rmsprop' | 'adam';
const STEP_KERNELS = { sgd: SGD, rmsprop: RMSPROP, adam: ADAM };

/** One optimizer step over same-sized contiguous float32 arrays; state arrays are updated in place. */
function step(name: string, k: StepKernel, param: NDArray, grad: NDArray, states: NDArray[], sp: StepParams): void {
  checkGpuFloat32(name, param, grad, ...states);
  param.assertWriteable();
  for (const x of [param, grad, ...states]) {
    if (x.size !== param.size || !isCContiguous(x.shape, x.strides)) {
      throw new ValueError(`webgpu.${name}: every array must be contiguous with ${param.size} elements, got shape ${formatShape(x.shape, true)}`);
    }
  }
  const g = webgpuBackend();
  stepViews(g, k, [param, grad, ...states].map((x) => g.storages.input(x)), sp);
}

/** The optimizer dispatch for the views of param, grad and 0 to 2 state arrays. */
export function stepViews(g: KernelContext, k: StepKernel, views: readonly GpuView[], sp: StepParams): void {
  // Unused state bindings still need buffers of their own (two writable bindings may not share one).
  const spare = [0, 1].slice(views.length - 2).map(() => g.storages.temp('float32', [1]));
  const n = shapeSize(views[0].shape);
  g.engine.dispatch({
    kernel: STEP_KERNELS[k],
    buffers: [...views.map((v) => v.buf), ...spare.map((v) => v.buf)],
    params: {
      offsets: [0, 1, 2, 3].map((i) => views[i]?.offset ?? 0),
      n,
      lr: sp.lr,
      momentum: sp.momentum ?? 0,
      beta2: sp.beta2 ?? 0,
      epsilon: sp.epsilon ?? 0,
      alpha: sp.alpha ?? 0,
      nesterov: sp.nesterov ? 1 : 0,
    },
    workgroups: Math.ceil(n / BLOCK),
  });
  spare.forEach((v) => g.storages.release(v));
}

/** SGD (with momentum when `momentum` > 0 and a velocity array is given), in place. */
export function sgdStep(param: NDArray, grad: NDArray, velocity: NDArray | null, options: { lr: number; momentum?: number; nesterov?: boolean }): void {
  checkOptions('webgpu.sgdStep', options, ['lr', 'momentum', 'nesterov']);
  const momentum = velocity ? (options.momentum ?? 0) : 0;
  step('sgdStep', 'sgd', param, grad, velocity ? [velocity] : [], { lr: options.lr, momentum, nesterov: options.nesterov });
}

/** RMSprop: velocity is the running mean of squared gradients (rho defaults to 0.9), in place. */
export function rmspropStep(param: NDArray, grad: NDArray, velocity: NDArray, options: { lr: number; rho?: number; epsilon?: number }): void {
  checkOptions('webgpu.rmspropStep', options, ['lr', 'rho', 'epsilon']);
  step('rmspropStep', 'rmsprop', param, grad, [velocity], { lr: options.lr, momentum: options.rho ?? 0.9, epsilon: options.epsilon ?? 1e-7 });
}

/** Adam step number `step` (1 for the first update), with Keras's defaults, in place. */
export function adamStep(
  param: NDArray, grad: NDArray, m: NDArray, v: NDArray,
  options: { lr: number; step: number; beta1?: number; beta2?: number; epsilon?: number },
): void {
  checkOptions('webgpu.adamStep', options, ['lr', 'step', 'beta1', 'beta2', 'epsilon']);
  const [b1, b2] = [options.beta1 ?? 0.9, options.beta2 ?? 0.999];
  const alpha = (options.lr * Math.sqrt(1 - b2 ** options.step)) / (1 - b1 ** options.step);
  step('adamStep', 'adam', param, grad, [m, v], { lr: options.lr, momentum: b1, beta2: b2, epsilon: options.epsilon ?? 1e-7, alpha });
}
