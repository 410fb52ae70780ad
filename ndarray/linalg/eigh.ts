// Symmetric eigenproblem A = V diag(w) V^T, in two phases.
// 1. Householder tridiagonalisation: reflectors H_k = I - tau v v^T zero A below its subdiagonal,
//    T = Q^T A Q, each step a symmetric rank-2 update A <- A - v w^T - w v^T with
//    p = tau A v and w = p - (tau/2)(p.v) v.
// 2. Implicit QL with Wilkinson-like shifts (EISPACK's tql2): plane rotations drive T's
//    off-diagonal to zero; applied to Q they give the eigenvectors.
// The one thing to understand: all transformations are orthogonal, so eigenvalues are accurate to
// eps * ||A|| and eigenvectors come out orthonormal even for repeated eigenvalues. Eigenvectors are
// kept as rows during the iteration so rotations run over contiguous memory.
import type { ArrayLike, NDArray } from '../ndarray.ts';
import { LinAlgError, ValueError } from '../errors.ts';
import { makeReflector, loadReflector, rowReflectorProduct } from './householder.ts';
import { dot, rotateRows } from './blas.ts';
import { readStack, wrap, matrixAt, transposeOf, gatherRows } from './stack.ts';
import { checkOptions } from '../options.ts';

/** Reduces the symmetric n x n matrix a (both triangles stored) in place: d (n) and e (n) with
 *  e[i] = T[i][i+1], e[n-1] = 0; reflector k is left in row k right of a[k][k+1]. Returns tau. */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): Float64Array {
  const tau = new Float64Array(n), v = new Float64Array(n), w = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const len = n - k - 1, start = k + 1;
    tau[k] = makeReflector(a, k * n + start, 1, len);
    d[k] = a[k * n + k];
    e[k] = a[k * n + start];
    const t = tau[k];
    if (t === 0) continue;
    loadReflector(a, k * n + start, 1, len, v);
    // w = p - (tau/2)(p.v) v with p = tau * A22 v (A22 = trailing block, rows/cols start..n-1).
    let pv = 0;
    for (let i = 0; i < len; i++) {
      w[i] = t * dot(a, (start + i) * n + start, v, 0, len);
      pv += w[i] * v[i];
    }
    const half = (t / 2) * pv;
    for (let i = 0; i < len; i++) w[i] -= half * v[i];
    for (let i = 0; i < len; i++) {
      const row = (start + i) * n + start, vi = v[i], wi = w[i];
      for (let j = 0; j < len; j++) a[row + j] -= vi * w[j] + wi * v[j];
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[n - 2] = a[(n - 2) * n + n - 1];
  }
  if (n >= 1) d[n - 1] = a[n * n - 1];
  return tau;
}

const EPS = 2 ** -52, MAX_ITER = 75;

/** Diagonalises the tridiagonal (d, e) in place by implicit QL (tql2); the rotations act on rows
 *  of zt (n x n) when given. Returns false when an eigenvalue needs more than MAX_ITER steps. */
export function tridiagonalQL(d: Float64Array, e: Float64Array, zt: Float64Array | null): boolean {
  const n = d.length;
  let shiftSum = 0, tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > EPS * tst1) m++;
    let iter = 0;
    while (m > l) {
      if (++iter > MAX_ITER) return false;
      // Shift: the eigenvalue of the leading 2 x 2 of the block closer to d[l].
      const g = d[l];
      let p = (d[l + 1] - g) / (2 * e[l]);
      let r = Math.hypot(p, 1);
      if (p < 0) r = -r;
      d[l] = e[l] / (p + r);
      d[l + 1] = e[l] * (p + r);
      const dl1 = d[l + 1];
      const h = g - d[l];
      for (let i = l + 2; i < n; i++) d[i] -= h;
      shiftSum += h;
      // Implicit QL sweep from the bottom of the block up to l.
      p = d[m];
      let c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
      const el1 = e[l + 1];
      for (let i = m - 1; i >= l; i--) {
        c3 = c2;
        c2 = c;
        s2 = s;
        const gi = c * e[i], hi = c * p;
        r = Math.hypot(p, e[i]);
        e[i + 1] = s * r;
        s = e[i] / r;
        c = p / r;
        p = c * d[i] - s * gi;
        d[i + 1] = hi + s * (c * gi + s * d[i]);
        if (zt) rotateRows(zt, n, i, i + 1, c, -s, n);
      }
      p = (-s * s2 * c3 * el1 * e[l]) / dl1;
      e[l] = s * p;
      d[l] = c * p;
      if (Math.abs(e[l]) <= EPS * tst1) break;
    }
    d[l] += shiftSum;
    e[l] = 0;
  }
  return true;
}

/** Eigenvalues (ascending) and, when `vectors`, eigenvectors as columns of an n x n matrix, of the
 *  symmetric matrix whose `uplo` triangle is stored in a (destroyed). Non-finite input gives NaNs. */
export function symmetricEigen(a: Float64Array, n: number, uplo: 'L' | 'U', vectors: boolean): { w: Float64Array; v: Float64Array | null } {
  if (!a.every(Number.isFinite)) {
    return { w: new Float64Array(n).fill(NaN), v: vectors ? new Float64Array(n * n).fill(NaN) : null };
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (uplo === 'L') a[i * n + j] = a[j * n + i];
      else a[j * n + i] = a[i * n + j];
    }
  }
  const d = new Float64Array(n), e = new Float64Array(n);
  const tau = tridiagonalize(a, n, d, e);
  const zt = vectors ? transposeOf(rowReflectorProduct(a, n, tau), n, n) : null;
  if (!tridiagonalQL(d, e, zt)) throw new LinAlgError('Eigenvalues did not converge');
  const order = Int32Array.from(d.keys()).sort((i, j) => d[i] - d[j]);
  const w = Float64Array.from(order, (i) => d[i]);
  return { w, v: zt ? gatherRows(zt, n, n, order, true) : null };
}

/** NumPy upper-cases UPLO first, so 'l' and 'u' are accepted too. */
function checkUplo(uplo: unknown): 'L' | 'U' {
  const upper = typeof uplo === 'string' ? uplo.toUpperCase() : uplo;
  if (upper !== 'L' && upper !== 'U') throw new ValueError("UPLO argument must be 'L' or 'U'");
  return upper;
}

function eighStack(a: ArrayLike, fname: string, uplo: 'L' | 'U', vectors: boolean): { w: NDArray; v: NDArray | null } {
  const A = readStack(a, fname, true);
  const n = A.rows;
  const W = new Float64Array(A.count * n), V = new Float64Array(vectors ? A.count * n * n : 0);
  for (let b = 0; b < A.count; b++) {
    const r = symmetricEigen(matrixAt(A.data, b, n * n), n, uplo, vectors);
    W.set(r.w, b * n);
    if (r.v) V.set(r.v, b * n * n);
  }
  return { w: wrap(W, [...A.batch, n], A.dtype), v: vectors ? wrap(V, A.shape, A.dtype) : null };
}

/** np.linalg.eigh(a, {UPLO = 'L'}) for a stack of symmetric (..., M, M) matrices: eigenvalues
 *  (..., M) ascending and eigenvectors (..., M, M) as columns. Only the UPLO triangle is read. */
export function eigh(a: ArrayLike, options: { UPLO?: 'L' | 'U' | 'l' | 'u' } = {}): { eigenvalues: NDArray; eigenvectors: NDArray } {
  checkOptions('eigh', options, ['UPLO']);
  const r = eighStack(a, 'eigh', checkUplo(options.UPLO ?? 'L'), true);
  return { eigenvalues: r.w, eigenvectors: r.v as NDArray };
}

/** np.linalg.eigvalsh(a, {UPLO = 'L'}): the eigenvalues alone (cheaper: no vectors accumulated). */
export function eigvalsh(a: ArrayLike, options: { UPLO?: 'L' | 'U' | 'l' | 'u' } = {}): NDArray {
  checkOptions('eigvalsh', options, ['UPLO']);
  return eighStack(a, 'eigvalsh', checkUplo(options.UPLO ?? 'L'), false).w;
}
