// checkGradients: does the model's backward pass (the autodiff) agree with central differences?
// For each weight w: the gradient of the loss on (x, y) by np.grad, and by
//   (L(w + h eᵢ) - L(w - h eᵢ)) / 2h  for every element i,
// computed on a float64 CPU copy of the model (so rounding does not hide a wrong rule). Dropout is
// off (the loss must be a deterministic function of the weights). For small models: it evaluates
// the loss twice per weight element.
import * as np from '../../ndarray/index.ts';
import { requireModel, type Model } from '../models/model.ts';
import { checkOptions } from '../options.ts';
import { requireNumber } from '../checks.ts';
import type { Variable } from '../variable.ts';

type NDArray = np.NDArray;
export interface GradientCheck { name: string; maxAbsError: number; maxRelError: number }

/** Per weight: the largest absolute and relative difference of autodiff and numerical gradients. */
export async function checkGradients(model: Model, x: np.ArrayLike | NDArray, y: np.ArrayLike | NDArray, options: { eps?: number } = {}): Promise<GradientCheck[]> {
  requireModel('checkGradients', model).requireCompiled();
  checkOptions('checkGradients', options, ['eps']);
  const eps = requireNumber('checkGradients', 'eps', options?.eps ?? 1e-6, Number.MIN_VALUE);
  const host = async (a: np.ArrayLike | NDArray): Promise<NDArray> => {
    const arr = a instanceof np.NDArray ? (a.device === 'cpu' ? a : await a.to('cpu')) : np.asarray(a);
    return arr.astype('float64');
  };
  const [xs, ys0] = [await host(x), await host(y)];
  model.ensureBuilt(xs.shape);
  const ys = ys0.ndim === 1 && model.outputShape.length === 2 && model.outputShape[1] === 1 ? ys0.reshape([-1, 1]) : ys0;
  const variables = model.trainableWeights;
  const originals = variables.map((v) => v.value);
  const point = await Promise.all(variables.map(async (v) => (v.value.device === 'cpu' ? v.value : await v.value.to('cpu')).astype('float64')));
  const lossAt = (values: NDArray[]): NDArray => {
    variables.forEach((v: Variable, i) => { v.value = values[i]; });
    return model.computeLoss(ys, model.call(xs, false), null);
  };
  try {
    const grads = np.grad((values: NDArray[]) => lossAt(values))(point) as NDArray[];
    return variables.map((v, i) => {
      const numeric = np.numericalGrad((w) => lossAt(point.map((p, j) => (j === i ? w : p))), point[i], { eps });
      const [a, b] = [grads[i].dataSync(), numeric.dataSync()];
      let [abs, rel] = [0, 0];
      for (let k = 0; k < a.length; k++) {
        const d = Math.abs(a[k] - b[k]);
        abs = Math.max(abs, d);
        rel = Math.max(rel, d / Math.max(Math.abs(a[k]) + Math.abs(b[k]), 1e-12));
      }
      numeric.dispose();
      return { name: v.name, maxAbsError: abs, maxRelError: rel };
    });
  } finally {
    variables.forEach((v, i) => { v.value = originals[i]; });
  }
}
