// What kind of target y is (scikit-learn's type_of_target): class labels or real values, one output
// or several. Cross-validation asks this to choose StratifiedKFold (for 'binary' and 'multiclass'
// labels of a classifier) over KFold. The one thing to understand: floats count as class labels when
// every value is a whole number, so y = [0., 1., 1.] is 'binary' while [0.5, 1.] is 'continuous'.
import { ValueError } from '../../ndarray/index.ts';
import { toCpu } from '../validation.ts';
import { numericLabels } from '../utils/labels.ts';

export type TargetType =
  | 'binary' | 'multiclass' | 'continuous' | 'multilabel-indicator'
  | 'multiclass-multioutput' | 'continuous-multioutput' | 'unknown';

/** String labels (a JS array) count by their codes: 'binary' for at most two, else 'multiclass'. */
export async function typeOfTarget(y: unknown, inputName = 'y'): Promise<TargetType> {
  const a = await toCpu(numericLabels(y), null);
  if (a.ndim === 0 || a.ndim > 2 || (a.ndim === 2 && a.shape[1] === 0)) return 'unknown';
  const values = Array.from(a.dataSync() as ArrayLike<number>);
  const distinct = new Set(values);
  const isFloat = a.dtype === 'float32' || a.dtype === 'float64';
  const wide = a.ndim === 2 && a.shape[1] > 1;
  // Several columns holding at most two (whole-number) values: one yes/no column per label.
  if (wide && distinct.size < 3 && (!isFloat || values.every(Number.isInteger))) return 'multilabel-indicator';
  const suffix = wide ? '-multioutput' : '';
  if (isFloat && values.some((v) => !Number.isInteger(v))) {
    if (values.some(Number.isNaN)) throw new ValueError(`Input ${inputName} contains NaN.`);
    if (values.some((v) => !Number.isFinite(v))) throw new ValueError(`Input ${inputName} contains infinity or a value too large for dtype('${a.dtype}').`);
    return `continuous${suffix}` as TargetType;
  }
  if (distinct.size > 2 || wide) return `multiclass${suffix}` as TargetType;
  return 'binary';
}
