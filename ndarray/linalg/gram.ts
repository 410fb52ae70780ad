// np.linalg.gram: the Gram matrix AᵀA, entry (i, j) the dot product of columns i and j of A. It is
// the product least squares (the normal equations AᵀA w = Aᵀy) and PCA's covariance route need.
// Two kernels, chosen by the call:
//  - gram(a): AᵀA by the blocked matrix product, only the column blocks on and above the diagonal
//    (about 60 % of np.matmul(a.T, a)'s flops), the lower triangle mirrored;
//  - gram([a, b, ...], { center, rowScale }): the Gram matrix of the side-by-side columns of
//    Ã = diag(s) ([a b ...] - 1 cᵀ), without ever forming Ã (for 100,000 x 50, a 40 MB copy saved).
//    Rows are centred and scaled as they are packed, 64 at a time, into a buffer that stays in cache,
//    and 4 x 4 tiles of the result accumulate from it. Centring each entry before multiplying (never
//    AᵀA - n c cᵀ) keeps the accuracy of centring a copy first. Rows are summed in fixed chunks that
//    the worker threads share, and the chunks are added in order, so the rounding does not depend on
//    the number of threads. The kernel is in gram-kernel.ts.
import type { ArrayLike, NDArray } from '../ndarray.ts';
import { asarray } from '../creation.ts';
import { ValueError } from '../errors.ts';
import { checkOptions } from '../options.ts';
import { float64Elements } from '../buffers.ts';
import { gemm, blockAt, transposed } from './gemm.ts';
import { wrap } from './stack.ts';
import { centredGram } from './gram-kernel.ts';

export interface GramOptions {
  /** c (length: all the columns): subtracted from every row before the product. */
  center?: ArrayLike;
  /** s (length: the rows): row i is multiplied by s_i (√w_i for sample weights w). */
  rowScale?: ArrayLike;
}

/** AᵀA for A (n, p), or for the columns of several (n, p_k) arrays side by side: (Σp, Σp), symmetric.
 *  Float64 on the CPU (other dtypes are converted). `center` and `rowScale` apply to the rows first
 *  (see the file header); without them a single array goes through the blocked matrix product.
 *  @example np.linalg.gram([[1, 2], [3, 4]]) // [[10, 14], [14, 20]]
 *  @example np.linalg.gram([X, y.reshape(-1, 1)], { center: np.concatenate([xMean, [yMean]]) }) // [[X̃ᵀX̃, X̃ᵀỹ], [ỹᵀX̃, ỹᵀỹ]] */
export function gram(a: ArrayLike | ArrayLike[], options: GramOptions = {}): NDArray {
  checkOptions('gram', options, ['center', 'rowScale']);
  const several = Array.isArray(a) && a.length > 0 && a.every((b) => typeof b === 'object' && b !== null && 'shape' in b);
  const blocks = (several ? (a as ArrayLike[]) : [a as ArrayLike]).map((b) => asarray(b));
  for (const b of blocks) if (b.ndim !== 2) throw new ValueError(`gram: expected 2-D arrays, got shape (${b.shape.join(', ')})`);
  const n = blocks[0].shape[0];
  if (blocks.some((b) => b.shape[0] !== n)) throw new ValueError(`gram: the arrays must have the same number of rows, got ${blocks.map((b) => b.shape[0]).join(', ')}`);
  const widths = blocks.map((b) => b.shape[1]), p = widths.reduce((s, w) => s + w, 0);
  const data = blocks.map((b) => float64Elements(b, 'gram'));
  if (blocks.length === 1 && options.center === undefined && options.rowScale === undefined) return wrap(gramMatrix(data[0], n, p), [p, p], 'float64');
  const center = options.center === undefined ? new Float64Array(p) : vectorOf(options.center, p, 'center');
  const rowScale = options.rowScale === undefined ? null : vectorOf(options.rowScale, n, 'rowScale');
  return wrap(centredGram(data, widths, n, center, rowScale), [p, p], 'float64');
}

function vectorOf(v: ArrayLike, length: number, name: string): Float64Array {
  const x = asarray(v);
  if (x.size !== length) throw new ValueError(`gram: ${name} must have ${length} entries, got shape (${x.shape.join(', ')})`);
  return float64Elements(x.reshape([length]), 'gram');
}

/** Width of the column blocks of gramMatrix: a multiple of the 4-wide register tile. */
const GRAM_BLOCK = 24;

/** xᵀx (f x f) for the n x f row-major x: the blocks x[:, 0:j1]ᵀ x[:, j0:j1] on and above the diagonal
 *  by the blocked product, then the lower triangle mirrored (element (i, j) is the same sum in the
 *  same order as (j, i) would be). */
function gramMatrix(x: Float64Array, n: number, f: number): Float64Array {
  const g = new Float64Array(f * f), xt = transposed(blockAt(x, f, 0, 0));
  for (let j0 = 0; j0 < f; j0 += GRAM_BLOCK) {
    const w = Math.min(GRAM_BLOCK, f - j0), rows = j0 + w;
    const block = gemm(rows, w, n, xt, blockAt(x, f, 0, j0), new Float64Array(rows * w));
    for (let i = 0; i < rows; i++) g.set(block.subarray(i * w, (i + 1) * w), i * f + j0);
  }
  for (let i = 0; i < f; i++) for (let j = 0; j < i; j++) g[i * f + j] = g[j * f + i];
  return g;
}
