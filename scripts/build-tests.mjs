// Bundles every tests/**/*.test.ts (or only those whose path contains `filter`) with esbuild
// into build/tests/, keeping relative paths (tests/a/b.test.ts -> build/tests/a/b.test.js),
// with inline source maps so stack traces point back to the .ts sources.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, nodeBundle, findFiles } from './common.mjs';

export async function buildTests(filter = '', outdir = 'build/tests') {
  const files = findFiles('tests', /\.test\.ts$/).filter((f) => f.includes(filter));
  rmSync(join(root, outdir), { recursive: true, force: true });
  if (files.length === 0) return files;
  await esbuild.build({ ...nodeBundle, entryPoints: files, outdir, outbase: 'tests' });
  return files;
}

