// The small real data sets scikit-learn ships, loaded without a file system or a network.
// The numbers live in sklearn/datasets/data/*.ts, generated from Debian's python3-sklearn files by
// tests/oracle/vendor_datasets.py (credits and licence in NOTICE). Each loader returns a Bunch
// ({data, target, featureNames, targetNames, DESCR, frame: null}) or, with `returnXY: true`, the
// pair [X, y] (sklearn's return_X_y). Data are float64, class labels int32, regression targets float64.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { labels, matrix, type XY } from './common.ts';
import * as iris from './data/iris.ts';
import * as breastCancer from './data/breast-cancer.ts';
import * as digits from './data/digits.ts';
import * as diabetes from './data/diabetes.ts';
import { checkOptions } from '../utils/check-params.ts';

/** scikit-learn's Bunch, minus `frame` support (always null: tessera has no DataFrame). */
export interface Bunch {
  data: NDArray;
  target: NDArray;
  featureNames: string[];
  DESCR: string;
  frame: null;
}
export interface ClassificationBunch extends Bunch {
  targetNames: string[];
}
export interface DigitsBunch extends Bunch {
  targetNames: number[];
  /** The same pixels as `data`, shaped (n, 8, 8). */
  images: NDArray;
}

type Loaded<B> = { (options: { returnXY: true }): XY; (options?: { returnXY?: false }): B };

/** A CSV whose header line is `nSamples,nFeatures,className0,className1,...` and whose rows end in
 *  the integer class (sklearn's load_csv_data). */
function csvDataset(module: { HEADER: string; ROWS: string[]; DESCR: string }, featureNames: string[]) {
  const [nSamples, nFeatures, ...targetNames] = module.HEADER.split(',');
  const [n, f] = [Number(nSamples), Number(nFeatures)];
  const X = new Float64Array(n * f);
  const y = new Int32Array(n);
  module.ROWS.forEach((row, i) => {
    const values = row.split(',').map(Number);
    X.set(values.slice(0, f), i * f);
    y[i] = values[f];
  });
  return { data: matrix(X, n, f), target: labels(y), featureNames, targetNames, DESCR: module.DESCR, frame: null };
}

function loader<B extends Bunch>(name: string, load: () => B): Loaded<B> {
  return ((options: { returnXY?: boolean } = {}) => {
    checkOptions(name, options, ['returnXY']);
    const bunch = load();
    return options.returnXY ? [bunch.data, bunch.target] : bunch;
  }) as Loaded<B>;
}

const IRIS_FEATURES = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];

/**
 * Fisher's iris: 150 flowers x 4 measurements (cm), 3 species of 50.
 *
 * @example
 * ```ts
 * import { loadIris } from 'tessera/sklearn';
 *
 * const iris = loadIris();
 * console.log(iris.data.shape, iris.targetNames, iris.featureNames[0]);
 * console.log(iris.data.get(0), iris.target.get(0));
 * ```
 *
 * ```text output
 * [ 150, 4 ] [ 'setosa', 'versicolor', 'virginica' ] sepal length (cm)
 * array([5.1, 3.5, 1.4, 0.2]) array(0)
 * ```
 */
export const loadIris: Loaded<ClassificationBunch> = loader('loadIris', () => csvDataset(iris, IRIS_FEATURES));

const CANCER_MEASURES = ['radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave points', 'symmetry', 'fractal dimension'];
const CANCER_FEATURES = [
  ...CANCER_MEASURES.map((m) => `mean ${m}`),
  ...CANCER_MEASURES.map((m) => `${m} error`),
  ...CANCER_MEASURES.map((m) => `worst ${m}`),
];

/** Breast cancer Wisconsin (diagnostic): 569 tumours x 30 features; 0 = malignant, 1 = benign. */
export const loadBreastCancer: Loaded<ClassificationBunch> = loader('loadBreastCancer', () => csvDataset(breastCancer, CANCER_FEATURES));

/** Handwritten digits: 1797 images of 8x8 pixels with values 0..16, labels 0..9. `nClass` keeps
 *  only the digits below it. */
export function loadDigits(options: { returnXY: true; nClass?: number }): XY;
export function loadDigits(options?: { returnXY?: false; nClass?: number }): DigitsBunch;
export function loadDigits(options: { returnXY?: boolean; nClass?: number } = {}): XY | DigitsBunch {
  checkOptions('loadDigits', options, ['returnXY', 'nClass']);
  const nClass = options.nClass ?? 10;
  // Each row is 64 pixels then the label, one base-17 character each.
  const rows = digits.ROWS.filter((row) => parseInt(row[64], 17) < nClass);
  const X = new Float64Array(rows.length * 64);
  const y = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    for (let j = 0; j < 64; j++) X[i * 64 + j] = parseInt(row[j], 17);
    y[i] = parseInt(row[64], 17);
  });
  const data = matrix(X, rows.length, 64);
  if (options.returnXY) return [data, labels(y)];
  const featureNames = Array.from({ length: 64 }, (_, j) => `pixel_${Math.floor(j / 8)}_${j % 8}`);
  const targetNames = Array.from({ length: 10 }, (_, k) => k);
  return { data, target: labels(y), featureNames, targetNames, images: data.reshape(rows.length, 8, 8), DESCR: digits.DESCR, frame: null };
}

const DIABETES_FEATURES = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'];

/** Diabetes: 442 patients x 10 baseline variables; the target measures disease progression a year
 *  later (float64). `scaled` (default true): each column centred, divided by its standard deviation
 *  and by √n, so its sum of squares is 1; false gives the raw measurements. */
export function loadDiabetes(options: { returnXY: true; scaled?: boolean }): XY;
export function loadDiabetes(options?: { returnXY?: false; scaled?: boolean }): Bunch;
export function loadDiabetes(options: { returnXY?: boolean; scaled?: boolean } = {}): XY | Bunch {
  checkOptions('loadDiabetes', options, ['returnXY', 'scaled']);
  const n = diabetes.ROWS.length;
  const f = DIABETES_FEATURES.length;
  const X = new Float64Array(n * f);
  diabetes.ROWS.forEach((row, i) => X.set(row.trim().split(/\s+/).map(Number), i * f));
  if (options.scaled ?? true) scaleColumns(X, n, f);
  const data = matrix(X, n, f);
  const target = np.NDArray.fromTyped(Float64Array.from(diabetes.TARGET), [n], 'float64');
  if (options.returnXY) return [data, target];
  return { data, target, featureNames: DIABETES_FEATURES, DESCR: diabetes.DESCR, frame: null };
}

/** sklearn.preprocessing.scale, then / √n: x ← ((x - mean) / std) / √n per column (std with ddof 0;
 *  a near-zero std counts as 1). */
function scaleColumns(X: Float64Array, n: number, f: number): void {
  for (let j = 0; j < f; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += X[i * f + j];
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = X[i * f + j] - mean;
      ss += d * d;
    }
    const std = Math.sqrt(ss / n);
    const scale = std < 10 * Number.EPSILON ? 1 : std;
    for (let i = 0; i < n; i++) X[i * f + j] = (X[i * f + j] - mean) / scale / Math.sqrt(n);
  }
}
