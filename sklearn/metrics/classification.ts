// Classification metrics: how often, and how, predicted labels agree with the true ones.
// Labels may be any numbers, or strings in JS arrays (scored through their codes among the sorted
// strings, see utils/labels.ts); `confusionMatrix` orders them sorted, as scikit-learn does.
import type { NDArray } from '../../ndarray/index.ts';
import * as np from '../../ndarray/index.ts';
import { toCpu, checkConsistentLength } from '../validation.ts';
import { ValueError } from '../../ndarray/index.ts';
import { typeOfTarget } from '../model_selection/target-type.ts';
import { checkOptions } from '../utils/check-params.ts';
import { numSamples } from '../utils/indexing.ts';
import { pyLabel, stringCodes, stringLabels, uniqueStrings } from '../utils/labels.ts';

type Label = number | string;

/** The two label inputs as numbers: string labels become their indices among the sorted strings of
 *  both (`names`, null for numeric labels). Strings against numbers is refused, as scikit-learn
 *  does when it cannot sort them together. */
function labelCodes(yTrue: unknown, yPred: unknown): [unknown, unknown, string[] | null] {
  const [st, sp] = [stringLabels(yTrue), stringLabels(yPred)];
  if (!st && !sp) return [yTrue, yPred, null];
  const lengths = [numSamples(yTrue), numSamples(yPred)];
  if (lengths[0] !== lengths[1]) throw new ValueError(`Found input variables with inconsistent numbers of samples: [${lengths.join(', ')}]`);
  if (!st || !sp) {
    const shown = (y: unknown): string => (stringLabels(y) ? `[${uniqueStrings(y as string[]).map(pyLabel).join(' ')}]` : np.unique(y as np.ArrayLike).str());
    throw new TypeError(`Labels in y_true and y_pred should be of the same type. Got y_true=${shown(yTrue)} and y_pred=${shown(yPred)}. Make sure that the predictions provided by the classifier coincides with the true labels.`);
  }
  const names = uniqueStrings([...st, ...sp]);
  const codes = (s: string[]): NDArray => np.array(Float64Array.from(stringCodes(s, names)));
  return [codes(st), codes(sp), names];
}

/** A label given by the user (a `labels` entry, `posLabel`) as the number the metric compares
 *  (NaN, which matches no sample, for a label of the other kind). */
function codeOfLabel(names: string[] | null, label: Label): number {
  if (!names) return typeof label === 'number' ? label : NaN;
  const i = typeof label === 'string' ? names.indexOf(label) : -1;
  return i < 0 ? NaN : i;
}

/** scikit-learn's _check_targets: the same number of samples, and label arrays of one kind (binary
 *  with multiclass is multiclass); real values are not labels. `multilabel` says who scores one
 *  0/1 column per label (accuracyScore, as subset accuracy); the others refuse it. */
async function labels(yTrue: unknown, yPred: unknown, metric: string, multilabel = false): Promise<[Float64Array, Float64Array, number, string[] | null]> {
  const [codesTrue, codesPred, names] = labelCodes(yTrue, yPred);
  const [t, p] = [await toCpu(codesTrue), await toCpu(codesPred)];
  checkConsistentLength(t, p);
  let [typeTrue, typePred] = [await typeOfTarget(t, 'y_true'), await typeOfTarget(p, 'y_pred')];
  if (typeTrue !== typePred && [typeTrue, typePred].every((k) => k === 'binary' || k === 'multiclass')) typeTrue = typePred = 'multiclass';
  if (typeTrue !== typePred) throw new ValueError(`Classification metrics can't handle a mix of ${typeTrue} and ${typePred} targets`);
  if (typeTrue === 'multilabel-indicator' && !multilabel) {
    throw new ValueError(metric === 'confusionMatrix' ? 'multilabel-indicator is not supported' : `tessera does not implement multilabel-indicator targets in ${metric}`);
  }
  if (!['binary', 'multiclass', 'multilabel-indicator'].includes(typeTrue)) throw new ValueError(`${typeTrue} is not supported`);
  const columns = typeTrue === 'multilabel-indicator' ? t.shape[1] : 1;
  return [t.ravel().dataSync() as Float64Array, p.ravel().dataSync() as Float64Array, columns, names];
}

/**
 * The fraction of samples whose predicted label equals the true one.
 *
 * @example
 * ```ts
 * import { accuracyScore } from 'tessera/sklearn';
 *
 * console.log(await accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]));
 * console.log(await accuracyScore([0, 1, 2, 3], [0, 2, 1, 3], { normalize: false })); // the count of hits
 * ```
 *
 * ```text output
 * 0.5
 * 2
 * ```
 */
export async function accuracyScore(yTrue: unknown, yPred: unknown, options: { normalize?: boolean } = {}): Promise<number> {
  checkOptions('accuracyScore', options, ['normalize']);
  // A sample is a hit when all its labels are right (subset accuracy, for one 0/1 column per label).
  const [t, p, columns] = await labels(yTrue, yPred, 'accuracyScore', true);
  const n = t.length / columns;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    let all = true;
    for (let j = i * columns; j < (i + 1) * columns; j++) all &&= t[j] === p[j];
    if (all) hits++;
  }
  return options.normalize === false ? hits : hits / n;
}

/**
 * C[i, j] = number of samples of true class i predicted as class j (classes sorted).
 *
 * @example
 * ```ts
 * import { confusionMatrix } from 'tessera/sklearn';
 *
 * console.log(await confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])); // rows: true 0, 1, 2
 * ```
 *
 * ```text output
 * array([[2, 0, 0],
 *        [0, 0, 1],
 *        [1, 0, 2]])
 * ```
 */
export async function confusionMatrix(yTrue: unknown, yPred: unknown, options: { labels?: Label[] } = {}): Promise<NDArray> {
  checkOptions('confusionMatrix', options, ['labels']);
  const [t, p, , names] = await labels(yTrue, yPred, 'confusionMatrix');
  const given = options.labels?.map((l) => codeOfLabel(names, l));
  // scikit-learn's checks on `labels`: none given, or none of them true labels, is an error.
  if (given !== undefined && given !== null) {
    if (given.length === 0) throw new ValueError("'labels' should contains at least one label.");
    if (t.length > 0 && !given.some((l) => t.includes(l))) throw new ValueError('At least one label specified must be in y_true');
  }
  const classes = given ?? [...new Set([...t, ...p])].sort((a, b) => a - b);
  const index = new Map(classes.map((c, i) => [c, i]));
  const k = classes.length;
  const counts = new Int32Array(k * k);
  for (let i = 0; i < t.length; i++) {
    const [r, c] = [index.get(t[i]), index.get(p[i])];
    if (r !== undefined && c !== undefined) counts[r * k + c]++;
  }
  return np.array(counts).reshape(k, k);
}

type Average = 'binary' | 'micro' | 'macro' | 'weighted' | null;
type PrfOptions = { average?: Average; posLabel?: Label };
const AVERAGES: unknown[] = ['binary', 'micro', 'macro', 'weighted', null];

/** Per-class true positives, predicted positives and actual positives. */
async function tallies(yTrue: unknown, yPred: unknown, metric: string): Promise<{ classes: number[]; names: string[] | null; tp: number[]; pred: number[]; truth: number[] }> {
  const [t, p, , names] = await labels(yTrue, yPred, metric);
  const classes = [...new Set([...t, ...p])].sort((a, b) => a - b);
  const tally = (f: (i: number, c: number) => boolean): number[] =>
    classes.map((c) => { let n = 0; for (let i = 0; i < t.length; i++) if (f(i, c)) n++; return n; });
  return {
    classes,
    names,
    tp: tally((i, c) => t[i] === c && p[i] === c),
    pred: tally((i, c) => p[i] === c),
    truth: tally((i, c) => t[i] === c),
  };
}

/** precision = tp / predicted, recall = tp / actual, f1 = their harmonic mean; averaged as asked. */
async function prf(which: 'precision' | 'recall' | 'f1', yTrue: unknown, yPred: unknown, options: PrfOptions): Promise<number | number[]> {
  checkOptions(`${which}Score`, options, ['average', 'posLabel']);
  const { classes, names, tp, pred, truth } = await tallies(yTrue, yPred, `${which}Score`);
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const score = (k: number[], tpk: number[], pk: number[], tk: number[]): number[] => k.map((_, i) => {
    const [pr, rc] = [ratio(tpk[i], pk[i]), ratio(tpk[i], tk[i])];
    return which === 'precision' ? pr : which === 'recall' ? rc : ratio(2 * pr * rc, pr + rc);
  });
  const average = options.average === undefined ? 'binary' : options.average;
  if ((average as unknown) === 'samples') throw new ValueError('Sample-based precision, recall, fscore is not meaningful outside multilabel classification. See the accuracy_score instead.');
  if (!AVERAGES.includes(average)) throw new ValueError("average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')");
  if (average === 'binary') {
    if (classes.length > 2) {
      throw new ValueError("Target is multiclass but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted'].");
    }
    const posLabel = options.posLabel ?? 1;
    const i = classes.indexOf(codeOfLabel(names, posLabel));
    const present = classes.map((c) => (names ? pyLabel(names[c]) : String(c)));
    if (i < 0 && classes.length >= 2) throw new ValueError(`pos_label=${posLabel} is not a valid label. It should be one of [${present.join(', ')}]`);
    return i < 0 ? 0 : score([0], [tp[i]], [pred[i]], [truth[i]])[0];
  }
  if (average === 'micro') {
    const sum = (a: number[]): number => a.reduce((s, v) => s + v, 0);
    return score([0], [sum(tp)], [sum(pred)], [sum(truth)])[0];
  }
  const per = score(classes, tp, pred, truth);
  if (average === null) return per;
  if (average === 'macro') return per.reduce((s, v) => s + v, 0) / per.length;
  const total = truth.reduce((s, v) => s + v, 0);
  return per.reduce((s, v, i) => s + (v * truth[i]) / total, 0);
}

/**
 * Precision, tp / (tp + fp): of the samples predicted positive, the fraction that are (scikit-learn's precision_score).
 *
 * @example
 * ```ts
 * import { precisionScore } from 'tessera/sklearn';
 *
 * console.log(await precisionScore([0, 1, 1, 0, 1], [1, 1, 0, 0, 1])); // of the 3 predicted 1s, 2 are right
 * console.log(await precisionScore([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: null })); // per class
 * ```
 *
 * ```text output
 * 0.6666666666666666
 * [ 0.6666666666666666, 0, 0 ]
 * ```
 */
export const precisionScore = (yTrue: unknown, yPred: unknown, options: PrfOptions = {}) => prf('precision', yTrue, yPred, options);
/**
 * Recall, tp / (tp + fn): of the positive samples, the fraction predicted positive (scikit-learn's recall_score).
 *
 * @example
 * ```ts
 * import { recallScore } from 'tessera/sklearn';
 *
 * console.log(await recallScore([0, 1, 1, 0, 1], [1, 1, 0, 0, 1])); // of the 3 true 1s, 2 are found
 * console.log(await recallScore([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'macro' }));
 * ```
 *
 * ```text output
 * 0.6666666666666666
 * 0.3333333333333333
 * ```
 */
export const recallScore = (yTrue: unknown, yPred: unknown, options: PrfOptions = {}) => prf('recall', yTrue, yPred, options);
/**
 * F1, the harmonic mean of precision and recall (scikit-learn's f1_score).
 *
 * @example
 * ```ts
 * import { f1Score } from 'tessera/sklearn';
 *
 * console.log(await f1Score([0, 1, 1, 0, 1], [1, 1, 0, 0, 1])); // precision 2/3, recall 2/3
 * console.log(await f1Score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'weighted' }));
 * ```
 *
 * ```text output
 * 0.6666666666666666
 * 0.26666666666666666
 * ```
 */
export const f1Score = (yTrue: unknown, yPred: unknown, options: PrfOptions = {}) => prf('f1', yTrue, yPred, options);

/** Python's `'%.{digits}f' % x` (ties rounded half-to-even on the exact value, as Python does). */
function fixed(x: number, digits: number): string {
  return np.char.mod(`%.${digits}f`, x);
}

/** sklearn's classification_report: per-class precision, recall, F1 and support, then accuracy and
 *  the macro (plain mean over classes) and weighted (mean weighted by support) averages.
 *
 * @example
 * ```ts
 * import { classificationReport } from 'tessera/sklearn';
 *
 * console.log(await classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { targetNames: ['a', 'b', 'c'] }));
 * ```
 *
 * ```text output
 *               precision    recall  f1-score   support
 *
 *            a       0.50      1.00      0.67         1
 *            b       0.00      0.00      0.00         1
 *            c       1.00      0.67      0.80         3
 *
 *     accuracy                           0.60         5
 *    macro avg       0.50      0.56      0.49         5
 * weighted avg       0.70      0.60      0.61         5
 * ```
 */
export async function classificationReport(yTrue: unknown, yPred: unknown, options: { digits?: number; targetNames?: string[] } = {}): Promise<string> {
  checkOptions('classificationReport', options, ['digits', 'targetNames']);
  const digits = options.digits ?? 2;
  const { classes, names: labelNames, truth } = await tallies(yTrue, yPred, 'classificationReport');
  const names = options.targetNames ?? classes.map((c) => (labelNames ? labelNames[c] : String(c)));
  if (names.length !== classes.length) {
    throw new ValueError(`Number of classes, ${classes.length}, does not match size of target_names, ${names.length}. Try specifying the labels parameter`);
  }
  const [p, r, f] = await Promise.all(['precision', 'recall', 'f1'].map((w) => prf(w as 'precision', yTrue, yPred, { average: null }))) as number[][];
  const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits);
  const cell = (s: string): string => ` ${s.padStart(9)}`;
  const row = (name: string, values: string[]): string => `${name.padStart(width)} ${values.map(cell).join('')}\n`;
  const support = truth.reduce((s, v) => s + v, 0);
  let report = row('', ['precision', 'recall', 'f1-score', 'support']) + '\n';
  names.forEach((name, i) => (report += row(name, [fixed(p[i], digits), fixed(r[i], digits), fixed(f[i], digits), String(truth[i])])));
  report += '\n';
  // The accuracy line shows the micro-averaged F1 (equal to accuracy, rounded as scikit-learn computes it).
  const micro = (await prf('f1', yTrue, yPred, { average: 'micro' })) as number;
  report += row('accuracy', ['', '', fixed(micro, digits), String(support)]);
  for (const average of ['macro', 'weighted'] as const) {
    const avg = await Promise.all(['precision', 'recall', 'f1'].map((w) => prf(w as 'precision', yTrue, yPred, { average })));
    report += row(`${average} avg`, [...(avg as number[]).map((v) => fixed(v, digits)), String(support)]);
  }
  return report;
}
