// Fill and copy on the GPU (fill.wgsl, copy.wgsl): out = value, and out = x with a dtype conversion.
// Copy is what a cast (`astype`), a transpose made contiguous and a read of a strided view come
// down to. Both are one-thread-per-element launches (strided.ts); dtypes are override constants.
import fillWgsl from '../../shaders/fill.wgsl';
import copyWgsl from '../../shaders/copy.wgsl';
import { type Engine, kernel } from './engine.ts';
import type { GpuView } from './storage.ts';
import { launchElementwise } from './strided.ts';
import { dtCode } from './dtypes.ts';

const FILL = kernel(fillWgsl, 'main', ['write']);
const COPY = kernel(copyWgsl, 'main', ['read', 'write']);

/** out[...] = word (already converted to out's dtype). */
export function fill(e: Engine, out: GpuView, word: number): void {
  launchElementwise(e, FILL, out.shape, [out], { scalars: { word } });
}

/** out[...] = cast(x[...]). */
export function copy(e: Engine, x: GpuView, out: GpuView): void {
  launchElementwise(e, COPY, out.shape, [x, out], { constants: { X_DT: dtCode(x.dtype), OUT_DT: dtCode(out.dtype) } });
}
