// Spiral arms, one class per arm: the tutorial's data set where linear models fail and trees win.
// Arm k starts at angle θ_k = 2πk/arms and is an arc of radius 0.7 around the point
// 0.5·(cos(θ_k + π), sin(θ_k + π)); its point s sits at angle θ_k + 1.25π·s/pointsPerArm on that arc.
// The arms curl around each other, so no straight line separates one from the rest. No noise.
import { labels, matrix, type XY } from './common.ts';
import { checkOptions } from '../utils/check-params.ts';

export interface MakeSpiralsOptions {
  /** Number of arms (= classes). Default 5. */
  arms?: number;
  /** Points on each arm. Default 200. */
  pointsPerArm?: number;
}

export function makeSpirals(options: MakeSpiralsOptions = {}): XY {
  checkOptions('makeSpirals', options, ['arms', 'pointsPerArm']);
  const { arms = 5, pointsPerArm = 200 } = options;
  const n = arms * pointsPerArm;
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let k = 0; k < arms; k++) {
    const theta = (2 * Math.PI * k) / arms;
    const [cx, cy] = [0.5 * Math.cos(theta + Math.PI), 0.5 * Math.sin(theta + Math.PI)];
    for (let s = 0; s < pointsPerArm; s++) {
      const row = k * pointsPerArm + s;
      const phi = theta + (1.25 * Math.PI * s) / pointsPerArm;
      X[2 * row] = cx + 0.7 * Math.cos(phi);
      X[2 * row + 1] = cy + 0.7 * Math.sin(phi);
      y[row] = k;
    }
  }
  return [matrix(X, n, 2), labels(y)];
}
