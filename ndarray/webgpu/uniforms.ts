// Packing a kernel's parameters into the bytes of a WGSL uniform struct.
// Shapes, strides and offsets travel as data, not as shader text, so one compiled pipeline serves
// every shape. Each WGSL `Params` struct lists its axis arrays first (`array<vec4u, 2>`: up to
// MAX_RANK values, 16-byte aligned) and its scalars after; the writer below appends fields in the
// same order, so the byte layouts agree without any padding arithmetic in the kernels.
import { ValueError } from '../errors.ts';

/** Most axes a kernel handles in one view (after merging contiguous axes; see coalesce). */
export const MAX_RANK = 8;

export class Uniforms {
  private readonly buf = new ArrayBuffer(2048);
  private readonly u = new Uint32Array(this.buf);
  private readonly i = new Int32Array(this.buf);
  private readonly f = new Float32Array(this.buf);
  private n = 0;

  u32(x: number): this { this.u[this.n++] = x >>> 0; return this; }
  i32(x: number): this { this.i[this.n++] = x | 0; return this; }
  f32(x: number): this { this.f[this.n++] = x; return this; }

  /** An `array<vec4u, 2>` or `array<vec4i, 2>` of up to MAX_RANK axis values, padded with `pad`. */
  axes(values: readonly number[], pad = 0): this {
    if (values.length > MAX_RANK) throw new ValueError(`webgpu kernels handle at most ${MAX_RANK} axes after merging contiguous ones, got ${values.length}`);
    this.align16();
    for (let k = 0; k < MAX_RANK; k++) this.i[this.n++] = k < values.length ? values[k] : pad;
    return this;
  }

  private align16(): void {
    while (this.n % 4 !== 0) this.n++;
  }

  /** The packed bytes, rounded up to a whole 16-byte row as WGSL sizes structs. */
  bytes(): Uint8Array {
    return new Uint8Array(this.buf, 0, Math.ceil(this.n / 4) * 16);
  }
}
