// sklearn.neighbors: classification by the vote of the nearest training points.
export { KNeighborsClassifier, type KNeighborsClassifierParams } from './kneighbors-classifier.ts';
