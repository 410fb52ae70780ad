"""Oracle for docs/tutorials/numpy-network-from-scratch.md: the article's NumPy network, run with NumPy itself.

Run with Debian's NumPy 1.24 / scikit-learn 1.2 (and PyTorch for the gradient check):

    /usr/bin/python3 tests/oracle/tutorial_numpy_network.py

It runs the notebook's code (Piotr Skalski, "Let's code a Neural Network in plain NumPy", the notebook
`01_mysteries_of_neural_networks/03_numpy_neural_net/Numpy deep neural network.ipynb` of ILearnDeepLearning.py)
with its settings: make_moons(1000, noise 0.2, random_state 100), train_test_split(test_size 0.1,
random_state 42), arrays transposed to (features, samples), weights from np.random.seed(2) (the seed `train`
passes to `init_layers`, whose default is 99), full-batch gradient descent with learning rate 0.01 for all
10,000 iterations. The only change to the notebook's functions: strings are compared with `==`, not `is`.

It writes tests/fixtures/tutorial_numpy_network.json, which the page reads:
  costEvery10:        the cost at iterations 0, 10, ..., 9990 (before that iteration's update) and, last,
                      after the 10,000th update (1001 values)
  accuracyEvery1000:  the training accuracy at iterations 0, 1000, ..., 9000
  finalParams:        W1, b1, ..., W5, b5 after 10,000 updates (nested lists)
  testPredictions:    the network's probabilities for the 100 test points after training

and it prints, block by block, what the page's blocks 1-16 print (NumPy's repr for arrays, JavaScript's
number formatting for plain numbers), so the two can be compared with `diff`:

    node scripts/docs-check.mjs numpy-network   # builds build/docs-<pid>/docs__tutorials__numpy-network-from-scratch.md.mjs
    node $(ls -t build/docs-*/docs__tutorials__numpy-network-from-scratch.md.mjs | head -1) \
      | awk '/BLOCK 17/{stop=1} !stop' | grep -av BLOCK > /tmp/ts.txt
    /usr/bin/python3 tests/oracle/tutorial_numpy_network.py | grep -av BLOCK > /tmp/py.txt
    diff /tmp/ts.txt /tmp/py.txt   # no output: every printed value is NumPy's

Blocks 17 and 18 (the tessera/nn models) are not reproduced: Keras is not installed here. Block 17's
losses are compared with this script's costs by the page itself; block 18 depends on tessera's seeded
Glorot initialisation and shuffling. The page's np.grad check (block 9) is done here with PyTorch's
autograd in float64. The timings go to stderr.
"""
import math
import sys
import time
from decimal import Decimal, ROUND_HALF_UP

import common  # noqa: F401  (drops this folder from sys.path before NumPy is imported)
from common import write_json
from common import sibling  # noqa: E402
JS = sibling('jsprint')  # JavaScript's ways of printing numbers
js, out, block, fixed, shape, s, expo = (JS.js, JS.out, JS.block, JS.fixed, JS.shape, JS.s, JS.exponential)  # noqa: E402

import numpy as np
import torch
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

ITERATIONS_IN_PAGE = 2000
ITERATIONS = 10000


# ---- The notebook's functions
NN_ARCHITECTURE = [
    {"input_dim": 2, "output_dim": 25, "activation": "relu"},
    {"input_dim": 25, "output_dim": 50, "activation": "relu"},
    {"input_dim": 50, "output_dim": 50, "activation": "relu"},
    {"input_dim": 50, "output_dim": 25, "activation": "relu"},
    {"input_dim": 25, "output_dim": 1, "activation": "sigmoid"},
]


def init_layers(nn_architecture, seed=99):
    np.random.seed(seed)
    params_values = {}
    for idx, layer in enumerate(nn_architecture):
        layer_idx = idx + 1
        params_values['W' + str(layer_idx)] = np.random.randn(layer["output_dim"], layer["input_dim"]) * 0.1
        params_values['b' + str(layer_idx)] = np.random.randn(layer["output_dim"], 1) * 0.1
    return params_values


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def relu(Z):
    return np.maximum(0, Z)


def sigmoid_backward(dA, Z):
    sig = sigmoid(Z)
    return dA * sig * (1 - sig)


def relu_backward(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def single_layer_forward_propagation(A_prev, W_curr, b_curr, activation="relu"):
    Z_curr = np.dot(W_curr, A_prev) + b_curr
    if activation == "relu":
        activation_func = relu
    elif activation == "sigmoid":
        activation_func = sigmoid
    else:
        raise Exception('Non-supported activation function')
    return activation_func(Z_curr), Z_curr


def full_forward_propagation(X, params_values, nn_architecture):
    memory = {}
    A_curr = X
    for idx, layer in enumerate(nn_architecture):
        layer_idx = idx + 1
        A_prev = A_curr
        W_curr = params_values["W" + str(layer_idx)]
        b_curr = params_values["b" + str(layer_idx)]
        A_curr, Z_curr = single_layer_forward_propagation(A_prev, W_curr, b_curr, layer["activation"])
        memory["A" + str(idx)] = A_prev
        memory["Z" + str(layer_idx)] = Z_curr
    return A_curr, memory


def get_cost_value(Y_hat, Y):
    m = Y_hat.shape[1]
    cost = -1 / m * (np.dot(Y, np.log(Y_hat).T) + np.dot(1 - Y, np.log(1 - Y_hat).T))
    return np.squeeze(cost)


def convert_prob_into_class(probs):
    probs_ = np.copy(probs)
    probs_[probs_ > 0.5] = 1
    probs_[probs_ <= 0.5] = 0
    return probs_


def get_accuracy_value(Y_hat, Y):
    Y_hat_ = convert_prob_into_class(Y_hat)
    return (Y_hat_ == Y).all(axis=0).mean()


def single_layer_backward_propagation(dA_curr, W_curr, b_curr, Z_curr, A_prev, activation="relu"):
    m = A_prev.shape[1]
    if activation == "relu":
        backward_activation_func = relu_backward
    elif activation == "sigmoid":
        backward_activation_func = sigmoid_backward
    else:
        raise Exception('Non-supported activation function')
    dZ_curr = backward_activation_func(dA_curr, Z_curr)
    dW_curr = np.dot(dZ_curr, A_prev.T) / m
    db_curr = np.sum(dZ_curr, axis=1, keepdims=True) / m
    dA_prev = np.dot(W_curr.T, dZ_curr)
    return dA_prev, dW_curr, db_curr


def full_backward_propagation(Y_hat, Y, memory, params_values, nn_architecture):
    grads_values = {}
    Y = Y.reshape(Y_hat.shape)
    dA_prev = - (np.divide(Y, Y_hat) - np.divide(1 - Y, 1 - Y_hat))
    for layer_idx_prev, layer in reversed(list(enumerate(nn_architecture))):
        layer_idx_curr = layer_idx_prev + 1
        dA_curr = dA_prev
        A_prev = memory["A" + str(layer_idx_prev)]
        Z_curr = memory["Z" + str(layer_idx_curr)]
        W_curr = params_values["W" + str(layer_idx_curr)]
        b_curr = params_values["b" + str(layer_idx_curr)]
        dA_prev, dW_curr, db_curr = single_layer_backward_propagation(
            dA_curr, W_curr, b_curr, Z_curr, A_prev, layer["activation"])
        grads_values["dW" + str(layer_idx_curr)] = dW_curr
        grads_values["db" + str(layer_idx_curr)] = db_curr
    return grads_values


def update(params_values, grads_values, nn_architecture, learning_rate):
    for layer_idx, layer in enumerate(nn_architecture, 1):
        params_values["W" + str(layer_idx)] -= learning_rate * grads_values["dW" + str(layer_idx)]
        params_values["b" + str(layer_idx)] -= learning_rate * grads_values["db" + str(layer_idx)]
    return params_values


def train(X, Y, nn_architecture, epochs, learning_rate, verbose=False):
    """The notebook's train, also returning the histories it collects (and printing every 1000)."""
    params_values = init_layers(nn_architecture, 2)
    cost_history = []
    accuracy_history = []
    for i in range(epochs):
        Y_hat, cashe = full_forward_propagation(X, params_values, nn_architecture)
        cost = get_cost_value(Y_hat, Y)
        cost_history.append(cost)
        accuracy = get_accuracy_value(Y_hat, Y)
        accuracy_history.append(accuracy)
        grads_values = full_backward_propagation(Y_hat, Y, cashe, params_values, nn_architecture)
        params_values = update(params_values, grads_values, nn_architecture, learning_rate)
        if verbose and i % 1000 == 0:
            print("Iteration: {:05} - cost: {:.5f} - accuracy: {:.5f}".format(i, cost, accuracy))
    return params_values, cost_history, accuracy_history


# ---- Block 1: the data
block(1)
X, y = make_moons(n_samples=1000, noise=0.2, random_state=100)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.1, random_state=42)
X_T, Y_T = np.transpose(X_train), np.transpose(y_train.reshape((y_train.shape[0], 1)))
X_test_T, Y_test_T = np.transpose(X_test), np.transpose(y_test.reshape((y_test.shape[0], 1)))
out(shape(X_T), shape(Y_T), shape(X_test_T), shape(Y_test_T), s(np.bincount(y_train)))
out(s(X_T[:, :4]), s(Y_T[:, :4]))

block(2)
counts = [layer['output_dim'] * layer['input_dim'] + layer['output_dim'] for layer in NN_ARCHITECTURE]
out(' + '.join(map(str, counts)), '=', sum(counts))

block(3)
initial = init_layers(NN_ARCHITECTURE, 2)
out(', '.join(f'{k} {"x".join(map(str, v.shape))}' for k, v in initial.items()))
out(s(initial['W1'][:3]))
out(s(initial['b5']))

block(4)
z = np.array([-2, -0.5, 0, 0.5, 2])
ones = np.ones_like(z)
out(s(np.round(sigmoid(z), 4)), s(relu(z)))
out(s(np.round(sigmoid_backward(ones, z), 4)), s(relu_backward(ones, z)))
out(True)  # the page checks that its np.where form equals the mask form, which is this relu_backward

block(5)
Y_hat0, memory0 = full_forward_propagation(X_T, initial, NN_ARCHITECTURE)
out(shape(Y_hat0), ' '.join(memory0.keys()))
out(s(np.round(Y_hat0[0, :5], 6)), fixed(np.min(Y_hat0), 6), fixed(np.max(Y_hat0), 6))

block(6)
for i in range(len(NN_ARCHITECTURE)):
    A = memory0[f'A{i}']
    out(f'A{i}', 'x'.join(map(str, A.shape)).ljust(6), 'std', fixed(np.std(A), 4))

block(7)
out(fixed(get_cost_value(Y_hat0, Y_T), 6), fixed(math.log(2), 6), get_accuracy_value(Y_hat0, Y_T), 454 / 900)

block(8)
grads0 = full_backward_propagation(Y_hat0, Y_T, memory0, initial, NN_ARCHITECTURE)
out(', '.join(f'{k} {"x".join(map(str, v.shape))}' for k, v in grads0.items()))
out(s(np.round(grads0['dW5'][0, :8], 6)))
out('units of layer 4 that are 0 for every sample:', int(np.sum(np.all(memory0['A4'] == 0, axis=1))))

block(9)
# np.grad's part is played by PyTorch's autograd, in float64, on the same forward pass and cost.
tparams = {k: torch.tensor(v, requires_grad=True) for k, v in initial.items()}
A = torch.tensor(X_T)
for idx, layer in enumerate(NN_ARCHITECTURE, 1):
    Z = tparams[f'W{idx}'] @ A + tparams[f'b{idx}']
    A = torch.relu(Z) if layer['activation'] == 'relu' else 1 / (1 + torch.exp(-Z))
Yt = torch.tensor(Y_T, dtype=torch.float64)
cost = -1 / A.shape[1] * (Yt @ torch.log(A).T + (1 - Yt) @ torch.log(1 - A).T)
cost.squeeze().backward()
for layer_idx in range(1, len(NN_ARCHITECTURE) + 1):
    parts = []
    for name in ('W', 'b'):
        mine, tape = grads0[f'd{name}{layer_idx}'], tparams[f'{name}{layer_idx}'].grad.numpy()
        scale = np.max(np.abs(tape))
        parts.append(f'd{name}{layer_idx}: max {expo(scale, 3)}, agree {js(bool(np.max(np.abs(mine - tape)) / scale < 1e-12))}')
    out('   '.join(parts))


def cost_of_w5(W5):
    return get_cost_value(full_forward_propagation(X_T, {**initial, 'W5': W5}, NN_ARCHITECTURE)[0], Y_T).item()


h = 1e-6
numerical = np.zeros_like(initial['W5'])
for j in range(initial['W5'].size):
    up, down = initial['W5'].copy(), initial['W5'].copy()
    up.flat[j] += h
    down.flat[j] -= h
    numerical.flat[j] = (cost_of_w5(up) - cost_of_w5(down)) / (2 * h)
out(bool(np.max(np.abs(numerical - grads0['dW5'])) < 1e-9))

# ---- Block 11: training. The page trains for ITERATIONS_IN_PAGE; the fixture holds the full run.
start = time.perf_counter()
params, cost_history, accuracy_history = train(X_T, Y_T, NN_ARCHITECTURE, ITERATIONS_IN_PAGE, 0.01)
Y_hat_2000, _ = full_forward_propagation(X_T, params, NN_ARCHITECTURE)
cost_2000 = get_cost_value(Y_hat_2000, Y_T).item()
Y_test_hat_2000, _ = full_forward_propagation(X_test_T, params, NN_ARCHITECTURE)
print(f'{ITERATIONS_IN_PAGE} iterations: {time.perf_counter() - start:.1f} s', file=sys.stderr)

start = time.perf_counter()
final_params, full_costs, full_accuracies = train(X_T, Y_T, NN_ARCHITECTURE, ITERATIONS, 0.01)
seconds = time.perf_counter() - start
Y_hat_final, _ = full_forward_propagation(X_T, final_params, NN_ARCHITECTURE)
cost_final = get_cost_value(Y_hat_final, Y_T).item()
Y_test_hat, _ = full_forward_propagation(X_test_T, final_params, NN_ARCHITECTURE)
print(f'{ITERATIONS} iterations: {seconds:.1f} s ({1000 * seconds / ITERATIONS:.2f} ms per iteration)', file=sys.stderr)
assert cost_history == full_costs[:ITERATIONS_IN_PAGE]  # the page's run is the start of the full one

cost_every_10 = [c.item() for c in full_costs[::10]] + [cost_final]
write_json('tutorial_numpy_network.json', {
    'notes': 'tests/oracle/tutorial_numpy_network.py: the NumPy network of docs/tutorials/numpy-network-from-scratch.md, '
             f'{ITERATIONS} full-batch iterations, lr 0.01, weights from np.random.seed(2)',
    'costEvery10': cost_every_10,
    'accuracyEvery1000': [a.item() for a in full_accuracies[::1000]],
    'finalParams': {k: v.tolist() for k, v in final_params.items()},
    'testPredictions': Y_test_hat[0].tolist(),
})

block(11)
for i in range(0, ITERATIONS_IN_PAGE, 1000):
    print("Iteration: {:05} - cost: {:.5f} - accuracy: {:.5f}".format(i, cost_history[i], accuracy_history[i]))
out(f'after {ITERATIONS_IN_PAGE} updates: cost {fixed(cost_2000, 5)} - accuracy {fixed(get_accuracy_value(Y_hat_2000, Y_T), 5)}')

block(12)
for i in range(0, ITERATIONS_IN_PAGE + 1, 1000):
    c = cost_every_10[i // 10]
    out(f'iteration {str(i).rjust(4)}: tessera {fixed(c, 12)}  NumPy {fixed(c, 12)}')
out('largest difference over', ITERATIONS_IN_PAGE // 10 + 1, 'checkpoints:', True)

block(13)
for i in range(0, ITERATIONS + 1, 1000):
    accuracy = f' - accuracy: {fixed(full_accuracies[i], 5)}' if i < ITERATIONS else ''
    out(f'Iteration: {i:05} - cost: {fixed(cost_every_10[i // 10], 5)}{accuracy}')

block(15)
out(f'test accuracy after {ITERATIONS_IN_PAGE} iterations: {fixed(get_accuracy_value(Y_test_hat_2000, Y_test_T), 2)}')
out(f'test accuracy after {ITERATIONS} iterations: {fixed(get_accuracy_value(Y_test_hat, Y_test_T), 2)}')
out(True)
