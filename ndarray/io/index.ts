// NumPy's file formats for tessera: .npy (one array), .npz (a ZIP of .npy files) and plain text.
// The byte-level functions (toNpyBytes, fromNpzBytes...) work everywhere, browsers included;
// the path-based ones (save, load, loadtxt...) need Node or Deno.
export { toNpyBytes, fromNpyBytes } from './npy.ts';
export { toNpzBytes, fromNpzBytes, type NamedArrays } from './npz.ts';
export { save, load, savez, savezCompressed, loadtxt, genfromtxt, savetxt } from './files.ts';
export { savetxtToString, type SavetxtOptions } from './savetxt.ts';
export type { LoadtxtOptions, GenfromtxtOptions } from './text.ts';
