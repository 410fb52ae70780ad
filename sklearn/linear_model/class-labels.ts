// Class labels as the linear classifiers use them, once utils/labels.ts has encoded each sample's
// label as an index into the sorted distinct labels: the ±1 target columns RidgeClassifier regresses
// on (scikit-learn's LabelBinarizer(neg_label=-1, pos_label=1)): one column for two classes
// (+1 = classes_[1]), else one column per class (+1 in the sample's own class); and back from scores
// to label indices, which takeLabels turns into labels of the classes' own dtype.
import { type Matrix, matrix } from './solvers/dense.ts';

/** The ±1 targets: (n x 1) for one or two classes, (n x K) for K > 2. */
export function binarizeLabels(codes: Int32Array, nClasses: number): Matrix {
  const cols = nClasses <= 2 ? 1 : nClasses;
  const Y = matrix(codes.length, cols, new Float64Array(codes.length * cols).fill(-1));
  codes.forEach((c, i) => {
    if (cols === 1) {
      if (c === 1) Y.data[i] = 1;
    } else {
      Y.data[i * cols + c] = 1;
    }
  });
  return Y;
}

/** Row-wise argmax (first maximum on ties, as NumPy), or `score > 0` for a single column. */
export function predictedIndices(scores: Matrix): Int32Array {
  const out = new Int32Array(scores.rows);
  for (let i = 0; i < scores.rows; i++) {
    if (scores.cols === 1) {
      out[i] = scores.data[i] > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let k = 1; k < scores.cols; k++) if (scores.data[i * scores.cols + k] > scores.data[i * scores.cols + best]) best = k;
    out[i] = best;
  }
  return out;
}
