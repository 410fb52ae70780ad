// Shared by the WebGPU test files: whether their tests can run. Without a WebGPU adapter a file's
// tests are reported as skipped with the install hint, except under CI=true, where a missing adapter
// is a failure (CI installs the software driver, so the GPU code must run there).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';
import { DRIVER_HINT } from '../ndarray/webgpu/device.ts';

/** True when the adapter exists; otherwise registers the skip (or the CI failure) under `name`. */
export async function requireWebGPU(name: string): Promise<boolean> {
  if (await np.isWebGPUAvailable()) return true;
  const t = suite(name);
  if (process.env.CI === 'true') {
    t('a WebGPU adapter is available (required when CI=true)', () => assert.unreachable(DRIVER_HINT));
  } else {
    console.log(`${name}: skipped, ${DRIVER_HINT}`);
    t.skip(`${name} (no WebGPU adapter)`, () => {});
  }
  t.run();
  return false;
}
