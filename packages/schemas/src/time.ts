// Instants as every record here writes them: ISO 8601 in UTC, whole seconds, no milliseconds.

/**
 * `date` (a Date or epoch milliseconds) as `YYYY-MM-DDTHH:MM:SSZ`: the milliseconds are dropped,
 * not rounded. Throws a RangeError for an invalid date, like `Date.prototype.toISOString`.
 */
export function isoSeconds(date: Date | number): string {
  return (typeof date === 'number' ? new Date(date) : date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
