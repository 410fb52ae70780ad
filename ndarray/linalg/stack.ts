// The bridge between NDArrays and the float64 kernels of np.linalg.
// NumPy's linalg treats an array of shape (..., M, N) as a *stack* of M x N matrices and computes
// in float64 (float32 only comes back out when every input was float32). Here an input is read
// once into one row-major Float64Array holding the matrices one after another, the kernels work
// on `subarray` views of it, and the results are wrapped back into NDArrays of the right dtype.
import type { DType } from '../dtype.ts';
import { type Shape, shapeSize } from '../shape.ts';
import { LinAlgError, ValueError } from '../errors.ts';
import { NDArray, type ArrayLike } from '../ndarray.ts';
import { asarray } from '../creation.ts';
import { inSharedMemory } from '../cpu/threads.ts';

export type FloatDType = 'float32' | 'float64';

/** An input read as float64, in C order. */
export interface Dense {
  data: Float64Array;
  shape: number[];
  /** The dtype NumPy would return for this input alone: float32 stays float32, all else float64. */
  dtype: FloatDType;
}

/** A stack of matrices: `count` matrices of rows x cols, batch shape `batch`. */
export interface Stack extends Dense {
  batch: number[];
  rows: number;
  cols: number;
  count: number;
}

/** NumPy's linalg result type: float32 only when every input is float32 (it computes in float64). */
export function resultDType(...dtypes: DType[]): FloatDType {
  return dtypes.every((d) => d === 'float32') ? 'float32' : 'float64';
}

/** Reads any array-like into a fresh float64 buffer (the caller may overwrite it). */
export function readDense(a: ArrayLike, fname: string): Dense {
  const x = asarray(a);
  try {
    if (!x.backend.readSync) {
      throw new ValueError(`np.linalg.${fname} computes on the CPU: move the array first with \`await x.to('cpu')\``);
    }
    const raw = x.dataSync();
    // Big matrices go to shared memory, where the matrix products' worker threads read them in place.
    const data = inSharedMemory(raw instanceof Float64Array ? raw : Float64Array.from(raw));
    return { data, shape: [...x.shape], dtype: resultDType(x.dtype) };
  } finally {
    if (x !== a) x.dispose();
  }
}

/** NumPy's _assert_stacked_2d (and _assert_stacked_square when `square`). */
export function asStack(d: Dense, square = false): Stack {
  const nd = d.shape.length;
  if (nd < 2) throw new LinAlgError(`${nd}-dimensional array given. Array must be at least two-dimensional`);
  const rows = d.shape[nd - 2], cols = d.shape[nd - 1];
  if (square && rows !== cols) throw new LinAlgError('Last 2 dimensions of the array must be square');
  const batch = d.shape.slice(0, -2);
  return { ...d, batch, rows, cols, count: shapeSize(batch) };
}

export function readStack(a: ArrayLike, fname: string, square = false): Stack {
  return asStack(readDense(a, fname), square);
}

/** NumPy's _assert_2d: functions that do not broadcast over stacks (lstsq). */
export function assert2d(d: Dense): void {
  if (d.shape.length !== 2) {
    throw new LinAlgError(`${d.shape.length}-dimensional array given. Array must be two-dimensional`);
  }
}

/** Wraps float64 results as an NDArray of `dtype` (rounded to float32 when asked). */
export function wrap(data: Float64Array, shape: Shape, dtype: FloatDType): NDArray {
  return NDArray.fromTyped(dtype === 'float32' ? Float32Array.from(data) : data, shape, dtype);
}

/** Matrix `k` of a stack whose matrices have `size` elements, as a view (no copy). */
export function matrixAt(data: Float64Array, k: number, size: number): Float64Array {
  return data.subarray(k * size, (k + 1) * size);
}

/** For every matrix of the broadcast batch `out`, the index of the matrix it reads in batch `inp`
 *  (batch shapes are aligned on the right; size-1 axes repeat, as in broadcasting). */
export function batchSources(out: Shape, inp: Shape): Int32Array {
  const n = shapeSize(out);
  const src = new Int32Array(n);
  const lead = out.length - inp.length;
  for (let k = 0; k < n; k++) {
    let rest = k, idx = 0, stride = 1;
    for (let ax = out.length - 1; ax >= 0; ax--) {
      const i = rest % out[ax];
      rest = (rest - i) / out[ax];
      const j = ax - lead;
      if (j < 0) continue;
      if (inp[j] !== 1) idx += i * stride;
      stride *= inp[j];
    }
    src[k] = idx;
  }
  return src;
}

/** Transpose of a rows x cols row-major matrix (into `out` when given). */
export function transposeOf(a: Float64Array, rows: number, cols: number, out = new Float64Array(rows * cols)): Float64Array {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

/** The count x len matrix whose row r is row order[r] of `rowsOf` (rows of length len; rows past
 *  order.length keep their place), or its len x count transpose when asColumns. Used to sort
 *  singular/eigen vectors, which the iterations keep as rows, into NumPy's layout. */
export function gatherRows(rowsOf: Float64Array, len: number, count: number, order: Int32Array, asColumns: boolean): Float64Array {
  const out = new Float64Array(len * count);
  for (let r = 0; r < count; r++) {
    const src = (r < order.length ? order[r] : r) * len;
    if (asColumns) for (let i = 0; i < len; i++) out[i * count + r] = rowsOf[src + i];
    else out.set(rowsOf.subarray(src, src + len), r * len);
  }
  return out;
}
