"""Fixtures for nn/layers/lstm.ts and batch-normalization.ts, values and gradients from PyTorch.

Run with Debian's Python (NumPy + PyTorch): /usr/bin/python3 tests/oracle/nn_recurrent.py
Writes tests/fixtures/nn_recurrent.json, float64, arrays as nested lists:
  lstm: [{returnSequences, x (3,5,4), kernel (4,12), recurrentKernel (3,12), bias (12), g, y, dx, dkernel, drecurrent, dbias}]
        Keras's LSTM with 3 units; torch.nn.LSTM has the same gate order (i, f, g, o) with weights
        transposed (weight_ih = kernelᵀ, weight_hh = recurrentKernelᵀ) and two biases (b_hh set to 0).
  batchnorm: {x (6,4), gamma, beta, movingMean, movingVariance, g, yTrain, dx, dgamma, dbeta,
              newMovingMean, newMovingVariance, yInfer}
        Keras's BatchNormalization (epsilon 1e-3, momentum 0.99) on the last axis. Training normalises
        with the batch's population variance (torch's batch_norm does the same); the moving averages
        follow Keras's rule moving = 0.99 moving + 0.01 batch with the population variance (torch's
        running_var would use the unbiased one, so they are computed here with NumPy).
"""
import common  # noqa: F401
from common import plain, write_json

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(2)


def lstm_case(return_sequences):
    n, steps, features, units = 3, 5, 4, 3
    x = rng.normal(size=(n, steps, features))
    kernel = rng.normal(size=(features, 4 * units)) * 0.5
    recurrent = rng.normal(size=(units, 4 * units)) * 0.5
    bias = rng.normal(size=4 * units) * 0.1
    lstm = torch.nn.LSTM(features, units, batch_first=True)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.tensor(kernel.T))
        lstm.weight_hh_l0.copy_(torch.tensor(recurrent.T))
        lstm.bias_ih_l0.copy_(torch.tensor(bias))
        lstm.bias_hh_l0.zero_()
    xt = torch.tensor(x, requires_grad=True)
    out, _ = lstm(xt)
    y = out if return_sequences else out[:, -1, :]
    g = rng.normal(size=tuple(y.shape))
    (y * torch.tensor(g)).sum().backward()
    return {'returnSequences': return_sequences, 'x': x, 'kernel': kernel, 'recurrentKernel': recurrent, 'bias': bias, 'g': g,
            'y': y.detach().numpy(), 'dx': xt.grad.numpy(), 'dkernel': lstm.weight_ih_l0.grad.numpy().T,
            'drecurrent': lstm.weight_hh_l0.grad.numpy().T, 'dbias': lstm.bias_ih_l0.grad.numpy()}


def batchnorm_case():
    x = rng.normal(size=(6, 4)) * 2 + 1
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    moving_mean, moving_var = rng.normal(size=4) * 0.1, 1 + rng.random(4)
    xt, gt, bt = (torch.tensor(a, requires_grad=True) for a in (x, gamma, beta))
    y = F.batch_norm(xt, None, None, gt, bt, training=True, eps=1e-3)
    g = rng.normal(size=x.shape)
    (y * torch.tensor(g)).sum().backward()
    mean, var = x.mean(axis=0), x.var(axis=0)
    new_mean = 0.99 * moving_mean + 0.01 * mean
    new_var = 0.99 * moving_var + 0.01 * var
    y_infer = gamma * (x - new_mean) / np.sqrt(new_var + 1e-3) + beta
    return {'x': x, 'gamma': gamma, 'beta': beta, 'movingMean': moving_mean, 'movingVariance': moving_var, 'g': g,
            'yTrain': y.detach().numpy(), 'dx': xt.grad.numpy(), 'dgamma': gt.grad.numpy(), 'dbeta': bt.grad.numpy(),
            'newMovingMean': new_mean, 'newMovingVariance': new_var, 'yInfer': y_infer}


write_json('nn_recurrent.json', plain({'lstm': [lstm_case(False), lstm_case(True)], 'batchnorm': batchnorm_case()}))
