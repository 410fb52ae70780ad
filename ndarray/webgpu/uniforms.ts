// Packing a kernel's parameters into the bytes of its WGSL uniform struct, by field name.
// Shapes, strides and offsets travel as data, not as shader text, so one compiled pipeline serves
// every shape. The struct the shader declares (`struct Params { M: u32, ... }`) is parsed once, with
// WGSL's layout rules for the uniform address space; a kernel then passes a record `{ M, N, K, ... }`,
// and a missing or unknown field is an error that names the kernel, the field and the struct's fields.
// So a field added, removed or reordered in the .wgsl file needs no byte arithmetic in TypeScript.
import { ValueError } from '../errors.ts';

/** Most axes a kernel handles in one view (after merging contiguous axes; see coalesce). */
export const MAX_RANK = 8;

/** A field's value: a number for a scalar, the components in order for a vector or an array. */
export type UniformValue = number | readonly number[];
export type UniformValues = Readonly<Record<string, UniformValue>>;

type Scalar = 'u32' | 'i32' | 'f32';

export interface UniformField {
  readonly name: string;
  readonly type: string;
  readonly scalar: Scalar;
  /** Byte offset in the struct. */
  readonly offset: number;
  /** Scalars per element (1 for a scalar, n for vecN), elements (1 unless an array) and the bytes
   *  from one element to the next. */
  readonly components: number;
  readonly elements: number;
  readonly stride: number;
}

export interface UniformLayout {
  /** Who uses the struct, for error messages (e.g. "kernel 'reduceLines'"). */
  readonly owner: string;
  readonly struct: string;
  readonly fields: readonly UniformField[];
  /** The struct's size in bytes (a multiple of 16, as uniform structs are). */
  readonly size: number;
}

const SCALARS: Record<string, Scalar> = { u32: 'u32', i32: 'i32', f32: 'f32' };
const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/** A scalar or vector type: its scalar, components, alignment and size (WGSL's tables). */
function vectorType(type: string, owner: string): { scalar: Scalar; components: number; align: number; size: number } {
  const m = /^vec([234])(?:<(\w+)>|([uif]))$/.exec(type);
  const scalar = m ? SCALARS[m[2] ?? `${m[3]}32`] : SCALARS[type];
  if (!scalar) throw new ValueError(`${owner}: uniform field type '${type}' is not supported (use u32, i32, f32, vecN of them, or an array of those)`);
  const components = m ? Number(m[1]) : 1;
  const align = components === 1 ? 4 : components === 2 ? 8 : 16;
  return { scalar, components, align, size: components * 4 };
}

/** The layout of `struct <name> { ... }` as found in `sources` (the first that declares it). */
export function parseUniformStruct(sources: readonly string[], name: string, owner: string): UniformLayout {
  const pattern = new RegExp(`struct\\s+${name}\\s*\\{([^}]*)\\}`);
  const body = sources.map((s) => pattern.exec(s)?.[1]).find((b) => b !== undefined);
  if (body === undefined) throw new ValueError(`${owner}: no \`struct ${name}\` found`);
  const fields: UniformField[] = [];
  let end = 0;
  let structAlign = 16; // uniform structs align to 16
  const member = /(\w+)\s*:\s*(array<\s*([\w<>]+)\s*,\s*(\d+)u?\s*>|[\w<>]+)\s*(?:,|$)/g;
  const text = body.replace(/\/\/.*$/gm, '').trim();
  if (text.replace(member, '').trim() !== '') throw new ValueError(`${owner}: could not read the fields of \`struct ${name}\` (attributes and nested structs are not supported)`);
  for (const m of text.matchAll(member)) {
    const [, fieldName, type, elementType, count] = m;
    const v = vectorType(elementType ?? type, owner);
    const elements = count ? Number(count) : 1;
    // In the uniform address space an array's elements must start 16 bytes apart.
    const stride = count ? roundUp(v.size, 16) : v.size;
    const align = count ? 16 : v.align;
    const offset = roundUp(end, align);
    fields.push({ name: fieldName, type, scalar: v.scalar, offset, components: v.components, elements, stride });
    end = offset + stride * (elements - 1) + v.size;
    structAlign = Math.max(structAlign, align);
  }
  return { owner, struct: name, fields, size: roundUp(end, structAlign) };
}

/** The bytes of `values` laid out as the struct: every field given, no other. */
export function packUniforms(layout: UniformLayout, values: UniformValues): Uint8Array {
  const fieldList = (): string => `struct ${layout.struct} { ${layout.fields.map((f) => `${f.name}: ${f.type}`).join(', ')} }`;
  const known = new Set(layout.fields.map((f) => f.name));
  for (const name of Object.keys(values)) {
    if (!known.has(name)) throw new ValueError(`${layout.owner}: '${name}' is not a field of ${fieldList()}`);
  }
  const buf = new ArrayBuffer(layout.size);
  const view = new DataView(buf);
  for (const f of layout.fields) {
    const value = values[f.name];
    if (value === undefined) throw new ValueError(`${layout.owner}: no value for field '${f.name}' of ${fieldList()}`);
    const list = typeof value === 'number' ? [value] : value;
    if (list.length !== f.components * f.elements) {
      throw new ValueError(`${layout.owner}: field '${f.name}: ${f.type}' takes ${f.components * f.elements} number(s), got ${list.length}`);
    }
    list.forEach((x, k) => {
      const at = f.offset + Math.floor(k / f.components) * f.stride + (k % f.components) * 4;
      if (f.scalar === 'f32') view.setFloat32(at, x, true);
      else if (f.scalar === 'i32') view.setInt32(at, x | 0, true);
      else view.setUint32(at, x >>> 0, true);
    });
  }
  return new Uint8Array(buf);
}

/** Up to MAX_RANK axis values (lengths or strides), padded with `pad` to fill an `array<vec4, 2>`. */
export function axisValues(values: readonly number[], pad = 0): number[] {
  if (values.length > MAX_RANK) throw new ValueError(`webgpu kernels handle at most ${MAX_RANK} axes after merging contiguous ones, got ${values.length}`);
  return Array.from({ length: MAX_RANK }, (_, k) => (k < values.length ? values[k] : pad));
}

/** The 32 bits of a float32, as a u32 (for a float travelling in an integer field). */
export function f32Bits(x: number): number {
  return new Uint32Array(new Float32Array([x]).buffer)[0];
}
