// PolynomialFeatures: every product of the input features up to a total degree d (scikit-learn's
// PolynomialFeatures), so that a linear model on them fits a polynomial. For features x, y and
// d = 3 the columns are 1, x, y, x², xy, y², x³, x²y, xy², y³: by degree, and within a degree in
// lexicographic order of the factors (combinations with replacement); that makes C(n + d, d)
// columns. The degree-k block is built from the degree-(k-1) block, each column multiplied by one
// more feature, exactly as scikit-learn does, so the values round identically.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { Transformer } from '../mixins.ts';
import { checkArray, checkNFeatures } from '../validation.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { checkBoolean } from '../utils/check-params.ts';
import { featureNamesIn } from './validate.ts';

export type PolynomialFeaturesParams = {
  /** The maximal degree, or [minDegree, maxDegree]. */
  degree: number | [number, number];
  /** Only products of distinct features (x·y, not x²). */
  interactionOnly: boolean;
  /** Include the constant column 1. */
  includeBias: boolean;
};

const DEFAULTS: PolynomialFeaturesParams = { degree: 2, interactionOnly: false, includeBias: true };

/** Index tuples of range(n) of length k, in lexicographic order: non-decreasing (with
 *  replacement) or increasing (without), like itertools' combinations[_with_replacement]. */
function* combinations(n: number, k: number, replacement: boolean): Generator<number[]> {
  const idx = replacement ? new Array<number>(k).fill(0) : Array.from({ length: k }, (_, i) => i);
  if (!replacement && k > n) return;
  while (true) {
    yield idx.slice();
    // advance the rightmost index that can still grow, reset those after it
    let i = k - 1;
    while (i >= 0 && idx[i] === (replacement ? n - 1 : n - k + i)) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = replacement ? idx[i] : idx[j - 1] + 1;
  }
}

/** C(n, k) as an exact integer (for the small counts polynomial features have). */
function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** How many output columns: Σ_k C(n, k) (interaction only) or C(n + d, d) minus the degrees below
 *  minDegree, plus the bias. */
function numCombinations(n: number, minDegree: number, maxDegree: number, interactionOnly: boolean, includeBias: boolean): number {
  let count = 0;
  if (interactionOnly) {
    for (let i = Math.max(1, minDegree); i <= Math.min(maxDegree, n); i++) count += binomial(n, i);
  } else {
    count = binomial(n + maxDegree, maxDegree) - 1;
    if (minDegree > 0) count -= binomial(n + minDegree - 1, minDegree - 1) - 1;
  }
  return count + (includeBias ? 1 : 0);
}

/**
 * Every product of the features up to `degree` (scikit-learn's PolynomialFeatures).
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 * import { PolynomialFeatures } from 'tessera/sklearn';
 *
 * const X = np.arange(6).reshape(3, 2);
 * console.log(await new PolynomialFeatures({ degree: 2 }).fitTransform(X)); // 1, a, b, a², ab, b²
 * console.log(await new PolynomialFeatures({ interactionOnly: true }).fitTransform(X)); // 1, a, b, ab
 * ```
 *
 * ```text output
 * array([[ 1.,  0.,  1.,  0.,  0.,  1.],
 *        [ 1.,  2.,  3.,  4.,  6.,  9.],
 *        [ 1.,  4.,  5., 16., 20., 25.]])
 * array([[ 1.,  0.,  1.,  0.],
 *        [ 1.,  2.,  3.,  6.],
 *        [ 1.,  4.,  5., 20.]])
 * ```
 */
export class PolynomialFeatures extends Transformer<PolynomialFeaturesParams> {
  nFeaturesIn_?: number;
  nOutputFeatures_?: number;
  /** (nOutputFeatures_, nFeaturesIn_) int32: powers_[i][j] is the exponent of feature j in column i. */
  powers_?: NDArray;
  /** The degree range resolved by fit. */
  private degrees?: [number, number];

  constructor(params: Partial<PolynomialFeaturesParams> = {}) {
    super(DEFAULTS, params);
  }

  private resolveDegrees(): [number, number] {
    const { degree, includeBias } = this.params;
    const name = this.estimatorName;
    checkBoolean(name, 'interaction_only', this.params.interactionOnly);
    checkBoolean(name, 'include_bias', includeBias);
    if (typeof degree === 'number') {
      if (!Number.isInteger(degree) || degree < 0) {
        throw new ValueError(`The 'degree' parameter of ${name} must be an int in the range [0, inf) or an array-like. Got ${degree} instead.`);
      }
      if (degree === 0 && !includeBias) {
        throw new ValueError('Setting degree to zero and include_bias to False would result in an empty output array.');
      }
      return [0, degree];
    }
    if (Array.isArray(degree) && degree.length === 2) {
      const [lo, hi] = degree;
      if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo <= hi)) {
        throw new ValueError(`degree=(min_degree, max_degree) must be non-negative integers that fulfil min_degree <= max_degree, got (${lo}, ${hi}).`);
      }
      if (hi === 0 && !includeBias) {
        throw new ValueError('Setting both min_degree and max_degree to zero and include_bias to False would result in an empty output array.');
      }
      return [lo, hi];
    }
    throw new ValueError(`degree must be a non-negative int or tuple (min_degree, max_degree), got ${String(degree)}.`);
  }

  async fit(X: unknown): Promise<this> {
    const degrees = this.resolveDegrees();
    const f = (await checkArray(X, { estimator: this.estimatorName })).shape[1];
    const { interactionOnly, includeBias } = this.params;
    const rows: number[][] = [];
    if (includeBias) rows.push(new Array<number>(f).fill(0));
    for (let d = Math.max(1, degrees[0]); d <= degrees[1]; d++) {
      for (const combo of combinations(f, d, !interactionOnly)) {
        const row = new Array<number>(f).fill(0);
        for (const j of combo) row[j]++;
        rows.push(row);
      }
    }
    this.degrees = degrees;
    this.nFeaturesIn_ = f;
    this.nOutputFeatures_ = numCombinations(f, degrees[0], degrees[1], interactionOnly, includeBias);
    this.powers_ = np.array(rows.length ? rows : [], { dtype: 'int32' }).reshape(rows.length, f);
    return this;
  }

  /** The polynomial features of X: (n, nOutputFeatures_). */
  async transform(X: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const Xc = await checkArray(X, { estimator: this.estimatorName });
    checkNFeatures(Xc, this.nFeaturesIn_ as number, this.estimatorName);
    const [n, f] = Xc.shape;
    const x = Xc.dataSync() as Float64Array;
    const [minDegree, maxDegree] = this.degrees as [number, number];
    const { interactionOnly, includeBias } = this.params;
    const width = numCombinations(f, 0, maxDegree, interactionOnly, includeBias);
    const out = new Float64Array(n * width);
    const mulColumns = (src: number, dst: number, count: number, feature: number): void => {
      for (let i = 0; i < n; i++) for (let c = 0; c < count; c++) out[i * width + dst + c] = out[i * width + src + c] * x[i * f + feature];
    };
    let current = 0;
    if (includeBias) {
      for (let i = 0; i < n; i++) out[i * width] = 1;
      current = 1;
    }
    if (maxDegree > 0) {
      for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) out[i * width + current + j] = x[i * f + j];
      // index[j]: where the previous degree's block of columns starting with feature j begins
      let index = Array.from({ length: f + 1 }, (_, j) => current + j);
      current += f;
      for (let d = 2; d <= maxDegree; d++) {
        const next: number[] = [];
        const end = index[f];
        for (let j = 0; j < f; j++) {
          // degree-d columns starting with feature j: feature j times the degree-(d-1) columns
          // whose first factor is >= j (> j when interaction only)
          const start = interactionOnly ? index[j + 1] : index[j];
          next.push(current);
          if (end - start <= 0) break;
          mulColumns(start, current, end - start, j);
          current += end - start;
        }
        next.push(current);
        index = next;
      }
    }
    const kept = this.nOutputFeatures_ as number;
    if (minDegree <= 1 || kept === width) return np.NDArray.fromTyped(out, [n, width], 'float64');
    // drop the degrees below minDegree (keeping the bias column)
    const first = width - kept + (includeBias ? 1 : 0);
    const result = new Float64Array(n * kept);
    for (let i = 0; i < n; i++) {
      const base = i * kept;
      if (includeBias) result[base] = 1;
      result.set(out.subarray(i * width + first, (i + 1) * width), base + (includeBias ? 1 : 0));
    }
    return np.NDArray.fromTyped(result, [n, kept], 'float64');
  }

  /** Column names: '1', 'x0', 'x1', 'x0^2', 'x0 x1', ... (or from `inputFeatures`). */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    const names = featureNamesIn(this.nFeaturesIn_ as number, inputFeatures);
    return (this.powers_!.toArraySync() as number[][]).map((row) => {
      const terms = row.flatMap((p, j) => (p === 0 ? [] : [p === 1 ? names[j] : `${names[j]}^${p}`]));
      return terms.length ? terms.join(' ') : '1';
    });
  }

  static override readonly learned = {
    nFeaturesIn_: saved.count(1), nOutputFeatures_: saved.count(), powers_: saved.array({ shape: ['nOutputFeatures_', 'nFeaturesIn_'], ints: [0, '*'] }),
    degrees: saved.list(saved.count(), 2),
  };
}

registerEstimator('PolynomialFeatures', PolynomialFeatures);
