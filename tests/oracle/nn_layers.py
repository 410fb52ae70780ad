"""Fixtures for the nn/ tests: Keras 3 activations, losses and a Dense layer, values and gradients.

Run with Debian's Python (NumPy + PyTorch): /usr/bin/python3 tests/oracle/nn_layers.py
Writes tests/fixtures/nn_layers.json, all numbers float64, arrays as nested lists:
  activations: [{name, x (4x5), w (4x5), y, dx}]    y = act(x), dx = d/dx sum(y * w)
  losses:      [{name, options, yTrue, yPred, loss, dyPred}]   loss = Keras 3's scalar with its default
               reduction 'sum_over_batch_size', dyPred = d loss / d yPred
  dense:       {x (5x3), kernel (3x4), bias (4), activation, g (5x4), y, dx, dkernel, dbias}
               y = relu(x @ kernel + bias), grads of sum(y * g)
Keras/TensorFlow are not installed here: the formulas below are our own transcriptions of Keras 3
(keras/src/activations/activations.py, keras/src/losses/losses.py, keras/src/backend/numpy/nn.py),
written in PyTorch float64 so autograd gives the gradients. Where PyTorch has the same function built in,
the script asserts that it agrees.
"""
import common  # noqa: F401  (drops this folder from sys.path before NumPy is imported)
from common import plain, write_json

import math
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(0)
EPS = 1e-7  # keras.backend.epsilon() (keras/src/backend/config.py)


def t(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


def close(a, b):
    assert torch.allclose(a, b, rtol=1e-12, atol=1e-14), (a, b)


# ---------------------------------------------------------------- activations (Keras 3 names and defaults)
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def elu(x, alpha=1.0):
    return torch.where(x >= 0, x, alpha * torch.expm1(x))


ACTIVATIONS = {
    'linear': lambda x: x,
    'relu': lambda x: torch.maximum(x, torch.zeros_like(x)),
    'sigmoid': lambda x: 1 / (1 + torch.exp(-x)),
    'tanh': torch.tanh,
    'softmax': lambda x: torch.exp(x - torch.logsumexp(x, dim=-1, keepdim=True)),  # last axis
    'leaky_relu': lambda x: torch.maximum(x, 0.2 * x),  # Keras 3 default negative_slope=0.2
    'elu': elu,  # alpha=1
    'selu': lambda x: SELU_SCALE * elu(x, SELU_ALPHA),
    'softplus': lambda x: torch.logaddexp(x, torch.zeros_like(x)),
    # keras.activations.gelu defaults to approximate=False (erf form); keras.ops.gelu defaults to True.
    'gelu': lambda x: x * (torch.erf(x / math.sqrt(2)) + 1) / 2,
    'gelu_approximate': lambda x: x * 0.5 * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3))),
}
TORCH_BUILTIN = {
    'relu': F.relu, 'sigmoid': torch.sigmoid, 'softmax': lambda x: F.softmax(x, dim=-1),
    'leaky_relu': lambda x: F.leaky_relu(x, 0.2), 'elu': F.elu, 'selu': F.selu, 'softplus': F.softplus,
    'gelu': F.gelu, 'gelu_approximate': lambda x: F.gelu(x, approximate='tanh'),
}

# 20 values evenly spread over [-3, 3] (none is 0), shuffled into 4x5.
X_ACT = rng.permutation(np.linspace(-3.0, 3.0, 20)).reshape(4, 5)
W_ACT = rng.normal(size=(4, 5))
activations = []
for name, fn in ACTIVATIONS.items():
    x = t(X_ACT, grad=True)
    y = fn(x)
    (y * t(W_ACT)).sum().backward()
    if name in TORCH_BUILTIN:
        close(y.detach(), TORCH_BUILTIN[name](t(X_ACT)))
    activations.append({'name': name, 'x': X_ACT, 'w': W_ACT, 'y': y.detach().numpy(), 'dx': x.grad.numpy()})


# ---------------------------------------------------------------- losses
# Each function returns the per-sample loss (the last axis reduced); the reduction
# 'sum_over_batch_size' then divides the sum by the number of samples, i.e. takes the mean.
def mse(y, p):
    return ((y - p) ** 2).mean(-1)


def mae(y, p):
    return (y - p).abs().mean(-1)


def huber(y, p, delta=1.0):
    err = (p - y).abs()
    return torch.where(err <= delta, 0.5 * err ** 2, delta * err - 0.5 * delta ** 2).mean(-1)


def bce(y, p, from_logits=False):
    if from_logits:
        # Stable form of -[y log sigmoid(z) + (1-y) log(1 - sigmoid(z))]. Keras's numpy/jax backends take
        # sigmoid then clip to [eps, 1-eps]; torch/TF use this unclipped form. The logits below are within
        # [-3, 3], where the clip never acts, so both give these values.
        per = torch.clamp(p, min=0) - p * y + torch.log1p(torch.exp(-p.abs()))
    else:
        q = torch.clamp(p, EPS, 1 - EPS)
        per = -(y * torch.log(q) + (1 - y) * torch.log(1 - q))
    return per.mean(-1)


def cce(y, p, from_logits=False):
    if from_logits:
        logp = torch.log_softmax(p, dim=-1)
    else:
        q = p / p.sum(-1, keepdim=True)  # Keras renormalises each row first ...
        logp = torch.log(torch.clamp(q, EPS, 1 - EPS))  # ... then clips
    return -(y * logp).sum(-1)


def sparse_cce(labels, p, from_logits=False):
    onehot = F.one_hot(torch.as_tensor(labels, dtype=torch.int64), p.shape[-1]).to(p.dtype)
    return cce(onehot, p, from_logits)


losses = []


def add_loss(name, options, y_true, y_pred, fn, label_ints=False):
    p = t(y_pred, grad=True)
    y = torch.as_tensor(np.asarray(y_true)) if label_ints else t(y_true)
    loss = fn(y, p).mean()  # sum_over_batch_size
    loss.backward()
    losses.append({'name': name, 'options': options,
                   'yTrue': np.asarray(y_true) if label_ints else np.asarray(y_true, dtype=np.float64),
                   'yPred': np.asarray(y_pred, dtype=np.float64), 'loss': loss.item(), 'dyPred': p.grad.numpy()})
    return loss.item()


def softmax_rows(z):
    e = np.exp(z - z.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


Y_REG = rng.normal(size=(5, 3)).round(3)
P_REG = (Y_REG + rng.normal(scale=1.2, size=(5, 3))).round(3)  # some |error| > 1, some < 1 (for huber)
v = add_loss('mean_squared_error', {}, Y_REG, P_REG, mse)
close(torch.tensor(v), F.mse_loss(t(P_REG), t(Y_REG)))
v = add_loss('mean_absolute_error', {}, Y_REG, P_REG, mae)
close(torch.tensor(v), F.l1_loss(t(P_REG), t(Y_REG)))
v = add_loss('huber', {'delta': 1.0}, Y_REG, P_REG, huber)
close(torch.tensor(v), F.huber_loss(t(P_REG), t(Y_REG), delta=1.0))
err = np.abs(P_REG - Y_REG)
assert (err > 1).any() and (err < 1).any()

Y_BIN = np.array([[1.], [0.], [1.], [0.], [1.], [0.]])
P_BIN = np.array([[0.9], [0.2], [0.35], [0.6], [0.75], [0.05]])
v = add_loss('binary_crossentropy', {}, Y_BIN, P_BIN, bce)
close(torch.tensor(v), F.binary_cross_entropy(t(P_BIN), t(Y_BIN)))
# Exact 0 and 1 predictions: Keras clips them to 1e-7 and 1 - 1e-7 (gradient 0 there), so a confident
# correct prediction costs ~1e-7 and a confident wrong one -log(1e-7) ~ 16.118.
P_BIN_EDGE = np.array([[1.0], [0.0], [0.0], [1.0], [0.7], [0.4]])
add_loss('binary_crossentropy', {}, Y_BIN, P_BIN_EDGE, bce)
assert losses[-1]['dyPred'][:4].tolist() == [[0.0]] * 4
Z_BIN = np.array([[2.5], [-1.5], [0.3], [1.2], [-0.7], [-2.8]])
v = add_loss('binary_crossentropy', {'fromLogits': True}, Y_BIN, Z_BIN, lambda y, p: bce(y, p, True))
close(torch.tensor(v), F.binary_cross_entropy_with_logits(t(Z_BIN), t(Y_BIN)))

LABELS = np.array([0, 2, 1, 2, 0])
Y_CAT = np.eye(3)[LABELS]
Z_CAT = rng.normal(scale=1.5, size=(5, 3)).round(3)
P_CAT = softmax_rows(Z_CAT)  # rows sum to 1
v = add_loss('categorical_crossentropy', {}, Y_CAT, P_CAT, cce)
close(torch.tensor(v), F.cross_entropy(t(Z_CAT), torch.tensor(LABELS)))
# Rows that do not sum to 1: Keras divides each row by its sum before clipping and taking the log.
P_CAT_RAW = np.array([[0.5, 0.3, 0.4], [0.1, 0.1, 0.6], [0.2, 0.9, 0.3], [0.05, 0.25, 0.2], [1.2, 0.4, 0.4]])
v = add_loss('categorical_crossentropy', {}, Y_CAT, P_CAT_RAW, cce)
close(torch.tensor(v), F.nll_loss(torch.log(t(P_CAT_RAW / P_CAT_RAW.sum(-1, keepdims=True))), torch.tensor(LABELS)))
v = add_loss('categorical_crossentropy', {'fromLogits': True}, Y_CAT, Z_CAT, lambda y, p: cce(y, p, True))
close(torch.tensor(v), F.cross_entropy(t(Z_CAT), torch.tensor(LABELS)))
v = add_loss('sparse_categorical_crossentropy', {}, LABELS, P_CAT, sparse_cce, label_ints=True)
close(torch.tensor(v), F.cross_entropy(t(Z_CAT), torch.tensor(LABELS)))
v = add_loss('sparse_categorical_crossentropy', {'fromLogits': True}, LABELS, Z_CAT,
             lambda y, p: sparse_cce(y, p, True), label_ints=True)
close(torch.tensor(v), F.cross_entropy(t(Z_CAT), torch.tensor(LABELS)))


# ---------------------------------------------------------------- Dense(4, activation='relu') on 3 inputs
X_D = rng.normal(size=(5, 3)).round(3)
K_D = rng.normal(scale=0.8, size=(3, 4)).round(3)
B_D = np.array([0.1, -0.2, 0.05, 0.3])
G_D = rng.normal(size=(5, 4)).round(3)
x, k, b = t(X_D, True), t(K_D, True), t(B_D, True)
z = x @ k + b
assert (z > 0).any() and (z < 0).any() and (z != 0).all()
y = torch.relu(z)
(y * t(G_D)).sum().backward()
dense = {'x': X_D, 'kernel': K_D, 'bias': B_D, 'activation': 'relu', 'g': G_D, 'y': y.detach().numpy(),
         'dx': x.grad.numpy(), 'dkernel': k.grad.numpy(), 'dbias': b.grad.numpy()}

path = write_json('nn_layers.json', plain({'activations': activations, 'losses': losses, 'dense': dense}))
print('wrote', path, len(activations), 'activations,', len(losses), 'losses')
