"""Fixtures for the nn/ optimizer tests: four steps of each Keras 3 optimizer on one length-6 parameter.

Run with Debian's Python (NumPy + PyTorch): /usr/bin/python3 tests/oracle/nn_optimizers.py
Writes tests/fixtures/nn_optimizers.json: {notes, cases: [{name, options, param0, grads, params}]}, float64.
  options: the constructor options in tessera's camelCase, only those that differ from the defaults
  grads:   4 gradient vectors, given to the optimizer as they are (clipping is the optimizer's job)
  params:  the parameter after each of the 4 steps
Keras/TensorFlow are not installed here: the update rules below are our own NumPy transcriptions of
Keras 3 (keras/src/optimizers/{sgd,rmsprop,adam,adamw,adagrad,adadelta,adamax,nadam}.py and base_optimizer.py).
One Keras step (base_optimizer.apply with no gradient accumulation):
  1. clip the gradient: clipnorm -> g * c / max(||g||_2, c) (per variable); clipvalue -> clip(g, -c, c)
  2. weight decay, if set, before the update and on the parameter itself: p <- p - p * weight_decay * lr
  3. the optimizer's update_step with the clipped gradient; 4. iterations += 1 (Adam's t is iterations + 1)
PyTorch cross-checks (asserted at the bottom of this script, not written to the fixture):
  SGD: Keras keeps m <- mu*m - lr*g and p <- p + m (nesterov: p <- p + mu*m - lr*g with the new m);
  torch keeps b <- mu*b + g (b = g on the first step), p <- p - lr*b (nesterov: p <- p - lr*(g + mu*b)).
  With a constant learning rate and torch's dampening=0, m = -lr*b, so the two AGREE exactly for plain,
  momentum and nesterov SGD; they would differ if lr changed between steps (Keras bakes the old lr into m).
  Adam/AdamW/RMSprop/Adagrad put epsilon in a different place than torch, so they agree only with
  epsilon = 0 (checked so); Adadelta matches torch.optim.Adadelta exactly with the same lr/rho/eps.
  Adamax: Keras keeps u <- max(b2*u, |g|) and divides by (1 - b1^t)*(u + eps); torch keeps
  u <- max(b2*u, |g| + eps) and divides by (1 - b1^t)*u: they agree with epsilon = 0 (checked so).
  Nadam: Keras 3's momentum schedule is mu_t = b1*(1 - 0.5*0.96^t); torch.optim.NAdam's (and Keras 1's) is
  b1*(1 - 0.5*0.96^(t*momentum_decay)) with momentum_decay 0.004 by default, so they agree with
  momentum_decay=1 (checked so, epsilon as Keras's 1e-7: both add it to sqrt(v/(1 - b2^t))). torch 1.13's
  single-tensor NAdam multiplies mu_t into the next product twice (mu_product * mu * mu_next), a bug fixed
  in later releases; its foreach=True path computes Keras's product, and is the one compared.
"""
import common  # noqa: F401  (drops this folder from sys.path before NumPy is imported)
from common import plain, write_json

import numpy as np
import torch

DEFAULTS = {
    'sgd': dict(learningRate=0.01, momentum=0.0, nesterov=False),
    'rmsprop': dict(learningRate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False),
    'adam': dict(learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7, amsgrad=False),
    'adamw': dict(learningRate=0.001, weightDecay=0.004, beta1=0.9, beta2=0.999, epsilon=1e-7, amsgrad=False),
    'adagrad': dict(learningRate=0.001, initialAccumulatorValue=0.1, epsilon=1e-7),
    'adadelta': dict(learningRate=0.001, rho=0.95, epsilon=1e-7),
    'adamax': dict(learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7),
    'nadam': dict(learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7),
}
NOTES = (
    'Keras 3 defaults used (keras/src/optimizers/*.py): '
    'sgd lr 0.01 momentum 0 nesterov false; '
    'rmsprop lr 0.001 rho 0.9 momentum 0 epsilon 1e-7 centered false; '
    'adam lr 0.001 beta1 0.9 beta2 0.999 epsilon 1e-7 amsgrad false; '
    'adamw as adam plus weightDecay 0.004; '
    'adagrad lr 0.001 initialAccumulatorValue 0.1 epsilon 1e-7; '
    'adadelta lr 0.001 rho 0.95 epsilon 1e-7; '
    'adamax lr 0.001 beta1 0.9 beta2 0.999 epsilon 1e-7; '
    'nadam lr 0.001 beta1 0.9 beta2 0.999 epsilon 1e-7 (momentum schedule beta1*(1 - 0.5*0.96^t)). '
    'weightDecay is None (off) for every optimizer but adamw. clipnorm/clipvalue/globalClipnorm default None; '
    'at most one may be set. Step order (base_optimizer.py): clip gradient, then p -= p*weightDecay*lr, '
    'then update_step; adam, adamax and nadam t = iterations + 1.'
)


def clip(g, o):
    if o.get('clipnorm'):
        c = o['clipnorm']
        return g * c / max(np.sqrt(np.sum(g * g)), c)
    if o.get('clipvalue'):
        c = o['clipvalue']
        return np.clip(g, -c, c)
    return g


def run(name, options, p0, grads):
    o = {**DEFAULTS[name], **options}
    lr = o['learningRate']
    p = p0.copy()
    z = np.zeros_like(p)
    s = {'m': z.copy(), 'v': z.copy(), 'vhat': z.copy(), 'avg': z.copy(),
         'acc': np.full_like(p, o.get('initialAccumulatorValue', 0.0)), 'dacc': z.copy(), 'u_product': 1.0}
    out = []
    for it, g in enumerate(grads):
        g = clip(np.asarray(g, dtype=np.float64), o)
        if o.get('weightDecay') is not None:
            p = p - p * o['weightDecay'] * lr
        if name == 'sgd':
            mu = o['momentum']
            if mu != 0:
                s['m'] = s['m'] * mu - g * lr
                p = p + (s['m'] * mu - g * lr if o['nesterov'] else s['m'])
            else:
                p = p - g * lr
        elif name == 'rmsprop':
            rho, eps = o['rho'], o['epsilon']
            s['v'] = rho * s['v'] + (1 - rho) * g ** 2
            if o['centered']:
                s['avg'] = rho * s['avg'] + (1 - rho) * g
                denom = s['v'] - s['avg'] ** 2 + eps
            else:
                denom = s['v'] + eps
            inc = lr * g / np.sqrt(denom)
            if o['momentum'] > 0:
                s['m'] = o['momentum'] * s['m'] + inc
                p = p - s['m']
            else:
                p = p - inc
        elif name in ('adam', 'adamw'):
            b1, b2, eps = o['beta1'], o['beta2'], o['epsilon']
            t = it + 1
            alpha = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            s['m'] = s['m'] + (g - s['m']) * (1 - b1)
            s['v'] = s['v'] + (g ** 2 - s['v']) * (1 - b2)
            v = s['v']
            if o['amsgrad']:
                s['vhat'] = np.maximum(s['vhat'], s['v'])
                v = s['vhat']
            p = p - s['m'] * alpha / (np.sqrt(v) + eps)
        elif name == 'adagrad':
            s['acc'] = s['acc'] + g ** 2
            p = p - lr * g / np.sqrt(s['acc'] + o['epsilon'])
        elif name == 'adadelta':
            rho, eps = o['rho'], o['epsilon']
            s['acc'] = rho * s['acc'] + (1 - rho) * g ** 2  # starts at 0 (no initial value option)
            delta = -np.sqrt(s['dacc'] + eps) * g / np.sqrt(s['acc'] + eps)
            s['dacc'] = rho * s['dacc'] + (1 - rho) * delta ** 2
            p = p + lr * delta
        elif name == 'adamax':
            b1, b2, eps = o['beta1'], o['beta2'], o['epsilon']
            t = it + 1
            s['m'] = s['m'] + (g - s['m']) * (1 - b1)
            s['v'] = np.maximum(b2 * s['v'], np.abs(g))  # Keras's `u`, the infinity norm
            p = p - lr * s['m'] / ((1 - b1 ** t) * (s['v'] + eps))
        elif name == 'nadam':
            b1, b2, eps = o['beta1'], o['beta2'], o['epsilon']
            t = it + 1
            u_t = b1 * (1 - 0.5 * 0.96 ** t)
            u_t1 = b1 * (1 - 0.5 * 0.96 ** (t + 1))
            s['u_product'] = s['u_product'] * u_t  # once per step, before the variables' updates
            u_product_t1 = s['u_product'] * u_t1
            s['m'] = s['m'] + (g - s['m']) * (1 - b1)
            s['v'] = s['v'] + (g ** 2 - s['v']) * (1 - b2)
            m_hat = u_t1 * s['m'] / (1 - u_product_t1) + (1 - u_t) * g / (1 - s['u_product'])
            v_hat = s['v'] / (1 - b2 ** t)
            p = p - m_hat * lr / (np.sqrt(v_hat) + eps)
        else:
            raise ValueError(name)
        out.append(p.copy())
    return out


rng = np.random.default_rng(0)
PARAM0 = rng.normal(size=6).round(4)
GRADS = rng.normal(scale=0.6, size=(4, 6)).round(4)
GRADS[2] = (GRADS[2] * 0.1).round(5)  # a small step: its norm is below clipnorm 1.0, so clipnorm leaves it alone
norms = np.sqrt((GRADS ** 2).sum(1))
assert (norms > 1).sum() >= 2 and (norms < 1).any(), norms
assert (np.abs(GRADS) > 0.1).any() and (np.abs(GRADS) < 0.1).any()

CASES = [
    ('sgd', {}),
    ('sgd', {'momentum': 0.9}),
    ('sgd', {'momentum': 0.9, 'nesterov': True}),
    ('rmsprop', {}),
    ('rmsprop', {'momentum': 0.5, 'centered': True}),
    ('adam', {}),
    ('adam', {'amsgrad': True}),
    ('adamw', {}),
    ('adagrad', {}),
    ('adadelta', {}),
    ('adadelta', {'learningRate': 1.0}),
    ('sgd', {'clipnorm': 1.0}),
    ('sgd', {'clipvalue': 0.1}),
    ('adamax', {}),
    ('adamax', {'learningRate': 0.01, 'beta1': 0.8, 'beta2': 0.5, 'clipnorm': 1.0}),
    ('nadam', {}),
    ('nadam', {'learningRate': 0.01, 'beta1': 0.5, 'beta2': 0.9, 'weightDecay': 0.1}),
]
cases = [{'name': n, 'options': o, 'param0': PARAM0, 'grads': GRADS, 'params': run(n, o, PARAM0, GRADS)}
         for n, o in CASES]


# ---------------------------------------------------------------- cross-checks against torch.optim
def torch_run(make, grads):
    w = torch.nn.Parameter(torch.tensor(PARAM0, dtype=torch.float64))
    opt = make([w])
    out = []
    for g in grads:
        w.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        out.append(w.detach().numpy().copy())
    return np.array(out)


def agree(ours, theirs):
    np.testing.assert_allclose(np.array(ours), theirs, rtol=1e-12, atol=1e-15)


for opts in [{}, {'momentum': 0.9}, {'momentum': 0.9, 'nesterov': True}]:
    agree(run('sgd', opts, PARAM0, GRADS), torch_run(lambda ps: torch.optim.SGD(ps, lr=0.01, **opts), GRADS))
agree(run('sgd', {'clipnorm': 1.0}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.SGD(ps, lr=0.01), [g / max(np.linalg.norm(g), 1.0) for g in GRADS]))
agree(run('sgd', {'clipvalue': 0.1}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.SGD(ps, lr=0.01), np.clip(GRADS, -0.1, 0.1)))
# epsilon = 0 where Keras and torch place epsilon differently
agree(run('adam', {'epsilon': 0.0}, PARAM0, GRADS), torch_run(lambda ps: torch.optim.Adam(ps, lr=1e-3, eps=0.0), GRADS))
agree(run('adam', {'epsilon': 0.0, 'amsgrad': True}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.Adam(ps, lr=1e-3, eps=0.0, amsgrad=True), GRADS))
agree(run('adamw', {'epsilon': 0.0}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.AdamW(ps, lr=1e-3, eps=0.0, weight_decay=0.004), GRADS))
agree(run('rmsprop', {'epsilon': 0.0}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.RMSprop(ps, lr=1e-3, alpha=0.9, eps=0.0), GRADS))
agree(run('rmsprop', {'epsilon': 0.0, 'momentum': 0.5, 'centered': True}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.RMSprop(ps, lr=1e-3, alpha=0.9, eps=0.0, momentum=0.5, centered=True), GRADS))
agree(run('adagrad', {'epsilon': 0.0}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.Adagrad(ps, lr=1e-3, eps=0.0, initial_accumulator_value=0.1), GRADS))
for lr in (0.001, 1.0):
    agree(run('adadelta', {'learningRate': lr}, PARAM0, GRADS),
          torch_run(lambda ps: torch.optim.Adadelta(ps, lr=lr, rho=0.95, eps=1e-7), GRADS))

agree(run('adamax', {'epsilon': 0.0}, PARAM0, GRADS), torch_run(lambda ps: torch.optim.Adamax(ps, lr=1e-3, eps=0.0), GRADS))
agree(run('adamax', {'epsilon': 0.0, 'learningRate': 0.01, 'beta1': 0.8, 'beta2': 0.5}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.Adamax(ps, lr=0.01, betas=(0.8, 0.5), eps=0.0), GRADS))
torch.set_default_dtype(torch.float64)  # NAdam keeps its product in a torch.tensor(1.): float64, as ours
agree(run('nadam', {}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.NAdam(ps, lr=1e-3, eps=1e-7, momentum_decay=1.0, foreach=True), GRADS))
agree(run('nadam', {'learningRate': 0.01, 'beta1': 0.5, 'beta2': 0.9}, PARAM0, GRADS),
      torch_run(lambda ps: torch.optim.NAdam(ps, lr=0.01, betas=(0.5, 0.9), eps=1e-7, momentum_decay=1.0, foreach=True), GRADS))
# and the differences are real: torch's defaults (momentum_decay 0.004; Adamax with epsilon) give other numbers
assert not np.allclose(run('nadam', {}, PARAM0, GRADS),
                       torch_run(lambda ps: torch.optim.NAdam(ps, lr=1e-3, eps=1e-7, foreach=True), GRADS), rtol=1e-9, atol=0)
torch.set_default_dtype(torch.float32)

path = write_json('nn_optimizers.json', plain({'notes': NOTES, 'cases': cases}))
print('wrote', path, len(cases), 'cases; torch cross-checks passed')
