// `npm run coverage`: bundles the tests like `npm test` (inline source maps), runs them under c8
// and fails if line coverage of ndarray/**/*.ts (mapped back through the source maps) is below 90%.
// Writes only a text summary; `node scripts/coverage.mjs <filter>` limits the test files.
import { buildTests } from './build-tests.mjs';
import { run, bin } from './common.mjs';

const files = await buildTests(process.argv[2] ?? '');
if (files.length === 0) {
  console.error('no test files');
  process.exit(1);
}
const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' };
const { code } = await run(bin('c8'), [
  '--include', 'ndarray/**',
  '--exclude-after-remap', // apply --include to the .ts paths the source maps lead to, not to build/tests/*.js
  '--check-coverage', '--lines', '90',
  '--reporter', 'text-summary',
  '--reports-dir', 'coverage',
  bin('uvu'), 'build/tests', '\\.test\\.js$',
], { env });
process.exit(code);
