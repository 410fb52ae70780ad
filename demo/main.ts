// `npm start`: a short tour of what tessera can do today, in the order a NumPy/scikit-learn tutorial
// would show it: arrays and broadcasting, seeded random numbers identical to NumPy's, linear algebra,
// a scikit-learn workflow (data, split, grid search over a pipeline), a Keras-style network trained on
// the autodiff, and the same array maths and network on the WebGPU device when a GPU (or the software
// Vulkan driver) is present.
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

section('a Keras-style network on the digits (tessera/nn)');
utils.setRandomSeed(42);
const digits = await loadDigits();
const [dTrain, dTest, lTrain, lTest] = await trainTestSplit(np.divide(digits.data, 16), digits.target, { testSize: 0.25, randomState: 0 });
/** The Keras tutorial's first network: 64 inputs, a hidden ReLU layer with dropout, 10 softmax outputs. */
function digitsModel(device: np.DeviceName): Sequential {
  const model = new Sequential([
    new layers.Dense(64, { activation: 'relu', inputShape: [64] }),
    new layers.Dropout(0.2),
    new layers.Dense(10, { activation: 'softmax' }),
  ], { device });
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}
const net = digitsModel('cpu');
net.summary();
const fitted = await net.fit(dTrain, utils.toCategorical(lTrain), { batchSize: 32, epochs: 10, validationData: [dTest, utils.toCategorical(lTest)], verbose: 2 });
console.log('validation accuracy after 10 epochs:', fitted.history.val_accuracy.at(-1)!.toFixed(4));
net.dispose();

section('the same maths on WebGPU');
if (await np.isWebGPUAvailable()) {
  await np.initWebGPU();
  const g = np.random.rand(256, 256).astype('float32');
  const onGpu = await g.to('webgpu');
  const product = np.tidy(() => np.matmul(onGpu, onGpu).sum({ axis: 0 }));
  const cpu = np.matmul(g, g).sum({ axis: 0 });
  const relErr = np.abs(np.subtract(await product.to('cpu'), cpu)).max().itemSync() / cpu.max().itemSync();
  console.log('column sums of a 256x256 matmul, GPU (float32) vs CPU: relative difference', relErr.toExponential(1));
  product.dispose();
  onGpu.dispose();
  console.log('live GPU buffers after dispose:', np.memory().webgpu.buffers);
  utils.setRandomSeed(42);
  const gpuNet = digitsModel('webgpu');
  const gpuFit = await gpuNet.fit(dTrain, utils.toCategorical(lTrain), { batchSize: 32, epochs: 3, validationData: [dTest, utils.toCategorical(lTest)], verbose: 2 });
  console.log('the digits network trained on WebGPU, validation accuracy after 3 epochs:', gpuFit.history.val_accuracy.at(-1)!.toFixed(4));
  gpuNet.dispose();
  console.log('live GPU buffers after the network is disposed:', np.memory().webgpu.buffers);
} else {
  console.log('no WebGPU adapter: install the software Vulkan driver (see the README) to run this part');
}
