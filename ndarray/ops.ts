// The elementwise op table: every ufunc is declared once here, one row per op, and every backend
// reads the same rows. A row gives the NumPy name (for error messages), a stable integer `code`
// (the WGSL kernels switch on it: never renumber, append new ops at the end), the dtype rule, and
// the scalar formula the CPU kernel applies element by element, with integer or bool variants where
// float maths would be wrong (int32 products need Math.imul, integer division floors, ...), and, for
// ops with a float result, the derivative np.grad uses (`d`: the chain rule for that op, applied to
// the gradient g of its output; see autodiff/). Ops whose result is piecewise constant (floor, sign)
// have derivative 0 almost everywhere, as in JAX.
import { type DType, DTYPES, isFloat, isInteger, promoteTypes, resultType } from './dtype.ts';
import { ValueError } from './errors.ts';
import type { NDArray, ArrayLike } from './ndarray.ts';
import type * as Ufuncs from './ufuncs.ts';

/** How an op's computation dtype and result dtype follow from the promoted input dtype `d`.
 *  - same:    computes in d, result d (bool stays bool): add, maximum, abs ...
 *  - numeric: like same, but bool computes as int8 (NumPy has no bool loop): power, mod, sign ...
 *  - float:   ints become the smallest float that holds them exactly: (u)int8/16 and bool -> float32
 *             (NumPy picks float16 for bool and 8-bit ints; tessera has no float16), (u)int32 -> float64
 *  - divide:  ints and bool become float64, floats keep their dtype (np.true_divide)
 *  - bool:    computes in d, result bool: comparisons, logical ops, isnan ...
 *  - integer: bool and ints only, result d: bitwise ops */
export type DTypeRule = 'same' | 'numeric' | 'float' | 'divide' | 'bool' | 'integer';

/** A scalar formula: `b` is unused by unary ops. */
export type Formula = (a: number, b: number) => number;

/** The ufuncs, handed to the derivative rules (ops.ts cannot import them: they import this table). */
export type M = typeof Ufuncs;
/** d(op): the gradient for input x given the output's gradient g and the output y; null means 0. */
export type UnaryGrad = (g: NDArray, x: NDArray, y: NDArray, m: M) => NDArray | null;
/** The two partial derivatives of a binary op, for a and for b (either may be a JS scalar). */
export type BinaryGrad = readonly [
  (g: NDArray, a: ArrayLike, b: ArrayLike, y: NDArray, m: M) => NDArray | null,
  (g: NDArray, a: ArrayLike, b: ArrayLike, y: NDArray, m: M) => NDArray | null,
];

export interface OpDef {
  readonly name: string;
  /** NumPy's name, used in error messages ('floor_divide'). */
  readonly np: string;
  readonly code: number;
  readonly arity: 1 | 2;
  readonly rule: DTypeRule;
  /** The formula for float dtypes, and for every dtype when no variant is given. */
  readonly f: Formula;
  /** Variant for integer dtypes (results wrap when stored, as NumPy's C integers do). */
  readonly int?: Formula;
  /** Variant for bool (values 0/1; the result must be 0 or 1 too). */
  readonly bool?: Formula;
  /** NumPy refuses this op on bool with this message. */
  readonly noBool?: string;
  /** The derivative rule (ops with float results only; 'zero' where it is 0 almost everywhere). */
  readonly d?: UnaryGrad | BinaryGrad | 'zero';
}

// ---- formulas that need more than one expression ----------------------------------------------

/** C's copysign(0, x). */
const zeroWithSign = (x: number): number => (x < 0 || Object.is(x, -0) ? -0 : 0);

/** Python's floor division and modulo for floats, as NumPy's npy_divmod computes them:
 *  mod = fmod(a, b) moved to the sign of b; div = (a - mod) / b rounded to the nearest integer. */
function divmod(a: number, b: number): [number, number] {
  let mod = a % b;
  if (b === 0) return [a / b, mod];
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = zeroWithSign(b);
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = zeroWithSign(a / b);
  }
  return [floordiv, mod];
}

/** Integer floor division: rounds toward -inf; division by zero gives 0 (NumPy warns, returns 0). */
const intFloorDivide: Formula = (a, b) => (b === 0 ? 0 : Math.floor(a / b));

/** Integer modulo with the sign of the divisor (Python's %); x % 0 gives 0. */
function intMod(a: number, b: number): number {
  if (b === 0) return 0;
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** C's pow: unlike Math.pow, 1 ** NaN is 1 and (-1) ** ±inf is 1. */
const floatPower: Formula = (a, b) => (a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b));

/** Integer power by repeated squaring modulo 2^32 (Math.imul), so big results wrap as in C. */
function intPower(a: number, b: number): number {
  if (b < 0) throw new ValueError('Integers to negative integer powers are not allowed.');
  let result = 1;
  let base = a | 0;
  for (let e = b; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
  }
  return result;
}

/** Round half to even (NumPy's rint): 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> -0. */
function rint(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/** sign: NaN stays NaN, -0 gives 0. */
const sign: Formula = (a) => (a > 0 ? 1 : a < 0 ? -1 : a === 0 ? 0 : NaN);

const t = (c: boolean): number => (c ? 1 : 0);

const BOOL_SUBTRACT = 'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.';
const BOOL_NEGATIVE = 'The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.';
const noLoop = (np: string): string => `ufunc '${np}' did not contain a loop with signature matching types <class 'numpy.dtype[bool_]'> -> None`;

/** log(e^a + e^b) without overflow, as NumPy's npy_logaddexp: the larger value plus log1p of the
 *  smaller's exponential relative to it; equal values (infinities of one sign too) give a + ln 2. */
function logaddexp(a: number, b: number): number {
  if (a === b) return a + Math.LN2;
  const d = a - b;
  if (d > 0) return a + Math.log1p(Math.exp(-d));
  return d <= 0 ? b + Math.log1p(Math.exp(d)) : d; // d is NaN when either input is
}

/** log2(2^a + 2^b), as npy_logaddexp2: the same steps in base 2. */
function logaddexp2(a: number, b: number): number {
  if (a === b) return a + 1;
  const d = a - b;
  if (d > 0) return a + Math.LOG2E * Math.log1p(2 ** -d);
  return d <= 0 ? b + Math.LOG2E * Math.log1p(2 ** d) : d;
}

// ---- derivative rules that need more than one expression -------------------------------------------

const ZERO = 'zero' as const;
/** 1 where a beats b, 1/2 on ties (the gradient is shared, as JAX does), 0 elsewhere. */
const winShare = (m: M, wins: NDArray, ties: NDArray): NDArray => m.where(wins, 1, m.where(ties, 0.5, 0));
const maxGrad: BinaryGrad = [
  (g, a, b, _y, m) => m.multiply(g, winShare(m, m.greater(a, b), m.equal(a, b))),
  (g, a, b, _y, m) => m.multiply(g, winShare(m, m.greater(b, a), m.equal(a, b))),
];
const minGrad: BinaryGrad = [
  (g, a, b, _y, m) => m.multiply(g, winShare(m, m.less(a, b), m.equal(a, b))),
  (g, a, b, _y, m) => m.multiply(g, winShare(m, m.less(b, a), m.equal(a, b))),
];
/** d/dx of asin and acos: ±1/sqrt(1 - x²). */
const oneMinusSquareRoot = (m: M, x: NDArray): NDArray => m.sqrt(m.subtract(1, m.square(x)));

// ---- the tables -------------------------------------------------------------------------------
// maximum/minimum return b when a == b (so maximum(-0, 0) is 0, as NumPy's loops do) and propagate
// NaN from either side; fmax/fmin ignore a NaN when the other value is a number.

type Row = Omit<OpDef, 'arity'>;

const BINARY_ROWS: Row[] = [
  { name: 'add', np: 'add', code: 0, rule: 'same', f: (a, b) => a + b, bool: (a, b) => a | b, d: [(g) => g, (g) => g] },
  { name: 'subtract', np: 'subtract', code: 1, rule: 'same', f: (a, b) => a - b, noBool: BOOL_SUBTRACT, d: [(g) => g, (g, _a, _b, _y, m) => m.negative(g)] },
  { name: 'multiply', np: 'multiply', code: 2, rule: 'same', f: (a, b) => a * b, int: Math.imul, bool: (a, b) => a & b, d: [(g, _a, b, _y, m) => m.multiply(g, b), (g, a, _b, _y, m) => m.multiply(g, a)] },
  { name: 'divide', np: 'divide', code: 3, rule: 'divide', f: (a, b) => a / b, d: [(g, _a, b, _y, m) => m.divide(g, b), (g, _a, b, y, m) => m.negative(m.divide(m.multiply(g, y), b))] },
  { name: 'power', np: 'power', code: 4, rule: 'numeric', f: floatPower, int: intPower, d: [(g, a, b, _y, m) => m.multiply(g, m.multiply(b, m.power(a, m.subtract(b, 1)))), (g, a, _b, y, m) => m.multiply(g, m.multiply(y, m.log(m.where(m.equal(a, 0), 1, a))))] },
  { name: 'floorDivide', np: 'floor_divide', code: 5, rule: 'numeric', f: (a, b) => divmod(a, b)[0], int: intFloorDivide, d: ZERO },
  { name: 'mod', np: 'remainder', code: 6, rule: 'numeric', f: (a, b) => divmod(a, b)[1], int: intMod, d: [(g) => g, (g, a, b, _y, m) => m.negative(m.multiply(g, m.floor(m.divide(a, b))))] },
  { name: 'fmod', np: 'fmod', code: 7, rule: 'numeric', f: (a, b) => a % b, int: (a, b) => (b === 0 ? 0 : a % b), d: [(g) => g, (g, a, b, _y, m) => m.negative(m.multiply(g, m.trunc(m.divide(a, b))))] },
  { name: 'maximum', np: 'maximum', code: 8, rule: 'same', f: (a, b) => (a > b || a !== a ? a : b), d: maxGrad },
  { name: 'minimum', np: 'minimum', code: 9, rule: 'same', f: (a, b) => (a < b || a !== a ? a : b), d: minGrad },
  { name: 'fmax', np: 'fmax', code: 10, rule: 'same', f: (a, b) => (a > b || b !== b ? a : b), d: maxGrad },
  { name: 'fmin', np: 'fmin', code: 11, rule: 'same', f: (a, b) => (a < b || b !== b ? a : b), d: minGrad },
  { name: 'equal', np: 'equal', code: 12, rule: 'bool', f: (a, b) => t(a === b) },
  { name: 'notEqual', np: 'not_equal', code: 13, rule: 'bool', f: (a, b) => t(a !== b) },
  { name: 'less', np: 'less', code: 14, rule: 'bool', f: (a, b) => t(a < b) },
  { name: 'lessEqual', np: 'less_equal', code: 15, rule: 'bool', f: (a, b) => t(a <= b) },
  { name: 'greater', np: 'greater', code: 16, rule: 'bool', f: (a, b) => t(a > b) },
  { name: 'greaterEqual', np: 'greater_equal', code: 17, rule: 'bool', f: (a, b) => t(a >= b) },
  { name: 'logicalAnd', np: 'logical_and', code: 18, rule: 'bool', f: (a, b) => t(a !== 0 && b !== 0) },
  { name: 'logicalOr', np: 'logical_or', code: 19, rule: 'bool', f: (a, b) => t(a !== 0 || b !== 0) },
  { name: 'logicalXor', np: 'logical_xor', code: 20, rule: 'bool', f: (a, b) => t((a !== 0) !== (b !== 0)) },
  { name: 'bitwiseAnd', np: 'bitwise_and', code: 21, rule: 'integer', f: (a, b) => a & b },
  { name: 'bitwiseOr', np: 'bitwise_or', code: 22, rule: 'integer', f: (a, b) => a | b },
  { name: 'bitwiseXor', np: 'bitwise_xor', code: 23, rule: 'integer', f: (a, b) => a ^ b },
  { name: 'arctan2', np: 'arctan2', code: 24, rule: 'float', f: Math.atan2, d: [(g, a, b, _y, m) => m.divide(m.multiply(g, b), m.add(m.square(a), m.square(b))), (g, a, b, _y, m) => m.negative(m.divide(m.multiply(g, a), m.add(m.square(a), m.square(b))))] },
  { name: 'hypot', np: 'hypot', code: 25, rule: 'float', f: Math.hypot, d: [(g, a, _b, y, m) => m.divide(m.multiply(g, a), y), (g, _a, b, y, m) => m.divide(m.multiply(g, b), y)] },
  // d/da log(e^a + e^b) = e^a / (e^a + e^b) = e^(a - y); base 2: 2^(a - y).
  { name: 'logaddexp', np: 'logaddexp', code: 26, rule: 'float', f: logaddexp, d: [(g, a, _b, y, m) => m.multiply(g, m.exp(m.subtract(a, y))), (g, _a, b, y, m) => m.multiply(g, m.exp(m.subtract(b, y)))] },
  { name: 'logaddexp2', np: 'logaddexp2', code: 27, rule: 'float', f: logaddexp2, d: [(g, a, _b, y, m) => m.multiply(g, m.power(2, m.subtract(a, y))), (g, _a, b, y, m) => m.multiply(g, m.power(2, m.subtract(b, y)))] },
];

const UNARY_ROWS: Row[] = [
  { name: 'negative', np: 'negative', code: 0, rule: 'numeric', f: (a) => -a, noBool: BOOL_NEGATIVE, d: (g, _x, _y, m) => m.negative(g) },
  { name: 'positive', np: 'positive', code: 1, rule: 'numeric', f: (a) => a, noBool: noLoop('positive'), d: (g) => g },
  { name: 'abs', np: 'absolute', code: 2, rule: 'same', f: Math.abs, d: (g, x, _y, m) => m.multiply(g, m.sign(x)) },
  { name: 'sign', np: 'sign', code: 3, rule: 'numeric', f: sign, noBool: noLoop('sign'), d: ZERO },
  { name: 'sqrt', np: 'sqrt', code: 4, rule: 'float', f: Math.sqrt, d: (g, _x, y, m) => m.divide(g, m.multiply(y, 2)) },
  { name: 'square', np: 'square', code: 5, rule: 'numeric', f: (a) => a * a, int: (a) => Math.imul(a, a), d: (g, x, _y, m) => m.multiply(g, m.multiply(x, 2)) },
  { name: 'exp', np: 'exp', code: 6, rule: 'float', f: Math.exp, d: (g, _x, y, m) => m.multiply(g, y) },
  { name: 'expm1', np: 'expm1', code: 7, rule: 'float', f: Math.expm1, d: (g, _x, y, m) => m.multiply(g, m.add(y, 1)) },
  { name: 'log', np: 'log', code: 8, rule: 'float', f: Math.log, d: (g, x, _y, m) => m.divide(g, x) },
  { name: 'log1p', np: 'log1p', code: 9, rule: 'float', f: Math.log1p, d: (g, x, _y, m) => m.divide(g, m.add(x, 1)) },
  { name: 'log2', np: 'log2', code: 10, rule: 'float', f: Math.log2, d: (g, x, _y, m) => m.divide(g, m.multiply(x, Math.LN2)) },
  { name: 'log10', np: 'log10', code: 11, rule: 'float', f: Math.log10, d: (g, x, _y, m) => m.divide(g, m.multiply(x, Math.LN10)) },
  { name: 'sin', np: 'sin', code: 12, rule: 'float', f: Math.sin, d: (g, x, _y, m) => m.multiply(g, m.cos(x)) },
  { name: 'cos', np: 'cos', code: 13, rule: 'float', f: Math.cos, d: (g, x, _y, m) => m.negative(m.multiply(g, m.sin(x))) },
  { name: 'tan', np: 'tan', code: 14, rule: 'float', f: Math.tan, d: (g, _x, y, m) => m.multiply(g, m.add(m.square(y), 1)) },
  { name: 'arcsin', np: 'arcsin', code: 15, rule: 'float', f: Math.asin, d: (g, x, _y, m) => m.divide(g, oneMinusSquareRoot(m, x)) },
  { name: 'arccos', np: 'arccos', code: 16, rule: 'float', f: Math.acos, d: (g, x, _y, m) => m.negative(m.divide(g, oneMinusSquareRoot(m, x))) },
  { name: 'arctan', np: 'arctan', code: 17, rule: 'float', f: Math.atan, d: (g, x, _y, m) => m.divide(g, m.add(m.square(x), 1)) },
  { name: 'sinh', np: 'sinh', code: 18, rule: 'float', f: Math.sinh, d: (g, x, _y, m) => m.multiply(g, m.cosh(x)) },
  { name: 'cosh', np: 'cosh', code: 19, rule: 'float', f: Math.cosh, d: (g, x, _y, m) => m.multiply(g, m.sinh(x)) },
  { name: 'tanh', np: 'tanh', code: 20, rule: 'float', f: Math.tanh, d: (g, _x, y, m) => m.multiply(g, m.subtract(1, m.square(y))) },
  { name: 'arcsinh', np: 'arcsinh', code: 21, rule: 'float', f: Math.asinh, d: (g, x, _y, m) => m.divide(g, m.sqrt(m.add(m.square(x), 1))) },
  { name: 'arccosh', np: 'arccosh', code: 22, rule: 'float', f: Math.acosh, d: (g, x, _y, m) => m.divide(g, m.sqrt(m.subtract(m.square(x), 1))) },
  { name: 'arctanh', np: 'arctanh', code: 23, rule: 'float', f: Math.atanh, d: (g, x, _y, m) => m.divide(g, m.subtract(1, m.square(x))) },
  { name: 'floor', np: 'floor', code: 24, rule: 'float', f: Math.floor, d: ZERO },
  { name: 'ceil', np: 'ceil', code: 25, rule: 'float', f: Math.ceil, d: ZERO },
  { name: 'trunc', np: 'trunc', code: 26, rule: 'float', f: Math.trunc, d: ZERO },
  { name: 'rint', np: 'rint', code: 27, rule: 'float', f: rint, d: ZERO },
  // Integer reciprocal truncates (1/2 -> 0); 1/0 is undefined in C (NumPy's int32 gives INT_MIN, tessera 0).
  { name: 'reciprocal', np: 'reciprocal', code: 28, rule: 'numeric', f: (a) => 1 / a, int: (a) => Math.trunc(1 / a), d: (g, _x, y, m) => m.negative(m.multiply(g, m.square(y))) },
  { name: 'isnan', np: 'isnan', code: 29, rule: 'bool', f: (a) => t(a !== a) },
  { name: 'isfinite', np: 'isfinite', code: 30, rule: 'bool', f: (a) => t(Number.isFinite(a)) },
  { name: 'isinf', np: 'isinf', code: 31, rule: 'bool', f: (a) => t(Math.abs(a) === Infinity) },
  { name: 'logicalNot', np: 'logical_not', code: 32, rule: 'bool', f: (a) => t(a === 0) },
  { name: 'invert', np: 'invert', code: 33, rule: 'integer', f: (a) => ~a, bool: (a) => a ^ 1 },
];

const table = (rows: Row[], arity: 1 | 2): ReadonlyMap<string, OpDef> =>
  new Map(rows.map((r) => [r.name, Object.freeze({ ...r, arity })]));

export const BINARY_OPS = table(BINARY_ROWS, 2);
export const UNARY_OPS = table(UNARY_ROWS, 1);

/** The row of an op, or a clear error for an unknown name (kernels call this). */
export function getOp(name: string, arity: 1 | 2): OpDef {
  const op = (arity === 1 ? UNARY_OPS : BINARY_OPS).get(name);
  if (!op) throw new ValueError(`unknown ${arity === 1 ? 'unary' : 'binary'} op '${name}'`);
  return op;
}

/** The formula a kernel applies for inputs of dtype `d` (the op's computation dtype). */
export function formulaFor(op: OpDef, d: DType): Formula {
  if (d === 'bool') return op.bool ?? op.int ?? op.f;
  return isInteger(d) ? (op.int ?? op.f) : op.f;
}

/** The dtype the inputs are cast to before the kernel runs ("the loop" in NumPy), from the operands'
 *  dtypes and JS scalars (weak, see dtype.ts `resultType`). For float ops NumPy picks the smallest
 *  float every input casts to safely, so each array dtype is moved to a float first:
 *  arctan2(int8, uint16) is float32, although int8 and uint16 promote to int32. */
export function computeDtype(op: OpDef, operands: readonly (DType | number | boolean)[]): DType {
  const toFloat = (o: DType | number | boolean): DType | number | boolean => (typeof o === 'string' ? promoteTypes(o, 'float32') : o);
  const d = resultType(...(op.rule === 'float' ? operands.map(toFloat) : operands));
  if (d === 'bool' && op.noBool) throw new TypeError(op.noBool);
  switch (op.rule) {
    case 'same':
    case 'bool':
      return d;
    case 'numeric':
      return d === 'bool' ? 'int8' : d;
    case 'float':
      return promoteTypes(d, 'float32');
    case 'divide':
      return isFloat(d) ? d : 'float64';
    case 'integer':
      if (isFloat(d)) {
        throw new TypeError(`ufunc '${op.np}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`);
      }
      return d;
  }
}

/** The dtype of the op's result for computation dtype `c`. */
export const outputDtype = (op: OpDef, c: DType): DType => (op.rule === 'bool' ? 'bool' : c);

/** Every dtype an op accepts as its computation dtype (for tests and for backends building pipelines). */
export function computeDtypes(op: OpDef): DType[] {
  const out = new Set<DType>();
  for (const d of DTYPES) {
    try {
      out.add(computeDtype(op, [d]));
    } catch {
      // this input dtype has no loop
    }
  }
  return [...out];
}
