import type { Span } from '../types';

/**
 * Whether a span lies inside one of `spans` (overlapping or not): sorted once, then a binary
 * search per question, not a scan of them for each of thousands of spans in the text.
 */
export function insideAnyOf(spans: readonly Span[]): (span: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  // The furthest end among the spans starting at or before each one.
  const furthestEnd: number[] = [];
  for (const span of sorted) furthestEnd.push(Math.max(span.end, furthestEnd[furthestEnd.length - 1] ?? 0));
  return (span) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]!.start <= span.start) low = mid + 1;
      else high = mid;
    }
    return low > 0 && furthestEnd[low - 1]! >= span.end;
  };
}

/**
 * Whether a span overlaps one of `spans` that never overlap each other (an evidence rule's slot paths):
 * a binary search in them sorted, not a scan of them for each of thousands of spans in the text.
 */
export function overlapsAnyOf(spans: readonly Span[]): (span: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  return (span) => {
    // The first span that ends after the span starts: the only one that can overlap it first.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]!.end <= span.start) low = mid + 1;
      else high = mid;
    }
    const candidate = sorted[low];
    return candidate !== undefined && candidate.start < span.end;
  };
}
