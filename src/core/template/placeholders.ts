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

export function findPlaceholders(text: string, set: PlaceholderSet): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number): boolean => taken.some(([s, e]) => start < e && end > s);
  const add = (match: string, index: number): void => {
    if (overlaps(index, index + match.length)) return;
    taken.push([index, index + match.length]);
    found.push({ text: match, index, temporal: temporalKind(match) });
  };
  if (text.includes('[')) {
    for (const token of set.tokens) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(token, from);
        if (at < 0) break;
        // `[link](url)` and `[text][ref]` are links, not placeholders.
        const after = text[at + token.length];
        if (after !== '(' && after !== '[') add(token, at);
        from = at + token.length;
      }
    }
  }
  for (const shape of set.shapes) {
    const pattern = SHAPES[shape];
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) add(match[0], match.index);
  }
  return found.sort((a, b) => a.index - b.index);
}

function temporalKind(token: string): PlaceholderMatch['temporal'] {
  const inner = token.replace(/^\[|\]$/g, '').toLowerCase();
  if (inner === 'hh:mm') return 'time';
  if (inner === 'yyyy-mm-dd' || inner === 'date' || inner === 'yyyymmdd') return 'date';
  if (inner === 'timestamp') return 'timestamp';
  return undefined;
}
