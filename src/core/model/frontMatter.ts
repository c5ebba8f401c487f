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
    // The yaml library breaks lines at LF only; a lone CR (old Mac files, mixed endings) is
    // a line break to the Markdown parser and the user. Same length: offsets do not move.
    const doc = parseDocument(value.replace(/\r(?!\n)/g, '\n'), { lineCounter, uniqueKeys: false, prettyErrors: false, logLevel: 'error', customTags: [], schema: 'core', merge: false });
    const firstError = doc.errors[0];
    if (firstError) {
      const [s, e] = firstError.pos;
      // An unclosed `[`, `{` or quote is noticed lines later: point at the opener's line.
      const opener = unclosedOpener(firstError.code, firstError.message);
      const at = opener ? value.lastIndexOf(opener, s - 1) : -1;
      const start = at >= 0 ? at : s;
      return { span, raw: value, rawSpan, data: undefined, error: { message: firstError.message.split('\n')[0]!, span: clampLine(value, lineSpan(start, Math.max(e, start + 1)), rawSpan) }, entries: [] };
    }
    const contents = doc.contents;
    if (contents === null) return { span, raw: value, rawSpan, data: {}, error: undefined, entries: [] };
    if (!isMap(contents)) {
      return { span, raw: value, rawSpan, data: undefined, error: { message: 'front matter is not a mapping of keys to values', span: firstLine(span, raw) }, entries: [] };
    }
    // Duplicate keys are found here with a set: the parser's own check (uniqueKeys) compares
    // every key with every other, quadratic in the number of keys.
    const duplicate = firstDuplicateKey(contents.items);
    if (duplicate) {
      const start = duplicate.key.range?.[0] ?? 0;
      const end = trimEnd(value, duplicate.value?.range?.[1] ?? duplicate.key.range?.[1] ?? start);
      return { span, raw: value, rawSpan, data: undefined, error: { message: 'Map keys must be unique', span: lineSpan(start, Math.max(end, start + 1)) }, entries: [] };
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
      // A block value's range runs over the line break after it: end at its last character.
      const valueEnd = trimEnd(value, valueNode?.range?.[1] ?? keyRange?.[1] ?? keyStart);
      const valueStart = valueNode?.range?.[0] ?? valueEnd;
      entries.push({ key, value: valueJs, span: lineSpan(keyStart, Math.max(valueEnd, keyRange?.[1] ?? keyStart)), valueSpan: lineSpan(valueStart, valueEnd) });
    }
    return { span, raw: value, rawSpan, data, error: undefined, entries };
  } catch (error) {
    return { span, raw: value, rawSpan, data: undefined, error: { message: error instanceof Error ? error.message.split('\n')[0]! : String(error), span: firstLine(span, raw) }, entries: [] };
  }
}

interface Ranged {
  readonly range?: readonly number[] | null;
}

/** The first pair whose scalar key an earlier pair already has (YAML keys compare by value). */
function firstDuplicateKey(items: readonly { key: unknown; value: unknown }[]): { key: Ranged; value: Ranged | null } | undefined {
  const seen = new Set<unknown>();
  for (const pair of items) {
    if (!isScalar(pair.key)) continue;
    const key = pair.key.value;
    if (seen.has(key)) return pair as { key: Ranged; value: Ranged | null };
    seen.add(key);
  }
  return undefined;
}

function trimEnd(value: string, end: number): number {
  let at = Math.min(end, value.length);
  while (at > 0 && /\s/.test(value[at - 1]!)) at--;
  return at;
}

function unclosedOpener(code: string, message: string): string | undefined {
  if (code === 'BAD_INDENT' && message.startsWith('Flow sequence')) return '[';
  if (code === 'BAD_INDENT' && message.startsWith('Flow map')) return '{';
  if (code === 'MISSING_CHAR' && message.startsWith('Missing closing "')) return '"';
  if (code === 'MISSING_CHAR' && message.startsWith("Missing closing '")) return "'";
  return undefined;
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
  const start = Math.max(lineStart, Math.min(rel, lineEnd));
  // An error at the end of its line (an unclosed `[`) marks the whole line, not an empty range.
  return { start: rawSpan.start + (start < lineEnd ? start : lineStart), end: rawSpan.start + lineEnd };
}
