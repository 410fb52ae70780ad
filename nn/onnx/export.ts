// nn.exportOnnx: a trained model as an ONNX model, to run in ONNX Runtime, a browser or another
// framework. Each layer class has one rule below (RULES) that writes it as ONNX operators; weights
// become float32 initializers, read from the model's device. Two differences of convention matter:
// Keras images are channels-last (N, H, W, C) where ONNX's Conv and pools take (N, C, H, W), so those
// layers sit between two Transposes (ONNX Runtime's optimizer cancels the pairs that meet); and
// the batch axis is left symbolic ("N"). A layer with no rule (a Lambda, which is arbitrary
// TypeScript; the LSTM) is refused with an error naming it, and no file is written.
import * as np from '../../ndarray/index.ts';
import type { Model, GraphNode } from '../models/model.ts';
import { formatShape, type Layer, type Shape, type SymbolicTensor } from '../layers/layer.ts';
import { Dense } from '../layers/dense.ts';
import { Activation } from '../layers/activation.ts';
import { Dropout } from '../layers/dropout.ts';
import { Flatten } from '../layers/flatten.ts';
import { Merge, Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate } from '../layers/merge.ts';
import { Reshape } from '../layers/reshape.ts';
import { Conv2D, windows, type Padding } from '../layers/conv2d.ts';
import { MaxPooling2D, AveragePooling2D } from '../layers/pooling2d.ts';
import { BatchNormalization } from '../layers/batch-normalization.ts';
import { Lambda } from '../layers/lambda.ts';
import { activationName, type ActivationFn } from '../activations.ts';
import { checkOptions } from '../options.ts';
import { fileSystem, makeParentDirectory } from '../utils/files.ts';
import { encodeModel, type Attribute, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from './protobuf.ts';

type NDArray = np.NDArray;

export interface OnnxExportOptions {
  /** Also write the model to this file (Node or Deno). */
  path?: string;
  /** The ONNX operator set to target (default 13; 13 to 21). */
  opset?: number;
  /** The graph's name (default: the model's). */
  name?: string;
}

/** The IR (file format) version that goes with each opset: that of the first ONNX release having it. */
const IR_VERSION: Record<number, number> = { 13: 7, 14: 7, 15: 8, 16: 8, 17: 8, 18: 8, 19: 9, 20: 9, 21: 10 };

/** The model as the bytes of an ONNX file (and the file itself when `path` is given). Inference only:
 *  Dropout is dropped and BatchNormalization uses its moving averages. */
export async function exportOnnx(model: Model, options: OnnxExportOptions = {}): Promise<Uint8Array> {
  checkOptions('exportOnnx', options, ['path', 'opset', 'name']);
  const opset = options.opset ?? 13;
  if (!(opset in IR_VERSION)) throw new np.ValueError(`exportOnnx: opset ${opset} is not supported; tessera writes opsets 13 to 21 (the default is 13)`);
  const { nodes, input, output } = graphOf(model);
  const g = new GraphBuilder(opset);
  const values = new Map<SymbolicTensor, string>();
  for (const node of nodes) {
    if (!node.input) {
      values.set(node.output, g.reserve(node.layer.name));
      continue;
    }
    g.scope = node.layer.name;
    if (node.layer instanceof Merge) {
      values.set(node.output, mergeNode(g, node.layer, node.inputs.map((t) => values.get(t)!), node.output.shape.length));
      continue;
    }
    values.set(node.output, await ruleFor(node.layer)(g, node.layer, values.get(node.input)!, node.input.shape));
  }
  const outputName = g.output(values.get(output)!, output.layer.name);
  const bytes = encodeModel({
    irVersion: IR_VERSION[opset],
    opset,
    producerName: 'tessera',
    docString: `${model.className} model '${model.name}', exported by tessera`,
    graph: {
      name: options.name ?? model.name, nodes: g.nodes, initializers: g.initializers,
      inputs: [valueInfo(values.get(input)!, input.shape)], outputs: [valueInfo(outputName, output.shape)],
    },
  });
  if (options.path !== undefined) {
    const fs = await fileSystem('exportOnnx with a path');
    await makeParentDirectory(fs, options.path);
    await fs.writeFile(options.path, bytes);
  }
  return bytes;
}

/** The model's layer calls in order, and its input and output tensors. */
function graphOf(model: Model): { nodes: readonly GraphNode[]; input: SymbolicTensor; output: SymbolicTensor } {
  const { nodes, input, output } = model.graph;
  if (!model.built || !input || !output) throw new np.ValueError(`exportOnnx: the model '${model.name}' is not built yet, so its shapes are unknown: give its first layer an inputShape (or start from an Input), or call fit or predict once`);
  return { nodes, input, output };
}

/** A graph input or output: unknown sizes become names, "N" for the batch axis. */
function valueInfo(name: string, shape: Shape): OnnxValueInfo {
  return { name, dims: shape.map((d, i) => d ?? (i === 0 ? 'N' : `${name}_dim${i}`)) };
}

/** The graph under construction: its nodes and initializers, each value with a unique name. */
class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  /** The layer being written: its name prefixes the names of its values ("dense/MatMul"). */
  scope = '';
  private readonly names = new Set<string>();
  /** The initializers written so far, by the name asked for. */
  private readonly constants = new Map<string, string>();

  constructor(readonly opset: number) {}

  /** `name`, or `name_1`, `name_2`, ... if it is taken (a shared layer called twice). */
  reserve(name: string): string {
    let unique = name;
    for (let k = 1; this.names.has(unique); k++) unique = `${name}_${k}`;
    this.names.add(unique);
    return unique;
  }

  /** Adds a node with one output; returns the output's name. */
  node(opType: string, inputs: readonly string[], attributes: Record<string, Attribute> = {}): string {
    const output = this.reserve(`${this.scope}/${opType}`);
    this.nodes.push({ opType, inputs, outputs: [output], name: output, attributes });
    return output;
  }

  /** A float32 initializer holding `value` (read from its device), written once per name (a
   *  shared layer's weights are its weights on every call). */
  async initializer(name: string, value: NDArray): Promise<string> {
    const written = this.constants.get(name);
    if (written) return written;
    const unique = this.reserve(name);
    this.constants.set(name, unique);
    this.initializers.push({ name: unique, dims: [...value.shape], floats: Float32Array.from(await value.data()) });
    return unique;
  }

  /** An initializer computed from the weights by `compute` (np ops); the result is freed once read. */
  async derived(name: string, compute: () => NDArray): Promise<string> {
    const value = np.tidy(compute);
    try {
      return await this.initializer(name, value);
    } finally {
      value.dispose();
    }
  }

  /** A float32 scalar constant, shared by every node that uses the same value. */
  scalar(value: number): string {
    const name = `constant/${value}`;
    const written = this.constants.get(name);
    if (written) return written;
    const unique = this.reserve(name);
    this.constants.set(name, unique);
    this.initializers.push({ name: unique, dims: [], floats: Float32Array.of(value) });
    return unique;
  }

  /** A constant int64 vector (a shape). */
  int64s(name: string, values: readonly number[]): string {
    const unique = this.reserve(name);
    this.initializers.push({ name: unique, dims: [values.length], int64s: values });
    return unique;
  }

  /** Makes `value` the graph output, named `name`: the last node, which made it, is renamed; or,
   *  when no node made it (a model that is only Input and Dropout), an Identity copies it. */
  output(value: string, name: string): string {
    const unique = this.reserve(name);
    const last = this.nodes.at(-1);
    if (last?.outputs[0] === value) this.nodes[this.nodes.length - 1] = { ...last, outputs: [unique], name: unique };
    else this.nodes.push({ opType: 'Identity', inputs: [value], outputs: [unique], name: unique, attributes: {} });
    return unique;
  }
}

// ---- one rule per layer class ------------------------------------------------------------------
/** Writes `layer` applied to the value `x` (of shape `shape`) as nodes; returns the output's name. */
type Rule<L extends Layer> = (g: GraphBuilder, layer: L, x: string, shape: Shape) => string | Promise<string>;
type LayerClass<L extends Layer> = abstract new (...args: never[]) => L;
const rule = <L extends Layer>(cls: LayerClass<L>, write: Rule<L>): [LayerClass<Layer>, Rule<Layer>] => [cls, write as Rule<Layer>];

const RULES = new Map<LayerClass<Layer>, Rule<Layer>>([
  // y = act(x W + b)
  rule(Dense, async (g, l, x) => {
    let y = g.node('MatMul', [x, await g.initializer(l.kernel!.name, l.kernel!.value)]);
    if (l.bias) y = g.node('Add', [y, await g.initializer(l.bias.name, l.bias.value)]);
    return activation(g, l, l.activation, y);
  }),
  rule(Activation, (g, l, x) => activation(g, l, l.activation, x)),
  // Inference is the identity: no node at all.
  rule(Dropout, (_g, _l, x) => x),
  rule(Flatten, (g, _l, x) => g.node('Flatten', [x], { axis: { i: 1 } })),
  // Reshape's shape 0 means "the input's size here" (opset 13's rule; allowzero 0 later): the batch axis.
  rule(Reshape, (g, l, x) => g.node('Reshape', [x, g.int64s(`${l.name}/shape`, [0, ...l.targetShape])])),
  // The kernel (kh, kw, C, filters) becomes ONNX's (filters, C, kh, kw).
  rule(Conv2D, async (g, l, x, shape) => {
    const kernel = await g.derived(`${l.name}/kernel_oihw`, () => np.transpose(l.kernel!.value, [3, 2, 0, 1]));
    const bias = l.bias ? [await g.initializer(l.bias.name, l.bias.value)] : [];
    const window = windowAttributes(l, shape, l.kernelSize, l.strides, l.padding);
    return activation(g, l, l.activation, toNHWC(g, g.node('Conv', [toNCHW(g, x), kernel, ...bias], window)));
  }),
  // AveragePool leaves the padding out of the count (count_include_pad 0), as Keras does with 'same'.
  rule(MaxPooling2D, (g, l, x, shape) => toNHWC(g, g.node('MaxPool', [toNCHW(g, x)], windowAttributes(l, shape, l.poolSize, l.strides, l.padding)))),
  rule(AveragePooling2D, (g, l, x, shape) => toNHWC(g, g.node('AveragePool', [toNCHW(g, x)], windowAttributes(l, shape, l.poolSize, l.strides, l.padding)))),
  // With the moving averages fixed, y = γ (x - μ)/√(σ² + ε) + β is affine: y = x·s + t, with
  // s = γ/√(σ² + ε) and t = β - μ·s, per feature (the last axis, which broadcasting matches).
  rule(BatchNormalization, async (g, l, x) => {
    const s = (): NDArray => np.divide(l.gamma ? l.gamma.value : 1, np.sqrt(np.add(l.movingVariance!.value, l.epsilon)));
    const scale = await g.derived(`${l.name}/scale`, s);
    const shift = await g.derived(`${l.name}/shift`, () => np.subtract(l.beta ? l.beta.value : 0, np.multiply(l.movingMean!.value, s())));
    return g.node('Add', [g.node('Mul', [x, scale]), shift]);
  }),
]);

/** A merge layer as one ONNX node over all its inputs: Sum, Sub, Mul, Max, Min, Mean or Concat. */
function mergeNode(g: GraphBuilder, layer: Merge, inputs: readonly string[], rank: number): string {
  if (layer instanceof Concatenate) return g.node('Concat', inputs, { axis: { i: layer.axis < 0 ? rank + layer.axis : layer.axis } });
  const op = layer instanceof Add ? 'Sum' : layer instanceof Subtract ? 'Sub' : layer instanceof Maximum ? 'Max'
    : layer instanceof Minimum ? 'Min' : layer instanceof Average ? 'Mean' : layer instanceof Multiply ? 'Mul' : null;
  if (op === null) throw refuse(layer, 'this merge layer has no ONNX counterpart in tessera yet');
  if (op !== 'Mul') return g.node(op, inputs);
  return inputs.slice(1).reduce((acc, x) => g.node('Mul', [acc, x]), inputs[0]); // ONNX's Mul takes two inputs
}

function ruleFor(layer: Layer): Rule<Layer> {
  const write = RULES.get(layer.constructor as LayerClass<Layer>);
  if (write) return write;
  if (layer instanceof Lambda) throw refuse(layer, 'a Lambda runs a TypeScript function, which ONNX cannot represent; write what it computes with built-in layers (Activation, Reshape, Dense, ...) to export the model');
  const supported = [...RULES.keys()].map((c) => c.name).join(', ');
  throw refuse(layer, `tessera's exporter has no rule for ${layer.className} layers (it exports InputLayer, ${supported})`);
}

function refuse(layer: Layer, reason: string): Error {
  return new np.ValueError(`cannot export layer '${layer.name}' (${layer.className}) to ONNX: ${reason}`);
}

// ---- activations -------------------------------------------------------------------------------
/** act(x) as nodes (none for linear). softmax is over the last axis, as in activations.ts; elu's α is
 *  1 and leakyRelu's 0.2; selu's α and λ are ONNX's defaults, tessera's constants in float32. */
function activation(g: GraphBuilder, layer: Layer, fn: ActivationFn, x: string): string {
  const name = activationName(fn);
  switch (name) {
    case 'linear': return x;
    case 'relu': return g.node('Relu', [x]);
    case 'sigmoid': return g.node('Sigmoid', [x]);
    case 'tanh': return g.node('Tanh', [x]);
    case 'softmax': return g.node('Softmax', [x], { axis: { i: -1 } });
    case 'elu': return g.node('Elu', [x], { alpha: { f: 1 } });
    case 'selu': return g.node('Selu', [x]);
    case 'softplus': return g.node('Softplus', [x]);
    case 'leaky_relu': return g.node('LeakyRelu', [x], { alpha: { f: 0.2 } });
    case 'gelu': return gelu(g, x);
    default: throw refuse(layer, `its activation '${name}' is a custom function, which has no ONNX equivalent; use a named activation (relu, sigmoid, tanh, softmax, elu, selu, softplus, leaky_relu, gelu, linear)`);
  }
}

/** gelu(x) = x Φ(x) = x · ½ (1 + erf(x/√2)): the Gelu operator from opset 20, Erf before it. */
function gelu(g: GraphBuilder, x: string): string {
  if (g.opset >= 20) return g.node('Gelu', [x]);
  const erf = g.node('Erf', [g.node('Div', [x, g.scalar(Math.SQRT2)])]);
  return g.node('Mul', [g.node('Mul', [x, g.node('Add', [erf, g.scalar(1)])]), g.scalar(0.5)]);
}

// ---- images: channels-last (Keras) and channels-first (ONNX) -------------------------------------
const toNCHW = (g: GraphBuilder, x: string): string => g.node('Transpose', [x], { perm: { ints: [0, 3, 1, 2] } });
const toNHWC = (g: GraphBuilder, x: string): string => g.node('Transpose', [x], { perm: { ints: [0, 2, 3, 1] } });

/** kernel_shape, strides and pads of a Conv or pool. ONNX's pads are [top, left, bottom, right];
 *  'same' puts the odd row or column at the bottom/right, as TensorFlow does (conv2d.ts's `windows`),
 *  which needs the input's height and width. */
function windowAttributes(layer: Layer, shape: Shape, kernel: readonly number[], strides: readonly number[], padding: Padding): Record<string, Attribute> {
  const [h, w] = [shape[1], shape[2]];
  if (padding === 'same' && (h === null || w === null)) throw refuse(layer, `padding 'same' needs the input's height and width, and its input has shape ${formatShape(shape)}; give the Input a full shape`);
  const rows = windows(h ?? 0, kernel[0], strides[0], padding);
  const cols = windows(w ?? 0, kernel[1], strides[1], padding);
  return { kernel_shape: { ints: kernel }, strides: { ints: strides }, pads: { ints: [rows.before, cols.before, rows.after, cols.after] } };
}
