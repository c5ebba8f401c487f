/**
 * Moving model offsets. By convention every numeric property named `start` or `end` in a
 * model is a document offset; `data` and `value` hold content (front matter values), never
 * offsets, and are kept as they are. Both functions copy: models are never mutated.
 */

/** A copy of `value` with every offset moved by `delta` (the value itself when `delta` is 0). */
export function shiftOffsets<T>(value: T, delta: number): T {
  if (delta === 0) return value;
  return mapOffsets(value, (offset) => offset + delta);
}

/** A copy of `value` with every offset replaced by `map(offset)`. */
export function mapOffsets<T>(value: T, map: (offset: number) => number): T {
  return mapValue(value, map) as T;
}

function mapValue(value: unknown, map: (offset: number) => number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = mapValue(value[i], map);
    return out;
  }
  // for...in over plain objects, without Object.entries' arrays: this runs for every
  // element of every chunk that moved, so it is the cost of an incremental parse's copy.
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) {
    const inner = source[key];
    if (typeof inner === 'number') out[key] = key === 'start' || key === 'end' ? map(inner) : inner;
    else if (inner === null || typeof inner !== 'object' || key === 'data' || key === 'value') out[key] = inner;
    else out[key] = mapValue(inner, map);
  }
  return out;
}
