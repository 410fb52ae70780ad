// Losses: how far the predictions p are from the targets y, as Keras computes them. Each function
// gives one value per sample (a mean or sum over the last axis); the loss of a batch is the mean of
// those values (Keras's 'sum_over_batch_size' reduction). With ε = 1e-7 (backend.epsilon):
//   meanSquaredError:  mean((y - p)²)            meanAbsoluteError: mean(|y - p|)
//   huber(δ = 1):      mean(½e² if e ≤ δ else δe - ½δ²), e = |y - p|
//   binaryCrossentropy:       -mean(y log q + (1 - y) log(1 - q)), q = clip(p, ε, 1 - ε)
//     fromLogits (p = z):      mean(max(z, 0) - z y + log(1 + e^-|z|))   (the stable form)
//   categoricalCrossentropy:  -Σ y log q, q = clip(p / Σ p, ε, 1 - ε)    (Keras renormalises p)
//     fromLogits:              -Σ y logSoftmax(z)
//   sparseCategoricalCrossentropy: the same with integer labels instead of one-hot rows.
// No shape check happens here for mse/mae/huber: (n,) against (n, 1) broadcasts to (n, n) as in
// Keras 2; the model warns about it once (and refuses under compile's strictShapes).
// Gradients come from np.grad; clipped probabilities get gradient 0, as in Keras.
// As in Keras 3, predictions that come straight from a softmax (or sigmoid) activation are scored from
// its logits (activations.ts `logitsOf`): the fromLogits formula, with gradient softmax(z) - y.
import * as np from '../ndarray/index.ts';
import { epsilon } from './backend.ts';
import { checkOptions } from './options.ts';
import { logitsOf } from './activations.ts';
import { describe, requireArray, requireInt, requireTargets } from './checks.ts';

type NDArray = np.NDArray;
/** A loss: targets and predictions to one value per sample (the model averages them). */
export type LossFn = (yTrue: NDArray, yPred: NDArray) => NDArray;
export interface CrossentropyOptions { fromLogits?: boolean }

const lastAxis = { axis: -1 } as const;

/**
 * mean((y - ŷ)²) over the last axis: one value per sample.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { losses } from 'tessera/nn';
 *
 * console.log(losses.meanSquaredError(np.array([[0, 1], [0, 0]]), np.array([[1, 1], [1, 0]]))); // mean over the last axis
 * ```
 *
 * ```text output
 * array([0.5, 0.5])
 * ```
 */
export const meanSquaredError: LossFn = (y, p) => np.mean(np.square(np.subtract(y, p)), lastAxis);
export const meanAbsoluteError: LossFn = (y, p) => np.mean(np.abs(np.subtract(y, p)), lastAxis);

/**
 * Huber loss per sample: quadratic for errors up to `delta`, linear beyond, averaged over the last axis.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { losses } from 'tessera/nn';
 *
 * const huber = losses.huber({ delta: 1 }); // ½e² for |e| ≤ δ, else δ|e| - ½δ²
 * console.log(huber(np.array([[0, 1], [0, 0]]), np.array([[0.6, 0.4], [0.4, 3]])));
 * ```
 *
 * ```text output
 * array([0.18, 1.29])
 * ```
 */
export function huber(options: { delta?: number } = {}): LossFn {
  checkOptions('Huber', options, ['delta']);
  const delta = options.delta ?? 1;
  return (y, p) => {
    const e = np.abs(np.subtract(y, p));
    return np.mean(np.where(np.lessEqual(e, delta), np.multiply(np.square(e), 0.5), np.subtract(np.multiply(e, delta), 0.5 * delta * delta)), lastAxis);
  };
}

function sameShape(y: NDArray, p: NDArray): void {
  requireTargets('crossentropy', y, p);
  if (y.shape.join() !== p.shape.join()) {
    throw new np.ValueError(`Arguments \`target\` and \`output\` must have the same shape. Received: target.shape=(${y.shape.join(', ')}), output.shape=(${p.shape.join(', ')})`);
  }
}

/**
 * Binary crossentropy per sample, the mean over the last axis of -(y log p + (1 - y) log(1 - p)); p is clipped to [ε, 1 - ε], or taken as logits with `fromLogits`.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { losses } from 'tessera/nn';
 *
 * const bce = losses.binaryCrossentropy();
 * console.log(bce(np.array([[0, 1], [0, 0]]), np.array([[0.6, 0.4], [0.4, 0.6]]))); // one value per sample
 * ```
 *
 * ```text output
 * array([0.91629073, 0.71355818])
 * ```
 */
export function binaryCrossentropy(options: CrossentropyOptions = {}): LossFn {
  checkOptions('BinaryCrossentropy', options, ['fromLogits']);
  return (y, p) => {
    sameShape(y, p);
    const z = options.fromLogits ? p : logitsOf(p);
    if (z) {
      return np.mean(np.add(np.subtract(np.maximum(z, 0), np.multiply(z, y)), np.log1p(np.exp(np.negative(np.abs(z))))), lastAxis);
    }
    const q = np.clip(p, epsilon(), 1 - epsilon());
    return np.negative(np.mean(np.add(np.multiply(y, np.log(q)), np.multiply(np.subtract(1, y), np.log(np.subtract(1, q)))), lastAxis));
  };
}

/**
 * Categorical crossentropy per sample, -Σ y log p over the last axis for one-hot y (p normalised to sum 1 and clipped to [ε, 1 - ε]; logits with `fromLogits`).
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { losses } from 'tessera/nn';
 *
 * const cce = losses.categoricalCrossentropy();
 * console.log(cce(np.array([[0, 1, 0], [0, 0, 1]]), np.array([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]))); // one-hot targets
 * ```
 *
 * ```text output
 * array([0.05129329, 2.30258509])
 * ```
 */
export function categoricalCrossentropy(options: CrossentropyOptions = {}): LossFn {
  checkOptions('CategoricalCrossentropy', options, ['fromLogits']);
  return (y, p) => {
    sameShape(y, p);
    const z = options.fromLogits ? p : logitsOf(p);
    if (z) return np.negative(np.sum(np.multiply(y, np.logSoftmax(z, lastAxis)), lastAxis));
    const q = np.clip(np.divide(p, np.sum(p, { axis: -1, keepdims: true })), epsilon(), 1 - epsilon());
    return np.negative(np.sum(np.multiply(y, np.log(q)), lastAxis));
  };
}

/** Integer labels (n,) or (n, 1) as one-hot rows of `classes` columns, on the labels' device. */
export function oneHot(labels: NDArray, classes: number, dtype: np.DType): NDArray {
  requireArray('oneHot', 'labels', labels);
  requireInt('oneHot', 'classes', classes, 0);
  const flat = labels.ndim > 1 && labels.shape[labels.ndim - 1] === 1 ? np.squeeze(labels, { axis: -1 }) : labels;
  const ids = np.arange(0, classes, 1, { dtype: 'float32', device: labels.device });
  return np.equal(np.expandDims(flat.astype('float32'), -1), ids).astype(dtype);
}

/**
 * Categorical crossentropy with integer class targets instead of one-hot ones.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { losses } from 'tessera/nn';
 *
 * const scce = losses.sparseCategoricalCrossentropy();
 * console.log(scce(np.array([1, 2]), np.array([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]))); // integer class targets
 * ```
 *
 * ```text output
 * array([0.05129329, 2.30258509])
 * ```
 */
export function sparseCategoricalCrossentropy(options: CrossentropyOptions = {}): LossFn {
  checkOptions('SparseCategoricalCrossentropy', options, ['fromLogits']);
  const dense = categoricalCrossentropy(options);
  return (y, p) => {
    requireTargets('sparse_categorical_crossentropy', y, p);
    const rows = y.ndim === p.ndim ? y.shape.slice(0, -1) : y.shape;
    if (rows.join() !== p.shape.slice(0, -1).join() || (y.ndim === p.ndim && y.shape[y.ndim - 1] !== 1)) {
      throw new np.ValueError(`Arguments \`target\` and \`output\` must have the same shape up until the last dimension: target.shape=(${y.shape.join(', ')}), output.shape=(${p.shape.join(', ')})`);
    }
    return dense(oneHot(y, p.shape[p.ndim - 1], p.dtype), p);
  };
}

const NAMES: Record<string, () => LossFn> = {
  mean_squared_error: () => meanSquaredError, mse: () => meanSquaredError, meanSquaredError: () => meanSquaredError, MeanSquaredError: () => meanSquaredError,
  mean_absolute_error: () => meanAbsoluteError, mae: () => meanAbsoluteError, meanAbsoluteError: () => meanAbsoluteError, MeanAbsoluteError: () => meanAbsoluteError,
  huber: () => huber(), huber_loss: () => huber(), Huber: () => huber(),
  binary_crossentropy: () => binaryCrossentropy(), binaryCrossentropy: () => binaryCrossentropy(), BinaryCrossentropy: () => binaryCrossentropy(),
  categorical_crossentropy: () => categoricalCrossentropy(), categoricalCrossentropy: () => categoricalCrossentropy(), CategoricalCrossentropy: () => categoricalCrossentropy(),
  sparse_categorical_crossentropy: () => sparseCategoricalCrossentropy(), sparseCategoricalCrossentropy: () => sparseCategoricalCrossentropy(),
  SparseCategoricalCrossentropy: () => sparseCategoricalCrossentropy(),
};

/** The canonical Keras name of a loss spelling ('mse' -> 'mean_squared_error'), or null for a function. */
export function lossName(spec: string | LossFn): string | null {
  if (typeof spec !== 'string') return null;
  const fn = Object.hasOwn(NAMES, spec) ? NAMES[spec]() : undefined;
  if (fn === meanSquaredError) return 'mean_squared_error';
  if (fn === meanAbsoluteError) return 'mean_absolute_error';
  return spec.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().replace(/^huber_loss$/, 'huber');
}

/** A loss from a Keras name ('mse', 'categorical_crossentropy', camelCase too) or a function. */
export function getLoss(spec: string | LossFn): LossFn {
  if (typeof spec === 'function') return spec;
  const make = typeof spec === 'string' && Object.hasOwn(NAMES, spec) ? NAMES[spec] : undefined;
  if (!make) throw new np.ValueError(`Could not interpret loss identifier: ${describe(spec)} (known: ${Object.keys(NAMES).filter((k) => /^[a-z_]+$/.test(k)).join(', ')})`);
  return make();
}
