// The Model: a graph of layers with a loss, an optimizer and a training loop, as keras.Model.
// A functional model is built from symbolic tensors: `new Model({inputs, outputs})` walks back from
// the outputs to the inputs and keeps the layer calls in an order where every input is computed
// before it is used. Sequential (sequential.ts) is the special case of a chain.
// Training is in training.ts (fit, evaluate, predict); one step of it in step.ts.
import * as np from '../../ndarray/index.ts';
import { Layer, SymbolicTensor, formatShape, type Shape } from '../layers/layer.ts';
import { InputLayer } from '../layers/input.ts';
import { Lambda } from '../layers/lambda.ts';
import type { Merge } from '../layers/merge.ts';
import type { Variable } from '../variable.ts';
import { uniqueName } from '../backend.ts';
import { checkOptions } from '../options.ts';
import { describe, requireArray, requireList, requireType } from '../checks.ts';
import { getOptimizer, type Optimizer } from '../optimizers/index.ts';
import { getLoss, lossName, type LossFn } from '../losses.ts';
import { getMetric, type Metric, type MetricFn } from '../metrics.ts';
import { formatSummary, formatSummaryKeras2, type SummaryRow } from '../summary.ts';
import type { Callback } from '../callbacks/callback.ts';
import type { History } from '../callbacks/history.ts';
import * as training from './training.ts';

type NDArray = np.NDArray;

export interface CompileOptions {
  optimizer?: string | Optimizer | { className: string; config?: Record<string, unknown> };
  loss: string | LossFn | readonly (string | LossFn)[];
  metrics?: readonly (string | MetricFn)[];
  /** tessera: refuse (rather than broadcast) targets whose shape differs from the predictions'. */
  strictShapes?: boolean;
  /** Accepted for Keras code; tessera always runs eagerly. */
  runEagerly?: boolean;
}

export interface FitOptions {
  batchSize?: number;
  epochs?: number;
  verbose?: 0 | 1 | 2 | 'auto';
  callbacks?: readonly Callback[];
  validationSplit?: number;
  validationData?: readonly [np.ArrayLike | NDArray, np.ArrayLike | NDArray] | readonly [np.ArrayLike | NDArray, np.ArrayLike | NDArray, np.ArrayLike | NDArray];
  shuffle?: boolean;
  classWeight?: Record<number, number>;
  sampleWeight?: np.ArrayLike | NDArray;
  initialEpoch?: number;
  stepsPerEpoch?: number;
  validationSteps?: number;
  validationBatchSize?: number;
  validationFreq?: number;
  maxQueueSize?: number;
  workers?: number;
  useMultiprocessing?: boolean;
}
export const FIT_OPTIONS = ['batchSize', 'epochs', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight',
  'sampleWeight', 'initialEpoch', 'stepsPerEpoch', 'validationSteps', 'validationBatchSize', 'validationFreq', 'maxQueueSize', 'workers', 'useMultiprocessing'];

/** The compiled loss, metrics and optimizer. */
export interface Compiled {
  optimizer: Optimizer;
  loss: LossFn;
  lossName: string | null;
  metrics: Metric[];
  strictShapes: boolean;
  /** The trainable variables frozen at compile time (K-R14: trainable changes apply from the next compile). */
  trainable: Variable[];
  config: Record<string, unknown>;
}

/** A layer in a saved architecture ({class_name, config} as Keras writes it). */
export interface LayerJSON { class_name: string; config: Record<string, unknown>; name?: string; inbound_nodes?: unknown[] }
/** A saved architecture. */
export interface ModelJSON { class_name: 'Sequential' | 'Functional'; config: { name: string; layers: LayerJSON[]; input_layers?: unknown; output_layers?: unknown } }

/** One layer call in a model's graph: `input` is its (first) input, `inputs` all of them (merge
 *  layers take several); an InputLayer's node has none. */
export interface GraphNode { layer: Layer; input: SymbolicTensor | null; inputs: readonly SymbolicTensor[]; output: SymbolicTensor }

export interface ModelOptions {
  inputs?: SymbolicTensor | readonly SymbolicTensor[];
  outputs?: SymbolicTensor | readonly SymbolicTensor[];
  name?: string;
  /** The device weights live on (default: the default device when the model is built). */
  device?: np.DeviceName;
}

/**
 * Keras's functional Model: a graph of layers from `inputs` to `outputs`, trained with compile and fit like Sequential.
 *
 * @example
 * ```ts
 * import { Model, Input, layers } from 'tessera/nn';
 *
 * const x = Input({ shape: [2] });
 * const h = new layers.Dense(2, { kernelInitializer: 'ones' }).apply(x);
 * const model = new Model({ inputs: x, outputs: new layers.Add().apply([x, h]) }); // x + Dense(x), a residual connection
 * console.log(await model.predict([[1, 2]]));
 * console.log(model.countParams());
 * ```
 *
 * ```text output
 * array([[4., 5.]], dtype=float32)
 * 6
 * ```
 */
export class Model {
  name: string;
  /** Set by a callback to end fit after the current epoch. */
  stopTraining = false;
  compiled: Compiled | null = null;
  history: History | null = null;
  protected nodes: GraphNode[] = [];
  protected inputTensor: SymbolicTensor | null = null;
  protected outputTensor: SymbolicTensor | null = null;
  protected deviceName: np.DeviceName | null;
  private shapeWarned = false;

  constructor(options: ModelOptions = {}) {
    checkOptions('Model', options, ['inputs', 'outputs', 'name', 'device']);
    const o = options ?? {};
    this.name = requireType<string | undefined>('Model', 'name', o.name, 'string') ?? uniqueName(this.defaultName());
    if (o.device !== undefined && o.device !== 'cpu' && o.device !== 'webgpu') throw new np.ValueError(`Model: \`device\` must be 'cpu' or 'webgpu', got ${describe(o.device)}`);
    this.deviceName = o.device ?? null;
    if (o.inputs !== undefined || o.outputs !== undefined) this.buildGraph(o.inputs, o.outputs);
  }

  protected defaultName(): string { return 'functional'; }
  get className(): 'Sequential' | 'Functional' { return 'Functional'; }

  /** The device the weights live on. */
  get device(): np.DeviceName { return this.deviceName ?? np.getDefaultDevice(); }

  private buildGraph(inputs: ModelOptions['inputs'], outputs: ModelOptions['outputs']): void {
    const [ins, outs] = [symbolicList('inputs', inputs), symbolicList('outputs', outputs)];
    if (ins.length !== 1 || outs.length !== 1) throw new np.ValueError(`tessera's Model takes one input and one output tensor for now, got ${ins.length} and ${outs.length}`);
    const order: SymbolicTensor[] = [];
    const seen = new Set<SymbolicTensor>();
    const visit = (t: SymbolicTensor): void => {
      if (seen.has(t)) return;
      seen.add(t);
      t.inputs.forEach(visit);
      order.push(t);
    };
    visit(outs[0]);
    if (!order.includes(ins[0])) throw new np.ValueError(`Graph disconnected: the output cannot be computed from the input "${ins[0].name}"`);
    const disconnected = order.find((t) => t.inputs.length === 0 && t !== ins[0]);
    if (disconnected) throw new np.ValueError(`Graph disconnected: cannot obtain value for tensor "${disconnected.name}": it is an Input that is not the model's input`);
    this.inputTensor = ins[0];
    this.outputTensor = outs[0];
    this.nodes = order.map((t) => ({ layer: t.layer, input: t.inputs[0] ?? null, inputs: t.inputs, output: t }));
    this.buildLayers();
  }

  /** Creates every layer's weights on the model's device (each layer once: shared layers share them). */
  protected buildLayers(): void {
    for (const node of this.nodes) {
      if (!node.layer.built && node.input) node.layer.build(node.inputs.length > 1 ? node.output.shape : node.input.shape, this.device);
    }
    const devices = new Set(this.weights.map((w) => w.value.device));
    if (devices.size > 1) throw new np.ValueError(`the model's weights live on several devices (${[...devices].join(', ')})`);
    if (devices.size === 1) this.deviceName = [...devices][0];
  }

  /** The graph, read-only: the layer calls in an order where inputs come first, and the model's input
   *  and output tensors (null before a Sequential knows its input shape). For exporters. */
  get graph(): { nodes: readonly GraphNode[]; input: SymbolicTensor | null; output: SymbolicTensor | null } {
    return { nodes: this.nodes, input: this.inputTensor, output: this.outputTensor };
  }

  /** Builds the model for data of this shape if it is not built yet (Sequential without an input shape). */
  ensureBuilt(_dataShape: readonly number[]): void {}

  /** Every layer once, in graph order (Keras's model.layers, InputLayer included for functional models). */
  get layers(): Layer[] {
    return [...new Set(this.nodes.map((n) => n.layer))];
  }
  get built(): boolean { return this.nodes.length > 0 && this.layers.every((l) => l.built); }
  get inputShape(): Shape { return this.inputTensor?.shape ?? [null]; }
  get outputShape(): Shape { return this.outputTensor?.shape ?? [null]; }

  get weights(): Variable[] { return this.layers.flatMap((l) => l.weights); }
  get trainableWeights(): Variable[] { return this.layers.flatMap((l) => l.trainableWeights); }
  get nonTrainableWeights(): Variable[] { return this.layers.flatMap((l) => l.nonTrainableWeights); }
  countParams(): number { return this.weights.reduce((n, w) => n + w.size, 0); }

  /** The forward pass (`training` turns on Dropout). x must be on the model's device. */
  call(x: NDArray, training = false): NDArray {
    this.requireBuilt();
    requireArray('Model.call', 'inputs', x);
    const values = new Map<SymbolicTensor, NDArray>();
    for (const node of this.nodes) {
      const input = node.input ? values.get(node.input)! : x;
      const value = node.input === null ? checkInput(node.layer, x)
        : node.inputs.length > 1 ? (node.layer as Merge).callMany(node.inputs.map((t) => values.get(t)!))
          : node.layer.call(input, training);
      values.set(node.output, value);
    }
    return values.get(this.outputTensor!)!;
  }

  /** Prepares the model for training (Keras's compile). Names may be snake_case or camelCase. */
  compile(options: CompileOptions): void {
    checkOptions('compile', options, ['optimizer', 'loss', 'metrics', 'strictShapes', 'runEagerly']);
    if (options?.loss === undefined) throw new np.ValueError('compile: `loss` is required (e.g. model.compile({loss: \'mse\', optimizer: \'adam\'}))');
    if (options.metrics !== undefined) requireList('compile', 'metrics', options.metrics);
    requireType('compile', 'strictShapes', options.strictShapes, 'boolean');
    const lossSpec = Array.isArray(options.loss) ? (options.loss.length === 1 ? options.loss[0] : badLossList(options.loss.length)) : options.loss;
    // Everything is resolved before anything changes: a refused compile leaves the model as it was.
    const [loss, metrics] = [getLoss(lossSpec as string | LossFn), (options.metrics ?? []).map((m) => getMetric(m))];
    const previous = this.compiled?.optimizer;
    const optimizer = getOptimizer(options.optimizer ?? 'rmsprop');
    if (previous && previous !== optimizer) previous.dispose();
    const strictShapes = options.strictShapes ?? false;
    for (const l of this.layers) if (l instanceof Lambda) l.strictShapes = strictShapes;
    this.compiled = {
      optimizer,
      loss,
      lossName: lossName(lossSpec as string | LossFn),
      metrics,
      strictShapes,
      trainable: this.built ? this.trainableWeights : [],
      config: { loss: typeof lossSpec === 'string' ? lossSpec : null, metrics: (options.metrics ?? []).filter((m) => typeof m === 'string'), optimizer: { className: optimizer.constructor.name, config: optimizer.getConfig() } },
    };
    this.stopTraining = false;
  }

  /** The loss of a batch: the per-sample loss (optionally weighted), averaged. Warns once (or refuses
   *  under strictShapes) when targets and predictions differ in shape and would broadcast. */
  computeLoss(yTrue: NDArray, yPred: NDArray, sampleWeight: NDArray | null): NDArray {
    const c = this.requireCompiled();
    // The cross-entropies check shapes themselves (as in Keras); the other losses broadcast.
    const checksShapes = c.lossName !== null && c.lossName.endsWith('crossentropy');
    if (!checksShapes && yTrue.shape.join() !== yPred.shape.join()) {
      const message = `the targets have shape ${formatShape(yTrue.shape)} but the model's output has shape ${formatShape(yPred.shape)}`;
      if (c.strictShapes) throw new np.ValueError(`${message} (compile's strictShapes is on)`);
      if (!this.shapeWarned) console.warn(`Warning: ${message}; the loss broadcasts them against each other (as Keras 2 did; Keras 3 squeezes the axis of 1), which is rarely what was meant. Reshape one of them, or compile with strictShapes: true to make this an error.`);
      this.shapeWarned = true;
    }
    const perSample = c.loss(yTrue, yPred);
    const weighted = sampleWeight ? np.multiply(perSample, sampleWeight.ndim < perSample.ndim ? np.reshape(sampleWeight, [-1, ...perSample.shape.slice(1).map(() => 1)]) : sampleWeight) : perSample;
    const reg = this.layers.flatMap((l) => l.regularizationLosses());
    const mean = np.mean(weighted);
    return reg.reduce((acc, r) => np.add(acc, r), mean);
  }

  /** Refuses to go on with a model that has no graph yet (Keras's words). */
  requireBuilt(): void {
    if (!this.built) throw new np.ValueError('This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.');
  }

  requireCompiled(): Compiled {
    if (!this.compiled) throw new np.ValueError('You must call `compile()` before using the model.');
    return this.compiled;
  }

  /** Trains the model (Keras's fit); resolves to the History. See training.ts. */
  fit(x: np.ArrayLike | NDArray | training.BatchSource, y?: np.ArrayLike | NDArray, options: FitOptions = {}): Promise<History> {
    return training.fit(this, x, y, options);
  }
  /** Keras 2's fit_generator: fit on a generator (Keras 3 folded it into fit). */
  fitGenerator(generator: training.BatchSource, options: FitOptions = {}): Promise<History> {
    return training.fit(this, generator, undefined, options);
  }
  /** The loss (and metrics) on the data: a number, or [loss, ...metrics] when metrics were compiled. */
  evaluate(x: np.ArrayLike | NDArray, y: np.ArrayLike | NDArray, options: training.EvaluateOptions = {}): Promise<number | number[]> {
    return training.evaluate(this, x, y, options);
  }
  /** The model's outputs for x, computed in batches; an array on the model's device. */
  predict(x: np.ArrayLike | NDArray, options: training.PredictOptions = {}): Promise<NDArray> {
    return training.predict(this, x, options);
  }
  /** One gradient step on one batch; resolves to the loss (or [loss, ...metrics]). */
  trainOnBatch(x: np.ArrayLike | NDArray, y: np.ArrayLike | NDArray): Promise<number | number[]> {
    return training.trainOnBatch(this, x, y);
  }
  /** The outputs for one batch (no batching). */
  predictOnBatch(x: np.ArrayLike | NDArray): Promise<NDArray> {
    return training.predict(this, x, { batchSize: Number.MAX_SAFE_INTEGER });
  }

  /** Copies of every weight's value, in layer order (Keras's get_weights). */
  getWeights(): NDArray[] {
    return this.weights.map((w) => np.keep(w.value.copy()));
  }
  /** Sets every weight from a list like getWeights's (copied; shapes must match). */
  setWeights(values: readonly (NDArray | np.ArrayLike)[]): void {
    requireList('setWeights', 'weights', values);
    const ws = this.weights;
    if (values.length !== ws.length) {
      throw new np.ValueError(`You called \`set_weights(weights)\` on layer "${this.name}" with a weight list of length ${values.length}, but the layer was expecting ${ws.length} weights.`);
    }
    const arrays = values.map((v, i) => {
      const w = ws[i];
      const host = v instanceof np.NDArray ? v : np.asarray(v);
      if (host.shape.join() !== w.shape.join()) {
        throw new np.ValueError(`Layer ${w.name.split('/')[0]} weight shape ${formatShape([...w.shape])} is not compatible with provided weight shape ${formatShape([...host.shape])}.`);
      }
      if (host.device !== w.value.device) throw new np.ValueError(`setWeights: weight ${i} is on '${host.device}' but the model's weights are on '${w.value.device}'`);
      return host;
    });
    arrays.forEach((a, i) => ws[i].assign(a.astype(ws[i].value.dtype, { copy: true })));
  }

  /** The summary table as Keras 3 prints it (or Keras 2's layout with {style: 'keras2'}). */
  summary(options: { style?: 'keras3' | 'keras2'; print?: (line: string) => void; lineLength?: number } = {}): string {
    checkOptions('summary', options, ['style', 'print', 'lineLength']);
    const count = (ws: Variable[]): number => ws.reduce((n, w) => n + w.size, 0);
    const bytes = (ws: Variable[]): number => ws.reduce((n, w) => n + w.value.nbytes, 0);
    const model = {
      name: this.name,
      className: this.className,
      rows: this.summaryRows(),
      trainable: count(this.trainableWeights),
      nonTrainable: count(this.nonTrainableWeights),
      trainableBytes: bytes(this.trainableWeights),
      nonTrainableBytes: bytes(this.nonTrainableWeights),
    };
    const text = options.style === 'keras2' ? formatSummaryKeras2(model, { lineLength: options.lineLength }) : formatSummary(model, { lineLength: options.lineLength });
    (options.print ?? console.log)(text);
    return text;
  }

  /** One row per layer, as Keras prints it: a shared layer once, connected to every tensor it was
   *  called on, each named `layer[k][0]` where k counts that layer's calls (its node index). */
  protected summaryRows(): SummaryRow[] {
    const callIndex = new Map<SymbolicTensor, number>();
    const calls = new Map<Layer, number>();
    for (const n of this.nodes) {
      callIndex.set(n.output, calls.get(n.layer) ?? 0);
      calls.set(n.layer, (calls.get(n.layer) ?? 0) + 1);
    }
    const rows = new Map<Layer, SummaryRow>();
    for (const n of this.nodes) {
      const inbound = n.inputs.map((t) => `${t.layer.name}[${callIndex.get(t)}][0]`);
      const row = rows.get(n.layer);
      if (row) row.connectedTo!.push(...inbound);
      else rows.set(n.layer, { name: n.layer.name, className: n.layer.className, outputShape: n.output.shape, params: n.layer.countParams(), built: n.layer.built, connectedTo: inbound });
    }
    return [...rows.values()];
  }

  /** The architecture as Keras's config layout ({class_name, config}); see saving.ts. */
  getConfig(): Record<string, unknown> {
    if (!this.inputTensor || !this.outputTensor) this.requireBuilt();
    return {
      name: this.name,
      layers: this.nodes.map((n) => ({
        class_name: n.layer.className,
        config: n.layer.getConfig(),
        name: n.layer.name,
        inbound_nodes: n.input ? [n.inputs.map((t) => [t.layer.name, 0, 0, {}])] : [],
      })),
      input_layers: [[this.inputTensor!.layer.name, 0, 0]],
      output_layers: [[this.outputTensor!.layer.name, 0, 0]],
    };
  }

  /** Saves architecture, weights, compile config and optimizer state to a JSON file (see saving.ts). */
  async save(path: string): Promise<void> { return (await import('../saving.ts')).saveModel(this, path); }
  /** Saves the weights only. */
  async saveWeights(path: string): Promise<void> { return (await import('../saving.ts')).saveWeights(this, path); }
  /** Loads weights saved by saveWeights into this model (same architecture). */
  async loadWeights(path: string): Promise<void> { return (await import('../saving.ts')).loadWeights(this, path); }
  /** The architecture as JSON text in Keras's config layout (Keras's to_json). Lambda layers are
   *  saved by their registered function name; an unregistered function cannot be saved. */
  toJSON(): string {
    for (const l of this.layers) {
      if (l instanceof Lambda && !l.functionName) throw new np.ValueError(`Lambda layer '${l.name}' cannot be saved: its function is not registered (Lambda.register(name, fn))`);
      if (l.getConfig().activation === 'custom') throw new np.ValueError(`layer '${l.name}' uses a custom activation function, which cannot be saved by name`);
    }
    return JSON.stringify({ class_name: this.className, config: this.getConfig() });
  }

  /** Frees the weights and the optimizer state. */
  dispose(): void {
    this.layers.forEach((l) => l.dispose());
    this.compiled?.optimizer.dispose();
  }
  /** `using model = new Sequential(...)` frees it at the end of the block. */
  [Symbol.dispose](): void { this.dispose(); }
}

/** An argument that must be a Model (Sequential or functional). */
export function requireModel(fn: string, model: unknown): Model {
  if (!(model instanceof Model)) throw new TypeError(`${fn}: \`model\` must be a Model (Sequential or functional), got ${describe(model)}`);
  return model;
}

/** A model's `inputs` or `outputs`: one symbolic tensor (from Input, or a layer applied to one) or a list. */
function symbolicList(name: string, value: unknown): SymbolicTensor[] {
  const list = value instanceof SymbolicTensor ? [value] : Array.isArray(value) ? value : value === undefined ? [] : null;
  const bad = list === null ? value : list.find((t) => !(t instanceof SymbolicTensor));
  if (list === null || bad !== undefined) throw new TypeError(`Model: \`${name}\` must be symbolic tensors (from Input, or layers applied to one), got ${describe(bad)}`);
  return list as SymbolicTensor[];
}

function badLossList(n: number): never {
  throw new np.ValueError(`compile: a list of ${n} losses needs a model with ${n} outputs; this model has one`);
}

/** The model's input must match the InputLayer's declared shape (None matches any size). */
function checkInput(layer: Layer, x: NDArray): NDArray {
  const expected = (layer as InputLayer).batchInputShape;
  if (expected && (x.ndim !== expected.length || expected.some((d, i) => d !== null && d !== x.shape[i]))) {
    throw new np.ValueError(`Input 0 of layer "${layer.name}" is incompatible with the layer: expected shape=${formatShape(expected)}, found shape=${formatShape([...x.shape])}`);
  }
  return x;
}
