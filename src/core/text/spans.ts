import type { Span } from '../types';
import { partitionPoint } from './search';

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
    const after = partitionPoint(sorted.length, (i) => sorted[i]!.start <= span.start);
    return after > 0 && furthestEnd[after - 1]! >= span.end;
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
    const candidate = sorted[partitionPoint(sorted.length, (i) => sorted[i]!.end <= span.start)];
    return candidate !== undefined && candidate.start < span.end;
  };
}
