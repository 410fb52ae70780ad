// The Deno smoke test (part of `npm test`): bundles ndarray/index.ts and nn/index.ts into build/deno/
// (one shared chunk, so both use the same NDArray class; Deno runs TypeScript, but cannot import
// shaders/*.wgsl as text, so esbuild inlines them), then runs tests/deno/smoke.ts with the
// npm-installed Deno, whose navigator.gpu is built in.
import * as esbuild from 'esbuild';
import { neutralBundle, run, bin } from './common.mjs';

await esbuild.build({ ...neutralBundle, entryPoints: ['ndarray/index.ts', 'nn/index.ts'], outdir: 'build/deno', logLevel: 'warning' });
const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' };
const { code } = await run(bin('deno'), ['run', '-A', 'tests/deno/smoke.ts'], { env, timeoutMs: 10 * 60 * 1000 });
process.exit(code);
