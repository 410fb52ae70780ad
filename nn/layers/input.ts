// Input: where a functional model starts. `Input({shape: [64]})` returns a symbolic tensor of shape
// (None, 64) made by an InputLayer; calling layers on it (`layer.apply(t)`) builds the graph that
// `new Model({inputs, outputs})` runs. The InputLayer itself passes its input through.
import * as np from '../../ndarray/index.ts';
import { Layer, SymbolicTensor, type Shape } from './layer.ts';
import { uniqueName } from '../backend.ts';
import { checkOptions } from '../options.ts';

export interface InputOptions {
  /** The shape of one sample (without the batch axis). */
  shape?: readonly (number | null)[];
  batchSize?: number;
  name?: string;
  dtype?: 'float32' | 'float64';
}

export class InputLayer extends Layer {
  constructor(options: InputOptions = {}) {
    checkOptions('InputLayer', options, ['shape', 'batchSize', 'name', 'dtype']);
    if (!Array.isArray(options.shape)) throw new np.ValueError(`Input: \`shape\` must be a list of integers (without the batch axis), got ${JSON.stringify(options.shape)}`);
    super({ name: options.name ?? uniqueName('input_layer'), dtype: options.dtype });
    this.batchInputShape = [options.batchSize ?? null, ...options.shape];
    this.built = true;
  }
  override computeOutputShape(): Shape { return this.batchInputShape!; }
  call(x: np.NDArray): np.NDArray { return x; }
  override getConfig(): Record<string, unknown> { return { batch_shape: this.batchInputShape, dtype: this.dtype, name: this.name }; }
}

/** keras.Input: a symbolic tensor to build a functional model from. */
export function Input(options: InputOptions): SymbolicTensor {
  const layer = new InputLayer(options);
  return new SymbolicTensor(layer.batchInputShape!, layer, [], layer.name);
}
