// Pipeline: a chain of transformers ending in any estimator, used as one estimator (scikit-learn's
// Pipeline and make_pipeline). `fit` runs fitTransform through each transformer and fits the last
// step on the result; `predict`/`score`/... push X through the fitted transformers, then ask the last
// step. The one thing to understand: because the whole chain is fitted inside each cross-validation
// fold, the scaler or feature map never sees the test rows (no leakage), and its params are reachable
// from a search as `stepname__param` (`poly__degree`, `ridge__alpha`).
import type { NDArray } from '../ndarray/index.ts';
import { ValueError } from '../ndarray/index.ts';
import { BaseEstimator, type Params } from './base.ts';
import { registerEstimator } from './persistence.ts';
import { shortFormatTime, secondsSince } from './utils/log.ts';

export type StepEstimator = BaseEstimator | 'passthrough' | null;
export type Step = [name: string, estimator: StepEstimator];
export type PipelineParams = { steps: Step[]; verbose: boolean };

type Method = (...args: unknown[]) => Promise<unknown>;
type Any = Record<string, unknown>;

const DEFAULTS: PipelineParams = { steps: [], verbose: false };

const isPassthrough = (e: StepEstimator): e is 'passthrough' | null => e === null || e === 'passthrough';
const has = (e: unknown, name: string): boolean => typeof (e as Any | null)?.[name] === 'function';
const describe = (e: unknown): string => `'${String(e)}' (type <class '${(e as object | null)?.constructor?.name ?? typeof e}'>)`;

/** `steps` must be a list of [name, estimator] pairs (Python unpacks each step into two names). */
function checkStepPairs(steps: unknown): void {
  if (!Array.isArray(steps)) throw new TypeError(`Pipeline steps must be a list of [name, estimator] pairs, got ${describe(steps)}`);
  if (steps.length === 0) throw new ValueError('Pipeline has no steps: give it a list of [name, estimator] pairs');
  steps.forEach((step, i) => {
    if (!Array.isArray(step) || step.length !== 2) {
      const got = Array.isArray(step) ? `a list of ${step.length} item(s)` : describe(step);
      throw new ValueError(`Pipeline step ${i} must be a [name, estimator] pair (not enough values to unpack (expected 2)), got ${got}`);
    }
    if (typeof step[0] !== 'string') throw new TypeError(`Pipeline step ${i}: the name must be a string, got ${describe(step[0])}`);
  });
}

/**
 * Chains transformers and a final estimator: fit runs fitTransform through each step, then fits the last (scikit-learn's Pipeline).
 *
 * @example
 * ```ts
 * import { Pipeline, PolynomialFeatures, LinearRegression } from 'tessera/sklearn';
 *
 * const model = new Pipeline([['poly', new PolynomialFeatures({ degree: 2 })], ['linear', new LinearRegression()]]);
 * await model.fit([[0], [1], [2], [3]], [1, 2, 5, 10]); // y = x² + 1
 * console.log(await model.predict([[4]]));
 * console.log(String(model));
 * ```
 *
 * ```text output
 * array([17.])
 * Pipeline(steps=[('poly', PolynomialFeatures()), ('linear', LinearRegression())])
 * ```
 */
export class Pipeline extends BaseEstimator<PipelineParams> {
  static override readonly strict: boolean = true;
  /** `new Pipeline([['scale', new MinMaxScaler()], ['ridge', new Ridge()]])`. */
  constructor(steps: Step[] | Partial<PipelineParams> = [], options: { verbose?: boolean } = {}) {
    super(DEFAULTS, Array.isArray(steps) ? { ...options, steps } : steps);
  }

  /** The steps that are estimators, by name: what `name__param` keys reach. */
  protected override namedChildren(): [string, BaseEstimator][] {
    return this.params.steps.filter((s): s is [string, BaseEstimator] => Array.isArray(s) && typeof s[0] === 'string' && s[1] instanceof BaseEstimator);
  }

  /** steps and verbose; with `deep`, each step by name and its params as `name__param`. */
  override getParams(options: { deep?: boolean } = {}): Params {
    const out: Params = { ...this.params };
    if (!(options.deep ?? true)) return out;
    for (const step of this.params.steps) if (Array.isArray(step)) out[String(step[0])] = step[1];
    for (const [name, est] of this.namedChildren()) {
      for (const [k, v] of Object.entries(est.getParams({ deep: true }))) out[`${name}__${k}`] = v;
    }
    return out;
  }

  /** sklearn's order: `steps` first, then whole steps replaced by name, then step params. */
  override setParams(params: Params = {}): this {
    if (params === null || typeof params !== 'object' || Array.isArray(params)) return super.setParams(params); // refuses it
    const { steps, ...rest } = params;
    if ('steps' in params) super.setParams({ steps });
    const names = new Set(this.params.steps.filter(Array.isArray).map(([n]) => n));
    const isStep = ([k]: [string, unknown]): boolean => !k.includes('__') && names.has(k);
    super.setParams(Object.fromEntries(Object.entries(rest).filter(isStep)));
    super.setParams(Object.fromEntries(Object.entries(rest).filter((e) => !isStep(e))));
    return this;
  }

  protected override setOwnParam(key: string, value: unknown): void {
    if (!this.params.steps.some((s) => Array.isArray(s) && s[0] === key)) return super.setOwnParam(key, value);
    this.params.steps = this.params.steps.map(([n, e]): Step => [n, n === key ? (value as StepEstimator) : e]);
  }

  /** The steps, checked to be [name, estimator] pairs (every method but the constructor, getParams
   *  and toString needs them to be). */
  private validSteps(): Step[] {
    checkStepPairs(this.params.steps);
    return this.params.steps;
  }

  /** sklearn's _validate_names and _validate_steps, run by fit. */
  private validateSteps(): void {
    checkStepPairs(this.params.steps);
    const names = this.params.steps.map(([n]) => n);
    const quoted = (list: string[]): string => `[${list.map((n) => `'${n}'`).join(', ')}]`;
    if (new Set(names).size !== names.length) throw new ValueError(`Names provided are not unique: ${quoted(names)}`);
    const conflicts = names.filter((n) => n in this.getParams({ deep: false })).sort();
    if (conflicts.length) throw new ValueError(`Estimator names conflict with constructor arguments: ${quoted(conflicts)}`);
    const dunder = names.filter((n) => n.includes('__'));
    if (dunder.length) throw new ValueError(`Estimator names must not contain __: got ${quoted(dunder)}`);
    const ests = this.params.steps.map(([, e]) => e);
    for (const t of ests.slice(0, -1)) {
      if (!isPassthrough(t) && (!(has(t, 'fit') || has(t, 'fitTransform')) || !has(t, 'transform'))) {
        throw new TypeError(`All intermediate steps should be transformers and implement fit and transform or be the string 'passthrough' ${describe(t)} doesn't`);
      }
    }
    const last = ests[ests.length - 1];
    if (!isPassthrough(last) && !has(last, 'fit')) {
      throw new TypeError(`Last step of Pipeline should implement fit or be the string 'passthrough'. ${describe(last)} doesn't`);
    }
  }

  /** The steps `by name: estimator` (sklearn's named_steps). */
  get namedSteps(): Record<string, StepEstimator> {
    return Object.fromEntries(this.validSteps());
  }

  get length(): number {
    return this.validSteps().length;
  }

  /** A step's estimator by position (negative counts from the end) or by name. */
  get(index: number | string): StepEstimator {
    if (typeof index === 'string') {
      if (!(index in this.namedSteps)) throw new RangeError(`no step named '${index}'`);
      return this.namedSteps[index];
    }
    const step = this.validSteps().at(index);
    if (!step) throw new RangeError('list index out of range');
    return step[1];
  }

  /** A pipeline of steps [start, end), sharing their estimators (sklearn's pipeline[a:b]). */
  slice(start?: number, end?: number): Pipeline {
    const Ctor = this.constructor as typeof Pipeline;
    return new Ctor(this.validSteps().slice(start, end), { verbose: this.params.verbose });
  }

  private get finalEstimator(): StepEstimator {
    return this.validSteps()[this.validSteps().length - 1][1];
  }

  /** A pipeline is a classifier (or a regressor...) when its last step is. */
  get estimatorType(): string | undefined {
    return (this.finalEstimator as { estimatorType?: string } | null)?.estimatorType;
  }

  get classes_(): NDArray | undefined {
    return (this.finalEstimator as { classes_?: NDArray } | null)?.classes_;
  }

  get nFeaturesIn_(): number | undefined {
    return (this.validSteps()[0][1] as { nFeaturesIn_?: number } | null)?.nFeaturesIn_;
  }

  /** `[Pipeline] ...... (step 1 of 2) Processing poly, total=   0.0s` when verbose. */
  private logStep(index: number, start: number): void {
    if (!this.params.verbose) return;
    const head = '[Pipeline] ';
    const tail = ` (step ${index + 1} of ${this.length}) Processing ${this.validSteps()[index][0]}, total=${shortFormatTime(secondsSince(start))}`;
    console.log(head + '.'.repeat(Math.max(0, 70 - head.length - tail.length)) + tail);
  }

  /** Fits each transformer on the output of the previous one; returns the last output. */
  private async fitTransformers(X: unknown, y?: unknown): Promise<unknown> {
    this.validateSteps();
    let Xt = X;
    for (const [i, [, t]] of this.validSteps().slice(0, -1).entries()) {
      const start = performance.now();
      if (!isPassthrough(t)) {
        const tr = t as unknown as Any;
        Xt = has(t, 'fitTransform') ? await (tr.fitTransform as Method).call(t, Xt, y) : await (tr.transform as Method).call(await (tr.fit as Method).call(t, Xt, y), Xt);
      }
      this.logStep(i, start);
    }
    return Xt;
  }

  /** Runs the fitted transformers (all but the last step, or all of them with `withFinal`). */
  private async transformThrough(X: unknown, withFinal = false): Promise<unknown> {
    let Xt = X;
    const steps = withFinal ? this.validSteps() : this.validSteps().slice(0, -1);
    for (const [, t] of steps) if (!isPassthrough(t)) Xt = await (t as unknown as { transform: Method }).transform(Xt);
    return Xt;
  }

  /** The last step's `name` method, or sklearn's AttributeError wording when it has none. */
  private finalMethod(name: string): Method {
    const last = this.finalEstimator;
    if (!has(last, name)) throw new TypeError(`This 'Pipeline' has no attribute '${name}'`);
    return ((last as unknown as Any)[name] as Method).bind(last);
  }

  async fit(X: unknown, y?: unknown): Promise<this> {
    const Xt = await this.fitTransformers(X, y);
    const start = performance.now();
    const last = this.finalEstimator;
    if (!isPassthrough(last)) await (last as unknown as { fit: Method }).fit(Xt, y);
    this.logStep(this.length - 1, start);
    return this;
  }

  /** Fits every step and returns the last step's transform of the training data. */
  async fitTransform(X: unknown, y?: unknown): Promise<NDArray> {
    const Xt = await this.fitTransformers(X, y);
    const last = this.finalEstimator;
    if (isPassthrough(last)) return Xt as NDArray;
    if (has(last, 'fitTransform')) return this.finalMethod('fitTransform')(Xt, y) as Promise<NDArray>;
    await this.finalMethod('fit')(Xt, y);
    return this.finalMethod('transform')(Xt) as Promise<NDArray>;
  }

  async fitPredict(X: unknown, y?: unknown): Promise<NDArray> {
    const method = this.finalMethod('fitPredict');
    return method(await this.fitTransformers(X, y), y) as Promise<NDArray>;
  }

  private async callFinal(name: string, X: unknown, ...rest: unknown[]): Promise<unknown> {
    const method = this.finalMethod(name);
    return method(await this.transformThrough(X), ...rest);
  }

  async predict(X: unknown): Promise<NDArray> {
    return this.callFinal('predict', X) as Promise<NDArray>;
  }

  async predictProba(X: unknown): Promise<NDArray> {
    return this.callFinal('predictProba', X) as Promise<NDArray>;
  }

  async predictLogProba(X: unknown): Promise<NDArray> {
    return this.callFinal('predictLogProba', X) as Promise<NDArray>;
  }

  async decisionFunction(X: unknown): Promise<NDArray> {
    return this.callFinal('decisionFunction', X) as Promise<NDArray>;
  }

  async scoreSamples(X: unknown): Promise<NDArray> {
    return this.callFinal('scoreSamples', X) as Promise<NDArray>;
  }

  /** The last step's score on the transformed X. */
  async score(X: unknown, y?: unknown, sampleWeight?: unknown): Promise<number> {
    return this.callFinal('score', X, ...(sampleWeight === undefined ? [y] : [y, sampleWeight])) as Promise<number>;
  }

  /** X through every step; the last step must be a transformer (or 'passthrough'). */
  async transform(X: unknown): Promise<NDArray> {
    const last = this.finalEstimator;
    if (!isPassthrough(last) && !has(last, 'transform')) throw new TypeError(`This 'Pipeline' has no attribute 'transform'`);
    return this.transformThrough(X, true) as Promise<NDArray>;
  }

  /** Back through every step, last to first. */
  async inverseTransform(Xt: unknown): Promise<NDArray> {
    const steps = this.validSteps().map(([, e]) => e).filter((e) => !isPassthrough(e));
    if (!steps.every((e) => has(e, 'inverseTransform'))) throw new TypeError(`This 'Pipeline' has no attribute 'inverseTransform'`);
    let X = Xt;
    for (const e of steps.reverse()) X = await (e as unknown as { inverseTransform: Method }).inverseTransform(X);
    return X as NDArray;
  }

  /** `Pipeline(steps=[('scale', MinMaxScaler()), ('ridge', Ridge())])`, as scikit-learn prints it. */
  override toString(): string {
    const show = (e: unknown): string => (e === null ? 'None' : typeof e === 'string' ? `'${e}'` : Array.isArray(e) ? `[${e.map(show).join(', ')}]` : String(e));
    const steps = (this.params.steps as unknown[]).map((s) => (Array.isArray(s) && s.length === 2 ? `('${s[0]}', ${show(s[1])})` : show(s)));
    return `Pipeline(steps=[${steps.join(', ')}]${this.params.verbose ? ', verbose=True' : ''})`;
  }
}

// Learns nothing of its own: toJSON saves the steps (with whatever they learned) as its params.
registerEstimator('Pipeline', Pipeline);

/** sklearn's _name_estimators: lower-cased class names, numbered '-1', '-2'... when repeated. */
export function nameEstimators(estimators: StepEstimator[]): Step[] {
  const names = estimators.map((e) => (typeof e === 'string' ? e : e === null || e === undefined ? 'nonetype'
    : ((e as object).constructor?.name ?? typeof e).toLowerCase()));
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  for (const [n, c] of count) if (c === 1) count.delete(n);
  for (let i = names.length - 1; i >= 0; i--) {
    const n = names[i];
    const left = count.get(n);
    if (left !== undefined) {
      names[i] = `${n}-${left}`;
      count.set(n, left - 1);
    }
  }
  return names.map((n, i) => [n, estimators[i]]);
}

/** A Pipeline whose steps are named after their classes: makePipeline(new MinMaxScaler(), new Ridge()). */
export function makePipeline(...args: (StepEstimator | { verbose?: boolean })[]): Pipeline {
  const last = args[args.length - 1];
  const hasOptions = typeof last === 'object' && last !== null && !(last instanceof BaseEstimator);
  const steps = (hasOptions ? args.slice(0, -1) : args) as StepEstimator[];
  return new Pipeline(nameEstimators(steps), hasOptions ? (last as { verbose?: boolean }) : {});
}
