// Activation functions, by Keras name. Each is a function of tessera ops, so np.grad differentiates
// it; the derivative is written beside each for the learner (σ is the sigmoid):
//   linear(x) = x                                   1
//   relu(x) = max(x, 0)                             1 if x > 0 else 0
//   sigmoid(x) = 1 / (1 + e^-x)                     σ(x)(1 - σ(x))
//   tanh(x)                                         1 - tanh²(x)
//   softmax(x)_i = e^x_i / Σ_j e^x_j (last axis)    y_i(g_i - Σ_j g_j y_j) as a vector-Jacobian product
//   leakyRelu(x) = x if x > 0 else 0.2 x            1 or 0.2
//   elu(x) = x if x > 0 else e^x - 1                1 or e^x
//   selu(x) = λ elu_α(x), λ ≈ 1.0507, α ≈ 1.6733    λ or λ α e^x
//   softplus(x) = log(1 + e^x)                      σ(x)
//   gelu(x) = x Φ(x) (Φ the normal CDF; Keras 3's default, approximate: false)
//
// softmax and sigmoid remember their input (`logitsOf`), as Keras 3 does with `_keras_logits`: the
// cross-entropy of a softmax (or sigmoid) output is then computed from the logits, which is exact
// where the probabilities would round to 0 or 1, and cheaper (the gradient is p - y).
import * as np from '../ndarray/index.ts';
import { describe } from './checks.ts';

type NDArray = np.NDArray;

const logits = new WeakMap<NDArray, NDArray>();
/** The input z of the softmax or sigmoid that produced y, if y came from one. */
export const logitsOf = (y: NDArray): NDArray | undefined => logits.get(y);
const remember = (y: NDArray, z: NDArray): NDArray => (logits.set(y, z), y);
export type ActivationFn = (x: NDArray) => NDArray;

const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

export const linear: ActivationFn = (x) => x;
/** relu as where(x > 0, x, 0), so the derivative at 0 is 0 as in Keras (maximum would share it). */
export const relu: ActivationFn = (x) => np.where(np.greater(x, 0), x, 0);
/** The stable sigmoid: e^x / (1 + e^x) for x < 0 and 1 / (1 + e^-x) otherwise (no overflow). */
export const sigmoid: ActivationFn = (x) => {
  const e = np.exp(np.negative(np.abs(x)));
  return remember(np.where(np.greaterEqual(x, 0), np.divide(1, np.add(e, 1)), np.divide(e, np.add(e, 1))), x);
};
export const tanh: ActivationFn = (x) => np.tanh(x);
export const softmax: ActivationFn = (x) => remember(np.softmax(x, { axis: -1 }), x);
export const leakyRelu: ActivationFn = (x) => np.where(np.greater(x, 0), x, np.multiply(x, 0.2));
export const elu: ActivationFn = (x) => np.where(np.greater(x, 0), x, np.expm1(np.minimum(x, 0)));
export const selu: ActivationFn = (x) => np.multiply(np.where(np.greater(x, 0), x, np.multiply(np.expm1(np.minimum(x, 0)), SELU_ALPHA)), SELU_SCALE);
/** softplus(x) = max(x, 0) + log1p(e^-|x|), the stable form of log(1 + e^x). */
export const softplus: ActivationFn = (x) => np.add(np.maximum(x, 0), np.log1p(np.exp(np.negative(np.abs(x)))));
/** gelu: x Φ(x), Φ the standard normal CDF (see `normalCdf`). */
export const gelu: ActivationFn = (x) => np.multiply(x, normalCdf(x));
/** gelu's tanh approximation: x/2 (1 + tanh(√(2/π)(x + 0.044715 x³))). */
export const geluApproximate: ActivationFn = (x) =>
  np.multiply(np.multiply(x, 0.5), np.add(np.tanh(np.multiply(np.add(x, np.multiply(np.power(x, 3), 0.044715)), Math.sqrt(2 / Math.PI))), 1));

/** Φ(x), the standard normal CDF, as 1/2 erfc(-x/√2), with erfc from W. J. Cody's rational
 *  approximation in the form of Numerical Recipes' erfcc (relative error < 1.2e-7), built from
 *  tessera ops so that it is differentiable. */
function normalCdf(x: NDArray): NDArray {
  const z = np.divide(np.abs(x), Math.SQRT2);
  const t = np.divide(1, np.add(np.multiply(z, 0.5), 1));
  const coeffs = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
  let poly: NDArray | number = coeffs[9];
  for (let i = 8; i >= 0; i--) poly = np.add(np.multiply(t, poly), coeffs[i]);
  const erfcz = np.multiply(t, np.exp(np.add(np.negative(np.square(z)), poly)));
  const upper = np.subtract(1, np.multiply(erfcz, 0.5)); // Φ(|x|)
  return np.where(np.greaterEqual(x, 0), upper, np.subtract(1, upper));
}

const REGISTRY: Record<string, ActivationFn> = {
  linear, relu, sigmoid, tanh, softmax, leaky_relu: leakyRelu, leakyRelu, elu, selu, softplus, gelu,
};

/** The activation named `name` (Keras's snake_case or camelCase), or a function given as is. */
export function getActivation(name: string | ActivationFn | null | undefined): ActivationFn {
  if (name === null || name === undefined) return linear;
  if (typeof name === 'function') return name;
  const fn = typeof name === 'string' && Object.hasOwn(REGISTRY, name) ? REGISTRY[name] : undefined;
  if (!fn) throw new np.ValueError(`Unknown activation function: ${describe(name)}. Please ensure you are using a \`keras.utils.custom_object_scope\` and that this object is included in the scope. Known: ${Object.keys(REGISTRY).join(', ')}`);
  return fn;
}

/** The Keras name of an activation function, for configs and summaries ('custom' for others). */
export function activationName(fn: ActivationFn): string {
  if (typeof fn !== 'function') throw new TypeError(`activationName: \`fn\` must be an activation function, got ${describe(fn)}`);
  for (const [name, f] of Object.entries(REGISTRY)) if (f === fn && !/[A-Z]/.test(name)) return name;
  return fn.name || 'custom';
}

/** relu's derivative as a function of its input (for hand-written backward passes). */
export const reluBackward = (dA: NDArray, z: NDArray): NDArray => np.where(np.greater(z, 0), dA, 0);
/** sigmoid's derivative: dA σ(z)(1 - σ(z)). */
export const sigmoidBackward = (dA: NDArray, z: NDArray): NDArray => {
  const s = sigmoid(z);
  return np.multiply(dA, np.multiply(s, np.subtract(1, s)));
};
