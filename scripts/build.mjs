// `npm run build`: bundles the public entry points (ndarray, nn, sklearn) into dist/ as ESM
// with esbuild (shaders/*.wgsl inlined as strings), then emits .d.ts declarations into
// dist/types with `tsc -p tsconfig.build.json`.
import * as esbuild from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, entryPoints, run, bin } from './common.mjs';

const entries = Object.values(entryPoints).filter((p) => existsSync(join(root, p)));
for (const p of Object.values(entryPoints)) if (!entries.includes(p)) console.warn(`build: skipping missing entry ${p}`);

rmSync(join(root, 'dist'), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'dist',
  outbase: '.',
  bundle: true,
  splitting: true,
  platform: 'neutral',
  format: 'esm',
  target: 'es2022',
  external: ['webgpu', 'node:*'],
  loader: { '.wgsl': 'text' },
  // Keep class names: estimators print and serialise themselves by `constructor.name`.
  keepNames: true,
  sourcemap: true,
  logLevel: 'info',
});

const { code } = await run(bin('tsc'), ['-p', 'tsconfig.build.json']);
if (code !== 0) {
  console.error('build: declaration emit (tsc -p tsconfig.build.json) failed');
  process.exit(code);
}
console.log('build: dist/ and dist/types/ written');
