// LabelEncoder: class labels to the codes 0 … k-1 and back (scikit-learn's LabelEncoder).
// classes_ holds the sorted distinct labels; a label's code is its position there, so codes follow
// the labels' order (labels [10, 2, 10] give classes_ [2, 10] and codes [1, 0, 1]). It works on a
// target vector y, not on a feature matrix; one-hot features come from OneHotEncoder. String labels
// (a JS array) give classes_ as the sorted strings, and inverseTransform gives strings back.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { formatShape } from '../validation.ts';
import { Transformer } from '../mixins.ts';
import { toCpu } from '../validation.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { codeOf, isIntegerData, pyList, uniqueSorted, unknownValues } from './encode.ts';
import { type Labels, pyLabel, stringLabels, takeLabels, uniqueStrings } from '../utils/labels.ts';

/** scikit-learn's column_or_1d: y of shape (n,) or (n, 1), as a 1-D CPU array of its own dtype. */
async function column(y: unknown): Promise<NDArray> {
  const a = await toCpu(y, null);
  if (a.ndim === 1) return a;
  if (a.ndim === 2 && a.shape[1] === 1) return a.ravel();
  throw new ValueError(`y should be a 1d array, got an array of shape ${formatShape(a.shape)} instead.`);
}

const codes = (c: Int32Array): NDArray => np.NDArray.fromTyped(c, [c.length], 'int32');

/** The codes of labels against string classes; the first label that is not a class raises (as
 *  scikit-learn's lookup table of str labels does, naming that one label). */
function stringClassCodes(values: readonly (string | number)[], classes: readonly string[]): Int32Array {
  const index = new Map<string | number, number>(classes.map((c, i) => [c, i]));
  const unseen = values.find((v) => !index.has(v));
  if (unseen !== undefined) throw new ValueError(`y contains previously unseen labels: ${pyLabel(unseen)}`);
  return Int32Array.from(values, (v) => index.get(v) as number);
}

/**
 * Encodes labels as 0 .. nClasses - 1, in the sorted order of the labels (scikit-learn's LabelEncoder).
 *
 * @example
 * ```ts
 * import { LabelEncoder } from 'tessera/sklearn';
 *
 * const le = await new LabelEncoder().fit([1, 2, 2, 6]);
 * console.log(le.classes_, await le.transform([1, 1, 2, 6]));
 * const cities = await new LabelEncoder().fit(['paris', 'paris', 'tokyo', 'amsterdam']);
 * console.log(await cities.transform(['tokyo', 'paris']), await cities.inverseTransform([2, 0]));
 * ```
 *
 * ```text output
 * array([1, 2, 6]) array([0, 0, 1, 2])
 * array([2, 1]) [ 'tokyo', 'amsterdam' ]
 * ```
 */
export class LabelEncoder<L extends Labels = NDArray> extends Transformer<Record<string, never>> {
  /** The sorted distinct labels (in y's dtype), or the sorted strings. */
  classes_?: L;

  constructor(params: Partial<Record<string, never>> = {}) {
    super({}, params);
  }

  async fit(y: unknown): Promise<this> {
    const strings = stringLabels(y);
    if (strings) {
      this.classes_ = uniqueStrings(strings) as L;
      return this;
    }
    const a = await column(y);
    this.classes_ = np.array(uniqueSorted(a.dataSync()), { dtype: a.dtype }) as L;
    return this;
  }

  /** fit(y), then the codes of y. */
  override async fitTransform(y: unknown): Promise<NDArray> {
    await this.fit(y);
    return this.transform(y);
  }

  /** The code (int32) of each label; unseen labels raise. */
  async transform(y: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const strings = stringLabels(y);
    if (Array.isArray(this.classes_) || strings) {
      const values = strings ?? Array.from((await column(y)).dataSync() as ArrayLike<number>);
      if (values.length === 0) return np.array([]);
      return codes(stringClassCodes(values, Array.isArray(this.classes_) ? this.classes_ : []));
    }
    const classes = this.classes_ as NDArray;
    const a = await column(y);
    if (a.size === 0) return np.array([]);
    const values = a.astype(classes.dtype).dataSync();
    const known = classes.dataSync();
    const unknown = unknownValues(values, known);
    if (unknown.length) throw new ValueError(`y contains previously unseen labels: ${pyList(unknown, isIntegerData(known))}`);
    return codes(Int32Array.from(values, (v) => codeOf(known, v)));
  }

  /** The label of each code; codes outside 0 … k-1 raise. */
  async inverseTransform(y: unknown): Promise<L> {
    this.checkIsFitted();
    const classes = this.classes_ as L;
    const a = await column(y);
    if (a.size === 0) return (Array.isArray(classes) ? [] : np.array([], { dtype: classes.dtype })) as L;
    const values = Array.from(a.dataSync());
    const outside = uniqueSorted(values.filter((v) => !(Number.isInteger(v) && v >= 0 && v < classes.length)));
    if (outside.length) throw new ValueError(`y contains previously unseen labels: ${np.array(outside, { dtype: a.dtype }).str()}`);
    return takeLabels(classes, Int32Array.from(values));
  }

  static override readonly learned = { classes_: saved.labels(0) };
}

registerEstimator('LabelEncoder', LabelEncoder);
