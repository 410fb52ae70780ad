// TF.js's Layers format: a model as `model.json` plus binary weight files, which @tensorflow/tfjs-layers
// loads with tf.loadLayersModel and the tensorflowjs converter turns into a Keras model (and back).
// model.json is {format: 'layers-model', generatedBy, convertedBy, modelTopology, weightsManifest}:
// - modelTopology is Keras's own architecture JSON, {class_name: 'Sequential' | 'Model', config:
//   {name, layers: [{class_name, config, name, inbound_nodes}], input_layers, output_layers}} with
//   snake_case keys, so tessera's getConfig is most of it. A Sequential gives its input as
//   `batch_input_shape` on its first layer (TF.js and Keras 2), or as a first InputLayer (Keras 2.4+);
//   a functional model starts with InputLayers. The Keras converter wraps the architecture as
//   {model_config, training_config, keras_version, backend}.
// - weightsManifest is [{paths: ['group1-shard1of1.bin', ...], weights: [{name, shape, dtype}]}]: the
//   files of a group, joined in order, hold the listed weights one after another as little-endian
//   float32. Weights are found by name, `<layer name>/<weight name>` (dense/kernel, dense/bias): the
//   names of tessera's Variables. Keras 2 adds the cell for recurrent layers (lstm/lstm_cell/kernel),
//   which is read as lstm/kernel, as TF.js does.
// TF.js computes in float32, so float64 models are written as float32. Not carried: the compile
// configuration (compile a loaded model again, as after Keras's load_model(compile=False)), the
// initializers (the weights are loaded over them) and training-only options tessera lacks (an LSTM's
// dropout); options that change predictions (dilation, channels_first, ...) are refused by name.
import * as np from '../../ndarray/index.ts';
import { Model, requireModel } from '../models/model.ts';
import { checkOptions } from '../options.ts';
import { describe, requireObject } from '../checks.ts';
import type { LayerJSON, ModelJSON } from '../models/model.ts';
import { buildModel } from '../saving.ts';
import { checkModelJSON } from '../saved-checks.ts';
import { getActivation } from '../activations.ts';
import type { Shape } from '../layers/layer.ts';
import { Merge } from '../layers/merge.ts';

type Config = Record<string, unknown>;

/** One weight in the binary data (tfjs-core's io.WeightsManifestEntry). */
export interface TfjsWeightSpec { name: string; shape: number[]; dtype: 'float32' }
/** A model in memory as tfjs-core's io.ModelArtifacts: what tf.io.fromMemory takes and a save handler gets. */
export interface TfjsArtifacts {
  modelTopology: Config;
  weightSpecs: TfjsWeightSpec[];
  weightData: ArrayBuffer;
  format: 'layers-model';
  generatedBy: string;
  convertedBy: string | null;
}
/** What fromTfjsArtifacts reads: TF.js's artifacts as a save handler receives them, or as read from files. */
export interface TfjsArtifactsLike {
  modelTopology?: unknown;
  weightSpecs?: readonly { name: string; shape: readonly number[]; dtype?: string; quantization?: unknown }[];
  weightData?: ArrayBuffer | ArrayBuffer[];
  format?: string;
}

const WEIGHTS_FILE = 'group1-shard1of1.bin';
/** The layers both tessera and TF.js have, by Keras class name. */
const MERGES = ['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate'];
const SUPPORTED = ['InputLayer', 'Dense', 'Dropout', 'Flatten', 'Reshape', 'Activation', 'Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'BatchNormalization', 'LSTM', ...MERGES];
/** What TF.js itself can load: it has no Subtract layer (a Keras model with one still imports into tessera). */
const EXPORTABLE = SUPPORTED.filter((c) => c !== 'Subtract');
/** The activation names tfjs-layers can deserialize (of those tessera has). */
const TFJS_ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'gelu'];

// ---- tessera -> TF.js ---------------------------------------------------------------------------

/** The model as TF.js artifacts: Keras's topology and the weights as one float32 buffer. */
export async function toTfjsArtifacts(model: Model): Promise<TfjsArtifacts> {
  requireModel('toTfjsArtifacts', model);
  if (!model.built) throw new np.ValueError('toTfjsArtifacts: the model has no weights yet (give the first layer an inputShape, or fit or build it first)');
  const config = model.getConfig() as { name: string; layers: LayerJSON[]; input_layers: unknown; output_layers: unknown };
  checkExportable(config.layers);
  const modelTopology = model.className === 'Sequential'
    ? { class_name: 'Sequential', config: { name: config.name, layers: sequentialLayers(config.layers) } }
    : { class_name: 'Model', config: { name: config.name, layers: config.layers.map(functionalLayer), input_layers: config.input_layers, output_layers: config.output_layers } };
  const weights = model.weights;
  const values = await Promise.all(weights.map(async (w) => Float32Array.from(await w.value.data())));
  const weightData = new Float32Array(values.reduce((n, v) => n + v.length, 0));
  values.reduce((offset, v) => (weightData.set(v, offset), offset + v.length), 0);
  return {
    modelTopology: { ...modelTopology, keras_version: 'tessera', backend: 'tessera' },
    weightSpecs: weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: 'float32' })),
    weightData: weightData.buffer,
    format: 'layers-model',
    generatedBy: 'tessera',
    convertedBy: null,
  };
}

/** Writes `dir/model.json` and `dir/group1-shard1of1.bin`: `await saveTfjs(model, 'site/model')`, then in
 *  the page `await tf.loadLayersModel('model/model.json')`, or `tensorflowjs_converter --input_format
 *  tfjs_layers_model --output_format keras site/model/model.json model.h5` for Keras. */
export async function saveTfjs(model: Model, dir: string): Promise<void> {
  const artifacts = await toTfjsArtifacts(model);
  const { modelTopology, weightSpecs, weightData, ...about } = artifacts;
  const modelJSON = { ...about, modelTopology, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs }] };
  const fs = await import('node:fs/promises');
  const { join } = await import('node:path');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(join(dir, 'model.json'), JSON.stringify(modelJSON));
  await fs.writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(weightData));
}

/** Refuses layers and activations TF.js cannot rebuild, naming every one. */
function checkExportable(layers: LayerJSON[]): void {
  const problems = layers.flatMap((l) => {
    const name = String(l.config.name);
    if (!EXPORTABLE.includes(l.class_name)) return [`layer '${name}' is a ${l.class_name}`];
    return ['activation', 'recurrent_activation']
      .filter((key) => typeof l.config[key] === 'string' && !TFJS_ACTIVATIONS.includes(l.config[key] as string))
      .map((key) => `layer '${name}' uses the activation '${String(l.config[key])}'`);
  });
  const names = layers.map((l) => String(l.config.name));
  const shared = names.filter((n, i) => names.indexOf(n) !== i);
  if (shared.length) problems.push(`layer '${shared[0]}' is shared (called more than once)`);
  if (problems.length) {
    throw new np.ValueError(`toTfjsArtifacts: the TF.js Layers format cannot hold this model: ${problems.join('; ')}. ` +
      `It holds the layers ${EXPORTABLE.join(', ')} with the activations ${TFJS_ACTIVATIONS.join(', ')} (a Lambda's function is code, which the format does not carry).`);
  }
}

/** A tessera layer config in Keras's spelling: {class_name, config} objects, float32, no declared input. */
function tfjsConfig(config: Config): Config {
  const out: Config = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'batch_input_shape') continue;
    const spec = value as { className?: string; config?: Config } | null;
    out[key] = spec !== null && typeof spec === 'object' && 'className' in spec ? { class_name: spec.className, config: spec.config ?? {} } : value;
  }
  out.dtype = 'float32';
  return out;
}

/** A Sequential's layers as TF.js writes them: the input shape on the first layer, no InputLayer. */
function sequentialLayers(layers: LayerJSON[]): LayerJSON[] {
  const [input, ...rest] = layers;
  return rest.map((l, i) => ({ class_name: l.class_name, config: i === 0 ? { ...tfjsConfig(l.config), batch_input_shape: input.config.batch_shape } : tfjsConfig(l.config) }));
}

function functionalLayer(l: LayerJSON): LayerJSON {
  const config = l.class_name === 'InputLayer'
    ? { batch_input_shape: l.config.batch_shape, dtype: 'float32', sparse: false, name: l.config.name }
    : tfjsConfig(l.config);
  return { name: l.name, class_name: l.class_name, config, inbound_nodes: l.inbound_nodes };
}

// ---- TF.js (or Keras through the converter) -> tessera ---------------------------------------

/** A tessera model (Sequential or functional) with the architecture and weights of TF.js artifacts. */
export function fromTfjsArtifacts(artifacts: TfjsArtifactsLike, options: { device?: np.DeviceName } = {}): Model {
  requireObject('fromTfjsArtifacts', 'artifacts', artifacts);
  checkOptions('fromTfjsArtifacts', options, ['device']);
  if (artifacts.format === 'graph-model') throw new np.ValueError('fromTfjsArtifacts: this is a TF.js graph model (a TensorFlow graph, not layers); only the Layers format (format: "layers-model") can be rebuilt');
  const topology = checkModelJSON(tesseraTopology(artifacts.modelTopology), 'fromTfjsArtifacts', false);
  const model = buildModel(topology, options);
  try {
    if (!model.built) throw new np.ValueError('fromTfjsArtifacts: the topology gives no input shape (no batch_input_shape on the first layer)');
    checkBatchNormAxes(model, topology);
    assignWeights(model, artifacts);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** Reads `dir/model.json` (or the model.json path given) and its weight files, as tfjs-layers and the
 *  Keras converter write them: `const model = await loadTfjs('converted/')`. */
export async function loadTfjs(path: string, options: { device?: np.DeviceName } = {}): Promise<Model> {
  const fs = await import('node:fs/promises');
  const { join, dirname } = await import('node:path');
  const jsonPath = path.endsWith('.json') ? path : join(path, 'model.json');
  const modelJSON = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as TfjsArtifactsLike & { weightsManifest?: { paths: string[]; weights: TfjsWeightSpec[] }[] };
  const groups = modelJSON.weightsManifest ?? [];
  const files = await Promise.all(groups.flatMap((g) => g.paths).map((p) => fs.readFile(join(dirname(jsonPath), p))));
  const weightData = files.map((f) => f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength) as ArrayBuffer);
  return fromTfjsArtifacts({ ...modelJSON, weightSpecs: groups.flatMap((g) => g.weights), weightData }, options);
}

/** The Keras topology rewritten as tessera's ModelJSON, which saving.ts's modelFromJSON builds. */
function tesseraTopology(topology: unknown): ModelJSON {
  let t = topology as { class_name?: string; config?: unknown; model_config?: unknown } | undefined;
  if (t === undefined || t === null || typeof t !== 'object' || t instanceof ArrayBuffer) throw new np.ValueError('fromTfjsArtifacts: modelTopology must be the Keras architecture as a JSON object');
  if (t.model_config) t = t.model_config as typeof t;
  const { class_name: className } = t;
  if (className !== 'Sequential' && className !== 'Model' && className !== 'Functional') throw new np.ValueError(`fromTfjsArtifacts: unknown model class '${String(className)}' (expected Sequential, Model or Functional)`);
  const config = (Array.isArray(t.config) ? { layers: t.config } : t.config) as { name?: string; layers: LayerJSON[]; input_layers?: unknown; output_layers?: unknown };
  if (config === null || typeof config !== 'object' || !Array.isArray(config.layers)) throw new np.ValueError(`fromTfjsArtifacts: modelTopology.config is ${JSON.stringify(config)?.slice(0, 80)}; expected {name, layers: [...]}`);
  const bad = config.layers.find((l) => typeof l !== 'object' || l === null || typeof l.class_name !== 'string' || typeof l.config !== 'object' || l.config === null);
  if (bad !== undefined) throw new np.ValueError(`fromTfjsArtifacts: a layer of modelTopology.config.layers is ${describe(bad)}; expected {class_name, config}`);
  const unsupported = [...new Set(config.layers.map((l) => l.class_name).filter((c) => !SUPPORTED.includes(c)))];
  if (unsupported.length) throw new np.ValueError(`fromTfjsArtifacts: tessera has no layer ${unsupported.join(', ')} (it rebuilds ${SUPPORTED.join(', ')})`);
  const layers = config.layers.map((l) => ({ ...l, config: tesseraConfig(l) }));
  if (className === 'Sequential') return { class_name: 'Sequential', config: { name: config.name ?? 'sequential', layers } };
  const [inputs, outputs] = [(config.input_layers ?? []) as unknown[], (config.output_layers ?? []) as unknown[]];
  if (inputs.length !== 1 || outputs.length !== 1) throw new np.ValueError(`fromTfjsArtifacts: tessera's Model takes one input and one output, this one has ${inputs.length} and ${outputs.length}`);
  return {
    class_name: 'Functional',
    config: { name: config.name ?? 'functional', layers: layers.map((l) => ({ ...l, inbound_nodes: inboundNodes(l) })), input_layers: inputs, output_layers: outputs },
  };
}

/** A layer's inbound nodes, [[[name, 0, 0, {}], ...]]: one call, on one tensor (several for a merge
 *  layer), is what tessera rebuilds. */
function inboundNodes(l: LayerJSON): unknown[] {
  const nodes = (l.inbound_nodes ?? []) as unknown[][];
  if (nodes.length > 1) throw new np.ValueError(`fromTfjsArtifacts: layer '${String(l.config.name)}' is shared (called ${nodes.length} times), which tessera's model loading does not rebuild`);
  if (nodes.length === 1 && nodes[0].length !== 1 && !MERGES.includes(l.class_name)) throw new np.ValueError(`fromTfjsArtifacts: layer '${String(l.config.name)}' takes ${nodes[0].length} inputs; of tessera's layers only the merge layers take several`);
  return nodes;
}

/** One layer's Keras config as tessera's from_config reads it; options that would change the results refuse. */
function tesseraConfig(l: LayerJSON): Config {
  const c = l.config;
  const name = String(c.name ?? l.name);
  const refuse = (what: string): never => { throw new np.ValueError(`fromTfjsArtifacts: layer '${name}' (${l.class_name}) has ${what}, which tessera does not support`); };
  if (c.data_format === 'channels_first') refuse("data_format 'channels_first' (tessera is channels_last)");
  if (Array.isArray(c.dilation_rate) ? c.dilation_rate.some((d) => d !== 1) : (c.dilation_rate ?? 1) !== 1) refuse(`dilation_rate ${JSON.stringify(c.dilation_rate)}`);
  if ((c.groups ?? 1) !== 1) refuse(`groups ${String(c.groups)}`);
  for (const flag of ['return_state', 'stateful', 'time_major', 'sparse', 'ragged']) if (c[flag]) refuse(`${flag}: true`);
  for (const key of ['activation', 'recurrent_activation']) {
    if (typeof c[key] !== 'string') continue;
    try { getActivation(c[key] as string); } catch { refuse(`the activation '${String(c[key])}'`); }
  }
  const float64 = c.dtype === 'float64';
  if (l.class_name === 'InputLayer') return { name, dtype: float64 ? 'float64' : 'float32', batch_shape: c.batch_input_shape ?? c.batch_shape };
  const out: Config = { ...c, name, dtype: float64 ? 'float64' : undefined };
  // The initializers are dropped (the weights are loaded over them; TF.js's VarianceScaling is not tessera's).
  for (const key of Object.keys(out)) if (key.endsWith('_initializer')) out[key] = null;
  for (const key of Object.keys(out)) {
    const spec = out[key] as { class_name?: string; config?: Config } | null;
    if ((key.endsWith('_regularizer') || key.endsWith('_constraint')) && spec && spec.class_name) out[key] = { className: spec.class_name, config: spec.config ?? {} };
  }
  if (l.class_name === 'BatchNormalization') out.axis = Array.isArray(c.axis) ? (c.axis.length === 1 ? c.axis[0] : refuse(`axis ${JSON.stringify(c.axis)}`)) : (c.axis ?? -1);
  return out;
}

/** tessera normalises the last axis; Keras 2 writes that axis as a number ([3] after a Conv2D), checked
 *  here against the shapes of the built model (`topology` holds the axes the file gave). */
function checkBatchNormAxes(model: Model, topology: ModelJSON): void {
  const axes = new Map(topology.config.layers.filter((l) => l.class_name === 'BatchNormalization').map((l) => [l.config.name, l.config.axis as number]));
  const config = model.getConfig() as { layers: LayerJSON[] };
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const shapes = new Map<string, Shape>();
  for (const node of config.layers) {
    const name = String(node.config.name);
    if (node.class_name === 'InputLayer') { shapes.set(name, node.config.batch_shape as Shape); continue; }
    const inbound = (node.inbound_nodes as [string][][])[0].map((t) => shapes.get(t[0])!);
    const inShape = inbound[0];
    const layer = byName.get(name)!;
    const axis = axes.get(name);
    if (axis !== undefined && axis !== -1 && axis !== inShape.length - 1) {
      throw new np.ValueError(`fromTfjsArtifacts: BatchNormalization '${name}' normalises axis ${axis} of inputs with ${inShape.length} axes; tessera normalises the last axis only`);
    }
    shapes.set(name, layer instanceof Merge ? layer.outputShapeMany(inbound) : layer.computeOutputShape(inShape));
  }
}

const isListOfObjects = (x: unknown): boolean => Array.isArray(x) && x.every((s) => typeof s === 'object' && s !== null);

/** Sets every weight of the model from the artifacts, by name; missing, extra or misshapen weights are errors. */
function assignWeights(model: Model, artifacts: TfjsArtifactsLike): void {
  const specs = artifacts.weightSpecs ?? [];
  const parts = artifacts.weightData === undefined ? [] : Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
  if (!isListOfObjects(specs)) throw new np.ValueError(`fromTfjsArtifacts: weightSpecs is ${describe(specs)}; expected a list of {name, shape, dtype}`);
  if (!parts.every((p) => p instanceof ArrayBuffer)) throw new np.ValueError('fromTfjsArtifacts: weightData must be an ArrayBuffer (or a list of them)');
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  parts.reduce((offset, p) => (bytes.set(new Uint8Array(p), offset), offset + p.byteLength), 0);
  const values = new Map<string, { shape: readonly number[]; data: Float32Array }>();
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization) throw new np.ValueError(`fromTfjsArtifacts: weight '${spec.name}' is quantized; convert the model again without --quantize_* options`);
    if ((spec.dtype ?? 'float32') !== 'float32') throw new np.ValueError(`fromTfjsArtifacts: weight '${spec.name}' has dtype ${String(spec.dtype)}; tessera reads float32 weights`);
    if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new np.ValueError(`fromTfjsArtifacts: weight '${spec.name}' has shape ${JSON.stringify(spec.shape)}; expected a list of non-negative integers`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + 4 * size > bytes.byteLength) throw new np.ValueError(`fromTfjsArtifacts: the weight data ends (${bytes.byteLength} bytes) before weight '${spec.name}' (bytes ${offset} to ${offset + 4 * size})`);
    const data = new Float32Array(bytes.slice(offset, offset + 4 * size).buffer);
    const bad = data.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new np.ValueError(`fromTfjsArtifacts: weight '${spec.name}' holds ${data[bad]} at index ${bad}; expected finite weights`);
    values.set(spec.name, { shape: spec.shape, data });
    offset += 4 * size;
  }
  // Keras 2 names recurrent weights with their cell (lstm/lstm_cell/kernel); tessera's are lstm/kernel.
  const short = (name: string): string => { const parts = name.split('/'); return [...parts.slice(0, -2), parts[parts.length - 1]].join('/'); };
  const unused = new Set(values.keys());
  for (const w of model.weights) {
    const key = values.has(w.name) ? w.name : [...unused].find((k) => short(k) === w.name);
    if (key === undefined) throw new np.ValueError(`fromTfjsArtifacts: no weight named '${w.name}' in the weight specs (they have ${[...values.keys()].join(', ')})`);
    const { shape, data } = values.get(key)!;
    if (shape.join() !== w.shape.join()) throw new np.ValueError(`fromTfjsArtifacts: weight '${key}' has shape (${shape.join(', ')}) but layer '${w.name.split('/')[0]}' expects (${w.shape.join(', ')})`);
    w.assign(np.array(data, { dtype: 'float32', device: w.value.device }).reshape([...shape]).astype(w.value.dtype));
    unused.delete(key);
  }
  if (unused.size) throw new np.ValueError(`fromTfjsArtifacts: the weight specs have weights no layer of the model takes: ${[...unused].join(', ')}`);
}
