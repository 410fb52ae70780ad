// PLACEHOLDER (being written by the indexing helper).
import type { View } from '../backend.ts';
const todo = (..._: unknown[]): never => { throw new Error('not implemented yet'); };
export const gatherKernel = (x: View, positions: View, out: View): void => todo(x, positions, out);
export const scatterKernel = (out: View, positions: View, values: View): void => todo(out, positions, values);
