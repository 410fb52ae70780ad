// Estimators that each break one rule on purpose, to prove that every check can fail. They are
// subclasses of Ridge (and of PCA, for the fitTransform shortcut) that change one method; the
// unbroken `Toy` passes every check, so a broken one fails for its own fault. Their expected
// errors and reprs are Ridge's (PCA's) record from the fixture with the class name substituted.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import type { Params } from '../../sklearn/base.ts';
import { NotFittedError } from '../../sklearn/exceptions.ts';
import { PCA, Ridge } from '../../sklearn/index.ts';
import { registerEstimator, type EstimatorJSON } from '../../sklearn/persistence.ts';
import { oracle, type Oracle } from './data.ts';
import type { Entry, Est } from './harness.ts';

/** The class every broken regressor starts from: Ridge under another name. */
export class Toy extends Ridge {}

/** fit returns the estimator itself, not a Promise of it. */
class SyncFit extends Toy {
  override fit(X: unknown, y: unknown): Promise<this> {
    void super.fit(X, y);
    return this as unknown as Promise<this>;
  }
}

/** predict throws synchronously when unfitted instead of rejecting. */
class SyncThrow extends Toy {
  override predict(X: unknown): Promise<NDArray> {
    if (!this.coef_) throw new NotFittedError(`This ${this.estimatorName} instance is not fitted yet.`);
    return super.predict(X);
  }
}

/** The constructor sets a learned attribute. */
class AttrInCtor extends Toy {
  constructor(params: Params = {}) {
    super(params);
    this.nFeaturesIn_ = 2;
  }
}

/** The constructor validates. */
class ValidatingCtor extends Toy {
  constructor(params: Params = {}) {
    super(params);
    if (typeof params.alpha === 'number' && params.alpha < 0) throw new RangeError('alpha must be >= 0');
  }
}

/** fit changes a param. */
class MutatesParams extends Toy {
  override async fit(X: unknown, y: unknown): Promise<this> {
    await super.fit(X, y);
    this.params.solver = 'cholesky';
    return this;
  }
}

/** fit scales its X in place. */
class InPlace extends Toy {
  override async fit(X: unknown, y: unknown): Promise<this> {
    if (X instanceof np.NDArray) X.set(0, 0, 0);
    return super.fit(X, y);
  }
}

/** A second fit adds to the first one's coefficients. */
class Accumulates extends Toy {
  override async fit(X: unknown, y: unknown): Promise<this> {
    const previous = this.coef_;
    await super.fit(X, y);
    if (previous && previous.size === (this.coef_ as NDArray).size) this.coef_ = np.add(this.coef_ as NDArray, previous);
    return this;
  }
}

/** A fitted estimator ignores later fits. */
class Sticky extends Toy {
  override async fit(X: unknown, y: unknown): Promise<this> {
    return this.coef_ ? this : super.fit(X, y);
  }
}

/** setParams ignores keys it does not know. */
class LaxSetParams extends Toy {
  override setParams(params: Params): this {
    for (const [k, v] of Object.entries(params)) if (k in this.params) (this.params as Params)[k] = v;
    return this;
  }
}

/** The coefficients of the last fit of any instance, which SharedState predicts with. */
let lastCoef: NDArray | undefined;

/** Every fitted instance predicts with the coefficients of the last fit of any instance. */
class SharedState extends Toy {
  override async fit(X: unknown, y: unknown): Promise<this> {
    await super.fit(X, y);
    lastCoef = this.coef_;
    return this;
  }

  override async predict(X: unknown): Promise<NDArray> {
    const own = this.coef_;
    this.coef_ = own && lastCoef;
    try {
      return await super.predict(X);
    } finally {
      this.coef_ = own;
    }
  }
}

/** predict before fit returns zeros. */
class Lenient extends Toy {
  override async predict(X: unknown): Promise<NDArray> {
    return this.coef_ ? super.predict(X) : np.zeros([np.array(X as np.ArrayLike).shape[0]]);
  }
}

/** predict before fit raises NotFittedError, in its own words. */
class VagueNotFitted extends Toy {
  override async predict(X: unknown): Promise<NDArray> {
    if (!this.coef_) throw new NotFittedError('call fit first');
    return super.predict(X);
  }
}

/** predict subtracts the batch's mean prediction. */
class BatchCentred extends Toy {
  override async predict(X: unknown): Promise<NDArray> {
    const p = await super.predict(X);
    return np.subtract(p, np.mean(p));
  }
}

/** predict adds a little of each row's position. */
class PositionAware extends Toy {
  override async predict(X: unknown): Promise<NDArray> {
    const p = await super.predict(X);
    return np.add(p, np.multiply(np.arange(p.shape[0]), 1e-6));
  }
}

/** fit zeroes NaN and infinite values instead of rejecting them. */
class NaNTolerant extends Toy {
  override async fit(X: unknown, y: unknown): Promise<this> {
    const a = np.array(X as np.ArrayLike, { dtype: 'float64' });
    return super.fit(np.where(np.isfinite(a), a, 0), y);
  }
}

/** fit reshapes a 1-D X into one column. */
class Reshapes extends Toy {
  override async fit(X: unknown, y: unknown): Promise<this> {
    const a = np.array(X as np.ArrayLike);
    return super.fit(a.ndim === 1 ? a.reshape(-1, 1) : a, y);
  }
}

/** predict uses the first nFeaturesIn_ columns of any X. */
class NoWidthCheck extends Toy {
  override async predict(X: unknown): Promise<NDArray> {
    const a = np.array(X as np.ArrayLike);
    return super.predict(a.ndim === 2 ? a.get(':', `:${this.nFeaturesIn_}`) : a);
  }
}

/** toJSON leaves out the intercept. */
class LossyJSON extends Toy {
  override toJSON(): EstimatorJSON {
    const json = super.toJSON();
    delete json.attributes.intercept_;
    return json;
  }
}

/** toString prints every param. */
class VerboseRepr extends Toy {
  override toString(): string {
    return `${this.estimatorName}(${Object.entries(this.params).map(([k, v]) => `${k}=${String(v)}`).join(', ')})`;
  }
}

/** fitTransform returns twice the projections. */
class DoublingPCA extends PCA {
  override async fitTransform(X: unknown): Promise<NDArray> {
    return np.multiply(await super.fitTransform(X), 2);
  }
}

/** scikit-learn's record for `base`, for a class of another name. */
function renamed(base: string, name: string): Oracle {
  return JSON.parse(JSON.stringify(oracle(base)).replaceAll(base, name)) as Oracle;
}

type Ctor = (new (options?: Params) => Est) & { name: string };

function entry(cls: Ctor, base: 'Ridge' | 'PCA' = 'Ridge'): Entry {
  registerEstimator(cls.name, cls as never);
  const create = (options?: Params): Est => new cls(options);
  return base === 'Ridge'
    ? { name: cls.name, kind: 'regressor', create, options: () => ({ alpha: 2, solver: 'svd' }), set: ['alpha', 3], invalid: { alpha: -1 }, record: renamed('Ridge', cls.name) }
    : { name: cls.name, kind: 'transformer', create, options: () => ({ nComponents: 1, whiten: true }), set: ['whiten', false], record: renamed('PCA', cls.name) };
}

export const TOY: Entry = entry(Toy as Ctor);

/** [the check that must fail, the estimator breaking it]. */
export const BROKEN: [string, Entry][] = ([
  ['async', SyncFit], ['async', SyncThrow], ['ctor', AttrInCtor], ['ctor', ValidatingCtor], ['fit-params', MutatesParams],
  ['idempotent', Accumulates], ['refit', Sticky], ['params', LaxSetParams], ['clone', SharedState], ['not-fitted', Lenient], ['not-fitted', VagueNotFitted], ['side-effects', InPlace],
  ['subset', BatchCentred], ['row-order', PositionAware], ['nan', NaNTolerant], ['1-d', Reshapes], ['n-features', NoWidthCheck],
  ['json', LossyJSON], ['repr', VerboseRepr], ['shortcuts', DoublingPCA],
] as [string, unknown][]).map(([check, cls]) => [check, entry(cls as Ctor, cls === DoublingPCA ? 'PCA' : 'Ridge')]);
