// The elementwise inner loops in WebAssembly SIMD: one function per op, dtype and operand form, each
// applying the op to whole vectors (2 float64 or 4 float32 lanes) of the staged chunk (staging.ts:
// x, y and the result sit in fixed regions of the kernels' memory, so their addresses are constants).
// The one thing to understand: every instruction used is exact IEEE arithmetic, so a lane gives the
// bits the TypeScript loop gives (float32: a double op rounded to float32 equals the float32 op for
// + - * / sqrt, as 53 >= 2*24 + 2). The equivalent loop, for the form 'vs' (y one number per row):
//
//   for (i = 0; i < nBytes; i += 16) o[i..i+16) = op(x[i..i+16), splat(y[0]))   (unrolled UNROLL times)
//
// Lanes past the chunk's end (up to a whole trip of UNROLL vectors) compute on stale numbers and are
// never copied out.
import { FunctionBuilder, type Local } from './builder.ts';
import { ValType } from './opcodes.ts';
import type { FloatDType } from './gemm-kernel.ts';

/** Where the chunk's operands live in the kernels' memory (byte addresses). */
export interface Regions {
  readonly x: number;
  readonly y: number;
  readonly o: number;
}

/** The vector instructions both lane types have, by the builder's method names. */
type VectorOp = 'add' | 'sub' | 'mul' | 'div' | 'neg' | 'abs' | 'sqrt' | 'floor' | 'ceil' | 'trunc' | 'nearest';

/** Vectors per loop trip (fewer counter updates and branches); a chunk is padded to 16*UNROLL bytes. */
export const UNROLL = 2;

/** tessera's binary op names (ops.ts) and their vector instruction. */
export const BINARY_SIMD: Readonly<Record<string, VectorOp>> = { add: 'add', subtract: 'sub', multiply: 'mul', divide: 'div' };

/** tessera's unary op names and their vector instruction; square is x * x. nearest rounds half to
 *  even, as NumPy's rint. */
export const UNARY_SIMD: Readonly<Record<string, VectorOp>> = {
  negative: 'neg', abs: 'abs', sqrt: 'sqrt', floor: 'floor', ceil: 'ceil', trunc: 'trunc', rint: 'nearest', square: 'mul',
};

/** How the two operands of a binary chunk are read: v = a vector per lane group, s = one number
 *  repeated (a stride-0 operand, staged once). */
export type Form = 'vv' | 'vs' | 'sv';
export const FORMS: readonly Form[] = ['vv', 'vs', 'sv'];

/** The export name of a kernel: add_vs_float32, sqrt_float64. */
export function kernelName(op: string, dtype: FloatDType, form?: Form): string {
  return form ? `${op}_${form}_${dtype}` : `${op}_${dtype}`;
}

function vectorOp(f: FunctionBuilder, dtype: FloatDType, op: VectorOp): void {
  (dtype === 'float64' ? f.f64x2 : f.f32x4)[op]();
}

/** Pushes splat(memory[at]) (one number in every lane). */
function splatFrom(f: FunctionBuilder, dtype: FloatDType, at: number): void {
  f.i32.const(0);
  if (dtype === 'float64') f.v128.load64Splat(at);
  else f.v128.load32Splat(at);
}

/** Builds op(nBytes): o = x op y over the chunk's first nBytes (> 0) bytes, operands read per `form`. */
export function buildBinaryKernel(op: string, dtype: FloatDType, form: Form, r: Regions): FunctionBuilder {
  const f = new FunctionBuilder([ValType.i32]);
  const [nBytes] = f.params;
  const i = f.local(ValType.i32);
  const scalar = f.local(ValType.v128);
  if (form !== 'vv') {
    splatFrom(f, dtype, form === 'vs' ? r.y : r.x);
    f.set(scalar);
  }
  const operand = (isScalar: boolean, at: number) => (isScalar ? f.get(scalar) : f.get(i).v128.load(at));
  f.forRange(i, 0, nBytes, 16 * UNROLL, () => {
    for (let u = 0; u < 16 * UNROLL; u += 16) {
      f.get(i);
      operand(form === 'sv', r.x + u);
      operand(form === 'vs', r.y + u);
      vectorOp(f, dtype, BINARY_SIMD[op]);
      f.v128.store(r.o + u);
    }
  });
  return f;
}

/** Builds op(nBytes): o = op(x) over the chunk's first nBytes (> 0) bytes. */
export function buildUnaryKernel(op: string, dtype: FloatDType, r: Regions): FunctionBuilder {
  const f = new FunctionBuilder([ValType.i32]);
  const [nBytes] = f.params;
  const i: Local = f.local(ValType.i32);
  f.forRange(i, 0, nBytes, 16 * UNROLL, () => {
    for (let u = 0; u < 16 * UNROLL; u += 16) {
      f.get(i);
      f.get(i).v128.load(r.x + u);
      if (op === 'square') f.get(i).v128.load(r.x + u);
      vectorOp(f, dtype, UNARY_SIMD[op]);
      f.v128.store(r.o + u);
    }
  });
  return f;
}
