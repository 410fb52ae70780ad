// Reductions over every kind of axis (none, one, several, all), with and without keepdims, on
// contiguous, transposed, flipped and stepped inputs of several dtypes, against NumPy
// (tests/fixtures/reductions*.json); then argmin/argmax ties (the first index wins, NaN wins) on
// lines short and long enough for each of the GPU's strategies.
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { type Case, type Expected, type Fixture, checkError, describe, makeInput } from '../reductions-fixtures.ts';
import random from '../fixtures/reductions.json';
import special from '../fixtures/reductions-special.json';
import { holds, mismatches, report } from './check.ts';
import { type Conformance, magnitude } from './config.ts';

type Fn = (x: np.NDArray, options: Record<string, unknown>) => np.NDArray;
const OPS: Record<string, Fn> = {
  sum: np.sum, prod: np.prod, mean: np.mean, var: np.var, std: np.std, min: np.min, max: np.max,
  all: np.all, any: np.any, argmin: np.argmin, argmax: np.argmax, cumsum: np.cumsum, cumprod: np.cumprod,
};

async function runCase(c: Conformance, fixture: Fixture, k: Case): Promise<string[]> {
  const spec = fixture.inputs[k.x];
  const what = `${describe(k, spec)} on ${c.device}`;
  return np.tidy(async () => {
    const x = makeInput(spec, c.device);
    if (k.error) {
      checkError(() => OPS[k.op](x, k.options), k.error, what);
      return [];
    }
    return mismatches(OPS[k.op](x, k.options), k.out as Expected, what, c.tol(k.op, await magnitude(x)));
  });
}

function defineFixture(test: Test, c: Conformance, name: string, fixture: Fixture): void {
  for (const op of [...new Set(fixture.cases.map((k) => k.op))]) {
    test(`${name} reductions: ${op} matches NumPy over every axis, with keepdims`, async () => {
      const cases = fixture.cases.filter((k) => k.op === op && holds(c.device, fixture.inputs[k.x].dtype));
      assert.ok(cases.length > 0);
      const failures: string[] = [];
      for (const k of cases) failures.push(...await runCase(c, fixture, k));
      report(failures, `${name} ${op}`);
    });
  }
}

export function defineReductions(test: Test, c: Conformance): void {
  defineFixture(test, c, 'random', random as Fixture);
  defineFixture(test, c, 'special', special as Fixture);

  test('argmax/argmin: the first index wins on ties, and NaN wins', async () => {
    const x = np.array([[1, 3, 3, 2], [5, 5, 1, 5], [NaN, 1, NaN, 2]], { dtype: 'float32', device: c.device });
    assert.equal(await np.argmax(x, { axis: 1 }).toArray(), [1, 0, 0]);
    assert.equal(await np.argmin(x, { axis: 1 }).toArray(), [0, 2, 0]);
    assert.equal(await np.argmax(x, { axis: 0 }).toArray(), [2, 1, 2, 1]);
    assert.equal(await np.argmin(x, { axis: 0 }).toArray(), [2, 2, 2, 0]);
    assert.equal(await np.argmax(x).toArray(), 8);
    const ints = np.array([7, -1, 7, 3, -1], { dtype: 'int32', device: c.device });
    assert.equal([await np.argmax(ints).toArray(), await np.argmin(ints).toArray()], [0, 1]);
  });

  test('argmax/argmin ties on long lines (one workgroup per line on the GPU) and many lines', async () => {
    for (const [rows, len] of [[1, 5000], [3, 1000], [2000, 7]]) {
      const data = new Float32Array(rows * len).map((_, i) => (i % 97) / 7);
      const expect: number[] = [];
      for (let r = 0; r < rows; r++) {
        // two equal maxima and two equal minima per row (the second ones last); the first must be found
        const hi = (r * 3) % (len - 3);
        const lo = (hi + 1 + (r % 2)) % (len - 3);
        data.fill(0.5, r * len, (r + 1) * len);
        data[r * len + hi] = data[r * len + len - 1] = 9;
        data[r * len + lo] = data[r * len + len - 2] = -9;
        expect.push(hi, lo);
      }
      const x = np.array(data, { dtype: 'float32', device: c.device }).reshape([rows, len]);
      const [mx, mn] = [await np.argmax(x, { axis: 1 }).data(), await np.argmin(x, { axis: 1 }).data()];
      for (let r = 0; r < rows; r++) assert.equal([mx[r], mn[r]], [expect[2 * r], expect[2 * r + 1]], `row ${r} of ${rows}x${len}`);
    }
  });
}
