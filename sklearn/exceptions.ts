// scikit-learn's exceptions, with its messages.

/** Raised when an estimator is used before `fit` (sklearn.exceptions.NotFittedError). */
export class NotFittedError extends Error {
  override name = 'NotFittedError';
}
