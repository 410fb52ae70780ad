// One training step, the heart of fit:
//   1. forward:  ŷ = model(x, training = true)
//   2. loss:     L = mean(loss(y, ŷ) · sample weights) + regularization penalties
//   3. backward: ∂L/∂w for every trainable weight w, by np.valueAndGrad (the tape records 1 and 2)
//   4. update:   the optimizer changes each w in place (optimizers/)
// While np.grad records, each trainable Variable holds the traced copy it is differentiated at; the
// original arrays are put back before the update. Nothing is read back to the host: the loss and
// the metrics stay on the device, as 0-d arrays the caller accumulates.
import * as np from '../../ndarray/index.ts';
import type { Model } from './model.ts';
import type { Variable } from '../variable.ts';

type NDArray = np.NDArray;

export interface StepResult {
  /** The batch's loss (0-d, on the model's device). */
  loss: NDArray;
  /** Each compiled metric's mean over the batch (0-d). */
  metrics: NDArray[];
}

/** Runs `fn` with each variable holding the given value instead of its own, then restores them. */
function withValues<T>(variables: readonly Variable[], values: readonly NDArray[], fn: () => T): T {
  const saved = variables.map((v) => v.value);
  variables.forEach((v, i) => { v.value = values[i]; });
  try {
    return fn();
  } finally {
    variables.forEach((v, i) => { v.value = saved[i]; });
  }
}

/** The metrics of a batch from its predictions (outside the tape). */
export function batchMetrics(model: Model, y: NDArray, yPred: NDArray): NDArray[] {
  return model.requireCompiled().metrics.map((m) => np.mean(m.resolve(y, yPred)(y, yPred)));
}

/** One gradient step on (x, y); returns the loss and metrics of the batch, before the update. */
export function trainStep(model: Model, x: NDArray, y: NDArray, sampleWeight: NDArray | null): StepResult {
  const c = model.requireCompiled();
  const variables = c.trainable;
  const [loss, ...metrics] = np.tidy(() => {
    const [[value, yPred], grads] = np.valueAndGrad((values: NDArray[]) => withValues(variables, values, () => {
      const out = model.call(x, true);
      return [model.computeLoss(y, out, sampleWeight), out];
    }), { hasAux: true })(variables.map((v) => v.value)) as [[NDArray, NDArray], NDArray[]];
    c.optimizer.apply(grads, variables);
    model.layers.forEach((l) => l.finishStep());
    return [value, ...batchMetrics(model, y, yPred)];
  });
  return { loss, metrics };
}

/** The loss and metrics of a batch without training (evaluate, validation). */
export function testStep(model: Model, x: NDArray, y: NDArray, sampleWeight: NDArray | null): StepResult {
  const [loss, ...metrics] = np.tidy(() => {
    const yPred = model.call(x, false);
    return [model.computeLoss(y, yPred, sampleWeight), ...batchMetrics(model, y, yPred)];
  });
  return { loss, metrics };
}
