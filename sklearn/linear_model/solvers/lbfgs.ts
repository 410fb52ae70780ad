// Limited-memory BFGS for unconstrained minimisation, following scipy's L-BFGS-B (v3.0) step by step
// so that LogisticRegression takes the same iterates as scikit-learn. Each iteration moves along
// d = -H g, where H approximates the inverse Hessian from the last m pairs s = x_{k+1} - x_k,
// y = g_{k+1} - g_k (the two-loop recursion, started from H0 = (sᵀy / yᵀy) I), with a step length from
// the Moré-Thuente line search. The rules are L-BFGS-B's: first step 1/||d||, then 1; a pair is
// skipped unless sᵀy > eps · (-gᵀd); a failed line search clears the memory and retries once; stop
// when max|g| <= gtol, when f stops decreasing (relative change <= ftol), or after maxIter steps.
// (Bounds, L-BFGS-B's other half, are not needed by the linear models and are not implemented.)
import { LineSearch } from './line-search.ts';
import { dot } from './products.ts';

export type Objective = (x: Float64Array) => [f: number, g: Float64Array];

export interface LbfgsOptions {
  /** Number of (s, y) pairs kept (scipy's maxcor). */
  m?: number;
  maxIter?: number;
  maxFun?: number;
  /** Stop when (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) <= ftol. */
  ftol?: number;
  /** Stop when max_i |g_i| <= gtol. */
  gtol?: number;
  /** Line search evaluations allowed per iteration. */
  maxLs?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  g: Float64Array;
  nIter: number;
  nFev: number;
  /** 0 converged, 1 iteration/evaluation limit, 2 line search failure (scipy's status). */
  status: 0 | 1 | 2;
  message: string;
}

const EPSMCH = 2 ** -52;
const FLOAT_EPS = 2.220446049250313e-16;

function maxAbs(g: Float64Array): number {
  let m = 0;
  for (let i = 0; i < g.length; i++) m = Math.max(m, Math.abs(g[i]));
  return m;
}

/** The limited memory: pairs oldest first, with sᵀy as L-BFGS-B measures it. */
class Memory {
  s: Float64Array[] = [];
  y: Float64Array[] = [];
  sy: number[] = [];
  theta = 1;

  constructor(readonly m: number) {}

  clear(): void {
    this.s = [];
    this.y = [];
    this.sy = [];
    this.theta = 1;
  }

  push(s: Float64Array, y: Float64Array, sy: number, yy: number): void {
    if (this.s.length === this.m) {
      this.s.shift();
      this.y.shift();
      this.sy.shift();
    }
    this.s.push(s);
    this.y.push(y);
    this.sy.push(sy);
    this.theta = yy / sy;
  }

  /** -H g by the two-loop recursion, H0 = I / theta. */
  direction(g: Float64Array): Float64Array {
    const q = g.map((v) => -v);
    const k = this.s.length, a = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) {
      a[i] = dot(this.s[i], q) / this.sy[i];
      const yi = this.y[i];
      for (let j = 0; j < q.length; j++) q[j] -= a[i] * yi[j];
    }
    for (let j = 0; j < q.length; j++) q[j] /= this.theta;
    for (let i = 0; i < k; i++) {
      const b = dot(this.y[i], q) / this.sy[i];
      const si = this.s[i];
      for (let j = 0; j < q.length; j++) q[j] += si[j] * (a[i] - b);
    }
    return q;
  }
}

interface Step {
  x: Float64Array;
  f: number;
  g: Float64Array;
  /** gᵀd at the new point, and the accepted step length. */
  gd: number;
  stp: number;
  evals: number;
}

/** L-BFGS-B's lnsrlb: the Moré-Thuente search along d from x (z = x + d is used for a unit step), at
 *  most maxLs evaluations. Null when d is not a descent direction or the search runs out of steps. */
function searchAlong(fun: Objective, x: Float64Array, f: number, gd0: number, d: Float64Array, z: Float64Array, stp0: number, maxLs: number): Step | null {
  if (gd0 >= 0) return null;
  const search = new LineSearch(f, gd0, stp0, 1e-3, 0.9, 0.1, 0, 1e10);
  for (let evals = 1; evals <= maxLs; evals++) {
    const stp = search.stp;
    const xt = stp === 1 ? z.slice() : d.map((v, i) => stp * v + x[i]);
    const [ft, gt] = fun(xt);
    const gd = dot(gt, d);
    if (search.next(ft, gd) !== 'fg') return { x: xt, f: ft, g: gt, gd, stp, evals };
  }
  return null;
}

export function lbfgs(fun: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.m ?? 10, maxIter = options.maxIter ?? 15000, maxFun = options.maxFun ?? 15000;
  const gtol = options.gtol ?? 1e-5, maxLs = options.maxLs ?? 20;
  const tol = ((options.ftol ?? 2.2204460492503131e-9) / FLOAT_EPS) * EPSMCH;
  let x: Float64Array = x0.slice();
  let [f, g] = fun(x);
  let nFev = 1, nIter = 0;
  const memory = new Memory(m);
  const done = (status: 0 | 1 | 2, message: string): LbfgsResult => ({ x, f, g, nIter, nFev, status, message });
  if (maxAbs(g) <= gtol) return done(0, 'CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL');

  for (;;) {
    // The trial point z = x + d (the Cauchy point x - g/theta when the memory is empty), and d = z - x.
    const dir = memory.s.length === 0 ? g.map((v) => -v / memory.theta) : memory.direction(g);
    const z = x.map((v, i) => v + dir[i]);
    const d = z.map((v, i) => v - x[i]);
    const stp0 = nIter === 0 ? Math.min(1 / Math.sqrt(dot(d, d)), 1e10) : 1;
    const gd0 = dot(g, d);
    const step = searchAlong(fun, x, f, gd0, d, z, stp0, maxLs);
    if (!step) {
      // Keep the previous iterate; with an empty memory there is nothing left to try.
      if (memory.s.length === 0) return done(2, 'ABNORMAL_TERMINATION_IN_LNSRCH');
      memory.clear();
      continue;
    }
    const [fOld, gOld] = [f, g];
    ({ x, f, g } = step);
    nFev += step.evals;
    nIter++;
    if (nIter >= maxIter) return done(1, 'STOP: TOTAL NO. of ITERATIONS REACHED LIMIT');
    if (nFev > maxFun) return done(1, 'STOP: TOTAL NO. of f AND g EVALUATIONS EXCEEDS LIMIT');
    if (maxAbs(g) <= gtol) return done(0, 'CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL');
    if (fOld - f <= tol * Math.max(Math.abs(fOld), Math.abs(f), 1)) return done(0, 'CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH');
    // The new pair: s = stp d, y = g - g_old, with sᵀy and the skip test measured as L-BFGS-B does.
    const { stp, gd } = step;
    const yv = g.map((v, i) => v - gOld[i]);
    const sy = stp === 1 ? gd - gd0 : (gd - gd0) * stp;
    if (sy <= EPSMCH * (stp === 1 ? -gd0 : -gd0 * stp)) continue;
    memory.push(stp === 1 ? d : d.map((v) => v * stp), yv, sy, dot(yv, yv));
  }
}
