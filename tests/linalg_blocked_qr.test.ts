// np.linalg.svd on tall matrices goes through a blocked Householder QR (ndarray/linalg/blocked-householder.ts),
// which only recurses past 32 columns. These shapes exercise the recursion, odd splits and ragged tiles:
// U·diag(S)·Vh must rebuild A, U and V must be orthonormal, and S must be sorted and non-negative.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../ndarray/index.ts';

const SHAPES: [number, number][] = [[40, 1], [70, 34], [120, 71], [300, 65], [1000, 130]];

function maxAbs(a: np.NDArray): number {
  return np.abs(a).max().itemSync();
}

test('worked example: a 40x2 matrix with orthogonal columns (ones, ±2) has singular values their lengths, √160 and √40', () => {
  const A = np.stack([np.ones([40]), np.multiply(2, np.power(-1, np.arange(40)))], { axis: 1 });
  // np.linalg.svd(np.stack([np.ones(40), 2 * (-1) ** np.arange(40)], 1), compute_uv=False).tolist() -> [12.649110640673518, 6.324555320336759]
  const S = Array.from(np.linalg.svd(A, { computeUV: false }).dataSync());
  assert.ok(Math.abs(S[0] - 12.649110640673518) <= 1e-12 * 13 && Math.abs(S[1] - 6.324555320336759) <= 1e-12 * 13, String(S));
});

for (const [m, n] of SHAPES) {
  test(`svd of a ${m}x${n} matrix through the blocked QR`, () => {
    const rng = new np.random.RandomState(m * 1000 + n);
    const A = rng.standardNormal([m, n]) as np.NDArray;
    for (const fullMatrices of [false, true]) {
      const { U, S, Vh } = np.linalg.svd(A, { fullMatrices }) as { U: np.NDArray; S: np.NDArray; Vh: np.NDArray };
      const k = Math.min(m, n);
      const Uk = U.get(':', `:${k}`);
      const rebuilt = np.matmul(np.multiply(Uk, S), Vh.get(`:${k}`));
      const scale = maxAbs(A);
      assert.ok(maxAbs(np.subtract(rebuilt, A)) <= 1e-12 * scale * Math.sqrt(m), `U S Vh = A (fullMatrices ${fullMatrices})`);
      assert.ok(maxAbs(np.subtract(np.matmul(U.T, U), np.eye(U.shape[1]))) <= 1e-12, 'UᵀU = I');
      assert.ok(maxAbs(np.subtract(np.matmul(Vh, Vh.T), np.eye(n))) <= 1e-12, 'V orthonormal');
      assert.equal(U.shape, fullMatrices ? [m, m] : [m, k]);
      const s = Array.from(S.dataSync());
      assert.ok(s.every((v, i) => v >= 0 && (i === 0 || v <= s[i - 1])), 'S sorted, non-negative');
    }
  });
}

test.run();
