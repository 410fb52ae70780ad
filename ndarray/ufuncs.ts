// PLACEHOLDER (being written by the ufuncs helper): elementwise operations with broadcasting.
import type { NDArray, ArrayLike } from './ndarray.ts';
type B = (a: ArrayLike, b: ArrayLike, options?: { out?: NDArray }) => NDArray;
type U = (a: ArrayLike, options?: { out?: NDArray }) => NDArray;
const todo = (): never => { throw new Error('not implemented yet'); };
export const add: B = todo, subtract: B = todo, multiply: B = todo, divide: B = todo, power: B = todo,
  floorDivide: B = todo, mod: B = todo, maximum: B = todo, minimum: B = todo, equal: B = todo, notEqual: B = todo,
  less: B = todo, lessEqual: B = todo, greater: B = todo, greaterEqual: B = todo, logicalAnd: B = todo, logicalOr: B = todo;
export const negative: U = todo, abs: U = todo, sqrt: U = todo, square: U = todo, exp: U = todo, log: U = todo;
export const clip = (a: ArrayLike, min: ArrayLike | null, max: ArrayLike | null): NDArray => todo();
