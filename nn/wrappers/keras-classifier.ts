// KerasClassifier: a tessera/nn network used as a scikit-learn classifier (keras.wrappers.scikit_learn).
// fit learns the labels (`classes_`, sorted distinct values of y) and trains on them in the form the
// model's last layer asks for: one-hot rows for a softmax over nClasses units, the 0/1 index of the
// label for one sigmoid unit (two classes), the index itself for sparse_categorical_crossentropy.
// predictProba is the model's output ([1 - p, p] for one sigmoid unit); predict is the label of the
// most probable class; score is accuracy.
import * as np from '../../ndarray/index.ts';
import { accuracyScore } from '../../sklearn/index.ts';
import type { Model } from '../models/model.ts';
import { toCategorical } from '../utils/to-categorical.ts';
import { KerasWrapper, assertFinite, checkSameLength, toHost, type BuildFn, type KerasParams } from './keras-wrapper.ts';

type NDArray = np.NDArray;

/** What buildFn learns about the data: the input width and the number of classes. */
export interface ClassifierMeta { nFeaturesIn: number; nClasses: number }

export type KerasClassifierParams = KerasParams<ClassifierMeta>;
export type ClassifierBuildFn = BuildFn<ClassifierMeta>;

/** y as a 1-D CPU array of its own dtype, of whole numbers: class labels. */
async function checkLabels(y: unknown, nSamples: number, estimator: string): Promise<NDArray> {
  let a = await toHost(y, null);
  if (a.ndim === 2 && a.shape[1] === 1) a = a.ravel();
  if (a.ndim !== 1) throw new np.ValueError(`y should be a 1d array, got an array of shape (${a.shape.join(', ')}) instead.`);
  checkSameLength(nSamples, a);
  assertFinite(a, 'y', estimator);
  if (Array.from(a.dataSync() as ArrayLike<number>).some((v) => !Number.isInteger(v))) throw new np.ValueError("Unknown label type: 'continuous'");
  return a;
}

/** The labels' class indices as the model's last layer and loss expect them. */
function targetsFor(model: Model, codes: NDArray, nClasses: number): NDArray {
  const units = model.outputShape[model.outputShape.length - 1];
  if (model.requireCompiled().lossName === 'sparse_categorical_crossentropy') return codes;
  if (units === nClasses) return toCategorical(codes, nClasses);
  if (units === 1 && nClasses <= 2) return codes;
  throw new np.ValueError(`the model's last layer has ${units} units but y has ${nClasses} classes: give it meta.nClasses units (softmax), or 1 unit (sigmoid) for two classes`);
}

/**
 * A scikit-learn classifier around a model that `buildFn` builds and compiles.
 *
 *   function net({ hidden = 16 }, { nClasses }) {
 *     const model = new Sequential([new layers.Dense(hidden, { activation: 'relu' }), new layers.Dense(nClasses, { activation: 'softmax' })]);
 *     model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy' });
 *     return model;
 *   }
 *   const clf = new KerasClassifier({ buildFn: net, hidden: 32, epochs: 50, verbose: 0 });
 *   await crossValScore(clf, X, y, { cv: 5 });               // hidden goes to net, epochs to model.fit
 */
export class KerasClassifier extends KerasWrapper<ClassifierMeta> {
  readonly estimatorType = 'classifier';
  /** The sorted distinct labels of y, in y's dtype. */
  classes_?: NDArray;

  protected buildMeta(): ClassifierMeta {
    return { nFeaturesIn: this.nFeaturesIn_ as number, nClasses: (this.classes_ as NDArray).size };
  }

  protected async learnTarget(y: unknown, nSamples: number): Promise<(model: Model) => NDArray> {
    const labels = await checkLabels(y, nSamples, this.estimatorName);
    const classes = (this.classes_ = np.unique(labels));
    const codes = np.searchsorted(classes, labels); // each label's index in classes_
    return (model) => targetsFor(model, codes, classes.size);
  }

  protected override forget(): void {
    super.forget();
    this.classes_ = undefined;
  }

  /** The probability of each class, (n, nClasses), columns in the order of classes_. */
  async predictProba(X: unknown): Promise<NDArray> {
    const p = await this.modelOutput(X);
    return p.shape[1] === 1 ? np.hstack([np.subtract(1, p), p]) : p;
  }

  /** The most probable class of each row, as labels from classes_. */
  async predict(X: unknown): Promise<NDArray> {
    const proba = await this.predictProba(X);
    return np.take(this.classes_ as NDArray, np.argmax(proba, { axis: 1 }));
  }

  /** Mean accuracy of predict(X) against y. */
  async score(X: unknown, y: unknown): Promise<number> {
    return accuracyScore(y, await this.predict(X));
  }
}
