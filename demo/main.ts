// `npm start`: a short tour of what tessera can do today, in the order a NumPy/scikit-learn/Keras
// tutorial would show it: arrays and broadcasting, seeded random numbers identical to NumPy's, linear
// algebra, a scikit-learn workflow (data, split, grid search over a pipeline), the autodiff, and a
// Keras-style network trained with Keras's progress bar on the best device there is (WebGPU when an
// adapter exists, else the CPU), its training curves written to an SVG file.
import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as np from '../ndarray/index.ts';
import { makeMoons, trainTestSplit, Pipeline, PolynomialFeatures, RidgeClassifier, GridSearchCV, KMeans, makeBlobs, loadDigits } from '../sklearn/index.ts';
import { Sequential, layers, utils } from '../nn/index.ts';

function section(title: string): void {
  console.log(`\n== ${title} ==`);
}

section('arrays, views and broadcasting');
const a = np.arange(12).reshape([3, 4]);
console.log(a.toString());
console.log('a.T has strides', a.T.strides, 'and shares memory with a:', np.sharesMemory(a, a.T));
console.log('column sums of a + [1, 2, 3, 4]:', np.add(a, [1, 2, 3, 4]).sum({ axis: 0 }).toString());

section('random numbers: np.random.seed(42) gives NumPy\'s numbers');
np.random.seed(42);
console.log(np.random.uniform(-2, 2, [4]).toString());
console.log('randint(0, 100, 5):', np.random.randint(0, 100, [5]).toString());

section('linear algebra');
const m = np.array([[4, 1], [1, 3]]);
console.log('solve([[4,1],[1,3]], [1,2]) =', np.linalg.solve(m, [1, 2]).toString());
console.log('eigenvalues:', np.linalg.eigh(m).eigenvalues.toString());

section('scikit-learn: moons, a pipeline and a grid search');
const [X, y] = makeMoons({ nSamples: 300, noise: 0.1, randomState: 42 });
const [XTrain, XTest, yTrain, yTest] = await trainTestSplit(X, y, { randomState: 0 });
const pipe = new Pipeline([['poly', new PolynomialFeatures()], ['ridge', new RidgeClassifier()]]);
const search = new GridSearchCV(pipe, { poly__degree: [1, 3, 5], ridge__alpha: [0.25, 1] }, { cv: 3 });
await search.fit(XTrain, yTrain);
console.log('best params:', search.bestParams_, 'cv accuracy:', search.bestScore_?.toFixed(4));
console.log('test accuracy:', (await search.score(XTest, yTest)).toFixed(4));
const [blobs] = makeBlobs({ nSamples: 200, centers: 3, randomState: 1 });
const km = await new KMeans({ nClusters: 3, nInit: 10, randomState: 0 }).fit(blobs);
console.log('KMeans inertia on 3 blobs:', km.inertia_?.toFixed(3));

section('autodiff: np.grad of f(x) = sum(x²·sin x)');
const f = (x: np.NDArray): np.NDArray => np.sum(np.multiply(np.square(x), np.sin(x)));
const x0 = np.array([0.5, 1, 2]);
console.log('np.grad(f)(x)      =', (np.grad(f)(x0) as np.NDArray).toString());
console.log('2x·sin x + x²·cos x =', np.add(np.multiply(np.multiply(x0, 2), np.sin(x0)), np.multiply(np.square(x0), np.cos(x0))).toString());

section('the device');
const device: np.DeviceName = (await np.isWebGPUAvailable()) ? 'webgpu' : 'cpu';
if (device === 'webgpu') {
  const { adapter } = await np.initWebGPU();
  console.log(`WebGPU: Dawn found an adapter (${adapter}), so the network below trains on 'webgpu' in float32.`);
} else {
  console.log("WebGPU: no adapter was found (no GPU and no software Vulkan driver; see the README), so the network below trains on 'cpu'.");
}

section(`a Keras-style network on the digits (tessera/nn, on '${device}')`);
utils.setRandomSeed(42);
const digits = await loadDigits();
const [dTrain, dTest, lTrain, lTest] = await trainTestSplit(np.divide(digits.data, 16), digits.target, { testSize: 0.25, randomState: 0 });
const [oneHotTrain, oneHotTest] = [utils.toCategorical(lTrain), utils.toCategorical(lTest)];
const arraysBefore = np.memory()[device].arrays;
const net = new Sequential([
  new layers.Dense(64, { activation: 'relu', inputShape: [64] }),
  new layers.Dropout(0.2),
  new layers.Dense(10, { activation: 'softmax' }),
], { device });
net.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
net.summary();
const fitted = await net.fit(dTrain, oneHotTrain, { batchSize: 32, epochs: 10, validationData: [dTest, oneHotTest] });
console.log(`validation accuracy after 10 epochs: ${fitted.history.val_accuracy.at(-1)!.toFixed(4)}`);
const svgPath = resolve('build', 'demo-training.svg');
mkdirSync(resolve('build'), { recursive: true });
writeFileSync(svgPath, utils.plotHistory(fitted, { keys: ['loss', 'val_loss'], title: 'Digits: training and validation loss' }));
console.log(`the training curves are in ${svgPath}`);
net.dispose();
console.log(`arrays the network left on '${device}' after net.dispose(): ${np.memory()[device].arrays - arraysBefore}`);
