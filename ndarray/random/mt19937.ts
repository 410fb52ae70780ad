// The Mersenne Twister MT19937 (Matsumoto & Nishimura, 1998), the bit generator behind NumPy's
// legacy `np.random.RandomState`. Its state is 624 32-bit words. Every 624 draws the whole table is
// "twisted" (each word mixed with its neighbour and the word 397 places ahead), then each draw
// "tempers" one word with shifts and masks. The one thing to understand: the same seed gives the
// same 624 words, hence exactly NumPy's stream; all arithmetic below is modulo 2**32.

/** Number of 32-bit words of state. */
export const MT_N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df; // the twist's constant matrix, as one word
const UPPER = 0x80000000; // the most significant bit
const LOWER = 0x7fffffff; // the 31 other bits

/** One step of the twist: y = (upper bit of `word`) | (lower 31 bits of `next`),
 *  result = ahead ^ (y >>> 1) ^ (y odd ? MATRIX_A : 0). */
function mixed(word: number, next: number, ahead: number): number {
  const y = (word & UPPER) | (next & LOWER);
  return ahead ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
}

export class MT19937 {
  /** The 624 state words (NumPy's `get_state()[1]`). */
  readonly key = new Uint32Array(MT_N);
  /** Index of the next word to temper; 624 means "twist before the next draw". */
  pos = MT_N;

  /** init_genrand: a linear-congruential walk from one 32-bit seed,
   *  key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >>> 30)) + i   (mod 2**32). */
  initGenrand(seed: number): void {
    const mt = this.key;
    mt[0] = seed >>> 0;
    for (let i = 1; i < MT_N; i++) {
      const prev = mt[i - 1];
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
    this.pos = MT_N;
  }

  /** init_by_array: seeds from many 32-bit words (NumPy uses it for array seeds). It starts from
   *  init_genrand(19650218), mixes every key word into the table, then mixes the table once more. */
  initByArray(keys: ArrayLike<number>): void {
    const mt = this.key;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    const wrap = (): void => {
      if (i >= MT_N) {
        mt[0] = mt[MT_N - 1];
        i = 1;
      }
    };
    for (let k = Math.max(MT_N, keys.length); k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) >>> 0) + (keys[j] >>> 0) + j;
      i++;
      j++;
      wrap();
      if (j >= keys.length) j = 0;
    }
    for (let k = MT_N - 1; k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) >>> 0) - i;
      i++;
      wrap();
    }
    mt[0] = UPPER; // assures a non-zero state
    this.pos = MT_N;
  }

  /** Regenerates all 624 words: key[i] = mixed(key[i], key[i+1], key[i+397]), indices mod 624
   *  (words already regenerated are used, as in the reference code). */
  private twist(): void {
    const mt = this.key;
    // three loops instead of `% MT_N` on the indices: the word 397 ahead wraps around at N - M
    let i = 0;
    for (; i < MT_N - M; i++) mt[i] = mixed(mt[i], mt[i + 1], mt[i + M]);
    for (; i < MT_N - 1; i++) mt[i] = mixed(mt[i], mt[i + 1], mt[i + M - MT_N]);
    mt[i] = mixed(mt[i], mt[0], mt[M - 1]);
    this.pos = 0;
  }

  /** The next 32-bit word, tempered (spreads the bits so each output word is well mixed). */
  nextUint32(): number {
    if (this.pos >= MT_N) this.twist();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** genrand_res53: a double in [0, 1) with 53 random bits, from two words:
   *  (a >>> 5) gives 27 bits, (b >>> 6) gives 26 bits, (a * 2**26 + b) / 2**53. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
