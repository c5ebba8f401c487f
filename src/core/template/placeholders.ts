/**
 * Placeholders are read from the template's own text: every bracketed token it holds
 * (`[Name]`, `[YYYY-MM-DD]`, `[link]`, ...) plus the shapes it uses for blanks
 * (`HH:MM`, `XXXms`, `X.XX%`, `____`). A report is then searched for exactly those,
 * so PromQL's `[5m]` or a user's own brackets are never mistaken for one.
 */
export interface PlaceholderSet {
  /** Exact bracketed tokens of the template. */
  readonly tokens: readonly string[];
  readonly shapes: readonly PlaceholderShape[];
}

export type PlaceholderShape = 'time' | 'underscores' | 'x-figure';

export interface PlaceholderMatch {
  readonly text: string;
  /** Offset in the searched string. */
  readonly index: number;
  /** A date or time to fill with "now". */
  readonly temporal: 'date' | 'time' | 'timestamp' | undefined;
}

const BRACKETED = /\[[^[\]\r\n]{1,80}\]/g;
const SHAPES: Record<PlaceholderShape, RegExp> = {
  time: /(?<![\w:])HH:MM(?![\w:])/g,
  underscores: /_{3,}/g,
  'x-figure': /(?<![\w.])(?:X{2,}(?:\.X+)?|X\.X+)(?:ms|s|%)?(?![\w.])/g,
};

export function derivePlaceholders(texts: Iterable<string>): PlaceholderSet {
  const tokens = new Set<string>();
  const shapes = new Set<PlaceholderShape>();
  for (const text of texts) {
    for (const match of text.matchAll(BRACKETED)) tokens.add(match[0]);
    for (const shape of Object.keys(SHAPES) as PlaceholderShape[]) {
      SHAPES[shape].lastIndex = 0;
      if (SHAPES[shape].test(text)) shapes.add(shape);
    }
  }
  // Longest first, so `[YYYY-MM-DD]` wins over anything it contains.
  return { tokens: [...tokens].sort((a, b) => b.length - a.length), shapes: [...shapes] };
}

/** A bracket group with nothing bracketed inside: every template token has this shape. */
const BRACKET_GROUP = /\[[^[\]\r\n]*\]/g;
const TOKEN_SHAPE = /^\[[^[\]\r\n]*\]$/;
/** Text a shape's match must contain: a cheap test before running the pattern. */
const SHAPE_HINT: Record<PlaceholderShape, string> = { time: 'HH:MM', underscores: '___', 'x-figure': 'X' };

interface CompiledSet {
  /** The tokens, for a lookup per bracket group; undefined when one is not a plain `[...]` group. */
  readonly tokens: ReadonlySet<string> | undefined;
}
const compiled = new WeakMap<PlaceholderSet, CompiledSet>();

function compile(set: PlaceholderSet): CompiledSet {
  let found = compiled.get(set);
  if (!found) {
    found = { tokens: set.tokens.every((t) => TOKEN_SHAPE.test(t)) ? new Set(set.tokens) : undefined };
    compiled.set(set, found);
  }
  return found;
}

/**
 * Every placeholder of `set` in `text`, in text order. Tokens first (a token followed by
 * `(` or `[` is a link, not a placeholder), then the shapes where no token is.
 */
export function findPlaceholders(text: string, set: PlaceholderSet): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  if (set.tokens.length > 0 && text.includes('[')) {
    const tokens = compile(set).tokens;
    if (tokens) findTokens(text, tokens, found);
    else findTokensSlow(text, set.tokens, found);
  }
  const tokenCount = found.length;
  for (const shape of set.shapes) {
    if (!text.includes(SHAPE_HINT[shape])) continue;
    const pattern = SHAPES[shape];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!overlapsAny(found, start, end)) found.push({ text: match[0], index: start, temporal: temporalKind(match[0]) });
      if (end === start) pattern.lastIndex++;
    }
    pattern.lastIndex = 0;
  }
  // Tokens are found in text order; shapes only after them.
  return found.length === tokenCount && isSorted(found) ? found : found.sort((a, b) => a.index - b.index);
}

/**
 * Token occurrences never overlap one another (a token has no bracket inside), and each is
 * exactly one bracket group of the text: one scan over the groups, a set lookup for each.
 */
function findTokens(text: string, tokens: ReadonlySet<string>, found: PlaceholderMatch[]): void {
  BRACKET_GROUP.lastIndex = 0;
  for (let match = BRACKET_GROUP.exec(text); match; match = BRACKET_GROUP.exec(text)) {
    const token = match[0];
    if (!tokens.has(token)) continue;
    // `[link](url)` and `[text][ref]` are links, not placeholders.
    const after = text[match.index + token.length];
    if (after !== '(' && after !== '[') found.push({ text: token, index: match.index, temporal: temporalKind(token) });
  }
  BRACKET_GROUP.lastIndex = 0;
}

/** Any token list (a hand-made set): each token searched in turn, longest first as given. */
function findTokensSlow(text: string, tokens: readonly string[], found: PlaceholderMatch[]): void {
  for (const token of tokens) {
    if (token === '') continue;
    let from = 0;
    for (;;) {
      const at = text.indexOf(token, from);
      if (at < 0) break;
      const after = text[at + token.length];
      if (after !== '(' && after !== '[' && !overlapsAny(found, at, at + token.length)) found.push({ text: token, index: at, temporal: temporalKind(token) });
      from = at + token.length;
    }
  }
  found.sort((a, b) => a.index - b.index);
}

function overlapsAny(found: readonly PlaceholderMatch[], start: number, end: number): boolean {
  for (const m of found) if (start < m.index + m.text.length && end > m.index) return true;
  return false;
}

function isSorted(found: readonly PlaceholderMatch[]): boolean {
  for (let i = 1; i < found.length; i++) if (found[i - 1]!.index > found[i]!.index) return false;
  return true;
}

/** Which clock value a placeholder stands for, if any (`[HH:MM]`, `[YYYY-MM-DD]`, `[timestamp]`). */
export function temporalKind(token: string): PlaceholderMatch['temporal'] {
  const inner = token.replace(/^\[|\]$/g, '').toLowerCase();
  if (inner === 'hh:mm') return 'time';
  if (inner === 'yyyy-mm-dd' || inner === 'date' || inner === 'yyyymmdd') return 'date';
  if (inner === 'timestamp') return 'timestamp';
  return undefined;
}
