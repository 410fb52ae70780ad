// Files on disk: np.save / np.load / np.savez / np.savez_compressed / np.loadtxt / np.savetxt /
// np.genfromtxt. Each is the byte- or text-level function of this folder plus one read or write.
// `node:fs/promises` is imported on first use, so this module also loads in a browser (where
// only the byte-level functions work); Node and Deno both provide it.
import type { DeviceName } from '../backend.ts';
import { ValueError } from '../errors.ts';
import type { ArrayLike, NDArray } from '../ndarray.ts';
import { fromNpyBytes, toNpyBytes } from './npy.ts';
import { fromNpzBytes, toNpzBytes, type NamedArrays } from './npz.ts';
import { genfromtxtLines, loadtxtLines, splitLines, type GenfromtxtOptions, type LoadtxtOptions } from './text.ts';
import { savetxtToString, type SavetxtOptions } from './savetxt.ts';
import { checkOptions } from '../options.ts';

type Fs = typeof import('node:fs/promises');

async function fs(): Promise<Fs> {
  // A variable specifier keeps bundlers from trying to resolve the module for browsers.
  const specifier = 'node:fs/promises';
  try {
    return (await import(/* @vite-ignore */ specifier)) as Fs;
  } catch {
    throw new ValueError('reading and writing files needs Node or Deno; in a browser use toNpyBytes/fromNpyBytes and friends');
  }
}

/** NumPy adds the extension when the name lacks it: save('x') writes x.npy. */
const withExtension = (path: string, ext: string): string => (path.endsWith(ext) ? path : path + ext);

/** np.save: writes `arr` as a .npy file (`.npy` is appended when missing). */
export async function save(path: string, arr: ArrayLike): Promise<void> {
  await (await fs()).writeFile(withExtension(path, '.npy'), await toNpyBytes(arr));
}

/** np.savez: several arrays in one uncompressed .npz archive (`.npz` appended when missing). */
export async function savez(path: string, arrays: NamedArrays): Promise<void> {
  await (await fs()).writeFile(withExtension(path, '.npz'), await toNpzBytes(arrays));
}

/** np.savez_compressed: the same with every member deflated. */
export async function savezCompressed(path: string, arrays: NamedArrays): Promise<void> {
  await (await fs()).writeFile(withExtension(path, '.npz'), await toNpzBytes(arrays, { compressed: true }));
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An archive with no members is only its end record (np.savez(p, {}) writes one), as NumPy checks. */
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

/** np.load: a .npy file gives an array, a .npz archive an object of arrays. As in NumPy the file's
 *  first bytes decide, not its name; the name only picks the TypeScript return type. */
export interface LoadOptions {
  device?: DeviceName;
  /** Longer .npy headers are refused (NumPy's `max_header_size`, 10000 by default): raise it for a file you trust. */
  maxHeaderSize?: number;
}
export function load(path: `${string}.npy`, options?: LoadOptions): Promise<NDArray>;
export function load(path: `${string}.npz`, options?: LoadOptions): Promise<Record<string, NDArray>>;
export function load(path: string, options?: LoadOptions): Promise<NDArray | Record<string, NDArray>>;
export async function load(path: string, options: LoadOptions = {}): Promise<NDArray | Record<string, NDArray>> {
  checkOptions('load', options, ['device', 'maxHeaderSize'], ['mmapMode', 'allowPickle', 'fixImports', 'encoding']);
  const bytes = new Uint8Array(await (await fs()).readFile(path));
  const isZip = [ZIP_MAGIC, EMPTY_ZIP_MAGIC].some((magic) => magic.every((b, i) => bytes[i] === b));
  return isZip ? fromNpzBytes(bytes, options) : fromNpyBytes(bytes, options);
}

/** A path is read from disk; a list of strings is taken as the lines themselves (as NumPy allows). */
async function linesOf(source: string | readonly string[]): Promise<readonly string[]> {
  return typeof source === 'string' ? splitLines(await (await fs()).readFile(source, 'utf8')) : source;
}

/** np.loadtxt from a file path or from a list of lines. */
export async function loadtxt(source: string | readonly string[], options: LoadtxtOptions = {}): Promise<NDArray> {
  return loadtxtLines(await linesOf(source), options);
}

/** A lite np.genfromtxt (float64; missing or unparsable values become NaN) from a path or lines. */
export async function genfromtxt(source: string | readonly string[], options: GenfromtxtOptions = {}): Promise<NDArray> {
  return genfromtxtLines(await linesOf(source), options);
}

/** np.savetxt: writes a 1-D or 2-D array as text. */
export async function savetxt(path: string, arr: ArrayLike, options: SavetxtOptions = {}): Promise<void> {
  await (await fs()).writeFile(path, await savetxtToString(arr, options));
}
