// PLACEHOLDER (being written by the indexing helper).
import type { NDArray, ArrayLike } from './ndarray.ts';
export type IndexItem = number | string | null | NDArray | readonly (number | boolean)[];
const todo = (..._: unknown[]): never => { throw new Error('not implemented yet'); };
export const getItem = (a: NDArray, index: IndexItem[]): NDArray => todo(a, index);
export const setItem = (a: NDArray, index: IndexItem[], value: ArrayLike): void => todo(a, index, value);
/** The 1-element view selected by integer indices (all of them, or none for a size-1 array). */
export const itemView = (a: NDArray, index: number[]): NDArray => todo(a, index);
