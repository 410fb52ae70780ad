// Files for nn (saved models, weights, checkpoints, CSV logs): node:fs/promises, imported on first
// use through a variable specifier, so nn also loads in a browser (where only file writing fails,
// with a message saying so). Node and Deno both provide the module.
import * as np from '../../ndarray/index.ts';

export type Fs = typeof import('node:fs/promises');

/** node:fs/promises, or a clear error where there is no file system. */
export async function fileSystem(what: string): Promise<Fs> {
  const specifier = 'node:fs/promises';
  try {
    return (await import(/* @vite-ignore */ specifier)) as Fs;
  } catch {
    throw new np.ValueError(`${what} needs a file system (Node or Deno); in a browser keep the data in memory instead`);
  }
}

/** Creates the folder `path` goes into, if it has one. */
export async function makeParentDirectory(fs: Fs, path: string): Promise<void> {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (slash > 0) await fs.mkdir(path.slice(0, slash), { recursive: true });
}

export async function writeText(path: string, text: string, what = 'writing a file'): Promise<void> {
  const fs = await fileSystem(what);
  await makeParentDirectory(fs, path);
  await fs.writeFile(path, text);
}

export async function readText(path: string, what = 'reading a file'): Promise<string> {
  return (await fileSystem(what)).readFile(path, 'utf8');
}
