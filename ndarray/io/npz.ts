// The .npz format: a ZIP archive with one .npy file per array, named `<key>.npy`.
// np.savez stores the members as they are; np.savez_compressed deflates each one.
// Arrays given as a list are named arr_0, arr_1, ... as in NumPy. Loading reads every member
// at once (NumPy loads lazily) and returns a plain object from key to array.
import type { DeviceName } from '../backend.ts';
import { NDArray, type ArrayLike } from '../ndarray.ts';
import { asBytes, fromNpyBytes, toNpyBytes } from './npy.ts';
import { readZip, writeZip } from './zip.ts';
import { checkOptions, describe } from '../options.ts';
import { ValueError } from '../errors.ts';

/** Arrays to save: named (`{weights: w, bias: b}`) or positional (`[a, b]` -> arr_0, arr_1). */
export type NamedArrays = Record<string, ArrayLike> | readonly ArrayLike[];

/** The (key, array) pairs in order, positional arrays named arr_0, arr_1, ... */
function entriesOf(arrays: NamedArrays): [string, ArrayLike][] {
  if (arrays === null || typeof arrays !== 'object' || arrays instanceof NDArray || ArrayBuffer.isView(arrays)) {
    throw new TypeError(`savez: the arrays must be an object of named arrays ({a: x, b: y}) or a list of arrays, got ${describe(arrays)}`);
  }
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
 *  .npy files are skipped; an empty archive gives {}. If any member is corrupt, none is kept. */
export async function fromNpzBytes(bytes: Uint8Array<ArrayBufferLike> | ArrayBuffer, options: { device?: DeviceName; maxHeaderSize?: number } = {}): Promise<Record<string, NDArray>> {
  checkOptions('fromNpzBytes', options, ['device', 'maxHeaderSize']);
  const out: [string, NDArray][] = [];
  try {
    for (const { name, data } of await readZip(asBytes('fromNpzBytes', bytes))) {
      if (!name.endsWith('.npy')) continue;
      try {
        out.push([name.slice(0, -4), fromNpyBytes(data, options)]);
      } catch (e) {
        if (e instanceof ValueError) throw new ValueError(`member '${name}' of the archive: ${e.message}`);
        throw e;
      }
    }
  } catch (e) {
    for (const [, a] of out) a.dispose();
    throw e;
  }
  // fromEntries defines own keys: a member named '__proto__.npy' stays a key, not a prototype.
  return Object.fromEntries(out);
}
