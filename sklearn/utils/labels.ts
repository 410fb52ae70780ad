// Class labels as scikit-learn users give them: numbers (held as an NDArray) or strings (a plain JS
// array, as an NDArray holds only numbers). The one thing to understand: strings are encoded at the
// boundary as integer codes, their positions among the sorted distinct strings (NumPy sorts str by
// code point), so code that only compares labels runs on numbers; predictions decode codes back.
// y = ['cat', 'dog', 'cat'] gives classes ['cat', 'dog'] and codes [0, 1, 0]. A classifier's fit
// starts with encodeLabels: classes_ (numbers keep y's dtype) and each sample's code.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { checkTarget, toCpu } from '../validation.ts';

/** Class labels: an NDArray of numbers, or a JS array of strings. */
export type Labels = NDArray | string[];

/** y's labels when y is a JS array of strings (or a column of one-string rows); null when it holds
 *  no string. Strings mixed with numbers are refused, as scikit-learn's unique_labels does. */
export function stringLabels(y: unknown): string[] | null {
  if (!Array.isArray(y)) return null;
  const flat = y.map((v) => (Array.isArray(v) && v.length === 1 ? v[0] : v));
  const strings = flat.filter((v) => typeof v === 'string').length;
  if (strings === 0) return null;
  if (strings < flat.length) throw new ValueError('Mix of label input types (string and number)');
  return flat;
}

/** NumPy's order of str: by Unicode code point (JS's default sort compares UTF-16 units instead). */
export function byCodePoint(a: string, b: string): number {
  for (let i = 0; i < a.length && i < b.length; ) {
    const [ca, cb] = [a.codePointAt(i) as number, b.codePointAt(i) as number];
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/** The sorted distinct strings (np.unique). */
export const uniqueStrings = (values: readonly string[]): string[] => [...new Set(values)].sort(byCodePoint);

/** The position of each value among `classes` (-1 for a value that is not one of them). */
export function stringCodes(values: readonly string[], classes: readonly string[]): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  return Int32Array.from(values, (v) => index.get(v) ?? -1);
}

/** y as numbers: string labels become their codes (float64), anything else is returned as given.
 *  Enough for whoever only compares labels (type of target, stratified splits). */
export function numericLabels(y: unknown): unknown {
  const strings = stringLabels(y);
  return strings ? np.array(stringCodes(strings, uniqueStrings(strings)), { dtype: 'float64' }) : y;
}

/** classes[indices], in the labels' own representation (NumPy's `classes_.take(indices)`). */
export function takeLabels<L extends Labels>(classes: L, indices: Int32Array): L {
  if (Array.isArray(classes)) return Array.from(indices, (i) => classes[i]) as L;
  return np.take(classes as NDArray, np.NDArray.fromTyped(indices, [indices.length], 'int32')) as L;
}

/** How many labels there are. */
export const labelCount = (classes: Labels): number => (Array.isArray(classes) ? classes.length : classes.shape[0]);

/** A label as Python's repr prints it inside a list: 'cat' (quoted) or 3. */
export const pyLabel = (v: string | number): string => (typeof v === 'string' ? `'${v}'` : String(v));

/** The position of each label among `classes` (-1 for a label that is not one of them): how a
 *  member's predictions become class indices. */
export function labelIndices(labels: Labels, classes: Labels): Int32Array {
  const known: (string | number)[] = Array.isArray(classes) ? classes : Array.from(classes.dataSync() as ArrayLike<number>);
  const values: (string | number)[] = Array.isArray(labels) ? labels : Array.from(labels.dataSync() as ArrayLike<number>);
  const index = new Map(known.map((c, i) => [c, i]));
  return Int32Array.from(values, (v) => index.get(v) ?? -1);
}

export interface EncodedLabels {
  /** The distinct labels, sorted: an NDArray of y's dtype, or the strings. */
  classes: Labels;
  /** How many distinct labels. */
  nClasses: number;
  /** For each sample, the index of its label in `classes`. */
  codes: Int32Array;
  /** The validated labels as a float64 vector (the codes, for string labels). */
  y: NDArray;
}

/** Validates a 1-D label vector and encodes it; non-integer floats are not class labels. */
export async function encodeLabels(y: unknown, estimator: string): Promise<EncodedLabels> {
  const strings = stringLabels(y);
  if (strings) {
    const classes = uniqueStrings(strings);
    const codes = stringCodes(strings, classes);
    return { classes, nClasses: classes.length, codes, y: np.array(Float64Array.from(codes)) };
  }
  const dtype = (await toCpu(y, null)).dtype;
  const yc = await checkTarget(y, { estimator });
  const values = yc.dataSync() as Float64Array;
  if (values.some((v) => !Number.isInteger(v))) throw new ValueError("Unknown label type: 'continuous'");
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const index = new Map(sorted.map((c, i) => [c, i]));
  const codes = Int32Array.from(values, (v) => index.get(v) as number);
  return { classes: np.array(sorted, { dtype }), nClasses: sorted.length, codes, y: yc };
}

export type ClassWeight = 'balanced' | Record<string, number> | null;

/** Each sample's class weight (scikit-learn's compute_sample_weight): 'balanced' gives class k the
 *  weight n / (K n_k), so every class carries the same total weight; a {label: weight} object sets
 *  them directly (1 for unlisted classes). */
export function classSampleWeights(classWeight: ClassWeight, labels: EncodedLabels): Float64Array {
  const n = labels.codes.length;
  const classes: (number | string)[] = Array.isArray(labels.classes) ? labels.classes : Array.from(labels.classes.dataSync(), Number);
  const perClass = new Float64Array(labelCount(labels.classes)).fill(1);
  if (classWeight === 'balanced') {
    const counts = new Float64Array(classes.length);
    labels.codes.forEach((c) => counts[c]++);
    counts.forEach((m, k) => { perClass[k] = n / (classes.length * m); });
  } else if (classWeight) {
    const isKey = (key: string): boolean => classes.some((c) => (typeof c === 'string' ? c === key : c === Number(key)));
    const missing = Object.keys(classWeight).filter((key) => !isKey(key));
    if (missing.length) throw new ValueError(`The classes, [${missing.join(', ')}], are not in class_weight`);
    classes.forEach((c, k) => { perClass[k] = classWeight[String(c)] ?? 1; });
  }
  return Float64Array.from(labels.codes, (c) => perClass[c]);
}
