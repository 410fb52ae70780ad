// Owning memory explicitly: GPU buffers are not garbage-collected in time, so arrays are freed by
// `dispose()`, by `using` (Symbol.dispose), or by `tidy(fn)`, which disposes every array created
// inside `fn` except those it returns (or `keep`s). `memory()` counts what is alive, per device,
// so tests can assert that a loop of ops leaves nothing behind.
//
// Which scope does a new array belong to? The one whose `fn` is running. For a synchronous `fn` that
// is the innermost open tidy; an async `fn` runs in pieces, between which other code runs (another
// async tidy started by `Promise.all`, a timer, the code that called it). Where the runtime has
// AsyncLocalStorage (Node, Deno, Bun) each piece of `fn` carries its scope with it (scope-context.ts),
// so overlapping async tidies and the code around them keep their arrays apart. Elsewhere (browsers)
// scopes form one stack: an async tidy also takes the arrays other code makes while it awaits, and two
// async tidies that end in the other order than they began are refused with an error (nothing disposed).
import type { NDArray } from './ndarray.ts';
import type { DeviceName } from './backend.ts';
import { scopeContext, type Scope } from './scope-context.ts';
import { checkOptions } from './options.ts';

interface DeviceCounters { arrays: number; buffers: number; bytes: number }
const counters: Record<DeviceName, DeviceCounters> = {
  cpu: { arrays: 0, buffers: 0, bytes: 0 },
  webgpu: { arrays: 0, buffers: 0, bytes: 0 },
};
/** Every scope whose `fn` has not settled yet (a disposed array leaves all of them). */
const openScopes = new Set<Scope>();
const kept = new WeakSet<NDArray>();

/** Called by the NDArray constructor: counts it and records it in the scope of the running code. */
export function trackArray(a: NDArray): void {
  const c = counters[a.device];
  c.arrays++;
  if (a.storage.refs === 1) {
    c.buffers++;
    c.bytes += a.storage.size * a.itemsize;
  }
  scopeContext().current()?.arrays.add(a);
  if (a.device === 'webgpu') checkGrowth(c);
}

/** Called by dispose(). */
export function untrackArray(a: NDArray): void {
  const c = counters[a.device];
  c.arrays--;
  if (a.storage.refs === 1) {
    c.buffers--;
    c.bytes -= a.storage.size * a.itemsize;
  }
  for (const s of openScopes) s.arrays.delete(a);
}

/** Live arrays, buffers and bytes per device (a snapshot). */
export function memory(): Record<DeviceName, DeviceCounters> {
  return { cpu: { ...counters.cpu }, webgpu: { ...counters.webgpu } };
}

/** Runs `fn`; disposes every array created inside it that is not part of the result or kept.
 *  The result may be an array, or an array/object of arrays (nested one level). Async functions
 *  are awaited, so `await tidy(async () => ...)` works too.
 *
 * @example
 * ```ts
 * import * as np from 'tessera/ndarray';
 *
 *
 * const before = np.memory().cpu.arrays;
 * const total = np.tidy(() => np.sum(np.square(np.arange(4)))); // the arange and the squares are freed
 * console.log(total, np.memory().cpu.arrays - before); // only the result is left
 * ```
 *
 * ```text output
 * array(14) 1
 * ```
 */
export function tidy<T>(fn: () => T): T {
  const context = scopeContext();
  const scope: Scope = { arrays: new Set(), parent: context.current() };
  openScopes.add(scope);
  let result: T;
  try {
    result = context.run(scope, fn);
  } catch (e) {
    close(scope, undefined);
    throw e;
  }
  if (result instanceof Promise) {
    return result.then(
      (r) => { close(scope, r); return r; },
      (e) => { close(scope, undefined); throw e; },
    ) as T;
  }
  close(scope, result);
  return result;
}

/** Exempts an array from disposal by the enclosing tidy scopes. */
export function keep<T extends NDArray>(a: T): T {
  kept.add(a);
  return a;
}

/** Ends a scope: its results and kept arrays move to the nearest scope still open above it (an async
 *  tidy may outlive the tidy it started in), the rest are disposed. */
function close(scope: Scope, result: unknown): void {
  openScopes.delete(scope);
  scopeContext().exit(scope); // throws, before anything is disposed, when the stack order broke
  const survivors = new Set<unknown>(collect(result));
  let parent = scope.parent;
  while (parent && !openScopes.has(parent)) parent = parent.parent;
  for (const a of scope.arrays) {
    if (survivors.has(a) || kept.has(a)) parent?.arrays.add(a);
    else a.dispose();
  }
}

function collect(x: unknown): unknown[] {
  if (x === null || typeof x !== 'object') return [];
  if (Array.isArray(x)) return x.flatMap((v) => (Array.isArray(v) ? v : [v]));
  if (x.constructor === Object) return Object.values(x as object);
  return [x];
}

// GPU arrays that are never disposed are a leak the garbage collector will not fix in time. When the
// live webgpu arrays pass a threshold, say so once, pointing at the fix, instead of growing silently.
const growthWarning = { arrays: 100_000, bytes: 2 ** 30, shown: false };

function checkGrowth(c: DeviceCounters): void {
  if (growthWarning.shown || (c.arrays < growthWarning.arrays && c.bytes < growthWarning.bytes)) return;
  growthWarning.shown = true;
  const mb = (c.bytes / 2 ** 20).toFixed(1);
  console.warn(`Warning: ${c.arrays} arrays (${mb} MB) are alive on webgpu. GPU memory is not garbage-collected: `
    + 'wrap each step of a loop in np.tidy(() => ...) or dispose() the arrays you no longer need '
    + '(np.memory() counts them). This warning is shown once.');
}

/** Sets when the webgpu growth warning shows (live arrays or bytes, whichever is reached first) and
 *  arms it again. Returns the previous limits. */
export function setMemoryWarning(limits: { arrays?: number; bytes?: number }): { arrays: number; bytes: number } {
  const previous = { arrays: growthWarning.arrays, bytes: growthWarning.bytes };
  checkOptions('setMemoryWarning', limits, ['arrays', 'bytes']);
  for (const key of ['arrays', 'bytes'] as const) {
    const v = limits[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0)) {
      throw new TypeError(`setMemoryWarning(): \`${key}\` must be a non-negative number, got ${String(v)}`);
    }
  }
  growthWarning.arrays = limits.arrays ?? previous.arrays;
  growthWarning.bytes = limits.bytes ?? previous.bytes;
  growthWarning.shown = false;
  return previous;
}
