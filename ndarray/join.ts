// Joining arrays, the step np.concatenate, np.stack and np.array([a, b]) share: allocate the result
// once, then copy each input into its own stretch of it along the axis. It sits below creation.ts
// and manipulation.ts so that both can use it; each caller does its own checks and its own gradient.
import { promoteTypes } from './dtype.ts';
import type { DeviceName } from './backend.ts';
import { ValueError } from './errors.ts';
import { NDArray } from './ndarray.ts';

/** Checks that arrays share a device and returns it (no hidden transfers between devices). */
export function commonDevice(arrays: readonly NDArray[]): DeviceName {
  const device = arrays[0].device;
  for (const x of arrays) {
    if (x.device !== device) {
      throw new ValueError(`arrays are on different devices ('${device}' and '${x.device}'): move one with \`await x.to('${device}')\``);
    }
  }
  return device;
}

/** The arrays one after the other along `axis`, in their promoted dtype. They have the same rank
 *  and the same length along every other axis (the caller checked). */
export function joinAlong(xs: readonly NDArray[], axis: number): NDArray {
  const device = commonDevice(xs);
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((s, x) => s + x.shape[axis], 0);
  const out = NDArray.empty(shape, xs.map((x) => x.dtype).reduce(promoteTypes), device);
  let start = 0;
  for (const x of xs) {
    const part = out.view(x.shape, out.strides, start * out.strides[axis]);
    out.backend.copy(x, part);
    part.dispose();
    start += x.shape[axis];
  }
  return out;
}
