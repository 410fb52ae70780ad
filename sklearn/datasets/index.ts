// sklearn.datasets: sample generators (seeded like scikit-learn, so the same randomState gives the
// same numbers), the tutorials' own generators, and loaders for the small bundled data sets.
export type { XY } from './common.ts';
export { makeMoons, type MakeMoonsOptions } from './moons.ts';
export { makeCircles, type MakeCirclesOptions } from './circles.ts';
export { makeBlobs, type MakeBlobsOptions } from './blobs.ts';
export { makeClassification, type MakeClassificationOptions } from './classification.ts';
export { makeRegression, type MakeRegressionOptions } from './regression.ts';
export { makeLowRankMatrix, type MakeLowRankMatrixOptions } from './low-rank-matrix.ts';
export { makeClockwiseCircles, type MakeClockwiseCirclesOptions } from './clockwise-circles.ts';
export { makeSpirals, type MakeSpiralsOptions } from './spirals.ts';
export { meanOfTwoGenerator, type MeanOfTwoOptions, type MeanOfTwoVariant } from './mean-of-two.ts';
export { sumOfSines } from './sum-of-sines.ts';
export { loadIris, loadDigits, loadDiabetes, loadBreastCancer, type Bunch, type ClassificationBunch, type DigitsBunch } from './loaders.ts';
