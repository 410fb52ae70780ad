// sklearn.cluster: k-means clustering and its k-means++ seeding.
export { KMeans, type KMeansParams, type KMeansInitFunction } from './kmeans.ts';
export { kmeansPlusplus, type KMeansPlusPlusOptions } from './kmeans-plusplus.ts';
