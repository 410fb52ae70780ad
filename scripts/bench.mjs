// `npm run bench`: bundles every bench/*.bench.ts with esbuild into build/bench/ and runs them one
// after another (never in parallel: timings on 2 cores are noisy enough). `node scripts/bench.mjs matmul`
// runs only files whose name contains "matmul"; `--deno` runs them with the npm-installed Deno instead.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join, basename } from 'node:path';
import { root, nodeBundle, findFiles, run, bin } from './common.mjs';

const args = process.argv.slice(2);
const useDeno = args.includes('--deno');
const filter = args.find((a) => !a.startsWith('--')) ?? '';
const files = findFiles('bench', /\.bench\.ts$/).filter((f) => basename(f).includes(filter));
if (files.length === 0) {
  console.error(`no bench/*.bench.ts${filter ? ` matching "${filter}"` : ''}`);
  process.exit(1);
}

rmSync(join(root, 'build', 'bench'), { recursive: true, force: true });
await esbuild.build({ ...nodeBundle, entryPoints: files, outdir: 'build/bench', outbase: 'bench' });

const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' };
let failed = 0;
for (const f of files) {
  const js = join('build', 'bench', basename(f).replace(/\.ts$/, '.js'));
  console.log(`\n=== ${f}${useDeno ? ' (deno)' : ''} ===`);
  const cmd = useDeno ? [bin('deno'), ['run', '-A', js]] : [process.execPath, ['--enable-source-maps', js]];
  const { code } = await run(cmd[0], cmd[1], { env, tee: true }); // tee: known noise is dropped
  if (code !== 0) {
    failed++;
    console.error(`${f} exited with code ${code}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
