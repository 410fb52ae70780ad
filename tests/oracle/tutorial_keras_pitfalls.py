"""Oracle for docs/tutorials/keras-pitfalls-mean-of-two-numbers.md: every training run of the page, in NumPy.

Run with Debian's NumPy 1.24: `/usr/bin/python3 tests/oracle/tutorial_keras_pitfalls.py`. It replays the
page's runs with the same seeds: the data from NumPy's legacy generator (np.random.seed, as the page's
np.random), the Dense kernel from RandomState(seed).uniform(-l, l) (tessera's utils.setRandomSeed and
glorotUniform), and one float32 training step written out by hand:

    p = x W + b                                   (x, y converted to float32 when the step runs)
    loss = mean over the batch of mean over the last axis of (y - p)^2     (Keras's mse, broadcasting)
    dL/dp = -2 (y - p) / (n * last axis), dW = x^T dL/dp, db = sum of dL/dp over the broadcast axes
    RMSprop (Keras 3): a <- rho a + (1 - rho) g^2;  w <- w - lr g / sqrt(a + eps)   (lr .001, rho .9, eps 1e-7)
    epoch loss = (sum over batches of loss * batch size, in float32) / samples    (tessera's Totals)

and Keras's read-ahead queue (fit_generator's max_queue_size, tessera's maxQueueSize): batches are kept as
references, the queue is filled before the first step, and the next batch is pulled before the model trains
on the one taken out. The step is the same arithmetic as tessera's, not the same program, so the last digit
of a number may differ (float32 rounding in another order: four epoch losses differ by 1 in the fourth
decimal, one prediction in its seventh digit). tessera's own messages (the warnings and errors the page
prints) have no NumPy counterpart and are not printed here. Apart from those, the two outputs agree:

    node scripts/docs-check.mjs keras-pitfalls   # bundles the page into build/docs-<pid>/
    node $(ls -t build/docs-*/docs__tutorials__keras-pitfalls*.mjs | head -1) 2>/dev/null | grep -av BLOCK > /tmp/ts.txt
    /usr/bin/python3 tests/oracle/tutorial_keras_pitfalls.py | grep -av BLOCK > /tmp/py.txt
    diff /tmp/ts.txt /tmp/py.txt

It also runs what the page only quotes: the article's full 100 epochs x 1000 steps on the shared buffer
(about 15 s; `--full` prints it as the page quotes it, after the blocks), the analytic values (Var(x) = 833.25,
Var(m) = 416.625, the broadcast loss 2 Var(m) (n-1)/n = 820.2 and its spread), and writes
tests/fixtures/tutorial_keras_pitfalls.json.
"""
import sys

import common  # noqa: F401  (drops this folder from sys.path before NumPy is imported)
from common import plain, write_json

import numpy as np

f32 = np.float32
FIXTURE = {}


# ---- generators (the page's) -------------------------------------------------------------------

def train_iterator(batch_size=64, expand=True):
    while True:
        x = np.random.randint(0, 100, size=(batch_size, 2)).astype('float64')
        x_mean = (x[:, 0] + x[:, 1]) / 2
        yield x, (np.expand_dims(x_mean, -1) if expand else x_mean)


def shared_buffer_iterator(batch_size=64):
    x = np.zeros((batch_size, 2))
    while True:
        x[:, :] = np.random.randint(0, 100, size=(batch_size, 2))
        x_mean = (x[:, 0] + x[:, 1]) / 2
        yield x, np.expand_dims(x_mean, -1)


def copy_iterator(batch_size=64):
    x = np.zeros((batch_size, 2))
    while True:
        x[:, :] = np.random.randint(0, 100, size=(batch_size, 2))
        x_mean = (x[:, 0] + x[:, 1]) / 2
        yield np.copy(x), np.expand_dims(x_mean, -1)


def counters(share_x, share_y):
    xb, yb = np.zeros((8, 1)), np.zeros((8, 1))
    i = 0
    while True:
        if share_x:
            xb[:] = i
        if share_y:
            yb[:] = i
        yield (xb if share_x else np.full((8, 1), float(i))), (yb if share_y else np.full((8, 1), float(i)))
        i += 1


# ---- models and fit -----------------------------------------------------------------------------

class Dense1:
    """Dense(1) on 2 inputs: the kernel from RandomState(seed).uniform(-sqrt(6/3), sqrt(6/3)), bias 0."""

    def __init__(self, seed, lr=0.001):
        rs = np.random.RandomState(seed)
        limit = np.sqrt(6 / (2 + 1))
        self.w = rs.uniform(-limit, limit, (2, 1)).astype(f32)
        self.b = np.zeros(1, f32)
        self.a = [np.zeros_like(self.w), np.zeros_like(self.b)]
        self.lr = lr

    def predict(self, x):
        return x.astype(f32) @ self.w + self.b

    def step(self, x, y):
        p = self.predict(x)
        y = y.astype(f32)
        if y.ndim == 1:  # a 1-D target is reshaped to (n, 1) when the output is (n, 1)
            y = y.reshape(-1, 1)
        e = y - p
        loss = np.mean(np.mean(np.square(e), axis=-1))
        n = p.shape[0]
        gp = (e * f32(-2)) / f32(n)
        gw = x.astype(f32).T @ gp
        gb = np.sum(gp, axis=0)
        for k, (v, g) in enumerate(((self.w, gw), (self.b, gb))):
            a = self.a[k]
            a[...] = a * f32(0.9) + np.square(g) * f32(1 - 0.9)
            v -= (g * f32(self.lr)) / np.sqrt(a + f32(1e-7))
        return loss

    def weights(self):
        return self.w, self.b


class LambdaModel:
    """A model of one Lambda (no weights): the loss of fn(x) against y, broadcasting as Keras does."""

    def __init__(self, fn):
        self.fn = fn

    def predict(self, x):
        return self.fn(x.astype(f32))

    def step(self, x, y):
        p = self.predict(x)
        return np.mean(np.mean(np.square(y.astype(f32) - p), axis=-1))


def fit(model, gen, steps, epochs, max_queue_size=10):
    """Keras's fit on a generator: the read-ahead queue, then one step per batch; the epoch losses."""
    queue = []
    losses = []
    for _ in range(epochs):
        total = f32(0)
        samples = 0
        for _ in range(steps):
            if not queue:
                queue.append(next(gen))
            while len(queue) < max_queue_size:
                queue.append(next(gen))
            x, y = queue.pop(0)
            if max_queue_size > 0:
                queue.append(next(gen))
            loss = model.step(x, y)
            total = f32(total + f32(loss * f32(x.shape[0])))
            samples += x.shape[0]
        losses.append(float(total) / samples)
    return losses


# ---- printing as the page prints ----------------------------------------------------------------

def keras_number(v):
    if v >= 1e-3:
        return f'{v:.4f}'
    digits, exponent = f'{v:.4e}'.split('e')
    return f'{digits}e{exponent[0]}{exponent[1:].zfill(2)}'


def print_epochs(losses, epochs):
    for e in epochs:
        print(f'Epoch {e}/{len(losses)} - loss: {keras_number(losses[e - 1])}')


def s(a):
    return np.array2string(np.asarray(a), separator=' ')


def show_weights(model):
    w, b = model.weights()
    print(s(np.round(w, 4)), s(np.round(b, 4)))


block = 0


def begin():
    global block
    block += 1
    print(f'BLOCK {block}')


# ---- the page -----------------------------------------------------------------------------------

def dense_run(make_gen, seed_data, seed_weights, steps, epochs, lr=0.001, max_queue_size=10):
    np.random.seed(seed_data)
    model = Dense1(seed_weights, lr)
    losses = fit(model, make_gen(), steps, epochs, max_queue_size)
    return model, losses


def decoupled_loss(w, b):
    w1, w2 = (float(v) for v in w.ravel())
    return 416.625 + 833.25 * (w1 ** 2 + w2 ** 2) + (49.5 * (w1 + w2) + float(b[0]) - 49.5) ** 2


def run_and_record(name, model, losses):
    w, b = model.weights()
    FIXTURE[name] = {'loss': losses, 'kernel': w.ravel(), 'bias': b, 'predict_73_57': model.predict(np.array([[73., 57.]])).ravel()}


def main(full):
    begin()
    model, working = dense_run(train_iterator, 1, 1, 1000, 3)
    print_epochs(working, [1, 2, 3])
    show_weights(model)
    print(s(model.predict(np.array([[73., 57.]]))))
    run_and_record('working', model, working)

    begin()
    np.random.seed(0)
    it = shared_buffer_iterator(1)
    first, second = next(it), next(it)
    print(f'[ {first[0]!r}, {first[1]!r} ] [ {second[0]!r}, {second[1]!r} ]')
    print('the same x object:', 'true' if first[0] is second[0] else 'false')

    begin()
    identity = LambdaModel(lambda v: v)
    for label, args in (('x shared, y new, queue of 10:', (True, False, 10)), ('x shared, y new, no queue:   ', (True, False, 0)),
                        ('x and y shared, queue of 10: ', (True, True, 10)), ('x and y new, queue of 10:    ', (False, False, 10))):
        loss = fit(identity, counters(args[0], args[1]), 5, 1, args[2])[0]
        print(label, int(loss) if loss == int(loss) else loss)

    begin()
    model, buggy = dense_run(shared_buffer_iterator, 1, 1, 100, 100)
    print_epochs(buggy, [1, 2, 3, 98, 99, 100])
    show_weights(model)
    print(f'expected loss for these weights: {decoupled_loss(*model.weights()):.1f}')
    print(s(model.predict(np.array([[73., 57.]]))))
    run_and_record('buggy_100x100', model, buggy)

    begin()
    model, plateau = dense_run(shared_buffer_iterator, 1, 1, 250, 40, lr=0.01)
    print_epochs(plateau, [1, 10, 20, 30, 40])
    print(f'mean of the last 10 epochs: {sum(plateau[-10:]) / 10:.1f}')
    show_weights(model)
    print(s(model.predict(np.array([[73., 57.]]))))
    run_and_record('plateau_lr01', model, plateau)

    begin()
    model, unqueued = dense_run(shared_buffer_iterator, 1, 1, 100, 100, max_queue_size=0)
    print_epochs(unqueued, [1, 2, 3, 8, 9, 10, 100])
    print(s(model.predict(np.array([[73., 57.]]))))
    run_and_record('unqueued_100x100', model, unqueued)
    _, copied = dense_run(copy_iterator, 1, 1, 100, 100)
    print('copies give the same losses:', 'true' if copied == unqueued else 'false')

    begin()  # the chart: nothing printed
    begin()
    _, flat_targets = dense_run(lambda: train_iterator(expand=False), 1, 1, 1000, 3)
    print('[ 64 ] [ null, 1 ]')  # the shapes of a batch's targets and of the Dense output (None, 1)
    print('the same losses as the first run:', 'true' if flat_targets == working else 'false')

    def calc_mean(x):
        return np.expand_dims((x[:, 0] + x[:, 1]) / 2, -1)

    def calc_mean_flat(x):
        return (x[:, 0] + x[:, 1]) / 2

    begin()
    np.random.seed(2)
    mean_model = LambdaModel(calc_mean)
    print_epochs(fit(mean_model, train_iterator(), 100, 3), [1, 2, 3])
    print(s(mean_model.predict(np.array([[73., 57.]]))))

    begin()
    np.random.seed(2)
    flat_model = LambdaModel(calc_mean_flat)
    broadcast = fit(flat_model, train_iterator(), 100, 20)
    print_epochs(broadcast, [1, 2, 3])
    print(f'20 epochs: mean {np.mean(broadcast):.1f}, standard deviation {np.std(broadcast):.1f}')
    prediction = flat_model.predict(np.array([[73., 57.]]))
    print(s(prediction), f'[ {prediction.shape[0]} ]')
    FIXTURE['lambda_broadcast'] = {'loss': broadcast, 'mean': np.mean(broadcast), 'std': np.std(broadcast)}

    FIXTURE['analytic'] = analytic()
    # The article's full run, which the page quotes (after its 5th block) instead of running it.
    model, full_losses = dense_run(shared_buffer_iterator, 1, 1, 1000, 100)
    run_and_record('buggy_full_100x1000', model, full_losses)
    if full:
        print('QUOTED (the full run, 100 epochs x 1000 steps)')
        print_epochs(full_losses, [1, 2, 3, 98, 99, 100])
        show_weights(model)
        print(s(model.predict(np.array([[73., 57.]]))))
    write_json('tutorial_keras_pitfalls.json', plain(FIXTURE), indent=1)


def analytic():
    """The page's derivations, checked by enumeration: x uniform on 0..99, m = (x1 + x2) / 2."""
    x = np.arange(100.0)
    var_x = x.var()
    m = (x[:, None] + x[None, :]).ravel() / 2
    var_m, mu4 = m.var(), np.mean((m - m.mean()) ** 4)
    n = 64
    # The broadcast loss of one batch is 2 s^2 with s^2 = (1/n) sum (m_i - mean)^2 (population variance).
    expected = 2 * var_m * (n - 1) / n
    # Var(S^2) for the unbiased S^2 = n/(n-1) s^2: (mu4 - var^2 (n - 3)/(n - 1)) / n.
    var_unbiased = (mu4 - var_m ** 2 * (n - 3) / (n - 1)) / n
    sd_batch = 2 * (n - 1) / n * np.sqrt(var_unbiased)
    return {'mean_x': x.mean(), 'var_x': var_x, 'mean_m': m.mean(), 'var_m': var_m, 'expected_broadcast_loss': expected,
            'sd_broadcast_loss_per_batch': sd_batch, 'sd_broadcast_loss_per_epoch_of_100': sd_batch / 10}


if __name__ == '__main__':
    main('--full' in sys.argv)
