// The permuted lower factor of a partial-pivoting LU, scipy.linalg.lu(a, permute_l=True)[0], which
// scikit-learn uses to re-normalise the power iterations of its randomized SVD. For a tall m x n
// matrix, A = P L U with L unit lower trapezoidal (m x K, K = min(m, n)); P L spans the same column
// space as A (U is invertible when A has full rank) and its entries are bounded by 1, so it keeps the
// iterates well scaled for fewer flops than a QR (m n² against about 4 m n²). The one thing to
// understand: only the first K columns decide the pivots and L, so the rest of U is never computed.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';

/** Factors, in place, the first K = min(m, n) columns of an m x n matrix stored column after column
 *  (`cols`: column j is cols[j*m : (j+1)*m]): multipliers below the diagonal, U on and above. Returns
 *  the row swaps: row j was swapped with piv[j]. Left-looking, as OpenBLAS's getf2 under LAPACK's
 *  dgetrf: column j is finished at once, a_ij -= l_i0 u_0j + ... + l_i,r-1 u_r-1,j (r = min(i, j)),
 *  whole columns l_:r at a time, so every loop runs down long contiguous columns. Then the largest
 *  |a_ij| (i >= j, the first on ties) is swapped up and the entries below it divided by it. */
export function luFactorColumns(cols: Float64Array, m: number, n: number): Int32Array {
  const K = Math.min(m, n);
  const piv = new Int32Array(K);
  for (let j = 0, cj = 0; j < K; j++, cj += m) {
    subtractEarlierColumns(cols, m, j);
    let p = j, big = Math.abs(cols[cj + j]);
    for (let i = j + 1; i < m; i++) {
      const v = Math.abs(cols[cj + i]);
      if (v > big) { big = v; p = i; }
    }
    piv[j] = p;
    if (p !== j) swapRows(cols, m, K, p, j);
    const ujj = cols[cj + j];
    // a zero pivot leaves the column as it is (LAPACK reports it but carries on)
    if (ujj === 0) continue;
    const rinv = 1 / ujj;
    for (let i = j + 1; i < m; i++) cols[cj + i] *= rinv;
  }
  return piv;
}

/** a_:j -= l_:0 u_0j + ... + l_:j-1 u_j-1,j where u_rj is a_rj once the columns before r are out:
 *  two columns per pass (u_r+1,j is finished first), so column j is read and written half as often;
 *  each entry still sees the same subtractions in the same order. */
function subtractEarlierColumns(cols: Float64Array, m: number, j: number): void {
  const cj = j * m;
  let r = 0;
  for (; r + 1 < j; r += 2) {
    const c0 = r * m, c1 = c0 + m;
    const u0 = cols[cj + r];
    const u1 = cols[cj + r + 1] - cols[c0 + r + 1] * u0;
    cols[cj + r + 1] = u1;
    for (let i = r + 2; i < m; i++) cols[cj + i] = cols[cj + i] - cols[c0 + i] * u0 - cols[c1 + i] * u1;
  }
  if (r < j) {
    const c0 = r * m, u0 = cols[cj + r];
    for (let i = r + 1; i < m; i++) cols[cj + i] -= cols[c0 + i] * u0;
  }
}

/** Swaps rows r and s of the first K columns of a column-after-column m-row matrix. */
function swapRows(cols: Float64Array, m: number, K: number, r: number, s: number): void {
  for (let c = 0; c < K * m; c += m) {
    const t = cols[c + r];
    cols[c + r] = cols[c + s];
    cols[c + s] = t;
  }
}

/** The original row of each factored row: the swaps applied in order to 0, 1, ..., m-1. */
function rowOrigins(piv: Int32Array, m: number): Int32Array {
  const origin = new Int32Array(m);
  for (let i = 0; i < m; i++) origin[i] = i;
  for (let j = 0; j < piv.length; j++) {
    const t = origin[j];
    origin[j] = origin[piv[j]];
    origin[piv[j]] = t;
  }
  return origin;
}

/** (P L)ᵀ, shape (min(m, n), m), from aᵀ (n x m): the form the randomized SVD iterates in, where
 *  aᵀ's rows are a's columns, as the factorisation reads them, and (P L)ᵀ's rows are P L's columns,
 *  as it writes them. Factored row i came from row origin[i] of a, so row i of L goes back there. */
export function luPermuteLTransposed(at: NDArray): NDArray {
  const [n, m] = at.shape;
  const K = Math.min(m, n);
  const raw = at.dataSync();
  const cols = raw instanceof Float64Array ? raw : Float64Array.from(raw);
  const origin = rowOrigins(luFactorColumns(cols, m, n), m);
  const out = new Float64Array(K * m);
  for (let k = 0, c = 0; k < K; k++, c += m) {
    out[c + origin[k]] = 1;
    for (let i = k + 1; i < m; i++) out[c + origin[i]] = cols[c + i];
  }
  return np.NDArray.fromTyped(out, [K, m], 'float64');
}

/** scipy.linalg.lu(a, permute_l=True)[0] for a 2-D float array a (m x n): P L, shape (m, min(m, n)). */
export const luPermuteL = (a: NDArray): NDArray => luPermuteLTransposed(a.T).T;
