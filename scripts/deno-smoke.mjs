// The Deno smoke test (part of `npm test`): bundles ndarray/index.ts into build/deno/ndarray.js (Deno
// runs TypeScript, but cannot import shaders/*.wgsl as text, so esbuild inlines them), then runs
// tests/deno/smoke.ts with the npm-installed Deno, whose navigator.gpu is built in.
import * as esbuild from 'esbuild';
import { root, run, bin } from './common.mjs';

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['ndarray/index.ts'],
  outfile: 'build/deno/ndarray.js',
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  target: 'es2022',
  external: ['webgpu'],
  loader: { '.wgsl': 'text' },
  logLevel: 'warning',
});
const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' };
const { code } = await run(bin('deno'), ['run', '-A', 'tests/deno/smoke.ts'], { env, timeoutMs: 10 * 60 * 1000 });
process.exit(code);
