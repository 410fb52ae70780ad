// The .npz format: a ZIP archive with one .npy file per array, named `<key>.npy`.
// np.savez stores the members as they are; np.savez_compressed deflates each one.
// Arrays given as a list are named arr_0, arr_1, ... as in NumPy. Loading reads every member
// at once (NumPy loads lazily) and returns a plain object from key to array.
import type { DeviceName } from '../backend.ts';
import type { NDArray } from '../ndarray.ts';
import { fromNpyBytes, toNpyBytes } from './npy.ts';
import { readZip, writeZip } from './zip.ts';
import { checkOptions } from '../options.ts';

/** Arrays to save: named (`{weights: w, bias: b}`) or positional (`[a, b]` -> arr_0, arr_1). */
export type NamedArrays = Record<string, NDArray> | readonly NDArray[];

/** The (key, array) pairs in order, positional arrays named arr_0, arr_1, ... */
function entriesOf(arrays: NamedArrays): [string, NDArray][] {
  return Array.isArray(arrays) ? arrays.map((a, i) => [`arr_${i}`, a]) : Object.entries(arrays);
}

/** The bytes of an .npz archive (np.savez; np.savez_compressed with `{compressed: true}`). */
export async function toNpzBytes(arrays: NamedArrays, options: { compressed?: boolean } = {}): Promise<Uint8Array> {
  checkOptions('toNpzBytes', options, ['compressed']);
  const members = [];
  for (const [key, arr] of entriesOf(arrays)) members.push({ name: `${key}.npy`, data: await toNpyBytes(arr) });
  return writeZip(members, options.compressed ?? false);
}

/** The arrays of an .npz archive, keyed by member name without '.npy'. Members that are not
 *  .npy files are skipped. */
export async function fromNpzBytes(bytes: Uint8Array, options: { device?: DeviceName } = {}): Promise<Record<string, NDArray>> {
  checkOptions('fromNpzBytes', options, ['device']);
  const out: Record<string, NDArray> = {};
  try {
    for (const { name, data } of await readZip(bytes)) {
      if (name.endsWith('.npy')) out[name.slice(0, -4)] = fromNpyBytes(data, options);
    }
  } catch (e) {
    for (const a of Object.values(out)) a.dispose();
    throw e;
  }
  return out;
}
