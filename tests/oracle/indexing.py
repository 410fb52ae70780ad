"""Fixtures for tests/indexing.test.ts: NumPy's answers for reading and writing through indices.

Run with Debian's NumPy 1.24:  /usr/bin/python3 tests/oracle/indexing.py
Writes tests/fixtures/indexing.json.

Index items are encoded as JSON: an int, a slice string ('1:4:-1'), null (newaxis), '...',
{"ints": nested} (an integer array), {"bools": nested} (a boolean array), {"bool": b} (a scalar bool).
Every source array is np.arange(size).reshape(shape) in int32, optionally prepared first
("T": transposed, "flip": reversed along axis 0) so that indexing also runs on strided views.
"""
import json
import os

import common  # noqa: E402,F401  (drops this folder from sys.path before NumPy is imported)
import random  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

warnings.simplefilter("error")  # a case that warns in NumPy is a case we do not want
rng = random.Random(1234)


def parse_slice(text):
    parts = [p.strip() for p in text.split(":")]
    vals = [int(p) if p else None for p in parts]
    return slice(*vals)


def decode(item):
    if item is None:
        return None
    if isinstance(item, bool):
        raise ValueError("use {'bool': b}")
    if isinstance(item, int):
        return item
    if isinstance(item, str):
        return Ellipsis if item.strip() == "..." else parse_slice(item)
    if "ints" in item:
        return np.array(item["ints"], dtype=np.intp)
    if "bools" in item:
        return np.array(item["bools"], dtype=bool)
    return bool(item["bool"])


def source(shape, prep):
    a = np.arange(int(np.prod(shape)), dtype=np.int32).reshape(shape)
    if prep == "T":
        a = a.T
    elif prep == "flip":
        a = a[::-1]
    return a


def error(e):
    # NumPy 1.24 only warns about out-of-bound indices when the result is empty, announcing the
    # IndexError it chains (NumPy 2 raises it): record that error.
    if isinstance(e, DeprecationWarning) and isinstance(e.__context__, IndexError):
        e = e.__context__
    return {"error": [type(e).__name__, str(e)]}


def describe(r, a, basic):
    """Values and shape; for basic indices also the strides (in elements) of the view."""
    if not isinstance(r, np.ndarray):  # NumPy returns a scalar when every axis gets an integer
        return {"outShape": [], "values": [int(r)], "scalar": True}
    out = {"outShape": list(r.shape), "values": [int(v) for v in r.ravel()], "shares": bool(np.shares_memory(r, a))}
    if basic:
        out["strides"] = [s // r.itemsize for s in r.strides]
    return out


def get_case(shape, index, prep=None):
    a = source(shape, prep)
    case = {"shape": list(shape), "prep": prep, "index": index}
    try:
        basic = not any(isinstance(i, dict) for i in index)
        case.update(describe(a[tuple(decode(i) for i in index)], a, basic))
    except (IndexError, ValueError, TypeError, DeprecationWarning) as e:
        case.update(error(e))
    return case


def set_case(shape, index, value, prep=None):
    """value: an int, or {"array": nested} (an int32 array)."""
    base = np.arange(int(np.prod(shape)), dtype=np.int32).reshape(shape)
    a = base.T if prep == "T" else base[::-1] if prep == "flip" else base
    case = {"shape": list(shape), "prep": prep, "index": index, "value": value}
    v = value if isinstance(value, (int, float)) else np.array(value["array"], dtype=np.int32)
    try:
        a[tuple(decode(i) for i in index)] = v
        case["after"] = [int(x) for x in base.ravel()]  # the base, written through the view
    except (IndexError, ValueError, TypeError, OverflowError, DeprecationWarning) as e:
        case.update(error(e))
    return case


# ---- 1-D slices: every start/stop/step combination on a length-5 axis --------------------------
def slice_text(start, stop, step):
    s = lambda v: "" if v is None else str(v)
    return f"{s(start)}:{s(stop)}" + ("" if step is None else f":{step}")


BOUNDS = [None, -7, -5, -2, 0, 2, 4, 5, 7]
STEPS = [None, 1, 2, 3, -1, -2, -4, 0]
slices_1d = [get_case([5], [slice_text(b, e, s)]) for b in BOUNDS for e in BOUNDS for s in STEPS]
slices_1d += [get_case([0], [t]) for t in [":", "::-1", "1:", "-1:", "::2"]]
slices_1d += [get_case([5], [t]) for t in [":", "::", " 1 : 4 ", "::-1", "-3:", "1:4:-1", "4:1", "5:12"]]


# ---- random index tuples on 1-D..4-D arrays ---------------------------------------------------------
SHAPES = [(5,), (4, 3), (2, 3, 4), (2, 3, 2, 3), (3, 0, 2)]


def rand_slice(n):
    pick = lambda: rng.choice([None, None, -n - 2, -n, -1, 0, 1, n // 2, n - 1, n, n + 2])
    step = rng.choice([None, None, 1, 2, 3, -1, -2, -3])
    return slice_text(pick(), pick(), step)


def rand_ints(n, shape, oob=0.05):
    vals = [rng.randrange(-n, n) if n > 0 and rng.random() > oob else rng.choice([n, -n - 1, n + 3])
            for _ in range(int(np.prod(shape)))]
    return np.array(vals, dtype=int).reshape(shape).tolist() if shape else vals[0]


def rand_bools(shape, mismatch=0.05):
    shape = list(shape)
    if shape and rng.random() < mismatch:
        shape[rng.randrange(len(shape))] += 1
    return (np.array([rng.random() < 0.5 for _ in range(int(np.prod(shape)))]).reshape(shape)).tolist()


def rand_index(shape, advanced):
    """A random index for `shape`; `advanced` allows integer/boolean arrays."""
    items, axis = [], 0
    used_ellipsis = False
    for _ in range(rng.randint(0, len(shape) + 1)):
        n = shape[axis] if axis < len(shape) else 3
        kinds = ["int", "slice", "slice", "newaxis", "ellipsis"] + (["ints", "ints", "bools"] if advanced else [])
        kind = rng.choice(kinds)
        if kind == "int":
            items.append(rand_ints(n, (), oob=0.08)); axis += 1
        elif kind == "slice":
            items.append(rand_slice(n)); axis += 1
        elif kind == "newaxis":
            items.append(None)
        elif kind == "ellipsis":
            if used_ellipsis and rng.random() < 0.7:
                continue
            used_ellipsis = True
            items.append("...")
            axis = max(axis, len(shape) - 1)
        elif kind == "ints":
            ishape = rng.choice([(2,), (3,), (1,), (2, 1), (1, 2), (2, 2), (0,)])
            items.append({"ints": rand_ints(n, ishape)}); axis += 1
        else:
            k = rng.choice([1, 1, 2]) if axis + 1 < len(shape) else 1
            items.append({"bools": rand_bools(shape[axis:axis + k] if axis < len(shape) else (3,))}); axis += k
    return items


combos = []
for shape in SHAPES:
    for prep in [None, "T", "flip"]:
        for _ in range(25):
            combos.append(get_case(list(shape), rand_index(shape, advanced=False), prep))
        for _ in range(25):
            combos.append(get_case(list(shape), rand_index(shape, advanced=True), prep))


# ---- hand-picked cases: placement of advanced dims, masks, 0-d, errors ------------------------------
I = lambda *v: {"ints": list(v)}
B = lambda *v: {"bools": list(v)}
hand = [
    # adjacent advanced indices replace their axes in place; separated ones go first
    ([3, 4, 5], [":", I(0, 2)]), ([3, 4, 5], [I(0, 1), ":", I(1, 2)]), ([3, 4, 5], ["...", I(0, 1)]),
    ([3, 4, 5], [":", I(0, 1), I(1, 2)]), ([3, 4, 5], [0, ":", I(0, 1)]), ([3, 4, 5], [":", 0, I(0, 1)]),
    ([3, 4, 5], [I(0, 1), None, I(0, 1)]), ([3, 4, 5], [":", I(0, 1), "...", I(0, 1)]),
    ([3, 4, 5], [I(0, 1), "...", I(0, 1), ":"]), ([3, 4, 5], [":", I(0, 1), I(0, 1), "..."]),
    ([3, 4, 5], [{"ints": [[0], [2]]}, ":", {"ints": [[1, 2, 3]]}]), ([3, 4, 5], [":", {"ints": [[0], [2]]}, {"ints": [1, 2, 3, 4]}]),
    ([3, 4, 5], [{"ints": [[0, 1]]}, {"ints": [[0], [1], [2]]}, {"ints": [0, 1, 2, 3]}]),
    ([3, 4], [I(0, 1), I(0, 1, 2)]), ([3, 4, 5], [0, I(0, 1), I(0, 1, 2)]), ([3, 4], [I(), ":"]), ([3, 4], [I(9), I()]),
    ([3, 4], [I(-3, -1)]), ([3, 4], [I(-4)]), ([3, 4], [":", I(4)]), ([3, 4], [None, I(5)]), ([3, 4], [None, ":", I(5)]),
    ([3, 4, 5], [9, I(9)]), ([3, 4, 5], [I(9), 9]), ([3, 4, 5], [":", I(9), 9]), ([3, 4, 5], [9, I(0, 1), I(0, 1, 2)]),
    ([3, 4], [{"ints": [[0, 1], [2, 0]]}]), ([3, 4], [":", {"ints": [[0, 1], [2, 3]]}]), ([3, 4], [{"ints": [[1]]}, {"ints": [[0, 3]]}]),
    # boolean masks
    ([3, 4], [B(True, False, True)]), ([3, 4], [":", B(True, False, True, False)]), ([3, 4], [B(True, False, True, False)]),
    ([3, 4], [":", B(True, False, True)]), ([3, 4], [{"bools": [[True, False, True, False], [False, False, True, True], [True, True, True, False]]}]),
    ([3, 4, 5], [{"bools": [[True, False, True, False], [False, False, True, True], [True, True, True, False]]}]),
    ([3, 4, 5], [":", {"bools": [[True] * 5] * 4}]), ([3, 4, 5], [":", {"bools": [[True] * 4] * 4}]),
    ([3, 4, 5], [{"bools": [[True] * 5] * 3}]), ([3, 4], [{"bools": [[True]]}]), ([3, 4], [B(True, False, True), I(0, 1)]),
    ([3, 4], [B(True, False, True), I(0, 1, 2)]), ([3, 4, 5], [I(0, 0), B(True, False, True, False)]),
    ([3, 4], [{"bool": True}]), ([3, 4], [{"bool": False}]), ([3, 4], [0, {"bool": True}]), ([3, 4], [{"bool": True}, I(0, 1)]),
    ([3, 4], [B(False, False, False)]), ([3, 4], [B(True, False), 9]), ([3, 4], [9, B(True, False)]), ([3, 4], [I(9), B(True, False)]),
    # basic indexing, 0-d arrays and errors
    ([3, 4], [5]), ([3, 4], [":", 5]), ([3, 4], [None, 5]), ([3, 4], [0, 0, 0]), ([3, 4], ["...", "..."]), ([3, 4], [9, "...", "..."]),
    ([3, 4], [9, 0, 0]), ([3, 4], ["...", 0, 0, 0]), ([3, 4], [{"bools": [[True] * 4] * 3}, 0]), ([3, 4], ["::0"]),
    ([3, 4], [":", "::0"]), ([3, 4], [None]), ([3, 4], [None, None, ":", None]), ([3, 4], ["..."]), ([3, 4], []),
    ([3, 4], ["...", None]), ([3, 4], [-1, -1]), ([3, 4], [-3]), ([3, 4], ["1:1"]), ([3, 4], ["5:"]), ([3, 4], ["::", 0]),
    ([], []), ([], ["..."]), ([], [None]), ([], [0]), ([], [{"bool": True}]), ([5], [{"ints": 1}]),
]
hand_cases = [get_case(shape, index) for shape, index in hand]
hand_cases += [get_case([3, 4], index, "T") for index in ([":", I(0, 2)], [I(0, 2), "::-1"], [B(True, False, True, False)])]


# ---- assignment ------------------------------------------------------------------------------------
A = lambda v: {"array": v}
set_hand = [
    ([3, 4], [0], 7), ([3, 4], [0], A([1, 2, 3, 4])), ([3, 4], [0], A([1, 2])), ([3, 4], [0], A([[1, 2, 3, 4]])),
    ([3, 4], [0], A([[[1, 2, 3, 4]]])), ([3, 4], [0], A([[1, 2, 3, 4], [1, 2, 3, 4]])), ([3, 4], [0], A([[1], [2], [3], [4]])),
    ([3, 4], [":", "1:3"], A([[1], [2], [3]])), ([3, 4], ["::-1", "::2"], A([5, 6])), ([3, 4], ["...", None, 1], A([1, 2, 3])),
    ([3, 4], [I(0, 1)], A([1, 2, 3])), ([3, 4], [I(0, 1)], A([[[1, 1, 1, 1], [2, 2, 2, 2]]])), ([3, 4], [I(0, 1)], A([[1, 2, 3, 4], [5, 6, 7, 8]])),
    ([3, 4], [I(0, 1)], A([[[1, 2, 3, 4]], [[5, 6, 7, 8]]])), ([3, 4], [I(0, 0)], A([[1] * 4, [2] * 4])),
    ([3, 4], [I(0, 0, 0), I(1, 1, 1)], A([5, 6, 7])), ([3, 4], [":", I(5)], 1), ([3, 4], [I(5)], 1), ([3, 4], [5], 1),
    ([3, 4], [I(0, 1), I(0, 1, 2)], 1), ([3, 4], [":", I(3, 0)], A([[1, 2], [3, 4], [5, 6]])),
    ([3, 4, 5], [0, ":", I(0, 1)], A([[1, 2, 3, 4], [5, 6, 7, 8]])), ([3, 4, 5], [":", 0, I(0, 1)], A([1, 2])),
    ([3, 4], [B(True, False, True)], A([1, 2])), ([3, 4], [B(True, False, True)], A([1, 2, 3, 4])),
    ([3, 4], [B(True, False, True)], A([[1], [2]])), ([3, 4], [":", B(True, False, True, False)], A([1, 2, 3])),
    ([3, 4], [":", B(True, False, True, False)], A([[1], [2], [3]])), ([3, 4], [":", B(True, False, True, False)], 0),
    ([3, 4], [{"bools": [[True, False, True, False], [False, False, True, True], [True, True, True, False]]}], 0),
    ([3, 4], [{"bools": [[True, False, True, False], [False, False, True, True], [True, True, True, False]]}], A([1])),
    ([3, 4], [{"bools": [[True, False, True, False], [False, False, True, True], [True, True, True, False]]}], A([1, 2, 3, 4, 5, 6, 7])),
    ([3, 4], [{"bools": [[True, False, True, False], [False, False, True, True], [True, True, True, False]]}], A([1, 2, 3])),
    ([3, 4], [{"bools": [[True, False, True, False], [False, False, True, True], [True, True, True, False]]}], A([[1, 2, 3, 4, 5, 6, 7]])),
    ([3], [B(True, False, True)], A([1, 2, 3])), ([3, 4, 5], [I(0, 2), B(True, False, True, True)], 0),
    ([], [], 5), ([], ["..."], A([7])), ([], [{"bool": True}], A([1, 2])), ([2, 3], [I(1, -1, 0, -2)], A([[1, 2, 3]])),
]
set_cases = [set_case(shape, index, value) for shape, index, value in set_hand]
set_cases += [set_case([3, 4], [":", I(0, 2)], A([[1, 2], [3, 4], [5, 6], [7, 8]]), "T"),
              set_case([3, 4], ["1:", "::-1"], A([1, 2, 3]), "flip")]


def rand_value(shape):
    """A value for an assignment into `shape`: a scalar, or an array broadcastable to it (or not)."""
    if rng.random() < 0.3:
        return rng.randrange(-50, 50)
    vshape = list(shape)
    if vshape and rng.random() < 0.5:
        vshape = vshape[rng.randrange(len(vshape) + 1):]
    vshape = [1 if rng.random() < 0.3 else d for d in vshape]
    if rng.random() < 0.1:
        vshape = [1] + vshape
    if rng.random() < 0.05:
        vshape = vshape + [2]
    return A(np.arange(100, 100 + int(np.prod(vshape)), dtype=int).reshape(vshape).tolist())


for shape in SHAPES[:4]:
    for _ in range(30):
        index = rand_index(shape, advanced=True)
        try:
            target = source(shape, None)[tuple(decode(i) for i in index)]
        except Exception:
            continue
        set_cases.append(set_case(list(shape), index, rand_value(np.shape(target))))


# ---- item, take, nonzero/argwhere, put, take/put_along_axis ------------------------------------------
def item_case(shape, args):
    a = source(shape, None)
    case = {"shape": list(shape), "args": args}
    try:
        case["value"] = int(a.item(*args))
    except (IndexError, ValueError) as e:
        case.update(error(e))
    return case


item_cases = [item_case(s, args) for s, args in [
    ([3, 4], []), ([1, 1], []), ([], []), ([3, 4], [5]), ([3, 4], [-1]), ([3, 4], [12]), ([3, 4], [-13]), ([3, 4], [1, 2]),
    ([3, 4], [-1, -4]), ([3, 4], [1, 5]), ([3, 4], [1, 2, 3]), ([3], [5]), ([3], [-4]), ([3], [2]), ([], [0]), ([], [1]),
    ([2, 3, 4], [1, 2, 3]), ([2, 3, 4], [23]), ([2, 3, 4], [1, 2]),
]]


def call_case(fn, shape, args, kwargs):
    a = source(shape, None).copy()
    case = {"fn": fn, "shape": list(shape), "args": args, "kwargs": kwargs}
    try:
        if fn in ("put", "put_along_axis"):
            getattr(np, fn)(a, *[np.array(x) for x in args], **kwargs)
            r = a
        elif fn in ("nonzero",):
            r = np.stack(np.nonzero(a.reshape(shape) % 3 == 0)) if a.ndim else None
        elif fn == "argwhere":
            r = np.argwhere(a % 3 == 0)
        else:
            r = getattr(np, fn)(a, *[np.array(x) for x in args], **kwargs)
        case.update({"outShape": list(np.shape(r)), "values": [int(v) for v in np.ravel(r)]})
    except (IndexError, ValueError, TypeError) as e:
        case.update(error(e))
    return case


calls = [call_case(*c) for c in [
    ("take", [3, 4], [[1, 5, -1]], {}), ("take", [3, 4], [12], {}), ("take", [3, 4], [5], {}), ("take", [3, 4], [[[0, 1]]], {"axis": 1}),
    ("take", [3, 4], [[5]], {"axis": 1}), ("take", [3, 4], [2], {"axis": 0}), ("take", [3, 4], [[-1, 0]], {"axis": -1}),
    ("take", [5], [[7, -8]], {"mode": "wrap"}), ("take", [5], [[7, -8]], {"mode": "clip"}), ("take", [3, 4], [[0, 1]], {"axis": 2}),
    ("nonzero", [3, 4], [], {}), ("nonzero", [2, 3, 4], [], {}), ("argwhere", [3, 4], [], {}), ("argwhere", [5], [], {}),
    ("put", [3, 4], [[0, 5, -1], [9, 8]], {}), ("put", [3, 4], [[12], [9]], {}), ("put", [3, 4], [[1, 1], [7, 8]], {}),
    ("put", [5], [[7, -8], [1, 2]], {"mode": "clip"}),
    ("take_along_axis", [3, 4], [[[0], [1], [2]]], {"axis": 1}), ("take_along_axis", [3, 4], [[[2, 0, 1, 0]]], {"axis": 0}),
    ("take_along_axis", [3, 4], [[0, 1]], {"axis": 1}), ("take_along_axis", [3, 4], [[[9], [1], [2]]], {"axis": 1}),
    ("put_along_axis", [3, 4], [[[0], [1], [2]], [[7], [8], [9]]], {"axis": 1}),
    ("put_along_axis", [3, 4], [[[3, 3, 3, 3]], 0], {"axis": 0}),
]]

out = {
    "numpy": np.__version__,
    "slices1d": slices_1d, "combos": combos, "hand": hand_cases, "set": set_cases,
    "item": item_cases, "calls": calls,
}
path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "indexing.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(f"wrote {path}: {sum(len(v) for v in out.values() if isinstance(v, list))} cases, {os.path.getsize(path)} bytes")
