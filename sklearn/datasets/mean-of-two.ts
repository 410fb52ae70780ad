// The Keras-pitfalls generators: batches of two random integers in [0, 100) and their mean.
// The one thing to understand: a generator that refills ONE array and yields it hands out the same
// object every time ('shared-buffer'), so any batch kept for later (Keras reads ahead into a queue)
// silently changes under you: x shows the newest numbers while y still holds the old means, and a
// model trained on such pairs learns nothing. Allocating a new array per batch ('fresh') or yielding
// a copy ('copy') fixes it. Draws are `randint(0, 100)` per number, x[i][0] then x[i][1], row by row.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import type { RandomState } from '../utils/random-state.ts';
import { checkRandomState, type RandomStateLike } from '../utils/random-state.ts';
import { checkOptions } from '../utils/check-params.ts';

export type MeanOfTwoVariant = 'shared-buffer' | 'fresh' | 'copy';

export interface MeanOfTwoOptions {
  /** Rows per batch. Default 64. */
  batchSize?: number;
  /** 'shared-buffer' (the bug), 'fresh' (fix 1: a new x per batch) or 'copy' (fix 2: yield a copy). Default 'fresh'. */
  variant?: MeanOfTwoVariant;
  /** Yield the mean as (batchSize, 1), the shape a Dense(1) output has (true, the default), or as (batchSize,). */
  expandDims?: boolean;
  /** null: NumPy's global generator, as the article's `np.random.randint`. */
  randomState?: RandomStateLike;
}

type Batch = [x: NDArray, y: NDArray];

/** An endless generator of [x (batchSize, 2), mean] batches: `const [x, y] = gen.next().value`. */
export function meanOfTwoGenerator(options: MeanOfTwoOptions = {}): Generator<Batch, never> {
  checkOptions('meanOfTwoGenerator', options, ['batchSize', 'variant', 'expandDims', 'randomState']);
  const { batchSize = 64, variant = 'fresh', expandDims = true } = options;
  if (!['shared-buffer', 'fresh', 'copy'].includes(variant)) {
    throw new ValueError(`variant must be 'shared-buffer', 'fresh' or 'copy', got '${String(variant)}'`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ValueError(`batchSize must be a positive integer, got ${batchSize}`);
  return batches(checkRandomState(options.randomState), batchSize, variant, expandDims);
}

function* batches(rng: RandomState, batchSize: number, variant: MeanOfTwoVariant, expandDims: boolean): Generator<Batch, never> {
  const shared = np.zeros([batchSize, 2]);
  for (;;) {
    const values = drawPairs(rng, batchSize);
    const fresh = np.NDArray.fromTyped(values, [batchSize, 2], 'float64');
    let x = fresh;
    if (variant !== 'fresh') {
      shared.set(fresh); // refill the one buffer in place
      fresh.dispose();
      x = variant === 'copy' ? shared.copy() : shared;
    }
    // mean_i = (x_i0 + x_i1) / 2, computed now from the numbers just drawn
    const mean = Float64Array.from({ length: batchSize }, (_, i) => (values[2 * i] + values[2 * i + 1]) / 2);
    yield [x, np.NDArray.fromTyped(mean, expandDims ? [batchSize, 1] : [batchSize], 'float64')];
  }
}

/** batchSize rows of two integers, drawn one at a time from U{0, ..., 99}: x[i][0], then x[i][1]. */
function drawPairs(rng: RandomState, batchSize: number): Float64Array {
  const values = new Float64Array(2 * batchSize);
  for (let i = 0; i < values.length; i++) values[i] = rng.randint(0, 100);
  return values;
}
