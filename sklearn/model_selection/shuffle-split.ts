// Random train/test splits (scikit-learn's ShuffleSplit and StratifiedShuffleSplit), the machinery
// behind trainTestSplit. ShuffleSplit draws a permutation of the rows and cuts it: the first nTest
// rows test, the next nTrain train. StratifiedShuffleSplit first decides how many rows of each class
// go to each side (the most likely counts when drawing without replacement, ties broken at random),
// then draws each class's rows. The one thing to understand: the same randomState gives the same
// draws as scikit-learn, in the same order, so the very same rows end up on each side.
import * as np from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import type { RandomState } from '../utils/random-state.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { toCpu } from '../validation.ts';
import { numericLabels } from '../utils/labels.ts';
import { consistentSamples, range } from '../utils/indexing.ts';
import { formatRandomState, type Split, type Splitter } from './split.ts';
import { checkOptions } from '../utils/check-params.ts';

/** A fraction of the samples (a float in (0, 1)) or a count (an integer). */
export type SplitSize = number | null;

export interface ShuffleSplitParams {
  nSplits?: number;
  testSize?: SplitSize;
  trainSize?: SplitSize;
  randomState?: RandomStateLike;
}

const isCount = (s: SplitSize): s is number => typeof s === 'number' && Number.isInteger(s);
const isFraction = (s: SplitSize): s is number => typeof s === 'number' && !Number.isInteger(s);

function checkSize(size: SplitSize, name: string, n: number): void {
  if (size === null) return;
  if (typeof size !== 'number' || Number.isNaN(size)) throw new ValueError(`Invalid value for ${name}: ${String(size)}`);
  if ((isCount(size) && (size >= n || size <= 0)) || (isFraction(size) && (size <= 0 || size >= 1))) {
    throw new ValueError(`${name}=${size} should be either positive and smaller than the number of samples ${n} or a float in the (0, 1) range`);
  }
}

/** [nTrain, nTest] (scikit-learn's _validate_shuffle_split): a fraction f of n samples is
 *  ceil(f·n) test rows or floor(f·n) train rows; a missing size is the complement of the other.
 *  JavaScript has one number type, so a whole number (even 1.0) counts rows, anything else is a fraction. */
export function validateShuffleSplit(n: number, testSize: SplitSize, trainSize: SplitSize, defaultTestSize: SplitSize = null): [number, number] {
  if (testSize === null && trainSize === null) testSize = defaultTestSize;
  checkSize(testSize, 'test_size', n);
  checkSize(trainSize, 'train_size', n);
  if (isFraction(testSize) && isFraction(trainSize) && trainSize + testSize > 1) {
    throw new ValueError(`The sum of test_size and train_size = ${trainSize + testSize}, should be in the (0, 1) range. Reduce test_size and/or train_size.`);
  }
  let nTest = testSize === null ? NaN : isFraction(testSize) ? Math.ceil(testSize * n) : testSize;
  let nTrain = trainSize === null ? NaN : isFraction(trainSize) ? Math.floor(trainSize * n) : trainSize;
  if (trainSize === null) nTrain = n - nTest;
  else if (testSize === null) nTest = n - nTrain;
  if (nTrain + nTest > n) {
    throw new ValueError(`The sum of train_size and test_size = ${nTrain + nTest}, should be smaller than the number of samples ${n}. Reduce test_size and/or train_size.`);
  }
  if (nTrain === 0) {
    throw new ValueError(`With n_samples=${n}, test_size=${testSize ?? 'None'} and train_size=${trainSize ?? 'None'}, the resulting train set will be empty. Adjust any of the aforementioned parameters.`);
  }
  return [nTrain, nTest];
}

/** rng.permutation(x) as a number array (a shuffled range for a count, a shuffled copy for a list). */
function permutation(rng: RandomState, x: number | number[]): number[] {
  return Array.from(rng.permutation(typeof x === 'number' ? x : np.array(x, { dtype: 'int32' })).dataSync());
}

export class ShuffleSplit implements Splitter {
  readonly nSplits: number;
  readonly testSize: SplitSize;
  readonly trainSize: SplitSize;
  readonly randomState: RandomStateLike;
  protected readonly defaultTestSize: number = 0.1;

  constructor(params: ShuffleSplitParams = {}) {
    checkOptions(new.target.name, params, ['nSplits', 'testSize', 'trainSize', 'randomState']);
    this.nSplits = params.nSplits ?? 10;
    this.testSize = params.testSize ?? null;
    this.trainSize = params.trainSize ?? null;
    this.randomState = params.randomState ?? null;
  }

  getNSplits(): number {
    return this.nSplits;
  }

  protected sizes(n: number): [number, number] {
    return validateShuffleSplit(n, this.testSize, this.trainSize, this.defaultTestSize);
  }

  /** Each split cuts a fresh permutation: test = perm[:nTest], train = perm[nTest:nTest+nTrain]. */
  async split(X: unknown, y?: unknown): Promise<Split[]> {
    const n = consistentSamples(X, y);
    const [nTrain, nTest] = this.sizes(n);
    const rng = checkRandomState(this.randomState);
    return range(this.nSplits).map(() => {
      const perm = permutation(rng, n);
      return [perm.slice(nTest, nTest + nTrain), perm.slice(0, nTest)];
    });
  }

  toString(): string {
    const size = (s: SplitSize): string => (s === null ? 'None' : String(s));
    return `${this.constructor.name}(n_splits=${this.nSplits}, random_state=${formatRandomState(this.randomState)}, test_size=${size(this.testSize)}, train_size=${size(this.trainSize)})`;
  }
}

/** How many of nDraws samples each class gets (sklearn's _approximate_mode): the floors of the
 *  proportional shares c_k / Σc · nDraws, then one more for the classes with the largest remainders,
 *  drawing at random among equal remainders. */
export function approximateMode(classCounts: readonly number[], nDraws: number, rng: RandomState): number[] {
  const total = classCounts.reduce((s, c) => s + c, 0);
  const continuous = classCounts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let needToAdd = nDraws - floored.reduce((s, c) => s + c, 0);
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = range(remainder.length).filter((i) => remainder[i] === value);
      const addNow = Math.min(inds.length, needToAdd);
      const chosen = rng.choice(np.array(inds, { dtype: 'int32' }), addNow, { replace: false });
      for (const i of chosen.dataSync()) floored[i] += 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}

/** Each class's sorted labels and its indices: classes sorted, indices increasing. */
async function classIndices(y: unknown): Promise<number[][]> {
  const a = await toCpu(numericLabels(y), null);
  const isFloat = a.dtype === 'float32' || a.dtype === 'float64';
  const values = Array.from(a.dataSync() as ArrayLike<number>);
  // A 2-D y (several outputs) stratifies on whole rows, compared as NumPy's " ".join(row.astype(str)).
  const keys: (number | string)[] = a.ndim === 2
    ? range(a.shape[0]).map((i) => values.slice(i * a.shape[1], (i + 1) * a.shape[1]).map((v) => (isFloat && Number.isInteger(v) ? v.toFixed(1) : String(v))).join(' '))
    : values;
  const classes = [...new Set(keys)].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
  const index = new Map(classes.map((c, k) => [c, k]));
  const out: number[][] = classes.map(() => []);
  keys.forEach((key, i) => out[index.get(key) as number].push(i));
  return out;
}

export class StratifiedShuffleSplit extends ShuffleSplit {
  async split(X: unknown, y?: unknown): Promise<Split[]> {
    if (y === undefined || y === null) throw new ValueError('StratifiedShuffleSplit.split needs the labels y');
    const n = consistentSamples(X, y);
    const [nTrain, nTest] = this.sizes(n);
    const members = await classIndices(y);
    const counts = members.map((m) => m.length);
    if (Math.min(...counts) < 2) {
      throw new ValueError('The least populated class in y has only 1 member, which is too few. The minimum number of groups for any class cannot be less than 2.');
    }
    if (nTrain < counts.length) throw new ValueError(`The train_size = ${nTrain} should be greater or equal to the number of classes = ${counts.length}`);
    if (nTest < counts.length) throw new ValueError(`The test_size = ${nTest} should be greater or equal to the number of classes = ${counts.length}`);
    const rng = checkRandomState(this.randomState);
    return range(this.nSplits).map(() => {
      // Ties in the class counts are broken anew for every split.
      const nI = approximateMode(counts, nTrain, rng);
      const tI = approximateMode(counts.map((c, k) => c - nI[k]), nTest, rng);
      const train: number[] = [];
      const test: number[] = [];
      members.forEach((rows, k) => {
        const picked = permutation(rng, counts[k]).map((p) => rows[p]);
        train.push(...picked.slice(0, nI[k]));
        test.push(...picked.slice(nI[k], nI[k] + tI[k]));
      });
      return [permutation(rng, train), permutation(rng, test)];
    });
  }
}
