// Lambda: any function of tessera ops as a layer, y = fn(x), with no weights. Its gradient is the
// autodiff's (np.grad records the ops fn runs), so no backward needs writing.
// `outputShape` is what Keras's summary shows; like Keras, tessera does not make the output take it,
// which is the Keras article's second pitfall: a mean over axis 1 without expandDims gives (batch,)
// where (batch, 1) was declared, and the loss then broadcasts. tessera warns once when the output
// differs from `outputShape`, and a model compiled with `strictShapes: true` raises instead.
// Saving: a Lambda is saved by the name it was registered under (`Lambda.register`), never as code.
import * as np from '../../ndarray/index.ts';
import { Layer, LAYER_OPTIONS, formatShape, type LayerOptions, type Shape } from './layer.ts';
import { describe } from '../checks.ts';

type NDArray = np.NDArray;
export type LambdaFn = (x: NDArray) => NDArray;

export interface LambdaOptions extends LayerOptions {
  /** The output shape without the batch axis (Keras's output_shape). */
  outputShape?: readonly number[];
}

const registry = new Map<string, LambdaFn>();

/**
 * Keras's Lambda: wraps a function of the input as a layer without weights.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { layers } from 'tessera/nn';
 *
 * const double = new layers.Lambda((x) => np.multiply(x, 2));
 * console.log(double.apply(np.array([[1, 2, 3]])));
 * ```
 *
 * ```text output
 * array([[2, 4, 6]])
 * ```
 */
export class Lambda extends Layer {
  readonly fn: LambdaFn;
  readonly outputShape: number[] | null;
  /** Set by compile({strictShapes}): a shape different from outputShape is an error. */
  strictShapes = false;
  private warned = false;

  constructor(fn: LambdaFn | string, options: LambdaOptions = {}) {
    super(options, [...LAYER_OPTIONS, 'outputShape', 'arguments', 'mask']);
    if (typeof fn !== 'function' && typeof fn !== 'string') throw new TypeError(`Lambda: the argument \`function\` must be a function (or the name it was registered under), got ${describe(fn)}`);
    const f = typeof fn === 'string' ? registry.get(fn) : fn;
    if (!f) throw new np.ValueError(`Lambda: no function registered as '${String(fn)}' (register it with Lambda.register(name, fn))`);
    this.fn = f;
    const shape = options?.outputShape;
    if (shape !== undefined && shape !== null && !(Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d > 0))) {
      throw new np.ValueError(`Lambda: \`outputShape\` must be a list of positive integers (without the batch axis), got ${describe(shape)}`);
    }
    this.outputShape = shape ? [...shape] : null;
  }

  /** Registers `fn` under `name`, so models with a Lambda using it can be saved and loaded. */
  static register(name: string, fn: LambdaFn): void {
    if (typeof name !== 'string' || typeof fn !== 'function') throw new TypeError(`Lambda.register(name, fn) takes a string and a function, got ${describe(name)} and ${describe(fn)}`);
    registry.set(name, fn);
  }
  /** The registered name of this layer's function, or null. */
  get functionName(): string | null {
    for (const [name, f] of registry) if (f === this.fn) return name;
    return null;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (this.outputShape) return [inputShape[0], ...this.outputShape];
    // Keras infers the shape by running fn; here on zeros with None read as 2.
    const probe = np.zeros(inputShape.map((d) => d ?? 2) as number[], { dtype: 'float32' });
    const out = np.tidy(() => this.fn(probe).shape);
    probe.dispose();
    return [...out].map((d, i) => (i === 0 && inputShape[0] === null ? null : d));
  }

  call(x: NDArray): NDArray {
    const y = this.fn(x);
    if (this.outputShape && (y.ndim !== this.outputShape.length + 1 || this.outputShape.some((d, i) => d !== y.shape[i + 1]))) {
      const message = `Lambda '${this.name}' returned shape ${formatShape(y.shape)} but declares outputShape ${formatShape([null, ...this.outputShape])}`;
      if (this.strictShapes) throw new np.ValueError(`${message} (strictShapes is on)`);
      if (!this.warned) console.warn(`Warning: ${message}. Keras does not enforce outputShape, so the loss will broadcast; add np.expandDims or compile with strictShapes: true.`);
      this.warned = true;
    }
    return y;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), function: this.functionName, output_shape: this.outputShape };
  }
}
