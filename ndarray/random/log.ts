// The natural logarithm exactly as glibc computes it on x86-64 with FMA, the `log` NumPy's C code
// calls. JavaScript's Math.log is accurate but rounds differently about once in 25 calls, which would
// change the last bit of ~3% of normal draws. The one thing to understand: bit-identical results need
// the same algorithm, the same table and the same roundings, including every fused multiply-add
// (fma(a, b, c) = a*b + c rounded once), which JS lacks and `fma` below emulates exactly.
//
// The algorithm (ARM optimized-routines): write x = 2^k * z with z in [0.6875, 1.375); pick the
// table entry c near z; then log(x) = k*ln2 + log(c) + log1p(r) with r = z/c - 1 = fma(z, 1/c, -1)
// tiny (|r| < 1/256), and log1p(r) is a short polynomial. Near x = 1 a longer polynomial in x - 1
// is used instead, with r^2/2 split in two halves to keep the error below 0.52 ulp.
import { LN2HI, LN2LO, A, B, INVC_LOGC } from './log-table.ts';

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer); // [low word, high word] on little-endian machines

/** a*b - RN(a*b), exactly (Dekker's product with Veltkamp's split into 26-bit halves). */
function productError(a: number, b: number, p: number): number {
  const SPLIT = 134217729; // 2^27 + 1
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** fma(a, b, c) = a*b + c with one rounding. With p + e = a*b exactly and s + t = p + c exactly,
 *  the answer is RN(s + t + e). If t + e is exact (the usual case), s + (t + e) is rounded once. */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const e = productError(a, b, p);
  const s = p + c;
  const z = s - p;
  const t = (p - (s - z)) + (c - z);
  const v = t + e;
  const w = v - t;
  const verr = (t - (v - w)) + (e - w); // t + e = v + verr exactly
  const r = s + v;
  return verr === 0 ? r : breakTie(s, v, r, verr);
}

/** r = RN(s + v) but the exact sum is s + v + verr, |verr| far below ulp(r). The two round alike
 *  unless s + v is exactly halfway between r and its neighbour n: then verr says which side wins. */
function breakTie(s: number, v: number, r: number, verr: number): number {
  const z = r - s;
  const rest = (s - (r - z)) + (v - z); // s + v = r + rest exactly
  const n = r + 2 * rest; // the neighbour, when rest is exactly half a step
  const halfway = rest !== 0 && n - r === 2 * rest;
  return halfway && verr * rest > 0 ? n : r;
}

/** log(x) for x within [1 - 2^-4, 1 + 0x1.09p-4): r = x - 1, log1p(r) = r - r^2/2 + r^3 * P(r). */
function logNearOne(x: number): number {
  const r = x - 1;
  const r2 = r * r, r3 = r * r2;
  const p0 = fma(r2, B[3], fma(r, B[2], B[1]));
  const p1 = fma(r2, B[6], fma(r, B[5], B[4]));
  const p2 = fma(r3, B[10], fma(r2, B[9], fma(r, B[8], B[7])));
  const poly = fma(fma(p2, r3, p1), r3, p0);
  // -r^2/2 in two parts: rhi has 26 bits, so rhi^2 * B[0] is exact.
  const rhi = r + r * 134217728 - r * 134217728;
  const rlo = r - rhi;
  const hi = rhi * rhi * B[0] + r;
  const lo = rhi * rhi * B[0] + (r - hi);
  return hi + fma(poly, r3, fma(B[0] * rlo, r + rhi, lo));
}

/** glibc's log(x), bit for bit. */
export function log(x: number): number {
  F64[0] = x;
  let hi = U32[1];
  if (hi >= 0x3fee0000 && hi < 0x3ff10900) return x === 1 ? 0 : logNearOne(x);
  let lo = U32[0];
  if ((hi - 0x00100000) >>> 0 >= 0x7fe00000) {
    // zero, subnormal, negative, infinite or NaN
    if (x === 0) return -Infinity;
    if (!(x > 0)) return NaN;
    if (x === Infinity) return x;
    F64[0] = x * 4503599627370496; // subnormal: scale by 2^52 and take 52 off the exponent
    hi = (U32[1] - (52 << 20)) | 0;
    lo = U32[0];
  }
  // x = 2^k * z, z in [0.6875, 1.375): subtract the bits of 0.6875 and split exponent and mantissa.
  const tmp = (hi - 0x3fe60000) | 0;
  const i = (tmp >>> 13) & 127;
  const k = tmp >> 20;
  U32[1] = hi - (tmp & 0xfff00000);
  U32[0] = lo;
  const z = F64[0];
  const invc = INVC_LOGC[2 * i], logc = INVC_LOGC[2 * i + 1];
  // r = fma(z, invc, -1): z * invc is within 1/256 of 1, so p - 1 is exact and one rounding is left
  const p = z * invc;
  const r = (p - 1) + productError(z, invc, p);
  // sum + low = r + log(c) + k*ln2, with ln2 split in two so that k*LN2HI is exact.
  const w = k * LN2HI + logc; // = fma(k, LN2HI, logc): k * LN2HI is exact
  const sum = w + r;
  const low = fma(k, LN2LO, w - sum + r);
  const r2 = r * r;
  const poly = fma(fma(r, A[4], A[3]), r2, fma(r, A[2], A[1]));
  return fma(r * r2, poly, fma(r2, A[0], low)) + sum;
}
