// Categories as integer codes, shared by LabelEncoder and OneHotEncoder (scikit-learn's
// utils/_encode.py, numeric branch). The categories of a column are its sorted distinct values
// (a NaN, if any, last and once), and a value's code is its position among them, found by binary
// search. Values missing from the categories are "unknown": reported with scikit-learn's wording
// (values printed as Python prints them) or, on request, masked out.
import type { TypedArray } from '../../ndarray/index.ts';

/** NumPy's sort order: ascending, NaN last. */
const byValue = (a: number, b: number): number => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a - b);

/** The sorted distinct values (one NaN at the end if there were any). */
export function uniqueSorted(values: ArrayLike<number>): number[] {
  const sorted = Array.from(values).sort(byValue);
  return sorted.filter((v, i) => i === 0 || !(v === sorted[i - 1] || (Number.isNaN(v) && Number.isNaN(sorted[i - 1]))));
}

/** The position of v among the sorted categories, or -1 if it is not one of them. */
export function codeOf(categories: ArrayLike<number>, v: number): number {
  let lo = 0, hi = categories.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byValue(categories[mid], v) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < categories.length && byValue(categories[lo], v) === 0 ? lo : -1;
}

/** The distinct values that are not categories, sorted (scikit-learn's _check_unknown). */
export function unknownValues(values: ArrayLike<number>, categories: ArrayLike<number>): number[] {
  return uniqueSorted(values).filter((v) => codeOf(categories, v) < 0);
}

/** A number as Python's repr prints a NumPy scalar of this kind: 5 (integer dtypes), 5.0, 0.1,
 *  1e-05, nan (floats). */
export function pyRepr(v: number, integer: boolean): string {
  if (integer) return String(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const [mantissa, exp] = v.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const plain = String(v);
  return plain.includes('.') ? plain : `${plain}.0`;
}

/** A Python list of such numbers: [5.0, 7.0]. */
export const pyList = (values: readonly number[], integer: boolean): string => `[${values.map((v) => pyRepr(v, integer)).join(', ')}]`;

/** True for dtypes whose values print as integers. */
export const isIntegerData = (data: TypedArray): boolean => !(data instanceof Float64Array || data instanceof Float32Array);
