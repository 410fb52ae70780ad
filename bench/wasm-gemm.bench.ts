// The float matrix product on the two CPU kernels, side by side: the TypeScript reference
// (gemm-blocked.ts) and the WebAssembly SIMD one (wasm/gemm.ts), each on one thread and on all of
// them, for n x n products (GFLOP/s = 2n^3 / time, the median of several runs). The small sizes show
// where handing a product to the worker threads or to Wasm stops paying.
import * as np from '../ndarray/index.ts';
import { setCpuKernels, type CpuKernels } from '../ndarray/cpu/wasm/kernels.ts';
import { time, uniform } from './timing.ts';

const SIZES = [16, 64, 256, 384, 512, 1024];
const threads = await np.startThreads();
const columns: [CpuKernels, number][] = [['ts', 1], ['ts', threads], ['wasm', 1], ['wasm', threads]];

console.log(`| product | ${columns.map(([k, t]) => `${k} ${t} thread(s)`).join(' | ')} |`);
console.log(`| --- |${columns.map(() => ' ---: |').join('')}`);
for (const dtype of ['float64', 'float32'] as const) {
  for (const n of SIZES) {
    const [a, b] = [1, 2].map((seed) => np.NDArray.fromTyped(uniform(n * n, seed), [n, n], 'float64').astype(dtype));
    const cells = columns.map(([kernels, t]) => {
      setCpuKernels(kernels);
      np.setNumThreads(t);
      const ms = time(() => np.matmul(a, b).dispose(), n < 512 ? 500 : 2000, 5);
      return ((2 * n ** 3) / ms / 1e6).toFixed(2);
    });
    console.log(`| ${n}x${n} ${dtype} | ${cells.join(' | ')} |`);
    [a, b].forEach((x) => x.dispose());
  }
}
