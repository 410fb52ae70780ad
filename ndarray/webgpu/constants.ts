// The numbers TypeScript and the shaders share, each written once here and once as a WGSL `const`
// of the same name: workgroup sizes, and the codes of the ops a kernel `switch`es on. A code's WGSL
// name is its family's prefix and its TypeScript name in capitals: sum -> REDUCE_SUM, lessEqual ->
// OP_LESS_EQUAL (wgslName); the ufunc codes are the `code` column of ndarray/ops.ts.
// tests/wgsl-names.test.ts parses shaders/*.wgsl and checks both sides agree, on machines without a GPU too.
import type { ArgReduceOp, ReduceOp, ScanOp } from '../backend.ts';

/** Threads per workgroup of the one-thread-per-element kernels (WG in common.wgsl). */
export const WG = 256;
/** Elements each thread handles in an elementwise kernel (PER_THREAD in common.wgsl). */
export const PER_THREAD = 16;
/** Elements per workgroup of an elementwise kernel (BLOCK in common.wgsl). */
export const BLOCK = WG * PER_THREAD;

/** matmul.wgsl's workgroup: TILE_COLS x TILE_ROWS threads, each computing 4 x 4 outputs. */
export const TILE_COLS = 8;
export const TILE_ROWS = 8;
/** Rows and columns of out per matmul workgroup. */
export const TILE = TILE_ROWS * 4;

/** reduce.wgsl's OP (REDUCE_SUM ...). */
export const REDUCE_CODES: Readonly<Record<ReduceOp, number>> = { sum: 0, prod: 1, min: 2, max: 3, all: 4, any: 5 };
/** argreduce.wgsl's OP (REDUCE_ARGMIN, REDUCE_ARGMAX). */
export const ARG_REDUCE_CODES: Readonly<Record<ArgReduceOp, number>> = { argmin: 0, argmax: 1 };
/** scan.wgsl's OP (SCAN_CUMSUM, SCAN_CUMPROD). */
export const SCAN_CODES: Readonly<Record<ScanOp, number>> = { cumsum: 0, cumprod: 1 };
/** sort.wgsl's OP, what out receives: the sorted values (np.sort, SORT_VALUES) or the indices that
 *  sort (np.argsort, SORT_INDICES). */
export const SORT_CODES: Readonly<Record<'values' | 'indices', number>> = { values: 0, indices: 1 };

/** The activations the fused matmul epilogue knows; matmul.wgsl's ACT is the index (ACT_RELU ...). */
export const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'softplus', 'swish'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** The WGSL constant naming code `name` of a family: wgslName('OP', 'lessEqual') is 'OP_LESS_EQUAL'. */
export function wgslName(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}
