// PLACEHOLDER (being written by the matmul helper).
import type { View } from '../backend.ts';
export const matmulKernel = (a: View, b: View, out: View): void => { throw new Error('not implemented yet'); };
