// OneHotEncoder: each categorical feature becomes one 0/1 column per category (scikit-learn's
// OneHotEncoder, for numeric categories and dense output). A feature with categories [1, 5, 7]
// turns the value 5 into [0, 1, 0]. The categories are the sorted distinct training values (or
// given), and the columns of all features are laid side by side. `drop` removes one column per
// feature (the first category, or only for two-category features), since the others determine it;
// `handleUnknown: 'ignore'` encodes an unseen value as all zeros instead of raising.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { Transformer } from '../mixins.ts';
import { checkArray, toCpu } from '../validation.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { checkOption } from '../utils/check-params.ts';
import { checkAllowNaN, featureNamesIn } from './validate.ts';
import { codeOf, isIntegerData, pyList, pyRepr, uniqueSorted, unknownValues } from './encode.ts';

export type OneHotEncoderParams = {
  /** 'auto' (the sorted distinct training values) or one sorted list of categories per feature. */
  categories: 'auto' | number[][];
  /** null, 'first', 'if_binary' (only two-category features), or the category to drop per feature. */
  drop: null | 'first' | 'if_binary' | number[];
  /** Must be false: tessera returns dense arrays (scikit-learn's default is a sparse matrix). */
  sparseOutput: boolean;
  /** The dtype of the output. */
  dtype: np.DType;
  /** 'error' raises on an unseen category; 'ignore' (or 'infrequent_if_exist') encodes it as zeros. */
  handleUnknown: 'error' | 'ignore' | 'infrequent_if_exist';
};

const DEFAULTS: OneHotEncoderParams = { categories: 'auto', drop: null, sparseOutput: false, dtype: 'float64', handleUnknown: 'error' };

/** The values of column j of an n x f row-major buffer. */
const columnOf = (data: ArrayLike<number>, n: number, f: number, j: number): number[] => Array.from({ length: n }, (_, i) => data[i * f + j]);

/**
 * Encodes each categorical feature as one 0/1 column per category (scikit-learn's OneHotEncoder, dense output).
 *
 * @example
 * ```ts
 * import { OneHotEncoder } from 'tessera/sklearn';
 *
 * const enc = await new OneHotEncoder().fit([[0, 10], [1, 20], [0, 30]]);
 * console.log(enc.categories_);
 * console.log(await enc.transform([[1, 10], [0, 30]]));
 * ```
 *
 * ```text output
 * [ array([0, 1]), array([10, 20, 30]) ]
 * array([[0., 1., 1., 0., 0.],
 *        [1., 0., 0., 0., 1.]])
 * ```
 */
export class OneHotEncoder extends Transformer<OneHotEncoderParams> {
  /** The categories of each feature, sorted, in the input's dtype. */
  categories_?: NDArray[];
  /** Per feature, the index of the dropped category (or null); null when nothing is dropped. */
  dropIdx_?: (number | null)[] | null;
  nFeaturesIn_?: number;

  constructor(params: Partial<OneHotEncoderParams> = {}) {
    super(DEFAULTS, params);
  }

  private validateParams(): void {
    const name = this.estimatorName, p = this.params;
    checkOption(name, 'handle_unknown', p.handleUnknown, ['error', 'ignore', 'infrequent_if_exist']);
    if (typeof p.drop === 'string' || p.drop === null) checkOption(name, 'drop', p.drop, ['first', 'if_binary', null]);
    if (p.sparseOutput) throw new ValueError('sparseOutput: true is not supported: tessera\'s OneHotEncoder returns dense arrays (pass sparseOutput: false).');
  }

  async fit(X: unknown): Promise<this> {
    this.validateParams();
    const Xc = await checkAllowNaN(X, this.estimatorName, { keepDtype: true, name: '' });
    const [n, f] = Xc.shape;
    const data = Xc.dataSync();
    const given = this.params.categories;
    if (given !== 'auto' && given.length !== f) throw new ValueError('Shape mismatch: if categories is an array, it has to be of shape (n_features,).');
    this.categories_ = Array.from({ length: f }, (_, j) => {
      const values = columnOf(data, n, f, j);
      if (given === 'auto') return np.array(uniqueSorted(values), { dtype: Xc.dtype });
      const cats = given[j];
      const sorted = uniqueSorted(cats);
      if (sorted.length !== cats.length || sorted.some((v, i) => !(v === cats[i] || (Number.isNaN(v) && Number.isNaN(cats[i]))))) {
        throw new ValueError('Unsorted categories are not supported for numerical categories');
      }
      const unknown = unknownValues(values, cats);
      if (this.params.handleUnknown === 'error' && unknown.length) {
        throw new ValueError(`Found unknown categories ${pyList(unknown, isIntegerData(data))} in column ${j} during fit`);
      }
      return np.array(cats, { dtype: Xc.dtype });
    });
    this.dropIdx_ = this.computeDropIdx();
    this.nFeaturesIn_ = f;
    return this;
  }

  /** Which category of each feature `drop` removes. */
  private computeDropIdx(): (number | null)[] | null {
    const drop = this.params.drop, cats = this.categories_ as NDArray[];
    if (drop === null) return null;
    if (drop === 'first') return cats.map(() => 0);
    if (drop === 'if_binary') return cats.map((c) => (c.size === 2 ? 0 : null));
    if (drop.length !== cats.length) throw new ValueError(`\`drop\` should have length equal to the number of features (${cats.length}), got ${drop.length}`);
    const missing: string[] = [];
    const idx = drop.map((v, j) => {
      const k = codeOf(cats[j].dataSync(), v);
      // scikit-learn's message names the feature index as "Category" and the value as "Feature"
      if (k < 0) missing.push(`Category: ${j}, Feature: ${v}`);
      return k;
    });
    if (missing.length) {
      throw new ValueError(`The following categories were supposed to be dropped, but were not found in the training data.\n${missing.join('\n')}`);
    }
    return idx;
  }

  /** The output width of each feature: its categories, minus a dropped one. */
  private featureWidths(): number[] {
    return (this.categories_ as NDArray[]).map((c, j) => c.size - ((this.dropIdx_?.[j] ?? null) === null ? 0 : 1));
  }

  /** The one-hot matrix (n, Σ widths) in `dtype`. */
  async transform(X: unknown): Promise<NDArray> {
    this.checkIsFitted();
    // like scikit-learn's encoders, the feature count is checked before the shape
    if ((await toCpu(X, null)).ndim <= 1) {
      throw new ValueError(`X does not contain any features, but ${this.estimatorName} is expecting ${this.nFeaturesIn_} features`);
    }
    const Xc = await checkAllowNaN(X, this.estimatorName, { keepDtype: true, nFeatures: this.nFeaturesIn_, name: '' });
    const [n, f] = Xc.shape;
    const data = Xc.dataSync();
    const widths = this.featureWidths();
    const total = widths.reduce((a, b) => a + b, 0);
    const out = new Float64Array(n * total);
    let offset = 0;
    (this.categories_ as NDArray[]).forEach((catArray, j) => {
      const cats = catArray.dataSync();
      const values = columnOf(data, n, f, j);
      const unknown = unknownValues(values, cats);
      if (unknown.length && this.params.handleUnknown === 'error') {
        throw new ValueError(`Found unknown categories ${pyList(unknown, isIntegerData(data))} in column ${j} during transform`);
      }
      const dropped = this.dropIdx_?.[j] ?? null;
      values.forEach((v, i) => {
        let code = codeOf(cats, v);
        if (code < 0 || code === dropped) return; // unknown (ignored) or the dropped category: all zeros
        if (dropped !== null && code > dropped) code--;
        out[i * total + offset + code] = 1;
      });
      offset += widths[j];
    });
    const result = np.NDArray.fromTyped(out, [n, total], 'float64');
    return this.params.dtype === 'float64' ? result : result.astype(this.params.dtype);
  }

  /** Back to category values: the category of each feature's largest column (the dropped one for
   *  an all-zero block; NaN for an ignored unknown, where scikit-learn gives None). */
  async inverseTransform(Z: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const Zc = await checkArray(Z, { estimator: this.estimatorName });
    const widths = this.featureWidths();
    const total = widths.reduce((a, b) => a + b, 0);
    if (Zc.shape[1] !== total) throw new ValueError(`Shape of the passed X data is not correct. Expected ${total} columns, got ${Zc.shape[1]}.`);
    const n = Zc.shape[0], cats = this.categories_ as NDArray[], f = cats.length;
    const z = Zc.dataSync();
    const out = new Float64Array(n * f);
    let offset = 0;
    let float = cats.some((c) => c.dtype === 'float64' || c.dtype === 'float32');
    for (let j = 0; j < f; j++) {
      const values = cats[j].dataSync();
      const dropped = this.dropIdx_?.[j] ?? null;
      const kept = Array.from(values).filter((_, k) => k !== dropped);
      const allZero: number[] = [];
      for (let i = 0; i < n; i++) {
        const block = Array.from(z.subarray(i * total + offset, i * total + offset + widths[j]));
        if (block.length === 0 || block.every((v) => v === 0)) {
          allZero.push(i);
          out[i * f + j] = dropped !== null ? values[dropped] : NaN;
        } else {
          out[i * f + j] = kept[block.indexOf(Math.max(...block))];
        }
      }
      if (allZero.length && dropped === null) {
        if (this.params.handleUnknown === 'error') {
          throw new ValueError(`Samples ${np.array(allZero, { dtype: 'int32' }).str()} can not be inverted when drop=None and handle_unknown='error' because they contain all zeros`);
        }
        float = true;
      }
      offset += widths[j];
    }
    const result = np.NDArray.fromTyped(out, [n, f], 'float64');
    return float ? result : result.astype(cats[0].dtype);
  }

  /** Output column names: 'x0_1', 'x0_5', 'x1_2.5', ... (or prefixed by `inputFeatures`). */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    const cats = this.categories_ as NDArray[];
    const names = featureNamesIn(cats.length, inputFeatures);
    return cats.flatMap((c, j) => {
      const values = c.dataSync();
      const dropped = this.dropIdx_?.[j] ?? null;
      return Array.from(values).filter((_, k) => k !== dropped).map((v) => `${names[j]}_${pyRepr(v, isIntegerData(values))}`);
    });
  }

  static override readonly learned = {
    nFeaturesIn_: saved.count(1), categories_: saved.list(saved.labels(), 'nFeaturesIn_'), dropIdx_: saved.nullable(saved.list(saved.nullable(saved.count()), 'nFeaturesIn_')),
  };
}

registerEstimator('OneHotEncoder', OneHotEncoder);
