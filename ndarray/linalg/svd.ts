// Singular value decomposition A = U diag(S) Vh by Golub-Kahan-Reinsch, in two phases.
// 1. Householder reflectors from the left (columns) and right (rows) reduce A to an upper
//    bidiagonal B = Q^T A P (only the diagonal d and superdiagonal e are nonzero).
// 2. Implicit QR steps with a Wilkinson shift drive e to zero (the LINPACK dsvdc iteration):
//    each step is a chain of plane rotations "chasing a bulge" down B, and the same rotations
//    applied to Q and P turn them into U and V. The one thing to understand: every operation is
//    orthogonal, so the singular values come out accurate to eps * ||A|| whatever A's conditioning.
// Matrices wider than tall are handled through A^T = V S U^T, and tall ones (m >= 1.6 n) through a
// blocked QR first (A = Q R, SVD of the small R). U and V are kept transposed during the iteration
// (vectors as rows) so that rotations run over contiguous memory.
import type { ArrayLike, NDArray } from '../ndarray.ts';
import { LinAlgError } from '../errors.ts';
import { makeReflector, loadReflector, applyLeft, applyRight, rowReflectorProduct } from './householder.ts';
import { rotateRows } from './blas.ts';
import { formQ, upper } from './qr.ts';
import { blockedQR, applyQ, extendQ } from './blocked-householder.ts';
import { readStack, wrap, matrixAt, transposeOf, gatherRows } from './stack.ts';
import { checkOptions } from '../options.ts';

/** Reduces the m x n matrix a (m >= n) in place to bidiagonal form: d (n) and e (n, e[n-1] = 0).
 *  Left reflector k is stored under a_kk in column k, right reflector k right of a_{k,k+1} in row k. */
function bidiagonalize(a: Float64Array, m: number, n: number, d: Float64Array, e: Float64Array, tauq: Float64Array, taup: Float64Array): void {
  const v = new Float64Array(Math.max(m, n)), w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    tauq[k] = makeReflector(a, k * n + k, n, m - k);
    d[k] = a[k * n + k];
    loadReflector(a, k * n + k, n, m - k, v);
    applyLeft(a, n, v, tauq[k], k, m, k + 1, n, w);
    if (k < n - 1) {
      taup[k] = makeReflector(a, k * n + k + 1, 1, n - k - 1);
      e[k] = a[k * n + k + 1];
      loadReflector(a, k * n + k + 1, 1, n - k - 1, v);
      applyRight(a, n, v, taup[k], k + 1, m, k + 1, n);
    }
  }
}

const EPS = 2 ** -52, TINY = 2 ** -966, MAX_ITER = 75;

/** Diagonalises the bidiagonal (s, e) in place (LINPACK dsvdc's iteration). The rotations act on
 *  rows of ut (columns of U, rows of length m) and vt (columns of V, rows of length n) when given.
 *  Afterwards s >= 0, unsorted. Returns false if some value needs more than MAX_ITER QR steps. */
export function bidiagonalSVD(s: Float64Array, e: Float64Array, ut: Float64Array | null, m: number, vt: Float64Array | null, n: number): boolean {
  let p = s.length, iter = 0;
  while (p > 0) {
    // Find the largest k < p-1 with e[k] negligible (then B[k+1..p) is unreduced), or k = -1.
    let k: number;
    for (k = p - 2; k >= 0; k--) {
      if (Math.abs(e[k]) <= TINY + EPS * (Math.abs(s[k]) + Math.abs(s[k + 1]))) { e[k] = 0; break; }
    }
    let kase: number;
    if (k === p - 2) kase = 4; // s[p-1] is split off: converged
    else {
      // Inside the unreduced block, look for a negligible diagonal entry s[ks].
      let ks: number;
      for (ks = p - 1; ks > k; ks--) {
        const t = (ks !== p ? Math.abs(e[ks]) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1]) : 0);
        if (Math.abs(s[ks]) <= TINY + EPS * t) { s[ks] = 0; break; }
      }
      if (ks === k) kase = 3;
      else if (ks === p - 1) kase = 1;
      else { kase = 2; k = ks; }
    }
    k++;
    if (kase === 1) deflateLast(s, e, k, p, vt, n);
    else if (kase === 2) splitAt(s, e, k, p, ut, m);
    else if (kase === 3) {
      if (++iter > MAX_ITER) return false;
      qrStep(s, e, k, p, ut, m, vt, n);
    } else {
      if (s[k] <= 0) {
        s[k] = s[k] < 0 ? -s[k] : 0;
        if (vt) for (let i = 0, r = k * n; i < n; i++) vt[r + i] = -vt[r + i];
      }
      iter = 0;
      p--;
    }
  }
  return true;
}

/** s[p-1] = 0: rotations from the right chase e[p-2] up and out, through columns j and p-1. */
function deflateLast(s: Float64Array, e: Float64Array, k: number, p: number, vt: Float64Array | null, n: number): void {
  let f = e[p - 2];
  e[p - 2] = 0;
  for (let j = p - 2; j >= k; j--) {
    const t = Math.hypot(s[j], f), cs = s[j] / t, sn = f / t;
    s[j] = t;
    if (j !== k) {
      f = -sn * e[j - 1];
      e[j - 1] = cs * e[j - 1];
    }
    if (vt) rotateRows(vt, n, j, p - 1, cs, sn, n);
  }
}

/** s[k-1] = 0: rotations from the left chase e[k-1] down and out, through rows k-1 and j. */
function splitAt(s: Float64Array, e: Float64Array, k: number, p: number, ut: Float64Array | null, m: number): void {
  let f = e[k - 1];
  e[k - 1] = 0;
  for (let j = k; j < p; j++) {
    const t = Math.hypot(s[j], f), cs = s[j] / t, sn = f / t;
    s[j] = t;
    f = -sn * e[j];
    e[j] = cs * e[j];
    if (ut) rotateRows(ut, m, j, k - 1, cs, sn, m);
  }
}

/** One implicit QR step on the block k..p-1 with the Wilkinson shift: the eigenvalue of the
 *  trailing 2 x 2 of B^T B closer to its last entry. The first rotation introduces a bulge that
 *  alternating right/left rotations push down and off the end of the block. */
function qrStep(s: Float64Array, e: Float64Array, k: number, p: number, ut: Float64Array | null, m: number, vt: Float64Array | null, n: number): void {
  const scale = Math.max(Math.abs(s[p - 1]), Math.abs(s[p - 2]), Math.abs(e[p - 2]), Math.abs(s[k]), Math.abs(e[k]));
  const sp = s[p - 1] / scale, spm1 = s[p - 2] / scale, epm1 = e[p - 2] / scale;
  const sk = s[k] / scale, ek = e[k] / scale;
  const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
  const c = sp * epm1 * (sp * epm1);
  let shift = 0;
  if (b !== 0 || c !== 0) {
    shift = Math.sqrt(b * b + c);
    if (b < 0) shift = -shift;
    shift = c / (b + shift);
  }
  let f = (sk + sp) * (sk - sp) + shift;
  let g = sk * ek;
  for (let j = k; j < p - 1; j++) {
    let t = Math.hypot(f, g), cs = f / t, sn = g / t;
    if (j !== k) e[j - 1] = t;
    f = cs * s[j] + sn * e[j];
    e[j] = cs * e[j] - sn * s[j];
    g = sn * s[j + 1];
    s[j + 1] = cs * s[j + 1];
    if (vt) rotateRows(vt, n, j, j + 1, cs, sn, n);
    t = Math.hypot(f, g);
    cs = f / t;
    sn = g / t;
    s[j] = t;
    f = cs * e[j] + sn * s[j + 1];
    s[j + 1] = -sn * e[j] + cs * s[j + 1];
    g = sn * e[j + 1];
    e[j + 1] = cs * e[j + 1];
    if (ut) rotateRows(ut, m, j, j + 1, cs, sn, m);
  }
  e[p - 2] = f;
}

export interface SVDFactors {
  /** Singular values, descending. */
  s: Float64Array;
  /** U (m x m or m x K) and Vh (n x n or K x n), or null when vectors were not asked for. */
  u: Float64Array | null;
  vh: Float64Array | null;
}

export type SVDVectors = 'none' | 'reduced' | 'full';

/** SVD of one m x n matrix (destroyed). Full vectors: U is m x m and Vh n x n; reduced: m x K and
 *  K x n (K = min(m, n)). Wide matrices go through their transpose: A^T = U' S Vh' gives A = Vh'^T S U'^T. */
export function svdFactor(a: Float64Array, m: number, n: number, vectors: SVDVectors): SVDFactors {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw new LinAlgError('SVD did not converge');
  if (m >= n) return tallSVD(a, m, n, vectors);
  const f = tallSVD(transposeOf(a, m, n), n, m, vectors);
  if (!f.u || !f.vh) return f;
  return { s: f.s, u: transposeOf(f.vh, m, m), vh: transposeOf(f.u, n, f.u.length / n) };
}

/** LAPACK's crossover (dgesdd): from m >= 1.6 n on, a QR first pays for itself. */
const QR_FIRST = 1.6;

/** SVD of a tall m x n matrix (m >= n). */
function tallSVD(a: Float64Array, m: number, n: number, vectors: SVDVectors): SVDFactors {
  if (n > 0 && m >= QR_FIRST * n) return qrFirstSVD(a, m, n, vectors);
  const leftCols = vectors === 'none' ? 0 : vectors === 'full' ? m : n;
  const d = new Float64Array(n), e = new Float64Array(n);
  const tauq = new Float64Array(n), taup = new Float64Array(n);
  bidiagonalize(a, m, n, d, e, tauq, taup);
  const ut = leftCols ? transposeOf(formQ(a, m, n, tauq, leftCols), m, leftCols) : null;
  const vt = leftCols ? transposeOf(rowReflectorProduct(a, n, taup), n, n) : null;
  if (!bidiagonalSVD(d, e, ut, m, vt, n)) throw new LinAlgError('SVD did not converge');
  const order = Int32Array.from(d.keys()).sort((i, j) => d[j] - d[i]);
  const s = Float64Array.from(order, (i) => d[i]);
  if (!ut || !vt) return { s, u: null, vh: null };
  return { s, u: gatherRows(ut, m, leftCols, order, true), vh: gatherRows(vt, n, n, order, false) };
}

/** A = Q R, then R = U_r S Vh (n x n, cheap) gives A = (Q U_r) S Vh. The O(m n^2) work is the
 *  blocked QR and U = Q [U_r; 0], both matrix products; bidiagonalising A itself would cost twice the
 *  flops at a fifth of the speed. Full U also needs Q's last m - n columns. */
function qrFirstSVD(a: Float64Array, m: number, n: number, vectors: SVDVectors): SVDFactors {
  const qr = blockedQR(a, m, n);
  const f = tallSVD(upper(a, n, n), n, n, vectors === 'none' ? 'none' : 'reduced');
  if (!f.u) return f;
  const u = applyQ(qr, f.u, n, n);
  return { s: f.s, u: extendQ(qr, u, vectors === 'reduced' ? n : m), vh: f.vh };
}

/** np.linalg.svd(a, {fullMatrices = true, computeUV = true}) for a stack (..., M, N), K = min(M, N):
 *  {U: (..., M, M or K), S: (..., K) descending, Vh: (..., N or K, N)}; S alone when !computeUV. */
export function svd(a: ArrayLike, options: { fullMatrices?: boolean; computeUV: false }): NDArray;
export function svd(a: ArrayLike, options?: { fullMatrices?: boolean; computeUV?: true }): { U: NDArray; S: NDArray; Vh: NDArray };
export function svd(a: ArrayLike, options: { fullMatrices?: boolean; computeUV?: boolean } = {}): NDArray | { U: NDArray; S: NDArray; Vh: NDArray } {
  checkOptions('svd', options, ['fullMatrices', 'computeUV'], ['hermitian']);
  const { fullMatrices = true, computeUV = true } = options;
  const A = readStack(a, 'svd');
  const { rows: m, cols: n, count, batch } = A;
  const k = Math.min(m, n);
  const vectors = !computeUV ? 'none' : fullMatrices ? 'full' : 'reduced';
  const uCols = !computeUV ? 0 : fullMatrices ? m : k;
  const vhRows = fullMatrices ? n : k;
  const S = new Float64Array(count * k);
  const U = new Float64Array(count * m * uCols), Vh = new Float64Array(computeUV ? count * vhRows * n : 0);
  for (let b = 0; b < count; b++) {
    const f = svdFactor(matrixAt(A.data, b, m * n), m, n, vectors);
    S.set(f.s, b * k);
    if (f.u) U.set(f.u, b * m * uCols);
    if (f.vh) Vh.set(f.vh, b * vhRows * n);
  }
  const sOut = wrap(S, [...batch, k], A.dtype);
  if (!computeUV) return sOut;
  return { U: wrap(U, [...batch, m, uCols], A.dtype), S: sOut, Vh: wrap(Vh, [...batch, vhRows, n], A.dtype) };
}
