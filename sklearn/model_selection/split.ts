// Cross-validation splitters: which rows train and which rows test, fold after fold.
// KFold cuts the (optionally shuffled) row indices into k consecutive folds, the first n % k folds one
// row longer. StratifiedKFold deals each class's rows out over the folds so every fold keeps the
// class proportions (scikit-learn's allocation: sort the labels and deal them round-robin).
// LeaveOneOut tests on each row alone. All yield [trainIndices, testIndices] pairs as plain number
// arrays, both in increasing order, like sklearn's split().
import { ValueError } from '../../ndarray/index.ts';
import { checkRandomState, shuffled, type RandomStateLike } from '../utils/random-state.ts';
import { warn } from '../utils/log.ts';
import { toCpu } from '../validation.ts';
import { numericLabels } from '../utils/labels.ts';
import { consistentSamples, numSamples, range } from '../utils/indexing.ts';
import { typeOfTarget } from './target-type.ts';
import { checkOptions } from '../utils/check-params.ts';

export type Split = [train: number[], test: number[]];

export interface Splitter {
  split(X: unknown, y?: unknown): Promise<Split[]>;
  getNSplits(X?: unknown, y?: unknown): number;
}

export interface KFoldParams { nSplits?: number; shuffle?: boolean; randomState?: RandomStateLike }

/** _BaseKFold's checks, with its messages. */
function checkKFoldParams(p: KFoldParams): { nSplits: number; shuffle: boolean } {
  const nSplits = p.nSplits ?? 5;
  if (!Number.isInteger(nSplits)) {
    throw new ValueError(`The number of folds must be of Integral type. ${nSplits} of type ${typeof nSplits} was passed.`);
  }
  if (nSplits <= 1) {
    throw new ValueError(`k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits=${nSplits}.`);
  }
  const shuffle = p.shuffle ?? false;
  if (typeof shuffle !== 'boolean') throw new TypeError(`shuffle must be True or False; got ${String(shuffle)}`);
  if (!shuffle && p.randomState !== undefined && p.randomState !== null) {
    throw new ValueError(`Setting a random_state has no effect since shuffle is False. You should leave random_state to its default (None), or set shuffle=True.`);
  }
  return { nSplits, shuffle };
}

/** The train/test pair of a test set: train = every other index, both increasing. */
function splitFromTest(n: number, test: readonly number[]): Split {
  const inTest = new Uint8Array(n);
  for (const i of test) inTest[i] = 1;
  return [range(n).filter((i) => !inTest[i]), range(n).filter((i) => inTest[i])];
}

/** A random_state as sklearn's repr shows it. */
export function formatRandomState(rs: RandomStateLike): string {
  return rs === null || rs === undefined ? 'None' : typeof rs === 'number' ? String(rs) : 'RandomState(MT19937)';
}

/** Shared by KFold and StratifiedKFold: options, the fold count and sklearn's repr. */
abstract class BaseKFold implements Splitter {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: RandomStateLike;

  constructor(params: KFoldParams = {}) {
    checkOptions(new.target.name, params, ['nSplits', 'shuffle', 'randomState']);
    ({ nSplits: this.nSplits, shuffle: this.shuffle } = checkKFoldParams(params));
    this.randomState = params.randomState ?? null;
  }

  getNSplits(): number {
    return this.nSplits;
  }

  /** The number of samples, after sklearn's checks (consistent lengths, enough samples). */
  protected checkSamples(X: unknown, y?: unknown): number {
    const n = consistentSamples(X, y);
    if (this.nSplits > n) {
      throw new ValueError(`Cannot have number of splits n_splits=${this.nSplits} greater than the number of samples: n_samples=${n}.`);
    }
    return n;
  }

  abstract split(X: unknown, y?: unknown): Promise<Split[]>;

  toString(): string {
    return `${this.constructor.name}(n_splits=${this.nSplits}, random_state=${formatRandomState(this.randomState)}, shuffle=${this.shuffle ? 'True' : 'False'})`;
  }
}

/**
 * Splits the rows into `nSplits` consecutive folds (shuffled first when `shuffle`); each fold is the test set once.
 *
 * @example
 * ```ts
 * import { KFold } from 'tessera/sklearn';
 *
 * const X = [[1, 2], [3, 4], [1, 2], [3, 4]];
 * for (const [train, test] of await new KFold({ nSplits: 2 }).split(X)) console.log(train, test);
 * ```
 *
 * ```text output
 * [ 2, 3 ] [ 0, 1 ]
 * [ 0, 1 ] [ 2, 3 ]
 * ```
 */
export class KFold extends BaseKFold {
  async split(X: unknown, y?: unknown): Promise<Split[]> {
    const n = this.checkSamples(X, y);
    let indices = range(n);
    if (this.shuffle) indices = shuffled(checkRandomState(this.randomState), indices);
    // Fold k holds n // k rows, plus one for the first n % k folds.
    const out: Split[] = [];
    let start = 0;
    for (let k = 0; k < this.nSplits; k++) {
      const size = Math.floor(n / this.nSplits) + (k < n % this.nSplits ? 1 : 0);
      out.push(splitFromTest(n, indices.slice(start, start + size)));
      start += size;
    }
    return out;
  }
}

/**
 * KFold that keeps each class's share of the rows the same in every fold.
 *
 * @example
 * ```ts
 * import { StratifiedKFold } from 'tessera/sklearn';
 *
 * const X = [[1, 2], [3, 4], [1, 2], [3, 4]];
 * const y = [0, 0, 1, 1];
 * for (const [train, test] of await new StratifiedKFold({ nSplits: 2 }).split(X, y)) console.log(train, test);
 * ```
 *
 * ```text output
 * [ 1, 3 ] [ 0, 2 ]
 * [ 0, 2 ] [ 1, 3 ]
 * ```
 */
export class StratifiedKFold extends BaseKFold {
  /** Fold number of every sample (sklearn's _make_test_folds). */
  private async testFolds(y: unknown): Promise<Int32Array> {
    const rng = checkRandomState(this.randomState);
    const type = await typeOfTarget(y);
    if (type !== 'binary' && type !== 'multiclass') {
      throw new ValueError(`Supported target types are: ('binary', 'multiclass'). Got '${type}' instead.`);
    }
    const labels = Array.from((await toCpu(numericLabels(y))).ravel().dataSync());
    // Encode classes by order of first appearance: 0 is the first label seen in y, 1 the second ...
    const code = new Map<number, number>();
    for (const l of labels) if (!code.has(l)) code.set(l, code.size);
    const encoded = labels.map((l) => code.get(l) as number);
    const nClasses = code.size;
    const counts = new Array<number>(nClasses).fill(0);
    for (const e of encoded) counts[e]++;
    if (counts.every((c) => this.nSplits > c)) {
      throw new ValueError(`n_splits=${this.nSplits} cannot be greater than the number of members in each class.`);
    }
    const minGroups = Math.min(...counts);
    if (this.nSplits > minGroups) {
      warn(`The least populated class in y has only ${minGroups} members, which is less than n_splits=${this.nSplits}.`);
    }
    // allocation[f][k]: how many samples of class k go to fold f (deal the sorted labels round-robin).
    const yOrder = [...encoded].sort((a, b) => a - b);
    const allocation = range(this.nSplits).map(() => new Array<number>(nClasses).fill(0));
    yOrder.forEach((k, i) => allocation[i % this.nSplits][k]++);
    // Class k's samples take its fold numbers in blocks (0, 0, 1, 1, ...), shuffled when asked.
    const folds = new Int32Array(labels.length);
    for (let k = 0; k < nClasses; k++) {
      let foldsForClass = range(this.nSplits).flatMap((f) => new Array<number>(allocation[f][k]).fill(f));
      if (this.shuffle) foldsForClass = shuffled(rng, foldsForClass);
      let j = 0;
      encoded.forEach((e, i) => { if (e === k) folds[i] = foldsForClass[j++]; });
    }
    return folds;
  }

  async split(X: unknown, y?: unknown): Promise<Split[]> {
    if (y === undefined || y === null) throw new ValueError('StratifiedKFold.split needs the labels y');
    const n = this.checkSamples(X, y);
    const folds = await this.testFolds(y);
    return range(this.nSplits).map((f) => splitFromTest(n, range(n).filter((i) => folds[i] === f)));
  }
}

/** Each sample is the test set once (KFold with n folds). */
export class LeaveOneOut implements Splitter {
  getNSplits(X?: unknown): number {
    if (X === undefined || X === null) throw new ValueError("The 'X' parameter should not be None.");
    return numSamples(X);
  }

  async split(X: unknown, y?: unknown): Promise<Split[]> {
    const n = consistentSamples(X, y);
    if (n <= 1) throw new ValueError(`Cannot perform LeaveOneOut with n_samples=${n}.`);
    return range(n).map((i) => splitFromTest(n, [i]));
  }

  toString(): string {
    return 'LeaveOneOut()';
  }
}
