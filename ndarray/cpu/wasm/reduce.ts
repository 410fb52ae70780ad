// Float sums on the WebAssembly SIMD kernels, for the two kinds of row cpu/reduce.ts walks:
//   fold:       the row runs along a reduced axis, acc += pairwise sum of each CHUNK of it (pairwise.ts's
//               order, done by reduce-kernel.ts on the chunk staged in the kernels' memory);
//   accumulate: the row runs along a kept axis, out[o..o+n] += x[i..i+n]. When the rows of x keep
//               adding into the same out row (a sum over axis 0), that row stays in memory.o and only
//               x's rows are copied in; finish() copies it back.
// Either answers "not this row" (undefined / false) for rows it does not cover; cpu/reduce.ts then
// runs its TypeScript loop, which stays the reference these kernels give the bits of.
import type { TypedArray } from '../../dtype.ts';
import type { View, ReduceOp } from '../../backend.ts';
import { CHUNK } from '../pairwise.ts';
import { REGIONS, regionLength } from './staging.ts';
import { UNROLL, kernelName } from './elementwise-kernel.ts';
import { getCpuKernels, mainThreadStreams } from './kernels.ts';
import { CROSSOVER, simdBinaryRow } from './elementwise.ts';

export interface SimdReduce {
  /** acc + the pairwise sum of n numbers of a (from start, by stride), or undefined if not handled. */
  fold(a: TypedArray, start: number, n: number, stride: number, acc: number): number | undefined;
  /** out[o + k*so] += a[i + k*si] for k < n; false if not handled. */
  accumulate(a: TypedArray, i: number, si: number, out: TypedArray, o: number, so: number, n: number): boolean;
  /** Stores the output row kept in memory (call after the last row). */
  finish(): void;
}

/** The Wasm kernels for reducing x into out with `op`, or undefined when there are none (only
 *  float32 and float64 sums with x and out of the same dtype are covered). */
export function simdReduce(op: ReduceOp, x: View, out: View): SimdReduce | undefined {
  const dtype = x.dtype;
  if (op !== 'sum' || (dtype !== 'float32' && dtype !== 'float64') || out.dtype !== dtype || getCpuKernels() !== 'wasm') return undefined;
  const s = mainThreadStreams(), heap = s.heap[dtype], sum = s.sums[dtype];
  const X = REGIONS.x / heap.BYTES_PER_ELEMENT;
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  const add = simdBinaryRow('add', out, x, out)!, accumulate = s.kernels[kernelName('accumulate', dtype)];
  const [Y, O, size] = [REGIONS.y / heap.BYTES_PER_ELEMENT, REGIONS.o / heap.BYTES_PER_ELEMENT, heap.BYTES_PER_ELEMENT];
  const longest = regionLength(dtype) - 4 * UNROLL; // the kernel's last trip may run 16*UNROLL bytes past n
  let kept: { out: TypedArray; o: number; n: number } | null = null; // the out row in memory.o
  const finish = () => {
    if (kept) kept.out.set(heap.subarray(O, O + kept.n), kept.o);
    kept = null;
  };
  return {
    fold(a, start, n, stride, acc) {
      if (n < CROSSOVER.minFold) return undefined;
      for (let c = 0; c < n; c += CHUNK) {
        const m = Math.min(CHUNK, n - c), from = start + c * stride;
        if (stride === 1) heap.set(a.subarray(from, from + m), X);
        else for (let q = 0, p = from; q < m; q++, p += stride) heap[X + q] = a[p];
        acc = round(acc + sum(REGIONS.x, m));
      }
      return acc;
    },
    accumulate(a, i, si, out, o, so, n) {
      if (n < CROSSOVER.minRow) return false; // too short for any Wasm row (nothing is kept in memory then)
      if (si !== 1 || so !== 1 || n > longest) {
        finish();
        return add(out, a, out, o, i, o, n, so, si, so); // out = out + a, staged like any add
      }
      if (kept?.out !== out || kept.o !== o || kept.n !== n) {
        finish();
        heap.set(out.subarray(o, o + n), O);
        kept = { out, o, n };
      }
      heap.set(a.subarray(i, i + n), Y);
      accumulate(n * size);
      return true;
    },
    finish,
  };
}
