// Class labels for the linear classifiers: the sorted distinct labels (`classes_`), each sample's
// label as an index into them, and the ±1 target columns RidgeClassifier regresses on (scikit-learn's
// LabelBinarizer(neg_label=-1, pos_label=1)): one column for two classes (+1 = classes_[1]), else one
// column per class (+1 in the sample's own class). Predictions map indices back to labels, keeping
// the labels' dtype, as NumPy's `classes_.take(indices)` does. String labels (a JS array) are
// encoded by utils/labels.ts: classes_ is then the sorted strings and predictions are strings.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { checkTarget, toCpu } from '../validation.ts';
import { type Labels, labelCount, stringCodes, stringLabels, uniqueStrings } from '../utils/labels.ts';
import { type Matrix, matrix } from './dense.ts';

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

/** The ±1 targets: (n x 1) for one or two classes, (n x K) for K > 2. */
export function binarizeLabels(codes: Int32Array, nClasses: number): Matrix {
  const cols = nClasses <= 2 ? 1 : nClasses;
  const Y = matrix(codes.length, cols, new Float64Array(codes.length * cols).fill(-1));
  codes.forEach((c, i) => {
    if (cols === 1) {
      if (c === 1) Y.data[i] = 1;
    } else {
      Y.data[i * cols + c] = 1;
    }
  });
  return Y;
}

/** Row-wise argmax (first maximum on ties, as NumPy), or `score > 0` for a single column. */
export function predictedIndices(scores: Matrix): Int32Array {
  const out = new Int32Array(scores.rows);
  for (let i = 0; i < scores.rows; i++) {
    if (scores.cols === 1) {
      out[i] = scores.data[i] > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let k = 1; k < scores.cols; k++) if (scores.data[i * scores.cols + k] > scores.data[i * scores.cols + best]) best = k;
    out[i] = best;
  }
  return out;
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
