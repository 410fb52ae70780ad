// The conformance checks, in the order the matrix shows them. A check throws when the estimator
// breaks the rule, and returns a string (the reason) when the rule does not apply to it.
import type { Subject } from './harness.ts';
import { checkAsync, checkClone, checkConstructor, checkFitKeepsParams, checkParams, checkRepr } from './checks-api.ts';
import { checkIdempotent, checkJson, checkRefit, checkRowOrder, checkShortcuts, checkSideEffects, checkSubset } from './checks-fit.ts';
import { checkNFeatures, checkNaN, checkNotFitted, checkShape } from './checks-input.ts';

export interface Check {
  /** The column label in the matrix. */
  name: string;
  run(s: Subject): Promise<void | string>;
}

export const CHECKS: Check[] = [
  { name: 'async', run: checkAsync },
  { name: 'ctor', run: checkConstructor },
  { name: 'fit-params', run: checkFitKeepsParams },
  { name: 'idempotent', run: checkIdempotent },
  { name: 'refit', run: checkRefit },
  { name: 'params', run: checkParams },
  { name: 'clone', run: checkClone },
  { name: 'not-fitted', run: checkNotFitted },
  { name: 'side-effects', run: checkSideEffects },
  { name: 'subset', run: checkSubset },
  { name: 'row-order', run: checkRowOrder },
  { name: 'nan', run: checkNaN },
  { name: '1-d', run: checkShape },
  { name: 'n-features', run: checkNFeatures },
  { name: 'json', run: checkJson },
  { name: 'repr', run: checkRepr },
  { name: 'shortcuts', run: checkShortcuts },
];

export { REGISTRY } from './registry.ts';
export { subject, type Entry, type Subject } from './harness.ts';
