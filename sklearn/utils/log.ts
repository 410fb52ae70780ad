// What scikit-learn prints while it works: Python warnings (a category, then the message) and the
// elapsed times of its verbose modes. Both go to the console, because a warning is advice, never an
// error: the computation carries on.

/** Python's warnings.warn, shown as `UserWarning: message` on stderr. */
export function warn(message: string, category = 'UserWarning'): void {
  console.warn(`${category}: ${message}`);
}

/** joblib's short_format_time: seconds as ` %5.1fs`, or `%4.1fmin` above a minute. */
export function shortFormatTime(seconds: number): string {
  return seconds > 60 ? `${(seconds / 60).toFixed(1).padStart(4)}min` : ` ${seconds.toFixed(1).padStart(5)}s`;
}

/** Seconds since `start` (a performance.now() reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}
