// The Wasm SIMD kernels between float lanes and bool bytes: comparisons (less, equal ...), whose
// float inputs give a bool per number, and where(cond, x, y), whose bool per number picks x or y.
// The one thing to understand: a vector comparison gives a lane mask (all ones where true, all
// zeros where false), and bitselect takes a mask, so both kernels convert between masks and bytes,
// 16 numbers (16 bool bytes) per loop trip:
//
//   compare: 16 lane masks (4 f32x4 or 8 f64x2 vectors) -> narrowed to 16 bytes of 0xff / 0x00 -> & 1
//   where:   16 cond bytes -> (byte != 0) -> each byte copied across its number's lane -> bitselect
//
// A comparison with NaN is false (notEqual: true) in SIMD as in JavaScript, and bitselect copies
// bits, so the results are the TypeScript loop's. Chunks are staged as in elementwise-kernel.ts:
// the kernels take the byte count of the float operands, and lanes past the end are not copied out.
import { FunctionBuilder, type Local } from './builder.ts';
import { ValType } from './opcodes.ts';
import type { FloatDType } from './gemm-kernel.ts';
import { lanes, operands, type CompareOp, type Form, type Regions } from './elementwise-kernel.ts';

/** Numbers per loop trip: one vector of bool bytes. */
const TRIP = 16;

/** tessera's comparison names (ops.ts) and their vector instruction. */
export const COMPARE_SIMD: Readonly<Record<string, CompareOp>> = {
  equal: 'eq', notEqual: 'ne', less: 'lt', lessEqual: 'le', greater: 'gt', greaterEqual: 'ge',
};

/** The forms of where's x and y (the condition is always a vector of bytes). */
export const WHERE_FORMS: readonly Form[] = ['vv', 'vs', 'sv', 'ss'];

const bytesOf = (dtype: FloatDType): number => (dtype === 'float64' ? 8 : 4);

/** Shuffle lanes keeping the low 4 bytes of each 8-byte lane of two vectors: two f64x2 masks
 *  become one mask of four 32-bit lanes (a mask's halves are equal). */
const LOW_HALVES = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];

/** Pushes the byte index of float byte i: i / bytesOf(dtype). */
function byteIndex(f: FunctionBuilder, dtype: FloatDType, i: Local): void {
  f.get(i).i32.const(Math.log2(bytesOf(dtype))).i32.shrU();
}

/** Builds op(nBytes): o[k] = x[k] op y[k] ? 1 : 0 as bytes, for the nBytes (> 0) bytes of floats
 *  staged in x and y (read per `form`).
 *    float32: 4 masks of i32x4 -> 2 of i16x8 -> 1 of i8x16 (signed narrowing keeps -1 and 0)
 *    float64: 8 masks of i64x2 -> 4 of i32x4 (LOW_HALVES shuffle) -> then as float32 */
export function buildCompareKernel(op: string, dtype: FloatDType, form: Form, r: Regions): FunctionBuilder {
  const f = new FunctionBuilder([ValType.i32]);
  const [nBytes] = f.params;
  const i = f.local(ValType.i32);
  const { x, y, loadAt } = operands(f, dtype, form, r, i);
  const v = lanes(f, dtype), cmp = COMPARE_SIMD[op];
  const mask = (k: number) => {
    loadAt(16 * k);
    f.get(x).get(y);
    v[cmp]();
  };
  const i32Masks = (k: number) => { // numbers 4k .. 4k+3
    if (dtype === 'float32') return mask(k);
    mask(2 * k);
    mask(2 * k + 1);
    f.i8x16.shuffle(LOW_HALVES);
  };
  f.forRange(i, 0, nBytes, TRIP * bytesOf(dtype), () => {
    byteIndex(f, dtype, i);
    i32Masks(0);
    i32Masks(1);
    f.i16x8.narrowI32x4S();
    i32Masks(2);
    i32Masks(3);
    f.i16x8.narrowI32x4S();
    f.i8x16.narrowI16x8S();
    f.v128.const(new Array<number>(16).fill(1)).v128.and();
    f.v128.store(r.o);
  });
  return f;
}

/** Builds where(nBytes): o = c ? x : y over the nBytes (> 0) bytes of floats staged in x and y (read
 *  per `form`), c a byte per number. Vector k of a trip takes its mask from bytes k*L .. k*L+L-1
 *  (L numbers per vector), each copied across its number's bytes by one shuffle. */
export function buildWhereKernel(dtype: FloatDType, form: Form, r: Regions): FunctionBuilder {
  const f = new FunctionBuilder([ValType.i32]);
  const [nBytes] = f.params;
  const i = f.local(ValType.i32);
  const cond = f.local(ValType.v128);
  const { x, y, loadAt } = operands(f, dtype, form, r, i);
  const size = bytesOf(dtype), perVector = 16 / size;
  const widen = (k: number) => Array.from({ length: 16 }, (_, b) => k * perVector + Math.floor(b / size));
  f.forRange(i, 0, nBytes, TRIP * size, () => {
    byteIndex(f, dtype, i);
    f.v128.load(r.c).v128.zero().i8x16.ne().set(cond);
    for (let k = 0; k < TRIP / perVector; k++) {
      loadAt(16 * k);
      f.get(i).get(x).get(y).get(cond).get(cond).i8x16.shuffle(widen(k)).v128.bitselect();
      f.v128.store(r.o + 16 * k);
    }
  });
  return f;
}
