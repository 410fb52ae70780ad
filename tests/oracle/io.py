"""Fixtures for tests/io.test.ts: .npy/.npz files written by NumPy and what they contain.

Run with Debian's NumPy: /usr/bin/python3 tests/oracle/io.py
Writes tests/fixtures/io/*.npy|*.npz and tests/fixtures/io.json:
  npy:  [{file, dtype, shape, fortran, values}]       files tessera must load (values in C order)
  errors: [{file, message}]                           files tessera must refuse
  npz:  [{file, arrays: {name: {dtype, shape, values}}}]
  printf: [[fmt, value, kind, text]]                  Python's fmt % value
  savetxt: [{data, dtype, options, text}]             np.savetxt output
  loadtxt / genfromtxt: [{lines, options, dtype?, shape, values} or {..., error}]
"""
import io
import json
import os
import warnings

# tests/oracle/ holds a random.py that would shadow the standard library's for numpy.
HERE = os.path.dirname(os.path.abspath(__file__))
import common  # noqa: E402,F401  (drops this folder from sys.path before NumPy is imported)
from common import nonfinite  # noqa: E402

import numpy as np  # noqa: E402
from numpy.lib import format as npformat  # noqa: E402

OUT = os.path.join(HERE, '..', 'fixtures', 'io')
os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    os.remove(os.path.join(OUT, old))


def as_float(x):
    """A number as a JSON float (3 -> 3.0: the loaders' values are floats), NaN/inf as strings."""
    return nonfinite(float(x))


def values(a):
    return [as_float(v) for v in np.ascontiguousarray(a).ravel()]


TESSERA = {'f8': 'float64', 'f4': 'float32', 'i4': 'int32', 'u4': 'uint32', 'i2': 'int16', 'u2': 'uint16',
           'i1': 'int8', 'u1': 'uint8', 'b1': 'bool', 'i8': 'int32', 'u8': 'uint32'}

fixtures = {'npy': [], 'errors': [], 'npz': [], 'printf': [], 'savetxt': [], 'loadtxt': [], 'genfromtxt': []}


def npy(name, a, version=None):
    path = os.path.join(OUT, name)
    if version is None:
        np.save(path, a)
    else:
        with open(path, 'wb') as f:
            npformat.write_array(f, a, version=version)
    fortran = bool(a.flags.f_contiguous and not a.flags.c_contiguous)
    fixtures['npy'].append({'file': name, 'dtype': TESSERA[a.dtype.str[1:]], 'shape': list(a.shape),
                            'fortran': fortran, 'values': values(a),
                            # Would tessera's np.save bytes equal this file? Not for v2/v3, big-endian or 64-bit ints.
                            'numpyBytes': version is None and a.dtype.str[0] != '>' and a.dtype.str[1:] not in ('i8', 'u8')})


rng = np.random.default_rng(0)
base = np.array([[0.5, -1.25, np.nan, np.inf], [-np.inf, 1e-300, 3.0, -0.0], [7.0, 2.0 ** 40, -2.5, 1 / 3]])
npy('f8_c.npy', base)
npy('f4_c.npy', base.astype(np.float32))
ints = np.array([[0, 1, -2, 3], [100, -100, 127, -128], [5, 6, 7, 8]])
npy('i4_c.npy', ints.astype(np.int32) * 1000003)
npy('u4_c.npy', (np.abs(ints) * 33554431).astype(np.uint32))
npy('i2_c.npy', (ints * 250).astype(np.int16))
npy('u2_c.npy', (np.abs(ints) * 500).astype(np.uint16))
npy('i1_c.npy', ints.astype(np.int8))
npy('u1_c.npy', np.abs(ints).astype(np.uint8) * 2)
npy('b1_c.npy', ints > 0)
npy('f8_fortran.npy', np.asfortranarray(base))
npy('i4_fortran_3d.npy', np.asfortranarray(np.arange(24, dtype=np.int32).reshape(2, 3, 4)))
npy('f8_0d.npy', np.array(3.5))
npy('i1_0d.npy', np.array(-7, dtype=np.int8))
npy('f8_empty.npy', np.zeros((0, 3)))
npy('u1_empty_1d.npy', np.zeros(0, dtype=np.uint8))
npy('f4_1d.npy', rng.standard_normal(5).astype(np.float32))
npy('f8_4d.npy', rng.standard_normal((2, 1, 3, 2)))
npy('f8_big_endian.npy', base.astype('>f8'))
npy('f4_big_endian.npy', base.astype('>f4'))
npy('i4_big_endian.npy', (ints * -70000).astype('>i4'))
npy('u2_big_endian.npy', (np.abs(ints) * 300).astype('>u2'))
npy('i8_fits.npy', np.array([[-2147483648, 2147483647], [0, -5]], dtype=np.int64))
npy('u8_fits.npy', np.array([0, 4294967295, 12], dtype=np.uint64))
npy('f8_version2.npy', np.arange(6.0).reshape(2, 3), version=(2, 0))
npy('i2_version3.npy', np.arange(4, dtype=np.int16), version=(3, 0))
# A long first axis changes the growth padding (21 minus its digit count).
npy('u1_long.npy', np.arange(1234567 % 1000, dtype=np.uint8))


def error(name, a, message, **kw):
    np.save(os.path.join(OUT, name), a, **kw)
    fixtures['errors'].append({'file': name, 'message': message})


error('object.npy', np.array([1, 'a', None], dtype=object), "cannot load object arrays (dtype 'O'); tessera has no object dtype", allow_pickle=True)
error('c16.npy', np.array([1 + 2j]), "cannot load arrays of dtype '<c16'")
error('f2.npy', np.array([1.5], dtype=np.float16), "cannot load arrays of dtype '<f2'")
error('i8_overflow.npy', np.array([1, 2, 3000000000], dtype=np.int64), "value 3000000000 at flat index 2 is out of range")
error('structured.npy', np.zeros(2, dtype=[('x', '<f8'), ('y', '<i4')]), 'cannot load structured arrays')
error('unicode.npy', np.array(['ab', 'c']), "cannot load arrays of dtype '<U2'")
error('datetime.npy', np.array(['2020-01-01'], dtype='datetime64[D]'), "cannot load arrays of dtype '<M8[D]'")
with open(os.path.join(OUT, 'not_npy.npy'), 'wb') as f:
    f.write(b'hello world, not an array')
fixtures['errors'].append({'file': 'not_npy.npy', 'message': "the magic string is not correct; expected b'\\x93NUMPY', got b'hello '"})
with open(os.path.join(OUT, 'truncated.npy'), 'wb') as f:
    buf = io.BytesIO()
    np.save(buf, np.arange(10.0))
    f.write(buf.getvalue()[:-8])
fixtures['errors'].append({'file': 'truncated.npy', 'message': 'EOF: reading array data, expected 80 bytes got 72'})


def npz(name, compressed, *args, **kw):
    (np.savez_compressed if compressed else np.savez)(os.path.join(OUT, name), *args, **kw)
    arrays = {f'arr_{i}': a for i, a in enumerate(args)} | kw
    fixtures['npz'].append({'file': name, 'arrays': {
        k: {'dtype': TESSERA[a.dtype.str[1:]], 'shape': list(a.shape), 'values': values(a)} for k, a in arrays.items()}})


npz('named.npz', False, weights=base, bias=np.arange(3, dtype=np.int32), mask=np.array([True, False]))
npz('positional.npz', False, np.arange(4.0), np.zeros((2, 0), dtype=np.uint8))
npz('compressed.npz', True, x=np.linspace(0, 1, 50), y=np.tile(np.arange(10, dtype=np.int16), 20), empty=np.zeros(0))

# Python's %-formatting, as np.savetxt applies it to one value.
FORMATS = ['%.18e', '%.2f', '%.0f', '%f', '%e', '%g', '%.3g', '%10.4f', '%-10.2e', '%+.3e', '%010.3f', '%#.0f', '%#g',
           '%.0e', '%G', '%E', '%.12g', '% .2f', '%5.1f', '%.10f', '%.17g', '%.1e', '%.30e']
FLOATS = [0.0, -0.0, 0.1, 0.125, 0.375, 2.5, -2.5, 1e-7, 123456789.123, 1e300, 5e-324, 2.2250738585072014e-308, 9.9999,
          1.234e-5, 1e16, 1e15, 123456.0, 1234567.0, -1.5, 0.5, 1.5, 99.995, 1 / 3, 2.0 ** 70, -7.0, 0.045, 1.005,
          float('nan'), float('inf'), float('-inf')]
for fmt in FORMATS:
    for x in FLOATS:
        fixtures['printf'].append([fmt, as_float(x), 'f', fmt % x])
for fmt in ['%d', '%5d', '%-5d|', '%+d', '%05d', '%.3d', '%i', '%s', '%8s', '%.2s']:
    for x in [0, 7, -7, 2147483647, -2147483648, 4294967295]:
        fixtures['printf'].append([fmt, x, 'i', fmt % x])
    for x in [1.7, -1.7, -0.5, 1e20]:
        fixtures['printf'].append([fmt, x, 'f', fmt % x])
for x in [0.1, 1e-5, 1e16, 123.0, -0.0, 1e22, 5e-324, 0.30000000000000004, float('nan'), float('-inf')]:
    fixtures['printf'].append(['%s', as_float(x), 'f', '%s' % x])
for x in [0.1, 1e-5, 3.4028234663852886e38, 16777217.0]:
    fixtures['printf'].append(['%s', as_float(float(np.float32(x))), 'f4', '%s' % np.float32(x)])
for x in [True, False]:
    fixtures['printf'].append(['%s', int(x), 'b', '%s' % np.bool_(x)])


def savetxt(data, dtype, **options):
    buf = io.StringIO()
    np.savetxt(buf, np.array(data, dtype=dtype), **options)
    fixtures['savetxt'].append({'data': [[as_float(v) for v in row] if isinstance(row, list) else as_float(row) for row in data],
                                'dtype': dtype, 'options': options, 'text': buf.getvalue()})


M = [[1.5, -2.0, 0.1], [3.0, 4.25, np.nan]]
savetxt(M, 'float64')
savetxt(M, 'float32')
savetxt([[1, -2], [3, 4]], 'int32', fmt='%d')
savetxt(M, 'float64', fmt='%.3f', delimiter=',')
savetxt(M, 'float64', header='a b c\nsecond line', footer='end')
savetxt(M, 'float64', fmt=['%d', '%.1f', '%g'])
savetxt(M, 'float64', fmt='%d | %.2f | %s')
savetxt(M, 'float64', comments='// ', header='h', newline='\r\n')
savetxt([1, 2, 3], 'int32')
savetxt([True, False], 'bool')
savetxt([0.1, 0.2], 'float32', fmt='%s')
savetxt([[1.0, 2.0]], 'float64', fmt='%10.3e', delimiter='\t')


def read(kind, lines, dtype=None, **options):
    fn = np.loadtxt if kind == 'loadtxt' else np.genfromtxt
    kw = dict(options)
    if dtype is not None:
        kw['dtype'] = dtype
    case = {'lines': lines, 'options': options}
    if dtype is not None:
        case['dtype'] = dtype
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            a = fn(lines, **kw)
        case |= {'shape': list(a.shape), 'values': values(a)}
    except ValueError as e:
        case['error'] = str(e)
    fixtures[kind].append(case)


L = 'loadtxt'
read(L, ['1 2', '3 4'])
read(L, ['1 2 3'])
read(L, ['1', '2'])
read(L, ['5'])
read(L, [])
read(L, [], ndmin=2)
read(L, ['# hi', '1 2 # x', '', '3 4'])
read(L, ['1 2', '3 abc'])
read(L, ['1 2', '3 abc'], dtype='int32')
read(L, ['1 2', '3 4 5'])
read(L, ['1 2', '-3 4'], dtype='int32')
read(L, ['1 0 2'], dtype='bool')
read(L, ['1,2,3', '4,5,6'], delimiter=',', usecols=[0, 2])
read(L, ['1,2,3', '4,5,6'], delimiter=',', usecols=1)
read(L, ['1,2,3', '4,5,6'], delimiter=',', usecols=-1)
read(L, ['1,2,3', '4,5,6'], delimiter=',', usecols=5)
read(L, ['a b', '1 2'], skiprows=1)
read(L, ['nan inf -inf +Inf NaN Infinity 1e3 .5 5. -0'])
read(L, ['0x10'])
read(L, [' 1 , 2 ', '3,4'], delimiter=',')
read(L, ['1,,3'], delimiter=',')
read(L, ['1 2', '3 4'], unpack=True)
read(L, ['1 2 3', '4 5 6'], unpack=True)
read(L, ['5'], ndmin=1)
read(L, ['1 2 3'], ndmin=2)
read(L, ['1', '2'], ndmin=2)
read(L, ['1\t2', '3  \t 4'])
read(L, ['1 2', '3 4', '5 6'], max_rows=2)
read(L, ['0.1 0.7'], dtype='float32')
read(L, ['1 2\r', '3 4\r'])
read(L, ['+5 -3'], dtype='int32')
read(L, ['255 0'], dtype='uint8')
read(L, ['1;2', '% c', '3;4'], delimiter=';', comments='%')
G = 'genfromtxt'
read(G, ['1,2,3', '4,,6'], delimiter=',')
read(G, ['1,2,3', '4,abc,6'], delimiter=',')
read(G, ['1,2,3'], delimiter=',')
read(G, ['1'], delimiter=',')
read(G, ['1 2 3', '4  5 6'])
read(G, ['1,2,3', '4,5', '1,2,3,4'], delimiter=',')
read(G, ['# x', '', '1,2', '', '3,4,5'], delimiter=',')
read(G, ['1,2,', '4,5,'], delimiter=',')
read(G, ['1,N/A,3'], delimiter=',', missing_values='N/A')
read(G, ['1,,abc'], delimiter=',', filling_values=-1)
read(G, ['a,b', '1,2'], delimiter=',', skip_header=1)
read(G, ['1,2', '3,4', 'end'], delimiter=',', skip_footer=1)
read(G, ['1,2,3', '4,,6'], delimiter=',', usecols=[1, 2])
read(G, ['# x', '1,2 # y', '', '3,4'], delimiter=',')
read(G, [], delimiter=',')
read(G, [' 1 , , 3 '], delimiter=',')
read(G, ['nan,inf,-inf,1e5'], delimiter=',')
read(G, ['1 2', '3 4'], unpack=True)

with open(os.path.join(HERE, '..', 'fixtures', 'io.json'), 'w') as f:
    json.dump(fixtures, f, indent=1)
print('wrote', sum(len(v) for v in fixtures.values()), 'cases;', len(os.listdir(OUT)), 'files,',
      sum(os.path.getsize(os.path.join(OUT, p)) for p in os.listdir(OUT)), 'bytes')
