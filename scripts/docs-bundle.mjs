// Bundling one program made of a file's examples (a docs page's blocks, or a source file's @example
// blocks) with esbuild, as the tests bundle theirs: `tessera/*` imports point at the sources, relative
// imports resolve from the file's own folder, and line N of the program is line N of the file.
import * as esbuild from 'esbuild';
import { dirname, join } from 'node:path';
import { root, nodeBundle } from './common.mjs';

/** Writes the bundle of `contents` (the program made from `file`) into `outDir`; returns its path, or
 *  the compile errors as [line, text] pairs. */
export async function bundleProgram(file, contents, sourcefile, outDir) {
  const outfile = join(outDir, file.replace(/[\\/]/g, '__') + '.mjs');
  try {
    await esbuild.build({
      ...nodeBundle,
      stdin: { contents, sourcefile, resolveDir: join(root, dirname(file)), loader: 'ts' },
      outfile,
      logLevel: 'silent',
    });
    return { outfile, errors: [] };
  } catch (err) {
    return { outfile, errors: (err.errors ?? [{ text: String(err) }]).map((m) => [m.location?.line ?? '?', m.text]) };
  }
}
