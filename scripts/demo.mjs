// `npm start`: bundles demo/main.ts with esbuild into build/demo.js (tessera sources included,
// npm packages external) and runs it with node; extra arguments are passed to the demo.
import * as esbuild from 'esbuild';
import { root, nodeBundle, run } from './common.mjs';

await esbuild.build({ ...nodeBundle, entryPoints: ['demo/main.ts'], outfile: 'build/demo.js' });
const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' };
const { code } = await run(process.execPath, ['--enable-source-maps', `${root}/build/demo.js`, ...process.argv.slice(2)], { env });
process.exit(code);
