// LabelEncoder: class labels to the codes 0 … k-1 and back (scikit-learn's LabelEncoder).
// classes_ holds the sorted distinct labels; a label's code is its position there, so codes follow
// the labels' order (labels [10, 2, 10] give classes_ [2, 10] and codes [1, 0, 1]). It works on a
// target vector y, not on a feature matrix; one-hot features come from OneHotEncoder.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/errors.ts';
import { formatShape } from '../../ndarray/shape.ts';
import type { Params } from '../base.ts';
import { Transformer } from '../mixins.ts';
import { toCpu } from '../validation.ts';
import { estimatorToJSON, estimatorFromJSON, registerEstimator, type EstimatorJSON } from '../persistence.ts';
import { codeOf, isIntegerData, pyList, uniqueSorted, unknownValues } from './encode.ts';

/** scikit-learn's column_or_1d: y of shape (n,) or (n, 1), as a 1-D CPU array of its own dtype. */
async function column(y: unknown): Promise<NDArray> {
  const a = await toCpu(y, null);
  if (a.ndim === 1) return a;
  if (a.ndim === 2 && a.shape[1] === 1) return a.ravel();
  throw new ValueError(`y should be a 1d array, got an array of shape ${formatShape(a.shape)} instead.`);
}

const codes = (c: Int32Array): NDArray => np.NDArray.fromTyped(c, [c.length], 'int32');

export class LabelEncoder extends Transformer<Record<string, never>> {
  /** The sorted distinct labels (in y's dtype). */
  classes_?: NDArray;

  constructor(params: Partial<Record<string, never>> = {}) {
    super({}, params);
  }

  async fit(y: unknown): Promise<this> {
    const a = await column(y);
    this.classes_ = np.array(uniqueSorted(a.dataSync()), { dtype: a.dtype });
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
  async inverseTransform(y: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const classes = this.classes_ as NDArray;
    const a = await column(y);
    if (a.size === 0) return np.array([], { dtype: classes.dtype });
    const values = Array.from(a.dataSync());
    const outside = uniqueSorted(values.filter((v) => !(Number.isInteger(v) && v >= 0 && v < classes.size)));
    if (outside.length) throw new ValueError(`y contains previously unseen labels: ${np.array(outside, { dtype: a.dtype }).str()}`);
    return classes.get(np.array(values, { dtype: 'int32' }));
  }

  toJSON(): EstimatorJSON {
    return estimatorToJSON(this, { classes_: this.classes_ });
  }

  static fromJSON(json: EstimatorJSON): LabelEncoder {
    // `this`, not the class name: a bundler may rename a class that refers to itself
    return estimatorFromJSON(json, this as unknown as new (p: Params) => LabelEncoder);
  }
}

registerEstimator('LabelEncoder', LabelEncoder as unknown as new (p: Params) => LabelEncoder);
