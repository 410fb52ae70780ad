// The conformance suite (tests/conformance/) on the 'cpu' backend, with the CPU's tolerances:
// bit-exact except transcendental functions (2 ulp: JS's Math vs glibc and NumPy's SIMD loops) and
// sums, whose rounding depends on the order of additions (a few eps * sum(|x|)).
import { defineConformance, EXACT, type Magnitude, type Tol } from './conformance/index.ts';

const APPROX = new Set(['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'arcsin', 'arccos',
  'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh', 'arctan2', 'hypot', 'power', 'logaddexp', 'logaddexp2']);

function tol(op: string, x?: Magnitude): Tol {
  // logaddexp2(-0.999, -1) cancels: NumPy's float32 loop is off by about eps * max(|a|, |b|).
  if (op === 'logaddexp2') return { ...EXACT, ulps: 2, epsAbs: 2 };
  if (APPROX.has(op)) return { ...EXACT, ulps: 2 };
  switch (op) {
    case 'sum': case 'cumsum': return { ...EXACT, ulps: 2, epsAbs: 4 * (x?.sumAbs ?? 0) };
    case 'mean': return { ...EXACT, ulps: 2, epsAbs: 4 * (x?.maxAbs ?? 0) };
    case 'var': case 'std': return { ...EXACT, ulps: 4 + Math.sqrt(x?.size ?? 0) };
    case 'matmul': return { ...EXACT, ulps: 4, epsAbs: 2 };
    default: return EXACT;
  }
}

defineConformance({ device: 'cpu', tol }).run();
