/**
 * The first index in `0..length` at which `before` is false, for a `before` that is true on
 * a prefix of the indices and false after it (a sorted array's lower or upper bound): a
 * binary search, the one the span, line and fix lookups share.
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
