// `np.webgpu`: what only the GPU backend has. The engine's counters and a sync point for timing,
// and the fused kernels for neural networks (a dense layer, softmax, optimizer steps).
// Device set-up itself is top-level: `await np.initWebGPU()`, `await np.isWebGPUAvailable()`.
export { webgpuStats as stats, webgpuSync as sync, webgpuBackend as backend } from './backend.ts';
export { linear, softmax, logSoftmax, sgdStep, rmspropStep, adamStep, type LinearOptions } from './fused.ts';
export { ACTIVATIONS, type Activation } from './constants.ts';
export { storedDType } from './dtypes.ts';
