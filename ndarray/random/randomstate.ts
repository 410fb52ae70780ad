// RandomState: NumPy's legacy generator object, a Mersenne Twister plus the spare normal, with the
// same methods and the same streams as `numpy.random.RandomState` (same seed -> same numbers, bit for
// bit). The one thing to understand: every method consumes the one shared stream in a fixed way, so
// results depend on the seed *and* on every call made before; a separate RandomState per experiment
// keeps experiments from disturbing each other. Without `size` a method returns a JS number; with a
// size (a number or a shape) it returns an NDArray (float64, or int32 for integer distributions).
import { NDArray, type ArrayLike } from '../ndarray.ts';
import { asarray } from '../creation.ts';
import { type DType, allocTyped } from '../dtype.ts';
import { broadcastShapes, checkShape, formatShape, shapeSize } from '../shape.ts';
import { OverflowError, ValueError } from '../errors.ts';
import { MT19937, MT_N } from './mt19937.ts';
import { BitBuffer, boundedDraw } from './bounded.ts';
import { legacyGauss, poisson, kahanSum, type GaussState } from './distributions.ts';
import { binomial, multinomial } from './binomial.ts';
import { choice, shuffle, permutation, type ChoiceOptions } from './sampling.ts';
import { type Param, readParam, readIntParam, constrain, outputShape, expand, drawEach } from './params.ts';
import { checkOptions } from '../options.ts';

/** An output shape: `3` or `[2, 3]`. */
export type Size = number | readonly number[];
/** An integer in [0, 2**32 - 1], or a non-empty list of them (seeded with init_by_array). */
export type Seed = number | readonly number[] | Uint32Array;
/** NumPy's `get_state()` tuple: name, the 624 key words, position, whether a spare normal is cached, and it. */
export type State = [name: 'MT19937', keys: Uint32Array, pos: number, hasGauss: number, cachedGaussian: number];

/** [lowest, highest] value and draw width in bits of each dtype randint can produce. */
const INT_BOUNDS: Partial<Record<DType, [number, number, number]>> = {
  bool: [0, 1, 1],
  uint8: [0, 255, 8],
  int8: [-128, 127, 8],
  uint16: [0, 65535, 16],
  int16: [-32768, 32767, 16],
  uint32: [0, 4294967295, 32],
  int32: [-2147483648, 2147483647, 32],
};
const INT32_MAX = 2147483647;
/** Largest lam whose Poisson draws stay inside int32 (NumPy's rule, with int32 instead of int64). */
const POISSON_LAM_MAX = INT32_MAX - Math.sqrt(INT32_MAX) * 10;

const isSeedWord = (x: number): boolean => Number.isInteger(x) && x >= 0 && x <= 0xffffffff;

/** `size` as a shape, or null when it is absent (one draw, or the parameters' broadcast shape). */
function sizeShape(size: Size | null | undefined): number[] | null {
  if (size === undefined || size === null) return null;
  return checkShape(typeof size === 'number' ? [size] : size);
}

/** Parameter-free draws: a JS number without size, else an NDArray of `dtype` filled in C order. */
function sample(size: Size | null | undefined, dtype: 'float64' | 'int32', draw: () => number): number | NDArray {
  return drawEach([], sizeShape(size), dtype, draw);
}

/** randint's checks on every bound, NumPy's order and words: low, then high - 1, within the dtype's
 *  range, then low <= high - 1 ("high <= 0" when every low is 0, the one-argument form). */
function checkIntBounds(lo: Param, hi: Param, dtype: DType, [lowest, highest]: readonly number[]): void {
  constrain(lo, (v) => v >= lowest, `low is out of bounds for ${dtype}`);
  constrain(hi, (v) => v - 1 <= highest, `high is out of bounds for ${dtype}`);
  const both = broadcastShapes(lo.shape, hi.shape);
  const [l, h] = [expand(lo, both), expand(hi, both)];
  const bad = l.findIndex((v, i) => v > h[i] - 1);
  if (bad >= 0) {
    const message = Array.from(lo.values).every((v) => v === 0) ? 'high <= 0' : 'low >= high';
    throw new ValueError(`${message} (low ${l[bad]}, high ${h[bad]})`);
  }
}

/**
 * NumPy's legacy RandomState: a Mersenne Twister (MT19937) whose numbers match NumPy's for the same seed.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const rng = new np.random.RandomState(42);
 * console.log(rng.randint(0, 10, 5));
 * console.log(rng.normal(0, 1, [2])); // its own stream: the global seed does not touch it
 * ```
 *
 * ```text output
 * array([6, 3, 7, 4, 6])
 * array([-0.91682684, -0.12414718])
 * ```
 */
export class RandomState implements GaussState {
  /** The bit generator (see mt19937.ts). */
  readonly mt = new MT19937();
  /** The polar method's spare normal (see distributions.ts). */
  hasGauss = false;
  gauss = 0;

  /** `new RandomState(42)`: seeded like `np.random.RandomState(42)`; no seed: seeded from the OS. */
  constructor(seed?: Seed | null) {
    this.seed(seed);
  }

  /** Reseeds: an integer uses init_genrand, an array init_by_array, nothing draws fresh entropy. */
  seed(seed?: Seed | null): void {
    if (seed === undefined || seed === null) {
      crypto.getRandomValues(this.mt.key);
      this.mt.key[0] = 0x80000000;
      this.mt.pos = MT_N;
    } else if (typeof seed === 'number') {
      if (!Number.isInteger(seed)) {
        throw new TypeError(`Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe' (seed ${seed})`);
      }
      if (!isSeedWord(seed)) throw new ValueError(`Seed must be between 0 and 2**32 - 1 (got ${seed})`);
      this.mt.initGenrand(seed);
    } else {
      if (seed.length === 0) throw new ValueError('Seed must be non-empty');
      const bad = Array.from(seed).find((s) => !isSeedWord(s));
      if (bad !== undefined) throw new ValueError(`Seed must be between 0 and 2**32 - 1 (got ${bad})`);
      this.mt.initByArray(seed);
    }
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** A copy of the whole state, in NumPy's `get_state()` layout. */
  getState(): State {
    return ['MT19937', this.mt.key.slice(), this.mt.pos, this.hasGauss ? 1 : 0, this.gauss];
  }

  /** Restores a state from getState() (or from NumPy's `get_state()` converted to JSON). */
  setState(state: readonly [string, readonly number[] | Uint32Array, number, number?, number?]): void {
    const [name, keys, pos, hasGauss = 0, gauss = 0] = state;
    if (name !== 'MT19937') throw new ValueError('set_state can only be used with legacy MT19937state instances.');
    if (keys.length !== MT_N) throw new ValueError(`state must have ${MT_N} key words, got ${keys.length}`);
    if (!Number.isInteger(pos) || pos < 0 || pos > MT_N) throw new ValueError(`state position must be in [0, ${MT_N}], got ${pos}`);
    this.mt.key.set(Array.from(keys));
    this.mt.pos = pos;
    this.hasGauss = hasGauss !== 0;
    this.gauss = gauss;
  }

  // ---- floats ------------------------------------------------------------------------------
  /** Uniform doubles in [0, 1): `rand()` is a number, `rand(2, 3)` a (2, 3) array. */
  rand(): number;
  rand(...shape: number[]): NDArray;
  rand(...shape: number[]): number | NDArray {
    return sample(shape.length ? shape : null, 'float64', () => this.mt.nextDouble());
  }

  /** Standard normals: `randn()` is a number, `randn(2, 3)` a (2, 3) array. */
  randn(): number;
  randn(...shape: number[]): NDArray;
  randn(...shape: number[]): number | NDArray {
    return sample(shape.length ? shape : null, 'float64', () => legacyGauss(this));
  }

  /** Uniform doubles in [0, 1) (53 random bits each). */
  randomSample(size?: null): number;
  randomSample(size: Size): NDArray;
  randomSample(size?: Size | null): number | NDArray {
    return sample(size, 'float64', () => this.mt.nextDouble());
  }

  /** Alias of randomSample (np.random.random). */
  random(size?: null): number;
  random(size: Size): NDArray;
  random(size?: Size | null): number | NDArray {
    return this.randomSample(size as Size);
  }

  /** Uniform doubles in [low, high): low + (high - low) * u. `low` and `high` may be arrays that
   *  broadcast together (see params.ts). */
  uniform(low?: number, high?: number, size?: null): number;
  uniform(low: ArrayLike | undefined, high: ArrayLike | undefined, size?: Size | null): NDArray;
  uniform(low?: ArrayLike, high?: ArrayLike, size?: Size | null): number | NDArray {
    const [lo, hi] = [readParam(low, 0), readParam(high, 1)];
    const both = broadcastShapes(hi.shape, lo.shape); // NumPy computes high - low first, with the ufunc's message
    const [l, h] = [expand(lo, both), expand(hi, both)];
    const bad = l.findIndex((v, i) => !Number.isFinite(h[i] - v));
    if (bad >= 0) throw new OverflowError(`Range exceeds valid bounds (high - low = ${h[bad] - l[bad]})`);
    const shape = outputShape([lo, hi], sizeShape(size));
    return drawEach([lo, hi], shape, 'float64', (l, h) => l + (h - l) * this.mt.nextDouble());
  }

  /** Standard normals (polar Box-Muller, see distributions.ts). */
  standardNormal(size?: null): number;
  standardNormal(size: Size): NDArray;
  standardNormal(size?: Size | null): number | NDArray {
    return sample(size, 'float64', () => legacyGauss(this));
  }

  /** Normals with mean `loc` and standard deviation `scale`: loc + scale * z. `loc` and `scale`
   *  may be arrays that broadcast together (see params.ts). */
  normal(loc?: number, scale?: number, size?: null): number;
  normal(loc: ArrayLike | undefined, scale: ArrayLike | undefined, size?: Size | null): NDArray;
  normal(loc?: ArrayLike, scale?: ArrayLike, size?: Size | null): number | NDArray {
    const [mean, sd] = [readParam(loc, 0), readParam(scale, 1)];
    constrain(sd, (v) => !(v < 0 || Object.is(v, -0)), 'scale < 0'); // NumPy tests the sign bit: -0 is refused
    const shape = outputShape([mean, sd], sizeShape(size));
    return drawEach([mean, sd], shape, 'float64', (m, s) => m + s * legacyGauss(this));
  }

  // ---- integers ----------------------------------------------------------------------------
  /** Uniform integers in [low, high) (high excluded, unlike Python's random.randint); `randint(n)`
   *  is [0, n). `low` and `high` may be arrays that broadcast together. `dtype` may be any integer
   *  dtype or bool; the default is int32. */
  randint(low: number, high?: number | null, size?: null, options?: { dtype?: DType }): number;
  randint(low: ArrayLike, high: ArrayLike | null | undefined, size?: Size | null, options?: { dtype?: DType }): NDArray;
  randint(low: ArrayLike, high?: ArrayLike | null, size?: Size | null, options: { dtype?: DType } = {}): number | NDArray {
    checkOptions('randint', options, ['dtype']);
    if (high === undefined || high === null) [low, high] = [0, low];
    const dtype = options.dtype ?? 'int32';
    const bounds = INT_BOUNDS[dtype];
    if (!bounds) throw new TypeError(`Unsupported dtype dtype('${dtype}') for randint`);
    const outSize = sizeShape(size);
    if (outSize && shapeSize(outSize) === 0) return NDArray.fromTyped(allocTyped(dtype, 0), outSize, dtype);
    const [lo, hi] = [readIntParam(low), readIntParam(high)];
    checkIntBounds(lo, hi, dtype, bounds);
    const shape = outputShape([lo, hi], outSize, 'last');
    // The C code draws from the closed interval [low, high - 1]; narrow dtypes share one bit buffer.
    const buffer = new BitBuffer();
    return drawEach([lo, hi], shape, dtype, (l, h) => boundedDraw(this.mt, bounds[2], l, h - 1 - l, buffer));
  }

  /** Counts of successes in `n` trials of probability `p` (int32); n and p may be arrays. */
  binomial(n: number, p: number, size?: null): number;
  binomial(n: ArrayLike, p: ArrayLike, size?: Size | null): NDArray;
  binomial(n: ArrayLike, p: ArrayLike, size?: Size | null): number | NDArray {
    const [prob, trials] = [readParam(p), readParam(n)]; // NumPy's order, which its broadcast errors name
    constrain(prob, (v) => v >= 0 && v <= 1, 'p < 0, p > 1 or p is NaN', 'p < 0, p > 1 or p contains NaNs');
    constrain(trials, Number.isInteger, 'binomial: n must be an integer');
    constrain(trials, (v) => v >= 0, 'n < 0');
    constrain(trials, (v) => v <= INT32_MAX, 'n is too large for int32 results');
    const shape = outputShape([prob, trials], sizeShape(size));
    return drawEach([prob, trials], shape, 'int32', (pv, nv) => binomial(this.mt, nv, pv));
  }

  /** Poisson counts with mean `lam` (int32); lam may be an array. */
  poisson(lam?: number, size?: null): number;
  poisson(lam: ArrayLike | undefined, size?: Size | null): NDArray;
  poisson(lam?: ArrayLike, size?: Size | null): number | NDArray {
    const mean = readParam(lam, 1);
    constrain(mean, (v) => v >= 0, 'lam < 0 or lam is NaN', 'lam < 0 or lam contains NaNs');
    constrain(mean, (v) => v <= POISSON_LAM_MAX, `lam value too large (int32 results need lam <= ${POISSON_LAM_MAX})`);
    const shape = outputShape([mean], sizeShape(size));
    return drawEach([mean], shape, 'int32', (m) => poisson(this.mt, m));
  }

  /** Counts of `n` draws falling in each of `pvals.length` categories: shape (...size, k), int32.
   *  The last category's probability is implied (1 - the others), as in NumPy. Like NumPy's
   *  RandomState (not its newer Generator), pvals must be 1-D and n a single integer. */
  multinomial(n: number, pvals: ArrayLike, size?: Size | null): NDArray {
    const pArr = asarray(pvals, { dtype: 'float64' });
    if (pArr.ndim > 1) throw new ValueError(`object too deep for desired array (pvals must be 1-D, got shape ${formatShape(pArr.shape)})`);
    const p = pArr.dataSync();
    if (p.some((v) => !(v >= 0 && v <= 1))) throw new ValueError('pvals < 0, pvals > 1 or pvals contains NaNs');
    if (p.length > 0 && kahanSum(p.subarray(0, Math.max(p.length - 1, 1))) > 1 + 1e-12) {
      throw new ValueError('sum(pvals[:-1]) > 1.0');
    }
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`an integer is required (multinomial's n, got ${String(n)})`);
    if (n < 0) throw new ValueError(`n < 0 (got ${n})`);
    const shape = [...(sizeShape(size) ?? []), p.length];
    const out = new Int32Array(shapeSize(shape));
    for (let offset = 0; p.length > 0 && offset < out.length; offset += p.length) multinomial(this.mt, n, p, out, offset);
    return NDArray.fromTyped(out, shape, 'int32');
  }

  // ---- sequences (see sampling.ts) ---------------------------------------------------------
  /** Samples from `a` (an array, or n for range(n)): with replacement by default, weighted by `p`. */
  choice(a: number | ArrayLike, size?: null, options?: ChoiceOptions): number;
  choice(a: number | ArrayLike, size: Size, options?: ChoiceOptions): NDArray;
  choice(a: number | ArrayLike, size?: Size | null, options: ChoiceOptions = {}): number | NDArray {
    checkOptions('choice', options, ['replace', 'p']);
    return choice(this.mt, a, sizeShape(size), options);
  }

  /** Shuffles the rows (first axis) of an array, or the items of a JS array, in place. */
  shuffle(x: NDArray | unknown[]): void {
    shuffle(this.mt, x);
  }

  /** A shuffled copy of an array's rows, or a shuffled range(n) for a number (int32). */
  permutation(x: number | ArrayLike): NDArray {
    return permutation(this.mt, x);
  }
}
