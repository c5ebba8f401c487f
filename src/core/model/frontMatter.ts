import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Span } from '../types';
import type { FrontMatter, FrontMatterEntry } from './types';

/** Bounds that keep hostile YAML (alias bombs, huge nesting) cheap to reject. */
const MAX_ALIAS_COUNT = 20;
const MAX_FRONT_MATTER_CHARS = 256 * 1024;

/**
 * Parses the YAML between the fences. `span` is the whole block in the document and
 * `raw` its source; nothing in the YAML is evaluated (no custom tags, aliases capped).
 */
export function parseFrontMatter(value: string, span: Span, raw: string): FrontMatter {
  // The YAML starts after the opening fence line.
  const firstBreak = raw.search(/\r\n|\r|\n/);
  const yamlStart = span.start + (firstBreak < 0 ? raw.length : firstBreak + (raw.startsWith('\r\n', firstBreak) ? 2 : 1));
  const rawSpan = { start: yamlStart, end: yamlStart + value.length };
  const lineSpan = (start: number, end: number): Span => ({ start: rawSpan.start + start, end: rawSpan.start + end });

  if (value.length > MAX_FRONT_MATTER_CHARS) {
    return { span, raw: value, rawSpan, data: undefined, error: { message: `front matter is ${value.length} characters; at most ${MAX_FRONT_MATTER_CHARS} are read`, span: firstLine(span, raw) }, entries: [] };
  }
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(value, { lineCounter, uniqueKeys: true, prettyErrors: false, customTags: [], schema: 'core', merge: false });
    const firstError = doc.errors[0];
    if (firstError) {
      const [s, e] = firstError.pos;
      return { span, raw: value, rawSpan, data: undefined, error: { message: firstError.message.split('\n')[0]!, span: clampLine(value, lineSpan(s, Math.max(e, s + 1)), rawSpan) }, entries: [] };
    }
    const contents = doc.contents;
    if (contents === null) return { span, raw: value, rawSpan, data: {}, error: undefined, entries: [] };
    if (!isMap(contents)) {
      return { span, raw: value, rawSpan, data: undefined, error: { message: 'front matter is not a mapping of keys to values', span: firstLine(span, raw) }, entries: [] };
    }
    // toJS expands aliases with a cap, so an alias bomb is an error, not a hang.
    const js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
    const data: Record<string, unknown> = Object.create(null);
    const entries: FrontMatterEntry[] = [];
    for (const pair of contents.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const keyRange = pair.key.range;
      const valueNode = pair.value as { range?: [number, number, number] } | null;
      const valueJs = Object.prototype.hasOwnProperty.call(js, key) ? js[key] : undefined;
      data[key] = valueJs;
      const keyStart = keyRange?.[0] ?? 0;
      const valueEnd = valueNode?.range?.[1] ?? keyRange?.[1] ?? keyStart;
      const valueStart = valueNode?.range?.[0] ?? valueEnd;
      entries.push({ key, value: valueJs, span: lineSpan(keyStart, Math.max(valueEnd, keyRange?.[1] ?? keyStart)), valueSpan: lineSpan(valueStart, valueEnd) });
    }
    return { span, raw: value, rawSpan, data, error: undefined, entries };
  } catch (error) {
    return { span, raw: value, rawSpan, data: undefined, error: { message: error instanceof Error ? error.message.split('\n')[0]! : String(error), span: firstLine(span, raw) }, entries: [] };
  }
}

function firstLine(span: Span, raw: string): Span {
  const end = raw.search(/\r\n|\r|\n/);
  return { start: span.start, end: span.start + (end < 0 ? raw.length : end) };
}

/** Keep an error range on one line of the YAML. */
function clampLine(value: string, span: Span, rawSpan: Span): Span {
  const rel = Math.min(span.start - rawSpan.start, value.length);
  let lineStart = rel;
  while (lineStart > 0 && value[lineStart - 1] !== '\n' && value[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = rel;
  while (lineEnd < value.length && value[lineEnd] !== '\n' && value[lineEnd] !== '\r') lineEnd++;
  if (lineEnd === lineStart && lineStart > 0) return { start: rawSpan.start + lineStart, end: rawSpan.start + lineStart };
  return { start: rawSpan.start + Math.max(lineStart, Math.min(rel, lineEnd)), end: rawSpan.start + lineEnd };
}
