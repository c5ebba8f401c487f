import type { TextRunKind } from '../model/types';

/**
 * Placeholders are read from the template's own text: every bracketed token it holds
 * (`[Name]`, `[YYYY-MM-DD]`, `[link]`, `{SERVICE}`, `<name or role>`, ...) plus the shapes
 * it uses for blanks (`HH:MM`, `XXXms`, `X.XX%`, `____`, `TBD`, `??`, `DD/MM/YYYY`). A report
 * is then searched for exactly those, so PromQL's `[5m]`, a JSON `{...}`, a `<br>` or a
 * user's own brackets are never mistaken for one, and a shape the template does not use
 * (`TBD` in a report of a template without it) is the writer's word.
 */
export interface PlaceholderSet {
  /** Exact tokens of the template: `[...]`, `{...}` and `<...>`. */
  readonly tokens: readonly string[];
  readonly shapes: readonly PlaceholderShape[];
}

export type PlaceholderShape = 'time' | 'underscores' | 'x-figure' | 'to-be-decided' | 'question-marks' | 'date-format';

export interface PlaceholderMatch {
  readonly text: string;
  /** Offset in the searched string. */
  readonly index: number;
  /** A date or time to fill with "now". */
  readonly temporal: 'date' | 'time' | 'timestamp' | undefined;
}

/** Text the template's author wrote, for deriving its placeholders: a string is prose. */
export type TemplateText = string | { readonly text: string; readonly kind: TextRunKind };

const BRACKETED = /\[[^[\]\r\n]{1,80}\]/g;
/** `{SERVICE}`, `{service name}`: words inside braces, nothing code-like (`{"a": 1}`, `{x}=`). */
const BRACED = /\{[\p{L}\p{N}][\p{L}\p{N} _.\/&,'-]{0,78}\}/gu;
/** `<name or role>`, `<SERVICE>`: a tag-like group with no attribute value, URL, e-mail or closing slash. */
const ANGLED = /<[\p{L}][\p{L}\p{N} _.,&'-]{0,78}>/gu;
/** The HTML elements a template may write: `<br>`, `<b>`, `<details>` are markup, never a placeholder. */
const HTML_ELEMENTS = new Set(
  'a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure font h1 h2 h3 h4 h5 h6 hr i img input ins kbd label li mark ol p picture pre q rp rt ruby s samp section small source span strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var video wbr'.split(' '),
);

const SHAPES: Record<PlaceholderShape, RegExp> = {
  time: /(?<![\w:])HH:MM(?![\w:])/g,
  underscores: /_{3,}/g,
  'x-figure': /(?<![\w.])(?:X{2,}(?:\.X+)?|X\.X+)(?:ms|s|%)?(?![\w.])/g,
  // Upper case only: "tba" in a sentence is a word.
  'to-be-decided': /(?<![\w-])TB[DA](?![\w-])/g,
  // Standing alone (`Owner: ??`), not a question's end (`why??`).
  'question-marks': /(?<![^\s(|:])\?{2,}(?![^\s).,;|])/g,
  // A date written as its format; inside brackets it is the template's token instead.
  'date-format': /(?<![\w/.[{-])(?:YYYY([-/.])MM\1DD|DD([-/.])MM\2YYYY|MM([-/.])DD\3YYYY)(?![\w/.\]}-])/g,
};

/** Shapes only prose has: in code, `??` is an operator and `YYYY-MM-DD` a format string. */
const PROSE_SHAPES: ReadonlySet<PlaceholderShape> = new Set(['to-be-decided', 'question-marks', 'date-format']);

export function derivePlaceholders(texts: Iterable<TemplateText>): PlaceholderSet {
  const tokens = new Set<string>();
  const shapes = new Set<PlaceholderShape>();
  for (const entry of texts) {
    const { text, kind } = typeof entry === 'string' ? { text: entry, kind: undefined } : entry;
    const prose = kind === undefined || kind === 'text';
    if (kind === undefined || kind === 'html') for (const match of text.matchAll(ANGLED)) if (isAngledPlaceholder(match[0])) tokens.add(match[0]);
    if (kind === 'html') continue;
    for (const match of text.matchAll(BRACKETED)) tokens.add(match[0]);
    if (prose) for (const match of text.matchAll(BRACED)) tokens.add(match[0]);
    for (const shape of Object.keys(SHAPES) as PlaceholderShape[]) {
      if (!prose && PROSE_SHAPES.has(shape)) continue;
      SHAPES[shape].lastIndex = 0;
      if (SHAPES[shape].test(text)) shapes.add(shape);
    }
  }
  // Longest first, so `[YYYY-MM-DD]` wins over anything it contains.
  return { tokens: [...tokens].sort((a, b) => b.length - a.length), shapes: [...shapes] };
}

/** `<name or role>` is a placeholder; `<br>`, `<b>`, `<details>` (an element's name first) are HTML. */
function isAngledPlaceholder(token: string): boolean {
  const firstWord = token.slice(1, -1).split(/[\s>]/)[0]!.toLowerCase();
  return !HTML_ELEMENTS.has(firstWord);
}

/** Whether a match found in code is a placeholder there: `??` and `YYYY-MM-DD` in code are code. */
export function placeholderInCode(match: PlaceholderMatch): boolean {
  for (const shape of PROSE_SHAPES) {
    const pattern = new RegExp(`^(?:${SHAPES[shape].source})$`);
    if (pattern.test(match.text)) return false;
  }
  return true;
}

/** A group with nothing of its own kind inside, per opening character: every template token is one. */
const GROUPS: Record<string, { readonly group: RegExp; readonly whole: RegExp }> = {
  '[': { group: /\[[^[\]\r\n]*\]/g, whole: /^\[[^[\]\r\n]*\]$/ },
  '{': { group: /\{[^{}\r\n]*\}/g, whole: /^\{[^{}\r\n]*\}$/ },
  '<': { group: /<[^<>\r\n]*>/g, whole: /^<[^<>\r\n]*>$/ },
};
/** Text a shape's match must contain: a cheap test before running the pattern. */
const SHAPE_HINT: Record<PlaceholderShape, string> = { time: 'HH:MM', underscores: '___', 'x-figure': 'X', 'to-be-decided': 'TB', 'question-marks': '??', 'date-format': 'YY' };

interface CompiledSet {
  /** The tokens by opening character, for a lookup per group; undefined when one is no plain group. */
  readonly tokens: ReadonlyMap<string, ReadonlySet<string>> | undefined;
}
const compiled = new WeakMap<PlaceholderSet, CompiledSet>();

function compile(set: PlaceholderSet): CompiledSet {
  let found = compiled.get(set);
  if (!found) {
    const byOpener = new Map<string, Set<string>>();
    let plain = true;
    for (const token of set.tokens) {
      const opener = token[0] ?? '';
      if (!GROUPS[opener]?.whole.test(token)) plain = false;
      else byOpener.set(opener, (byOpener.get(opener) ?? new Set()).add(token));
    }
    found = { tokens: plain ? byOpener : undefined };
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
  if (set.tokens.length > 0) {
    const tokens = compile(set).tokens;
    if (tokens) {
      for (const [opener, group] of tokens) if (text.includes(opener)) findTokens(text, opener, group, found);
      if (tokens.size > 1) found.sort((a, b) => a.index - b.index);
    } else if (text.includes('[') || (/[{<]/.test(text) && set.tokens.some((t) => t[0] === '{' || t[0] === '<'))) findTokensSlow(text, set.tokens, found);
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
function findTokens(text: string, opener: string, tokens: ReadonlySet<string>, found: PlaceholderMatch[]): void {
  const pattern = GROUPS[opener]!.group;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const token = match[0];
    if (!tokens.has(token)) continue;
    // `[link](url)` and `[text][ref]` are links, not placeholders.
    const after = text[match.index + token.length];
    if (opener !== '[' || (after !== '(' && after !== '[')) found.push({ text: token, index: match.index, temporal: temporalKind(token) });
  }
  pattern.lastIndex = 0;
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
      if ((token[0] === '{' || token[0] === '<' || (after !== '(' && after !== '[')) && !overlapsAny(found, at, at + token.length)) found.push({ text: token, index: at, temporal: temporalKind(token) });
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
  const inner = token.replace(/^[[{<]|[\]}>]$/g, '').toLowerCase();
  if (inner === 'hh:mm') return 'time';
  if (inner === 'yyyy-mm-dd' || inner === 'date' || inner === 'yyyymmdd') return 'date';
  if (inner === 'timestamp') return 'timestamp';
  return undefined;
}
