// The package test (part of `npm test`): what another project gets from tessera. It packs the
// repository (`npm pack`, which builds dist/ through `prepare`), installs the tarball into a fresh
// temporary project, and there
//   1. runs the README's first example as plain ESM JavaScript in Node,
//   2. runs the README's network example (TypeScript) in Deno,
//   3. type-checks that example and a file importing every entry point under the tsconfig.json that
//      `tsc --init` writes (TypeScript's defaults for a new project).
// Dependencies come from npm's cache (`--prefer-offline`), filled by the `npm ci` before it.
import { mkdtempSync, writeFileSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { root, bin } from './common.mjs';

const work = mkdtempSync(join(tmpdir(), 'tessera-pack-'));
const sh = (cmd, args, cwd, extra = {}) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...extra }, timeout: 10 * 60 * 1000 });
  if (r.status !== 0) {
    console.error(`package test: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status})\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
  return r.stdout;
};

/** The ```ts blocks of the README, in order. */
function readmeBlocks() {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

try {
  sh('npm', ['pack', '--silent', '--pack-destination', work], root);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  const listing = sh('tar', ['-tzf', join(work, tarball)], work);
  for (const needed of ['package/dist/ndarray/index.js', 'package/dist/nn/index.js', 'package/dist/types/nn/index.d.ts', 'package/dist/types/globals.d.ts']) {
    if (!listing.includes(needed)) throw new Error(`the package lacks ${needed}`);
  }
  const app = join(work, 'app');
  sh('mkdir', ['-p', app], work);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2));
  sh('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball)], app);

  const [first, network] = readmeBlocks();
  writeFileSync(join(app, 'example.mjs'), first);
  const node = sh(process.execPath, ['example.mjs'], app);
  if (!node.includes('array([15, 21, 27, 33])')) throw new Error(`the README example printed something else in Node:\n${node}`);
  console.log('package test: the README example runs in Node from the installed tarball');

  // Deno runs TypeScript as it is and resolves `tessera/*` from node_modules (package.json present).
  writeFileSync(join(app, 'network.ts'), network.replace('epochs: 20', 'epochs: 2'));
  const deno = sh(bin('deno'), ['run', '-A', 'network.ts'], app);
  if (!deno.includes('Total params: 4,810')) throw new Error(`the README network example printed something else in Deno:\n${deno}`);
  console.log('package test: the README network example runs in Deno from the installed tarball');

  writeFileSync(join(app, 'types.ts'), [
    "import * as np from 'tessera/ndarray';",
    "import { Sequential, layers, utils } from 'tessera/nn';",
    "import { Ridge, makeMoons } from 'tessera/sklearn';",
    "import { Figure } from 'tessera/plot';",
    'const a: np.NDArray = np.arange(6).reshape([2, 3]);',
    "const model = new Sequential([new layers.Dense(2, { inputShape: [3] })]);",
    'const ridge = new Ridge({ alpha: 1 });',
    'const fig = new Figure({ width: 100 });',
    '{ using b = np.zeros([2]); void b; }',
    'void [a, model, ridge, fig, utils.toCategorical, makeMoons];',
    '',
  ].join('\n'));
  sh(bin('tsc'), ['--init'], app);
  sh(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], app);
  console.log('package test: the network example and a file importing every entry point type-check under `tsc --init`\'s tsconfig');
} finally {
  rmSync(work, { recursive: true, force: true });
}
