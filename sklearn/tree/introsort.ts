// The sort scikit-learn's tree splitter uses: introsort (quicksort with a median-of-three pivot and a
// three-way partition, switching to heapsort when recursion gets too deep), moving the sample indices
// along with the feature values. The one thing to understand: it is not stable, and the order it
// leaves equal values in decides the order later sums are taken in, so a faithful port needs this
// exact sort rather than Array.prototype.sort.
import * as np from '../../ndarray/index.ts';

/** Sorts xf[start:start+n] ascending, permuting samples[start:start+n] the same way. */
export function sortSamples(xf: Float32Array, samples: Int32Array, start: number, n: number): void {
  if (n === 0) return;
  // 2·floor(log₂ n) levels of quicksort before heapsort takes over.
  const maxDepth = 2 * Math.trunc(np.libm.log(n) / np.libm.log(2));
  introsort(xf, samples, start, n, maxDepth);
}

function swap(xf: Float32Array, samples: Int32Array, i: number, j: number): void {
  const v = xf[i];
  xf[i] = xf[j];
  xf[j] = v;
  const s = samples[i];
  samples[i] = samples[j];
  samples[j] = s;
}

/** Median of the first, middle and last values (Bentley & McIlroy). */
function median3(xf: Float32Array, start: number, n: number): number {
  const [a, b, c] = [xf[start], xf[start + (n >> 1)], xf[start + n - 1]];
  if (a < b) {
    if (b < c) return b;
    return a < c ? c : a;
  }
  if (b < c) return a < c ? a : c;
  return b;
}

function introsort(xf: Float32Array, samples: Int32Array, start: number, n: number, maxDepth: number): void {
  while (n > 1) {
    if (maxDepth <= 0) {
      heapsort(xf, samples, start, n);
      return;
    }
    maxDepth--;
    const pivot = median3(xf, start, n);
    // Three-way partition: [start, l) < pivot, [l, r) == pivot, [r, start+n) > pivot.
    let i = start;
    let l = start;
    let r = start + n;
    while (i < r) {
      if (xf[i] < pivot) swap(xf, samples, i++, l++);
      else if (xf[i] > pivot) swap(xf, samples, i, --r);
      else i++;
    }
    introsort(xf, samples, start, l - start, maxDepth);
    n -= r - start;
    start = r;
  }
}

/** Restores the max-heap order of xf[start+root ... start+end) below `root`. */
function siftDown(xf: Float32Array, samples: Int32Array, start: number, root: number, end: number): void {
  for (;;) {
    const child = 2 * root + 1;
    let max = root;
    if (child < end && xf[start + max] < xf[start + child]) max = child;
    if (child + 1 < end && xf[start + max] < xf[start + child + 1]) max = child + 1;
    if (max === root) return;
    swap(xf, samples, start + root, start + max);
    root = max;
  }
}

function heapsort(xf: Float32Array, samples: Int32Array, start: number, n: number): void {
  for (let root = (n - 2) >> 1; root >= 0; root--) siftDown(xf, samples, start, root, n);
  for (let end = n - 1; end > 0; end--) {
    swap(xf, samples, start, start + end);
    siftDown(xf, samples, start, 0, end);
  }
}
