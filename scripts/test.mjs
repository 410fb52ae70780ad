// `npm test`: typecheck, bundle tests/**/*.test.ts into build/tests/, run them with uvu (then the CPU ones
// again on the TypeScript CPU kernels), run the Deno
// smoke test (scripts/deno-smoke.mjs), check docs/ and the @example blocks of doc comments
// (scripts/examples-check.mjs), then test the package as another project gets it
// (scripts/pack-test.mjs).
// `node scripts/test.mjs <filter>` builds and runs only test files whose path contains <filter>
// and skips the typecheck and the docs and examples checks (fast dev loop). Exits non-zero on any failure.
import { buildTests } from './build-tests.mjs';
import { rmSync } from 'node:fs';
import { run, bin, hasWebGPUAdapter, WEBGPU_SKIP_HINT } from './common.mjs';

const filter = process.argv[2] ?? '';
// --enable-source-maps: stack traces from the bundled tests point at the .ts sources.
const env = {
  ...process.env,
  XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --enable-source-maps`.trim(),
};

function step(name) {
  console.log(`\n=== ${name} ===`);
}

if (!filter) {
  step('typecheck (tsc --noEmit -p tsconfig.json)');
  const tc = await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  if (tc.code !== 0) process.exit(tc.code);
}

step(`build tests${filter ? ` matching "${filter}"` : ''}`);
// A filtered run builds into its own folder, so several dev loops can run side by side.
const outdir = filter ? `build/tests-${process.pid}` : 'build/tests';
const files = await buildTests(filter, outdir);
console.log(`${files.length} test file(s)`);
if (files.length === 0) {
  console.error(filter ? `no test file path contains "${filter}"` : 'no tests/**/*.test.ts found');
  process.exit(1);
}

step(`uvu ${outdir}`);
// uvu prints its report on stdout; echo it live and keep a copy to read the totals.
const uvu = await run(bin('uvu'), [outdir, '\\.test\\.js$'], { tee: true, env });
if (filter) rmSync(outdir, { recursive: true, force: true });
const report = uvu.stdout.replace(/\x1b\[[0-9;]*m/g, ''); // drop colour codes
const count = (label) => Number([...report.matchAll(new RegExp(`${label}:\\s+(\\d+)`, 'g'))].at(-1)?.[1] ?? 0);
const [total, passed, skipped] = [count('Total'), count('Passed'), count('Skipped')];
if (uvu.code !== 0 && total === passed) console.log('uvu: a test file failed to load or crashed');
else console.log(`uvu: ${passed} passed, ${total - passed} failed, ${skipped} skipped`);
if (uvu.code !== 0 || total === 0 || passed !== total) process.exit(uvu.code || 1);

if (!filter) {
  // The CPU's TypeScript kernels are the reference the WebAssembly ones must match: every CPU test runs
  // again on them (the WebGPU files do not depend on the CPU kernels and are left out).
  step('uvu again on the TypeScript CPU kernels (TESSERA_CPU_KERNELS=ts), WebGPU files left out');
  const tsRun = await run(bin('uvu'), [outdir, '^(?!.*webgpu).*\\.test\\.js$'], { tee: true, env: { ...env, TESSERA_CPU_KERNELS: 'ts' } });
  if (tsRun.code !== 0) process.exit(tsRun.code);

  // The checks that run whole programs, each a script of its own.
  const checks = [
    ['deno smoke test (tests/deno/smoke.ts)', 'scripts/deno-smoke.mjs'],
    ['docs check', 'scripts/docs-check.mjs'],
    ['doc-comment examples (the @example blocks of ndarray/, nn/, sklearn/)', 'scripts/examples-check.mjs'],
    ['package test (npm pack, install into a new project, run in Node and Deno, type-check)', 'scripts/pack-test.mjs'],
  ];
  for (const [name, script] of checks) {
    step(name);
    const { code } = await run(process.execPath, [script], { env });
    if (code !== 0) process.exit(code);
  }

  // Without an adapter (and not on CI, where it would have failed above) say once what did not run.
  if (process.env.CI !== 'true' && !(await hasWebGPUAdapter())) {
    console.log(`\nAll tests passed, but without a WebGPU adapter the WebGPU tests, the GPU half of the Deno smoke test and the docs pages that use WebGPU were skipped; ${WEBGPU_SKIP_HINT}.`);
  }
}
