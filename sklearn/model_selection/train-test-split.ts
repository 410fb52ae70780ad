// trainTestSplit: hold out part of the data to measure a model on rows it never saw (scikit-learn's
// train_test_split). By default 25 % of the rows, picked at random, test and the rest train; every
// array given is cut along the same rows, so X and y stay aligned. The one thing to understand:
// without shuffling the test rows are simply the last ones, which is a bad test set whenever the
// rows are ordered (by class, by time, by angle...).
import { ValueError } from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import type { RandomStateLike } from '../utils/random-state.ts';
import { indexable, numSamples, range, splitOptions, takeRows, type Rows } from '../utils/indexing.ts';
import { ShuffleSplit, StratifiedShuffleSplit, validateShuffleSplit, type SplitSize } from './shuffle-split.ts';
import { checkOptions } from '../utils/check-params.ts';

export interface TrainTestSplitOptions {
  /** A fraction of the rows (0.25 when trainSize is also unset) or a number of rows. */
  testSize?: SplitSize;
  /** A fraction or a number of rows; the complement of testSize when unset. */
  trainSize?: SplitSize;
  randomState?: RandomStateLike;
  /** Shuffle before splitting (default true); false takes the first rows for training. */
  shuffle?: boolean;
  /** Class labels to keep in the same proportions on both sides. */
  stratify?: unknown;
}

/** [aTrain, aTest, bTrain, bTest, ...] for arrays a, b, ... (all with the same number of rows).
 *  String labels come back as string arrays: write trainTestSplit<Rows>(X, y) to have them typed so.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { trainTestSplit } from 'tessera/sklearn';
 *
 * const X = np.arange(10).reshape(5, 2);
 * const [XTrain, XTest, yTrain, yTest] = await trainTestSplit(X, [0, 1, 2, 3, 4], { testSize: 0.33, randomState: 42 });
 * console.log(XTrain.str(), yTrain.str());
 * console.log(XTest.str(), yTest.str());
 * ```
 *
 * ```text output
 * [[4 5]
 *  [0 1]
 *  [6 7]] [2 0 3]
 * [[2 3]
 *  [8 9]] [1 4]
 * ```
 */
export async function trainTestSplit<R extends Rows = NDArray>(...args: unknown[]): Promise<R[]> {
  const [arrays, options] = splitOptions<TrainTestSplitOptions>(args);
  checkOptions('trainTestSplit', options, ['testSize', 'trainSize', 'randomState', 'shuffle', 'stratify']);
  if (arrays.length === 0) throw new ValueError('At least one array required as input');
  const data = (await indexable(...arrays)) as Rows[];
  const n = numSamples(data[0]);
  const [nTrain, nTest] = validateShuffleSplit(n, options.testSize ?? null, options.trainSize ?? null, 0.25);
  let train: number[];
  let test: number[];
  if (options.shuffle === false) {
    if (options.stratify !== undefined && options.stratify !== null) {
      throw new ValueError('Stratified train/test split is not implemented for shuffle=False');
    }
    [train, test] = [range(nTrain), range(nTest, nTrain)];
  } else {
    const stratified = options.stratify !== undefined && options.stratify !== null;
    const Cv = stratified ? StratifiedShuffleSplit : ShuffleSplit;
    // sklearn takes the first split of a generator: only one permutation is drawn.
    const cv = new Cv({ nSplits: 1, testSize: nTest, trainSize: nTrain, randomState: options.randomState });
    [[train, test]] = await cv.split(data[0], options.stratify);
  }
  return data.flatMap((a) => [takeRows(a, train), takeRows(a, test)]) as R[];
}
