// Choosing the number of PCA components automatically: Minka's MLE ("Automatic choice of
// dimensionality for PCA", NIPS 2000), scikit-learn's n_components='mle'.
// Model: the data are a rank-r signal plus isotropic Gaussian noise. For each candidate r, the
// Laplace approximation of the evidence p(data | r) is computed from the eigenvalue spectrum (the
// explained variances): the r leading eigenvalues are the signal, the mean of the rest the noise
// variance v. The one thing to understand: the evidence trades fit (a small v) against the number of
// parameters (which grows with r), so its maximum picks a rank without a held-out set.

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, nine terms; about 15 significant digits). */
export function gammaln(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - gammaln(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The log-evidence of rank `rank` (1 <= rank < spectrum.length) for n samples. */
export function assessDimension(spectrum: Float64Array, rank: number, nSamples: number): number {
  const nFeatures = spectrum.length;
  const eps = 1e-15;
  // a rank whose last eigenvalue is ~0 cannot be the best (and its logs would be meaningless)
  if (spectrum[rank - 1] < eps) return -Infinity;
  // pu: the prior on the r-dimensional subspace (uniform over the Stiefel manifold)
  let pu = -rank * Math.log(2);
  for (let i = 1; i <= rank; i++) pu += gammaln((nFeatures - i + 1) / 2) - (Math.log(Math.PI) * (nFeatures - i + 1)) / 2;
  // pl: the likelihood of the signal eigenvalues, pv: of the noise variance v
  let pl = 0;
  for (let i = 0; i < rank; i++) pl += Math.log(spectrum[i]);
  pl = (-pl * nSamples) / 2;
  let rest = 0;
  for (let i = rank; i < nFeatures; i++) rest += spectrum[i];
  const v = Math.max(eps, rest / (nFeatures - rank));
  const pv = (-Math.log(v) * nSamples * (nFeatures - rank)) / 2;
  // pp: the Laplace approximation's volume term, m = the number of free parameters
  const m = nFeatures * rank - (rank * (rank + 1)) / 2;
  const pp = (Math.log(2 * Math.PI) * (m + rank)) / 2;
  // pa: the log-determinant of the Hessian, pairing every signal eigenvalue with every later one
  const inverse = (j: number): number => 1 / (j < rank ? spectrum[j] : v);
  let pa = 0;
  for (let i = 0; i < rank; i++) {
    for (let j = i + 1; j < nFeatures; j++) {
      pa += Math.log((spectrum[i] - spectrum[j]) * (inverse(j) - inverse(i))) + Math.log(nSamples);
    }
  }
  return pu + pl + pv + pp - pa / 2 - (rank * Math.log(nSamples)) / 2;
}

/** The rank in [1, nFeatures - 1] with the highest evidence (the first one on ties). */
export function inferDimension(spectrum: Float64Array, nSamples: number): number {
  let best = 0, bestLL = -Infinity;
  for (let rank = 1; rank < spectrum.length; rank++) {
    const ll = assessDimension(spectrum, rank, nSamples);
    if (ll > bestLL) {
      bestLL = ll;
      best = rank;
    }
  }
  return best;
}
