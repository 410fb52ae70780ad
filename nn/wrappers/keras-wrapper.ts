// What KerasClassifier and KerasRegressor share (keras.wrappers.scikit_learn's BaseWrapper): one options
// object whose fit keys (epochs, batchSize, verbose, validationSplit, callbacks, shuffle) go to
// `model.fit` and whose every other key goes to `buildFn`, which returns a fresh compiled model on each
// fit. All of them are ordinary estimator params, so getParams/setParams/clone, GridSearchCV and a
// Pipeline's `model__hidden` reach both kinds. The one thing to understand: buildFn's keys cannot be
// listed in advance, so a key that is no fit option and that buildFn never reads is reported as a
// misspelling once buildFn has run (Keras checks build_fn's signature for the same reason).
import * as np from '../../ndarray/index.ts';
import { BaseEstimator, type EstimatorClass, type Params } from '../../sklearn/index.ts';
import { Model, type FitOptions } from '../models/model.ts';
import type { Callback } from '../callbacks/callback.ts';
import { checkOptions } from '../options.ts';

type NDArray = np.NDArray;

/** What fit learned about the data, given to buildFn beside its params: the input width, and the
 *  number of classes (classifier) or of target columns (regressor) the last layer must produce. */
export interface BuildMeta { nFeaturesIn: number; nClasses?: number; nOutputs?: number }

/** Builds and compiles a new model from the build params (every option that is not a fit option).
 *  The params argument is typed `any` so that buildFn may declare its own ({hidden: number}). */
export type BuildFn<M extends BuildMeta = BuildMeta> = (params: any, meta: M) => Model;

export type KerasParams<M extends BuildMeta = BuildMeta> = {
  buildFn: BuildFn<M> | null;
  epochs: number;
  batchSize: number;
  verbose: 0 | 1 | 2 | 'auto';
  validationSplit: number;
  callbacks: Callback[] | null;
  shuffle: boolean;
} & Params;

/** Keras's fit defaults. */
const DEFAULTS: KerasParams = { buildFn: null, epochs: 1, batchSize: 32, verbose: 'auto', validationSplit: 0, callbacks: null, shuffle: true };
const FIT_KEYS = ['epochs', 'batchSize', 'verbose', 'validationSplit', 'callbacks', 'shuffle'];

const positiveInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1;
/** Each wrapper param: [valid?, what it must be]. Checked by fit, never by the constructor. */
const PARAM_CHECKS: Record<string, [(v: unknown) => boolean, string]> = {
  buildFn: [(v) => typeof v === 'function', 'a function returning a compiled model'],
  epochs: [positiveInt, 'a positive integer'],
  batchSize: [positiveInt, 'a positive integer'],
  verbose: [(v) => [0, 1, 2, 'auto'].includes(v as number), "0, 1, 2 or 'auto'"],
  validationSplit: [(v) => typeof v === 'number' && v >= 0 && v < 1, 'a number in [0, 1)'],
  callbacks: [(v) => v === null || Array.isArray(v), 'null or an array of callbacks'],
  shuffle: [(v) => typeof v === 'boolean', 'true or false'],
};

const RESHAPE_HINT = 'Reshape your data either using array.reshape(-1, 1) if your data has a single feature or array.reshape(1, -1) if it contains a single sample.';

/** x as a CPU array of `dtype` (null: its own dtype). */
export async function toHost(x: unknown, dtype: np.DType | null): Promise<NDArray> {
  let a = x instanceof np.NDArray ? x : np.array(x as np.ArrayLike);
  if (a.device !== 'cpu') a = await a.to('cpu');
  return dtype && a.dtype !== dtype ? a.astype(dtype) : a;
}

/** Rejects NaN and ±infinity with scikit-learn's messages. */
export function assertFinite(a: NDArray, name: 'X' | 'y', estimator: string): void {
  if (np.tidy(() => np.isfinite(a).all().itemSync())) return;
  if (np.tidy(() => np.isnan(a).any().itemSync())) {
    throw new np.ValueError(`Input ${name} contains NaN.${name === 'X' ? `\n${estimator} does not accept missing values encoded as NaN natively.` : ''}`);
  }
  throw new np.ValueError(`Input ${name} contains infinity or a value too large for dtype('float64').`);
}

/** X as scikit-learn's check_array takes it: 2-D float64, at least one sample, finite. */
export async function checkX(X: unknown, estimator: string): Promise<NDArray> {
  const a = await toHost(X, 'float64');
  if (a.ndim === 0 || a.ndim === 1) throw new np.ValueError(`Expected 2D array, got ${a.ndim ? '1D' : 'scalar'} array instead:\narray=${a.str()}.\n${RESHAPE_HINT}`);
  if (a.ndim > 2) throw new np.ValueError(`Found array with dim ${a.ndim}. ${estimator} expected <= 2.`);
  if (a.shape[0] < 1) throw new np.ValueError(`Found array with 0 sample(s) (shape=(${a.shape.join(', ')})) while a minimum of 1 is required by ${estimator}.`);
  assertFinite(a, 'X', estimator);
  return a;
}

/** scikit-learn's check_consistent_length for X's n samples and y. */
export function checkSameLength(n: number, y: NDArray): void {
  if (y.shape[0] !== n) throw new np.ValueError(`Found input variables with inconsistent numbers of samples: [${n}, ${y.shape[0]}]`);
}

/** A function as Python prints it in a repr: `<function smallNet>`. */
class FunctionName {
  constructor(readonly name: string) {}
  toString(): string { return `<function ${this.name || '<lambda>'}>`; }
}

export abstract class KerasWrapper<M extends BuildMeta> extends BaseEstimator<KerasParams<M>> {
  /** The number of columns of the X that fit saw. */
  nFeaturesIn_?: number;
  /** The per-epoch logs of the last fit (`loss`, metrics and their `val_` forms), as History.history. */
  history_?: Record<string, number[]>;
  #model: Model | null = null;

  constructor(params: Partial<KerasParams<M>> = {}) {
    super(DEFAULTS as KerasParams<M>, params);
  }

  /** The meta that buildFn receives, from the learned attributes. */
  protected abstract buildMeta(): M;
  /** Validates y, sets the learned attributes that describe it, and says how to feed it to a model. */
  protected abstract learnTarget(y: unknown, nSamples: number): Promise<(model: Model) => NDArray>;

  /** The trained model (Keras's `model`). The next fit builds a new one and disposes this one. */
  get model_(): Model {
    this.checkIsFitted();
    return this.#model as Model;
  }

  /** Builds a fresh model with buildFn and trains it on (X, y) with the fit options; resolves to this.
   *  A fit that fails leaves the estimator as it was: a fitted one keeps its model and attributes (the
   *  new model is disposed), and the old model is disposed only once the new one has trained. */
  async fit(X: unknown, y: unknown): Promise<this> {
    const restore = this.learnedState();
    const previous = this.#model;
    let model: Model | null = null;
    try {
      const options = this.fitOptions();
      const Xc = await checkX(X, this.estimatorName);
      this.nFeaturesIn_ = Xc.shape[1];
      const targetFor = await this.learnTarget(y, Xc.shape[0]);
      model = this.build(this.params.buildFn as BuildFn<M>);
      const history = await model.fit(Xc, targetFor(model), options);
      this.history_ = { ...history.history };
    } catch (e) {
      model?.dispose();
      restore();
      throw e;
    }
    this.#model = model;
    previous?.dispose();
    return this;
  }

  /** The learned attributes (`name_`) as they are now, and a function that puts them back. */
  private learnedState(): () => void {
    const self = this as unknown as Record<string, unknown>;
    const saved = Object.entries(self).filter(([k]) => k.endsWith('_'));
    return () => {
      for (const k of Object.keys(self)) if (k.endsWith('_')) delete self[k];
      for (const [k, v] of saved) self[k] = v;
    };
  }

  /** Disposes the model and unsets every learned attribute. */
  protected forget(): void {
    this.#model?.dispose();
    this.#model = null;
    this.nFeaturesIn_ = undefined;
    this.history_ = undefined;
  }

  /** The validated fit options, as model.fit takes them. */
  private fitOptions(): FitOptions {
    const p = this.params;
    for (const [key, [valid, expected]] of Object.entries(PARAM_CHECKS)) {
      if (!valid(p[key])) throw new np.ValueError(`${this.estimatorName}: ${key} must be ${expected}, got ${String(p[key])}`);
    }
    return { epochs: p.epochs, batchSize: p.batchSize, verbose: p.verbose, validationSplit: p.validationSplit, callbacks: p.callbacks ?? undefined, shuffle: p.shuffle };
  }

  /** buildFn(build params, meta), checked to be a compiled model and built for nFeaturesIn_ columns.
   *  Each build param is a getter that notes it was read; a param no getter was read for is misspelt. */
  private build(buildFn: BuildFn<M>): Model {
    const read = new Set<string>();
    const buildParams: Params = {};
    for (const [key, value] of Object.entries(this.params)) {
      if (key === 'buildFn' || FIT_KEYS.includes(key)) continue;
      Object.defineProperty(buildParams, key, { enumerable: true, get: () => (read.add(key), value) });
    }
    const model: unknown = buildFn(buildParams, this.buildMeta());
    if (!(model instanceof Model) || model.compiled === null) {
      const got = model instanceof Model ? `an uncompiled ${model.className} model` : String(model);
      throw new TypeError(`${this.estimatorName}'s buildFn must return a compiled tessera/nn model (call model.compile({...}) in it); it returned ${got}`);
    }
    try {
      checkOptions(this.estimatorName, this.params, ['buildFn', ...FIT_KEYS, ...read]);
    } catch (e) {
      model.dispose();
      throw e;
    }
    model.ensureBuilt([0, this.nFeaturesIn_ as number]);
    return model;
  }

  /** The model's outputs for X as a float64 CPU array (n, units), after predict's checks. */
  protected async modelOutput(X: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const Xc = await checkX(X, this.estimatorName);
    if (Xc.shape[1] !== this.nFeaturesIn_) {
      throw new np.ValueError(`X has ${Xc.shape[1]} features, but ${this.estimatorName} is expecting ${this.nFeaturesIn_} features as input.`);
    }
    const out = await (this.#model as Model).predict(Xc, { batchSize: this.params.batchSize });
    const host = out.device === 'cpu' ? out : await out.to('cpu');
    const result = host.astype('float64');
    if (host !== out) host.dispose();
    out.dispose();
    return result;
  }

  /** scikit-learn's repr, buildFn shown as Python shows a function:
   *  `KerasClassifier(buildFn=<function smallNet>, epochs=20, hidden=16)`. */
  override toString(): string {
    const fn = this.params.buildFn;
    const shown = Object.create(this) as this; // reads the defaults and the class name through `this`
    Object.defineProperty(shown, 'params', { value: { ...this.params, buildFn: fn ? new FunctionName(fn.name) : fn } });
    return super.toString.call(shown);
  }

  /** `{estimator, params, attributes}`, the layout of sklearn's toJSON; the model is saved as its
   *  weights (`attributes.model_`), and functions (buildFn) by name, as Python's pickle saves them. */
  toJSON(): KerasJSON {
    const learned = Object.fromEntries(Object.entries(this).filter(([k, v]) => k.endsWith('_') && v !== undefined));
    const weights = this.#model?.getWeights();
    try {
      return { estimator: this.estimatorName, params: encode(this.params) as JsonObject, attributes: encode({ ...learned, model_: weights }) as JsonObject };
    } finally {
      weights?.forEach((w) => w.dispose());
    }
  }

  /** The estimator toJSON saved, its model rebuilt by buildFn and given the saved weights. buildFn is
   *  found by name among those saved in this process, or given: `KerasClassifier.fromJSON(json, {buildFn})`.
   *  (`any`: each subclass has its own meta type.) */
  static override fromJSON<W extends object>(this: EstimatorClass<W & BaseEstimator>, json: KerasJSON, options: { buildFn?: BuildFn<any> } = {}): W {
    checkOptions('fromJSON', options, ['buildFn']);
    if (json.estimator !== this.name) throw new TypeError(`this JSON holds a ${json.estimator}, not a ${this.name}`);
    const params = decode(options.buildFn ? { ...json.params, buildFn: null } : json.params) as Partial<(W & BaseEstimator)['params']>;
    const est = new this(options.buildFn ? { ...params, buildFn: options.buildFn } : params);
    if (est instanceof KerasWrapper) est.restore(decode(json.attributes) as Params);
    return est;
  }

  /** Sets the learned attributes fromJSON decoded; the model is rebuilt and given the saved weights. */
  private restore({ model_: weights, ...learned }: Params): void {
    Object.assign(this, learned);
    if (weights) {
      this.#model = this.build(this.params.buildFn as BuildFn);
      this.#model.setWeights(weights as NDArray[]);
    }
  }
}

type Json = null | boolean | number | string | Json[] | JsonObject;
type JsonObject = { [key: string]: Json };
export interface KerasJSON { estimator: string; params: JsonObject; attributes: JsonObject }

/** The functions saved by name in this process, for fromJSON to find. */
const savedFunctions = new Map<string, (...args: never[]) => unknown>();

/** A value as JSON, tagged as sklearn's persistence tags it ({$ndarray}, {$float}), plus {$function: name}. */
function encode(v: unknown): Json {
  if (v === undefined || v === null || typeof v === 'string' || typeof v === 'boolean') return v ?? null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $float: String(v).replace('Infinity', 'inf').toLowerCase() };
  if (typeof v === 'function') {
    if (!v.name) throw new TypeError('cannot save an anonymous function to JSON: give it a name (function makeModel(params) {...})');
    savedFunctions.set(v.name, v as (...args: never[]) => unknown);
    return { $function: v.name };
  }
  if (v instanceof np.NDArray) {
    if (v.device !== 'cpu') throw new TypeError('toJSON needs CPU arrays; move them with `await x.to("cpu")` first');
    return { $ndarray: { shape: [...v.shape], dtype: v.dtype, data: Array.from(v.dataSync() as ArrayLike<number>, encode) } };
  }
  if (Array.isArray(v)) return v.map(encode);
  if (typeof v === 'object' && v.constructor === Object) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  throw new TypeError(`cannot save a ${(v as object).constructor?.name ?? typeof v} to JSON (set that param to null before saving)`);
}

const FLOATS: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };

/** Inverse of encode. */
function decode(json: Json): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(decode);
  if ('$float' in json) return FLOATS[json.$float as string];
  if ('$function' in json) {
    const fn = savedFunctions.get(json.$function as string);
    if (!fn) throw new TypeError(`the function '${json.$function}' in this JSON was not saved by this process; pass it: fromJSON(json, {buildFn: ${json.$function}})`);
    return fn;
  }
  if ('$ndarray' in json) {
    const { shape, dtype, data } = json.$ndarray as { shape: number[]; dtype: np.DType; data: Json[] };
    return np.array(data.map((x) => decode(x) as number), { dtype }).reshape(shape);
  }
  return Object.fromEntries(Object.entries(json).map(([k, x]) => [k, decode(x)]));
}
