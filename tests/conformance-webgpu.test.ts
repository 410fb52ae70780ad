// The conformance suite (tests/conformance/) on the 'webgpu' backend, with float32 tolerances: 4 ulp
// for every ufunc (the transcendental functions are shaders/math.wgsl's, not the driver's), results
// below float32's normal range may flush to 0, zero signs are not compared (drivers may drop them),
// and sums and means may differ from NumPy's by the rounding of a different order of additions.
// Quantiles and percentiles interpolate in float32 (NumPy in float64): an absolute eps * max(|x|).
// Without an adapter the suite is skipped, or fails under CI=true (see webgpu-setup.ts).
import { defineConformance, EXACT, type Magnitude, type Tol } from './conformance/index.ts';
import { requireWebGPU } from './webgpu-setup.ts';

function tol(op: string, x?: Magnitude): Tol {
  const base: Tol = { ...EXACT, ulps: 4, abs: 2 ** -126, signedZero: false };
  switch (op) {
    case 'sum': case 'cumsum': return { ...base, epsAbs: 8 * (x?.sumAbs ?? 0) };
    case 'mean': return { ...base, epsAbs: 16 * (x?.maxAbs ?? 0) };
    case 'var': case 'std': return { ...base, ulps: 16 + 4 * Math.sqrt(x?.size ?? 0) };
    case 'matmul': return { ...base, epsAbs: 4 };
    case 'logaddexp2': return { ...base, epsAbs: 2 }; // NumPy's float32 loop cancels: see conformance-cpu
    // lo + (hi - lo) * g between two sorted samples, in float32 where NumPy computes in float64: a
    // result near 0 between samples far from 0 is off by about eps * max(|x|).
    case 'quantile': case 'percentile': return { ...base, epsAbs: 4 * (x?.maxAbs ?? 0) };
    default: return base;
  }
}

if (await requireWebGPU('conformance on webgpu')) defineConformance({ device: 'webgpu', tol }).run();
