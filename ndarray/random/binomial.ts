// Binomial counts (successes in n trials of probability p) with NumPy's legacy algorithms: inversion
// (walk the cumulative distribution from 0) when n*p <= 30, else Kachitvichyanukul & Schmeiser's
// BTPE rejection (1988). The one thing to understand: both only ever run with p <= 1/2; for p > 1/2
// NumPy draws the failures n - X with q = 1 - p (so a draw is not 'n minus' a draw with p).
// Multinomial splits n into categories by a chain of binomials.
import type { MT19937 } from './mt19937.ts';
import { log } from './log.ts';

/** Inversion: U uniform, X = first x with P(0) + ... + P(x) >= U, using P(x) = P(x-1) (n-x+1) p / (x q).
 *  Restarts with a new U past a bound (mean + 10 standard deviations) where rounding dominates. */
function binomialInversion(mt: MT19937, n: number, p: number): number {
  const q = 1 - p;
  const qn = Math.exp(n * log(q));
  const np = n * p;
  const bound = Math.trunc(Math.min(n, np + 10 * Math.sqrt(np * q + 1)));
  let x = 0;
  let px = qn;
  let u = mt.nextDouble();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = mt.nextDouble();
    } else {
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
  }
  return x;
}

/** Stirling-series correction used by BTPE's final acceptance test. */
function stirlingTail(z: number): number {
  const z2 = z * z;
  return (13680 - (462 - (132 - (99 - 140 / z2) / z2) / z2) / z2) / z / 166320;
}

/** BTPE: sample under a hat made of a triangle (region 1), two parallelograms (2) and two
 *  exponential tails (3, 4), for r <= 1/2; accept by comparing with the exact ratio f(y)/f(m) (recursively for y
 *  near the mode m, else through Stirling's formula after cheap squeezes). */
function binomialBtpe(mt: MT19937, n: number, r: number): number {
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  const nrq = n * r * q;
  for (;;) {
    const u = mt.nextDouble() * p4;
    let v = mt.nextDouble();
    let y: number;
    if (u <= p1) return Math.floor(xm - p1 * v + u); // region 1: accept at once
    if (u <= p2) {
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      y = Math.floor(xl + log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      y = Math.floor(xr - log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    const k = Math.abs(y - m);
    if (k <= 20 || k >= nrq / 2 - 1) {
      // explicit ratio f(y)/f(m) by the recurrence f(i)/f(i-1) = a/i - s
      const s = r / q;
      const aa = s * (n + 1);
      let f = 1;
      if (m < y) for (let i = m + 1; i <= y; i++) f *= aa / i - s;
      else if (m > y) for (let i = y + 1; i <= m; i++) f /= aa / i - s;
      if (v > f) continue;
      return y;
    }
    // squeeze on log(v), then the Stirling bound
    const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = -k * k / (2 * nrq);
    const logv = log(v);
    if (logv < t - rho) return y;
    if (logv > t + rho) continue;
    const x1 = y + 1, f1 = m + 1, z = n + 1 - m, w = n - y + 1;
    const bound = xm * log(f1 / x1) + (n - m + 0.5) * log(z / w) + (y - m) * log(w * r / (x1 * q))
      + stirlingTail(f1) + stirlingTail(z) + stirlingTail(x1) + stirlingTail(w);
    if (logv > bound) continue;
    return y;
  }
}

/** NumPy's legacy_random_binomial (n integer >= 0, p in [0, 1] already checked). Unlike the newer
 *  random_binomial it has no shortcut for n = 0 or p = 0: inversion still draws one uniform. */
export function binomial(mt: MT19937, n: number, p: number): number {
  if (p <= 0.5) return p * n <= 30 ? binomialInversion(mt, n, p) : binomialBtpe(mt, n, p);
  const q = 1 - p;
  return n - (q * n <= 30 ? binomialInversion(mt, n, q) : binomialBtpe(mt, n, q));
}

/** One multinomial draw into out[offset .. offset + pvals.length): category j gets
 *  Binomial(remaining n, p_j / remaining p); the last category takes whatever is left.
 *  NumPy uses the newer random_binomial here, which returns 0 for n = 0 or p = 0 without drawing. */
export function multinomial(mt: MT19937, n: number, pvals: ArrayLike<number>, out: Int32Array, offset: number): void {
  const d = pvals.length;
  let remainingP = 1;
  let dn = n;
  for (let j = 0; j < d - 1; j++) {
    const pj = pvals[j] / remainingP;
    out[offset + j] = dn === 0 || pj === 0 ? 0 : binomial(mt, dn, pj);
    dn -= out[offset + j];
    if (dn <= 0) break;
    remainingP -= pvals[j];
  }
  if (dn > 0) out[offset + d - 1] = dn;
}
