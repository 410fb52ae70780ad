"""Checks files that tessera wrote, with the real NumPy (the reverse direction of tests/oracle/io.py).

Run by hand (tests never need Python):
  TESSERA_IO_ROUNDTRIP=/tmp/tessera-rt node scripts/test.mjs io.test
  /usr/bin/python3 tests/oracle/io_roundtrip.py /tmp/tessera-rt
For every array in manifest.json: np.load of tessera's .npy gives the expected dtype, shape and values,
np.save of that array reproduces tessera's file byte for byte, both .npz archives load (with
np.load and with Python's zipfile CRC check), and np.savetxt writes the same text as tessera's savetxt.
"""
import io
import json
import os
import sys
import zipfile

# tests/oracle/ holds a random.py that would shadow the standard library's for numpy.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or '.') != HERE]

import numpy as np  # noqa: E402

DIR = sys.argv[1] if len(sys.argv) > 1 else '/tmp/tessera-rt'
manifest = json.load(open(os.path.join(DIR, 'manifest.json')))


def check(name, a, spec):
    assert a.dtype == np.dtype(spec['dtype']), (name, a.dtype, spec['dtype'])
    assert list(a.shape) == spec['shape'], (name, a.shape, spec['shape'])
    expected = np.array([float(v) for v in spec['values']], dtype=np.float64)
    assert np.array_equal(np.ravel(a).astype(np.float64), expected, equal_nan=True), (name, a, expected)


checked = 0
for name, spec in manifest.items():
    path = os.path.join(DIR, name + '.npy')
    a = np.load(path)
    check(name, a, spec)
    buf = io.BytesIO()
    np.save(buf, a)
    assert buf.getvalue() == open(path, 'rb').read(), f'{name}.npy: np.save bytes differ'
    checked += 1

for archive in ['stored.npz', 'compressed.npz']:
    path = os.path.join(DIR, archive)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None, f'{archive}: bad CRC'
    with np.load(path) as npz:
        assert sorted(npz.files) == sorted(manifest), (archive, npz.files)
        for name, spec in manifest.items():
            check(f'{archive}:{name}', npz[name], spec)
            checked += 1

buf = io.StringIO()
np.savetxt(buf, np.load(os.path.join(DIR, 'f8.npy')))
assert buf.getvalue() == open(os.path.join(DIR, 'f8.txt')).read(), 'savetxt text differs'
checked += 1
print(f'io_roundtrip: {checked} checks passed in {DIR}')
