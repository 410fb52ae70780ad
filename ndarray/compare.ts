// Are two arrays the same? `isclose`/`allclose` compare values with a tolerance, |a - b| <= atol + rtol*|b|
// (note: not symmetric in a and b, as in NumPy), `arrayEqual` compares shapes and values exactly, and
// `sharesMemory` asks whether writing one array could change the other (views of one buffer).
// allclose and arrayEqual read values, so like every reader they return a Promise; the ...Sync forms
// work on CPU arrays.
import { isFloat, type TypedArray } from './dtype.ts';
import { memoryExtent, shapesEqual } from './shape.ts';
import { NDArray, type ArrayLike } from './ndarray.ts';
import { asarray } from './creation.ts';
import { tidy } from './memory.ts';
import * as uf from './ufuncs.ts';
import { checkOptions } from './options.ts';

export interface CloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Two NaNs count as equal (default false). */
  equalNan?: boolean;
}

/** Casts an array operand to float (ints and bool to float64), leaves numbers alone. */
function asFloat(x: ArrayLike): NDArray | number | boolean {
  if (typeof x === 'number' || typeof x === 'boolean') return Number(x);
  const a = asarray(x);
  return isFloat(a.dtype) ? a : a.astype('float64');
}

/** np.isclose: where both are finite, |a - b| <= atol + rtol*|b|; infinities are close only to
 *  themselves; NaN is close to nothing unless equalNan. Broadcasts; returns bool. */
export function isclose(a: ArrayLike, b: ArrayLike, options: CloseOptions = {}): NDArray {
  checkOptions('isclose', options, ['rtol', 'atol', 'equalNan']);
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  return tidy(() => {
    const [x, y] = [asFloat(a), asFloat(b)];
    const finite = uf.logicalAnd(uf.isfinite(x), uf.isfinite(y));
    const within = uf.lessEqual(uf.abs(uf.subtract(x, y)), uf.add(uf.multiply(uf.abs(y), rtol), atol));
    const close = uf.where(finite, within, uf.equal(x, y));
    return equalNan ? uf.logicalOr(close, uf.logicalAnd(uf.isnan(x), uf.isnan(y))) : close;
  });
}

const allTrue = (data: TypedArray): boolean => data.every((v) => v !== 0);

async function readAll(x: NDArray | null): Promise<boolean> {
  if (x === null) return false;
  try {
    return allTrue(await x.data());
  } finally {
    x.dispose();
  }
}

function readAllSync(x: NDArray | null): boolean {
  if (x === null) return false;
  try {
    return allTrue(x.dataSync());
  } finally {
    x.dispose();
  }
}

/** np.allclose: every element isclose (see isclose for the test). */
export const allclose = (a: ArrayLike, b: ArrayLike, options: CloseOptions = {}): Promise<boolean> =>
  readAll(isclose(a, b, options));
export const allcloseSync = (a: ArrayLike, b: ArrayLike, options: CloseOptions = {}): boolean =>
  readAllSync(isclose(a, b, options));

/** a == b elementwise when the shapes are equal (no broadcasting), else null. */
function equalElements(a: ArrayLike, b: ArrayLike, equalNan: boolean): NDArray | null {
  return tidy(() => {
    const [x, y] = [asarray(a), asarray(b)];
    if (!shapesEqual(x.shape, y.shape)) return null;
    const eq = uf.equal(x, y);
    return equalNan ? uf.logicalOr(eq, uf.logicalAnd(uf.isnan(x), uf.isnan(y))) : eq;
  });
}

/** np.array_equal: same shape and the same values (NaN equal to NaN only with equalNan). */
export function arrayEqual(a: ArrayLike, b: ArrayLike, options: { equalNan?: boolean } = {}): Promise<boolean> {
  checkOptions('array_equal', options, ['equalNan']);
  return readAll(equalElements(a, b, options.equalNan ?? false));
}
export function arrayEqualSync(a: ArrayLike, b: ArrayLike, options: { equalNan?: boolean } = {}): boolean {
  checkOptions('array_equal', options, ['equalNan']);
  return readAllSync(equalElements(a, b, options.equalNan ?? false));
}

/** np.may_share_memory: the same buffer and overlapping [lowest, highest] positions. Cheap, but
 *  a[::2] and a[1::2] "may" share memory although no element is common. */
export function mayShareMemory(a: ArrayLike, b: ArrayLike): boolean {
  if (!(a instanceof NDArray) || !(b instanceof NDArray) || a.storage !== b.storage) return false;
  const ea = memoryExtent(a.shape, a.strides, a.offset);
  const eb = memoryExtent(b.shape, b.strides, b.offset);
  return ea !== null && eb !== null && ea[0] <= eb[1] && eb[0] <= ea[1];
}

/** Beyond this many elements sharesMemory stops enumerating and answers like mayShareMemory. */
const EXACT_LIMIT = 1 << 22;

/** np.shares_memory: is there a buffer position both arrays use? Exact: when the extents overlap,
 *  the positions of the smaller array are collected and looked up while walking the other one
 *  (NumPy solves the same question as a bounded integer program). For arrays with more than
 *  2^22 elements together it returns the extent test (true when in doubt). */
export function sharesMemory(a: ArrayLike, b: ArrayLike): boolean {
  if (!mayShareMemory(a, b)) return false;
  const [x, y] = [a as NDArray, b as NDArray];
  if (x.size + y.size > EXACT_LIMIT) return true;
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  const seen = new Set<number>();
  forEachPosition(small, (p) => void seen.add(p));
  let found = false;
  forEachPosition(large, (p) => (found ||= seen.has(p)));
  return found;
}

/** Calls fn with the buffer position of every element, in C order. */
function forEachPosition(x: NDArray, fn: (pos: number) => void): void {
  const walk = (axis: number, pos: number): void => {
    if (axis === x.ndim) return fn(pos);
    for (let i = 0; i < x.shape[axis]; i++) walk(axis + 1, pos + i * x.strides[axis]);
  };
  walk(0, x.offset);
}
