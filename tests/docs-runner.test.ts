// Tests the markdown parsing behind the docs check (scripts/docs-parse.mjs).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fencedBlocks, tsBlocks, program, splitOutput, marker, compare, normalise } from '../scripts/docs-parse.mjs';

const sample = [
  '# Title', //                       1
  '', //                              2
  '```ts', //                         3
  "import * as np from 'tessera/ndarray';", // 4
  'const a = 1;', //                  5
  'console.log(a);', //               6
  '```', //                           7
  '', //                              8
  'Prints:', //                       9
  '', //                             10
  '```text output', //               11
  '1', //                            12
  '```', //                          13
  '', //                             14
  '```ts no-run', //                 15
  'broken(', //                      16
  '```', //                          17
  '', //                             18
  '```ts', //                        19
  "import * as np from 'tessera/ndarray';", // 20
  'console.log(a + 1);', //          21
  '```', //                          22
  '', //                             23
  '````md', //                       24
  '```ts', //                        25
  'not a block of its own', //       26
  '```', //                          27
  '````', //                         28
].join('\n');

test('fencedBlocks finds every fence, respecting longer outer fences', () => {
  const blocks = fencedBlocks(sample);
  assert.equal(blocks.map((b) => [b.info, b.line]), [['ts', 3], ['text output', 11], ['ts no-run', 15], ['ts', 19], ['md', 24]]);
  assert.is(blocks[4].code, '```ts\nnot a block of its own\n```');
});

test('tsBlocks numbers ts blocks, marks no-run and pairs text output', () => {
  const blocks = tsBlocks(sample);
  assert.equal(blocks.map((b) => [b.n, b.line, b.skip]), [[1, 3, false], [2, 15, true], [3, 19, false]]);
  assert.is(blocks[0].expected, '1');
  assert.is(blocks[0].expectedLine, 11);
  assert.is(blocks[1].expected, null);
  assert.is(blocks[2].expected, null);
  assert.is(blocks[0].code, "import * as np from 'tessera/ndarray';\nconst a = 1;\nconsole.log(a);");
});

test('text output must be the very next fenced block', () => {
  const md = '```ts\nx\n```\n```js\ny\n```\n```text output\nz\n```\n';
  assert.is(tsBlocks(md)[0].expected, null);
});

test('program keeps markdown line numbers, skips no-run and repeated imports', () => {
  const lines = sample.split('\n');
  const prog = program(tsBlocks(sample), lines.length).split('\n');
  assert.is(prog[2], `console.log(${JSON.stringify(marker(1).slice(0, -1))});`);
  assert.is(prog[3], "import * as np from 'tessera/ndarray';");
  assert.is(prog[4], 'const a = 1;');
  assert.is(prog[15], ''); // no-run body left out
  assert.is(prog[18], `console.log(${JSON.stringify(marker(3).slice(0, -1))});`);
  assert.is(prog[19], ''); // the same import again is dropped
  assert.is(prog[20], 'console.log(a + 1);');
  assert.is(prog[25], ''); // text inside the md example is not code
});

test('splitOutput attributes stdout to blocks by marker', () => {
  const out = `setup\n${marker(1)}1\n${marker(3)}partial line${marker(4)}2\n`;
  const { before, byBlock } = splitOutput(out);
  assert.is(before, 'setup\n');
  assert.is(byBlock.get(1), '1\n');
  assert.is(byBlock.get(3), 'partial line');
  assert.is(byBlock.get(4), '2\n');
  assert.is(byBlock.get(2), undefined);
});

test('compare ignores trailing spaces and trailing blank lines, reports the first difference', () => {
  assert.equal(normalise('a  \nb\n\n'), ['a', 'b']);
  assert.is(compare('a\nb', 'a   \nb\n\n'), null);
  const m = compare('a\nb\nc', 'a\nB\nc');
  assert.ok(m);
  assert.is(m!.line, 1);
  assert.equal(m!.diff, ['  a', '- b', '+ B', '  c']);
  assert.is(compare('a', '')!.line, 0);
  assert.not.equal(compare(' a', 'a'), null); // leading spaces matter
});

test.run();
