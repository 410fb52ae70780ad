// The elementwise inner loops in WebAssembly SIMD: one function per op, dtype and operand form, each
// applying the op to whole vectors (2 float64 or 4 float32 lanes) of the staged chunk (staging.ts:
// x, y and the result sit in fixed regions of the kernels' memory, so their addresses are constants).
// The one thing to understand: every instruction used is exact IEEE arithmetic, so a lane gives the
// bits the TypeScript loop gives (float32: a double op rounded to float32 equals the float32 op for
// + - * / sqrt, as 53 >= 2*24 + 2), and maximum & co. select a or b as ops.ts's formula does.
// The equivalent loop, for the form 'vs' (y one number per row):
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
  /** where's condition bytes. */
  readonly c: number;
}

/** The vector instructions both lane types have, by the builder's method names. */
type VectorOp = 'add' | 'sub' | 'mul' | 'div' | 'neg' | 'abs' | 'sqrt' | 'floor' | 'ceil' | 'trunc' | 'nearest';
export type CompareOp = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';
/** The builder's methods for one lane type (f64x2 or f32x4). */
export type Lanes = Record<VectorOp | CompareOp, () => FunctionBuilder>;

/** Vectors per loop trip (fewer counter updates and branches); a chunk is padded to 16*UNROLL bytes. */
export const UNROLL = 2;

/** Pushes op(a, b) for the vectors in locals a and b. */
type BinaryFormula = (f: FunctionBuilder, v: Lanes, a: Local, b: Local) => void;

const instruction = (op: VectorOp): BinaryFormula => (f, v, a, b) => { f.get(a).get(b); v[op](); };

/** `a cmp b || nan !== nan ? a : b`, lane by lane: bitselect(a, b, cmp(a, b) | ne(nan, nan)). */
const select = (cmp: CompareOp, nanSide: 'a' | 'b'): BinaryFormula => (f, v, a, b) => {
  const nan = nanSide === 'a' ? a : b;
  f.get(a).get(b).get(a).get(b);
  v[cmp]();
  f.get(nan).get(nan);
  v.ne();
  f.v128.or().v128.bitselect();
};

/** tessera's binary op names (ops.ts) and their vector formula. maximum, minimum, fmax and fmin are
 *  ops.ts's formulas (maximum: a > b || a !== a ? a : b): a NaN a wins, ties give b (maximum(0, -0)
 *  is -0). f64x2.max would not do: it orders -0 below 0 and returns a canonical NaN. */
export const BINARY_SIMD: Readonly<Record<string, BinaryFormula>> = {
  add: instruction('add'), subtract: instruction('sub'), multiply: instruction('mul'), divide: instruction('div'),
  maximum: select('gt', 'a'), minimum: select('lt', 'a'), fmax: select('gt', 'b'), fmin: select('lt', 'b'),
};

/** tessera's unary op names and their vector instruction; square is x * x. nearest rounds half to
 *  even, as NumPy's rint. */
export const UNARY_SIMD: Readonly<Record<string, VectorOp>> = {
  negative: 'neg', abs: 'abs', sqrt: 'sqrt', floor: 'floor', ceil: 'ceil', trunc: 'trunc', rint: 'nearest', square: 'mul',
};

/** How the two operands of a binary chunk are read: v = a vector per lane group, s = one number
 *  repeated (a stride-0 operand, staged once). Only where's x and y are ever both s. */
export type Form = 'vv' | 'vs' | 'sv' | 'ss';
export const FORMS: readonly Form[] = ['vv', 'vs', 'sv'];

/** The export name of a kernel: add_vs_float32, sqrt_float64. */
export function kernelName(op: string, dtype: FloatDType, form?: Form): string {
  return form ? `${op}_${form}_${dtype}` : `${op}_${dtype}`;
}

export function lanes(f: FunctionBuilder, dtype: FloatDType): Lanes {
  return dtype === 'float64' ? f.f64x2 : f.f32x4;
}

/** The locals holding a chunk's x and y operands, and `loadAt(u)`, which sets each vector operand's
 *  local to its 16 bytes at i + u (a scalar operand's local holds splat(its number) throughout). */
export interface Operands {
  readonly x: Local;
  readonly y: Local;
  loadAt(u: number): void;
}

/** Declares the operands' locals for `form`, setting the scalar ones (at the function's start). */
export function operands(f: FunctionBuilder, dtype: FloatDType, form: Form, r: Regions, i: Local): Operands {
  const operand = (isScalar: boolean, at: number): Local => {
    const l = f.local(ValType.v128);
    if (!isScalar) return l;
    f.i32.const(0);
    if (dtype === 'float64') f.v128.load64Splat(at);
    else f.v128.load32Splat(at);
    f.set(l);
    return l;
  };
  const x = operand(form[0] === 's', r.x), y = operand(form[1] === 's', r.y);
  return {
    x, y,
    loadAt: (u) => {
      if (form[0] === 'v') f.get(i).v128.load(r.x + u).set(x);
      if (form[1] === 'v') f.get(i).v128.load(r.y + u).set(y);
    },
  };
}

/** Builds op(nBytes): o = x op y over the chunk's first nBytes (> 0) bytes, operands read per `form`. */
export function buildBinaryKernel(op: string, dtype: FloatDType, form: Form, r: Regions): FunctionBuilder {
  const f = new FunctionBuilder([ValType.i32]);
  const [nBytes] = f.params;
  const i = f.local(ValType.i32);
  const { x, y, loadAt } = operands(f, dtype, form, r, i);
  f.forRange(i, 0, nBytes, 16 * UNROLL, () => {
    for (let u = 0; u < 16 * UNROLL; u += 16) {
      loadAt(u);
      f.get(i);
      BINARY_SIMD[op](f, lanes(f, dtype), x, y);
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
      lanes(f, dtype)[UNARY_SIMD[op]]();
      f.v128.store(r.o + u);
    }
  });
  return f;
}
