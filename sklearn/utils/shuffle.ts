// shuffle: the rows of several arrays in one common random order (scikit-learn's utils.shuffle),
// so X and y shuffled together stay aligned. It draws exactly what NumPy's rng.shuffle(arange(n))
// draws, then keeps the first nSamples positions. One array in gives one array out, several give a list.
import { ValueError } from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { indexable, numSamples, range, splitOptions, takeRows } from './indexing.ts';
import { checkRandomState, shuffled, type RandomStateLike } from './random-state.ts';
import { checkOptions } from './check-params.ts';

export interface ShuffleOptions {
  randomState?: RandomStateLike;
  /** Keep only this many rows (default: all). */
  nSamples?: number | null;
}

export async function shuffle(a: unknown, options?: ShuffleOptions): Promise<NDArray>;
export async function shuffle(...args: unknown[]): Promise<NDArray[]>;
export async function shuffle(...args: unknown[]): Promise<NDArray | NDArray[]> {
  const [arrays, options] = splitOptions<ShuffleOptions>(args);
  checkOptions('shuffle', options, ['randomState', 'nSamples']);
  const rng = checkRandomState(options.randomState);
  if (arrays.length === 0) return [];
  const data = (await indexable(...arrays)) as NDArray[];
  const n = numSamples(data[0]);
  const keep = options.nSamples ?? n;
  if (keep > n) throw new ValueError(`Cannot sample ${keep} out of arrays with dim ${n} when replace is False`);
  const rows = shuffled(rng, range(n)).slice(0, keep);
  const out = data.map((x) => takeRows(x, rows));
  return out.length === 1 ? out[0] : out;
}
