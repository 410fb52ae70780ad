// PLACEHOLDER (being written by the printing helper).
import type { NDArray } from './ndarray.ts';
export const formatRepr = (a: NDArray): string => `array(shape=${JSON.stringify(a.shape)}, dtype=${a.dtype})`;
export const formatStr = (a: NDArray): string => formatRepr(a);
