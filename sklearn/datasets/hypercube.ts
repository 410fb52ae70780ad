// Distinct corners of a d-dimensional hypercube, drawn at random: make_classification puts one
// cluster on each. Corner number v (0 <= v < 2^d) has coordinates = the d binary digits of v, most
// significant first, so drawing corners is drawing distinct integers below 2^d. scikit-learn's
// sample_without_replacement (sklearn/utils/random.ts) keeps the draws identical.
import type { RandomState } from '../utils/random-state.ts';
import { sampleIndices } from '../utils/random.ts';

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
  return sampleIndices(2 ** dimensions, samples, rng).map((v) => {
    const row = new Uint8Array(dimensions);
    for (let j = 0; j < dimensions; j++) row[j] = Math.floor(v / 2 ** (dimensions - 1 - j)) % 2;
    return row;
  });
}
