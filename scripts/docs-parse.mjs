// Markdown parsing for the docs check: finds the ```ts blocks of a markdown file, the
// ```text output block that follows each, and turns the runnable blocks into one TypeScript
// program whose line N is line N of the markdown (so errors point at the markdown line).

// A fence line: up to 3 spaces, then 3+ backticks or tildes, then the info string.
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Every fenced block of a markdown text, in order.
 * `line` is the 1-based line of the opening fence; the code starts on line + 1.
 * @param {string} markdown
 * @returns {{ info: string, code: string, line: number }[]}
 */
export function fencedBlocks(markdown) {
  const lines = markdown.split(/\r?\n/);
  const blocks = [];
  let open = null; // { fence, info, line, body: [] }
  lines.forEach((text, i) => {
    const m = FENCE.exec(text);
    if (!open) {
      if (m && !(m[1][0] === '`' && m[2].includes('`'))) open = { fence: m[1], info: m[2].trim(), line: i + 1, body: [] };
    } else if (m && m[1][0] === open.fence[0] && m[1].length >= open.fence.length && m[2].trim() === '') {
      blocks.push({ info: open.info, code: open.body.join('\n'), line: open.line });
      open = null;
    } else {
      open.body.push(text);
    }
  });
  if (open) blocks.push({ info: open.info, code: open.body.join('\n'), line: open.line }); // unclosed: runs to the end
  return blocks;
}

/**
 * The TypeScript blocks of a markdown text, numbered from 1, each with the expected output
 * taken from the next fenced block if that one is ```text output (null when there is none).
 * @param {string} markdown
 * @returns {{ n: number, line: number, code: string, skip: boolean,
 *             expected: string | null, expectedLine: number | null }[]}
 */
export function tsBlocks(markdown) {
  const all = fencedBlocks(markdown);
  const out = [];
  all.forEach((b, i) => {
    const words = b.info.split(/\s+/);
    if (words[0] !== 'ts' && words[0] !== 'typescript') return;
    const next = all[i + 1];
    const hasOutput = next !== undefined && next.info.split(/\s+/).join(' ') === 'text output';
    out.push({
      n: out.length + 1,
      line: b.line,
      code: b.code,
      skip: words.includes('no-run'),
      expected: hasOutput ? next.code : null,
      expectedLine: hasOutput ? next.line : null,
    });
  });
  return out;
}

/** The text printed before block n's own output. */
export const marker = (n) => `\u0000BLOCK ${n}\n`;

/**
 * One program from the runnable blocks: every other line is blank, so the program has the
 * markdown's line numbers. Each block's fence line becomes `console.log(marker)`. An import
 * line identical to one in an earlier block is blanked, so each block may repeat its imports.
 * @param {ReturnType<typeof tsBlocks>} blocks
 * @param {number} lineCount lines in the markdown file
 */
export function program(blocks, lineCount) {
  const lines = new Array(lineCount).fill('');
  const seenImports = new Set();
  for (const b of blocks) {
    if (b.skip) continue;
    lines[b.line - 1] = `console.log(${JSON.stringify(marker(b.n).slice(0, -1))});`;
    b.code.split('\n').forEach((text, i) => {
      const isImport = /^import\s.*\sfrom\s+['"][^'"]+['"];?\s*$/.test(text) || /^import\s+['"][^'"]+['"];?\s*$/.test(text);
      if (isImport && seenImports.has(text.trim())) return;
      if (isImport) seenImports.add(text.trim());
      lines[b.line + i] = text;
    });
  }
  return lines.join('\n') + '\n';
}

/**
 * Splits a program's stdout by block: { before, byBlock: Map<n, text> }.
 * `before` is whatever was printed before the first marker (module side effects).
 * @param {string} stdout
 */
export function splitOutput(stdout) {
  const parts = stdout.split(/\u0000BLOCK (\d+)\n/);
  const byBlock = new Map();
  for (let i = 1; i < parts.length; i += 2) byBlock.set(Number(parts[i]), parts[i + 1]);
  return { before: parts[0], byBlock };
}

/** Output text normalised for comparison: trailing spaces cut from each line, trailing blank lines dropped. */
export function normalise(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Compares expected and actual output; null when they match, otherwise
 * { line: index of the first differing line (0-based), diff: printable lines }.
 * @param {string} expected
 * @param {string} actual
 */
export function compare(expected, actual) {
  const e = normalise(expected);
  const a = normalise(actual);
  if (e.length === a.length && e.every((l, i) => l === a[i])) return null;
  let first = 0;
  while (first < e.length && first < a.length && e[first] === a[first]) first++;
  const diff = [];
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] === a[i]) diff.push(`  ${e[i]}`);
    else {
      if (i < e.length) diff.push(`- ${e[i]}`);
      if (i < a.length) diff.push(`+ ${a[i]}`);
    }
  }
  return { line: first, diff };
}

/**
 * Compares each runnable block's printed output (from splitOutput) with its expected ```text output block,
 * stopping at the first block the program did not reach. With `update`, a differing block is not a failure:
 * its new text is returned in `rewrites` as [first line of the expected body (0-based), its line count, new
 * body], for the caller to write into the file. `label(b)` names a block in messages.
 * @returns {{ checked: number, failures: string[], rewrites: [number, number, string][] }}
 */
export function compareOutputs(runnable, byBlock, { update, label }) {
  let checked = 0;
  const failures = [];
  const rewrites = [];
  for (const b of runnable) {
    const actual = byBlock.get(b.n);
    if (actual === undefined) break; // not reached: the caller reports the crash
    checked++;
    if (b.expected === null) continue;
    const mismatch = compare(b.expected, actual);
    if (!mismatch) continue;
    if (update) {
      rewrites.push([b.expectedLine, b.expected === '' ? 0 : b.expected.split('\n').length, actual.replace(/[ \t]+$/gm, '').replace(/\n+$/, '')]);
      console.log(`updated ${label(b)}`);
      continue;
    }
    failures.push(`${label(b)}: output differs at line ${b.expectedLine + 1 + mismatch.line} (- expected, + actual)\n${mismatch.diff.map((l) => `    ${l}`).join('\n')}`);
  }
  return { checked, failures, rewrites };
}
