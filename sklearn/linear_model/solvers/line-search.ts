// The Moré-Thuente line search (MINPACK-2's dcsrch and dcstep, as shipped inside scipy's L-BFGS-B).
// Along a descent direction, φ(t) = f(x + t d) is sampled until a step satisfies the strong Wolfe
// conditions: sufficient decrease φ(t) <= φ(0) + ftol t φ'(0), and curvature |φ'(t)| <= gtol |φ'(0)|.
// Each new trial step comes from a cubic or quadratic fitted to the last two samples (dcstep), kept
// inside an interval that is known to contain an acceptable step once one has been bracketed.
// It is a state machine like the Fortran: `start` with φ(0), φ'(0) and a first step, then `next`
// with φ and φ' at that step until it answers 'convergence' or a warning.

export type SearchTask = 'fg' | 'convergence' | 'warning';

const P5 = 0.5, P66 = 0.66, XTRAPL = 1.1, XTRAPU = 4.0;

interface Point { st: number; f: number; g: number }

/** One safeguarded step of dcstep: updates the interval [x, y] (x: best step) and returns the next
 *  trial step, given the function value fp and derivative dp at the current step stp. */
function cstep(x: Point, y: Point, stp: number, fp: number, dp: number, state: { brackt: boolean }, stpmin: number, stpmax: number): number {
  const sgnd = dp * (x.g / Math.abs(x.g));
  let stpf: number;
  const theta0 = 3 * (x.f - fp) / (stp - x.st) + x.g + dp;
  if (fp > x.f) {
    // A higher value: the minimum is bracketed; cubic step if it is closer to x, else cubic/quadratic average.
    const s = Math.max(Math.abs(theta0), Math.abs(x.g), Math.abs(dp));
    let gamma = s * Math.sqrt((theta0 / s) ** 2 - (x.g / s) * (dp / s));
    if (stp < x.st) gamma = -gamma;
    const p = (gamma - x.g) + theta0;
    const q = ((gamma - x.g) + gamma) + dp;
    const stpc = x.st + (p / q) * (stp - x.st);
    const stpq = x.st + ((x.g / ((x.f - fp) / (stp - x.st) + x.g)) / 2) * (stp - x.st);
    stpf = Math.abs(stpc - x.st) < Math.abs(stpq - x.st) ? stpc : stpc + (stpq - stpc) / 2;
    state.brackt = true;
  } else if (sgnd < 0) {
    // Lower value, derivatives of opposite sign: bracketed; the cubic step if farther from stp, else secant.
    const s = Math.max(Math.abs(theta0), Math.abs(x.g), Math.abs(dp));
    let gamma = s * Math.sqrt((theta0 / s) ** 2 - (x.g / s) * (dp / s));
    if (stp > x.st) gamma = -gamma;
    const p = (gamma - dp) + theta0;
    const q = ((gamma - dp) + gamma) + x.g;
    const stpc = stp + (p / q) * (x.st - stp);
    const stpq = stp + (dp / (dp - x.g)) * (x.st - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    state.brackt = true;
  } else if (Math.abs(dp) < Math.abs(x.g)) {
    // Lower value, same sign, derivative shrinking: cubic step only if the cubic heads to infinity that way.
    const s = Math.max(Math.abs(theta0), Math.abs(x.g), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta0 / s) ** 2 - (x.g / s) * (dp / s)));
    if (stp > x.st) gamma = -gamma;
    const p = (gamma - dp) + theta0;
    const q = (gamma + (x.g - dp)) + gamma;
    const r = p / q;
    const stpc = r < 0 && gamma !== 0 ? stp + r * (x.st - stp) : stp > x.st ? stpmax : stpmin;
    const stpq = stp + (dp / (dp - x.g)) * (x.st - stp);
    if (state.brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      stpf = stp > x.st ? Math.min(stp + P66 * (y.st - stp), stpf) : Math.max(stp + P66 * (y.st - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.max(stpmin, Math.min(stpmax, stpf));
    }
  } else if (state.brackt) {
    // Lower value, same sign, derivative not shrinking: the cubic through stp and y.
    const theta = 3 * (fp - y.f) / (y.st - stp) + y.g + dp;
    const s = Math.max(Math.abs(theta), Math.abs(y.g), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (y.g / s) * (dp / s));
    if (stp > y.st) gamma = -gamma;
    const p = (gamma - dp) + theta;
    const q = ((gamma - dp) + gamma) + y.g;
    stpf = stp + (p / q) * (y.st - stp);
  } else {
    stpf = stp > x.st ? stpmax : stpmin;
  }
  // Update the interval that contains a minimiser.
  if (fp > x.f) {
    Object.assign(y, { st: stp, f: fp, g: dp });
  } else {
    if (sgnd < 0) Object.assign(y, x);
    Object.assign(x, { st: stp, f: fp, g: dp });
  }
  return stpf;
}

export class LineSearch {
  stp: number;
  private brackt = { brackt: false };
  private stage = 1;
  private readonly finit: number;
  private readonly ginit: number;
  private readonly gtest: number;
  private width: number;
  private width1: number;
  private readonly x: Point;
  private readonly y: Point;
  private stmin = 0;
  private stmax: number;

  /** φ(0) = f, φ'(0) = g < 0, first trial step stp in [stpmin, stpmax]. */
  constructor(f: number, g: number, stp: number, readonly ftol: number, readonly gtol: number, readonly xtol: number,
    readonly stpmin: number, readonly stpmax: number) {
    this.stp = stp;
    this.finit = f;
    this.ginit = g;
    this.gtest = ftol * g;
    this.width = stpmax - stpmin;
    this.width1 = this.width / P5;
    this.x = { st: 0, f, g };
    this.y = { st: 0, f, g };
    this.stmax = stp + XTRAPU * stp;
  }

  /** Given φ(stp) and φ'(stp): 'convergence' or 'warning' (stop, stp is the answer), or 'fg' with a new stp. */
  next(f: number, g: number): SearchTask {
    const { stp, gtest, x, y } = this;
    const ftest = this.finit + stp * gtest;
    if (this.stage === 1 && f <= ftest && g >= 0) this.stage = 2;
    const brackt = this.brackt.brackt;
    let task: SearchTask = 'fg';
    if (brackt && (stp <= this.stmin || stp >= this.stmax)) task = 'warning';
    if (brackt && this.stmax - this.stmin <= this.xtol * this.stmax) task = 'warning';
    if (stp === this.stpmax && f <= ftest && g <= gtest) task = 'warning';
    if (stp === this.stpmin && (f > ftest || g >= gtest)) task = 'warning';
    if (f <= ftest && Math.abs(g) <= this.gtol * -this.ginit) task = 'convergence';
    if (task !== 'fg') return task;

    let next: number;
    if (this.stage === 1 && f <= x.f && f > ftest) {
      // Stage 1 with a lower but not sufficiently lower value: step on the modified function ψ = φ - gtest t.
      const xm = { st: x.st, f: x.f - x.st * gtest, g: x.g - gtest };
      const ym = { st: y.st, f: y.f - y.st * gtest, g: y.g - gtest };
      next = cstep(xm, ym, stp, f - stp * gtest, g - gtest, this.brackt, this.stmin, this.stmax);
      Object.assign(x, { st: xm.st, f: xm.f + xm.st * gtest, g: xm.g + gtest });
      Object.assign(y, { st: ym.st, f: ym.f + ym.st * gtest, g: ym.g + gtest });
    } else {
      next = cstep(x, y, stp, f, g, this.brackt, this.stmin, this.stmax);
    }
    if (this.brackt.brackt) {
      // Bisect when the interval does not shrink fast enough.
      if (Math.abs(y.st - x.st) >= P66 * this.width1) next = x.st + P5 * (y.st - x.st);
      this.width1 = this.width;
      this.width = Math.abs(y.st - x.st);
      this.stmin = Math.min(x.st, y.st);
      this.stmax = Math.max(x.st, y.st);
    } else {
      this.stmin = next + XTRAPL * (next - x.st);
      this.stmax = next + XTRAPU * (next - x.st);
    }
    next = Math.min(Math.max(next, this.stpmin), this.stpmax);
    if ((this.brackt.brackt && (next <= this.stmin || next >= this.stmax)) || (this.brackt.brackt && this.stmax - this.stmin <= this.xtol * this.stmax)) {
      next = x.st;
    }
    this.stp = next;
    return 'fg';
  }
}
