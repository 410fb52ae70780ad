"""Fixtures for nn/layers/conv2d.ts and pooling2d.ts: Conv2D, MaxPooling2D and AveragePooling2D with
Keras's channels-last layout, values and gradients, computed by PyTorch.

Run with Debian's Python (NumPy + PyTorch): /usr/bin/python3 tests/oracle/nn_conv.py
Writes tests/fixtures/nn_conv.json, float64, arrays as nested lists:
  conv: [{strides, padding, x (2,7,6,3), kernel (3,3,3,4), bias (4), g, y, dx, dkernel, dbias}]
  pool: [{kind, poolSize, strides, padding, x (2,7,6,3), g, y, dx}]
y is the layer's output (channels last), the d* are gradients of sum(y * g). PyTorch works channels
first (N, C, H, W) with weights (F, C, kh, kw), so the arrays are transposed on the way in and out.
Keras's padding 'same' (TensorFlow's rule) pads total = max((ceil(n/s) - 1) s + k - n, 0) with the
smaller half before; torch's own padding='same' only allows stride 1, so the padding is done by hand.
"""
import common  # noqa: F401
from common import plain, write_json

import math
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(1)


def same_pad(n, k, s):
    total = max((math.ceil(n / s) - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def nchw(a):
    return torch.tensor(np.transpose(a, (0, 3, 1, 2)), requires_grad=True)


def nhwc(t):
    return t.detach().numpy().transpose(0, 2, 3, 1)


def conv_case(strides, padding):
    x = rng.normal(size=(2, 7, 6, 3))
    kernel = rng.normal(size=(3, 3, 3, 4)) * 0.5
    bias = rng.normal(size=4)
    xt = nchw(x)
    wt = torch.tensor(np.transpose(kernel, (3, 2, 0, 1)), requires_grad=True)
    bt = torch.tensor(bias, requires_grad=True)
    inp = xt
    if padding == 'same':
        top, bottom = same_pad(7, 3, strides)
        left, right = same_pad(6, 3, strides)
        inp = F.pad(xt, (left, right, top, bottom))
    y = F.conv2d(inp, wt, bt, stride=strides)
    g = rng.normal(size=nhwc(y).shape)
    (y * torch.tensor(np.transpose(g, (0, 3, 1, 2)))).sum().backward()
    return {'strides': strides, 'padding': padding, 'x': x, 'kernel': kernel, 'bias': bias, 'g': g, 'y': nhwc(y),
            'dx': nhwc(xt.grad), 'dkernel': wt.grad.numpy().transpose(2, 3, 1, 0), 'dbias': bt.grad.numpy()}


def pool_case(kind, pool, strides, padding):
    x = rng.normal(size=(2, 7, 6, 3))
    xt = nchw(x)
    inp = xt
    if padding == 'same':
        top, bottom = same_pad(7, pool, strides)
        left, right = same_pad(6, pool, strides)
        fill = -math.inf if kind == 'max' else 0.0
        inp = F.pad(xt, (left, right, top, bottom), value=fill)
    if kind == 'max':
        y = F.max_pool2d(inp, pool, stride=strides)
    elif padding == 'valid':
        y = F.avg_pool2d(inp, pool, stride=strides)
    else:  # Keras averages over the real inputs only
        ones = F.pad(torch.ones_like(xt), (left, right, top, bottom))
        y = F.avg_pool2d(inp, pool, stride=strides, divisor_override=1) / F.avg_pool2d(ones, pool, stride=strides, divisor_override=1)
    g = rng.normal(size=nhwc(y).shape)
    (y * torch.tensor(np.transpose(g, (0, 3, 1, 2)))).sum().backward()
    return {'kind': kind, 'poolSize': pool, 'strides': strides, 'padding': padding, 'x': x, 'g': g, 'y': nhwc(y), 'dx': nhwc(xt.grad)}


write_json('nn_conv.json', plain({
    'conv': [conv_case(s, p) for s in (1, 2) for p in ('valid', 'same')],
    'pool': [pool_case(k, 2, s, p) for k in ('max', 'average') for (s, p) in ((2, 'valid'), (2, 'same'), (1, 'valid'))],
}))
