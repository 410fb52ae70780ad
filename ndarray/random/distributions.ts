// Turning uniform doubles into other distributions, with NumPy's legacy algorithms step for step:
// normals by the polar Box-Muller method (which makes two at a time and keeps the spare), Poisson
// counts by multiplying uniforms (small lam) or by Hörmann's PTRS rejection (lam >= 10).
// The one thing to understand: the spare normal is part of the generator's state, so
// `randn(); rand()` and `randn(2)` consume the stream differently from two separate generators.
import type { MT19937 } from './mt19937.ts';
import { log } from './log.ts';

/** The bit generator plus the cached second normal of the polar method (NumPy's aug_bitgen_t). */
export interface GaussState {
  readonly mt: MT19937;
  hasGauss: boolean;
  gauss: number;
}

/** legacy_gauss: a standard normal. Draw (x1, x2) uniformly in the square [-1, 1)^2 until it falls
 *  inside the unit circle (and not at 0); with r2 = x1^2 + x2^2 and f = sqrt(-2 log(r2) / r2),
 *  f*x1 and f*x2 are two independent normals. Return f*x2 now, keep f*x1 for the next call. */
export function legacyGauss(s: GaussState): number {
  if (s.hasGauss) {
    s.hasGauss = false;
    const spare = s.gauss;
    s.gauss = 0;
    return spare;
  }
  let x1: number, x2: number, r2: number;
  do {
    x1 = 2 * s.mt.nextDouble() - 1;
    x2 = 2 * s.mt.nextDouble() - 1;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1 || r2 === 0);
  const f = Math.sqrt(-2 * log(r2) / r2);
  s.gauss = f * x1;
  s.hasGauss = true;
  return f * x2;
}

const LOGGAM_COEFFS = [
  8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
  8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
  1.796443723688307e-01, -1.39243221690590e+00,
];

/** log(Gamma(x)) by Stirling's series, after shifting x up to at least 7 (NumPy's random_loggam). */
export function loggam(x: number): number {
  if (x === 1 || x === 2) return 0;
  const n = x < 7 ? Math.trunc(7 - x) : 0;
  let x0 = x + n;
  const x2 = (1 / x0) * (1 / x0);
  let gl0 = LOGGAM_COEFFS[9];
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + LOGGAM_COEFFS[k];
  const LOG_2PI = 1.8378770664093453;
  let gl = gl0 / x0 + 0.5 * LOG_2PI + (x0 - 0.5) * log(x0) - x0;
  // Gamma(x) = Gamma(x + n) / (x (x+1) ... (x+n-1))
  for (let k = 1; k <= n; k++) {
    gl -= log(x0 - 1);
    x0 -= 1;
  }
  return gl;
}

/** Poisson for small lam: count uniforms until their running product drops to exp(-lam). */
function poissonMult(mt: MT19937, lam: number): number {
  const enlam = Math.exp(-lam);
  let x = 0;
  let prod = 1;
  for (;;) {
    prod *= mt.nextDouble();
    if (prod <= enlam) return x;
    x++;
  }
}

/** Poisson for lam >= 10: Hörmann's PTRS (transformed rejection with squeeze, 1993). */
function poissonPtrs(mt: MT19937, lam: number): number {
  const slam = Math.sqrt(lam);
  const loglam = log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = mt.nextDouble() - 0.5;
    const v = mt.nextDouble();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (log(v) + log(invalpha) - log(a / (us * us) + b) <= -lam + k * loglam - loggam(k + 1)) return k;
  }
}

/** NumPy's random_poisson (lam already checked >= 0). */
export function poisson(mt: MT19937, lam: number): number {
  if (lam >= 10) return poissonPtrs(mt, lam);
  if (lam === 0) return 0;
  return poissonMult(mt, lam);
}

/** Kahan's compensated sum (NumPy's kahan_sum, used to check that probabilities sum to 1). */
export function kahanSum(xs: ArrayLike<number>): number {
  let sum = xs[0];
  let c = 0;
  for (let i = 1; i < xs.length; i++) {
    const y = xs[i] - c;
    const t = sum + y;
    c = (t - sum) - y;
    sum = t;
  }
  return sum;
}
