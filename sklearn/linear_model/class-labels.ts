// Class labels as the linear classifiers use them, once utils/labels.ts has encoded each sample's
// label as an index into the sorted distinct labels: the ±1 target columns RidgeClassifier regresses
// on (scikit-learn's LabelBinarizer(neg_label=-1, pos_label=1)): one column for two classes
// (+1 = classes_[1]), else one column per class (+1 in the sample's own class); and back from scores
// to label indices, which takeLabels turns into labels of the classes' own dtype.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';

/** The ±1 targets: (n, 1) for one or two classes (+1 where the code is 1), (n, K) for K > 2. */
export function binarizeLabels(codes: Int32Array, nClasses: number): NDArray {
  const classes = nClasses <= 2 ? np.array([1]) : np.arange(nClasses);
  const isClass = np.equal(np.asarray(codes).reshape([-1, 1]), classes);
  return np.where(isClass, 1, -1).astype('float64');
}

/** Row-wise argmax (first maximum on ties, as NumPy), or `score > 0` for a single column. */
export function predictedIndices(scores: NDArray): Int32Array {
  const indices = scores.shape[1] === 1 ? np.greater(scores.reshape([-1]), 0) : np.argmax(scores, { axis: 1 });
  return Int32Array.from(indices.dataSync() as ArrayLike<number>);
}
