// Uniform integers in [off, off + rng] the way NumPy's legacy RandomState draws them: masked
// rejection sampling. Take the smallest mask 2^k - 1 >= rng, draw bits, keep `bits & mask` if it is
// <= rng, else draw again. The one thing to understand: every value is equally likely (no modulo
// bias), and the exact number of words consumed is what keeps the stream in step with NumPy.
// Narrow dtypes (8/16 bits, bool) slice each 32-bit word into several draws, low bits first.
import type { MT19937 } from './mt19937.ts';

/** Smallest 2^k - 1 >= rng (rng < 2^32): smear the highest set bit into every lower bit. */
export function maskFor(rng: number): number {
  let mask = rng >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

/** NumPy's random_interval: a uniform integer in [0, max] (max < 2^32); used by shuffle. */
export function randomInterval(mt: MT19937, max: number): number {
  if (max === 0) return 0;
  const mask = maskFor(max);
  let value: number;
  do value = (mt.nextUint32() & mask) >>> 0;
  while (value > max);
  return value;
}

/** What is left of the last 32-bit word when draws are narrower than 32 bits. */
export class BitBuffer {
  word = 0;
  left = 0;
}

/** The next `bits` random bits (32, 16, 8 or 1): a fresh word, or the next slice of the buffered one. */
function nextBits(mt: MT19937, bits: number, buffer: BitBuffer): number {
  if (bits === 32) return mt.nextUint32();
  if (buffer.left === 0) {
    buffer.word = mt.nextUint32();
    buffer.left = 32 / bits - 1;
  } else {
    buffer.word >>>= bits;
    buffer.left--;
  }
  return buffer.word & ((1 << bits) - 1);
}

/** One integer off + [0, rng] from `bits`-wide draws (NumPy's random_buffered_bounded_*): rng = 0
 *  draws nothing; a full-width range takes the raw bits; otherwise masked rejection. Consecutive
 *  calls sharing `buffer` slice the same 32-bit words, as NumPy's loops do. */
export function boundedDraw(mt: MT19937, bits: number, off: number, rng: number, buffer: BitBuffer): number {
  if (rng === 0) return off;
  if (rng === (bits === 32 ? 0xffffffff : (1 << bits) - 1)) return off + nextBits(mt, bits, buffer);
  const mask = maskFor(rng);
  let value: number;
  do value = (nextBits(mt, bits, buffer) & mask) >>> 0;
  while (value > rng);
  return off + value;
}

/** Fills `out` with integers off + [0, rng] (NumPy's random_bounded_*_fill: boundedDraw in a loop).
 *  The typed array `out` wraps off + value into its dtype, as the C code's unsigned sum does. */
export function boundedFill(mt: MT19937, bits: number, off: number, rng: number, out: { length: number; [i: number]: number }): void {
  const buffer = new BitBuffer();
  for (let i = 0; i < out.length; i++) out[i] = boundedDraw(mt, bits, off, rng, buffer);
}
