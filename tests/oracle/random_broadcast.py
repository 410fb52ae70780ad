"""Oracle for tests/upstream/numpy_random.test.ts: RandomState methods with array-valued parameters
(broadcast together and against `size`) and with refused parameters -> tests/fixtures/random_broadcast.json.

Run with Debian's NumPy: `/usr/bin/python3 tests/oracle/random_broadcast.py`. Each case is a call in
tessera's names and argument order on a fresh RandomState(seed); `out` is NumPy's result, or `error`
and `message` when NumPy refuses the call (then the test also checks that the stream did not move).
"""
import common  # noqa: F401  (drops this folder from sys.path before NumPy is imported)
import numpy as np  # noqa: E402

SNAKE = {'standardNormal': 'standard_normal'}

CASES = [
    # normal(loc, scale, size): the ports of TestBroadcast::test_normal and friends
    {'fn': 'normal', 'args': [[0, 0, 0], [1]]},
    {'fn': 'normal', 'args': [[0, 10, 20], 1]},
    {'fn': 'normal', 'args': [0, [1, 2, 3]]},
    {'fn': 'normal', 'args': [[[0], [100]], [1, 2, 3]]},
    {'fn': 'normal', 'args': [[0, 10], [1, 2], [3, 2]]},
    {'fn': 'normal', 'args': [[0, 10], 1, [2, 2, 2]]},
    {'fn': 'normal', 'args': [[1.5], 2]},
    {'fn': 'normal', 'args': [[0, 0], [1, 1, 1]]},
    {'fn': 'normal', 'args': [[0, 10], [1, 2], 3]},
    {'fn': 'normal', 'args': [0, [1, 1], [3]]},
    {'fn': 'normal', 'args': [[[0]], 1, [3]]},
    {'fn': 'normal', 'args': [0, [1, -1]]},
    {'fn': 'normal', 'args': [0, -1]},
    {'fn': 'normal', 'args': ['a', 1]},
    {'fn': 'normal', 'args': [0, 'b']},
    {'fn': 'normal', 'args': [None, 1]},
    {'fn': 'normal', 'args': [[], 1]},
    # uniform(low, high, size)
    {'fn': 'uniform', 'args': [[0, 1], [[2], [3]]]},
    {'fn': 'uniform', 'args': [[-1, 0, 1], 5, [2, 3]]},
    {'fn': 'uniform', 'args': [[0, 1, 2], [1, 2]]},
    {'fn': 'uniform', 'args': [0, [1, float('inf')]]},
    {'fn': 'uniform', 'args': ['x', 1]},
    # randint(low, high, size, dtype)
    {'fn': 'randint', 'args': [[0, 10], [5, 20]]},
    {'fn': 'randint', 'args': [[0, 10], [5, 20], [3, 2]]},
    {'fn': 'randint', 'args': [[5, 20, 300]]},
    {'fn': 'randint', 'args': [[[0], [5]], [10, 200, 3000]]},
    {'fn': 'randint', 'args': [[0, 1], [3, 4]], 'dtype': 'uint8'},
    {'fn': 'randint', 'args': [[0, -100], [2, 100], [4, 2]], 'dtype': 'int8'},
    {'fn': 'randint', 'args': [[0, 1], 2, [3, 2]], 'dtype': 'bool'},
    {'fn': 'randint', 'args': [[0], [3], [2]]},
    {'fn': 'randint', 'args': [[0, 10], [5, 5]]},
    {'fn': 'randint', 'args': [[0, 0], [0, 3]]},
    {'fn': 'randint', 'args': [[0, 1], [3, 4], [3]]},
    {'fn': 'randint', 'args': [[-1, 0], [2, 3]], 'dtype': 'uint8'},
    {'fn': 'randint', 'args': [[0, 0], [2, 257]], 'dtype': 'uint8'},
    # binomial(n, p, size), poisson(lam, size)
    {'fn': 'binomial', 'args': [[10, 20], [0.5]]},
    {'fn': 'binomial', 'args': [[[5], [50]], [0.1, 0.5, 0.9], [2, 3]]},
    {'fn': 'binomial', 'args': [[10, 20], [0.5, 0.5, 0.5]]},
    {'fn': 'binomial', 'args': [[10, -1], 0.5]},
    {'fn': 'binomial', 'args': [10, [0.5, float('nan')]]},
    {'fn': 'binomial', 'args': [10, [0.5, 1.5]]},
    {'fn': 'poisson', 'args': [[1, 20, 100]]},
    {'fn': 'poisson', 'args': [[[1], [2]], [2, 3]]},
    {'fn': 'poisson', 'args': [[1, -1]]},
    {'fn': 'poisson', 'args': [[1, 2], [3]]},
    # multinomial: RandomState (unlike Generator) takes 1-D pvals only
    {'fn': 'multinomial', 'args': [10, [[0.5, 0.5], [0.2, 0.8]]]},
]


def call(rs, case):
    args = list(case['args'])
    if len(args) > 2 and isinstance(args[2], list):
        args[2] = tuple(args[2])
    elif case['fn'] == 'poisson' and len(args) > 1 and isinstance(args[1], list):
        args[1] = tuple(args[1])
    kwargs = {'dtype': case['dtype']} if 'dtype' in case else {}
    return getattr(rs, SNAKE.get(case['fn'], case['fn']))(*args, **kwargs)


def run(case):
    rs = np.random.RandomState(case.get('seed', 0))
    try:
        out = call(rs, case)
    except Exception as e:  # noqa: BLE001  (the oracle records NumPy's refusals)
        return common.plain(dict(case, error=type(e).__name__, message=str(e)))
    return common.plain(dict(case, out=out, shape=list(np.shape(out)), next=rs.random_sample()))


def main():
    fixture = {'numpy': np.__version__, 'cases': [run(c) for c in CASES]}
    print(common.write_json('random_broadcast.json', fixture))


if __name__ == '__main__':
    main()
