"""Printing Python values the way tessera's docs print them from JavaScript, for the tutorial oracles.

The tutorial pages print numbers with JavaScript (String(x), x.toFixed(k), x.toExponential(k),
console.log of arrays); an oracle script that prints the same lines from NumPy/scikit-learn lets a `diff`
compare the page with the original library. Import after `common`.
"""
import math
from decimal import Decimal, ROUND_HALF_UP

import numpy as np


def js(x):
    """A number as JavaScript's String(x) writes it: shortest round-trip digits, JS's choice of notation."""
    if isinstance(x, (bool, np.bool_)):
        return 'true' if x else 'false'
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    x = float(x)
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    r = repr(x)
    digits_part, _, exp_part = r.partition('e')
    sign = '-' if x < 0 else ''
    digits = digits_part.lstrip('-').replace('.', '')
    point = len(digits_part.lstrip('-').split('.')[0]) + (int(exp_part) if exp_part else 0)
    stripped = digits.lstrip('0')
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip('0') or '0'
    k = len(digits)  # the decimal point sits after `point` digits
    if k <= point <= 21:
        return sign + digits + '0' * (point - k)
    if 0 < point <= 21:
        return sign + digits[:point] + '.' + digits[point:]
    if -6 < point <= 0:
        return sign + '0.' + '0' * (-point) + digits
    body = digits[0] + ('.' + digits[1:] if k > 1 else '')
    return sign + body + 'e' + ('+' if point - 1 >= 0 else '-') + str(abs(point - 1))


def fixed(x, k):
    """x.toFixed(k): the exact binary value rounded half away from zero."""
    return str(Decimal(float(x)).quantize(Decimal(1).scaleb(-k), rounding=ROUND_HALF_UP))


def exponential(x, k):
    """x.toExponential(k), as in `1.60e-2`."""
    if x < 0:
        return '-' + exponential(-x, k)
    d = Decimal(float(x))
    e = d.adjusted()
    m = d.scaleb(-e).quantize(Decimal(1).scaleb(-k), rounding=ROUND_HALF_UP)
    if m >= 10:
        e += 1
        m = d.scaleb(-e).quantize(Decimal(1).scaleb(-k), rounding=ROUND_HALF_UP)
    return f"{m}e{'+' if e >= 0 else '-'}{abs(e)}"


def out(*parts):
    """console.log(...parts) for strings and numbers."""
    print(' '.join(p if isinstance(p, str) else js(p) for p in parts))


def block(n):
    """The marker the docs check prints before block n's output."""
    print(f'\0BLOCK {n}')


def shape(a):
    """A shape as console.log prints a JS array of numbers."""
    return '[ ' + ', '.join(str(d) for d in np.shape(a)) + ' ]' if np.ndim(a) else '[]'


def s(a):
    """NumPy's str() of an array (tessera's `a.str()`)."""
    return str(np.asarray(a))
