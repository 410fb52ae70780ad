// PLACEHOLDER (being written by the reductions helper).
import type { View, ReduceOp, ArgReduceOp, ScanOp } from '../backend.ts';
const todo = (..._: unknown[]): never => { throw new Error('not implemented yet'); };
export const reduceKernel = (op: ReduceOp, x: View, axes: readonly number[], out: View): void => todo(op, x, axes, out);
export const argReduceKernel = (op: ArgReduceOp, x: View, axis: number, out: View): void => todo(op, x, axis, out);
export const scanKernel = (op: ScanOp, x: View, axis: number, out: View): void => todo(op, x, axis, out);
