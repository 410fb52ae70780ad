// Matrix products with NumPy's rules: matmul (Python's `@`), dot, inner, outer, vdot, tensordot.
// The one thing to understand: all of them become the backend's single kernel, a stack of
// (m, k) @ (k, n) products, by viewing the operands with suitable shapes and strides: a 1-D operand
// gets a length-1 axis (stride 0), batch axes broadcast with stride 0, and dot/inner/tensordot move
// the summed axes next to each other and flatten the rest. Result dtypes follow promotion: bool @ bool
// is bool (an "or" of "and"s), integers wrap, int @ float is a float.
// np.grad differentiates matmul (the rule below); dot, inner, outer and tensordot are built from
// matmul and views, so their derivatives follow.
import { promoteTypes } from './dtype.ts';
import { type Shape, broadcastStrides, cStrides, formatShape, normalizeAxis, shapeSize } from './shape.ts';
import { type View, deviceDType } from './backend.ts';
import { IndexError, ValueError } from './errors.ts';
import { NDArray, type ArrayLike } from './ndarray.ts';
import { asarray } from './creation.ts';
import { moveaxis, ravel, reshape, transpose, swapaxes, squeeze } from './manipulation.ts';
import { commonDevice } from './join.ts';
import { differentiable, type Rule } from './autodiff/tape.ts';
import { multiply } from './ufuncs.ts';
import { tidy } from './memory.ts';
import { checkOptions } from './options.ts';

const SIGNATURE = '(n?,k),(k,m?)->(n?,m?)';

/** The batch shape of (..., m, k) @ (..., k, n): the leading axes broadcast, with NumPy's message. */
function batchShape(a: NDArray, b: NDArray, core: Shape): number[] {
  const [ba, bb] = [a.shape.slice(0, -2), b.shape.slice(0, -2)];
  const nd = Math.max(ba.length, bb.length);
  const pad = (s: Shape): number[] => [...new Array<number>(nd - s.length).fill(1), ...s];
  const [pa, pb] = [pad(ba), pad(bb)];
  return pa.map((d, i) => {
    if (d === pb[i] || pb[i] === 1) return d;
    if (d === 1) return pb[i];
    const remapped = (x: NDArray, s: Shape) => `${formatShape(x.shape, true)}->(${[...s, 'newaxis', 'newaxis'].join(',')})`;
    throw new ValueError(`operands could not be broadcast together with remapped shapes [original->remapped]: ${remapped(a, ba)} ${remapped(b, bb)}  and requested shape ${formatShape(core, true)}`);
  });
}

/** The view the kernel reads: `x` with a 1-D operand's added axis (stride 0) and broadcast batch axes. */
function kernelView(x: NDArray, shape: Shape, strides: Shape, target: Shape): View {
  return { storage: x.storage, dtype: x.dtype, shape: target, strides: broadcastStrides(shape, strides, target), offset: x.offset };
}

/** Y = A B  =>  dA = G Bᵀ and dB = Aᵀ G, with G the gradient of Y. A 1-D a is the row (1, k) and a
 *  1-D b the column (k, 1); G gets back the axes the result dropped. Summing over broadcast batch
 *  axes (and the row axis of a 1-D a) is left to autodiff's sumToShape. */
const matmulRule: Rule = (g, _y, inputs, args, needed) => {
  let k = 0;
  const [a, b] = args.slice(0, 2).map((v) => (v instanceof NDArray ? inputs[k++] : asarray(v as ArrayLike)));
  const A = a.ndim === 1 ? reshape(a, [1, -1]) : a;
  const B = b.ndim === 1 ? reshape(b, [-1, 1]) : b;
  const kept = g.ndim - (a.ndim > 1 ? 1 : 0) - (b.ndim > 1 ? 1 : 0);
  const G = reshape(g, [...g.shape.slice(0, kept), A.shape[A.ndim - 2], B.shape[B.ndim - 1]]);
  const da = (): NDArray => matmul(G, swapaxes(B, -1, -2));
  const db = (): NDArray => (b.ndim === 1 ? squeeze(matmul(swapaxes(A, -1, -2), G), { axis: -1 }) : matmul(swapaxes(A, -1, -2), G));
  const grads = [args[0] instanceof NDArray ? da : null, args[1] instanceof NDArray ? db : null].filter((f) => f !== null);
  return grads.map((f, i) => (needed[i] ? f!() : null));
};

/** np.matmul(a, b): the matrix product of the last two axes, broadcast over the leading ("batch")
 *  axes. A 1-D `a` is a row vector, a 1-D `b` a column vector, and that axis is dropped again.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const a = np.array([[1, 2], [3, 4]]);
 * console.log(np.matmul(a, [[5], [6]]));
 * console.log(np.matmul(a, [1, 1])); // a 1-D b is a column, dropped again
 * console.log(np.matmul(np.ones([10, 2, 3]), np.ones([3, 4])).shape); // batched
 * ```
 *
 * ```text output
 * array([[17],
 *        [39]])
 * array([3, 7])
 * [ 10, 2, 4 ]
 * ```
 */
export const matmul = differentiable('matmul', matmulImpl, matmulRule);
function matmulImpl(a: ArrayLike, b: ArrayLike): NDArray {
  return tidy(() => {
    let [x, y] = [asarray(a), asarray(b)];
    [x, y].forEach((v, i) => {
      v.assertAlive();
      if (v.ndim === 0) {
        throw new ValueError(`matmul: Input operand ${i} does not have enough dimensions (has 0, gufunc core with signature ${SIGNATURE} requires 1)`);
      }
    });
    const device = commonDevice([x, y]);
    const dtype = deviceDType(device, promoteTypes(x.dtype, y.dtype));
    if (x.dtype !== dtype) x = x.astype(dtype);
    if (y.dtype !== dtype) y = y.astype(dtype);
    // a (k,) reads as (1, k) and b (k,) as (k, 1): a new axis with stride 0.
    const [aShape, aStrides] = x.ndim === 1 ? [[1, ...x.shape], [0, ...x.strides]] : [x.shape, x.strides];
    const [bShape, bStrides] = y.ndim === 1 ? [[...y.shape, 1], [...y.strides, 0]] : [y.shape, y.strides];
    const [m, k] = aShape.slice(-2);
    const [kb, n] = bShape.slice(-2);
    if (k !== kb) {
      throw new ValueError(`matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${SIGNATURE} (size ${kb} is different from ${k})`);
    }
    const batch = batchShape(x, y, [m, n]);
    const full = [...batch, m, n];
    const out = NDArray.empty([...batch, ...(x.ndim > 1 ? [m] : []), ...(y.ndim > 1 ? [n] : [])], dtype, device);
    out.backend.matmul(
      kernelView(x, aShape, aStrides, [...batch, m, k]),
      kernelView(y, bShape, bStrides, [...batch, k, n]),
      { storage: out.storage, dtype, shape: full, strides: cStrides(full), offset: 0 },
    );
    return out;
  });
}

/** NumPy's error when the summed axes of dot/inner differ in length. */
function notAligned(a: Shape, b: Shape, aDim: number, bDim: number): ValueError {
  return new ValueError(`shapes ${formatShape(a, true)} and ${formatShape(b, true)} not aligned: ${a[aDim]} (dim ${aDim}) != ${b[bDim]} (dim ${bDim})`);
}

const isScalarLike = (x: NDArray): boolean => x.ndim === 0;

/** x reshaped to a matrix: the axes before `split` become rows, the rest columns. */
const asMatrix = (x: NDArray, split: number): NDArray =>
  reshape(x, [shapeSize(x.shape.slice(0, split)), shapeSize(x.shape.slice(split))]);

/** np.dot(a, b): for 2-D operands the matrix product, for 1-D ones the inner product (a 0-d array);
 *  with a scalar, the elementwise product. In general it sums over the last axis of `a` and the
 *  second-to-last of `b` (the last if b is 1-D): result shape a.shape[:-1] + b.shape[:-2] + b.shape[-1:]. */
export function dot(a: ArrayLike, b: ArrayLike): NDArray {
  return tidy(() => {
    const [x, y] = [asarray(a), asarray(b)];
    if (isScalarLike(x) || isScalarLike(y)) return multiply(a, b);
    const bDim = Math.max(y.ndim - 2, 0);
    if (x.shape[x.ndim - 1] !== y.shape[bDim]) throw notAligned(x.shape, y.shape, x.ndim - 1, bDim);
    if (x.ndim === 1 || y.ndim <= 2) return matmul(x, y);
    // (I..., k) . (J..., k, n): flatten to (I, k) @ (k, J*n), then unflatten to (I..., J..., n).
    const right = asMatrix(moveaxis(y, -2, 0), 1);
    const r = matmul(asMatrix(x, x.ndim - 1), right);
    return reshape(r, [...x.shape.slice(0, -1), ...y.shape.slice(0, -2), y.shape[y.ndim - 1]]);
  });
}

/** np.inner(a, b): sums over the last axis of both; result shape a.shape[:-1] + b.shape[:-1]. */
export function inner(a: ArrayLike, b: ArrayLike): NDArray {
  return tidy(() => {
    const [x, y] = [asarray(a), asarray(b)];
    if (isScalarLike(x) || isScalarLike(y)) return multiply(a, b);
    if (x.shape[x.ndim - 1] !== y.shape[y.ndim - 1]) {
      // NumPy reports b with its last two axes swapped (it computes dot(a, b.swapaxes(-1, -2))).
      const bShape = y.ndim > 1 ? [...y.shape.slice(0, -2), y.shape[y.ndim - 1], y.shape[y.ndim - 2]] : y.shape;
      throw notAligned(x.shape, bShape, x.ndim - 1, Math.max(y.ndim - 2, 0));
    }
    const r = matmul(asMatrix(x, x.ndim - 1), transpose(asMatrix(y, y.ndim - 1)));
    return reshape(r, [...x.shape.slice(0, -1), ...y.shape.slice(0, -1)]);
  });
}

/** np.outer(a, b): out[i, j] = a.ravel()[i] * b.ravel()[j] (a multiply with broadcasting). */
export function outer(a: ArrayLike, b: ArrayLike): NDArray {
  return tidy(() => multiply(reshape(ravel(a), [-1, 1]), ravel(b)));
}

/** np.vdot(a, b): both flattened, then the inner product (a 0-d array); sizes must match. */
export function vdot(a: ArrayLike, b: ArrayLike): NDArray {
  return tidy(() => {
    const [x, y] = [ravel(a), ravel(b)];
    if (x.size !== y.size) throw new ValueError(`cannot reshape array of size ${y.size} into shape (${x.size},)`);
    return matmul(x, y);
  });
}

/** Which axes np.tensordot sums: `axes = N` means the last N of a with the first N of b. */
function tensordotAxes(x: NDArray, y: NDArray, axes: number | readonly [readonly number[], readonly number[]]): [number[], number[]] {
  if (typeof axes === 'number' && (axes > x.ndim || axes > y.ndim)) throw new IndexError('tuple index out of range');
  const [ax, bx] = typeof axes === 'number'
    ? [Array.from({ length: axes }, (_, i) => x.ndim - axes + i), Array.from({ length: axes }, (_, i) => i)]
    : [axes[0].map((v) => normalizeAxis(v, x.ndim)), axes[1].map((v) => normalizeAxis(v, y.ndim))];
  if (ax.length !== bx.length || ax.some((v, i) => x.shape[v] !== y.shape[bx[i]])) throw new ValueError('shape-mismatch for sum');
  return [ax, bx];
}

/** np.tensordot(a, b, {axes}): sums the products over pairs of axes (default the last two of a
 *  with the first two of b). Result: a's other axes, then b's other axes. */
export function tensordot(a: ArrayLike, b: ArrayLike, options: { axes?: number | readonly [readonly number[], readonly number[]] } = {}): NDArray {
  checkOptions('tensordot', options, ['axes']);
  return tidy(() => {
    const [x, y] = [asarray(a), asarray(b)];
    const [ax, bx] = tensordotAxes(x, y, options.axes ?? 2);
    const freeA = x.shape.map((_, i) => i).filter((i) => !ax.includes(i));
    const freeB = y.shape.map((_, i) => i).filter((i) => !bx.includes(i));
    const r = matmul(asMatrix(transpose(x, [...freeA, ...ax]), freeA.length), asMatrix(transpose(y, [...bx, ...freeB]), bx.length));
    return reshape(r, [...freeA.map((i) => x.shape[i]), ...freeB.map((i) => y.shape[i])]);
  });
}
