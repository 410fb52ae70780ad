// toCategorical: integer class labels to one-hot rows (keras.utils.to_categorical).
//   y = [2, 0, 1], numClasses 3  ->  [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
// numClasses defaults to max(y) + 1; negative or too large labels are refused; float32 result.
import * as np from '../../ndarray/index.ts';
import { checkOptions } from '../options.ts';

export function toCategorical(y: np.ArrayLike | np.NDArray, numClasses?: number | null, options: { dtype?: np.DType } = {}): np.NDArray {
  checkOptions('toCategorical', options, ['dtype']);
  const labels = y instanceof np.NDArray ? y : np.asarray(y);
  if (labels.device !== 'cpu') throw new np.ValueError(`toCategorical takes labels on the CPU (read them with \`await y.to('cpu')\`), got an array on '${labels.device}'`);
  const values = Array.from(labels.dataSync() as ArrayLike<number>);
  for (const v of values) if (!Number.isInteger(v) || v < 0) throw new np.ValueError(`toCategorical: labels must be non-negative integers, got ${v}`);
  const k = numClasses ?? (values.length ? Math.max(...values) + 1 : 0);
  if (!Number.isInteger(k) || k <= 0) throw new np.ValueError(`toCategorical: numClasses must be a positive integer, got ${k}`);
  const bad = values.find((v) => v >= k);
  if (bad !== undefined) throw new np.IndexError(`index ${bad} is out of bounds for axis 1 with size ${k} (toCategorical: label ${bad} needs numClasses > ${bad}, got numClasses=${k})`);
  // A trailing axis of 1 is dropped first, as Keras does: (n, 1) labels give (n, k).
  const shape = labels.ndim > 1 && labels.shape[labels.ndim - 1] === 1 ? labels.shape.slice(0, -1) : [...labels.shape];
  const out = new Float32Array(values.length * k);
  values.forEach((v, i) => { out[i * k + v] = 1; });
  const result = np.NDArray.fromTyped(out, [...shape, k], 'float32', 'cpu', { copy: false });
  return options.dtype && options.dtype !== 'float32' ? np.tidy(() => result.astype(options.dtype!)) : result;
}
