// RandomState: NumPy's legacy generator object, a Mersenne Twister plus the spare normal, with the
// same methods and the same streams as `numpy.random.RandomState` (same seed -> same numbers, bit for
// bit). The one thing to understand: every method consumes the one shared stream in a fixed way, so
// results depend on the seed *and* on every call made before; a separate RandomState per experiment
// keeps experiments from disturbing each other. Without `size` a method returns a JS number; with a
// size (a number or a shape) it returns an NDArray (float64, or int32 for integer distributions).
import { NDArray, type ArrayLike } from '../ndarray.ts';
import { asarray } from '../creation.ts';
import { type DType, allocTyped } from '../dtype.ts';
import { checkShape, shapeSize } from '../shape.ts';
import { ValueError } from '../errors.ts';
import { MT19937, MT_N } from './mt19937.ts';
import { boundedFill } from './bounded.ts';
import { legacyGauss, poisson, kahanSum, type GaussState } from './distributions.ts';
import { binomial, multinomial } from './binomial.ts';
import { choice, shuffle, permutation, type ChoiceOptions } from './sampling.ts';
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

function shapeOf(size: Size): number[] {
  return checkShape(typeof size === 'number' ? [size] : size);
}

/** A JS number without size, else an NDArray of `dtype` filled by `draw` in C order. */
function sample(size: Size | null | undefined, dtype: 'float64' | 'int32', draw: () => number): number | NDArray {
  if (size === undefined || size === null) return draw();
  const shape = shapeOf(size);
  const data = allocTyped(dtype, shapeSize(shape));
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return NDArray.fromTyped(data, shape, dtype);
}

/** Python's int() of a bound: NumPy truncates floats. */
function toInt(x: number): number {
  if (!Number.isFinite(x)) throw new ValueError(`cannot convert float ${x} to integer`);
  return Math.trunc(x);
}

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

  /** Uniform doubles in [low, high): low + (high - low) * u. */
  uniform(low?: number, high?: number, size?: null): number;
  uniform(low: number, high: number, size: Size): NDArray;
  uniform(low = 0, high = 1, size?: Size | null): number | NDArray {
    const range = high - low;
    if (!Number.isFinite(range)) throw new RangeError(`Range exceeds valid bounds (high - low = ${range})`);
    return sample(size, 'float64', () => low + range * this.mt.nextDouble());
  }

  /** Standard normals (polar Box-Muller, see distributions.ts). */
  standardNormal(size?: null): number;
  standardNormal(size: Size): NDArray;
  standardNormal(size?: Size | null): number | NDArray {
    return sample(size, 'float64', () => legacyGauss(this));
  }

  /** Normals with mean `loc` and standard deviation `scale`: loc + scale * z. */
  normal(loc?: number, scale?: number, size?: null): number;
  normal(loc: number, scale: number, size: Size): NDArray;
  normal(loc = 0, scale = 1, size?: Size | null): number | NDArray {
    if (scale < 0) throw new ValueError(`scale < 0 (got ${scale})`);
    return sample(size, 'float64', () => loc + scale * legacyGauss(this));
  }

  // ---- integers ----------------------------------------------------------------------------
  /** Uniform integers in [low, high) (high excluded, unlike Python's random.randint); `randint(n)`
   *  is [0, n). `dtype` may be any integer dtype or bool; the default is int32. */
  randint(low: number, high?: number | null, size?: null, options?: { dtype?: DType }): number;
  randint(low: number, high: number | null | undefined, size: Size, options?: { dtype?: DType }): NDArray;
  randint(low: number, high?: number | null, size?: Size | null, options: { dtype?: DType } = {}): number | NDArray {
    checkOptions('randint', options, ['dtype']);
    if (high === undefined || high === null) [low, high] = [0, low];
    const dtype = options.dtype ?? 'int32';
    const bounds = INT_BOUNDS[dtype];
    if (!bounds) throw new TypeError(`Unsupported dtype dtype('${dtype}') for randint`);
    const shape = size === undefined || size === null ? null : shapeOf(size);
    const out = allocTyped(dtype, shape ? shapeSize(shape) : 1);
    if (out.length === 0) return NDArray.fromTyped(out, shape as number[], dtype);
    const [lowest, highest, bits] = bounds;
    const lo = toInt(low);
    const hi = toInt(high) - 1; // the C code draws from the closed interval [lo, hi]
    if (lo < lowest) throw new ValueError(`low is out of bounds for ${dtype}`);
    if (hi > highest) throw new ValueError(`high is out of bounds for ${dtype}`);
    if (lo > hi) throw new ValueError(lo === 0 ? 'high <= 0' : `low >= high (low ${lo}, high ${hi + 1})`);
    boundedFill(this.mt, bits, lo, hi - lo, out);
    return shape ? NDArray.fromTyped(out, shape, dtype) : out[0];
  }

  /** Counts of successes in `n` trials of probability `p` (int32). */
  binomial(n: number, p: number, size?: null): number;
  binomial(n: number, p: number, size: Size): NDArray;
  binomial(n: number, p: number, size?: Size | null): number | NDArray {
    if (!(p >= 0 && p <= 1)) throw new ValueError(`p < 0, p > 1 or p is NaN (got ${p})`);
    if (!Number.isInteger(n)) throw new TypeError(`binomial: n must be an integer, got ${n}`);
    if (n < 0) throw new ValueError(`n < 0 (got ${n})`);
    if (n > INT32_MAX) throw new ValueError(`n is too large for int32 results (got ${n})`);
    return sample(size, 'int32', () => binomial(this.mt, n, p));
  }

  /** Poisson counts with mean `lam` (int32). */
  poisson(lam?: number, size?: null): number;
  poisson(lam: number, size: Size): NDArray;
  poisson(lam = 1, size?: Size | null): number | NDArray {
    if (!(lam >= 0)) throw new ValueError(`lam < 0 or lam is NaN (got ${lam})`);
    if (lam > POISSON_LAM_MAX) throw new ValueError(`lam value too large (got ${lam}; int32 results need lam <= ${POISSON_LAM_MAX})`);
    return sample(size, 'int32', () => poisson(this.mt, lam));
  }

  /** Counts of `n` draws falling in each of `pvals.length` categories: shape (...size, k), int32.
   *  The last category's probability is implied (1 - the others), as in NumPy. */
  multinomial(n: number, pvals: ArrayLike, size?: Size | null): NDArray {
    const p = asarray(pvals, { dtype: 'float64' }).dataSync();
    if (p.some((v) => !(v >= 0 && v <= 1))) throw new ValueError('pvals < 0, pvals > 1 or pvals contains NaNs');
    if (p.length > 0 && kahanSum(p.subarray(0, Math.max(p.length - 1, 1))) > 1 + 1e-12) {
      throw new ValueError('sum(pvals[:-1]) > 1.0');
    }
    if (!Number.isInteger(n)) throw new TypeError(`multinomial: n must be an integer, got ${n}`);
    if (n < 0) throw new ValueError(`n < 0 (got ${n})`);
    const shape = [...(size === undefined || size === null ? [] : shapeOf(size)), p.length];
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
    return choice(this.mt, a, size === undefined || size === null ? null : shapeOf(size), options);
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
