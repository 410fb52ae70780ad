// sklearn.decomposition: principal component analysis, and the SVD helpers it is built on
// (sklearn.utils.extmath's svd_flip and randomized_svd).
export { PCA, type PCAParams } from './pca.ts';
export { svdFlip } from './svd-flip.ts';
export { randomizedSvd, randomizedRangeFinder, type RandomizedSvdOptions, type PowerIterationNormalizer } from './randomized-svd.ts';
