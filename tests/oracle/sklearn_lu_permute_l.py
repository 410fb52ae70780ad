"""Oracle for tests/sklearn_lu_permute_l.test.ts: scipy.linalg.lu(a, permute_l=True)[0] (P L), the
normaliser of scikit-learn 1.2.1's randomized_range_finder. Run with Debian's SciPy:
`/usr/bin/python3 tests/oracle/sklearn_lu_permute_l.py`. Writes tests/fixtures/sklearn_lu_permute_l.json.
"""
import json
import os
import sys

sys.path = [p for p in sys.path if os.path.abspath(p or '.') != os.path.dirname(os.path.abspath(__file__))]
import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy import linalg  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures')


def main():
    rs = np.random.RandomState(0)
    zero_col = rs.normal(size=(7, 4))
    zero_col[:, 1] = 0
    inputs = {
        'tall 12x4': rs.normal(size=(12, 4)),
        'wide 4x7': rs.normal(size=(4, 7)),
        'square 6x6': rs.normal(size=(6, 6)),
        'ties take the first largest': np.array([[1., 2.], [-3., 1.], [3., 5.], [-3., 0.]]),
        'zero column': zero_col,
        'rank 1': np.outer(np.arange(1., 6.), [1., -2., 3.]),
        'power iterate 300x20': rs.normal(size=(300, 100)) @ rs.normal(size=(100, 20)),
        'one column': rs.normal(size=(5, 1)),
        'one row': rs.normal(size=(1, 5)),
    }
    cases = [{'name': k, 'a': a.tolist(), 'pl': linalg.lu(a, permute_l=True)[0].tolist()} for k, a in inputs.items()]
    out = {'versions': {'scipy': scipy.__version__, 'numpy': np.__version__}, 'cases': cases}
    with open(os.path.join(FIXTURES, 'sklearn_lu_permute_l.json'), 'w') as fh:
        json.dump(out, fh, separators=(',', ':'))


main()
