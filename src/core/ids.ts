/**
 * The incident ID, defined once as a pattern spec (`INC-{YYYYMMDD}-{NNN}` by default, a team's
 * `PM{YYYY}-{NNN}` or `{N}`); every regular expression and every formatted ID is derived from
 * the spec by idScheme, so the rules, `new`, the file-name checks, links and the server's index
 * all read the workspace's IDs the same way.
 */

/** The shipped template's ID. */
export const DEFAULT_ID_SPEC = 'INC-{YYYYMMDD}-{NNN}';

/**
 * The tokens a spec may hold: `{YYYY}` year, `{YY}` two-digit year, `{MM}` month, `{DD}` day,
 * `{YYYYMMDD}` the whole day, `{N}` a number of any length, `{NNN}` (any count of N) a number
 * of exactly that many digits, zero-padded.
 */
export const ID_TOKENS = ['YYYYMMDD', 'YYYY', 'YY', 'MM', 'DD', 'N', 'NN…'] as const;

/** What an ID names: the parts of its date it carries and its number. */
export interface IdParts {
  readonly year?: string;
  readonly month?: string;
  readonly day?: string;
  readonly number?: string;
}

export interface IdScheme {
  /** As configured or derived: `INC-{YYYYMMDD}-{NNN}`. */
  readonly spec: string;
  /** An ID of today's form, for messages: `INC-20261126-001`. */
  readonly example: string;
  /** One ID anywhere (a file name); not anchored, not global. */
  readonly pattern: RegExp;
  /** A value that is exactly one ID. */
  readonly whole: RegExp;
  /**
   * IDs inside prose, as whole words (go to definition, references, incident-reference);
   * undefined when an ID is a bare number (every number in prose would be one).
   */
  readonly inText: RegExp | undefined;
  /** The ID token in a field value that may carry a note: not glued to a word, a dash or a code span. */
  readonly token: RegExp;
  /** Which date parts an ID carries: a full day (`YYYYMMDD`, or YYYY+MM+DD), a year, or none. */
  readonly dated: 'day' | 'year' | 'none';
  /** Whether IDs carry a number (`new` allocates the next one). */
  readonly numbered: boolean;
  /** The date and number an ID names; undefined when `id` is not exactly one ID. */
  parse(id: string): IdParts | undefined;
  /** The ID for a UTC day (`YYYY-MM-DD`) and a number. */
  format(day: string, number: number): string;
  /** The largest number an ID can hold (`{NNN}`: 999). */
  readonly maxNumber: number;
}

type Token = { kind: 'literal'; text: string } | { kind: 'date'; name: 'YYYYMMDD' | 'YYYY' | 'YY' | 'MM' | 'DD' } | { kind: 'number'; width: number | undefined };

const TOKEN = /\{(YYYYMMDD|YYYY|YY|MM|DD|N+)\}/g;
const DATE_DIGITS = { YYYYMMDD: 8, YYYY: 4, YY: 2, MM: 2, DD: 2 } as const;

/** Why a spec cannot be used, or undefined when it can (config validation and `template check`). */
export function idSpecProblem(spec: string): string | undefined {
  const tokens = tokenize(spec);
  if (!tokens.some((t) => t.kind !== 'literal')) return `"${spec}" has no token; use {YYYY}, {MM}, {DD}, {YYYYMMDD}, {N} or {NNN}, e.g. "PM{YYYY}-{NNN}"`;
  if (tokens.filter((t) => t.kind === 'number').length > 1) return `"${spec}" has more than one number token`;
  const names = tokens.flatMap((t) => (t.kind === 'date' ? [t.name] : []));
  if (new Set(names).size !== names.length) return `"${spec}" repeats a date token`;
  if (/[\r\n]/.test(spec) || spec.length > 80) return `"${spec}" must be one short line`;
  return undefined;
}

function tokenize(spec: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const match of spec.matchAll(TOKEN)) {
    if (match.index > at) tokens.push({ kind: 'literal', text: spec.slice(at, match.index) });
    const name = match[1]!;
    tokens.push(name.startsWith('N') ? { kind: 'number', width: name.length === 1 ? undefined : name.length } : { kind: 'date', name: name as keyof typeof DATE_DIGITS });
    at = match.index + match[0].length;
  }
  if (at < spec.length) tokens.push({ kind: 'literal', text: spec.slice(at) });
  return tokens;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The scheme of a spec; throws on a spec idSpecProblem rejects. */
export function idScheme(spec: string): IdScheme {
  const problem = idSpecProblem(spec);
  if (problem) throw new RangeError(`Invalid incident ID pattern: ${problem}.`);
  const tokens = tokenize(spec);
  // Groups are numbered in token order; `group` maps each non-literal token to its group.
  const source = tokens
    .map((t) => (t.kind === 'literal' ? escape(t.text) : t.kind === 'date' ? `(\\d{${DATE_DIGITS[t.name]}})` : t.width ? `(\\d{${t.width}})` : '(\\d+)'))
    .join('');
  const pattern = new RegExp(source);
  const whole = new RegExp(`^${source}$`);
  const hasLetters = tokens.some((t) => t.kind === 'literal' && /[^\s\d]/.test(t.text));
  // Lookarounds rather than \b: a spec may start or end with a sign (`#{N}`); for a word
  // character at either end they are the same as \b.
  const inText = hasLetters ? new RegExp(`(?<!\\w)${source}(?!\\w)`, 'g') : undefined;
  const token = new RegExp(`(?<![\\w\`-])${source}(?![\\w\`-])`);
  const valued = tokens.filter((t): t is Exclude<Token, { kind: 'literal' }> => t.kind !== 'literal');
  const names = new Set(valued.map((t) => (t.kind === 'date' ? t.name : 'N')));
  const dated = names.has('YYYYMMDD') || (names.has('YYYY') && names.has('MM') && names.has('DD')) ? 'day' : names.has('YYYY') ? 'year' : 'none';
  const numberToken = valued.find((t): t is { kind: 'number'; width: number | undefined } => t.kind === 'number');
  const maxNumber = numberToken?.width ? 10 ** numberToken.width - 1 : Number.MAX_SAFE_INTEGER;

  const parse = (id: string): IdParts | undefined => {
    const match = whole.exec(id);
    if (!match) return undefined;
    const parts: { year?: string; month?: string; day?: string; number?: string } = {};
    valued.forEach((t, i) => {
      const value = match[i + 1]!;
      if (t.kind === 'number') parts.number = value;
      else if (t.name === 'YYYYMMDD') Object.assign(parts, { year: value.slice(0, 4), month: value.slice(4, 6), day: value.slice(6, 8) });
      else if (t.name === 'YYYY') parts.year = value;
      else if (t.name === 'MM') parts.month = value;
      else if (t.name === 'DD') parts.day = value;
    });
    return parts;
  };
  const format = (isoDay: string, number: number): string => {
    const [year = '', month = '', day = ''] = isoDay.split('-');
    return tokens
      .map((t) => {
        if (t.kind === 'literal') return t.text;
        if (t.kind === 'number') return String(number).padStart(t.width ?? 1, '0');
        return { YYYYMMDD: `${year}${month}${day}`, YYYY: year, YY: year.slice(2), MM: month, DD: day }[t.name];
      })
      .join('');
  };
  return { spec, example: format('2026-11-26', 1), pattern, whole, inText, token, dated, numbered: !!numberToken, parse, format, maxNumber };
}

/** The scheme of the shipped template. */
export const DEFAULT_ID_SCHEME = idScheme(DEFAULT_ID_SPEC);

/** The default ID, `INC-YYYYMMDD-NNN`. Groups: 1 the UTC date's digits, 2 the day's number. */
export const ID_PATTERN = DEFAULT_ID_SCHEME.pattern;
export const WHOLE_ID = DEFAULT_ID_SCHEME.whole;
export const ID_IN_TEXT = DEFAULT_ID_SCHEME.inText!;
export const ID_TOKEN = DEFAULT_ID_SCHEME.token;

/** The day an ID names (`YYYY-MM-DD`), when it names a whole day. */
export function idDay(parts: IdParts | undefined): string | undefined {
  return parts?.year && parts.month && parts.day ? `${parts.year}-${parts.month}-${parts.day}` : undefined;
}

/**
 * The spec a template's example ID declares: `INC-[YYYYMMDD]-[NNN]` -> `INC-{YYYYMMDD}-{NNN}`,
 * `PM[YYYY]-[NNN]` -> `PM{YYYY}-{NNN}`, `#[N]` -> `#{N}`. Tokens may be written `[X]`, `{X}`
 * or `<X>`; undefined when the example holds no token (the template gives no pattern).
 */
export function idSpecFromExample(example: string): string | undefined {
  // The template's guidance beside the example (`PM[YYYY]-[NNN] <!-- from the tracker -->`) is not part of it.
  const trimmed = example.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim().replace(/^`|`$/g, '');
  if (!trimmed || /\s/.test(trimmed)) return undefined;
  const spec = trimmed.replace(/[[{<](YYYYMMDD|YYYY|YY|MM|DD|N+)[\]}>]/g, '{$1}');
  return idSpecProblem(spec) ? undefined : spec;
}
