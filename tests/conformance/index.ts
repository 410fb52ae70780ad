// The conformance suite: one set of tests, written once, that every backend must pass. Each
// tests/conformance-<device>.test.ts file runs it with its device and tolerances.
import { suite } from 'uvu';
import { defineUfuncs } from './ufuncs.ts';
import { defineReductions } from './reductions.ts';
import { defineMatmul } from './matmul.ts';
import { defineViews } from './views.ts';
import { defineMemory } from './memory.ts';
import { defineSorting } from './sorting.ts';
import type { Conformance } from './config.ts';

export { type Conformance, type Magnitude } from './config.ts';
export { EXACT, type Tol } from './check.ts';

/** A uvu suite with every conformance test for `c.device`; call `.run()` on it. */
export function defineConformance(c: Conformance) {
  const test = suite(`conformance on ${c.device}`);
  defineUfuncs(test, c);
  defineViews(test, c);
  defineReductions(test, c);
  defineSorting(test, c);
  defineMatmul(test, c);
  defineMemory(test, c);
  return test;
}
