// Reading an environment variable where the runtime may refuse: Deno without --allow-env throws
// (NotCapable) on any read; tessera then behaves as if the variable were unset.

/** The variable's value, or undefined when it is unset, there is no process, or reading is refused. */
export function readEnv(name: string): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    return undefined;
  }
}
