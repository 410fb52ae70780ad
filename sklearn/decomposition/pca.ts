// PCA: principal component analysis (scikit-learn's PCA). Centre X on its column means and take the
// SVD X - x̄ = U S Vᵀ: the rows of Vᵀ are orthonormal directions ordered by the variance along them,
// S²/(n-1) (the eigenvalues of the sample covariance), and projecting onto the first k keeps as much
// variance as any k directions can. Signs follow svd_flip (svd-flip.ts), so the components do not
// depend on the SVD routine. `whiten` divides each projection by its standard deviation (unit
// sample variance). Small inputs use the exact SVD; 'auto' switches to the randomized SVD
// (randomized-svd.ts) for inputs over 500 rows or columns and k < 80 % of the smaller side.
// The exact SVD of a tall, well-conditioned X goes through the small matrix XᵀX (gram-svd.ts), which
// agrees with the Householder route to about 1e-10 at a fraction of its cost.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { Transformer } from '../mixins.ts';
import { checkArray, checkNFeatures, toCpu, valuesOf } from '../validation.ts';
import type { RandomStateLike } from '../utils/random-state.ts';
import { registerEstimator } from '../persistence.ts';
import * as saved from '../utils/saved-state.ts';
import { checkBoolean, checkInterval, checkOption } from '../utils/check-params.ts';
import { svdFlip } from './svd-flip.ts';
import { gramRouteFits, gramSvd } from './gram-svd.ts';
import { randomizedSvd, type PowerIterationNormalizer } from './randomized-svd.ts';
import { inferDimension } from './infer-dimension.ts';
import { pcaCovariance, pcaPrecision, pcaScoreSamples } from './pca-likelihood.ts';
import { asFloat, floatDtypeOf, outputDtype } from '../utils/float-dtype.ts';

export type PCAParams = {
  /** k: an int, a fraction of variance in (0, 1) to keep, 'mle' (Minka), or null for min(n, f). */
  nComponents: number | 'mle' | null;
  /** Kept for scikit-learn compatibility: tessera never modifies X. */
  copy: boolean;
  whiten: boolean;
  /** 'auto', 'full' (exact SVD) or 'randomized'. */
  svdSolver: 'auto' | 'full' | 'randomized';
  /** Randomized solver: power iterations ('auto': 7 if k < 0.1·min(n, f), else 4). */
  iteratedPower: number | 'auto';
  /** Randomized solver: extra random directions. */
  nOversamples: number;
  powerIterationNormalizer: PowerIterationNormalizer;
  /** Randomized solver: seeds the random projection. */
  randomState: RandomStateLike;
};

const DEFAULTS: PCAParams = {
  nComponents: null, copy: true, whiten: false, svdSolver: 'auto', iteratedPower: 'auto', nOversamples: 10,
  powerIterationNormalizer: 'auto', randomState: null,
};

/** X - mean as a fresh array, in shared memory where the matrix-product threads read it in place.
 *  With `sumSq` (f long), also each column's sum of squares of the centred values, in row order. */
function centred(X: NDArray, mean: NDArray, sumSq?: Float64Array): NDArray {
  const [n, f] = X.shape, x = valuesOf(X), mu = valuesOf(mean);
  const Xc = np.sharedEmpty([n, f]), out = np.asTypedArray(Xc);
  for (let i = 0, o = 0; i < n; i++) {
    for (let j = 0; j < f; j++, o++) {
      const d = x[o] - mu[j];
      out[o] = d;
      if (sumSq) sumSq[j] += d * d;
    }
  }
  return Xc;
}

/** The thin SVD of the centred X: through the Gram matrix when X is tall and well-conditioned enough
 *  for that to agree with the exact SVD to about 1e-10 (gram-svd.ts), else the exact SVD (LAPACK's
 *  gesdd route: Householder QR, then the SVD of R). */
function thinSvd(Xc: NDArray): { U: NDArray; S: NDArray; Vh: NDArray } {
  const [n, f] = Xc.shape;
  return (gramRouteFits(n, f) ? gramSvd(Xc) : null) ?? np.linalg.svd(Xc, { fullMatrices: false });
}

/** The SVD factors a fit computed: U (n, ·) and S, for fitTransform. */
interface Factors { U: NDArray; S: NDArray }

/**
 * Principal component analysis: projects centred data onto the directions of largest variance (scikit-learn's PCA).
 *
 * @example
 * ```ts
 * import { PCA } from 'tessera/sklearn';
 *
 * const X = [[-1, -1], [-2, -1], [-3, -2], [1, 1], [2, 1], [3, 2]];
 * const pca = await new PCA({ nComponents: 2 }).fit(X);
 * console.log(pca.explainedVarianceRatio_);
 * console.log(pca.singularValues_);
 * ```
 *
 * ```text output
 * array([0.99244289, 0.00755711])
 * array([6.30061232, 0.54980396])
 * ```
 */
export class PCA extends Transformer<PCAParams> {
  /** (k, f): the principal axes, by decreasing variance. */
  components_?: NDArray;
  /** (k,): the variance along each axis, S²/(n-1). */
  explainedVariance_?: NDArray;
  /** (k,): each explained variance as a fraction of the total variance. */
  explainedVarianceRatio_?: NDArray;
  /** (k,): the singular values of the centred X. */
  singularValues_?: NDArray;
  /** (f,): the column means of the training X. */
  mean_?: NDArray;
  nComponents_?: number;
  /** The mean variance left in the discarded directions (probabilistic PCA's σ²). */
  noiseVariance_?: number;
  nSamples_?: number;
  nFeaturesIn_?: number;

  constructor(params: Partial<PCAParams> = {}) {
    super(DEFAULTS, params);
  }

  private validateParams(): void {
    const name = this.estimatorName, p = this.params, k = p.nComponents;
    const kOk = k === null || k === 'mle' || (typeof k === 'number' && ((Number.isInteger(k) && k >= 0) || (k > 0 && k < 1)));
    if (!kOk) {
      throw new ValueError(`The 'n_components' parameter of ${name} must be an int in the range [0, inf), a float in the range (0, 1), a str among {'mle'} or None. Got ${typeof k === 'string' ? `'${k}'` : k} instead.`);
    }
    checkBoolean(name, 'copy', p.copy);
    checkBoolean(name, 'whiten', p.whiten);
    checkOption(name, 'svd_solver', p.svdSolver, ['auto', 'full', 'randomized']);
    if (p.iteratedPower !== 'auto') checkInterval(name, 'iterated_power', p.iteratedPower, { low: 0, closed: 'left', integer: true });
    checkInterval(name, 'n_oversamples', p.nOversamples, { low: 1, closed: 'left', integer: true });
    checkOption(name, 'power_iteration_normalizer', p.powerIterationNormalizer, ['auto', 'QR', 'LU', 'none']);
  }

  async fit(X: unknown): Promise<this> {
    await this.fitFactors(X);
    return this;
  }

  /** The projections of the training data: U·S (or U·√(n-1) when whitening), from the fit's SVD. */
  override async fitTransform(X: unknown): Promise<NDArray> {
    const { U, S } = await this.fitFactors(X);
    const k = this.nComponents_ as number;
    const Uk = U.get(':', `:${k}`);
    const projected = this.params.whiten ? np.multiply(Uk, Math.sqrt((this.nSamples_ as number) - 1)) : np.multiply(Uk, S.get(`:${k}`));
    return asFloat(projected, floatDtypeOf(X));
  }

  private async fitFactors(X: unknown): Promise<Factors> {
    this.validateParams();
    const Xc = await checkArray(X, { estimator: this.estimatorName });
    const [n, f] = Xc.shape;
    const k = this.params.nComponents ?? Math.min(n, f);
    let solver = this.params.svdSolver;
    if (solver === 'auto') {
      // small problems and 'mle' take the exact SVD; a few components of a big X the randomized one
      const few = typeof k === 'number' && k >= 1 && k < 0.8 * Math.min(n, f);
      solver = Math.max(n, f) <= 500 || k === 'mle' || !few ? 'full' : 'randomized';
    }
    this.nFeaturesIn_ = f;
    const factors = solver === 'full' ? await this.fitFull(Xc, k) : await this.fitTruncated(Xc, k);
    if (floatDtypeOf(X) === 'float32') this.keepFloat32();
    return factors;
  }

  /** Fitted on float32 data, scikit-learn's PCA holds float32 attributes (computed here in float64). */
  private keepFloat32(): void {
    for (const key of ['mean_', 'components_', 'explainedVariance_', 'explainedVarianceRatio_', 'singularValues_'] as const) {
      this[key] = (this[key] as NDArray).astype('float32');
    }
    this.noiseVariance_ = Math.fround(this.noiseVariance_ as number);
  }

  /** The exact SVD of the centred X; k may be chosen from the spectrum ('mle' or a fraction). */
  private fitFull(X: NDArray, nComponents: number | 'mle'): Factors {
    const [n, f] = X.shape;
    if (nComponents === 'mle') {
      if (n < f) throw new ValueError("n_components='mle' is only supported if n_samples >= n_features");
    } else if (!(nComponents >= 0 && nComponents <= Math.min(n, f))) {
      throw new ValueError(`n_components=${nComponents} must be between 0 and min(n_samples, n_features)=${Math.min(n, f)} with svd_solver='full'`);
    }
    const mean = np.mean(X, { axis: 0 });
    const { U: U0, S, Vh } = thinSvd(centred(X, mean));
    const [U, Vt] = svdFlip(U0, Vh);
    const variance = np.divide(np.square(S), n - 1);
    const ratio = np.divide(variance, np.sum(variance));
    let k: number;
    if (nComponents === 'mle') k = inferDimension(variance.dataSync() as Float64Array, n);
    else if (nComponents > 0 && nComponents < 1) {
      // the fewest components whose cumulative ratio exceeds the fraction asked for
      k = np.searchsorted(np.cumsum(ratio), nComponents, { side: 'right' }).itemSync() + 1;
    } else k = nComponents;
    const noise = k < Math.min(n, f) ? np.mean(variance.get(`${k}:`)).itemSync() : 0;
    this.store(mean, Vt, variance, ratio, S, k, noise, n);
    return { U, S };
  }

  /** The randomized SVD of the centred X (k fixed in advance). */
  private fitTruncated(X: NDArray, nComponents: number | 'mle'): Factors {
    const [n, f] = X.shape;
    if (typeof nComponents === 'string') {
      throw new ValueError(`n_components='${nComponents}' cannot be a string with svd_solver='randomized'`);
    }
    if (!(nComponents >= 1 && nComponents <= Math.min(n, f))) {
      throw new ValueError(`n_components=${nComponents} must be between 1 and min(n_samples, n_features)=${Math.min(n, f)} with svd_solver='randomized'`);
    }
    const mean = np.mean(X, { axis: 0 });
    const sumSq = new Float64Array(f);
    const centredX = centred(X, mean, sumSq);
    const [U, S, Vt] = randomizedSvd(centredX, nComponents, {
      nOversamples: this.params.nOversamples, nIter: this.params.iteratedPower,
      powerIterationNormalizer: this.params.powerIterationNormalizer, flipSign: true, randomState: this.params.randomState,
    });
    const variance = np.divide(np.square(S), n - 1);
    // the total variance comes from the data: only k singular values are known
    const totalVar = np.sum(np.divide(np.NDArray.fromTyped(sumSq, [f], 'float64'), n - 1)).itemSync();
    const ratio = np.divide(variance, totalVar);
    const rest = Math.min(n, f) - nComponents;
    const noise = rest > 0 ? (totalVar - np.sum(variance).itemSync()) / rest : 0;
    this.store(mean, Vt, variance, ratio, S, nComponents, noise, n);
    return { U, S };
  }

  private store(mean: NDArray, Vt: NDArray, variance: NDArray, ratio: NDArray, S: NDArray, k: number, noise: number, n: number): void {
    this.mean_ = mean;
    this.components_ = Vt.get(`:${k}`).copy();
    this.explainedVariance_ = variance.get(`:${k}`).copy();
    this.explainedVarianceRatio_ = ratio.get(`:${k}`).copy();
    this.singularValues_ = S.get(`:${k}`).copy();
    this.nComponents_ = k;
    this.noiseVariance_ = noise;
    this.nSamples_ = n;
  }

  private async checkX(X: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const Xc = await checkArray(X, { estimator: this.estimatorName });
    checkNFeatures(Xc, this.nFeaturesIn_ as number, this.estimatorName);
    return Xc;
  }

  /** (X - mean_) componentsᵀ, divided by √explainedVariance_ when whitening: (n, k). */
  async transform(X: unknown): Promise<NDArray> {
    const Xc = await this.checkX(X);
    const projected = np.matmul(np.subtract(Xc, this.mean_ as NDArray), (this.components_ as NDArray).T);
    const Z = this.params.whiten ? np.divide(projected, np.sqrt(this.explainedVariance_ as NDArray)) : projected;
    return asFloat(Z, outputDtype(X, this.components_ as NDArray));
  }

  /** Back to feature space: Z components + mean_ (undoing the whitening first). */
  async inverseTransform(Z: unknown): Promise<NDArray> {
    this.checkIsFitted();
    const Zc = await toCpu(Z); // not checkArray: Z may have 0 columns (nComponents 0)
    const components = this.components_ as NDArray;
    const basis = this.params.whiten ? np.multiply(np.sqrt(this.explainedVariance_ as NDArray).reshape(-1, 1), components) : components;
    return asFloat(np.add(np.matmul(Zc, basis), this.mean_ as NDArray), outputDtype(Z, components));
  }

  /** The data covariance the model implies: Wᵀ diag(λ - σ²) W + σ² I (f, f). */
  getCovariance(): NDArray {
    this.checkIsFitted();
    return pcaCovariance(this.model());
  }

  /** The inverse of getCovariance(), by the matrix inversion lemma. */
  getPrecision(): NDArray {
    this.checkIsFitted();
    return pcaPrecision(this.model());
  }

  /** The log-likelihood of each sample under the probabilistic PCA model. */
  async scoreSamples(X: unknown): Promise<NDArray> {
    const Xc = await this.checkX(X);
    return pcaScoreSamples(this.model(), Xc);
  }

  /** The mean log-likelihood of the samples. */
  async score(X: unknown): Promise<number> {
    return np.mean(await this.scoreSamples(X)).itemSync();
  }

  private model(): { components: NDArray; variance: NDArray; noise: number; whiten: boolean; mean: NDArray } {
    return { components: this.components_ as NDArray, variance: this.explainedVariance_ as NDArray, noise: this.noiseVariance_ as number, whiten: this.params.whiten, mean: this.mean_ as NDArray };
  }

  /** Output column names of transform: 'pca0', 'pca1', ... */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    return Array.from({ length: this.nComponents_ as number }, (_, j) => `pca${j}`);
  }

  static override readonly learned = {
    nFeaturesIn_: saved.count(1), nComponents_: saved.count(), nSamples_: saved.count(), noiseVariance_: saved.real(),
    components_: saved.array({ shape: ['nComponents_', 'nFeaturesIn_'] }), mean_: saved.array({ shape: ['nFeaturesIn_'] }),
    explainedVariance_: saved.array({ shape: ['nComponents_'] }), explainedVarianceRatio_: saved.array({ shape: ['nComponents_'] }), singularValues_: saved.array({ shape: ['nComponents_'] }),
  };
}

registerEstimator('PCA', PCA);
