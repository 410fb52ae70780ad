// Matrix products through the backend's matmul kernel, against a float64 reference computed here:
// every (M, N) from sizes that do not divide the GPU's 32x32 tiles (1, 3, 17, 63, 65, 129) with
// several K, vec4-aligned shapes, transposed/offset/negative-step operands, broadcast batches, a
// batch big enough to need a 2-D dispatch grid (over 65535 workgroups), integer dtypes and K = 0.
import type { Test } from 'uvu';
import * as np from '../../ndarray/index.ts';
import { type Tol, mismatches, report } from './check.ts';
import type { Conformance } from './config.ts';

/** Deterministic values in [-1, 1). */
const values = (n: number, seed: number): Float32Array => new Float32Array(n).map((_, i) => ((i * 7919 + seed * 104729) % 2003) / 1001.5 - 1);

/** a (..., M, K) @ b (..., K, N) in float64 over C-ordered data with equal batch counts. */
function reference(a: ArrayLike<number>, b: ArrayLike<number>, batch: number, M: number, K: number, N: number, bBatch = batch): number[] {
  const out = new Array<number>(batch * M * N).fill(0);
  for (let z = 0; z < batch; z++) {
    const [ao, bo, oo] = [z * M * K, (bBatch === 1 ? 0 : z) * K * N, z * M * N];
    for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) {
      const x = a[ao + i * K + k];
      for (let j = 0; j < N; j++) out[oo + i * N + j] += x * b[bo + k * N + j];
    }
  }
  return out;
}

/** out = a @ b with the kernel (a and b already broadcast to out's batch shape). */
function product(a: np.NDArray, b: np.NDArray, shape: number[], dtype: np.DType = 'float32'): np.NDArray {
  const out = np.empty(shape, { dtype, device: a.device });
  out.backend.matmul(a, b, out);
  return out;
}

/** The float tolerance scaled by K: a dot product of K terms in [-1, 1] rounds K times. */
const scaled = (t: Tol, K: number): Tol => ({ ...t, abs: t.abs * Math.max(K, 1), epsAbs: t.epsAbs * Math.max(K, 1) });

export function defineMatmul(test: Test, c: Conformance): void {
  const device = c.device;
  const arr = (data: Float32Array, shape: number[]): np.NDArray => np.array(data, { dtype: 'float32', device }).reshape(shape);

  test('matmul on shapes that do not divide the tiles (1, 3, 17, 63, 65, 129) and vec4-aligned ones', async () => {
    const failures: string[] = [];
    const sizes = [1, 3, 17, 63, 65, 129];
    const shapes: [number, number, number][] = [];
    for (const M of sizes) for (const N of sizes) for (const K of [1, 17, 64, 129]) shapes.push([M, K, N]);
    shapes.push([32, 32, 32], [64, 128, 96], [4, 8, 4], [128, 4, 256]);
    for (const [M, K, N] of shapes) {
      await np.tidy(async () => {
        const [a, b] = [values(M * K, M), values(K * N, N + 1)];
        const got = product(arr(a, [M, K]), arr(b, [K, N]), [M, N]);
        const expected = { shape: [M, N], dtype: 'float32', data: reference(a, b, 1, M, K, N) };
        failures.push(...await mismatches(got, expected, `(${M}x${K}) @ (${K}x${N})`, scaled(c.tol('matmul'), K)));
      });
    }
    report(failures, 'matmul shapes');
  });

  test('matmul of transposed, offset and negative-step operands', async () => {
    const [M, K, N] = [19, 33, 21];
    const [a, b] = [values(M * K, 1), values(K * N, 2)];
    const expected = { shape: [M, N], dtype: 'float32', data: reference(a, b, 1, M, K, N) };
    const failures: string[] = [];
    await np.tidy(async () => {
      // a stored transposed (K, M) and read through .T; b stored reversed and read with negative steps
      const aStoredT = np.array(Array.from({ length: K * M }, (_, t) => a[(t % M) * K + Math.floor(t / M)]), { dtype: 'float32', device }).reshape([K, M]);
      const bReversed = np.array(Array.from(b).reverse(), { dtype: 'float32', device }).reshape([K, N]);
      const bFlipped = np.flip(bReversed);
      failures.push(...await mismatches(product(aStoredT.T, bFlipped, [M, N]), expected, 'a.T @ flip(b)', scaled(c.tol('matmul'), K)));
      // operands inside bigger buffers, at an offset
      const big = np.array(new Float32Array(3 + M * K + 5).fill(7), { dtype: 'float32', device });
      const aView = big.view([M, K], [K, 1], 3);
      aView.backend.copy(arr(a, [M, K]), aView);
      failures.push(...await mismatches(product(aView, arr(b, [K, N]), [M, N]), expected, 'offset a @ b', scaled(c.tol('matmul'), K)));
    });
    report(failures, 'strided matmul');
  });

  test('batched matmul, with a broadcast batch axis', async () => {
    const [B, M, K, N] = [5, 17, 9, 33];
    const [a, b] = [values(B * M * K, 3), values(K * N, 4)];
    await np.tidy(async () => {
      const bb = arr(b, [1, K, N]).broadcastTo([B, K, N]);
      const got = product(arr(a, [B, M, K]), bb, [B, M, N]);
      const expected = { shape: [B, M, N], dtype: 'float32', data: reference(a, b, B, M, K, N, 1) };
      report(await mismatches(got, expected, 'batched', scaled(c.tol('matmul'), K)), 'batched matmul');
    });
  });

  test('a batch of 70,000 products (more workgroups than one grid dimension holds)', async () => {
    const [B, M, K, N] = [70000, 3, 5, 2];
    const [a, b] = [values(B * M * K, 5), values(B * K * N, 6)];
    await np.tidy(async () => {
      const got = product(arr(a, [B, M, K]), arr(b, [B, K, N]), [B, M, N]);
      const expected = { shape: [B, M, N], dtype: 'float32', data: reference(a, b, B, M, K, N) };
      report(await mismatches(got, expected, 'batch 70000', scaled(c.tol('matmul'), K)), 'big batch');
    });
  });

  test('integer matmul and K = 0', async () => {
    await np.tidy(async () => {
      const a = np.array([[1, 2, 3], [4, 5, 6]], { dtype: 'int32', device });
      const b = np.array([[7, 8], [9, 10], [11, 12]], { dtype: 'int32', device });
      const failures = await mismatches(product(a, b, [2, 2], 'int32'), { shape: [2, 2], dtype: 'int32', data: [58, 64, 139, 154] }, 'int32', c.tol('matmul'));
      const empty = product(np.zeros([2, 0], { dtype: 'float32', device }), np.zeros([0, 3], { dtype: 'float32', device }), [2, 3]);
      failures.push(...await mismatches(empty, { shape: [2, 3], dtype: 'float32', data: [0, 0, 0, 0, 0, 0] }, 'K = 0', c.tol('matmul')));
      report(failures, 'int and empty matmul');
    });
  });
}
