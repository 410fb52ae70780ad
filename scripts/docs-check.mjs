// `npm run docs`: runs the ```ts blocks of every docs/**/*.md file and checks their output.
// The blocks of one markdown file run in order as ONE program (bundled with esbuild, `tessera/*`
// imports resolved to the sources); a ```text output block after a ts block is that block's
// expected stdout. `node scripts/docs-check.mjs ndarray` checks only files whose path contains "ndarray";
// `--deno` runs the pages with the npm-installed Deno instead of Node (same bundles, same checks);
// `--update` writes what the blocks printed into their `text output` blocks where they differ (for
// when a change moves printed numbers on purpose: review the diff before committing it).
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, findFiles, run, bin, hasWebGPUAdapter, WEBGPU_SKIP_HINT } from './common.mjs';
import { tsBlocks, program, splitOutput, compareOutputs } from './docs-parse.mjs';
import { bundleProgram } from './docs-bundle.mjs';

const args = process.argv.slice(2);
const useDeno = args.includes('--deno');
const update = args.includes('--update');
const filter = args.find((a) => !a.startsWith('--')) ?? '';
const files = findFiles('docs', /\.md$/).filter((f) => f.includes(filter));
const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' };
const TIMEOUT_MS = 10 * 60 * 1000; // GPU examples can spend seconds in Mesa's shader compiler

// A filtered run gets its own folder, so several runs can go side by side.
const outDir = join(root, 'build', filter ? `docs-${process.pid}` : 'docs');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let failures = 0;
let checked = 0;
// Pages that use the GPU are skipped where there is no WebGPU adapter, except on CI, which has one.
const gpu = process.env.CI === 'true' || (await hasWebGPUAdapter());
const skippedForGpu = [];
const fail = (msg) => {
  failures++;
  console.error(`FAIL ${msg}`);
};

for (const file of files) {
  const markdown = readFileSync(join(root, file), 'utf8');
  const blocks = tsBlocks(markdown);
  const runnable = blocks.filter((b) => !b.skip);
  if (runnable.length === 0) {
    console.log(`skip ${file} (no runnable ts blocks)`);
    continue;
  }

  if (!gpu && /initWebGPU|device: 'webgpu'/.test(markdown)) {
    skippedForGpu.push(file);
    console.log(`skip ${file} (it uses WebGPU and no adapter was found)`);
    continue;
  }

  // One module named like the markdown, so errors read docs/x.md.ts:LINE; relative imports resolve from
  // the page's own folder, as its reader reads them.
  const { outfile, errors } = await bundleProgram(file, program(blocks, markdown.split(/\r?\n/).length), `${file}.ts`, outDir);
  if (errors.length) {
    for (const [line, text] of errors) fail(`${file}:${line}: does not compile: ${text}`);
    continue;
  }

  const [cmd, cmdArgs] = useDeno ? [bin('deno'), ['run', '-A', outfile]] : [process.execPath, ['--enable-source-maps', outfile]];
  const res = await run(cmd, cmdArgs, { capture: true, env, timeoutMs: TIMEOUT_MS });
  const { before, byBlock } = splitOutput(res.stdout);
  if (before.trim() !== '') console.log(`note ${file}: printed before the first block:\n${before}`);

  const result = compareOutputs(runnable, byBlock, { update, label: (b) => `${file} block ${b.n} (line ${b.line})` });
  checked += result.checked;
  result.failures.forEach((f) => fail(f));
  let fileFailed = result.failures.length > 0;
  const { rewrites } = result;
  if (rewrites.length) {
    const lines = markdown.split(/\r?\n/);
    for (const [start, count, body] of rewrites.reverse()) lines.splice(start, count, ...body.split('\n'));
    writeFileSync(join(root, file), lines.join('\n'));
  }
  if (res.code !== 0) {
    fileFailed = true;
    const last = Math.max(0, ...byBlock.keys());
    const b = runnable.find((x) => x.n === last);
    const where = b ? `block ${b.n} (line ${b.line})` : 'before the first block';
    fail(`${file} ${where}: program exited with ${res.signal ?? `code ${res.code}`}\n${res.stderr.trimEnd()}`);
  }
  if (!fileFailed) console.log(`ok   ${file} (${runnable.length} block(s))`);
}

console.log(`docs: ${checked} block(s) run in ${files.length - skippedForGpu.length} file(s), ${failures} failure(s)`);
if (skippedForGpu.length) console.log(`docs: skipped ${skippedForGpu.length} page(s) that use WebGPU (${skippedForGpu.join(', ')}): ${WEBGPU_SKIP_HINT}`);
process.exit(failures > 0 ? 1 : 0);
