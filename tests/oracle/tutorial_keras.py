"""Oracle for docs/tutorials/keras.md: every number of the page that NumPy and scikit-learn can compute.

Run with Debian's Python (NumPy 1.24, scikit-learn 1.2.1): `/usr/bin/python3 tests/oracle/tutorial_keras.py`.

The page's networks are tessera's own (Keras is not installed, and no emulation here replays tessera's
initial weights and batch order), so the oracle checks what does not depend on them: the tensors and the
rotation, the derivative and the hand-written training loop (their gradients written out by hand), the
digits data and its preparation, the two generated bag-of-words data sets (drawn with NumPy's legacy
RandomState, which tessera's np.random reproduces bit for bit), the diabetes data with its standardisation,
folds and baselines, and the parameter counts. For each such block it rebuilds the lines the page prints
and compares them with the block's `text output` in the markdown (a block is found by a line of its code,
so the check survives edits elsewhere on the page); `None` skips a line that comes from a network, and a
line ending in '…' is compared up to that point. It prints one line per block and exits with 1 on any
difference.

It then fits scikit-learn models on the same data as references for the page's network results (an
MLPClassifier for the digits network, LogisticRegression for the two text data sets), and writes
everything to tests/fixtures/tutorial_keras.json.
"""
import math
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

import common  # noqa: F401  (drops this folder from sys.path before NumPy is imported)
from common import plain, write_json
from common import sibling  # noqa: E402
JS = sibling('jsprint')  # JavaScript's ways of printing numbers
js, fixed, exponential, shape = (JS.js, JS.fixed, JS.exponential, JS.shape)  # noqa: E402

import numpy as np
import sklearn
from sklearn.datasets import load_digits, load_diabetes
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold, train_test_split
from sklearn.neural_network import MLPClassifier

PAGE = os.path.join(common.HERE, '..', '..', 'docs', 'tutorials', 'keras.md')
SKIP = None
fixture = {'numpy': np.__version__, 'sklearn': sklearn.__version__}


# ---- JavaScript's ways of writing numbers -------------------------------------------------------------

def js_round(x):
    """Math.round: halves go up."""
    return math.floor(x + 0.5)


def line(*parts):
    """console.log's line: the parts joined by spaces, numbers written as JavaScript writes them."""
    return ' '.join(p if isinstance(p, str) else js(p) for p in parts)


def lines(text):
    return text.split('\n')


# ---- the page's blocks and their printed output ------------------------------------------------------

def page_outputs():
    """[(code, output lines)] for each ```ts block followed by a ```text output block."""
    fences = re.findall(r'^```([^\n`]*)\n(.*?)^```\s*$', open(PAGE).read(), flags=re.S | re.M)
    pairs = []
    for (info, code), nxt in zip(fences, fences[1:] + [('', '')]):
        if info.split()[:1] == ['ts'] and 'no-run' not in info and nxt[0].strip() == 'text output':
            pairs.append((code, [l.rstrip() for l in nxt[1].rstrip('\n').split('\n')] if nxt[1].strip() else []))
    return pairs


PAIRS = page_outputs()
failures = 0


def check(name, marker, expected):
    """Compares the expected lines with the output of the block whose code contains `marker`."""
    global failures
    found = [out for code, out in PAIRS if marker in code]
    if len(found) != 1:
        print(f'MISSING {name}: {len(found)} blocks contain {marker!r}')
        failures += 1
        return
    actual = found[0]
    bad = []
    if len(actual) != len(expected):
        bad.append(f'{len(actual)} lines on the page, {len(expected)} here')
    for i, (a, e) in enumerate(zip(actual, expected)):
        if e is SKIP:
            continue
        if (e.endswith('…') and not a.startswith(e[:-1])) or (not e.endswith('…') and a != e):
            bad.append(f'line {i + 1}:\n    page:   {a}\n    oracle: {e}')
    checked = sum(e is not SKIP for e in expected)
    if bad:
        failures += 1
        print(f'DIFF {name}\n  ' + '\n  '.join(bad))
    else:
        print(f'ok   {name} ({checked} of {len(expected)} lines checked)')


# ---- Tensors and shapes (N1, N2) ---------------------------------------------------------------------
LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ*'


def spell(a):
    if a.ndim == 1:
        return ''.join(LETTERS[i] for i in a)
    if a.ndim == 2:
        return ' '.join(spell(r) for r in a)
    return ' | '.join(spell(b) for b in a)


items = np.arange(12)
grid = items.reshape(3, 4)
out = lines(str(grid))
out.append(f'{spell(grid)}   (1, 2): {LETTERS[grid[1, 2]]}   (2, 1): {LETTERS[grid[2, 1]]}')
for sh in [(4, 3), (2, 6), (6, 2), (2, 3, 2), (2, 2, 3), (2, 1, 6)]:
    out.append(f"({', '.join(map(str, sh))})".ljust(10) + ' ' + spell(items.reshape(sh)))
block3 = items.reshape(2, 3, 2)
cube = np.arange(27).reshape(3, 3, 3)
out.append(f'(1, 0, 1) of the 2x3x2 block: {LETTERS[block3[1, 0, 1]]}')
out.append(f'(2, 2, 2) of the 3x3x3 cube: {LETTERS[cube[2, 2, 2]]}  its middle slice: {spell(cube[1])}')
check('reshaping A to L', "const LETTERS = ", out)

out = [js(np.shares_memory(items, block3))]
block3[1, 0, 1] = 99
out.append(str(items))
block3[1, 0, 1] = 7
try:
    items.reshape(5, 15)
except ValueError as e:
    out.append(f'ValueError: {e}')
check('views and a bad shape', 'console.log(np.sharesMemory(items, block));', out)

check('backend settings', 'console.log(backend.epsilon(), backend.floatx());',
      [line(1e-7, 'float32'), repr(np.array([0, 128, 255], dtype=np.uint8).astype(np.float32))])

# ---- The geometry of a dot product -------------------------------------------------------------------
theta = math.pi / 6
u = np.array([math.cos(theta), math.sin(theta)])
v = np.array([-math.sin(theta), math.cos(theta)])
R = np.stack([u, v])
shape_f = np.array([[0, 0], [0, 2], [1.2, 2], [0, 2], [0, 1], [0.8, 1]])
turned, p = [], shape_f
for _ in range(3):
    p = p @ R
    turned.append(p)


def lengths(q):
    return str(np.round(np.sqrt(np.sum(np.square(q), axis=1)), 6))


out = lines(str(np.round(R, 4)))
out.append(line('u·u =', np.round(np.dot(u, u), 12), ' u·v =', np.round(np.dot(u, v), 12)))  # NumPy's dot leaves 7e-18 in u·v
out.append(line(lengths(shape_f), lengths(turned[0])))
out.append(str(np.round(((np.array([[1, 0]]) @ R) @ R) @ R, 6)))
check('rotation', 'const theta = Math.PI / 6;', out)
fixture['rotation'] = {'R': R, 'quarterTurn': ((np.array([[1, 0]]) @ R) @ R) @ R}

# ---- Derivatives and gradients ----------------------------------------------------------------------


def f(x):
    return np.power(x, 3) - x * 3


p0 = 0.5
slope = 3 * p0 ** 2 - 3
out = [line('f(p) =', f(p0), '  slope by np.grad:', slope, '  3p² - 3 =', slope)]
for eps in [0.1, 0.01, 0.001]:
    change = f(0.5 + eps) - f(p0)
    out.append(f'eps {js(eps)}: f(p + eps) - f(p) = {fixed(change, 9)}, slope * eps = {fixed(slope * eps, 9)}, '
               f'off by {exponential(change - slope * eps, 2)}')
check('derivative', 'const f = (x: np.NDArray)', out)

rs = np.random.RandomState(1)
x_batch = rs.standard_normal((8, 3))
w_true = np.array([[2], [-1], [0.5]])
y_batch = x_batch @ w_true


def loss(W):
    return np.mean(np.square(x_batch @ W - y_batch))


W0 = np.zeros((3, 1))
grad_w = 2 / 8 * x_batch.T @ (x_batch @ W0 - y_batch)       # d/dW mean((xW - y)²)
stepped = W0 - grad_w * 0.1
out = [line(shape(grad_w), str(np.round(grad_w, 4)))]
out = lines('\n'.join(out))
out.append(line(fixed(loss(W0), 4), '->', fixed(loss(stepped), 4)))
check('gradient of a loss', 'const rs = new np.random.RandomState(1);', out)

x_all = rs.standard_normal((256, 3))
y_all = x_all @ w_true + (1 + rs.standard_normal((256, 1)) * 0.1)
W, b = np.zeros((3, 1)), np.zeros(1)
out = []
for step in range(1, 161):
    rows = rs.randint(0, 256, 16)
    e = x_all[rows] @ W + b - y_all[rows]
    batch_loss = np.mean(np.square(e))
    W, b = W - (2 / 16 * x_all[rows].T @ e) * 0.05, b - (2 / 16 * np.sum(e, axis=0)) * 0.05
    if step % 40 == 0:
        out.append(f'step {step}: batch loss {fixed(batch_loss, 4)}')
out.append(line(str(np.round(W.ravel(), 3)), str(np.round(b, 3))))
check('training loop by hand', 'const xAll = rs.standardNormal([256, 3]);', out)
fixture['trainingLoop'] = {'W': W.ravel(), 'b': b}

# ---- Digits in place of MNIST ------------------------------------------------------------------------
digits = load_digits()
SHADES = ' .:-=+*#%@'


def rows_of(image):
    return [''.join(SHADES[js_round(v / 16 * 9)] for v in row) for row in image]


out = [line(shape(digits.images), shape(digits.target), 'values', digits.images.min(), 'to', digits.images.max()),
       line('labels of the first 8:', str(digits.target[:8]))]
pictures = [rows_of(digits.images[i]) for i in range(8)]
out += ['  '.join(pic[r] for pic in pictures).rstrip() for r in range(8)]
check('looking at the digits', 'const digits = loadDigits();', out)

images_train, images_test, y_train, y_test = train_test_split(digits.images, digits.target, test_size=0.25, random_state=42)
x_train = (images_train.astype(np.float32) / 16).reshape(-1, 64)
x_test = (images_test.astype(np.float32) / 16).reshape(-1, 64)
classes = 1 + int(np.max(np.append(y_train, y_test)))
hot = np.eye(classes, dtype=np.float32)[y_train]
out = [js(np.allclose(np.interp(images_train.astype(np.float32), [0, 16], [0, 1]), images_train.astype(np.float32) / 16)),
       line(shape(x_train), shape(x_test), str(x_train.dtype), float(x_train.max())),
       line(classes, str(y_train[:3]), str(hot.dtype))]
out += lines(str(hot[:3]))
out.append(str(np.argmax(hot[:3], axis=1)))
check('preparing the digits', 'await trainTestSplit(digits.images, digits.target', out)
fixture['digits'] = {'yTrainFirst': y_train[:10], 'yTestFirst': y_test[:10], 'nTrain': len(y_train), 'nTest': len(y_test)}

check('one-hot widths', 'const mnistFirst = np.array([5, 0, 4, 1, 9]);', ['[ 5, 9 ] [ 5, 10 ]', SKIP])

# ---- Making the model: parameter counts (R7) ---------------------------------------------------------
check('MNIST-sized model', 'const mnistModel = new Sequential();',
      [SKIP] * 12 + [line(784 * 784 + 784 + 784 * 10 + 10, '[ null, 10 ]', 784 * 784 + 784, 784 * 10 + 10)])

# ---- Bag of words ------------------------------------------------------------------------------------


def vectorize_sequences(sequences, dimension):
    results = np.zeros((len(sequences), dimension), dtype=np.float32)
    for i, words in enumerate(sequences):
        results[i, words] = 1
    return results


example = vectorize_sequences([[3, 5]], 10000)
check('vectorizeSequences', 'const example = vectorizeSequences', [line(shape(example), str(np.nonzero(example[0])[0]), float(example.sum()))])


def word_probabilities(rs, vocabulary, n_classes, keywords_per_class, boost):
    common_words = 1 / np.arange(10, vocabulary + 10)
    keywords = rs.permutation(np.arange(50, vocabulary))[:n_classes * keywords_per_class].reshape(n_classes, keywords_per_class)
    out = []
    for c in range(n_classes):
        weights = common_words.copy()
        weights[keywords[c]] = weights[keywords[c]] * boost
        out.append(weights / np.sum(weights))
    return out


def write_documents(rs, probabilities, labels, mean_length, off_topic):
    docs = []
    for label in labels:
        source = rs.randint(0, len(probabilities)) if rs.random_sample() < off_topic else label
        length = 10 + rs.poisson(mean_length)
        docs.append(rs.choice(len(probabilities[0]), length, p=probabilities[source]).tolist())
    return docs


VOCABULARY = 1000
review_random = np.random.RandomState(0)
sentiment = word_probabilities(review_random, VOCABULARY, 2, 150, 6)
review_labels = review_random.randint(0, 2, 2500).tolist()
reviews = write_documents(review_random, sentiment, review_labels, 100, 0.24)
review_x = vectorize_sequences(reviews, VOCABULARY)
review_y = np.array(review_labels, dtype=np.float32)
out = [line('review 0:', len(reviews[0]), 'words, label', review_labels[0], ' first words', ' '.join(map(str, reviews[0][:12]))),
       line(shape(review_x[:1500]), shape(review_x[1500:]), 'positive:', fixed(np.mean(review_y[:1500]), 3),
            ' distinct words per review:', fixed(np.mean(np.sum(review_x[:1500], axis=1)), 1))]
check('generated reviews', 'const reviewRandom = new np.random.RandomState(0);', out)

TOPICS = 46
news_random = np.random.RandomState(1)
topic_words = word_probabilities(news_random, VOCABULARY, TOPICS, 20, 20)
share = np.power(np.arange(1, TOPICS + 1), -1.2)
topic_share = share / np.sum(share)
train_counts = [10 + js_round(s * (1000 - 10 * TOPICS)) for s in topic_share]
test_counts = [max(1, js_round(n / 4)) for n in train_counts]


def shuffled_labels(counts):
    return news_random.permutation(np.array([c for c, n in enumerate(counts) for _ in range(n)])).tolist()


news_train_labels = shuffled_labels(train_counts)
news_test_labels = shuffled_labels(test_counts)
news_train_x = vectorize_sequences(write_documents(news_random, topic_words, news_train_labels, 100, 0.05), VOCABULARY)
news_test_x = vectorize_sequences(write_documents(news_random, topic_words, news_test_labels, 100, 0.05), VOCABULARY)
out = [line('documents per topic:', ' '.join(map(str, train_counts[:6])), '...', ' '.join(map(str, train_counts[-3:])),
            '| train', len(news_train_labels), 'test', len(news_test_labels)),
       line(shape(news_train_x), f'[ {len(news_train_labels)}, {TOPICS} ]', 'first labels', ' '.join(map(str, news_train_labels[:8])))]
check('generated newswires', 'const TOPICS = 46;', out)
fixture['bagOfWords'] = {
    'review0': reviews[0], 'reviewLabelsFirst': review_labels[:20],
    'trainCounts': train_counts, 'testCounts': test_counts, 'newsTrainLabelsFirst': news_train_labels[:20],
    'mostCommonTopicTestShare': test_counts[0] / sum(test_counts),
}

# ---- Regression with K-fold validation (diabetes for Boston) -----------------------------------------
diabetes = load_diabetes(scaled=False)
p_train, p_test, t_train, t_test = train_test_split(diabetes.data, diabetes.target, test_size=0.2, random_state=0)
out = [line(shape(diabetes.data), ' '.join(diabetes.feature_names))]
out += lines(str(diabetes.data[:2]))
out.append(line(shape(p_train), shape(p_test), 'target', diabetes.target.min(), 'to', diabetes.target.max()))
check('diabetes', "const diabetes = loadDiabetes({ scaled: false });", out)

mean, std = p_train.mean(axis=0), p_train.std(axis=0)
train_data, test_data = (p_train - mean) / std, (p_test - mean) / std
check('standardising', 'const featureMean = np.mean(patientsTrain',
      [line('training data: means 0', np.allclose(train_data.mean(axis=0), 0, atol=1e-12), ' standard deviations 1', np.allclose(train_data.std(axis=0), 1)),
       str(np.round(test_data.mean(axis=0), 2))])

folds = list(KFold(n_splits=4).split(train_data))
check('K-fold validation', 'const k = 4;',
      [f'fold {i}: {len(tr)} train, {len(va)} validate, validation MAE after 30 epochs …' for i, (tr, va) in enumerate(folds)] + [SKIP])

mean_mae = mean_absolute_error(t_test, np.full(len(t_test), t_train.mean()))
line_mae = mean_absolute_error(t_test, LinearRegression().fit(train_data, t_train).predict(test_data))
check('baselines', 'const regressionModel = makeRegressionModel();',
      [SKIP, f'always the training mean: test MAE {fixed(mean_mae, 2)}', f'LinearRegression: test MAE {fixed(line_mae, 2)}',
       'first predictions …'])
fixture['diabetes'] = {'foldSizes': [[len(tr), len(va)] for tr, va in folds], 'meanBaselineMae': mean_mae, 'linearRegressionMae': line_mae}

# ---- A convnet on 8x8 digits: the data -----------------------------------------------------------------
cnn_train = np.interp(images_train, [0, 16], [-1, 1]).astype(np.float32).reshape(-1, 8, 8, 1)
cnn_test = np.interp(images_test, [0, 16], [-1, 1]).astype(np.float32).reshape(-1, 8, 8, 1)
check('convnet data', 'const cnnTrain = np.interp(imagesTrain',
      [line(shape(cnn_train), shape(cnn_test), float(cnn_train.min()), float(cnn_train.max()))])
check('functional API parameter counts', 'const network1 = new Model(',
      [line(64 * 100 + 100 + 100 * 50 + 50 + 51, 64 * 100 + 100 + 100 * 50 + 50 + 51, '[ null, 1 ]')])

# ---- References for the page's network results ---------------------------------------------------------
mlp = MLPClassifier(hidden_layer_sizes=(64,), batch_size=32, max_iter=20, random_state=42).fit(x_train, y_train)
reviews_lr = LogisticRegression(max_iter=1000).fit(review_x[:1500], review_y[:1500])
news_lr = LogisticRegression(max_iter=2000).fit(news_train_x, news_train_labels)
fixture['references'] = {
    'digitsMlp64TestAccuracy': mlp.score(x_test, y_test),
    'reviewsLogisticTestAccuracy': reviews_lr.score(review_x[1500:], review_y[1500:]),
    'newsLogisticTestAccuracy': news_lr.score(news_test_x, news_test_labels),
}
for name, value in fixture['references'].items():
    print(f'reference {name}: {value:.4f}')

path = write_json('tutorial_keras.json', plain(fixture))
print(f'wrote {os.path.relpath(path)}; {failures} block(s) differ')
sys.exit(1 if failures else 0)
