// One cross-validation fit (scikit-learn's _fit_and_score): take a fresh clone, set the candidate's
// params, fit on the training rows, score on the test rows (and on the training rows if asked),
// timing both. A fit that throws scores `errorScore` (NaN by default) instead of stopping the whole
// search, unless errorScore is 'raise'; the failures are reported together afterwards.
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { BaseEstimator, clone, type Params } from '../base.ts';
import { shortFormatTime, secondsSince, warn } from '../utils/log.ts';
import { type Rows, takeRows } from '../utils/indexing.ts';
import type { Scorer } from './scoring.ts';
import type { Split } from './split.ts';

export type ErrorScore = number | 'raise';

export interface FitAndScoreOptions {
  scorers: Record<string, Scorer>;
  /** Single-metric results print as `score=...`, multi-metric as `name: (test=...)`. */
  multimetric: boolean;
  split: Split;
  parameters?: Params | null;
  returnTrainScore?: boolean;
  returnEstimator?: boolean;
  errorScore: ErrorScore;
  verbose: number;
  /** [fold index, number of folds] and [candidate index, number of candidates], for messages. */
  splitProgress?: [number, number];
  candidateProgress?: [number, number];
}

export interface FitAndScoreResult {
  testScores: Record<string, number>;
  trainScores?: Record<string, number>;
  nTestSamples: number;
  fitTime: number;
  scoreTime: number;
  fitError: string | null;
  estimator?: BaseEstimator;
}

/** A number as Python prints it (nan, inf). */
const pyNumber = (x: number): string => (Number.isNaN(x) ? 'nan' : Number.isFinite(x) ? String(x) : x > 0 ? 'inf' : '-inf');

type Fittable = BaseEstimator & { fit(X: unknown, y?: unknown): Promise<unknown> };

async function score(scorers: Record<string, Scorer>, est: BaseEstimator, X: NDArray, y: Rows | null, errorScore: ErrorScore): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, scorer] of Object.entries(scorers)) {
    try {
      const s = await scorer(est, X, y ?? undefined);
      if (typeof s !== 'number') throw new ValueError(`scoring must return a number, got ${String(s)} (${typeof s}) instead. (scorer=${name})`);
      out[name] = s;
    } catch (err) {
      if (errorScore === 'raise') throw err;
      warn(`Scoring failed. The score on this train-test partition for these parameters will be set to ${pyNumber(errorScore)}. Details: \n${String(err)}`);
      out[name] = errorScore;
    }
  }
  return out;
}

function formatParams(parameters: Params | null | undefined): string {
  if (!parameters) return '';
  return Object.keys(parameters).sort().map((k) => `${k}=${String(parameters[k])}`).join(', ');
}

/** `[CV 1/3] END alpha=1, solver=svd;, score=0.870 total time=   0.0s`, dot-padded to 80 characters. */
function endMessage(o: FitAndScoreOptions, r: FitAndScoreResult): string {
  let progress = '';
  if (o.verbose > 2 && o.splitProgress) progress = ` ${o.splitProgress[0] + 1}/${o.splitProgress[1]}`;
  if (o.verbose > 9 && o.candidateProgress) progress += `; ${o.candidateProgress[0] + 1}/${o.candidateProgress[1]}`;
  const start = `[CV${progress}] END `;
  const params = formatParams(o.parameters);
  let result = params + (params ? ';' : '');
  if (o.verbose > 2) {
    const f = (x: number): string => x.toFixed(3);
    if (o.multimetric) {
      for (const name of Object.keys(r.testScores).sort()) {
        const train = r.trainScores ? `train=${f(r.trainScores[name])}, ` : '';
        result += ` ${name}: (${train}test=${f(r.testScores[name])})`;
      }
    } else {
      result += r.trainScores ? `, score=(train=${f(r.trainScores.score)}, test=${f(r.testScores.score)})` : `, score=${f(r.testScores.score)}`;
    }
  }
  result += ` total time=${shortFormatTime(r.fitTime + r.scoreTime)}`;
  return start + '.'.repeat(Math.max(0, 80 - start.length - result.length)) + result;
}

/** Fits `estimator` (already a fresh clone) on the split's training rows and scores it. */
export async function fitAndScore(estimator: Fittable, X: NDArray, y: Rows | null, o: FitAndScoreOptions): Promise<FitAndScoreResult> {
  if (typeof o.errorScore !== 'number' && o.errorScore !== 'raise') {
    throw new ValueError("error_score must be the string 'raise' or a numeric value. (Hint: if using 'raise', please make sure that it has been spelled correctly.)");
  }
  if (o.parameters) {
    // Estimator-valued params (pipeline steps) are cloned too, so candidates never share a fitted step.
    const cloned = Object.fromEntries(Object.entries(o.parameters).map(([k, v]) => [k, v instanceof BaseEstimator ? clone(v) : v]));
    estimator.setParams(cloned);
  }
  const [train, test] = o.split;
  const [XTrain, XTest] = [takeRows(X, train), takeRows(X, test)];
  const [yTrain, yTest] = y ? [takeRows(y, train), takeRows(y, test)] : [null, null];
  const start = performance.now();
  const r: FitAndScoreResult = { testScores: {}, nTestSamples: test.length, fitTime: 0, scoreTime: 0, fitError: null };
  try {
    await (yTrain ? estimator.fit(XTrain, yTrain) : estimator.fit(XTrain));
  } catch (err) {
    r.fitTime = secondsSince(start);
    if (o.errorScore === 'raise') throw err;
    r.fitError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    r.testScores = Object.fromEntries(Object.keys(o.scorers).map((n) => [n, o.errorScore as number]));
    if (o.returnTrainScore) r.trainScores = { ...r.testScores };
  }
  if (r.fitError === null) {
    r.fitTime = secondsSince(start);
    r.testScores = await score(o.scorers, estimator, XTest, yTest, o.errorScore);
    r.scoreTime = secondsSince(start) - r.fitTime;
    if (o.returnTrainScore) r.trainScores = await score(o.scorers, estimator, XTrain, yTrain, o.errorScore);
  }
  if (o.verbose > 1) console.log(endMessage(o, r));
  if (o.returnEstimator) r.estimator = estimator;
  return r;
}

/** Raises when every fit failed, warns when some did (sklearn's _warn_or_raise_about_fit_failures). */
export function warnOrRaiseAboutFitFailures(results: FitAndScoreResult[], errorScore: ErrorScore): void {
  const errors = results.map((r) => r.fitError).filter((e): e is string => e !== null);
  if (errors.length === 0) return;
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(e, (counts.get(e) ?? 0) + 1);
  const delimiter = `${'-'.repeat(80)}\n`;
  const summary = [...counts].map(([e, n]) => `${delimiter}${n} fits failed with the following error:\n${e}`).join('\n');
  if (errors.length === results.length) {
    throw new ValueError(`\nAll the ${results.length} fits failed.\nIt is very likely that your model is misconfigured.\nYou can try to debug the error by setting error_score='raise'.\n\nBelow are more details about the failures:\n${summary}`);
  }
  warn(
    `\n${errors.length} fits failed out of a total of ${results.length}.\nThe score on these train-test partitions for these parameters will be set to ${pyNumber(errorScore as number)}.\nIf these failures are not expected, you can try to debug them by setting error_score='raise'.\n\nBelow are more details about the failures:\n${summary}`,
    'FitFailedWarning',
  );
}
