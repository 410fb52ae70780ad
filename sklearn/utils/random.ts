// sampleWithoutReplacement: k distinct integers from [0, n) (scikit-learn's utils.random), by one of
// three classic algorithms chosen from the ratio k/n, exactly as scikit-learn chooses and draws:
// a slice of a random permutation for 1 % < k/n < 99 %; below that, draw and redraw until unseen
// ("tracking selection", fast when k ≪ n) if k/n < 0.2, else reservoir sampling (keep the first k,
// then let item i replace a uniform slot j ≤ i when j < k). The one thing to understand: the result's
// order is whatever the algorithm leaves, which is part of what makes it identical to scikit-learn's.
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import type { RandomState } from './random-state.ts';
import { checkRandomState, type RandomStateLike } from './random-state.ts';

export type SampleMethod = 'auto' | 'tracking_selection' | 'reservoir_sampling' | 'pool';

function trackingSelection(n: number, k: number, rng: RandomState): number[] {
  const selected = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    let j = rng.randint(n);
    while (selected.has(j)) j = rng.randint(n);
    selected.add(j);
    out.push(j);
  }
  return out;
}

function reservoirSampling(n: number, k: number, rng: RandomState): number[] {
  const out = Array.from({ length: k }, (_, i) => i);
  for (let i = k; i < n; i++) {
    const j = rng.randint(0, i + 1);
    if (j < k) out[j] = i;
  }
  return out;
}

/** Draw from a shrinking pool, moving the last unpicked item into each vacancy. */
function pool(n: number, k: number, rng: RandomState): number[] {
  const items = Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = rng.randint(n - i);
    out.push(items[j]);
    items[j] = items[n - i - 1];
  }
  return out;
}

/** The k integers as a plain array, drawn from `rng` (for callers that already hold a RandomState). */
export function sampleIndices(n: number, k: number, rng: RandomState, method: SampleMethod = 'auto'): number[] {
  checkSizes(n, k);
  const ratio = n !== 0 ? k / n : 1;
  if (method === 'auto' && ratio > 0.01 && ratio < 0.99) return Array.from(rng.permutation(n).dataSync()).slice(0, k);
  if (method === 'auto' || method === 'tracking_selection') {
    return ratio < 0.2 ? trackingSelection(n, k, rng) : reservoirSampling(n, k, rng);
  }
  if (method === 'reservoir_sampling') return reservoirSampling(n, k, rng);
  if (method === 'pool') return pool(n, k, rng);
  throw new ValueError(`Expected a method name in ('auto', 'tracking_selection', 'reservoir_sampling', 'pool'), got ${String(method)}. `);
}

/** nSamples distinct integers in [0, nPopulation), as an int32 array. */
export function sampleWithoutReplacement(
  nPopulation: number,
  nSamples: number,
  options: { method?: SampleMethod; randomState?: RandomStateLike } = {},
): NDArray {
  const rng = checkRandomState(options.randomState);
  return np.array(sampleIndices(nPopulation, nSamples, rng, options.method ?? 'auto'), { dtype: 'int32' });
}

function checkSizes(nPopulation: number, nSamples: number): void {
  if (nPopulation < 0) throw new ValueError(`n_population should be greater than 0, got ${nPopulation}.`);
  if (nSamples > nPopulation) {
    throw new ValueError(`n_population should be greater or equal than n_samples, got n_samples > n_population (${nSamples} > ${nPopulation})`);
  }
}
