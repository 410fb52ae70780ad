// Sorting and the order statistics built on it: np.sort and np.argsort over every axis and axis null,
// on contiguous, transposed, flipped and stepped inputs of every dtype the device holds, against NumPy
// (tests/fixtures/reductions-sorting.json; argsort is stable, so ties follow NumPy's kind='stable');
// then np.median, np.quantile and np.percentile, which sort first (tests/fixtures/extras.json).
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import * as np from '../../ndarray/index.ts';
import { type Case, type Expected, type Fixture, checkError, describe, makeInput } from '../reductions-fixtures.ts';
import { decodeNested } from '../fixture-values.ts';
import sortingJson from '../fixtures/reductions-sorting.json';
import extrasJson from '../fixtures/extras.json';
import { EXACT, holds, mismatches, report } from './check.ts';
import { type Conformance, magnitude } from './config.ts';

const sorting = sortingJson as Fixture;
const SORTS: Record<string, (x: np.NDArray, options: Record<string, unknown>) => np.NDArray> = {
  sort: (x, options) => np.sort(x, options),
  argsort: (x, options) => np.argsort(x, options),
};

/** extras.json's cases: the input and the expected result as nested lists. */
type Nested = number | string | boolean | Nested[];
interface Encoded { shape: number[]; dtype: np.DType; data: Nested }
interface ExtraCase { op: string; x: Encoded; args: Record<string, unknown>; out?: Encoded; error?: { type: string; message: string } }
const extras = (extrasJson as { cases: ExtraCase[] }).cases;
const STATISTICS: Record<string, (x: np.NDArray, args: Record<string, unknown>) => np.NDArray> = {
  median: (x, a) => np.median(x, a),
  quantile: (x, { q, ...a }) => np.quantile(x, q as number, a),
  percentile: (x, { q, ...a }) => np.percentile(x, q as number, a),
};

/** The numbers of nested lists in C order (bools as 0 and 1; 'nan', 'inf' stay as encoded). */
const flat = (v: Nested): (number | string)[] => (Array.isArray(v) ? v.flatMap(flat) : [typeof v === 'boolean' ? Number(v) : v]);

export function defineSorting(test: Test, c: Conformance): void {
  for (const op of Object.keys(SORTS)) {
    test(`${op} matches NumPy over every axis, on views, NaN last`, async () => {
      const cases = sorting.cases.filter((k: Case) => k.op === op && holds(c.device, sorting.inputs[k.x].dtype));
      assert.ok(cases.length > 100, `${cases.length} cases`);
      const failures: string[] = [];
      for (const k of cases) {
        const spec = sorting.inputs[k.x];
        const what = `${describe(k, spec)} on ${c.device}`;
        await np.tidy(async () => {
          const x = makeInput(spec, c.device);
          if (k.error) checkError(() => SORTS[op](x, k.options), k.error, what);
          // A sort moves values without computing any: exact on every device (NumPy's sort does not
          // order -0 and +0, so their signs are not compared).
          else failures.push(...await mismatches(SORTS[op](x, k.options), k.out as Expected, what, { ...EXACT, signedZero: false }));
        });
      }
      report(failures, op);
    });
  }

  for (const op of Object.keys(STATISTICS)) {
    test(`${op} matches NumPy (it sorts on the device)`, async () => {
      const cases = extras.filter((k) => k.op === op && holds(c.device, k.x.dtype));
      assert.ok(cases.length > 10, `${cases.length} cases`);
      const failures: string[] = [];
      for (const k of cases) {
        const what = `${op}(${k.x.dtype} ${JSON.stringify(k.x.shape)}, ${JSON.stringify(k.args)}) on ${c.device}`;
        await np.tidy(async () => {
          const x = np.array(decodeNested(k.x.data) as number, { dtype: k.x.dtype, device: c.device });
          if (k.error) checkError(() => STATISTICS[op](x, k.args), k.error, what);
          else {
            const out = k.out as Encoded;
            const expected = { shape: out.shape, dtype: out.dtype, data: flat(out.data) };
            failures.push(...await mismatches(STATISTICS[op](x, k.args), expected, what, c.tol(op, await magnitude(x))));
          }
        });
      }
      report(failures, op);
    });
  }
}
