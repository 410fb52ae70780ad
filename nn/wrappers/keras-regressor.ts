// KerasRegressor: a tessera/nn network used as a scikit-learn regressor (keras.wrappers.scikit_learn).
// fit trains the model on y as given: a vector for one output, (n, k) for k outputs (`nOutputs_`,
// which buildFn receives as meta.nOutputs to size the last layer). predict returns the model's output
// as float64, a 1-D array for a single output as scikit-learn's regressors do; score is R².
import * as np from '../../ndarray/index.ts';
import { r2Score } from '../../sklearn/index.ts';
import type { Model } from '../models/model.ts';
import { KerasWrapper, assertFinite, checkSameLength, toHost, type BuildFn, type KerasParams } from './keras-wrapper.ts';

type NDArray = np.NDArray;

/** What buildFn learns about the data: the input width and the number of target columns. */
export interface RegressorMeta { nFeaturesIn: number; nOutputs: number }

export type KerasRegressorParams = KerasParams<RegressorMeta>;
export type RegressorBuildFn = BuildFn<RegressorMeta>;

/** y as a float64 CPU array, (n,) or (n, k), finite. */
async function checkTarget(y: unknown, nSamples: number, estimator: string): Promise<NDArray> {
  const a = await toHost(y, 'float64');
  if (a.ndim !== 1 && a.ndim !== 2) throw new np.ValueError(`y should be a 1d or 2d array, got an array of shape (${a.shape.join(', ')}) instead.`);
  checkSameLength(nSamples, a);
  assertFinite(a, 'y', estimator);
  return a;
}

/**
 * A scikit-learn regressor around a model that `buildFn` builds and compiles.
 *
 *   function net({ hidden = 16 }, { nOutputs }) {
 *     const model = new Sequential([new layers.Dense(hidden, { activation: 'relu' }), new layers.Dense(nOutputs)]);
 *     model.compile({ optimizer: 'adam', loss: 'mse' });
 *     return model;
 *   }
 *   const reg = await new KerasRegressor({ buildFn: net, epochs: 100, verbose: 0 }).fit(X, y);
 *   await reg.score(XTest, yTest);                            // R²
 */
export class KerasRegressor extends KerasWrapper<RegressorMeta> {
  readonly estimatorType = 'regressor';
  /** The number of target columns (1 for a vector y). */
  nOutputs_?: number;

  protected buildMeta(): RegressorMeta {
    return { nFeaturesIn: this.nFeaturesIn_ as number, nOutputs: this.nOutputs_ as number };
  }

  protected async learnTarget(y: unknown, nSamples: number): Promise<(model: Model) => NDArray> {
    const target = await checkTarget(y, nSamples, this.estimatorName);
    this.nOutputs_ = target.ndim === 1 ? 1 : target.shape[1];
    return () => target;
  }

  protected override forget(): void {
    super.forget();
    this.nOutputs_ = undefined;
  }

  /** The model's predictions: (n,) for one output, else (n, k). */
  async predict(X: unknown): Promise<NDArray> {
    const out = await this.modelOutput(X);
    return out.shape[1] === 1 ? out.reshape([-1]) : out;
  }

  /** R² of predict(X) against y: 1 - Σ(y - ŷ)² / Σ(y - ȳ)². */
  async score(X: unknown, y: unknown): Promise<number> {
    return r2Score(y, await this.predict(X));
  }
}
