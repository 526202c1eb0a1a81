/**
 * Array operations without a spread's limit: `target.push(...items)` and
 * `Math.max(...values)` pass each item as an argument, and V8 overflows
 * the stack past ~120,000 of them (a code block of 200,000 one-character
 * lines, a 400 KB issue, made `render` fail with a RangeError). Lines,
 * fragments and list items are as many as a file holds.
 */

/** Appends `items` to `target`, in order. */
export function append<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/** The largest of `values`; -Infinity for none, as `Math.max()`. */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  return max;
}
