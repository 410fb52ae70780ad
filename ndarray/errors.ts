// Error classes named after Python's, so a message reads as NumPy's would.
// JavaScript's own TypeError and RangeError are used where Python raises TypeError.
// Each error says what was given and what was expected.

/** A value has the right type but a wrong content (shapes that do not broadcast, a bad reshape). */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** An index is out of range or of a kind that cannot index. */
export class IndexError extends Error {
  override name = 'IndexError';
}

/** An axis argument outside [-ndim, ndim) (NumPy's AxisError is both a ValueError and an IndexError). */
export class AxisError extends ValueError {
  override name = 'AxisError';
  constructor(axis: number, ndim: number, argname?: string) {
    super(`${argname ? `${argname}: ` : ''}axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
}

/** A cast that the casting rule forbids (e.g. float results written into a uint8 array in place). */
export class CastingError extends TypeError {
  override name = 'UFuncTypeError';
}

/** Linear algebra failed: singular matrix, not positive definite, not square ... */
export class LinAlgError extends Error {
  override name = 'LinAlgError';
}

/** An allocation the runtime refused (NumPy's MemoryError: "Unable to allocate ..."). */
export class MemoryError extends Error {
  override name = 'MemoryError';
}

/** A value outside what the target dtype can hold (NumPy 2: "Python integer 300 out of bounds for uint8").
 *  A RangeError, as tessera maps Python's OverflowError elsewhere (ufunc scalar bounds, item assignment). */
export class OverflowError extends RangeError {
  override name = 'OverflowError';
}
