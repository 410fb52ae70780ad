// Input checks shared by the preprocessing transformers. Scalers and encoders accept missing values
// (NaN), which they ignore when learning and pass through when transforming, so they validate with
// scikit-learn's force_all_finite='allow-nan': NaN is fine, ±infinity is not.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { checkArray, checkNFeatures, toCpu } from '../validation.ts';

export interface AllowNaNOptions {
  /** Keep X's dtype (encoders: integer categories stay integers) instead of float64. */
  keepDtype?: boolean;
  /** The feature count fit saw (checked when given). */
  nFeatures?: number;
  /** The input's name in the infinity message ('X'; encoders: '', as scikit-learn's). */
  name?: string;
}

/** X as a 2-D CPU array (float64, or its own dtype when `keepDtype`), NaN allowed, ±inf rejected. */
export async function checkAllowNaN(X: unknown, estimator: string, options: AllowNaNOptions = {}): Promise<NDArray> {
  const raw = await toCpu(X, null);
  const a = await checkArray(raw, { estimator, forceAllFinite: false });
  const name = options.name ?? 'X';
  // A finite sum means no NaN and no ±inf at all (one reduction, no copy); otherwise look closer.
  const data = Number.isFinite(np.tidy(() => np.sum(a).itemSync())) ? [] : a.dataSync();
  for (let i = 0; i < data.length; i++) {
    if (data[i] === Infinity || data[i] === -Infinity) {
      throw new ValueError(`Input ${name ? `${name} ` : ''}contains infinity or a value too large for dtype('float64').`);
    }
  }
  if (options.nFeatures !== undefined) checkNFeatures(a, options.nFeatures, estimator);
  return options.keepDtype ? raw : a;
}

/** scikit-learn's _check_feature_names_in: the given names (checked against f) or x0 … x{f-1}. */
export function featureNamesIn(f: number, inputFeatures?: string[]): string[] {
  if (!inputFeatures) return Array.from({ length: f }, (_, j) => `x${j}`);
  if (inputFeatures.length !== f) throw new ValueError(`input_features should have length equal to number of features (${f}), got ${inputFeatures.length}`);
  return [...inputFeatures];
}
