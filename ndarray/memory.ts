// Owning memory explicitly: GPU buffers are not garbage-collected in time, so arrays are freed by
// `dispose()`, by `using` (Symbol.dispose), or by `tidy(fn)`, which disposes every array created
// inside `fn` except those it returns (or `keep`s). `memory()` counts what is alive, per device,
// so tests can assert that a loop of ops leaves nothing behind.
import type { NDArray } from './ndarray.ts';
import type { DeviceName } from './backend.ts';

interface DeviceCounters { arrays: number; buffers: number; bytes: number }
const counters: Record<DeviceName, DeviceCounters> = {
  cpu: { arrays: 0, buffers: 0, bytes: 0 },
  webgpu: { arrays: 0, buffers: 0, bytes: 0 },
};
const scopes: Set<NDArray>[] = [];
const kept = new WeakSet<NDArray>();

/** Called by the NDArray constructor: counts it and records it in the innermost tidy scope. */
export function trackArray(a: NDArray): void {
  const c = counters[a.device];
  c.arrays++;
  if (a.storage.refs === 1) {
    c.buffers++;
    c.bytes += a.storage.size * a.itemsize;
  }
  scopes[scopes.length - 1]?.add(a);
}

/** Called by dispose(). */
export function untrackArray(a: NDArray): void {
  const c = counters[a.device];
  c.arrays--;
  if (a.storage.refs === 1) {
    c.buffers--;
    c.bytes -= a.storage.size * a.itemsize;
  }
  for (const s of scopes) s.delete(a);
}

/** Live arrays, buffers and bytes per device (a snapshot). */
export function memory(): Record<DeviceName, DeviceCounters> {
  return { cpu: { ...counters.cpu }, webgpu: { ...counters.webgpu } };
}

/** Runs `fn`; disposes every array created inside it that is not part of the result or kept.
 *  The result may be an array, or an array/object of arrays (nested one level). Async functions
 *  are awaited, so `await tidy(async () => ...)` works too. */
export function tidy<T>(fn: () => T): T {
  const scope = new Set<NDArray>();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    release(scope, undefined);
    throw e;
  }
  if (result instanceof Promise) {
    return result.then(
      (r) => { release(scope, r); return r; },
      (e) => { release(scope, undefined); throw e; },
    ) as T;
  }
  release(scope, result);
  return result;
}

/** Exempts an array from disposal by the enclosing tidy scopes. */
export function keep<T extends NDArray>(a: T): T {
  kept.add(a);
  return a;
}

function release(scope: Set<NDArray>, result: unknown): void {
  scopes.splice(scopes.lastIndexOf(scope), 1);
  const survivors = new Set<unknown>(collect(result));
  const parent = scopes[scopes.length - 1];
  for (const a of scope) {
    if (survivors.has(a) || kept.has(a)) parent?.add(a);
    else a.dispose();
  }
}

function collect(x: unknown): unknown[] {
  if (x === null || typeof x !== 'object') return [];
  if (Array.isArray(x)) return x.flatMap((v) => (Array.isArray(v) ? v : [v]));
  if (x.constructor === Object) return Object.values(x as object);
  return [x];
}
