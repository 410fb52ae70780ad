// Small helpers the test files share: catching what a call throws, so a test can assert on the error
// itself (its class, its words) rather than only that something was thrown.
import * as assert from 'uvu/assert';

/** What `fn` throws, or null when it returns. */
export function thrownSync(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

/** What `fn` throws or its promise rejects with, or null when it settles normally. */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  return null;
}

/** Asserts that `fn` throws an error whose message contains `text`. */
export function throwsWith(fn: () => unknown, text: string): void {
  const e = thrownSync(fn);
  if (e === null) assert.unreachable(`expected an error containing ${text}`);
  assert.ok((e as Error).message.includes(text), (e as Error).message);
}

/** Asserts that `p` rejects with an error whose message is `expected` (a string) or matches it (a RegExp). */
export async function rejects(p: Promise<unknown>, expected: string | RegExp): Promise<void> {
  const e = await thrown(() => p);
  if (e === null) assert.unreachable(`expected: ${expected}`);
  if (typeof expected === 'string') assert.is((e as Error).message, expected);
  else assert.match((e as Error).message, expected);
}
