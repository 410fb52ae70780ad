// Slices: NumPy's `a[start:stop:step]`, written as the string '1:5:2' or as `np.slice(1, 5, 2)`.
// The one thing to understand: a slice never fails on its bounds. They are clamped to the axis
// (Python's PySlice_AdjustIndices), a negative step walks backwards from the end, and a slice whose
// direction disagrees with its step ('1:4:-1', '4:1') selects nothing. Only step 0 is an error.
import { IndexError, ValueError } from './errors.ts';

/** np.newaxis: `a.get(np.newaxis, ':')` adds an axis of length 1 (it is `null`, as NumPy's is None). */
export const newaxis = null;

export class Slice {
  constructor(readonly start: number | null, readonly stop: number | null, readonly step: number | null) {
    for (const v of [start, stop, step]) {
      if (v !== null && !Number.isInteger(v)) throw new TypeError(`slice indices must be integers or null, got ${v}`);
    }
  }

  /** Python's slice.indices(length): the clamped [start, stop, step] for an axis of `length`. */
  indices(length: number): [number, number, number] {
    const { start, stop, step } = resolveSlice(this, length);
    return [start, stop, step];
  }

  toString(): string {
    const part = (v: number | null): string => (v === null ? '' : String(v));
    return `${part(this.start)}:${part(this.stop)}${this.step === null ? '' : `:${this.step}`}`;
  }
}

/** np.slice(stop), np.slice(start, stop) or np.slice(start, stop, step), as Python's slice():
 *  with one argument it is the stop. null (or undefined) means "from the end" as an empty part does. */
export function slice(start?: number | null, stop?: number | null, step?: number | null): Slice {
  if (stop === undefined && step === undefined) return new Slice(null, start ?? null, null);
  return new Slice(start ?? null, stop ?? null, step ?? null);
}

const INTEGER = /^[+-]?\d+$/;

/** Parses 'start:stop:step' (each part optional, whitespace allowed): ':' '::' '5:12' '::-1' '-3:'. */
export function parseSlice(text: string): Slice {
  const parts = text.split(':').map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p !== '' && !INTEGER.test(p))) {
    throw new IndexError(`invalid slice '${text}': expected 'start:stop' or 'start:stop:step' with optional integers, as in ':', '1:5', '::-1'`);
  }
  const [start, stop, step] = parts.map((p) => (p === '' ? null : Number(p)));
  return new Slice(start, stop, step ?? null);
}

/** Where a slice starts and stops (clamped) on an axis of `length`, its step, and how many elements
 *  it selects. Element k of the slice is axis position start + k*step. */
export function resolveSlice(s: Slice, length: number): { start: number; stop: number; step: number; count: number } {
  const step = s.step ?? 1;
  if (step === 0) throw new ValueError('slice step cannot be zero');
  // Clamp into [0, length] going forwards, into [-1, length-1] going backwards (-1 = "before 0").
  const [lo, hi] = step > 0 ? [0, length] : [-1, length - 1];
  const clamp = (v: number | null, fallback: number): number => {
    if (v === null) return fallback;
    const w = v < 0 ? v + length : v;
    return Math.min(Math.max(w, lo), hi);
  };
  const start = clamp(s.start, step > 0 ? 0 : length - 1);
  const stop = clamp(s.stop, step > 0 ? length : -1);
  // count = ceil((stop - start) / step) when the slice runs in the step's direction, else 0.
  const count = step > 0
    ? (stop > start ? Math.floor((stop - start - 1) / step) + 1 : 0)
    : (start > stop ? Math.floor((start - stop - 1) / -step) + 1 : 0);
  return { start, stop, step, count };
}

