// `npm run build` (and npm's `prepare`, so git and path installs build it): bundles the public entry
// points (ndarray, nn, sklearn, plot) into dist/ as ESM with esbuild (shaders/*.wgsl inlined as
// strings), then emits .d.ts declarations into dist/types with `tsc -p tsconfig.build.json` and makes
// them stand on their own outside this repository: relative imports name the emitted `.js` paths
// (not the `.ts` sources), and each entry references `@webgpu/types` (GPUDevice, ...) and declares
// `Symbol.dispose` for TypeScript setups whose lib predates it (`using` and `[Symbol.dispose]()`).
import * as esbuild from 'esbuild';
import { existsSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, entryPoints, neutralBundle, run, bin, findFiles } from './common.mjs';

const entries = Object.values(entryPoints).filter((p) => existsSync(join(root, p)));
for (const p of Object.values(entryPoints)) if (!entries.includes(p)) console.warn(`build: skipping missing entry ${p}`);

rmSync(join(root, 'dist'), { recursive: true, force: true });
await esbuild.build({ ...neutralBundle, entryPoints: entries, outdir: 'dist', sourcemap: true, logLevel: 'info' });

const { code } = await run(bin('tsc'), ['-p', 'tsconfig.build.json']);
if (code !== 0) {
  console.error('build: declaration emit (tsc -p tsconfig.build.json) failed');
  process.exit(code);
}

// `from './x.ts'` -> `from './x.js'` in every declaration file (TypeScript resolves x.js to x.d.ts).
const relativeTs = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;
for (const file of findFiles('dist/types', /\.d\.ts$/)) {
  const path = join(root, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(relativeTs, '$1$2.js$3'));
}
writeFileSync(join(root, 'dist/types/globals.d.ts'), [
  '// Declarations every tessera entry point needs from newer TypeScript libs than some setups have.',
  'declare global {',
  '  interface SymbolConstructor {',
  '    readonly dispose: unique symbol;',
  '    readonly asyncDispose: unique symbol;',
  '  }',
  '}',
  'export {};',
  '',
].join('\n'));
for (const entry of Object.values(entryPoints)) {
  const path = join(root, 'dist/types', entry.replace(/^\.\//, '').replace(/\.ts$/, '.d.ts'));
  if (!existsSync(path)) continue;
  const header = '/// <reference types="@webgpu/types" />\n/// <reference path="../globals.d.ts" />\n';
  writeFileSync(path, header + readFileSync(path, 'utf8'));
}
console.log('build: dist/ and dist/types/ written');
