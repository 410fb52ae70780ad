// Metrics: numbers reported during training that the optimizer does not minimise. Each metric
// function gives one value per sample; the epoch's value is the mean over all samples seen.
//   binaryAccuracy:      mean(1[(p > 0.5) = y])
//   categoricalAccuracy: 1[argmax p = argmax y]
//   sparseCategoricalAccuracy: 1[argmax p = y]
// 'accuracy' (or 'acc') picks one of them as Keras 3 does, from the shapes: a last axis of 1 in the
// prediction means binary; a target without that axis (or with 1 where the prediction has more)
// means sparse labels; otherwise one-hot rows.
import * as np from '../ndarray/index.ts';
import { meanSquaredError, meanAbsoluteError, type LossFn } from './losses.ts';
import { describe, requireList, requireTargets } from './checks.ts';

type NDArray = np.NDArray;
export type MetricFn = (yTrue: NDArray, yPred: NDArray) => NDArray;

export const binaryAccuracy: MetricFn = (y, p) => (requireTargets('binary_accuracy', y, p), np.mean(np.equal(y, np.greater(p, 0.5).astype(y.dtype)).astype(p.dtype), { axis: -1 }));
export const categoricalAccuracy: MetricFn = (y, p) => (requireTargets('categorical_accuracy', y, p), np.equal(np.argmax(y, { axis: -1 }), np.argmax(p, { axis: -1 })).astype(p.dtype));
export const sparseCategoricalAccuracy: MetricFn = (y, p) => {
  requireTargets('sparse_categorical_accuracy', y, p);
  const labels = y.ndim === p.ndim ? np.squeeze(y, { axis: -1 }) : y;
  return np.equal(labels.astype('int32'), np.argmax(p, { axis: -1 })).astype(p.dtype);
};

/** The accuracy Keras 3 means by 'accuracy' for targets and predictions of these shapes. */
export function accuracyFor(yTrue: readonly number[], yPred: readonly number[]): MetricFn {
  for (const [name, shape] of [['yTrue', yTrue], ['yPred', yPred]] as const) {
    if (!requireList<number>('accuracyFor', name, shape).every((d) => Number.isInteger(d) && d >= 0) || shape.length === 0) {
      throw new np.ValueError(`accuracyFor: \`${name}\` must be a shape (a non-empty list of sizes), got ${describe(shape)}`);
    }
  }
  if (yPred[yPred.length - 1] === 1) return binaryAccuracy;
  if (yTrue.length < yPred.length || yTrue[yTrue.length - 1] === 1) return sparseCategoricalAccuracy;
  return categoricalAccuracy;
}

/** A compiled metric: its name in the logs and its per-sample function (resolved on first use for 'accuracy'). */
export interface Metric {
  readonly name: string;
  fn: MetricFn | null;
  /** For 'accuracy': picks the function from the first batch's shapes. */
  resolve(yTrue: NDArray, yPred: NDArray): MetricFn;
}

const NAMED: Record<string, [string, MetricFn | null]> = {
  accuracy: ['accuracy', null], acc: ['acc', null],
  binary_accuracy: ['binary_accuracy', binaryAccuracy], binaryAccuracy: ['binary_accuracy', binaryAccuracy],
  categorical_accuracy: ['categorical_accuracy', categoricalAccuracy], categoricalAccuracy: ['categorical_accuracy', categoricalAccuracy],
  sparse_categorical_accuracy: ['sparse_categorical_accuracy', sparseCategoricalAccuracy], sparseCategoricalAccuracy: ['sparse_categorical_accuracy', sparseCategoricalAccuracy],
  mse: ['mse', meanSquaredError], mean_squared_error: ['mean_squared_error', meanSquaredError], meanSquaredError: ['mean_squared_error', meanSquaredError],
  mae: ['mae', meanAbsoluteError], mean_absolute_error: ['mean_absolute_error', meanAbsoluteError], meanAbsoluteError: ['mean_absolute_error', meanAbsoluteError],
};

/** A metric from a Keras name ('accuracy', 'acc', 'mae', ...) or a function (named after it). */
export function getMetric(spec: string | MetricFn | LossFn): Metric {
  if (typeof spec === 'function') {
    return { name: spec.name || 'custom_metric', fn: spec, resolve: () => spec };
  }
  const entry = typeof spec === 'string' && Object.hasOwn(NAMED, spec) ? NAMED[spec] : undefined;
  if (!entry) throw new np.ValueError(`Could not interpret metric identifier: ${describe(spec)} (known: ${Object.keys(NAMED).filter((k) => /^[a-z_]+$/.test(k)).join(', ')})`);
  const metric: Metric = {
    name: entry[0],
    fn: entry[1],
    resolve(y, p) {
      metric.fn ??= accuracyFor(y.shape, p.shape);
      return metric.fn;
    },
  };
  return metric;
}
