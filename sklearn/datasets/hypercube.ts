// Distinct corners of a d-dimensional hypercube, drawn at random: make_classification puts one
// cluster on each. Corner number v (0 <= v < 2^d) has coordinates = the d binary digits of v, most
// significant first, so drawing corners is drawing distinct integers below 2^d. scikit-learn's
// sample_without_replacement picks one of three methods by the fraction drawn, and each consumes the
// random stream differently, so all three are ported to keep the draws identical.
import { ValueError } from '../../ndarray/errors.ts';
import type { RandomState } from '../../ndarray/random/index.ts';

/** `nSamples` distinct integers in [0, nPopulation), in scikit-learn's 'auto' order of draws. */
export function sampleWithoutReplacement(nPopulation: number, nSamples: number, rng: RandomState): number[] {
  if (nPopulation < 0) throw new ValueError(`n_population should be greater than 0, got ${nPopulation}.`);
  if (nSamples > nPopulation) throw new ValueError(`n_population should be greater or equal than n_samples, got n_samples > n_population (${nSamples} > ${nPopulation})`);
  const ratio = nPopulation !== 0 ? nSamples / nPopulation : 1;
  if (ratio > 0.01 && ratio < 0.99) return Array.from(rng.permutation(nPopulation).dataSync()).slice(0, nSamples);
  return ratio < 0.2 ? trackingSelection(nPopulation, nSamples, rng) : reservoirSampling(nPopulation, nSamples, rng);
}

/** Few out of many: draw uniformly, redrawing any value already taken. */
function trackingSelection(nPopulation: number, nSamples: number, rng: RandomState): number[] {
  const taken = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < nSamples; i++) {
    let j = rng.randint(nPopulation);
    while (taken.has(j)) j = rng.randint(nPopulation);
    taken.add(j);
    out.push(j);
  }
  return out;
}

/** Almost all: keep 0..k-1, then item i replaces slot j ~ U{0..i} when j < k (reservoir sampling). */
function reservoirSampling(nPopulation: number, nSamples: number, rng: RandomState): number[] {
  const out = Array.from({ length: nSamples }, (_, i) => i);
  for (let i = nSamples; i < nPopulation; i++) {
    const j = rng.randint(0, i + 1);
    if (j < nSamples) out[j] = i;
  }
  return out;
}

/** `samples` distinct corners of the `dimensions`-cube as rows of 0/1 (samples x dimensions).
 *  Past 30 dimensions the leading ones are plain coin flips (drawn first), as in scikit-learn. */
export function generateHypercube(samples: number, dimensions: number, rng: RandomState): Uint8Array[] {
  if (dimensions > 30) {
    const flips = rng.randint(2, null, [samples, dimensions - 30]).dataSync();
    const tail = generateHypercube(samples, 30, rng);
    return tail.map((bits, r) => {
      const row = new Uint8Array(dimensions);
      row.set(flips.subarray(r * (dimensions - 30), (r + 1) * (dimensions - 30)));
      row.set(bits, dimensions - 30);
      return row;
    });
  }
  return sampleWithoutReplacement(2 ** dimensions, samples, rng).map((v) => {
    const row = new Uint8Array(dimensions);
    for (let j = 0; j < dimensions; j++) row[j] = Math.floor(v / 2 ** (dimensions - 1 - j)) % 2;
    return row;
  });
}
