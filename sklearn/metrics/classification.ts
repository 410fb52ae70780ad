// Classification metrics: how often, and how, predicted labels agree with the true ones.
// Labels may be any numbers; `confusionMatrix` orders them sorted, as scikit-learn does.
import type { NDArray } from '../../ndarray/index.ts';
import * as np from '../../ndarray/index.ts';
import { toCpu, checkConsistentLength } from '../validation.ts';
import { ValueError } from '../../ndarray/errors.ts';
import { formatNumber } from '../../ndarray/io/printf.ts';

async function labels(yTrue: unknown, yPred: unknown): Promise<[Float64Array, Float64Array]> {
  const [t, p] = [await toCpu(yTrue), await toCpu(yPred)];
  checkConsistentLength(t, p);
  return [t.ravel().dataSync() as Float64Array, p.ravel().dataSync() as Float64Array];
}

/** The fraction of samples whose predicted label equals the true one. */
export async function accuracyScore(yTrue: unknown, yPred: unknown, options: { normalize?: boolean } = {}): Promise<number> {
  const [t, p] = await labels(yTrue, yPred);
  let hits = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hits++;
  return options.normalize === false ? hits : hits / t.length;
}

/** C[i, j] = number of samples of true class i predicted as class j (classes sorted). */
export async function confusionMatrix(yTrue: unknown, yPred: unknown, options: { labels?: number[] } = {}): Promise<NDArray> {
  const [t, p] = await labels(yTrue, yPred);
  const classes = options.labels ?? [...new Set([...t, ...p])].sort((a, b) => a - b);
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

/** Per-class true positives, predicted positives and actual positives. */
async function tallies(yTrue: unknown, yPred: unknown): Promise<{ classes: number[]; tp: number[]; pred: number[]; truth: number[] }> {
  const [t, p] = await labels(yTrue, yPred);
  const classes = [...new Set([...t, ...p])].sort((a, b) => a - b);
  const tally = (f: (i: number, c: number) => boolean): number[] =>
    classes.map((c) => { let n = 0; for (let i = 0; i < t.length; i++) if (f(i, c)) n++; return n; });
  return {
    classes,
    tp: tally((i, c) => t[i] === c && p[i] === c),
    pred: tally((i, c) => p[i] === c),
    truth: tally((i, c) => t[i] === c),
  };
}

/** precision = tp / predicted, recall = tp / actual, f1 = their harmonic mean; averaged as asked. */
async function prf(which: 'precision' | 'recall' | 'f1', yTrue: unknown, yPred: unknown, options: { average?: Average; posLabel?: number }): Promise<number | number[]> {
  const { classes, tp, pred, truth } = await tallies(yTrue, yPred);
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const score = (k: number[], tpk: number[], pk: number[], tk: number[]): number[] => k.map((_, i) => {
    const [pr, rc] = [ratio(tpk[i], pk[i]), ratio(tpk[i], tk[i])];
    return which === 'precision' ? pr : which === 'recall' ? rc : ratio(2 * pr * rc, pr + rc);
  });
  const average = options.average === undefined ? 'binary' : options.average;
  if (average === 'binary') {
    if (classes.length > 2) {
      throw new ValueError("Target is multiclass but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted'].");
    }
    const i = classes.indexOf(options.posLabel ?? 1);
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

export const precisionScore = (yTrue: unknown, yPred: unknown, options: { average?: Average; posLabel?: number } = {}) => prf('precision', yTrue, yPred, options);
export const recallScore = (yTrue: unknown, yPred: unknown, options: { average?: Average; posLabel?: number } = {}) => prf('recall', yTrue, yPred, options);
export const f1Score = (yTrue: unknown, yPred: unknown, options: { average?: Average; posLabel?: number } = {}) => prf('f1', yTrue, yPred, options);

/** Python's `'%.{digits}f' % x` (ties rounded half-to-even on the exact value, as Python does). */
function fixed(x: number, digits: number): string {
  return formatNumber({ flags: '', width: 0, precision: digits, conversion: 'f' }, x, 'f');
}

/** sklearn's classification_report: per-class precision, recall, F1 and support, then accuracy and
 *  the macro (plain mean over classes) and weighted (mean weighted by support) averages. */
export async function classificationReport(yTrue: unknown, yPred: unknown, options: { digits?: number; targetNames?: string[] } = {}): Promise<string> {
  const digits = options.digits ?? 2;
  const { classes, truth } = await tallies(yTrue, yPred);
  const names = options.targetNames ?? classes.map(String);
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
