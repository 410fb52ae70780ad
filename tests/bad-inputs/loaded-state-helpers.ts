// The one assertion the loaded-state tests make: a call on a corrupt file throws `cls` with every
// expected word in its message, terminates, and leaves no array allocated (np.memory before = after).
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { thrown } from '../helpers.ts';

export async function refuses(fn: () => unknown, cls: new (...a: never[]) => Error, words: string[]): Promise<void> {
  const before = np.memory().cpu.arrays;
  const error = await thrown(fn);
  assert.ok(error instanceof cls, `expected ${cls.name}, got ${String(error)}`);
  for (const w of words) assert.ok((error as Error).message.includes(w), `"${(error as Error).message}" should mention "${w}"`);
  assert.is(np.memory().cpu.arrays, before, 'nothing is left allocated');
}
