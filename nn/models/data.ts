// Getting data into a model: arrays of any kind become float arrays on the model's device once per
// call (one upload, not one per batch), a validation split takes the LAST rows (before shuffling,
// as Keras does), and batches are row selections of the device arrays (a gather of shuffled rows,
// or a view of consecutive rows).
import * as np from '../../ndarray/index.ts';

type NDArray = np.NDArray;
export type Data = NDArray | np.ArrayLike;

/** `x` as a `dtype` array on `device`. `owned` tells whether it is a new array the caller must free. */
export async function toModelArray(x: Data, device: np.DeviceName, dtype: np.DType, what: string): Promise<{ array: NDArray; owned: boolean }> {
  if (x === undefined || x === null) throw new np.ValueError(`${what} is missing`);
  if (x instanceof np.NDArray) {
    x.assertAlive();
    if (x.device === device && x.dtype === dtype) return { array: x, owned: false };
    const values = await x.data();
    return { array: fromHost(values, x.shape, dtype, device), owned: true };
  }
  const host = np.asarray(x);
  if (!np.NDArray.prototype.isPrototypeOf(host) || host.ndim === 0) throw new np.ValueError(`${what} must be an array with a batch axis, got ${typeof x}`);
  const result = await toModelArray(host, device, dtype, what);
  if (result.array !== host) host.dispose();
  return { array: result.array, owned: true };
}

/** The rows [start, end) of x: a view, no copy. */
export const rows = (x: NDArray, start: number, end: number): NDArray => x.get(`${start}:${end}`);

/** The rows of x at `index` (an int32 CPU array): a gather on x's device. */
export function take(x: NDArray, index: Int32Array): NDArray {
  return x.get(index);
}

/** Where a validation split of `fraction` starts: floor(n · (1 - fraction)) (Keras's rule). */
export function splitAt(n: number, fraction: number): number {
  if (!(fraction > 0 && fraction < 1)) throw new np.ValueError(`validationSplit must be between 0 and 1 (exclusive), got ${fraction}`);
  const at = Math.floor(n * (1 - fraction));
  if (at === 0 || at === n) {
    throw new np.ValueError(`Training data contains ${n} samples, which is not sufficient to split it into a validation and training set as specified by \`validation_split=${fraction}\`. Either provide more data, or a different value for the \`validation_split\` argument.`);
  }
  return at;
}

/** A new array of `shape` on `device` from host values, converted to `dtype` on the way. */
export function fromHost(values: ArrayLike<number>, shape: readonly number[], dtype: np.DType, device: np.DeviceName): NDArray {
  const typed = dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
  return np.NDArray.fromTyped(typed, shape, dtype, device, { copy: false });
}
