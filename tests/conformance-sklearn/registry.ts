// Every estimator tessera/sklearn exports, as the conformance suite checks it: how to build it (the
// default construction and a changed configuration), its kind (which decides how it is fitted) and
// the params to poke. Entry for entry this mirrors registry() in tests/oracle/sklearn_conformance.py,
// which records scikit-learn's reprs and errors for the same configurations; the data set of each
// entry is named there. Random estimators get an int randomState, so refits redraw the same numbers.
import type { Params } from '../../sklearn/base.ts';
import {
  AdaBoostClassifier, DecisionTreeClassifier, DecisionTreeRegressor, GridSearchCV, KMeans, KNeighborsClassifier, LabelEncoder,
  LinearRegression, LogisticRegression, MaxAbsScaler, MinMaxScaler, OneHotEncoder, PCA, Pipeline, PolynomialFeatures, RandomForestClassifier,
  RandomizedSearchCV, Ridge, RidgeClassifier, RidgeClassifierCV, StandardScaler, makePipeline, type Step,
} from '../../sklearn/index.ts';
import type { Entry, Est } from './harness.ts';

type Ctor = new (options?: Params) => Est;
const make = (cls: unknown) => (options?: Params): Est => new (cls as Ctor)(options);

export const REGISTRY: Entry[] = [
  { name: 'LinearRegression', kind: 'regressor', create: make(LinearRegression), options: () => ({ fitIntercept: false }), set: ['fitIntercept', true], invalid: { fitIntercept: 'yes' } },
  { name: 'Ridge', kind: 'regressor', create: make(Ridge), options: () => ({ alpha: 2, solver: 'svd' }), set: ['alpha', 3], invalid: { alpha: -1 } },
  {
    name: 'RidgeClassifier', kind: 'classifier', create: make(RidgeClassifier), options: () => ({ alpha: 0.5, classWeight: 'balanced' }),
    set: ['alpha', 2], invalid: { alpha: -1 },
  },
  {
    name: 'RidgeClassifierCV', kind: 'classifier', create: make(RidgeClassifierCV), options: () => ({ alphas: [1, 10], fitIntercept: false }),
    set: ['alphas', [0.5]], invalid: { alphas: [-1] },
  },
  { name: 'LogisticRegression', kind: 'classifier', create: make(LogisticRegression), options: () => ({ C: 10, maxIter: 500 }), set: ['C', 1], invalid: { C: -1 } },
  {
    name: 'DecisionTreeClassifier', kind: 'classifier', create: make(DecisionTreeClassifier), options: () => ({ maxDepth: 3, randomState: 0 }),
    set: ['maxDepth', 2], invalid: { maxDepth: 0 },
  },
  {
    name: 'DecisionTreeRegressor', kind: 'regressor', create: make(DecisionTreeRegressor), options: () => ({ maxDepth: 3, minSamplesLeaf: 2, randomState: 0 }),
    set: ['maxDepth', 2], invalid: { minSamplesLeaf: 0 },
  },
  {
    name: 'AdaBoostClassifier', kind: 'classifier', create: make(AdaBoostClassifier),
    options: () => ({ estimator: new DecisionTreeClassifier({ maxDepth: 2 }), nEstimators: 10, randomState: 0 }),
    set: ['learningRate', 0.5], nested: ['estimator__maxDepth', 1], invalid: { nEstimators: 0 },
  },
  {
    name: 'RandomForestClassifier', kind: 'classifier', create: make(RandomForestClassifier), options: () => ({ nEstimators: 10, maxDepth: 3, randomState: 0 }),
    set: ['nEstimators', 5], invalid: { nEstimators: 0 },
  },
  {
    name: 'KNeighborsClassifier', kind: 'classifier', create: make(KNeighborsClassifier), options: () => ({ nNeighbors: 3, weights: 'distance' }),
    set: ['nNeighbors', 4], invalid: { nNeighbors: 0 },
  },
  {
    name: 'KMeans', kind: 'clusterer', create: make(KMeans), options: () => ({ nClusters: 3, nInit: 3, randomState: 0 }),
    set: ['nClusters', 2], invalid: { nClusters: 0 },
  },
  { name: 'PCA', kind: 'transformer', create: make(PCA), options: () => ({ nComponents: 1, whiten: true }), set: ['whiten', false], invalid: { nComponents: -1 } },
  { name: 'StandardScaler', kind: 'transformer', create: make(StandardScaler), options: () => ({ withMean: false }), set: ['withStd', false], invalid: { withMean: 'no' } },
  {
    name: 'MinMaxScaler', kind: 'transformer', create: make(MinMaxScaler), options: () => ({ featureRange: [-1, 1] }),
    set: ['clip', true], invalid: { featureRange: [1, 0] },
  },
  { name: 'MaxAbsScaler', kind: 'transformer', create: make(MaxAbsScaler), options: () => ({ copy: false }), set: ['copy', true], invalid: { copy: 'yes' } },
  {
    name: 'PolynomialFeatures', kind: 'transformer', create: make(PolynomialFeatures), options: () => ({ degree: 3, includeBias: false }),
    set: ['interactionOnly', true], invalid: { degree: -1 },
  },
  {
    name: 'OneHotEncoder', kind: 'transformer', create: make(OneHotEncoder), options: () => ({ handleUnknown: 'ignore' }),
    set: ['handleUnknown', 'error'], invalid: { handleUnknown: 'sometimes' },
  },
  { name: 'LabelEncoder', kind: 'label-transformer', create: make(LabelEncoder), options: () => ({}) },
  {
    name: 'Pipeline', kind: 'classifier',
    create: (o) => new Pipeline(o ?? { steps: [['pca', new PCA({ nComponents: 2 })], ['logreg', new LogisticRegression()]] }),
    options: () => ({ steps: [['pca', new PCA({ nComponents: 2 })], ['logreg', new LogisticRegression({ C: 10 })]] }),
    set: ['verbose', true], nested: ['logreg__C', 1], fitsNested: true,
    invalid: { steps: [['same', new PCA()], ['same', new LogisticRegression()]] },
  },
  {
    name: 'makePipeline', kind: 'regressor',
    create: (o) => (o ? makePipeline(...(o.steps as Step[]).map(([, e]) => e)) : makePipeline(new StandardScaler(), new Ridge())),
    options: () => ({ steps: [['standardscaler', new StandardScaler()], ['ridge', new Ridge({ alpha: 10 })]] }),
    set: ['verbose', true], nested: ['ridge__alpha', 1], fitsNested: true,
  },
  {
    name: 'GridSearchCV', kind: 'regressor',
    create: (o) => new GridSearchCV(o ?? { estimator: new Ridge(), paramGrid: { alpha: [0.1, 1, 10] } }),
    options: () => ({ estimator: new Ridge(), paramGrid: { alpha: [0.1, 1, 10] }, cv: 3 }),
    set: ['cv', 4], nested: ['estimator__fitIntercept', false], invalid: { paramGrid: { alpha: [] } },
  },
  {
    name: 'RandomizedSearchCV', kind: 'classifier',
    create: (o) => new RandomizedSearchCV(o ?? { estimator: new DecisionTreeClassifier({ randomState: 0 }), paramDistributions: { maxDepth: [1, 2, 3, null] } }),
    options: () => ({
      estimator: new DecisionTreeClassifier({ randomState: 0 }), paramDistributions: { maxDepth: [1, 2, 3, null] }, nIter: 3, cv: 3, randomState: 0,
    }),
    set: ['nIter', 2], nested: ['estimator__criterion', 'entropy'], invalid: { nIter: 0 },
  },
];
