// tessera/ndarray: NumPy's array API in TypeScript. `import * as np from 'tessera/ndarray'`.
// Importing this module registers the `cpu` backend; `await np.initWebGPU()` adds `webgpu`.
import './cpu/backend.ts';

export { NDArray, type ArrayLike, type Axis, type Flags } from './ndarray.ts';
export type { DType, TypedArray } from './dtype.ts';
export { canCast, promoteTypes, resultType } from './dtype.ts';
export { ValueError, IndexError, AxisError, CastingError, LinAlgError, MemoryError, OverflowError } from './errors.ts';
export { broadcastShapesOf as broadcastShapes } from './shape.ts';
export { setDefaultDevice, getDefaultDevice, type DeviceName } from './backend.ts';
// TF.js users know the default device as the "backend": `np.setBackend('webgpu')` is the same call.
export { setDefaultDevice as setBackend } from './backend.ts';
export { memory, tidy, keep, setMemoryWarning } from './memory.ts';
export { getNumThreads, setNumThreads, startThreads } from './cpu/threads.ts';
export { getCpuKernels, setCpuKernels, type CpuKernels } from './cpu/wasm/kernels.ts';
export { initWebGPU, isWebGPUAvailable } from './webgpu/backend.ts';
export * as webgpu from './webgpu/index.ts';
/** Fused optimizer updates on every device (np.fused.adamStep, ...): see optimizer-steps.ts. */
export * as fused from './optimizer-steps.ts';
export { setPrintOptions, getPrintOptions, type PrintOptions } from './print.ts';
export {
  array, asarray, fromBuffer, empty, zeros, ones, full, emptyLike, zerosLike, onesLike, fullLike,
  arange, linspace, eye, identity, meshgrid, copy, type CreateOptions,
} from './creation.ts';
export {
  reshape, ravel, flatten, transpose, swapaxes, moveaxis, expandDims, squeeze, flip, broadcastTo,
  broadcastArrays, concatenate, stack, vstack, hstack, append, split, arraySplit,
} from './manipulation.ts';
export { Slice, slice, newaxis } from './slice.ts';
export type { IndexItem } from './selection.ts';
export { nonzero, flatnonzero, argwhere, take, put, takeAlongAxis, putAlongAxis, type IndexMode } from './take.ts';
export * from './ufuncs.ts';
export { interp, type InterpOptions } from './interp.ts';
export * from './compare.ts';
export {
  sum, prod, mean, std, min, max, argmin, argmax, all, any, cumsum, cumprod,
  type ReduceOptions, type SumOptions, type VarOptions, type ArgOptions, type ScanOptions, type WhereOptions,
} from './reductions.ts';
export { var_ as var } from './reductions.ts';
export { sort, argsort, unique, searchsorted, bincount, type SortOptions, type UniqueOptions, type UniqueResult } from './sorting.ts';
export { repeat, tile } from './repeat.ts';
export { diff, type DiffOptions } from './diff.ts';
export { median, quantile, percentile, type QuantileOptions, type QuantileMethod, type QuantileMethodOptions } from './quantile.ts';
export { average, ptp, type AverageOptions } from './statistics.ts';
export * from './io/index.ts';
export { matmul, dot, inner, outer, vdot, tensordot } from './matmul.ts';
export * as linalg from './linalg/index.ts';
/** Raw element buffers for code that loops over elements itself: see buffers.ts. */
export { asTypedArray, sharedEmpty } from './buffers.ts';
export { nearestRows, type NearestRowsOptions } from './nearest.ts';
export * as char from './char.ts';
/** Scalar functions rounded exactly as C's libm rounds them (np.libm.log): see libm.ts. */
export * as libm from './libm.ts';
export { addAt } from './indexing.ts';
/** The keyword check of every tessera function, for code built on tessera (nn's layers, sklearn's estimators). */
export { checkOptions } from './options.ts';
export { softmax, logSoftmax, logsumexp, type SoftmaxOptions, type LogsumexpOptions } from './special.ts';
export { grad, valueAndGrad, stopGradient, sumToShape, customVjp, type GradOptions, type Differentiable } from './autodiff/grad.ts';
export { numericalGrad, type NumericalGradOptions } from './autodiff/numerical.ts';
export * as random from './random/index.ts';
