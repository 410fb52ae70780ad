// Chooses the register tile of the WebAssembly GEMM kernels (ndarray/cpu/wasm/gemm-kernel.ts) by
// measurement: each candidate MR x NR tile is built into its own module and times one-threaded
// n x n products (GFLOP/s = 2n^3 / time). Candidates take turns, round after round, and each cell is
// the median over the rounds, so a burst of load on a shared machine hits them all alike. The winner
// goes into GEMM_PLANS (ndarray/cpu/wasm/kernels.ts). A tile needs MR*NR/L accumulator vectors
// (L = 2 float64 lanes or 4 float32 lanes) plus NR/L for B and one for A; x86-64 has 16 registers.
import { buildGemmModule, GEMM_PLANS } from '../ndarray/cpu/wasm/kernels.ts';
import { instantiateGemm, wasmGemm } from '../ndarray/cpu/wasm/gemm.ts';
import type { FloatDType, Tile } from '../ndarray/cpu/wasm/gemm-kernel.ts';
import { time, uniform } from './timing.ts';

const CANDIDATES: Record<FloatDType, Tile[]> = {
  float64: [{ mr: 4, nr: 4 }, { mr: 2, nr: 8 }, { mr: 6, nr: 4 }, { mr: 4, nr: 6 }, { mr: 3, nr: 8 }, { mr: 4, nr: 8 }, { mr: 8, nr: 4 }],
  float32: [{ mr: 4, nr: 8 }, { mr: 2, nr: 16 }, { mr: 6, nr: 8 }, { mr: 4, nr: 12 }, { mr: 3, nr: 16 }, { mr: 4, nr: 16 }, { mr: 8, nr: 8 }],
};
const SIZES = [256, 1024];
const ROUNDS = 5;

/** A function running one n x n product with this tile (a fresh module and memory per tile). */
function product(dtype: FloatDType, tile: Tile, n: number): () => unknown {
  const plans = { ...GEMM_PLANS, [dtype]: { ...GEMM_PLANS[dtype], ...tile } };
  const w = instantiateGemm(buildGemmModule(plans), plans);
  const Typed = dtype === 'float32' ? Float32Array : Float64Array;
  const [a, b, out] = [Typed.from(uniform(n * n, 1)), Typed.from(uniform(n * n, 2)), new Typed(n * n)];
  const mat = (data: Float32Array | Float64Array) => ({ data, offset: 0, rs: n, cs: 1 });
  return () => wasmGemm(w, n, n, n, mat(a), mat(b), out, 0, n);
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];

console.log(`| dtype | tile MR x NR | ${SIZES.map((n) => `${n}² GFLOP/s`).join(' | ')} |`);
console.log(`| --- | --- |${SIZES.map(() => ' ---: |').join('')}`);
for (const dtype of ['float64', 'float32'] as const) {
  const cells = CANDIDATES[dtype].map((tile) => SIZES.map((n) => ({ run: product(dtype, tile, n), gflops: [] as number[], n })));
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of cells.flat()) c.gflops.push((2 * c.n ** 3) / time(c.run, 300, 2) / 1e6);
  }
  CANDIDATES[dtype].forEach((tile, i) => console.log(`| ${dtype} | ${tile.mr} x ${tile.nr} | ${cells[i].map((c) => median(c.gflops).toFixed(2)).join(' | ')} |`));
}
