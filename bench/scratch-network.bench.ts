// The NumPy-from-scratch network of docs/tutorials/numpy-network-from-scratch.md, timed beside NumPy
// running the same program: 2-25-50-50-25-1 on 900 moons, full batch, float64, plain gradient descent,
// written as the notebook writes it (relu_backward zeroes dZ through a boolean mask). Both start from the
// same seeded weights and data, so their costs after the last iteration agree to about 1e-12: the run
// prints both, and fails when they differ, so the timing compares the same work.
// SCRATCH_ITERATIONS (default 1000) sets the number of iterations; the tutorial's full run is 10,000.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as np from '../ndarray/index.ts';
import { makeMoons, trainTestSplit } from '../sklearn/index.ts';

const ITERATIONS = Number(process.env.SCRATCH_ITERATIONS ?? 1000);
const LAYERS = [[2, 25, 'relu'], [25, 50, 'relu'], [50, 50, 'relu'], [50, 25, 'relu'], [25, 1, 'sigmoid']] as const;
type Params = Record<string, np.NDArray>;

const sigmoid = (Z: np.NDArray): np.NDArray => np.divide(1, np.add(1, np.exp(np.negative(Z))));

/** relu_backward as the notebook writes it: copy dA, then dZ[Z <= 0] = 0. */
function reluBackward(dA: np.NDArray, Z: np.NDArray): np.NDArray {
  const dZ = dA.copy();
  dZ.set(np.lessEqual(Z, 0), 0);
  return dZ;
}

function forward(X: np.NDArray, params: Params): [np.NDArray, np.NDArray[], np.NDArray[]] {
  const As: np.NDArray[] = [], Zs: np.NDArray[] = [];
  let A = X;
  LAYERS.forEach(([, , activation], i) => {
    As.push(A);
    const Z = np.add(np.dot(params[`W${i + 1}`], A), params[`b${i + 1}`]);
    Zs.push(Z);
    A = activation === 'relu' ? np.maximum(0, Z) : sigmoid(Z);
  });
  return [A, As, Zs];
}

function cost(YHat: np.NDArray, Y: np.NDArray): number {
  const m = YHat.shape[1];
  const c = np.add(np.dot(Y, np.log(YHat).T), np.dot(np.subtract(1, Y), np.log(np.subtract(1, YHat)).T));
  return (-1 / m) * c.itemSync();
}

/** One iteration: forward pass, cost, backward pass, update (the notebook's train loop body). */
function step(X: np.NDArray, Y: np.NDArray, params: Params, lr: number): number {
  return np.tidy(() => {
    const [YHat, As, Zs] = forward(X, params);
    const c = cost(YHat, Y);
    const m = X.shape[1];
    let dA = np.negative(np.subtract(np.divide(Y, YHat), np.divide(np.subtract(1, Y), np.subtract(1, YHat))));
    for (let i = LAYERS.length - 1; i >= 0; i--) {
      const Z = Zs[i];
      let dZ: np.NDArray;
      if (LAYERS[i][2] === 'relu') dZ = reluBackward(dA, Z);
      else {
        const s = sigmoid(Z);
        dZ = np.multiply(np.multiply(dA, s), np.subtract(1, s));
      }
      const dW = np.divide(np.dot(dZ, As[i].T), m);
      const db = np.divide(np.sum(dZ, { axis: 1, keepdims: true }), m);
      dA = np.dot(params[`W${i + 1}`].T, dZ);
      params[`W${i + 1}`].isub(np.multiply(lr, dW));
      params[`b${i + 1}`].isub(np.multiply(lr, db));
    }
    return c;
  });
}

async function tessera(): Promise<{ ms: number; cost: number }> {
  const [X, y] = makeMoons({ nSamples: 1000, noise: 0.2, randomState: 100 });
  const [xTrain, , yTrain] = await trainTestSplit(X, y, { testSize: 0.1, randomState: 42 });
  const XT = xTrain.T.copy(), Y = yTrain.reshape([1, -1]).astype('float64');
  np.random.seed(2);
  const params: Params = {};
  LAYERS.forEach(([inDim, outDim], i) => {
    params[`W${i + 1}`] = np.multiply(np.random.randn(outDim, inDim), 0.1);
    params[`b${i + 1}`] = np.multiply(np.random.randn(outDim, 1), 0.1);
  });
  const t0 = performance.now();
  let c = 0;
  for (let i = 0; i < ITERATIONS; i++) c = step(XT, Y, params, 0.01);
  return { ms: performance.now() - t0, cost: c };
}

const NUMPY_PROGRAM = `
import time, numpy as np
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
N = ${ITERATIONS}
L = [(2, 25, 'relu'), (25, 50, 'relu'), (50, 50, 'relu'), (50, 25, 'relu'), (25, 1, 'sigmoid')]
X, y = make_moons(n_samples=1000, noise=0.2, random_state=100)
X_train, _, y_train, _ = train_test_split(X, y, test_size=0.1, random_state=42)
X, Y = X_train.T, y_train.reshape(1, -1)
np.random.seed(2)
P = {}
for i, (a, b, _) in enumerate(L):
    P['W%d' % (i + 1)] = np.random.randn(b, a) * 0.1
    P['b%d' % (i + 1)] = np.random.randn(b, 1) * 0.1
sig = lambda Z: 1 / (1 + np.exp(-Z))
t0 = time.perf_counter()
for it in range(N):
    A, As, Zs = X, [], []
    for i, (_, _, act) in enumerate(L):
        As.append(A); Z = np.dot(P['W%d' % (i + 1)], A) + P['b%d' % (i + 1)]; Zs.append(Z)
        A = np.maximum(0, Z) if act == 'relu' else sig(Z)
    m = A.shape[1]
    c = float(np.squeeze(-1 / m * (np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T))))
    dA = -(np.divide(Y, A) - np.divide(1 - Y, 1 - A))
    for i in reversed(range(len(L))):
        Z = Zs[i]
        if L[i][2] == 'relu':
            dZ = np.array(dA, copy=True); dZ[Z <= 0] = 0
        else:
            s = sig(Z); dZ = dA * s * (1 - s)
        dW = np.dot(dZ, As[i].T) / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        dA = np.dot(P['W%d' % (i + 1)].T, dZ)
        P['W%d' % (i + 1)] -= 0.01 * dW
        P['b%d' % (i + 1)] -= 0.01 * db
print(1000 * (time.perf_counter() - t0), c)
`;

/** NumPy's time (ms) and last cost, on `threads` BLAS threads, or null without Debian's Python. */
function numpy(threads: number): { ms: number; cost: number } | null {
  if (!existsSync('/usr/bin/python3')) return null;
  const n = String(threads);
  const env = { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
  const r = spawnSync('/usr/bin/python3', ['-c', NUMPY_PROGRAM], { encoding: 'utf8', env });
  if (r.status !== 0) {
    console.log(`NumPy run failed: ${r.stderr.trim().split('\n').at(-1)}`);
    return null;
  }
  const [ms, c] = r.stdout.trim().split(/\s+/).map(Number);
  return { ms, cost: c };
}

await np.startThreads();
console.log(`the from-scratch network, ${ITERATIONS} iterations (the tutorial runs 10,000); CPU kernels: ${np.getCpuKernels()}`);
const ours = await tessera();
const rows: [string, { ms: number; cost: number } | null][] = [['tessera cpu', ours], ['NumPy, 1 BLAS thread', numpy(1)], ['NumPy, default threads', numpy(0)]];
for (const [name, r] of rows) {
  if (!r) continue;
  const ratio = r === ours ? '' : `   tessera / NumPy: ${(ours.ms / r.ms).toFixed(2)}x the time`;
  console.log(`${name.padEnd(24)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  (${(r.ms / ITERATIONS).toFixed(2)} ms/iteration, 10,000 in ${(r.ms * 10 / ITERATIONS).toFixed(0)} s)  last cost ${r.cost.toFixed(12)}${ratio}`);
}
const theirs = rows[1][1];
if (theirs && Math.abs(theirs.cost - ours.cost) > 1e-9) {
  console.log(`the two programs disagree (cost ${ours.cost} vs ${theirs.cost}): the timing compares different work`);
  process.exit(1);
}
