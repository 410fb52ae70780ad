// Which tidy scope is the running code in? A synchronous function runs in one piece, so a stack of
// open scopes answers it. An async function runs in pieces, and between them other code runs: a stack
// cannot tell the pieces apart. AsyncLocalStorage can: `als.run(scope, fn)` makes `scope` the answer
// for `fn` and for every continuation of `fn` (after each `await`), and for nothing else. Node, Deno
// and Bun have it (`node:async_hooks`); where it is missing (browsers) tessera keeps the stack and
// refuses, with an error, the one thing a stack gets wrong that it can see: a scope closing while one
// opened after it is still open. (Two tidies that overlap but close in stack order look like nesting.)

/** One open tidy: the arrays made in it, and the scope it was opened in. */
export interface Scope {
  readonly arrays: Set<import('./ndarray.ts').NDArray>;
  readonly parent: Scope | null;
}

export interface ScopeContext {
  /** Whether async scopes keep their arrays apart (true with AsyncLocalStorage). */
  readonly tracksAsync: boolean;
  /** The scope of the code running now, or null outside every tidy. */
  current(): Scope | null;
  /** Runs `fn` (and, for AsyncLocalStorage, its continuations) in `scope`. */
  run<T>(scope: Scope, fn: () => T): T;
  /** Called when `scope` ends; throws when it cannot end cleanly. */
  exit(scope: Scope): void;
}

interface AsyncLocalStorageLike<S> { getStore(): S | undefined; run<R>(store: S, fn: () => R): R }
type AsyncHooks = { AsyncLocalStorage: new <S>() => AsyncLocalStorageLike<S> };

/** node:async_hooks, loaded synchronously where the runtime can (Node 20.16+, Deno 2, Bun). */
function asyncHooks(): AsyncHooks | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  try {
    return (proc?.getBuiltinModule?.('node:async_hooks') as AsyncHooks | undefined) ?? null;
  } catch {
    return null;
  }
}

function asyncLocalContext(hooks: AsyncHooks): ScopeContext {
  const storage = new hooks.AsyncLocalStorage<Scope | null>();
  return {
    tracksAsync: true,
    current: () => storage.getStore() ?? null,
    run: (scope, fn) => storage.run(scope, fn),
    exit: () => {},
  };
}

function stackContext(): ScopeContext {
  const stack: Scope[] = [];
  return {
    tracksAsync: false,
    current: () => stack[stack.length - 1] ?? null,
    run: (scope, fn) => {
      stack.push(scope);
      return fn();
    },
    exit: (scope) => {
      const at = stack.lastIndexOf(scope);
      if (at < 0) return; // opened under another context (useStackScopes switched): nothing of it is here
      stack.splice(at, 1);
      if (at !== stack.length) {
        throw new Error('np.tidy: two async tidy scopes overlapped (this one ended while a tidy begun after it was still '
          + 'open), so their arrays cannot be told apart in a runtime without AsyncLocalStorage; this one disposed '
          + 'none of its arrays. Await one tidy before '
          + 'starting the next (no Promise.all over tidies here), or run in Node or Deno.');
      }
    },
  };
}

const hooks = asyncHooks();
let context: ScopeContext = hooks ? asyncLocalContext(hooks) : stackContext();

export const scopeContext = (): ScopeContext => context;

/** Whether async tidy scopes keep their arrays apart here (AsyncLocalStorage: true in Node and Deno). */
export const asyncScopesTracked = (): boolean => context.tracksAsync;

/** For tests: use the plain stack, as a runtime without AsyncLocalStorage does (true), or go back.
 *  Call it with no tidy open. */
export function useStackScopes(on: boolean): void {
  context = on || !hooks ? stackContext() : asyncLocalContext(hooks);
}
