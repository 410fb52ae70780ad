// Saving and loading models (K-R13), in Keras's config layout:
// - `toJSON`/`modelFromJSON`: the architecture only: {class_name, config: {name, layers: [...]}},
//   each layer as {class_name, config} with Keras's snake_case keys (get_config / from_config);
// - `saveWeights`/`loadWeights`: the weights only, into a model of the same architecture (a
//   mismatch names the layer);
// - `save`/`loadModel`: architecture, weights, compile config and optimizer state, so that
//   training resumed from a saved model takes exactly the steps it would have taken.
// Weights are stored in their own dtype (float32 by default), base64-encoded, in one JSON file.
// A Lambda is saved by the name its function was registered under (Lambda.register), never as code.
// Everything loaded is checked first (saved-checks.ts): a corrupt file fails with a ValueError.
import * as np from '../ndarray/index.ts';
import { Model } from './models/model.ts';
import type { LayerJSON, ModelJSON } from './models/model.ts';
import { Sequential } from './models/sequential.ts';
import { Layer, SymbolicTensor } from './layers/layer.ts';
import { Dense } from './layers/dense.ts';
import { Activation } from './layers/activation.ts';
import { Dropout } from './layers/dropout.ts';
import { Flatten } from './layers/flatten.ts';
import { Reshape } from './layers/reshape.ts';
import { Lambda } from './layers/lambda.ts';
import { Input, InputLayer } from './layers/input.ts';
import { Conv2D } from './layers/conv2d.ts';
import { MaxPooling2D, AveragePooling2D } from './layers/pooling2d.ts';
import { GlobalAveragePooling1D, GlobalAveragePooling2D } from './layers/global-pooling.ts';
import { BatchNormalization } from './layers/batch-normalization.ts';
import { LSTM } from './layers/lstm.ts';
import { Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate } from './layers/merge.ts';
import { getOptimizer } from './optimizers/index.ts';
import { writeText, readText } from './utils/files.ts';
import { checkArrayJSON, checkModelJSON, checkSavedModel, fail, parseJSON } from './saved-checks.ts';

type NDArray = np.NDArray;
type Config = Record<string, unknown>;
interface ArrayJSON { shape: number[]; dtype: np.DType; data: string }
interface SavedModel {
  format: 'tessera.nn';
  version: 1;
  model: ModelJSON;
  weights: ArrayJSON[];
  compile: Config | null;
  optimizer: { iterations: number; slots: ArrayJSON[][] } | null;
}

const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Keras's shared layer config keys as tessera's constructor options. */
function baseOptions(c: Config): Config {
  const o: Config = { name: c.name, trainable: c.trainable, dtype: c.dtype };
  const shape = c.batch_input_shape as (number | null)[] | undefined;
  if (shape) o.inputShape = shape.slice(1);
  return o;
}

/** from_config for each layer class tessera has. */
const FROM_CONFIG: Record<string, (c: Config) => Layer> = {
  Dense: (c) => new Dense({
    ...baseOptions(c), units: c.units as number, activation: c.activation as string, useBias: c.use_bias as boolean,
    ...(c.kernel_initializer ? { kernelInitializer: c.kernel_initializer as never } : {}), ...(c.bias_initializer ? { biasInitializer: c.bias_initializer as never } : {}),
    kernelRegularizer: c.kernel_regularizer as never, biasRegularizer: c.bias_regularizer as never,
    kernelConstraint: c.kernel_constraint as never, biasConstraint: c.bias_constraint as never,
  }),
  Activation: (c) => new Activation({ ...baseOptions(c), activation: c.activation as string }),
  Dropout: (c) => new Dropout({ ...baseOptions(c), rate: c.rate as number }),
  Flatten: (c) => new Flatten(baseOptions(c)),
  Reshape: (c) => new Reshape({ ...baseOptions(c), targetShape: c.target_shape as number[] }),
  Conv2D: (c) => new Conv2D({
    ...baseOptions(c), filters: c.filters as number, kernelSize: c.kernel_size as [number, number], strides: c.strides as [number, number],
    padding: c.padding as 'valid' | 'same', activation: c.activation as string, useBias: c.use_bias as boolean,
    ...(c.kernel_initializer ? { kernelInitializer: c.kernel_initializer as never } : {}), ...(c.bias_initializer ? { biasInitializer: c.bias_initializer as never } : {}),
    kernelRegularizer: c.kernel_regularizer as never, kernelConstraint: c.kernel_constraint as never,
  }),
  MaxPooling2D: (c) => new MaxPooling2D({ ...baseOptions(c), poolSize: c.pool_size as [number, number], strides: c.strides as [number, number], padding: c.padding as 'valid' | 'same' }),
  AveragePooling2D: (c) => new AveragePooling2D({ ...baseOptions(c), poolSize: c.pool_size as [number, number], strides: c.strides as [number, number], padding: c.padding as 'valid' | 'same' }),
  GlobalAveragePooling1D: (c) => new GlobalAveragePooling1D({ ...baseOptions(c), keepdims: c.keepdims as boolean }),
  GlobalAveragePooling2D: (c) => new GlobalAveragePooling2D({ ...baseOptions(c), keepdims: c.keepdims as boolean }),
  BatchNormalization: (c) => new BatchNormalization({ ...baseOptions(c), momentum: c.momentum as number, epsilon: c.epsilon as number, center: c.center as boolean, scale: c.scale as boolean }),
  LSTM: (c) => new LSTM({
    ...baseOptions(c), units: c.units as number, activation: c.activation as string, recurrentActivation: c.recurrent_activation as string,
    useBias: c.use_bias as boolean, unitForgetBias: c.unit_forget_bias as boolean, returnSequences: c.return_sequences as boolean, goBackwards: c.go_backwards as boolean,
  }),
  Add: (c) => new Add(baseOptions(c)),
  Subtract: (c) => new Subtract(baseOptions(c)),
  Multiply: (c) => new Multiply(baseOptions(c)),
  Average: (c) => new Average(baseOptions(c)),
  Maximum: (c) => new Maximum(baseOptions(c)),
  Minimum: (c) => new Minimum(baseOptions(c)),
  Concatenate: (c) => new Concatenate({ ...baseOptions(c), axis: c.axis as number }),
  Lambda: (c) => {
    if (!c.function) throw new np.ValueError(`Lambda layer '${String(c.name)}' was saved without a registered function: register it with Lambda.register(name, fn) before saving and loading`);
    return new Lambda(c.function as string, { ...baseOptions(c), ...(c.output_shape ? { outputShape: c.output_shape as number[] } : {}) });
  },
};

function layerFromJSON(l: LayerJSON): Layer {
  const make = FROM_CONFIG[l.class_name];
  if (!make) throw new np.ValueError(`Unknown layer: '${l.class_name}'. Please ensure you are using a registered layer class (tessera knows ${Object.keys(FROM_CONFIG).join(', ')})`);
  return make(l.config);
}

/** The architecture as JSON text (Keras's model.to_json()). */
export const toJSON = (model: Model): string => model.toJSON();

/** A new (unbuilt for Sequential without an input, else built) model from toJSON's text. */
export function modelFromJSON(json: string | ModelJSON, options: { device?: np.DeviceName } = {}): Model {
  return buildModel(checkModelJSON(typeof json === 'string' ? parseJSON(json, 'modelFromJSON') : json, 'modelFromJSON'), options);
}

/** The model an already checked architecture describes (the TF.js importer checks its own way). */
export function buildModel(spec: ModelJSON, options: { device?: np.DeviceName } = {}): Model {
  if (spec.class_name === 'Sequential') {
    const layers = spec.config.layers.map((l) => (l.class_name === 'InputLayer' ? inputFrom(l) : layerFromJSON(l)));
    return new Sequential(layers, { name: spec.config.name, device: options.device });
  }
  const tensors = new Map<string, SymbolicTensor>();
  let input: SymbolicTensor | null = null;
  for (const l of spec.config.layers) {
    if (l.class_name === 'InputLayer') {
      input = inputFrom(l);
      tensors.set(l.config.name as string, input);
      continue;
    }
    const inbound = (l.inbound_nodes as [string, number, number, Config][][])[0].map((t) => tensors.get(t[0])!);
    const layer = layerFromJSON(l);
    tensors.set(layer.name, inbound.length > 1 ? layer.apply(inbound) : layer.apply(inbound[0]));
  }
  const outName = (spec.config.output_layers as [string, number, number][])[0][0];
  return new Model({ inputs: input!, outputs: tensors.get(outName)!, name: spec.config.name, device: options.device });
}

function inputFrom(l: LayerJSON): SymbolicTensor {
  const shape = l.config.batch_shape as (number | null)[];
  if (!Array.isArray(shape) || shape.length < 2) throw fail(`InputLayer '${String(l.config.name)}'`, `batch_shape ${JSON.stringify(shape)}`, '[batch or null, ...input shape]');
  return Input({ shape: shape.slice(1), name: l.config.name as string, dtype: l.config.dtype as 'float32' | 'float64', ...(shape[0] !== null ? { batchSize: shape[0] } : {}) });
}

// ---- arrays as base64 ---------------------------------------------------------------------------
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
async function arrayToJSON(a: NDArray): Promise<ArrayJSON> {
  const data = await a.data();
  return { shape: [...a.shape], dtype: a.dtype, data: toBase64(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) };
}
function arrayFromJSON(j: ArrayJSON, device: np.DeviceName, where: string): NDArray {
  const typed = checkArrayJSON(j, where, fromBase64);
  return np.array(typed, { dtype: j.dtype, device }).reshape(j.shape);
}

/** Weights-only: every weight of the model, in order, with its layer's name. */
async function weightsJSON(model: Model): Promise<(ArrayJSON & { name: string })[]> {
  return Promise.all(model.weights.map(async (w) => ({ name: w.name, ...(await arrayToJSON(w.value)) })));
}

/** Sets the model's weights from saved ones; a mismatch names the layer and both shapes. */
function assignWeights(model: Model, saved: (ArrayJSON & { name?: string })[]): void {
  const ws = model.weights;
  if (!Array.isArray(saved)) throw fail('loadWeights', `the weights are ${JSON.stringify(saved) ?? 'missing'}`, 'a list of arrays');
  saved.forEach((s, i) => checkArrayJSON(s, `weight ${i} ('${ws[i]?.name ?? '?'}')`, fromBase64));
  if (saved.length !== ws.length) {
    throw new np.ValueError(`Layer count mismatch when loading weights from file. Model expected ${ws.length} weights, but the saved weights have ${saved.length} elements.`);
  }
  saved.forEach((s, i) => {
    if (s.shape.join() !== ws[i].shape.join()) {
      throw new np.ValueError(`The shape of the saved weight ${s.name ?? i} does not match layer '${ws[i].name.split('/')[0]}': expected (${ws[i].shape.join(', ')}), got (${s.shape.join(', ')})`);
    }
  });
  saved.forEach((s, i) => ws[i].assign(arrayFromJSON(s, ws[i].value.device, ws[i].name).astype(ws[i].value.dtype)));
}

export async function saveWeights(model: Model, path: string): Promise<void> {
  if (!model.built) throw new np.ValueError('saveWeights: the model has no weights yet (build it, or fit it, first)');
  await writeText(path, JSON.stringify({ format: 'tessera.nn.weights', version: 1, weights: await weightsJSON(model) }));
}

export async function loadWeights(model: Model, path: string): Promise<void> {
  const saved = parseJSON(await readText(path), `loadWeights: ${path}`) as { weights: (ArrayJSON & { name: string })[] } | null;
  if (saved === null || typeof saved !== 'object') throw fail(`loadWeights: ${path}`, `the file holds ${JSON.stringify(saved)}`, '{format, version, weights}');
  if (!model.built) throw new np.ValueError('loadWeights: build the model first (its architecture must match the saved weights)');
  assignWeights(model, saved.weights);
}

export async function saveModel(model: Model, path: string): Promise<void> {
  if (!model.built) throw new np.ValueError('save: the model has not been built yet');
  const c = model.compiled;
  if (c && !c.config.loss) console.warn('Warning: the model was compiled with a loss function given as code; the compile configuration is not saved (compile the loaded model again).');
  const saved: SavedModel = {
    format: 'tessera.nn',
    version: 1,
    model: JSON.parse(toJSON(model)) as ModelJSON,
    weights: await weightsJSON(model),
    compile: c && c.config.loss ? c.config : null,
    optimizer: c && c.config.loss ? await optimizerJSON(model) : null,
  };
  await writeText(path, JSON.stringify(saved));
}

async function optimizerJSON(model: Model): Promise<SavedModel['optimizer']> {
  const c = model.requireCompiled();
  const state = c.optimizer.getState(c.trainable);
  return { iterations: state.iterations, slots: await Promise.all(state.slots.map((s) => Promise.all(s.map(arrayToJSON)))) };
}

/** A model saved by `save`, ready to predict or to resume training exactly where it stopped. */
export async function loadModel(path: string, options: { device?: np.DeviceName; compile?: boolean } = {}): Promise<Model> {
  const saved = checkSavedModel(parseJSON(await readText(path), `loadModel: ${path}`), path) as unknown as SavedModel;
  const model = modelFromJSON(saved.model, options);
  try {
    restore(model, saved, options.compile !== false);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** Weights, then (when `compile`) the compile configuration and optimizer state, into the new model. */
function restore(model: Model, saved: SavedModel, compile: boolean): void {
  if (!model.built) throw new np.ValueError('loadModel: the saved model has no input shape');
  assignWeights(model, saved.weights);
  if (saved.compile && compile) {
    const cfg = saved.compile as { loss: string; metrics: string[]; optimizer: { className: string; config: Config } };
    const optConfig = Object.fromEntries(Object.entries(cfg.optimizer.config).filter(([, v]) => v !== null).map(([k, v]) => [camel(k), v]));
    model.compile({ loss: cfg.loss, metrics: cfg.metrics, optimizer: getOptimizer({ className: cfg.optimizer.className, config: optConfig }) });
    if (saved.optimizer) {
      const c = model.requireCompiled();
      const device = model.device;
      c.optimizer.setState(c.trainable, optimizerState(saved.optimizer, device));
    }
  }
}

/** The saved optimizer state as arrays (its layout was checked by checkSavedModel). */
function optimizerState(o: NonNullable<SavedModel['optimizer']>, device: np.DeviceName): { iterations: number; slots: NDArray[][] } {
  return { iterations: o.iterations, slots: o.slots.map((s, i) => s.map((a, j) => arrayFromJSON(a, device, `optimizer slot ${i}.${j}`))) };
}

export { InputLayer };
