// Shared helpers for the build scripts: the repo root, esbuild options every bundle uses
// (.wgsl files import as strings, `tessera/*` resolves to the TypeScript sources), a recursive
// file finder and a child-process runner that returns the exit code.
import { spawn } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The public entry points: package subpath -> source file.
export const entryPoints = {
  'tessera/ndarray': './ndarray/index.ts',
  'tessera/nn': './nn/index.ts',
  'tessera/sklearn': './sklearn/index.ts',
  'tessera/plot': './plot/index.ts',
};

// esbuild options for code that runs in Node from build/ (tests, docs, demo, benchmarks).
// npm packages stay external and load from node_modules at run time (webgpu's dawn.node,
// tfjs-backend-wasm's .wasm files and uvu's shared test queue all need that).
export const nodeBundle = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'es2022',
  packages: 'external',
  external: ['webgpu'],
  alias: entryPoints,
  loader: { '.wgsl': 'text' },
  // Keep class names: estimators print and serialise themselves by `constructor.name`.
  keepNames: true,
  sourcemap: 'inline',
  logLevel: 'warning',
};

// esbuild options for the runtime-neutral ESM that other runtimes load (dist/ for the package, and
// build/deno/ for the Deno smoke test): one chunk shared by the entry points (one NDArray class for
// all of them), Node's built-ins and the webgpu package left to the runtime.
export const neutralBundle = {
  absWorkingDir: root,
  outbase: '.',
  bundle: true,
  splitting: true,
  platform: 'neutral',
  format: 'esm',
  target: 'es2022',
  external: ['webgpu', 'node:*'],
  loader: { '.wgsl': 'text' },
  // Keep class names: estimators print and serialise themselves by `constructor.name`.
  keepNames: true,
};

// All files under `dir` (relative to the repo root) whose path matches `re`, sorted, as repo-relative paths.
export function findFiles(dir, re) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const entry of readdirSync(abs, { withFileTypes: true, recursive: true })) {
    const path = relative(root, join(entry.parentPath ?? entry.path, entry.name));
    if (entry.isFile() && re.test(path)) out.push(path);
  }
  return out.sort();
}

// Known noise the runners drop from what they echo: Dawn (the `webgpu` package) prints two harmless lines
// whenever it opens a device on Mesa's software driver (native code, straight to stderr), and TF.js
// (a benchmark peer) advertises its Node backend once per process.
const NOISE = [
  /^Warning: maxDynamic(Uniform|Storage)BuffersPerPipelineLayout artificially reduced[^\n]*\n?/gm,
  /^\n?=+\nHi, looks like you are running TensorFlow\.js in Node\.js\.[^\n]*\n=+\n?/gm,
];
export const dropKnownNoise = (text) => NOISE.reduce((t, re) => t.replace(re, ''), text);

// Run a command; resolves to { code, stdout, stderr }. Output goes straight to the terminal unless
// `capture` (keep it, print nothing) or `tee` (keep it and print it as it arrives) is set.
export function run(cmd, args, { capture = false, tee = false, env = process.env, timeoutMs } = {}) {
  capture ||= tee;
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
      if (tee) {
        const shown = dropKnownNoise(String(d));
        if (shown) process.stdout.write(shown);
      }
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
      if (tee) {
        const shown = dropKnownNoise(String(d));
        if (shown) process.stderr.write(shown);
      }
    });
    child.on('error', (err) => resolve({ code: 127, stdout, stderr: stderr + String(err) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr }));
  });
}

// Path of an npm-installed binary (node_modules/.bin/NAME).
export const bin = (name) => join(root, 'node_modules', '.bin', name);

// Whether Dawn (the `webgpu` package) finds an adapter here, asked in a child process so that this
// process does not keep a GPU instance alive. The line mirrors .ci/run's check.
export async function hasWebGPUAdapter() {
  const probe = "import('webgpu').then(async({create,globals})=>{Object.assign(globalThis,globals);const g=create([]);globalThis.g=g;process.exit((await g.requestAdapter())?0:1)}).catch(()=>process.exit(1))";
  const r = await run(process.execPath, ['-e', probe], { capture: true });
  return r.code === 0;
}

// Printed when WebGPU parts are skipped (the same advice as ndarray/webgpu/device.ts DRIVER_HINT).
export const WEBGPU_SKIP_HINT = 'install the software Vulkan driver to run them: on Debian 12 enable bookworm-backports, then as root ' +
  '`apt-get install -y --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1` (see the README)';
