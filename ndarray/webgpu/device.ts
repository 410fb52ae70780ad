// Getting a GPUDevice, wherever the program runs.
// Browsers and Deno have WebGPU built in (`navigator.gpu`); Node gets it from the `webgpu` npm package
// (Google's Dawn), whose `create()` result must stay referenced for the whole program: if it is
// garbage-collected while a device lives, the process aborts. So it is kept in a module variable.
// The device asks for the adapter's real limits (big storage buffers, 1024-thread workgroups), not
// WebGPU's small defaults.
import { ValueError } from '../errors.ts';

/** What the kernels need, and the adapter's name for error messages and docs. */
export interface GpuContext {
  readonly device: GPUDevice;
  readonly adapterName: string;
  readonly limits: GPUSupportedLimits;
  readonly features: ReadonlySet<string>;
}

/** The apt line that gets a software Vulkan driver Dawn accepts on Debian 12 (no GPU needed). */
export const DRIVER_HINT =
  'no WebGPU adapter was found. On a machine without a GPU install Mesa 25\'s software Vulkan driver ' +
  '(lavapipe); on Debian 12, enable bookworm-backports and run as root: ' +
  '`apt-get install -y --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1` ' +
  '(Debian 13: plain `apt-get install mesa-vulkan-drivers libvulkan1`). See docs/webgpu.md.';

/** The limits kernels rely on; each is raised to what the adapter allows. */
const WANTED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupStorageSize',
  'maxStorageBuffersPerShaderStage',
] as const;

// The Dawn instance of the `webgpu` package: referenced here for the life of the program (see above).
let dawnInstance: GPU | null = null;

async function findGpu(): Promise<GPU | null> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  if (dawnInstance) return dawnInstance;
  const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
  if (!isNode) return null;
  const pkg = 'webgpu'; // a variable, so bundlers for the browser leave this import alone
  const mod = (await import(/* @vite-ignore */ pkg)) as { create(opts: string[]): GPU; globals: object };
  Object.assign(globalThis, mod.globals); // GPUBufferUsage, GPUMapMode, ... as browsers have them
  dawnInstance = mod.create([]);
  return dawnInstance;
}

/** Requests an adapter and a device with raised limits; null when there is no adapter. */
export async function acquireDevice(): Promise<GpuContext | null> {
  const gpu = await findGpu();
  const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const requiredLimits: Record<string, number> = {};
  for (const name of WANTED_LIMITS) requiredLimits[name] = adapter.limits[name];
  const device = await adapter.requestDevice({ requiredLimits });
  const info = adapter.info;
  const adapterName = [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  return { device, adapterName, limits: device.limits, features: new Set(adapter.features) };
}

/** The error thrown when WebGPU is wanted but no adapter exists. */
export function noAdapterError(): ValueError {
  return new ValueError(`webgpu: ${DRIVER_HINT}`);
}
