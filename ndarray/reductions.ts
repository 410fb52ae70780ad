// PLACEHOLDER (being written by the reductions helper).
import type { NDArray, Axis } from './ndarray.ts';
export interface ReduceOptions { axis?: Axis; keepdims?: boolean }
export interface VarOptions extends ReduceOptions { ddof?: number }
export interface ArgOptions { axis?: number | null; keepdims?: boolean }
export interface ScanOptions { axis?: number | null }
const todo = (..._: unknown[]): never => { throw new Error('not implemented yet'); };
type R<O> = (a: NDArray, o?: O) => NDArray;
export const sum: R<ReduceOptions> = todo, prod: R<ReduceOptions> = todo, mean: R<ReduceOptions> = todo,
  min: R<ReduceOptions> = todo, max: R<ReduceOptions> = todo, all: R<ReduceOptions> = todo, any: R<ReduceOptions> = todo;
export const std: R<VarOptions> = todo, var_: R<VarOptions> = todo;
export const argmin: R<ArgOptions> = todo, argmax: R<ArgOptions> = todo;
export const cumsum: R<ScanOptions> = todo, cumprod: R<ScanOptions> = todo;
