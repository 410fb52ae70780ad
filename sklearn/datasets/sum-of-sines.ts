// A sequence to forecast: the sum of a few sine waves (the Keras tutorial's RNN data).
// v_i = Σ_w amps_w · sin(freqs_w · (phases_w + dTheta·(i + skip))), for i = 0 .. nSteps-1.
// `skip` starts the sequence further along, so a test sequence can continue past the training one.
// (The printed listing appends and returns inside the loop; this is the intended, dedented version.)
import * as np from '../../ndarray/index.ts';
import type { NDArray } from '../../ndarray/index.ts';
import { ValueError } from '../../ndarray/index.ts';
import { checkInterval } from '../utils/check-params.ts';

export function sumOfSines(nSteps: number, dTheta: number, skip: number, freqs: number[], amps: number[], phases: number[]): NDArray {
  checkInterval('sumOfSines', 'n_steps', nSteps, { low: 0, closed: 'left', integer: true });
  for (const [name, v] of [['d_theta', dTheta], ['skip', skip]] as const) checkInterval('sumOfSines', name, v, { low: -Infinity, closed: 'neither' });
  for (const [name, list] of [['freqs', freqs], ['amps', amps], ['phases', phases]] as const) {
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new TypeError(`sumOfSines(): \`${name}\` must be a list of finite numbers, got ${Array.isArray(list) ? `[${list.join(', ')}]` : String(list)}`);
    }
  }
  if (amps.length !== freqs.length || phases.length !== freqs.length) {
    throw new ValueError(`freqs, amps and phases must have the same length, got ${freqs.length}, ${amps.length} and ${phases.length}`);
  }
  const values = new Float64Array(nSteps);
  for (let i = 0; i < nSteps; i++) {
    const angle = dTheta * (i + skip);
    let sum = 0;
    for (let w = 0; w < freqs.length; w++) sum += amps[w] * Math.sin(freqs[w] * (phases[w] + angle));
    values[i] = sum;
  }
  return np.NDArray.fromTyped(values, [nSteps], 'float64');
}
