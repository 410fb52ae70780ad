// NumPy's pairwise summation (pairwise.ts) in WebAssembly SIMD, adding in exactly the same order so
// sums keep their bits. The one thing to understand: the eight interleaved partial sums r0..r7 of a
// run of up to 128 numbers are the lanes of four f64x2 vectors [r0 r1] [r2 r3] [r4 r5] [r6 r7] (or two
// f32x4 vectors [r0 r1 r2 r3] [r4 r5 r6 r7]), so one vector add per lane group does eight of the
// scalar additions in their order. The equivalent (float32: every + rounds to float32):
//
//   sum(a, n): if n < 8:    res = 0; for k < n: res += a[k]
//              if n <= 128: r[0..8) = a[0..8); for each further whole 8: r[l] += a[k + l]
//                           res = ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)); then res += each leftover a[k]
//              otherwise:   n2 = floor(n/2) rounded down to a multiple of 8; sum(a, n2) + sum(a + n2, n - n2)
import { FunctionBuilder, type Local } from './builder.ts';
import { ValType } from './opcodes.ts';
import type { FloatDType } from './gemm-kernel.ts';

const BLOCK = 128;

const SCALAR = { float64: ValType.f64, float32: ValType.f32 } as const;

/** Element size, lanes, and the scalar and vector ops of one dtype. */
function lanesOf(f: FunctionBuilder, dtype: FloatDType) {
  return dtype === 'float64'
    ? { type: ValType.f64, size: 8, lanes: 2, vec: f.f64x2, zero: () => f.f64.const(0), add: () => f.f64.add(), load: () => f.f64.load() }
    : { type: ValType.f32, size: 4, lanes: 4, vec: f.f32x4, zero: () => f.f32.const(0), add: () => f.f32.add(), load: () => f.f32.load() };
}

/** Builds sum(ptr, n) -> float: the pairwise sum of the n numbers at byte address ptr. `self` is the
 *  function's own index in its module (the long case calls itself on both halves). */
export function buildPairwiseSum(dtype: FloatDType, self: number): FunctionBuilder {
  const f = new FunctionBuilder([ValType.i32, ValType.i32], [SCALAR[dtype]]);
  const T = lanesOf(f, dtype);
  const [ptr, n] = f.params;
  const [p, end, n2] = [0, 0, 0].map(() => f.local(ValType.i32));
  const res = f.local(T.type);
  const r = Array.from({ length: 8 / T.lanes }, () => f.local(ValType.v128));
  /** Pushes the address of number `count` (a local, a constant, or pushed by a function). */
  const at = (count: Local | number | (() => void)) => {
    f.get(ptr);
    if (typeof count === 'function') count();
    else f.i32Value(count);
    f.i32.const(T.size).i32.mul().i32.add();
  };
  /** res += each number from p up to end (a while loop: it may run zero times). */
  const addRest = () => f.block(() => f.loop(() => {
    f.get(p).get(end).i32.ltU().i32.eqz().brIf(1);
    f.get(res).get(p);
    T.load();
    T.add();
    f.set(res);
    f.get(p).i32.const(T.size).i32.add().set(p).br(0);
  }));

  f.get(n).i32.const(8).i32.ltS().ifElse(() => {
    T.zero();
    f.set(res).get(ptr).set(p);
    at(n);
    f.set(end);
    addRest();
    f.get(res).return();
  });
  f.get(n).i32.const(BLOCK + 1).i32.ltS().ifElse(() => {
    r.forEach((v, q) => f.get(ptr).v128.load(16 * q).set(v));
    at(8);
    f.set(p);
    at(() => f.get(n).i32.const(-8).i32.and()); // the end of the whole groups of 8
    f.set(end);
    f.block(() => f.loop(() => {
      f.get(p).get(end).i32.ltU().i32.eqz().brIf(1);
      r.forEach((v, q) => {
        f.get(v).get(p).v128.load(16 * q);
        T.vec.add();
        f.set(v);
      });
      f.get(p).i32.const(8 * T.size).i32.add().set(p).br(0);
    }));
    combineLanes(f, T, r);
    f.set(res);
    at(n);
    f.set(end);
    addRest();
    f.get(res).return();
  });
  // n2 = floor(n / 2) rounded down to a multiple of 8
  f.get(n).i32.const(1).i32.shrU().i32.const(-8).i32.and().set(n2);
  f.get(ptr).get(n2).call(self);
  at(n2);
  f.get(n).get(n2).i32.sub().call(self);
  T.add();
  return f;
}

/** Pushes ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), r_l being lane l % lanes of vector floor(l / lanes). */
function combineLanes(f: FunctionBuilder, T: ReturnType<typeof lanesOf>, r: Local[]): void {
  const lane = (l: number) => {
    f.get(r[Math.floor(l / T.lanes)]);
    T.vec.extractLane(l % T.lanes);
  };
  const pair = (l: number) => { lane(l); lane(l + 1); T.add(); };
  pair(0); pair(2); T.add();
  pair(4); pair(6); T.add();
  T.add();
}
