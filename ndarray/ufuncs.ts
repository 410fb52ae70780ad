// Universal functions: elementwise ops with broadcasting, dtype promotion and an optional `out`.
// This layer does the NumPy thinking for every backend: it turns operands into arrays, promotes
// their dtypes (ops.ts says how each op's result dtype follows), broadcasts them as stride-0 views
// (no copy), allocates or checks the output, and only then calls the backend's kernel.
//
// JS numbers are "weak" scalars (NEP 50, NumPy 2's rule): the array's dtype wins, so
// `uint8Image.multiply(2)` stays uint8 and `float32x.add(1)` stays float32. A number only changes
// the dtype when the array cannot hold its kind: a fractional number (or NaN, inf) makes an int or
// bool array float64 (JS cannot tell `2.0` from `2`, so `int32x.add(2.0)` stays int32), an integer
// makes a bool array int32. An integer that does not fit (`uint8x.add(300)`) throws a RangeError,
// except in comparisons, which compare the exact values. (NumPy 1.24 instead looks at the value.)
import { type DType, isFloat, resultType, checkCast, allocTyped } from './dtype.ts';
import { type Shape, broadcastShapes, broadcastStrides, shapesEqual, formatShape, memoryExtent } from './shape.ts';
import { type View, type DeviceName, getDefaultDevice, deviceDType } from './backend.ts';
import { OverflowError, ValueError } from './errors.ts';
import { NDArray, type ArrayLike } from './ndarray.ts';
import { asarray, full } from './creation.ts';
import { commonDevice } from './join.ts';
import { tidy } from './memory.ts';
import { type OpDef, type UnaryGrad, type BinaryGrad, getOp, computeDtype, outputDtype } from './ops.ts';
import { differentiable, type Rule } from './autodiff/tape.ts';
import { checkOptions } from './options.ts';
import * as m from './ufuncs.ts';

export interface UfuncOptions {
  /** Write the result here (shape = the broadcast shape, dtype reachable by a 'same_kind' cast). */
  out?: NDArray;
  /** Write only where this mask (broadcast to out) is true; out keeps its other values. Needs `out`. */
  where?: ArrayLike;
}

type Operand = NDArray | number | boolean;
const isScalar = (x: unknown): x is number | boolean => typeof x === 'number' || typeof x === 'boolean';

/** True when an integer dtype holds x exactly (a typed array of one element tells us). */
function fits(d: DType, x: number): boolean {
  const t = allocTyped(d, 1);
  t[0] = x;
  return t[0] === x;
}

/** The computation dtype of an op once the scalars are known (see the header on weak scalars). */
function opDtype(op: OpDef, operands: readonly Operand[]): DType {
  const d = computeDtype(op, operands.map((o) => (isScalar(o) ? o : o.dtype)));
  if (isFloat(d) || d === 'bool') return d;
  for (const s of operands) {
    if (typeof s !== 'number' || fits(d, s)) continue;
    if (op.rule === 'bool') return 'float64';
    throw new OverflowError(`integer ${s} out of bounds for ${d} (cast the array first, e.g. x.astype('int32'))`);
  }
  return d;
}

/** A view of `x` read as `shape` (stride 0 on broadcast axes), without making an NDArray. */
function viewAs(x: NDArray, shape: Shape): View {
  return { storage: x.storage, dtype: x.dtype, shape, strides: broadcastStrides(x.shape, x.strides, shape), offset: x.offset };
}

/** True when writing `out` element by element could change `x` before it is read:
 *  they share a buffer, their extents overlap, and x is not exactly out's own layout. */
function mustCopy(x: NDArray, out: NDArray): boolean {
  if (x.storage !== out.storage) return false;
  const v = viewAs(x, out.shape);
  const same = v.offset === out.offset && out.shape.every((d, i) => d === 1 || v.strides[i] === out.strides[i]);
  if (same) return false;
  const [ex, eo] = [memoryExtent(x.shape, x.strides, x.offset), memoryExtent(out.shape, out.strides, out.offset)];
  return ex !== null && eo !== null && ex[0] <= eo[1] && eo[0] <= ex[1];
}

/** The output array: `options.out` after NumPy's checks, or a new array on `device`. */
function prepareOut(ufunc: string, shapes: Shape[], dtype: DType, device: DeviceName, out?: NDArray): NDArray {
  if (!out) return NDArray.empty(broadcastShapes(...shapes), dtype, device);
  out.assertAlive();
  const full = broadcastShapes(...shapes, out.shape);
  if (!shapesEqual(full, out.shape)) {
    throw new ValueError(`non-broadcastable output operand with shape ${formatShape(out.shape, true)} doesn't match the broadcast shape ${formatShape(full, true)}`);
  }
  if (!out.flags.writeable) throw new ValueError('output array is read-only');
  checkCast(ufunc, dtype, out.dtype);
  return out;
}

/** Calls `fn` with the inputs as operands (nested arrays and typed arrays become arrays, numbers
 *  stay weak scalars) and disposes the arrays it had to create. */
function withOperands<T>(inputs: readonly ArrayLike[], fn: (operands: Operand[]) => T): T {
  const created: NDArray[] = [];
  const operands = inputs.map((x) => {
    if (isScalar(x) || x instanceof NDArray) return x;
    created.push(asarray(x));
    return created[created.length - 1];
  });
  try {
    return fn(operands);
  } finally {
    created.forEach((x) => x.dispose());
  }
}

/** Runs `kernel` on the operands converted to `dtypes` and broadcast to the output's shape.
 *  The temporaries (0-d scalars, dtype casts, copies made because of overlap) are disposed after. */
function run(
  ufunc: string, operands: readonly Operand[], dtypes: readonly DType[], result: DType, out: NDArray | undefined,
  kernel: (views: View[], out: NDArray) => void,
): NDArray {
  const arrays = operands.filter((o): o is NDArray => o instanceof NDArray);
  arrays.forEach((a) => a.assertAlive());
  const all = out ? [...arrays, out] : arrays;
  const device = all.length ? commonDevice(all) : getDefaultDevice();
  const target = prepareOut(ufunc, operands.map((o) => (isScalar(o) ? [] : o.shape)), deviceDType(device, result), device, out);
  const temps: NDArray[] = [];
  const temp = (x: NDArray): NDArray => (temps.push(x), x);
  try {
    const views = operands.map((o, i) => {
      const dtype = deviceDType(device, dtypes[i]);
      let x = isScalar(o) ? temp(full([], Number(o), { dtype, device })) : o;
      if (x.dtype !== dtype) x = temp(x.astype(dtype));
      if (mustCopy(x, target)) x = temp(x.copy());
      return viewAs(x, target.shape);
    });
    kernel(views, target);
    return target;
  } finally {
    temps.forEach((x) => x.dispose());
  }
}

function applyOp(op: OpDef, inputs: readonly ArrayLike[], options: UfuncOptions): NDArray {
  checkOptions(op.np, options, ['out', 'where'], 'ufunc');
  if (options.where !== undefined) return applyMasked(op, inputs, options.out, options.where);
  return withOperands(inputs, (operands) => {
    const d = opDtype(op, operands);
    return run(op.np, operands, operands.map(() => d), outputDtype(op, d), options.out, ([a, b], out) => {
      if (op.arity === 1) out.backend.unary(op.name, a, out);
      else out.backend.binary(op.name, a, b, out);
    });
  });
}

/** NumPy's `where`: the full result is computed into a copy of out, then copied into out where the
 *  mask is true. (NumPy leaves the other elements uninitialised when there is no out: tessera asks for one.) */
function applyMasked(op: OpDef, inputs: readonly ArrayLike[], out: NDArray | undefined, mask: ArrayLike): NDArray {
  if (out === undefined) throw new ValueError(`${op.np}(): \`where\` without \`out\` would leave the unselected elements uninitialised; pass \`out\` too`);
  out.assertWriteable();
  tidy(() => {
    const result = applyOp(op, inputs, { out: out.copy() });
    out.set('...', m.where(mask, result, out));
  });
  return out;
}

export type BinaryUfunc = (a: ArrayLike, b: ArrayLike, options?: UfuncOptions) => NDArray;
export type UnaryUfunc = (a: ArrayLike, options?: UfuncOptions) => NDArray;

/** The operands of a recorded call: the tape's held arrays in place of the NDArray arguments
 *  (the caller may have disposed its own), JS scalars and nested arrays as given; `index[i]` is
 *  operand i's position among the NDArray inputs (-1 for a scalar or JS data). */
function operandsOf(args: readonly unknown[], inputs: readonly NDArray[], count: number): { values: ArrayLike[]; index: number[] } {
  let k = 0;
  const index: number[] = [];
  const values = args.slice(0, count).map((a) => {
    index.push(a instanceof NDArray ? k : -1);
    return a instanceof NDArray ? inputs[k++] : (a as ArrayLike);
  });
  return { values, index };
}

/** The tape rule of an elementwise op, from the `d` column of its row in ops.ts. */
function ufuncRule(name: string, arity: 1 | 2): Rule {
  return (g, y, inputs, args, needed) => {
    const d = getOp(name, arity).d;
    if (d === undefined) throw new ValueError(`np.grad: ufunc '${getOp(name, arity).np}' has no derivative rule`);
    if (d === 'zero') return inputs.map(() => null);
    const { values, index } = operandsOf(args, inputs, arity);
    // Scalars and JS data become arrays on g's device, so a rule never mixes devices.
    const operands = values.map((v) => (v instanceof NDArray ? v : asarray(v, { dtype: g.dtype, device: g.device })));
    const grads: (NDArray | null)[] = inputs.map(() => null);
    if (arity === 1) grads[0] = (d as UnaryGrad)(g, values[0] as NDArray, y, m);
    else (d as BinaryGrad).forEach((rule, i) => {
      if (index[i] >= 0 && needed[index[i]]) grads[index[i]] = rule(g, operands[0], operands[1], y, m);
    });
    return grads;
  };
}

const binary = (name: string): BinaryUfunc =>
  differentiable(name, (a: ArrayLike, b: ArrayLike, options: UfuncOptions = {}) => applyOp(getOp(name, 2), [a, b], options), ufuncRule(name, 2));
const unary = (name: string): UnaryUfunc =>
  differentiable(name, (a: ArrayLike, options: UfuncOptions = {}) => applyOp(getOp(name, 1), [a], options), ufuncRule(name, 1));

// ---- arithmetic ---------------------------------------------------------------------------------
export const add = binary('add');
export const subtract = binary('subtract');
export const multiply = binary('multiply');
/** True division: ints give float64 (np.divide, np.true_divide). */
export const divide = binary('divide');
export const trueDivide = divide;
/** Ints to negative int powers throw ValueError, as NumPy does. */
export const power = binary('power');
/** Python's //: rounds toward -inf; an int divided by 0 gives 0. */
export const floorDivide = binary('floorDivide');
/** Python's %: the result has the sign of the divisor (np.mod, np.remainder). */
export const mod = binary('mod');
export const remainder = mod;
/** C's fmod: the result has the sign of the dividend. */
export const fmod = binary('fmod');
/** Elementwise max/min; a NaN on either side gives NaN. */
export const maximum = binary('maximum');
export const minimum = binary('minimum');
/** Elementwise max/min that ignore NaN when the other value is a number. */
export const fmax = binary('fmax');
export const fmin = binary('fmin');
export const arctan2 = binary('arctan2');
/** sqrt(a² + b²) without overflow. */
export const hypot = binary('hypot');
/** log(e^a + e^b) without overflow: adds probabilities kept as logs (np.logaddexp). */
export const logaddexp = binary('logaddexp');
/** log2(2^a + 2^b), the same in base 2 (np.logaddexp2). */
export const logaddexp2 = binary('logaddexp2');

// ---- comparisons and logic (bool results) ------------------------------------------------------
export const equal = binary('equal');
export const notEqual = binary('notEqual');
export const less = binary('less');
export const lessEqual = binary('lessEqual');
export const greater = binary('greater');
export const greaterEqual = binary('greaterEqual');
export const logicalAnd = binary('logicalAnd');
export const logicalOr = binary('logicalOr');
export const logicalXor = binary('logicalXor');
export const logicalNot = unary('logicalNot');
export const bitwiseAnd = binary('bitwiseAnd');
export const bitwiseOr = binary('bitwiseOr');
export const bitwiseXor = binary('bitwiseXor');
/** Bitwise not (~); on bool it is logical not. */
export const invert = unary('invert');
export const isnan = unary('isnan');
export const isfinite = unary('isfinite');
export const isinf = unary('isinf');

// ---- unary maths --------------------------------------------------------------------------------
export const negative = unary('negative');
export const positive = unary('positive');
export const abs = unary('abs');
export const absolute = abs;
/** -1, 0 or 1 (NaN stays NaN). */
export const sign = unary('sign');
export const sqrt = unary('sqrt');
export const square = unary('square');
export const reciprocal = unary('reciprocal');
export const exp = unary('exp');
/** exp(x) - 1, accurate for small x. */
export const expm1 = unary('expm1');
export const log = unary('log');
/** log(1 + x), accurate for small x. */
export const log1p = unary('log1p');
export const log2 = unary('log2');
export const log10 = unary('log10');
export const sin = unary('sin');
export const cos = unary('cos');
export const tan = unary('tan');
export const arcsin = unary('arcsin');
export const arccos = unary('arccos');
export const arctan = unary('arctan');
export const sinh = unary('sinh');
export const cosh = unary('cosh');
export const tanh = unary('tanh');
export const arcsinh = unary('arcsinh');
export const arccosh = unary('arccosh');
export const arctanh = unary('arctanh');
export const floor = unary('floor');
export const ceil = unary('ceil');
export const trunc = unary('trunc');
/** Rounds to the nearest integer, halves to even: rint([0.5, 1.5, 2.5]) = [0, 2, 2]. */
export const rint = unary('rint');

/** x * c computed in the float dtype sin(x) would have (ints become floats). For float32 data c is
 *  NumPy's float32 constant (180f / pi_f or pi_f / 180f), so results match its float32 loops bit for bit. */
function scaleBy(ufunc: string, c64: number, c32: number, a: ArrayLike, options: UfuncOptions): NDArray {
  checkOptions(ufunc, options, ['out'], 'ufunc');
  return withOperands([a], ([x]) => {
    const d = opDtype(getOp('sin', 1), [x]);
    const c = d === 'float32' ? c32 : c64;
    return run(ufunc, [x, c], [d, d], d, options.out, ([p, q], out) => out.backend.binary('multiply', p, q, out));
  });
}

const PI32 = Math.fround(Math.PI);
/** d(c x) = c g. */
const scaleRule = (c: number): Rule => (g) => [multiply(g, c)];
/** np.degrees (np.rad2deg): radians to degrees, x * 180/pi. */
export const degrees: UnaryUfunc = differentiable('degrees', (a: ArrayLike, options: UfuncOptions = {}) =>
  scaleBy('degrees', 180 / Math.PI, Math.fround(180 / PI32), a, options), scaleRule(180 / Math.PI));
export const rad2deg = degrees;
/** np.radians (np.deg2rad): degrees to radians, x * pi/180. */
export const radians: UnaryUfunc = differentiable('radians', (a: ArrayLike, options: UfuncOptions = {}) =>
  scaleBy('radians', Math.PI / 180, Math.fround(PI32 / 180), a, options), scaleRule(Math.PI / 180));
export const deg2rad = radians;

/** np.round (np.around): halves to even at `decimals` digits, computed as NumPy does:
 *  rint(a * 10^d) / 10^d (for d < 0: rint(a / 10^-d) * 10^-d). Ints stay ints (d >= 0: a copy). */
export const round = differentiable('round', roundImpl, (_g, _y, inputs) => inputs.map(() => null)); // piecewise constant: 0
function roundImpl(a: ArrayLike, options: { decimals?: number } = {}): NDArray {
  checkOptions('round', options, ['decimals'], ['out']);
  const d = options.decimals ?? 0;
  if (!Number.isInteger(d)) throw new TypeError(`decimals must be an integer, got ${d}`);
  return tidy(() => {
    const x = asarray(a);
    if (!isFloat(x.dtype) && d >= 0) return x.copy();
    const f = 10 ** Math.abs(d);
    const y = (d >= 0 ? multiply : divide)(isFloat(x.dtype) ? x : x.astype('float64'), f);
    rint(y, { out: y });
    (d >= 0 ? divide : multiply)(y, f, { out: y });
    return isFloat(x.dtype) ? y : y.astype(x.dtype);
  });
}
export const around = round;

/** np.clip: min(max(a, lo), hi); either bound may be null (not both). NaN stays NaN. */
export function clip(a: ArrayLike, min: ArrayLike | null, max: ArrayLike | null, options: UfuncOptions = {}): NDArray {
  checkOptions('clip', options, ['out'], 'ufunc');
  if (min === null && max === null) throw new ValueError('One of max or min must be given');
  if (max === null) return maximum(a, min as ArrayLike, options);
  if (min === null) return minimum(a, max, options);
  return tidy(() => minimum(maximum(a, min), max, options));
}

/** np.where(cond, x, y): x where cond is true, else y, all three broadcast together.
 *  (The one-argument form is np.nonzero.)
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const a = np.arange(6);
 * console.log(np.where(np.less(a, 3), a, np.multiply(a, 10)));
 * console.log(np.where([[true], [false]], [1, 2], 0)); // broadcast together
 * ```
 *
 * ```text output
 * array([ 0,  1,  2, 30, 40, 50])
 * array([[1, 2],
 *        [0, 0]])
 * ```
 */
export const where = differentiable('where', whereImpl, (g, _out, inputs, args, needed) => {
  // d/dx = g where cond, 0 elsewhere; d/dy the other way round. cond gets no gradient.
  const { values, index } = operandsOf(args, inputs, 3);
  const grads: (NDArray | null)[] = inputs.map(() => null);
  if (index[1] >= 0 && needed[index[1]]) grads[index[1]] = whereImpl(values[0], g, 0);
  if (index[2] >= 0 && needed[index[2]]) grads[index[2]] = whereImpl(values[0], 0, g);
  return grads;
});
function whereImpl(cond: ArrayLike, x: ArrayLike, y: ArrayLike): NDArray {
  if (x === undefined || y === undefined) throw new TypeError('where(cond) with one argument is nonzero(cond): use np.nonzero');
  return withOperands([cond, x, y], (operands) => {
    const [, dx, dy] = operands.map((o) => (isScalar(o) ? o : o.dtype));
    const d = resultType(dx, dy);
    return run('where', operands, ['bool', d, d], d, undefined, ([c, a, b], out) => out.backend.where(c, a, b, out));
  });
}
