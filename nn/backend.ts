// The state a Keras program shares: the float type (`floatx`, float32 as in Keras), the fuzz factor
// `epsilon` (1e-7), the random stream that initialisers, shuffling and dropout draw from
// (`setRandomSeed`), and the per-class counters that give layers their names (`dense`, `dense_1`,
// ... as Keras 3 names them). `clearSession()` resets the counters, as keras.backend.clear_session.
// The array functions Keras code calls through `K.` inside a Lambda (K.mean, K.expand_dims, ...) are
// re-exported at the end: they are tessera's own ndarray functions.
import * as np from '../ndarray/index.ts';

let floatxType: 'float32' | 'float64' = 'float32';
let epsilonValue = 1e-7;
let rng = new np.random.RandomState();
const nameCounts = new Map<string, number>();

/** The default float dtype of weights and data ('float32', Keras's floatx). */
export const floatx = (): 'float32' | 'float64' => floatxType;
export function setFloatx(dtype: 'float32' | 'float64'): void {
  if (dtype !== 'float32' && dtype !== 'float64') throw new TypeError(`Unknown floatx type: ${String(dtype)} (expected 'float32' or 'float64')`);
  floatxType = dtype;
}
/** Keras's fuzz factor: cross-entropies clip probabilities to [epsilon, 1 - epsilon]. */
export const epsilon = (): number => epsilonValue;
export function setEpsilon(value: number): void {
  if (!(value > 0 && value < 0.5)) throw new RangeError(`epsilon must be in (0, 0.5), got ${value}`);
  epsilonValue = value;
}

/** Makes weights, shuffling and dropout reproducible (keras.utils.set_random_seed). */
export function setRandomSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0) throw new TypeError(`setRandomSeed expects a non-negative integer, got ${seed}`);
  rng = new np.random.RandomState(seed);
}
/** The random stream nn draws from (a NumPy RandomState). */
export const randomState = (): np.random.RandomState => rng;

/** Keras's snake_case name of a class (its to_snake_case): Dense -> dense, MaxPooling2D ->
 *  max_pooling2d, Conv2D -> conv2d, BatchNormalization -> batch_normalization, LSTM -> lstm. */
export function snakeCase(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A fresh name for an object of class `prefix`: the first is `prefix`, then `prefix_1`, ... */
export function uniqueName(prefix: string): string {
  const n = nameCounts.get(prefix) ?? 0;
  nameCounts.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}

/** Resets the layer-name counters (keras.backend.clear_session / keras.utils.clear_session). */
export function clearSession(): void {
  nameCounts.clear();
}

/** Keras's `K.clear_session()` under its Keras 2 name `backend.reset()`. */
export const reset = clearSession;
/** `K.cast_to_floatx(x)`: x as an array of floatx. */
export const castToFloatx = (x: np.ArrayLike): np.NDArray => np.asarray(x).astype(floatx());

// K.* functions a Lambda uses, as tessera's ndarray functions.
export { expandDims, squeeze, reshape, concatenate, stack, sum, mean, max, min, std, square, sqrt, exp, log, abs, clip, dot, transpose, maximum, minimum, softmax } from '../ndarray/index.ts';
