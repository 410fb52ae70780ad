// How an ensemble makes its members (scikit-learn's BaseEnsemble._make_estimator): clone the template
// estimator, then give every `randomState` param inside it (its own, or a nested `step__randomState`)
// a fresh seed drawn from the ensemble's RandomState. The one thing to understand: the members are
// seeded in creation order from one stream, so the whole ensemble is reproducible from a single seed,
// yet no two members share their random choices.
import type { RandomState } from '../utils/random-state.ts';
import { type BaseEstimator, clone } from '../base.ts';

const INT32_MAX = 2147483647;

/** sklearn's _set_random_states: the keys are visited in sorted order, one randint each. */
export function setRandomStates(est: BaseEstimator, rng: RandomState): void {
  const keys = Object.keys(est.getParams({ deep: true })).sort();
  const seeds: Record<string, number> = {};
  for (const key of keys) {
    if (key === 'randomState' || key.endsWith('__randomState')) seeds[key] = rng.randint(INT32_MAX);
  }
  if (Object.keys(seeds).length > 0) est.setParams(seeds);
}

/** A fresh, unfitted member: a clone of `template`, `params` set, seeded from `rng`. */
export function makeEstimator<E extends BaseEstimator>(template: E, rng: RandomState, params: Record<string, unknown> = {}): E {
  const est = clone(template);
  est.setParams(params);
  setRandomStates(est, rng);
  return est;
}
