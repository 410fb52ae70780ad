"""ONNX's own checker on the models tessera exports: every build/onnx/*.onnx that tests/nn_onnx.test.ts
writes (the test runs each one in ONNX Runtime; this is the second opinion, from the format's authors).

Run by hand, after the test, with Debian's ONNX (apt-get install -y python3-onnx):
    node scripts/test.mjs nn_onnx && /usr/bin/python3 tests/oracle/onnx_check.py
Each file goes through onnx.checker.check_model(full_check=True): the protobuf parses, the IR and the
opset are known, every node is valid for its operator's schema, and strict shape inference agrees with
the declared output shape. Where onnx.reference exists (ONNX 1.13 and later; Debian 12 has 1.12) the
model is also evaluated on a random batch of 2, which must give a finite output of the declared shape.
A file whose IR or opset is newer than this ONNX knows is reported as skipped. Exits 1 on any failure.
"""
import common  # noqa: F401  (drops this folder from sys.path before NumPy is imported)
from common import HERE

import glob
import os
import sys

import numpy as np
import onnx
from onnx import checker, defs

try:
    from onnx.reference import ReferenceEvaluator
except ImportError:
    ReferenceEvaluator = None

BUILD = os.path.normpath(os.path.join(HERE, '..', '..', 'build', 'onnx'))


def shape_of(value_info, batch):
    """The declared shape, symbolic dimensions (the batch axis "N") taken as `batch`."""
    return [d.dim_value if d.HasField('dim_value') else batch for d in value_info.type.tensor_type.shape.dim]


def check(path):
    """'ok', or 'skipped: why'; raises on a failed check."""
    model = onnx.load(path)
    opset = max(o.version for o in model.opset_import if o.domain in ('', 'ai.onnx'))
    if model.ir_version > onnx.IR_VERSION or opset > defs.onnx_opset_version():
        return f'skipped: IR {model.ir_version}, opset {opset} (this ONNX {onnx.__version__} knows IR {onnx.IR_VERSION}, opset {defs.onnx_opset_version()})'
    checker.check_model(model, full_check=True)
    if ReferenceEvaluator is None:
        return 'ok (checker; no onnx.reference in this ONNX)'
    x = np.random.default_rng(0).normal(size=shape_of(model.graph.input[0], 2)).astype(np.float32)
    (y,) = ReferenceEvaluator(model).run(None, {model.graph.input[0].name: x})
    assert list(y.shape) == shape_of(model.graph.output[0], 2), f'output shape {y.shape}'
    assert np.isfinite(y).all(), 'non-finite output'
    return 'ok (checker and onnx.reference)'


def main():
    files = sorted(glob.glob(os.path.join(BUILD, '*.onnx')))
    if not files:
        print(f'no .onnx files in {BUILD}: run `node scripts/test.mjs nn_onnx` first')
        return 1
    failed = skipped = 0
    for path in files:
        try:
            result = check(path)
        except Exception as e:  # noqa: BLE001 - every failure is reported, then counted
            result = f'FAILED: {type(e).__name__}: {e}'
            failed += 1
        skipped += result.startswith('skipped')
        print(f'{os.path.basename(path)}: {result}')
    print(f'{len(files) - failed - skipped} passed, {failed} failed, {skipped} skipped')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
