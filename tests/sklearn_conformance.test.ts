// The estimator conformance suite (FEATURES.md S-R8, in the spirit of scikit-learn's check_estimator):
// every check of tests/conformance-sklearn/ on every estimator of its registry, one test each, then
// the matrix of estimators x checks (✓ pass, ✗ fail, · not applicable, x a known failure: the
// registry's xfail, with its reason, which must still fail). Then the checks are turned
// on deliberately broken estimators (tests/conformance-sklearn/broken.ts), each of which must fail
// the check it breaks: a check that cannot fail checks nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sk from '../sklearn/index.ts';
import { BaseEstimator } from '../sklearn/base.ts';
import { CHECKS, REGISTRY, subject } from './conformance-sklearn/index.ts';
import { oracle } from './conformance-sklearn/data.ts';
import { BROKEN, TOY } from './conformance-sklearn/broken.ts';

const matrix = new Map<string, Map<string, string>>();

/** Runs `fn` with console.warn collected instead of printed. */
async function collectWarnings<T>(fn: () => Promise<T>): Promise<[T, string[]]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
  try {
    return [await fn(), warnings];
  } finally {
    console.warn = original;
  }
}

for (const entry of REGISTRY) {
  const s = subject(entry);
  const row = new Map<string, string>();
  matrix.set(entry.name, row);
  for (const check of CHECKS) {
    const known = entry.xfail?.[check.name];
    test(`${entry.name} · ${check.name}${known ? ' (known failure)' : ''}`, async () => {
      row.set(check.name, '✗');
      if (known) {
        const failure = await check.run(s).then(() => null, (e: unknown) => e);
        assert.ok(failure instanceof Error, `${entry.name} now passes '${check.name}': remove its xfail (${known})`);
        row.set(check.name, 'x');
        return;
      }
      // Warnings (a search scoring a fit that failed on NaN input warns, as scikit-learn does) are
      // collected rather than printed among the test dots, and must be Python-style warnings.
      const [skipped, warnings] = await collectWarnings(() => check.run(s));
      for (const w of warnings) assert.match(w, /^(UserWarning|FitFailedWarning|ConvergenceWarning|RuntimeWarning|DataConversionWarning): /, `${entry.name}: unexpected console.warn output`);
      row.set(check.name, typeof skipped === 'string' ? '·' : '✓');
    });
  }
}

test('every param of every estimator is one of scikit-learn\'s (camelCased)', () => {
  for (const e of REGISTRY) {
    const theirs = new Set(oracle(e.name).paramNames);
    assert.equal(Object.keys(e.create().params).filter((k) => !theirs.has(k)), [], `${e.name} params scikit-learn does not have`);
  }
});

test('the registry covers every estimator tessera/sklearn exports', () => {
  const exported = Object.entries(sk)
    // The abstract kinds (Classifier, Regressor, Transformer) are exported for users to extend, not to fit.
    .filter(([, v]) => typeof v === 'function' && v.prototype instanceof BaseEstimator)
    .filter(([, v]) => ![sk.Classifier, sk.Regressor, sk.Transformer].includes(v as never))
    .map(([k]) => k);
  const covered = new Set(REGISTRY.map((e) => e.name));
  assert.equal(exported.filter((k) => !covered.has(k)), [], 'estimators without a registry entry');
});

test('matrix', () => {
  const width = Math.max(...REGISTRY.map((e) => e.name.length));
  const lines = [`${''.padEnd(width)}  ${CHECKS.map((c) => c.name).join(' ')}`];
  for (const [name, row] of matrix) {
    lines.push(`${name.padEnd(width)}  ${CHECKS.map((c) => (row.get(c.name) ?? '?').padEnd(c.name.length)).join(' ')}`);
  }
  for (const e of REGISTRY) for (const [c, why] of Object.entries(e.xfail ?? {})) lines.push(`x ${e.name} · ${c}: ${why}`);
  for (const e of REGISTRY) {
    const ours = new Set(Object.keys(e.create().params));
    const missing = oracle(e.name).paramNames.filter((k) => !ours.has(k));
    if (missing.length) lines.push(`${e.name} lacks scikit-learn's ${missing.join(', ')}`);
  }
  console.log(lines.join('\n'));
});

for (const [checkName, entry] of BROKEN) {
  test(`the '${checkName}' check fails on ${entry.name}`, async () => {
    const check = CHECKS.find((c) => c.name === checkName);
    assert.ok(check, `no check named '${checkName}'`);
    let failure: unknown = null;
    try {
      await check.run(subject(entry));
    } catch (e) {
      failure = e;
    }
    assert.ok(failure instanceof Error, `the '${checkName}' check passed ${entry.name}, which breaks it`);
  });
}

test('every check has a broken estimator that it catches', () => {
  const caught = new Set(BROKEN.map(([check]) => check));
  assert.equal(CHECKS.map((c) => c.name).filter((c) => !caught.has(c)), []);
});

test('the unbroken toy passes every check (so each broken one fails for its own fault)', async () => {
  for (const check of CHECKS) await check.run(subject(TOY));
});

test.run();
