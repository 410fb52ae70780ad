// The data the conformance suite fits on, and what scikit-learn itself said about each estimator
// (tests/fixtures/sklearn_conformance.json, written by tests/oracle/sklearn_conformance.py).
// Every estimator gets a small data set of its kind (60 rows, 2 features) to learn from, and an
// "other" one (40 rows, 3 features, other labels) to check that refitting really starts over.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import fx from '../fixtures/sklearn_conformance.json';

export type DataKind = 'classification' | 'regression' | 'categorical' | 'labels';

export interface DataSet {
  X: NDArray;
  y: NDArray;
  Xother: NDArray;
  yother: NDArray;
}

/** scikit-learn's exception for one probe: its class name and message. */
export interface Raised {
  type: string;
  message: string;
}

/** What scikit-learn 1.2.1 printed and raised for one registry entry (null: it accepted the input). */
export interface Oracle {
  data: DataKind;
  reprDefault: string;
  reprChanged: string;
  /** scikit-learn's param names, camelCased and sorted. */
  paramNames: string[];
  /** setParams({noSuchParam: 1}) on the changed configuration. */
  invalidParam: Raised;
  /** The method probed unfitted and with bad input: 'predict' or 'transform'. */
  method: string;
  notFitted: Raised;
  fitNaN: Raised | null;
  fitInf: Raised | null;
  /** A 1-D X in fit (LabelEncoder: a 2-D y). */
  fit1d: Raised | null;
  predictNaN?: Raised | null;
  /** A 1-D X after fitting (LabelEncoder: a 2-D y). */
  predict1d: Raised | null;
  /** 4 rows of 3 features after fitting on 2 (LabelEncoder: unseen labels). */
  nFeatures: Raised | null;
}

type Rows = number[][] | number[];
const F = fx as unknown as { data: Record<DataKind, Record<keyof DataSet, Rows>>; estimators: Record<string, Oracle> };

export function dataSet(kind: DataKind): DataSet {
  const d = F.data[kind];
  return { X: np.array(d.X), y: np.array(d.y), Xother: np.array(d.Xother), yother: np.array(d.yother) };
}

export function oracle(name: string): Oracle {
  const o = F.estimators[name];
  if (!o) throw new Error(`no oracle record for '${name}': add it to tests/oracle/sklearn_conformance.py`);
  return o;
}

/** Rows `idx` of a (copy). */
export function rows(a: NDArray, idx: number[]): NDArray {
  return np.take(a, idx, { axis: 0 });
}

/** A float64 copy of X with one bad value, where the oracle put it: X[3, 1] (1-D: X[3]). */
export function withValue(X: NDArray, value: number): NDArray {
  const out = X.astype('float64');
  if (X.ndim === 1) out.set(3, value);
  else out.set(3, 1, value);
  return out;
}

/** The 1-D input probed in fit: 0, 0.5, 1, ... (one value per sample, as the oracle used). */
export function oneD(n: number): NDArray {
  return np.divide(np.arange(n), 2);
}

/** A fixed shuffle of 0..n-1. */
export function permutation(n: number): number[] {
  return Array.from(new np.random.RandomState(0).permutation(n).dataSync() as ArrayLike<number>);
}

/** 0..n-1 cut into consecutive batches of `size` (the last one shorter). */
export function batches(n: number, size: number): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < n; start += size) out.push(Array.from({ length: Math.min(size, n - start) }, (_, i) => start + i));
  return out;
}
