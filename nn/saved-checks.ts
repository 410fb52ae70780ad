// Checks on a saved model before it is rebuilt: a model file is data from outside, so its architecture
// (layer classes, config keys and their values, the functional graph), its weights (shape, dtype, byte
// length, finite values) and its training state are checked, and a bad file fails with a ValueError
// naming the layer or field, what was found and what was expected, never with a crash or a hang.
// The one thing to understand: a functional graph is saved in call order, so every layer's inputs
// must be layers defined before it; checking that rules out missing layers and cycles in one pass.
import * as np from '../ndarray/index.ts';
import type { LayerJSON, ModelJSON } from './models/model.ts';

type Config = Record<string, unknown>;
/** How a config value is checked. */
type Kind = 'count' | 'rate' | 'number' | 'bool' | 'string' | 'shape' | 'pair' | 'int' | 'any';

const BASE: Record<string, Kind> = { name: 'string', trainable: 'bool', dtype: 'any', batch_input_shape: 'shape' };
const SPECS = { kernel_initializer: 'any', bias_initializer: 'any', kernel_regularizer: 'any', bias_regularizer: 'any', kernel_constraint: 'any', bias_constraint: 'any' } as const;
const POOLING: Record<string, Kind> = { pool_size: 'pair', strides: 'pair', padding: 'string', data_format: 'string' };
/** The config keys each layer class has (Keras's get_config), beyond BASE. */
export const LAYER_KEYS: Record<string, Record<string, Kind>> = {
  InputLayer: { batch_shape: 'shape', dtype: 'any', name: 'string' },
  Dense: { units: 'count', activation: 'string', use_bias: 'bool', ...SPECS },
  Activation: { activation: 'string' },
  Dropout: { rate: 'rate' },
  Flatten: {},
  Reshape: { target_shape: 'shape' },
  Conv2D: { filters: 'count', kernel_size: 'pair', strides: 'pair', padding: 'string', data_format: 'string', activation: 'string', use_bias: 'bool', ...SPECS },
  MaxPooling2D: POOLING,
  AveragePooling2D: POOLING,
  GlobalAveragePooling1D: { data_format: 'string', keepdims: 'bool' },
  GlobalAveragePooling2D: { data_format: 'string', keepdims: 'bool' },
  BatchNormalization: { axis: 'int', momentum: 'number', epsilon: 'number', center: 'bool', scale: 'bool' },
  LSTM: { units: 'count', activation: 'string', recurrent_activation: 'string', use_bias: 'bool', unit_forget_bias: 'bool', return_sequences: 'bool', go_backwards: 'bool' },
  Add: {}, Subtract: {}, Multiply: {}, Average: {}, Maximum: {}, Minimum: {},
  Concatenate: { axis: 'int' },
  Lambda: { function: 'string', output_shape: 'any' },
};

const isObject = (v: unknown): v is Config => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v)?.slice(0, 80) ?? String(v));
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) > 0;

export const fail = (where: string, found: string, expected: string): np.ValueError => new np.ValueError(`${where}: ${found}; expected ${expected}`);

const CHECKS: Record<Kind, [(v: unknown) => boolean, string]> = {
  count: [isCount, 'a positive integer'],
  int: [(v) => Number.isSafeInteger(v), 'an integer'],
  rate: [(v) => typeof v === 'number' && v >= 0 && v < 1, 'a number in [0, 1)'],
  number: [(v) => typeof v === 'number' && Number.isFinite(v), 'a finite number'],
  bool: [(v) => typeof v === 'boolean', 'true or false'],
  string: [(v) => typeof v === 'string', 'a string'],
  shape: [(v) => Array.isArray(v) && v.every((d) => d === null || isCount(d) || d === -1), 'a list of positive integers (or null)'],
  pair: [(v) => (Array.isArray(v) && v.length === 2 && v.every(isCount)) || isCount(v), 'a positive integer or a pair of them'],
  any: [() => true, ''],
};

/** One layer's {class_name, config}: a known class, only its keys, each value of its kind. */
function checkLayer(l: unknown, where: string, keysToo: boolean): LayerJSON {
  if (!isObject(l) || typeof l.class_name !== 'string' || !isObject(l.config)) throw fail(where, `the layer is ${show(l)}`, '{class_name, config}');
  const keys = LAYER_KEYS[l.class_name];
  if (!keys) throw new np.ValueError(`${where}: Unknown layer: '${l.class_name}'. tessera knows ${Object.keys(LAYER_KEYS).join(', ')}`);
  const name = `${where} '${String(l.config.name ?? l.name)}' (${l.class_name})`;
  const known: Record<string, Kind> = l.class_name === 'InputLayer' ? keys : { ...BASE, ...keys };
  for (const [key, value] of Object.entries(l.config)) {
    const kind = known[key];
    if (!kind) {
      if (keysToo) throw fail(name, `unknown config key '${key}'`, `only ${Object.keys(known).join(', ')}`);
      continue;
    }
    const [ok, expected] = CHECKS[kind];
    if (value !== null && value !== undefined && !ok(value)) throw fail(name, `'${key}' is ${show(value)}`, expected);
  }
  return l as unknown as LayerJSON;
}

/** The architecture's structure: Sequential or Functional, checked layers, and (functional) a graph
 *  whose every input is a layer defined earlier. `keysToo` refuses unknown config keys (tessera's own
 *  files); Keras's, read through the TF.js importer, carry keys tessera ignores. */
export function checkModelJSON(spec: unknown, where: string, keysToo = true): ModelJSON {
  if (!isObject(spec) || !isObject(spec.config) || !Array.isArray(spec.config.layers)) throw fail(where, `the architecture is ${show(spec)}`, '{class_name, config: {name, layers: [...]}}');
  if (spec.class_name !== 'Sequential' && spec.class_name !== 'Functional') throw fail(where, `unknown model class ${show(spec.class_name)}`, "'Sequential' or 'Functional'");
  const layers = spec.config.layers.map((l, i) => checkLayer(l, `${where}: layer ${i}`, keysToo));
  if (spec.class_name === 'Functional') checkGraph(layers, spec.config, where);
  return spec as unknown as ModelJSON;
}

/** Names unique, one InputLayer, every inbound layer defined before its user, the output a known layer. */
function checkGraph(layers: LayerJSON[], config: Config, where: string): void {
  const defined = new Set<string>();
  for (const l of layers) {
    const name = String(l.config.name);
    if (defined.has(name)) throw fail(where, `two layers are named '${name}'`, 'unique layer names');
    if (l.class_name !== 'InputLayer') checkInbound(l, name, defined, where);
    defined.add(name);
  }
  const inputs = layers.filter((l) => l.class_name === 'InputLayer').length;
  if (inputs !== 1) throw fail(where, `the graph has ${inputs} InputLayers`, 'exactly one');
  const out = (config.output_layers as unknown[][] | undefined)?.[0]?.[0];
  if (typeof out !== 'string' || !defined.has(out)) throw fail(where, `output_layers names ${show(out)}`, `one of the layers (${[...defined].join(', ')})`);
}

function checkInbound(l: LayerJSON, name: string, defined: Set<string>, where: string): void {
  const nodes = l.inbound_nodes;
  if (!Array.isArray(nodes) || !Array.isArray(nodes[0]) || nodes[0].length === 0) throw fail(`${where}: layer '${name}'`, `inbound_nodes is ${show(nodes)}`, '[[[input layer name, 0, 0, {}], ...]]');
  for (const t of nodes[0] as unknown[]) {
    const source = Array.isArray(t) ? t[0] : undefined;
    if (typeof source !== 'string' || !defined.has(source)) {
      throw fail(`${where}: layer '${name}'`, `its input ${show(source)} is not a layer defined before it`, 'inputs defined earlier in the list (a missing layer or a cycle in the graph)');
    }
  }
}

/** A saved array {shape, dtype, data (base64)}: returns its elements after checking every field. */
export function checkArrayJSON(j: unknown, where: string, decode: (text: string) => Uint8Array): Float32Array | Float64Array {
  if (!isObject(j)) throw fail(where, `the array is ${show(j)}`, '{shape, dtype, data}');
  const { shape, dtype, data } = j;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) throw fail(where, `shape ${show(shape)}`, 'a list of non-negative integers');
  if (dtype !== 'float32' && dtype !== 'float64') throw fail(where, `dtype ${show(dtype)}`, "'float32' or 'float64'");
  let bytes: Uint8Array;
  try {
    bytes = decode(data as string);
  } catch {
    throw fail(where, `data is ${typeof data === 'string' ? 'not base64' : show(data)}`, 'the elements as a base64 string');
  }
  const Typed = dtype === 'float64' ? Float64Array : Float32Array;
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== size * Typed.BYTES_PER_ELEMENT) throw fail(where, `data holds ${bytes.byteLength} bytes`, `${size * Typed.BYTES_PER_ELEMENT} (shape (${shape.join(', ')}) of ${dtype})`);
  const values = new Typed(bytes.buffer as ArrayBuffer, bytes.byteOffset, size);
  const bad = values.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw fail(where, `element ${bad} is ${values[bad]}`, 'finite weights');
  return values;
}

/** The top of a `save` file: the format tag and version, and only the keys save writes. */
export function checkSavedModel(saved: unknown, path: string): Config {
  const keys = ['format', 'version', 'model', 'weights', 'compile', 'optimizer'];
  if (!isObject(saved) || saved.format !== 'tessera.nn') throw fail(`loadModel: ${path}`, `format ${isObject(saved) ? show(saved.format) : show(saved)}`, "a tessera.nn model file (format 'tessera.nn')");
  if (saved.version !== 1) throw fail(`loadModel: ${path}`, `version ${show(saved.version)}`, 'version 1');
  const unknown = Object.keys(saved).find((k) => !keys.includes(k));
  if (unknown) throw fail(`loadModel: ${path}`, `unknown key '${unknown}'`, `only ${keys.join(', ')}`);
  if (!Array.isArray(saved.weights)) throw fail(`loadModel: ${path}`, `weights is ${show(saved.weights)}`, 'a list of arrays');
  if (saved.compile !== null && saved.compile !== undefined) checkCompile(saved.compile, `loadModel: ${path}: compile`);
  if (saved.optimizer !== null && saved.optimizer !== undefined) checkOptimizer(saved.optimizer, `loadModel: ${path}: optimizer`);
  return saved;
}

/** Checked before the model is compiled, so a bad state never reaches the optimizer. */
function checkOptimizer(o: unknown, where: string): void {
  if (!isObject(o) || !Number.isSafeInteger(o.iterations) || (o.iterations as number) < 0) throw fail(where, `iterations ${isObject(o) ? show(o.iterations) : show(o)}`, 'a non-negative integer');
  if (!Array.isArray(o.slots) || !o.slots.every(Array.isArray)) throw fail(where, `slots ${show(o.slots)}`, 'a list of lists of arrays');
}

function checkCompile(c: unknown, where: string): void {
  if (!isObject(c) || typeof c.loss !== 'string') throw fail(where, `loss ${isObject(c) ? show(c.loss) : show(c)}`, 'the loss name');
  if (!Array.isArray(c.metrics) || !c.metrics.every((m) => typeof m === 'string')) throw fail(where, `metrics ${show(c.metrics)}`, 'a list of metric names');
  const opt = c.optimizer;
  if (!isObject(opt) || typeof opt.className !== 'string' || !isObject(opt.config)) throw fail(where, `optimizer ${show(opt)}`, '{className, config}');
}

/** Text read from a file as JSON; a parse error names the file. */
export function parseJSON(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw fail(where, `the file is not valid JSON (${(e as Error).message})`, 'the JSON that save wrote');
  }
}
