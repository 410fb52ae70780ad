// CPU kernels for the elementwise ops of ops.ts: walk the operands row by row (forEachRow) and apply
// the op's formula. The shared layer has already broadcast the inputs (stride-0 axes) and cast them
// to the op's computation dtype; `out` may have another dtype (the `out` option), and storing into
// its typed array does the C cast (int results wrap). The four arithmetic ops most programs spend
// their time in get hand-written loops with no call per element; the rest call the table's formula.
// With the Wasm kernels on (wasm/kernels.ts), float rows of the ops wasm/elementwise.ts covers
// (arithmetic, maximum & co., comparisons, where) run there first; these loops stay the reference
// and handle every other row.
import { isFloat, type TypedArray } from '../dtype.ts';
import type { View } from '../backend.ts';
import { formulaFor, getOp, type Formula } from '../ops.ts';
import { forEachRow } from './strided.ts';
import { dataOf } from './storage.ts';
import { simdBinaryRow, simdUnaryRow, simdWhereRow } from './wasm/elementwise.ts';

/** One row of a binary op: n elements, x from i, y from j, o from k, each with its own stride. */
type BinaryRow = (x: TypedArray, y: TypedArray, o: TypedArray, i: number, j: number, k: number,
  n: number, si: number, sj: number, sk: number) => void;

const FAST_ROWS: Record<string, BinaryRow> = {
  add: (x, y, o, i, j, k, n, si, sj, sk) => {
    for (let e = 0; e < n; e++, i += si, j += sj, k += sk) o[k] = x[i] + y[j];
  },
  subtract: (x, y, o, i, j, k, n, si, sj, sk) => {
    for (let e = 0; e < n; e++, i += si, j += sj, k += sk) o[k] = x[i] - y[j];
  },
  multiply: (x, y, o, i, j, k, n, si, sj, sk) => {
    for (let e = 0; e < n; e++, i += si, j += sj, k += sk) o[k] = x[i] * y[j];
  },
  divide: (x, y, o, i, j, k, n, si, sj, sk) => {
    for (let e = 0; e < n; e++, i += si, j += sj, k += sk) o[k] = x[i] / y[j];
  },
};

/** The loops above compute in doubles, which is exact for floats; for ints only + and - are
 *  (a product of two int32 needs Math.imul, and bool addition is logical or). */
function fastRow(op: string, a: View): BinaryRow | undefined {
  const ok = isFloat(a.dtype) || ((op === 'add' || op === 'subtract') && a.dtype !== 'bool');
  return ok ? FAST_ROWS[op] : undefined;
}

function genericRow(f: Formula): BinaryRow {
  return (x, y, o, i, j, k, n, si, sj, sk) => {
    for (let e = 0; e < n; e++, i += si, j += sj, k += sk) o[k] = f(x[i], y[j]);
  };
}

/** out = op(a, b). */
export function binaryKernel(op: string, a: View, b: View, out: View): void {
  const row = fastRow(op, a) ?? genericRow(formulaFor(getOp(op, 2), a.dtype));
  const simd = simdBinaryRow(op, a, b, out);
  const x = dataOf(a), y = dataOf(b), o = dataOf(out);
  forEachRow(out.shape, [a, b, out], (pos, n, inner) => {
    if (simd?.(x, y, o, pos[0], pos[1], pos[2], n, inner[0], inner[1], inner[2])) return;
    row(x, y, o, pos[0], pos[1], pos[2], n, inner[0], inner[1], inner[2]);
  });
}

/** out = op(x). */
export function unaryKernel(op: string, x: View, out: View): void {
  const f = formulaFor(getOp(op, 1), x.dtype);
  const simd = simdUnaryRow(op, x, out);
  const src = dataOf(x), dst = dataOf(out);
  forEachRow(out.shape, [x, out], (pos, n, inner) => {
    const si = inner[0], so = inner[1];
    if (simd?.(src, dst, pos[0], pos[1], n, si, so)) return;
    for (let e = 0, i = pos[0], k = pos[1]; e < n; e++, i += si, k += so) dst[k] = f(src[i], 0);
  });
}

/** out = cond ? a : b (cond is bool: stored as 0/1). */
export function whereKernel(cond: View, a: View, b: View, out: View): void {
  const simd = simdWhereRow(cond, a, b, out);
  const c = dataOf(cond), x = dataOf(a), y = dataOf(b), o = dataOf(out);
  forEachRow(out.shape, [cond, a, b, out], (pos, n, inner) => {
    const [sc, si, sj, sk] = inner;
    if (simd?.(c, x, y, o, pos[0], pos[1], pos[2], pos[3], n, sc, si, sj, sk)) return;
    for (let e = 0, p = pos[0], i = pos[1], j = pos[2], k = pos[3]; e < n; e++, p += sc, i += si, j += sj, k += sk) {
      o[k] = c[p] !== 0 ? x[i] : y[j];
    }
  });
}
