// PLACEHOLDER (being written by the ufuncs helper).
import type { View } from '../backend.ts';
const todo = (..._: unknown[]): never => { throw new Error('not implemented yet'); };
export const unaryKernel = (op: string, x: View, out: View): void => todo(op, x, out);
export const binaryKernel = (op: string, a: View, b: View, out: View): void => todo(op, a, b, out);
export const whereKernel = (c: View, a: View, b: View, out: View): void => todo(c, a, b, out);
