// np.random: one module-level RandomState shared by the whole program, and functions that call it,
// mirroring `numpy.random.*` (seed, rand, randn, randint, choice, shuffle ...). The one thing to
// understand: these functions all draw from the same global stream, so any code that uses them
// moves every later result; `new np.random.RandomState(seed)` gives an independent stream.
import { RandomState } from './randomstate.ts';

export { RandomState, type Size, type Seed, type State } from './randomstate.ts';
export type { ChoiceOptions } from './sampling.ts';

/** The global generator behind the functions below (seeded from the OS until `seed(n)` is called). */
const globalState = new RandomState();

/** The global RandomState itself (NumPy's `np.random.mtrand._rand`), for code that takes a generator. */
export const globalRandomState = (): RandomState => globalState;

/**
 * np.random.seed: re-seeds the global RandomState (the stream np.random.rand, randn, ... draw from).
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * np.random.seed(0);
 * console.log(np.random.rand(3)); // NumPy's Mersenne Twister: the same numbers as NumPy
 * console.log(np.random.randint(0, 10, [5]));
 * ```
 *
 * ```text output
 * array([0.5488135 , 0.71518937, 0.60276338])
 * array([3, 7, 9, 3, 5])
 * ```
 */
export const seed = globalState.seed.bind(globalState);
export const getState = globalState.getState.bind(globalState);
export const setState = globalState.setState.bind(globalState);
export const rand = globalState.rand.bind(globalState);
export const randn = globalState.randn.bind(globalState);
export const random = globalState.random.bind(globalState);
export const randomSample = globalState.randomSample.bind(globalState);
export const uniform = globalState.uniform.bind(globalState);
export const normal = globalState.normal.bind(globalState);
export const standardNormal = globalState.standardNormal.bind(globalState);
export const randint = globalState.randint.bind(globalState);
export const binomial = globalState.binomial.bind(globalState);
export const poisson = globalState.poisson.bind(globalState);
export const multinomial = globalState.multinomial.bind(globalState);
export const choice = globalState.choice.bind(globalState);
export const shuffle = globalState.shuffle.bind(globalState);
export const permutation = globalState.permutation.bind(globalState);
