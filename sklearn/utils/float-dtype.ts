// scikit-learn keeps float32 data in float32: fitted on a float32 X, Ridge, PCA and KMeans learn
// float32 attributes, and their outputs on float32 input are float32 too. tessera computes in float64
// either way and casts the results down at the end, so float64 input never changes path.
// (scikit-learn's own float32 arithmetic rounds differently: the values agree to float32 precision.)
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';

export type FloatDType = 'float32' | 'float64';

/** 'float32' for a float32 array (kept so by scikit-learn's check_array), else 'float64'. */
export const floatDtypeOf = (X: unknown): FloatDType => (X instanceof np.NDArray && X.dtype === 'float32' ? 'float32' : 'float64');

/** a in `dtype` (itself when it already is). */
export const asFloat = (a: NDArray, dtype: FloatDType): NDArray => (a.dtype === dtype ? a : a.astype(dtype));

/** NumPy's result dtype of X against a fitted attribute: float32 only when both are. */
export const outputDtype = (X: unknown, fitted: NDArray): FloatDType => (floatDtypeOf(X) === 'float32' && fitted.dtype === 'float32' ? 'float32' : 'float64');
