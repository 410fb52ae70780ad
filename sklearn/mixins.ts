// The three kinds of estimators and what each gets for free (scikit-learn's mixins).
// A Classifier's `score` is the accuracy of `predict`; a Regressor's `score` is R² (the fraction of
// the variance of y that the predictions explain); a Transformer gets `fitTransform` = fit, then
// transform. Subclasses write only `fit` and `predict`/`transform`. An IncrementalTransformer (the
// scalers) learns batch by batch with `partialFit`, and its `fit` is "forget, then one batch".
import type { NDArray } from '../ndarray/index.ts';
import { BaseEstimator, type Params } from './base.ts';
import type { Labels } from './utils/labels.ts';
import { accuracyScore } from './metrics/classification.ts';
import { r2Score } from './metrics/regression.ts';

/** What classifiers and regressors share: fit(X, y), predict(X), and score(X, y), which measures
 *  predict(X) against y with the kind's own metric (`scoreOf`). */
abstract class Predictor<P extends Params, L> extends BaseEstimator<P> {
  static override readonly strict: boolean = true;
  abstract fit(X: unknown, y: unknown): Promise<this>;
  abstract predict(X: unknown): Promise<L>;
  protected abstract scoreOf(y: unknown, predicted: L): Promise<number>;

  async score(X: unknown, y: unknown): Promise<number> {
    return this.scoreOf(y, await this.predict(X));
  }
}

/** L is how the labels come back from predict: an NDArray of numbers, or string[] for a classifier
 *  fitted on string labels (write `new LogisticRegression<string[]>()` to have it typed so). */
export abstract class Classifier<P extends Params = Params, L extends Labels = NDArray> extends Predictor<P, L> {
  readonly estimatorType = 'classifier';

  /** score: the mean accuracy of predict(X) against y. */
  protected scoreOf(y: unknown, predicted: L): Promise<number> {
    return accuracyScore(y, predicted);
  }
}

export abstract class Regressor<P extends Params = Params> extends Predictor<P, NDArray> {
  readonly estimatorType = 'regressor';

  /** score: R² of predict(X) against y, 1 - Σ(y - ŷ)² / Σ(y - ȳ)². */
  protected scoreOf(y: unknown, predicted: NDArray): Promise<number> {
    return r2Score(y, predicted);
  }
}

export abstract class Transformer<P extends Params = Params> extends BaseEstimator<P> {
  static override readonly strict: boolean = true;
  abstract fit(X: unknown, y?: unknown): Promise<this>;
  abstract transform(X: unknown): Promise<NDArray>;

  /** fit(X, y), then transform(X). */
  async fitTransform(X: unknown, y?: unknown): Promise<NDArray> {
    await this.fit(X, y);
    return this.transform(X);
  }
}

/** A transformer that learns batch by batch: subclasses write `partialFit` (merge one more batch
 *  into the learned statistics) and `transform`; fit(X) forgets what was learned, then takes X as
 *  the one batch, as scikit-learn's scalers do. */
export abstract class IncrementalTransformer<P extends Params = Params> extends Transformer<P> {
  abstract partialFit(X: unknown, y?: unknown): Promise<this>;

  /** Forgets any previous fit, then learns from X as one batch. */
  async fit(X: unknown, y?: unknown): Promise<this> {
    this.forgetLearned();
    return this.partialFit(X, y);
  }
}
