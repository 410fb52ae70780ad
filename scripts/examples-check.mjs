// The docs check for doc comments: runs the `@example` blocks of ndarray/, nn/ and sklearn/ sources.
// An example is an `@example` tag in a /** */ comment followed by a fenced ```ts block, optionally
// followed by a ```text output block, written exactly as on a docs page, behind the comment's ` * `.
// Each source file's comments become a markdown text with the file's line numbers (the ` * ` cut,
// every line that is not part of an example blank), which docs-parse.mjs turns into ONE program, as
// docs-check.mjs does per page: a failure names the source file and line. Examples import
// `tessera/ndarray`, `tessera/nn` and `tessera/sklearn` as a user would.
// `node scripts/examples-check.mjs sklearn` checks only files whose path contains "sklearn";
// `--update` writes what an example printed into its `text output` block (review the diff).
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { root, findFiles, run } from './common.mjs';
import { tsBlocks, program, splitOutput, compareOutputs } from './docs-parse.mjs';
import { bundleProgram } from './docs-bundle.mjs';

const args = process.argv.slice(2);
const update = args.includes('--update');
const filter = args.find((a) => !a.startsWith('--')) ?? '';
const files = ['ndarray', 'nn', 'sklearn']
  .flatMap((dir) => findFiles(dir, /\.ts$/))
  .filter((f) => f.includes(filter));
const TIMEOUT_MS = 5 * 60 * 1000;

const COMMENT_LINE = /^\s*\*(?: |$)/; // the ` * ` (or a bare ` *`) that opens a line inside /** */
const TAG = /^@[a-zA-Z]+/; // a JSDoc tag at the start of a comment line: ends the example before it

/**
 * The examples of a source file as markdown with the source's line numbers: inside each /** *\/
 * comment, the lines from an `@example` tag up to the next tag or the comment's end, with their
 * ` * ` cut; every other line blank. A ```ts fence may sit on the tag's own line (`@example ```ts`).
 * @param {string} source
 */
function examplesMarkdown(source) {
  const lines = source.split(/\r?\n/);
  const out = new Array(lines.length).fill('');
  let inComment = false;
  let inExample = false;
  lines.forEach((text, i) => {
    if (!inComment && /^\s*\/\*\*/.test(text)) inComment = true;
    if (!inComment) return;
    const closes = text.includes('*/');
    const body = COMMENT_LINE.test(text) ? text.replace(COMMENT_LINE, '') : text.replace(/^\s*\/\*\*\s?/, '');
    const content = closes ? body.slice(0, body.lastIndexOf('*/')).trimEnd() : body;
    if (TAG.test(content)) {
      inExample = content.startsWith('@example');
      if (inExample) out[i] = content.slice('@example'.length).trim();
    } else if (inExample) {
      out[i] = content;
    }
    if (closes) inComment = inExample = false;
  });
  return out.join('\n');
}

const IMPORT = /^import\s.*\sfrom\s+['"][^'"]+['"];?\s*$/;

/**
 * docs-parse.mjs's program, with each example in its own `{ }` scope (the examples of one file are
 * separate stories, not one page): the fence line that prints an example's marker opens it, the
 * closing fence line closes it, and the imports move to line 1 (a source file's first line is never
 * inside an example), so every other line keeps its number.
 * @param {ReturnType<typeof tsBlocks>} blocks
 * @param {number} lineCount
 */
function scopedProgram(blocks, lineCount) {
  const lines = program(blocks, lineCount).split('\n');
  const imports = new Set();
  for (const b of blocks) {
    if (b.skip) continue;
    const count = b.code.split('\n').length;
    for (let i = b.line; i < b.line + count; i++) {
      if (IMPORT.test(lines[i])) imports.add(lines[i].trim());
      if (/^import\s/.test(lines[i])) lines[i] = '';
    }
    lines[b.line - 1] += ' {';
    lines[b.line + count] = '}';
  }
  lines[0] = [...imports].join(' ');
  return lines.join('\n');
}

// A filtered run gets its own folder, so several runs can go side by side.
const outDir = join(root, 'build', filter ? `examples-${process.pid}` : 'examples');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let failures = 0;
let checked = 0;
let filesWithExamples = 0;
const fail = (msg) => {
  failures++;
  console.error(`FAIL ${msg}`);
};

for (const file of files) {
  const source = readFileSync(join(root, file), 'utf8');
  if (!source.includes('@example')) continue;
  const markdown = examplesMarkdown(source);
  const blocks = tsBlocks(markdown);
  const runnable = blocks.filter((b) => !b.skip);
  if (runnable.length === 0) continue; // only one-line `@example x // result` notes, not run
  const multiLineImport = runnable.find((b) => b.code.split('\n').some((l) => /^import\s/.test(l) && !IMPORT.test(l)));
  if (multiLineImport) {
    fail(`${file}:${multiLineImport.line}: write each import of an example on one line`);
    continue;
  }
  filesWithExamples++;

  // One module named after the source file; its line N is line N of the source file.
  const { outfile, errors } = await bundleProgram(file, scopedProgram(blocks, markdown.split('\n').length), `${basename(file)} (examples)`, outDir);
  if (errors.length) {
    for (const [line, text] of errors) fail(`${file}:${line}: example does not compile: ${text}`);
    continue;
  }

  const res = await run(process.execPath, ['--enable-source-maps', outfile], { capture: true, timeoutMs: TIMEOUT_MS });
  const { before, byBlock } = splitOutput(res.stdout);
  if (before.trim() !== '') console.log(`note ${file}: printed before the first example:\n${before}`);

  const result = compareOutputs(runnable, byBlock, { update, label: (b) => `${file}:${b.line}: example` });
  checked += result.checked;
  result.failures.forEach((f) => fail(f));
  let fileFailed = result.failures.length > 0;
  const { rewrites } = result;
  if (rewrites.length) {
    // Read again right before writing (others may be editing), and keep each line's ` * ` prefix.
    const lines = readFileSync(join(root, file), 'utf8').split(/\r?\n/);
    for (const [start, count, body] of rewrites.reverse()) {
      const prefix = lines[start - 1].match(/^\s*\* ?/)?.[0].replace(/\*$/, '* ') ?? ' * ';
      lines.splice(start, count, ...body.split('\n').map((l) => (prefix + l).trimEnd()));
    }
    writeFileSync(join(root, file), lines.join('\n'));
  }
  if (res.code !== 0) {
    fileFailed = true;
    const last = Math.max(0, ...byBlock.keys());
    const b = runnable.find((x) => x.n === last);
    const where = b ? `:${b.line}: example` : ': before the first example';
    fail(`${file}${where} exited with ${res.signal ?? `code ${res.code}`}\n${res.stderr.trimEnd()}`);
  }
  if (!fileFailed) console.log(`ok   ${file} (${runnable.length} example(s))`);
}

console.log(`examples: ${checked} example(s) run in ${filesWithExamples} source file(s), ${failures} failure(s)`);
process.exit(failures > 0 ? 1 : 0);
