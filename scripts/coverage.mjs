// `npm run coverage`: compiles sources and tests with tsc into build/cov/ (JS, source maps, .wgsl copies),
// runs the tests under c8 and fails if line coverage of ndarray/**/*.ts (all files) is below 90%.
// tsc, not the esbuild bundles of `npm test`: esbuild's maps omit closing braces, so c8 would count
// untaken branches as covered. `node scripts/coverage.mjs <filter>` limits the test files.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, findFiles, run, bin } from './common.mjs';

const filter = process.argv[2] ?? '';
const out = join(root, 'build', 'cov');
rmSync(out, { recursive: true, force: true });

const tsc = await run(bin('tsc'), ['-p', 'tsconfig.coverage.json']);
if (tsc.code !== 0) process.exit(tsc.code);
for (const dir of ['shaders', 'ndarray', 'nn', 'sklearn']) {
  for (const f of findFiles(dir, /\.wgsl$/)) cpSync(join(root, f), join(out, f));
}

const tests = findFiles('build/cov/tests', /\.test\.js$/).filter((f) => f.includes(filter));
if (tests.length === 0) {
  console.error(`no compiled test files${filter ? ` matching "${filter}"` : ''}`);
  process.exit(1);
}
const env = {
  ...process.env,
  XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${join(root, 'scripts', 'wgsl-hooks.mjs')} --enable-source-maps`.trim(),
};
const escaped = filter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const { code } = await run(bin('c8'), [
  // --all counts ndarray files no test loads (as 0%). Its file scan sees build/cov/ndarray/*.js;
  // --exclude-after-remap then matches the .ts paths the source maps lead to (ndarray/**).
  '--all', '--src', 'build/cov',
  '--include', 'build/cov/ndarray/**', '--include', 'ndarray/**',
  '--exclude-after-remap',
  '--check-coverage', '--lines', '90',
  '--reporter', 'text-summary',
  '--reports-dir', 'coverage',
  bin('uvu'), 'build/cov/tests', `${escaped}.*\\.test\\.js$`,
], { env });
process.exit(code);
