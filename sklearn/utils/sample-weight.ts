// sklearn's _check_sample_weight: per-sample weights for `fit`, as a Float64Array of length n.
// No weights means every sample counts once; a number gives every sample that weight.
import { ValueError } from '../../ndarray/index.ts';
import { checkArray } from '../validation.ts';

/** sklearn's _check_sample_weight: null gives ones, a number fills, an array must be (n,). */
export async function checkSampleWeight(sampleWeight: unknown, n: number, options: { onlyNonNegative?: boolean } = {}): Promise<Float64Array> {
  if (sampleWeight === undefined || sampleWeight === null) return new Float64Array(n).fill(1);
  if (typeof sampleWeight === 'number') return new Float64Array(n).fill(sampleWeight);
  const sw = await checkArray(sampleWeight, { name: 'sample_weight', ensure2d: false, allowNd: true });
  if (sw.ndim !== 1) throw new ValueError('Sample weights must be 1D array or scalar');
  if (sw.shape[0] !== n) throw new ValueError(`sample_weight.shape == (${sw.shape[0]},), expected (${n},)!`);
  const out = Float64Array.from(sw.dataSync() as Float64Array);
  if (options.onlyNonNegative && out.some((v) => v < 0)) throw new ValueError('Negative values in data passed to `sample_weight`');
  return out;
}
