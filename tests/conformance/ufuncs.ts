// Every ufunc of ndarray/ops.ts on every dtype the device holds, against NumPy's results
// (tests/fixtures/ufuncs_values.json: NaN, ±inf, -0, integer limits), and broadcasting of every pair
// of 20 shapes plus three-operand `where` (tests/fixtures/ufuncs_broadcast.json).
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { BINARY_OPS, UNARY_OPS } from '../../ndarray/ops.ts';
import { deviceDType } from '../../ndarray/backend.ts';
import { type Encoded, type NpError, checkError, decode, fromEncoded } from '../ufuncs-fixtures.ts';
import values from '../fixtures/ufuncs_values.json';
import broadcast from '../fixtures/ufuncs_broadcast.json';
import { holds, mismatches, report } from './check.ts';
import type { Conformance } from './config.ts';

type Case = { op: string; out?: Encoded; error?: NpError };
type Fn = (...xs: np.NDArray[]) => np.NDArray;
const fn = (name: string): Fn => (np as unknown as Record<string, Fn>)[name];

/** When the device computes a float64 result in float32 (see deviceDType), integer inputs above
 *  2^24 are rounded on the way in, and the result belongs to the rounded input (sin(2^31), not
 *  sin(2^31 - 1)): those elements are not compared. */
function inexactInputs(c: Conformance, inputs: Encoded[], out: Encoded): ((i: number) => boolean) | undefined {
  if (deviceDType(c.device, out.dtype as np.DType) === out.dtype) return undefined;
  return (i) => inputs.some((e) => {
    const v = decode(e.data[i]);
    return Number.isFinite(v) && Math.fround(v) !== v;
  });
}

/** Runs the fixture cases whose inputs this device holds; returns the mismatches. */
async function runCases(c: Conformance, cases: (Case & { inputs: Encoded[] })[]): Promise<{ failures: string[]; ran: number }> {
  const failures: string[] = [];
  let ran = 0;
  for (const k of cases) {
    if (!k.inputs.every((e) => holds(c.device, e.dtype))) continue;
    const label = `${k.op}(${k.inputs.map((e) => e.dtype).join(', ')}) on ${c.device}`;
    ran++;
    await np.tidy(async () => {
      const xs = await Promise.all(k.inputs.map((e) => fromEncoded(e).to(c.device)));
      if (k.error) checkError(() => fn(k.op)(...xs), k.error, label);
      else failures.push(...await mismatches(fn(k.op)(...xs), k.out as Encoded, label, c.tol(k.op), inexactInputs(c, k.inputs, k.out as Encoded)));
    });
  }
  return { failures, ran };
}

export function defineUfuncs(test: Test, c: Conformance): void {
  test('every op of the table is exported and covered by the fixtures', () => {
    const covered = new Set([...values.unary, ...values.binary].map((k) => k.op));
    for (const name of [...UNARY_OPS.keys(), ...BINARY_OPS.keys()]) {
      assert.ok(covered.has(name), `fixture for ${name}`);
      assert.type(fn(name), 'function', `np.${name}`);
    }
  });

  test('unary ufuncs match NumPy on every dtype', async () => {
    const cases = values.unary.map((k) => ({ ...(k as Case), inputs: [k.x as Encoded] }));
    const { failures, ran } = await runCases(c, cases);
    assert.ok(ran >= (c.device === 'webgpu' ? 250 : 300), `${ran} cases ran`);
    report(failures, 'unary ufuncs');
  });

  test('binary ufuncs match NumPy on every dtype', async () => {
    const cases = values.binary.map((k) => ({ ...(k as Case), inputs: [k.a as Encoded, k.b as Encoded] }));
    const { failures, ran } = await runCases(c, cases);
    assert.ok(ran >= (c.device === 'webgpu' ? 200 : 230), `${ran} cases ran`);
    report(failures, 'binary ufuncs');
  });

  /** The oracle's operand(shape, k): arange(n) * (k + 1) + 10k (float64 on the CPU). */
  const operand = (shape: number[], k: number): np.NDArray => {
    const n = shape.reduce((p, d) => p * d, 1);
    const dtype = deviceDType(c.device, 'float64');
    return np.arange(n, undefined, 1, { dtype, device: c.device }).multiply(k + 1).add(10 * k).reshape(shape);
  };

  test('add broadcasts every pair of shapes as NumPy does', async () => {
    const failures: string[] = [];
    for (const k of broadcast.pairs) {
      if (k.error !== undefined || !k.add) continue;
      const [a, b] = k.shapes.map((s, i) => operand(s, i));
      const what = `(${k.shapes[0]}) + (${k.shapes[1]})`;
      failures.push(...await mismatches(np.add(a, b), { shape: k.shape as number[], dtype: 'float64', data: k.add }, what, c.tol('add')));
    }
    report(failures, 'broadcasting');
  });

  test('where broadcasts its three operands', async () => {
    const failures: string[] = [];
    for (const k of broadcast.triples) {
      if (k.error !== undefined || !k.where) continue;
      const [cs, xs, ys] = k.shapes;
      const n = cs.reduce((p, d) => p * d, 1);
      const cond = np.equal(np.mod(np.arange(n, undefined, 1, { device: c.device }), 2), 0).reshape(cs);
      failures.push(...await mismatches(np.where(cond, operand(xs, 1), operand(ys, 2)), k.where, `where (${k.shapes.join(') (')})`, c.tol('where')));
    }
    report(failures, 'where');
  });
}
