// The Layer: a function of an input batch with its own weights. A layer is built once, when the
// shape of its input is first known (`build` creates the weights), then `call(x, training)` computes
// its output. Its gradient is np.grad's: `call` is written with tessera ops, so each layer file only
// documents the maths of its backward pass. Calling `apply` on a symbolic tensor (Input) instead of an
// array records a node of a functional model's graph.
import * as np from '../../ndarray/index.ts';
import { Variable } from '../variable.ts';
import { uniqueName, snakeCase, floatx } from '../backend.ts';
import { checkOptions } from '../options.ts';
import { describe, requireArray, requireInt, requireType } from '../checks.ts';
import type { Initializer } from '../initializers.ts';
import type { Constraint } from '../constraints.ts';
import type { Regularizer } from '../regularizers.ts';

type NDArray = np.NDArray;
/** A shape with the batch axis first, `null` where the size is not fixed (Keras's None). */
export type Shape = (number | null)[];

export interface LayerOptions {
  name?: string;
  trainable?: boolean;
  /** The input's shape without the batch axis (only on a model's first layer). */
  inputShape?: readonly number[];
  /** Keras 2's `input_dim: n`, the same as inputShape [n]. */
  inputDim?: number;
  batchSize?: number;
  dtype?: 'float32' | 'float64';
}
export const LAYER_OPTIONS = ['name', 'trainable', 'inputShape', 'inputDim', 'batchSize', 'dtype'] as const;

/** A tensor of a functional model under construction: its shape and the layer call that makes it. */
export class SymbolicTensor {
  constructor(
    readonly shape: Shape,
    readonly layer: Layer,
    readonly inputs: readonly SymbolicTensor[],
    readonly name: string,
  ) {}
}

export abstract class Layer {
  name: string;
  /** Frozen layers keep their weights; a change takes effect from the next compile (K-R14). */
  trainable: boolean;
  built = false;
  readonly weights: Variable[] = [];
  /** The input shape the layer was declared or built with (batch axis first). */
  batchInputShape: Shape | null = null;
  dtype: 'float32' | 'float64';
  /** Layers whose output does not depend only on the current weights and input (none here). */
  protected constructor(options: LayerOptions = {}, validOptions: readonly string[] = LAYER_OPTIONS) {
    const cls = this.constructor.name;
    checkOptions(cls, options, validOptions);
    const o = checkLayerOptions(cls, options ?? {});
    this.name = o.name ?? uniqueName(snakeCase(cls));
    this.trainable = o.trainable ?? true;
    this.dtype = o.dtype ?? floatx();
    if (o.inputShape !== undefined && o.inputDim !== undefined) throw new np.ValueError(`${cls}: give inputShape or inputDim, not both`);
    const declared = o.inputShape ?? (o.inputDim !== undefined ? [o.inputDim] : undefined);
    if (declared !== undefined) {
      if (!Array.isArray(declared) || declared.some((d) => d !== null && (!Number.isInteger(d) || d <= 0))) {
        throw new np.ValueError(`${cls}: inputShape must be a list of positive integers (without the batch axis), got ${JSON.stringify(declared)}`);
      }
      this.batchInputShape = [o.batchSize ?? null, ...declared];
    }
  }

  /** The Keras class name shown in summaries and configs. */
  get className(): string { return this.constructor.name; }

  /** Creates the weights for inputs of `inputShape` on `device`. */
  build(_inputShape: Shape, _device: np.DeviceName): void {
    this.built = true;
  }

  /** The output shape for inputs of `inputShape` (batch axis first). */
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  /** The forward pass on a batch; `training` is true inside fit (Dropout is active then). */
  abstract call(x: NDArray, training: boolean): NDArray;

  /** Adds a weight created by `initializer` (float64 values on the CPU, cast to this layer's dtype). */
  protected addWeight(name: string, shape: readonly number[], initializer: Initializer, device: np.DeviceName,
    options: { trainable?: boolean; constraint?: Constraint | null; regularizer?: Regularizer | null } = {}): Variable {
    const host = initializer(shape);
    const cast = host.astype(this.dtype);
    host.dispose();
    const value = device === 'cpu' ? cast : toDeviceSync(cast, device);
    const v = new Variable(`${this.name}/${name}`, value, options);
    this.weights.push(v);
    return v;
  }

  get trainableWeights(): Variable[] { return this.trainable ? this.weights.filter((w) => w.trainable) : []; }
  get nonTrainableWeights(): Variable[] { return this.trainable ? this.weights.filter((w) => !w.trainable) : [...this.weights]; }
  countParams(): number { return this.weights.reduce((n, w) => n + w.size, 0); }

  /** Called by the training loop after each optimizer step (BatchNormalization stores its moving
   *  averages here); most layers have nothing to do. */
  finishStep(): void {}

  /** The penalties of the weights' regularizers (added to the loss in training). */
  regularizationLosses(): NDArray[] {
    return this.weights.filter((w) => w.regularizer && w.trainable).map((w) => w.regularizer!.call(w.value));
  }

  /** The layer's Keras config (snake_case keys, as `get_config` returns). */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) config.batch_input_shape = this.batchInputShape;
    return config;
  }

  /** Calls the layer on an array (eagerly, building it first if needed), or on a symbolic tensor
   *  (recording a node of a functional model). */
  apply(x: SymbolicTensor | readonly SymbolicTensor[]): SymbolicTensor;
  apply(x: NDArray | readonly NDArray[], options?: { training?: boolean }): NDArray;
  apply(input: SymbolicTensor | NDArray | readonly (SymbolicTensor | NDArray)[], options: { training?: boolean } = {}): SymbolicTensor | NDArray {
    checkOptions(`${this.className}.apply`, options, ['training']);
    const training = requireType<boolean | undefined>(`${this.className}.apply`, 'training', options?.training, 'boolean') ?? false;
    if (Array.isArray(input)) return this.applyList(input as readonly (SymbolicTensor | NDArray)[], training);
    if (input instanceof SymbolicTensor) {
      // The weights are made when the model is built, on the model's device.
      return new SymbolicTensor(this.computeOutputShape(input.shape), this, [input], this.name);
    }
    const x = requireInput(this, input);
    if (!this.built) this.build([null, ...x.shape.slice(1)], x.device);
    return np.tidy(() => this.call(x, training)); // intermediates are freed
  }

  /** Several inputs: only merge layers (merge.ts) take them, at least two, all symbolic or all arrays. */
  protected applyList(xs: readonly (SymbolicTensor | NDArray)[], training: boolean): SymbolicTensor | NDArray {
    const merge = this as unknown as { applyMany?(t: readonly SymbolicTensor[]): SymbolicTensor; callMany?(v: readonly NDArray[], training: boolean): NDArray };
    if (!merge.applyMany || !merge.callMany) throw new np.ValueError(`Layer "${this.name}" (${this.className}) takes one input, got a list of ${xs.length}`);
    if (xs.length < 2) throw new np.ValueError(`A merge layer should be called on a list of at least 2 inputs. Got ${xs.length} inputs.`);
    if (xs.every((v) => v instanceof SymbolicTensor)) return merge.applyMany(xs as SymbolicTensor[]);
    const arrays = xs.map((v) => requireInput(this, v));
    if (!this.built) this.built = true;
    return np.tidy(() => merge.callMany!(arrays, training));
  }

  dispose(): void { this.weights.forEach((w) => w.dispose()); }
}

/** The common options every layer takes, of the right types (name, trainable, dtype, batchSize). */
function checkLayerOptions(cls: string, o: LayerOptions): LayerOptions {
  requireType(cls, 'name', o.name, 'string');
  requireType(cls, 'trainable', o.trainable, 'boolean');
  if (o.dtype !== undefined && o.dtype !== 'float32' && o.dtype !== 'float64') {
    throw new np.ValueError(`${cls}: tessera layers compute in 'float32' or 'float64', got dtype=${describe(o.dtype)}`);
  }
  if (o.batchSize !== undefined && o.batchSize !== null) requireInt(cls, 'batchSize', o.batchSize);
  return o;
}

/** A layer's input array: an NDArray, or a symbolic tensor (from Input) in a list handled above. */
function requireInput(layer: Layer, x: unknown): NDArray {
  if (x instanceof SymbolicTensor) throw new TypeError(`Layer "${layer.name}": the inputs of one call must be all NDArrays or all symbolic tensors, got a mix`);
  if (x instanceof np.NDArray) return requireArray(`${layer.className}.apply`, 'inputs', x);
  throw new TypeError(`Layer "${layer.name}" (${layer.className}) takes an NDArray, a symbolic tensor (from Input) or a list of them, got ${describe(x)}`);
}

/** Moves a freshly made CPU array to `device` synchronously: the data is known on the host, so the
 *  GPU upload needs no await (np.array with a device writes the buffer directly). */
export function toDeviceSync(x: NDArray, device: np.DeviceName): NDArray {
  const out = np.NDArray.fromTyped(x.dataSync(), x.shape, x.dtype, device);
  x.dispose();
  return out;
}

/** Shape text as Keras prints it: (None, 64). */
export function formatShape(shape: readonly (number | null)[]): string {
  const parts = shape.map((d) => (d === null ? 'None' : String(d)));
  return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}
