// Sequential: a plain stack of layers, each taking the previous one's output (keras.Sequential).
// It becomes a graph as soon as the input shape is known: from the first layer's `inputShape`, from
// an `Input` given first, or from the first batch of data it sees (fit, predict, build).
import * as np from '../../ndarray/index.ts';
import { Layer, SymbolicTensor, type Shape } from '../layers/layer.ts';
import { Input, InputLayer } from '../layers/input.ts';
import { Model } from './model.ts';
import { checkOptions } from '../options.ts';
import { describe, requireList } from '../checks.ts';
import type { SummaryRow } from '../summary.ts';

/**
 * Keras's Sequential: a Model whose layers run one after the other, each on the previous one's output.
 *
 * @example
 * ```ts
 * import { Sequential, layers, optimizers } from 'tessera/nn';
 *
 * const model = new Sequential([new layers.Dense(1, { inputShape: [1], kernelInitializer: 'zeros' })]);
 * model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: 'mse' });
 * const history = await model.fit([[0], [1], [2], [3]], [1, 3, 5, 7], { epochs: 3, verbose: 0 }); // y = 2x + 1
 * console.log(history.history.loss.map((l) => l.toFixed(3)));
 * console.log(await model.predict([[4]]));
 * ```
 *
 * ```text output
 * [ '21.000', '0.535', '0.014' ]
 * array([[9.001]], dtype=float32)
 * ```
 */
export class Sequential extends Model {
  private readonly stack: Layer[] = [];
  private input: SymbolicTensor | null = null;

  /** `new Sequential([layers...])`; an `Input({shape})` may come first. */
  constructor(layers: readonly (Layer | SymbolicTensor)[] = [], options: { name?: string; device?: np.DeviceName } = {}) {
    checkOptions('Sequential', options, ['name', 'device']);
    super(options);
    requireList<Layer | SymbolicTensor>('Sequential', 'layers', layers).forEach((l) => this.add(l));
  }
  protected override defaultName(): string { return 'sequential'; }
  override get className(): 'Sequential' | 'Functional' { return 'Sequential'; }

  /** Adds a layer on top of the stack. */
  add(layer: Layer | SymbolicTensor): void {
    if (layer instanceof SymbolicTensor) {
      if (this.stack.length > 0 || this.input) throw new np.ValueError('An Input can only be the first element of a Sequential model');
      this.input = layer;
      return;
    }
    if (!(layer instanceof Layer)) throw new TypeError(`The added layer must be an instance of class Layer. Received: layer=${describe(layer)} of type ${typeof layer}.`);
    if (layer instanceof InputLayer) {
      this.input = new SymbolicTensor(layer.batchInputShape!, layer, [], layer.name);
      return;
    }
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new np.ValueError(`All layers added to a Sequential model should have unique names. Name "${layer.name}" is already the name of a layer in this model. Update the \`name\` argument to pass a unique name.`);
    }
    if (this.stack.length > 0 && layer.batchInputShape && !layer.built) {
      // Keras ignores inputShape on later layers; tessera says so rather than silently.
      console.warn(`Warning: layer "${layer.name}" declares an inputShape but is not the first layer; it is ignored.`);
    }
    this.stack.push(layer);
    this.nodes = [];
    const declared = this.input?.shape ?? this.stack[0].batchInputShape;
    if (declared) this.buildFor(declared);
  }

  /** Removes the last layer. */
  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new TypeError('There are no layers in the model.');
    this.nodes = [];
    const declared = this.input?.shape ?? this.stack[0]?.batchInputShape;
    if (declared && this.stack.length) this.buildFor(declared);
    return layer;
  }

  /** Builds the graph (and the weights) for inputs of `inputShape` (batch axis first). */
  buildFor(inputShape: Shape): void {
    const input = this.input ?? Input({ shape: inputShape.slice(1) as number[], batchSize: inputShape[0] ?? undefined, name: `${this.name}_input` });
    this.inputTensor = input;
    this.nodes = [{ layer: input.layer, input: null, inputs: [], output: input }];
    let prev = input;
    for (const layer of this.stack) {
      const out = new SymbolicTensor(layer.computeOutputShape(prev.shape), layer, [prev], layer.name);
      this.nodes.push({ layer, input: prev, inputs: [prev], output: out });
      prev = out;
    }
    this.outputTensor = prev;
    this.buildLayers();
    if (this.compiled && this.compiled.trainable.length === 0) this.compiled.trainable = this.trainableWeights;
  }

  /** Builds from data of this shape if the model has no input shape yet. */
  override ensureBuilt(dataShape: readonly number[]): void {
    if (this.nodes.length === 0) {
      if (this.stack.length === 0) throw new np.ValueError('Sequential model has no layers: add some before using it');
      this.buildFor([null, ...dataShape.slice(1)]);
    }
  }

  /** keras.Sequential.layers: the stacked layers (without the input). */
  override get layers(): Layer[] { return [...this.stack]; }

  protected override summaryRows(): SummaryRow[] {
    if (this.nodes.length === 0) return this.stack.map((l) => ({ name: l.name, className: l.className, outputShape: null, params: 0, built: false }));
    return super.summaryRows().filter((_, i) => i > 0);
  }
}
