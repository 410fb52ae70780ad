// sklearn's check_random_state: every random choice an estimator makes goes through one RandomState.
// `null`/`undefined` means NumPy's global generator (seeded by `np.random.seed`), a number a fresh
// generator seeded with it, and a RandomState is used as it is (so successive calls continue its stream).
import * as np from '../../ndarray/index.ts';

/** NumPy's legacy generator, np.random.RandomState (named here once for the estimators' signatures). */
export const RandomState = np.random.RandomState;
export type RandomState = np.random.RandomState;
const globalRandomState = np.random.globalRandomState;

export type RandomStateLike = number | RandomState | null | undefined;

export function checkRandomState(seed: RandomStateLike): RandomState {
  if (seed === null || seed === undefined) return globalRandomState();
  if (seed instanceof RandomState) return seed;
  if (typeof seed === 'number' && Number.isInteger(seed)) return new RandomState(seed);
  throw new Error(`${String(seed)} cannot be used to seed a numpy.random.RandomState instance`);
}

/** A shuffled copy of `values`, drawing exactly what NumPy's `rng.shuffle(np.array(values))` draws. */
export function shuffled(rng: RandomState, values: readonly number[]): number[] {
  const a = np.array(values as number[], { dtype: 'int32' });
  rng.shuffle(a);
  return Array.from(a.dataSync());
}
