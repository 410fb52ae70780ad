import { ValueError } from '../../ndarray/index.ts';
// Protocol buffers, written by hand: just enough of the encoding to save an ONNX model (onnx.proto).
// A message is a sequence of fields, each a key `field number << 3 | wire type` then its value:
//   wire type 0, varint: an integer in 7-bit groups, low group first, the high bit set on all but the
//                last byte (a negative int64 is its 64-bit two's complement, so it takes 10 bytes);
//   wire type 2, length-delimited: a varint byte count, then the bytes (strings, bytes, nested
//                messages, and packed repeated numbers: all the values back to back);
//   wire type 5, 32-bit: a float, 4 bytes little-endian.
// A repeated field of messages is the same field written once per element. Repeated numbers are always
// written packed: onnx.proto marks only TensorProto's data fields [packed = true], but the encoding spec
// requires parsers to read either form of any repeated number field. Below the writer come
// onnx.proto's field numbers and one encoder per message, from plain objects made by export.ts.

const VARINT = 0;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** Builds one message's bytes, field by field, in a buffer that doubles when full. */
export class ProtoWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  private rawVarint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value)); // negative int64s: two's complement
    this.reserve(10);
    do {
      const low7 = Number(v & 0x7fn);
      v >>= 7n;
      this.buffer[this.length++] = v > 0n ? low7 | 0x80 : low7;
    } while (v > 0n);
  }

  private key(field: number, wireType: number): void {
    this.rawVarint((field << 3) | wireType);
  }

  private rawBytes(bytes: Uint8Array): void {
    this.rawVarint(bytes.length);
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** An int32, int64 or enum field. */
  int(field: number, value: number): this {
    if (!Number.isSafeInteger(value)) throw new ValueError(`protobuf: field ${field} takes an integer, got ${value}`);
    this.key(field, VARINT);
    this.rawVarint(value);
    return this;
  }

  /** A float field (4 bytes, little-endian). */
  float(field: number, value: number): this {
    this.key(field, FIXED32);
    this.reserve(4);
    new DataView(this.buffer.buffer).setFloat32(this.length, value, true);
    this.length += 4;
    return this;
  }

  /** A string field, UTF-8 encoded. */
  string(field: number, value: string): this {
    this.key(field, LENGTH_DELIMITED);
    this.rawBytes(new TextEncoder().encode(value));
    return this;
  }

  /** A nested message: `write` fills a fresh writer, whose bytes become this field's value. */
  message(field: number, write: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    this.key(field, LENGTH_DELIMITED);
    this.rawBytes(inner.finish());
    return this;
  }

  /** A packed repeated float field: the floats' 4-byte encodings back to back. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    this.key(field, LENGTH_DELIMITED);
    this.rawBytes(bytes);
    return this;
  }

  /** A packed repeated int64 field: the varints back to back. */
  packedInt64s(field: number, values: readonly number[]): this {
    const inner = new ProtoWriter();
    values.forEach((v) => inner.rawVarint(v));
    this.key(field, LENGTH_DELIMITED);
    this.rawBytes(inner.finish());
    return this;
  }

  /** The message's bytes. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

// ---- onnx.proto's field numbers (the messages and fields tessera writes) ------------------------
export const ModelProto = { irVersion: 1, producerName: 2, producerVersion: 3, docString: 6, graph: 7, opsetImport: 8 } as const;
export const OperatorSetIdProto = { domain: 1, version: 2 } as const;
export const GraphProto = { node: 1, name: 2, initializer: 5, docString: 10, input: 11, output: 12 } as const;
export const NodeProto = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;
export const AttributeProto = { name: 1, f: 2, i: 3, s: 4, floats: 7, ints: 8, type: 20 } as const;
/** AttributeProto.AttributeType: which of the value fields holds the value. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;
export const TensorProto = { dims: 1, dataType: 2, floatData: 4, int64Data: 7, name: 8 } as const;
/** TensorProto.DataType, the element types. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;
export const ValueInfoProto = { name: 1, type: 2 } as const;
export const TypeProto = { tensorType: 1 } as const;
/** TypeProto.Tensor. */
export const TypeProtoTensor = { elemType: 1, shape: 2 } as const;
export const TensorShapeProto = { dim: 1 } as const;
/** TensorShapeProto.Dimension: a size, or a name for a size known only at run time. */
export const Dimension = { dimValue: 1, dimParam: 2 } as const;

// ---- the ONNX messages as plain objects, and their encoders -------------------------------------
/** An attribute value: an int, a float, a string or a list of ints or floats, tagged by kind. */
export type Attribute = { i: number } | { f: number } | { s: string } | { ints: readonly number[] } | { floats: readonly number[] };
export interface OnnxNode { opType: string; inputs: readonly string[]; outputs: readonly string[]; name: string; attributes: Record<string, Attribute> }
/** A constant tensor (an initializer): float32 weights or int64 values such as a shape. */
export type OnnxTensor = { name: string; dims: readonly number[] } & ({ floats: Float32Array } | { int64s: readonly number[] });
/** A graph input or output: a float32 tensor, each dimension a size or a symbolic name ("N"). */
export interface OnnxValueInfo { name: string; dims: readonly (number | string)[] }
export interface OnnxGraph { name: string; nodes: OnnxNode[]; initializers: OnnxTensor[]; inputs: OnnxValueInfo[]; outputs: OnnxValueInfo[] }
export interface OnnxModel { irVersion: number; opset: number; producerName: string; docString: string; graph: OnnxGraph }

export function encodeModel(m: OnnxModel): Uint8Array {
  return new ProtoWriter()
    .int(ModelProto.irVersion, m.irVersion)
    .string(ModelProto.producerName, m.producerName)
    .string(ModelProto.docString, m.docString)
    .message(ModelProto.graph, (w) => writeGraph(w, m.graph))
    .message(ModelProto.opsetImport, (w) => w.string(OperatorSetIdProto.domain, '').int(OperatorSetIdProto.version, m.opset))
    .finish();
}

function writeGraph(w: ProtoWriter, g: OnnxGraph): void {
  g.nodes.forEach((n) => w.message(GraphProto.node, (wn) => writeNode(wn, n)));
  w.string(GraphProto.name, g.name);
  g.initializers.forEach((t) => w.message(GraphProto.initializer, (wt) => writeTensor(wt, t)));
  g.inputs.forEach((v) => w.message(GraphProto.input, (wv) => writeValueInfo(wv, v)));
  g.outputs.forEach((v) => w.message(GraphProto.output, (wv) => writeValueInfo(wv, v)));
}

function writeNode(w: ProtoWriter, n: OnnxNode): void {
  n.inputs.forEach((name) => w.string(NodeProto.input, name));
  n.outputs.forEach((name) => w.string(NodeProto.output, name));
  w.string(NodeProto.name, n.name).string(NodeProto.opType, n.opType);
  for (const [name, value] of Object.entries(n.attributes)) w.message(NodeProto.attribute, (wa) => writeAttribute(wa, name, value));
}

function writeAttribute(w: ProtoWriter, name: string, a: Attribute): void {
  w.string(AttributeProto.name, name);
  if ('i' in a) w.int(AttributeProto.type, AttributeType.INT).int(AttributeProto.i, a.i);
  else if ('f' in a) w.int(AttributeProto.type, AttributeType.FLOAT).float(AttributeProto.f, a.f);
  else if ('s' in a) w.int(AttributeProto.type, AttributeType.STRING).string(AttributeProto.s, a.s);
  else if ('ints' in a) w.int(AttributeProto.type, AttributeType.INTS).packedInt64s(AttributeProto.ints, a.ints);
  else w.int(AttributeProto.type, AttributeType.FLOATS).packedFloats(AttributeProto.floats, a.floats);
}

function writeTensor(w: ProtoWriter, t: OnnxTensor): void {
  w.packedInt64s(TensorProto.dims, t.dims);
  if ('floats' in t) w.int(TensorProto.dataType, DataType.FLOAT).packedFloats(TensorProto.floatData, t.floats);
  else w.int(TensorProto.dataType, DataType.INT64).packedInt64s(TensorProto.int64Data, t.int64s);
  w.string(TensorProto.name, t.name);
}

function writeValueInfo(w: ProtoWriter, v: OnnxValueInfo): void {
  w.string(ValueInfoProto.name, v.name);
  w.message(ValueInfoProto.type, (wt) => wt.message(TypeProto.tensorType, (wtt) => {
    wtt.int(TypeProtoTensor.elemType, DataType.FLOAT);
    wtt.message(TypeProtoTensor.shape, (ws) => v.dims.forEach((d) => ws.message(TensorShapeProto.dim, (wd) => {
      if (typeof d === 'number') wd.int(Dimension.dimValue, d);
      else wd.string(Dimension.dimParam, d);
    })));
  }));
}
