"""What every oracle script shares: a clean import path, JSON-safe values, and writing a fixture.

Import it first, before NumPy: importing it drops this folder from sys.path, so a script here can never
shadow a standard module that NumPy imports (a file named random.py once did). JSON has no NaN or
infinity, so they are written as the strings 'nan', 'inf' and '-inf', which the tests decode.
"""
import importlib.util
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or '.') != HERE]

import numpy as np  # noqa: E402

FIXTURES = os.path.join(HERE, '..', 'fixtures')


def sibling(name):
    """A module of this folder (e.g. 'jsprint'), loaded by its path, since this folder is off sys.path."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nonfinite(x):
    """A float as JSON can hold it: NaN and ±inf become 'nan', 'inf', '-inf'; other values unchanged."""
    if isinstance(x, float) and not math.isfinite(x):
        return 'nan' if math.isnan(x) else ('inf' if x > 0 else '-inf')
    return x


def whole(x):
    """One element of a flat fixture array: a whole number as an int (3.0 -> 3; -0.0 keeps its sign and stays
    a float), NaN/inf as strings, any other value as a float."""
    x = float(x)
    if x.is_integer() and abs(x) < 2**53 and not (x == 0 and math.copysign(1, x) < 0):
        return int(x)
    return nonfinite(x)


def plain(x):
    """NumPy scalars and arrays, tuples and dicts as plain JSON values, nested; NaN/inf as strings."""
    if isinstance(x, np.generic):
        return plain(x.item())
    if isinstance(x, np.ndarray):
        return plain(x.tolist())
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    return nonfinite(x)


def camel(name):
    """scikit-learn's snake_case name in tessera's camelCase: max_iter -> maxIter."""
    head, *rest = name.split('_')
    return head + ''.join(w[:1].upper() + w[1:] for w in rest)


def write_json(name, obj, **options):
    """Writes obj to tests/fixtures/<name> (compact separators unless options say otherwise); returns the path."""
    path = os.path.join(FIXTURES, name)
    with open(path, 'w') as f:
        json.dump(obj, f, **{'separators': (',', ':'), **options})
    return path


def noisy_sine(n=100, seed=42):
    """The scikit-learn tutorial's K1 data: x ~ U(-2, 2), y = 2 sin(x) + U(-0.2, 0.2), drawn in turn
    from NumPy's global stream seeded with `seed`. Returns the lists xs, ys."""
    np.random.seed(seed)
    xs, ys = [], []
    for _ in range(n):
        x = np.random.uniform(-2, 2)
        ys.append(np.random.uniform(-0.2, 0.2) + 2 * math.sin(x))
        xs.append(x)
    return xs, ys


def spirals(arms=5, points_per_arm=200, trig=np):
    """tessera's makeSpirals: arm k is an arc of radius 0.7 around 0.5(cos(θk + π), sin(θk + π)),
    θk = 2πk/arms. `trig` is the module whose cos, sin and pi compute it: NumPy's and the math
    module's differ in the last bit for most points, and each fixture keeps the one it was made with."""
    X, y = [], []
    for k in range(arms):
        theta = 2 * trig.pi * k / arms
        cx, cy = 0.5 * trig.cos(theta + trig.pi), 0.5 * trig.sin(theta + trig.pi)
        for s in range(points_per_arm):
            phi = theta + 1.25 * trig.pi * s / points_per_arm
            X.append([cx + 0.7 * trig.cos(phi), cy + 0.7 * trig.sin(phi)])
            y.append(k)
    return np.array(X), np.array(y)
