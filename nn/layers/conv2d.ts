// Conv2D: each of `filters` kernels slides over the image and, at every position, takes the dot
// product with the patch under it. With x (batch, H, W, C) ("channels last", Keras's default), the
// kernel K (kh, kw, C, filters) and stride s:
//   y[n, i, j, f] = act(b[f] + Σ_{a<kh, c<kw, d<C} x[n, i·s + a, j·s + c, d] · K[a, c, d, f])
// Computed as one matrix product ("im2col"): the kh·kw shifted views of x are joined along the
// channel axis into patches P (batch·outH·outW, kh·kw·C), and y = act(P K₂ + b) with K₂ = K reshaped
// to (kh·kw·C, filters). Backward (np.grad, through the same ops):
//   dK₂ = Pᵀ dz,  db = Σ dz,  dP = dz K₂ᵀ, and dx adds each patch gradient back where it was read.
// padding 'valid' uses only full windows; 'same' pads with zeros so that outH = ceil(H / s) (TF's
// split: the extra row or column goes at the bottom/right).
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, type LayerOptions, type Shape } from './layer.ts';
import { getActivation, activationName, type ActivationFn } from '../activations.ts';
import { getInitializer, type Initializer } from '../initializers.ts';
import { getConstraint, type Constraint } from '../constraints.ts';
import { getRegularizer, type Regularizer } from '../regularizers.ts';
import type { Variable } from '../variable.ts';
import { withPositional, requireType } from '../checks.ts';

type NDArray = np.NDArray;
type Pair = number | readonly [number, number];
export type Padding = 'valid' | 'same';

export interface Conv2DOptions extends LayerOptions {
  filters?: number;
  kernelSize?: Pair;
  strides?: Pair;
  padding?: Padding;
  dataFormat?: 'channels_last';
  activation?: string | ActivationFn | null;
  useBias?: boolean;
  kernelInitializer?: string | Initializer;
  biasInitializer?: string | Initializer;
  kernelRegularizer?: Regularizer | string | null;
  kernelConstraint?: Constraint | string | null;
}
const CONV_OPTIONS = [...LAYER_OPTIONS, 'filters', 'kernelSize', 'strides', 'padding', 'dataFormat', 'activation', 'useBias',
  'kernelInitializer', 'biasInitializer', 'kernelRegularizer', 'kernelConstraint'];

export const pair = (v: Pair, what: string): [number, number] => {
  const p = typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : [NaN];
  if (!p.every((d) => Number.isInteger(d) && d > 0)) throw new np.ValueError(`The \`${what}\` argument must be a tuple of 2 positive integers. Received: ${JSON.stringify(v)}`);
  return p as [number, number];
};

/** Output length and the zeros added before and after for one spatial axis. */
export function windows(size: number, k: number, s: number, padding: Padding): { out: number; before: number; after: number } {
  if (padding === 'valid') return { out: Math.floor((size - k) / s) + 1, before: 0, after: 0 };
  const out = Math.ceil(size / s);
  const total = Math.max((out - 1) * s + k - size, 0);
  return { out, before: Math.floor(total / 2), after: total - Math.floor(total / 2) };
}

/** x (N, H, W, C) with zero rows and columns added around the spatial axes (differentiable). */
export function padSpatial(x: NDArray, [top, bottom]: [number, number], [left, right]: [number, number], value = 0): NDArray {
  const zeros = (shape: number[]): NDArray => np.full(shape, value, { dtype: x.dtype, device: x.device });
  let y = x;
  if (top || bottom) y = np.concatenate([...(top ? [zeros([y.shape[0], top, y.shape[2], y.shape[3]])] : []), y, ...(bottom ? [zeros([y.shape[0], bottom, y.shape[2], y.shape[3]])] : [])], { axis: 1 });
  if (left || right) y = np.concatenate([...(left ? [zeros([y.shape[0], y.shape[1], left, y.shape[3]])] : []), y, ...(right ? [zeros([y.shape[0], y.shape[1], right, y.shape[3]])] : [])], { axis: 2 });
  return y;
}

/** The view of x under kernel offset (a, c): rows a, a+s, ... and columns c, c+s, ... (outH × outW of them). */
export const shifted = (x: NDArray, a: number, c: number, [sh, sw]: [number, number], outH: number, outW: number): NDArray =>
  x.get(':', `${a}:${a + (outH - 1) * sh + 1}:${sh}`, `${c}:${c + (outW - 1) * sw + 1}:${sw}`, ':');

/**
 * Keras's Conv2D (channels last): input (N, H, W, C), output (N, H', W', filters); each output pixel is a window of the input times a (kh, kw, C) kernel, summed, plus a bias.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const image = np.arange(9).reshape(1, 3, 3, 1); // (batch, height, width, channels)
 * const conv = new layers.Conv2D(1, 2, { kernelInitializer: 'ones' }); // one 2x2 filter of ones
 * const y = conv.apply(image);
 * console.log(y.shape);
 * console.log(y.reshape(2, 2)); // the sum of each 2x2 window
 * ```
 *
 * ```text output
 * [ 1, 2, 2, 1 ]
 * array([[ 8., 12.],
 *        [20., 24.]])
 * ```
 */
export class Conv2D extends Layer {
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private readonly kernelRegularizer: Regularizer | null;
  private readonly kernelConstraint: Constraint | null;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  /** `new Conv2D(15, [3, 3], {activation: 'relu'})` or `new Conv2D({filters: 15, kernelSize: 3})`. */
  constructor(filters: number | Conv2DOptions, kernelSize?: Pair | Conv2DOptions, options: Conv2DOptions = {}) {
    const o: Conv2DOptions = typeof kernelSize === 'object' && kernelSize !== null && !Array.isArray(kernelSize)
      ? withPositional('Conv2D', 'filters', filters, kernelSize)
      : { ...withPositional<Conv2DOptions>('Conv2D', 'filters', filters, options), ...(kernelSize === undefined ? {} : { kernelSize: kernelSize as Pair }) };
    super(o, CONV_OPTIONS);
    if (!Number.isInteger(o.filters) || (o.filters as number) <= 0) throw new np.ValueError(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${String(o.filters)}.`);
    if (o.kernelSize === undefined) throw new np.ValueError('Conv2D: `kernelSize` is required');
    if (o.dataFormat !== undefined && o.dataFormat !== 'channels_last') throw new np.ValueError(`Conv2D: tessera supports dataFormat 'channels_last' only, got '${String(o.dataFormat)}'`);
    if (o.padding !== undefined && o.padding !== 'valid' && o.padding !== 'same') throw new np.ValueError(`The \`padding\` argument must be one of "valid", "same". Received: ${String(o.padding)}`);
    this.filters = o.filters as number;
    this.kernelSize = pair(o.kernelSize, 'kernel_size');
    this.strides = pair(o.strides ?? 1, 'strides');
    this.padding = o.padding ?? 'valid';
    this.activation = getActivation(o.activation);
    this.useBias = requireType<boolean | undefined>('Conv2D', 'useBias', o.useBias, 'boolean') ?? true;
    this.kernelInitializer = getInitializer(o.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(o.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(o.kernelRegularizer);
    this.kernelConstraint = getConstraint(o.kernelConstraint);
  }

  override build(inputShape: Shape, device: np.DeviceName): void {
    if (inputShape.length !== 4 || inputShape[3] === null) throw new np.ValueError(`Input 0 of layer "${this.name}" is incompatible with the layer: expected ndim=4, found ndim=${inputShape.length}. Full shape received: ${JSON.stringify(inputShape)}`);
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight('kernel', [kh, kw, inputShape[3], this.filters], this.kernelInitializer, device, { constraint: this.kernelConstraint, regularizer: this.kernelRegularizer });
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInitializer, device);
    super.build(inputShape, device);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const [h, w] = [inputShape[1], inputShape[2]];
    const out = (size: number | null, i: 0 | 1): number | null => (size === null ? null : windows(size, this.kernelSize[i], this.strides[i], this.padding).out);
    return [inputShape[0], out(h, 0), out(w, 1), this.filters];
  }

  call(x: NDArray): NDArray {
    if (x.ndim !== 4) throw new np.ValueError(`Input 0 of layer "${this.name}" is incompatible with the layer: expected ndim=4, found ndim=${x.ndim}. Full shape received: (${x.shape.join(', ')})`);
    const [kh, kw] = this.kernelSize;
    const rows = windows(x.shape[1], kh, this.strides[0], this.padding);
    const cols = windows(x.shape[2], kw, this.strides[1], this.padding);
    if (rows.out <= 0 || cols.out <= 0) throw new np.ValueError(`Conv2D '${this.name}': the kernel ${kh}x${kw} is larger than the input ${x.shape[1]}x${x.shape[2]} with padding 'valid'`);
    const xp = padSpatial(x, [rows.before, rows.after], [cols.before, cols.after]);
    const views: NDArray[] = [];
    for (let a = 0; a < kh; a++) for (let c = 0; c < kw; c++) views.push(shifted(xp, a, c, this.strides, rows.out, cols.out));
    const patches = np.reshape(np.concatenate(views, { axis: -1 }), [-1, kh * kw * x.shape[3]]);
    const k2 = np.reshape(this.kernel!.value, [-1, this.filters]);
    const z = np.matmul(patches, k2);
    const y = np.reshape(this.bias ? np.add(z, this.bias.value) : z, [x.shape[0], rows.out, cols.out, this.filters]);
    return this.activation(y);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), filters: this.filters, kernel_size: this.kernelSize, strides: this.strides, padding: this.padding,
      data_format: 'channels_last', activation: activationName(this.activation), use_bias: this.useBias,
      kernel_initializer: this.kernelInitializer.config ?? null, bias_initializer: this.biasInitializer.config ?? null,
      kernel_regularizer: this.kernelRegularizer?.getConfig() ?? null, kernel_constraint: this.kernelConstraint?.getConfig() ?? null,
    };
  }
}
