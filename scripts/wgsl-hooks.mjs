// Node module hooks for code compiled by tsc (used by `npm run coverage`): `import src from './x.wgsl'`
// gives the shader text as a string (what esbuild's text loader does for the bundles), a JSON import
// without an import attribute gives the parsed value (what esbuild's json loader does), and
// `tessera/ndarray|nn|sklearn` resolves to the compiled sources in the same build/cov tree.
// Load with `node --import ./scripts/wgsl-hooks.mjs`; the file registers itself.
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';

if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, next) {
  const m = /^tessera\/(ndarray|nn|sklearn|plot)$/.exec(specifier);
  const at = context.parentURL?.indexOf('/build/cov/') ?? -1;
  if (m && at >= 0) {
    return { url: `${context.parentURL.slice(0, at)}/build/cov/${m[1]}/index.js`, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.endsWith('.wgsl')) {
    const text = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  }
  if (url.endsWith('.json') && !context.importAttributes?.type) {
    const text = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${text};`, shortCircuit: true };
  }
  return next(url, context);
}
