/**
 * A new report's file name, from the config's `fileName` pattern (`PM{YYYY}-{NNN} - {title}.md`).
 * Tokens: {id} the incident ID, {YYYY} {MM} {DD} the incident's date, {NNN} the ID's number,
 * {title} the title as typed (characters a file name cannot hold become `-`), {slug} the
 * title in lower-case words joined by `-`.
 */

export const FILE_NAME_TOKENS = ['id', 'YYYY', 'MM', 'DD', 'NNN', 'title', 'slug'] as const;
export type FileNameToken = (typeof FILE_NAME_TOKENS)[number];

/** Today's name (`INC-20261126-001-api-latency.md`), when the config sets no pattern. */
export const DEFAULT_FILE_NAME = '{id}-{slug}.md';
/** The default for a template without an ID field (and no `idPattern`): its reports have no ID to be named by. */
export const NO_ID_FILE_NAME = '{YYYY}-{MM}-{DD}-{NNN}-{slug}.md';

const TOKEN = /\{([^{}]*)\}/g;

/** Why a pattern cannot name reports (undefined when it can); config validation and its message. */
export function fileNamePatternProblem(pattern: string): string | undefined {
  if (!pattern.endsWith('.md')) return 'it must end in ".md"';
  if (/[\\/]/.test(pattern)) return 'it names a file, not a path: no "/" or "\\"';
  if (/[\u0000-\u001f<>:"|?*]/.test(pattern.replace(TOKEN, ''))) return 'it holds a character file names cannot (<>:"|?* or a control character)';
  const unknown = [...pattern.matchAll(TOKEN)].map((m) => m[1]!).filter((name) => !(FILE_NAME_TOKENS as readonly string[]).includes(name));
  if (unknown.length) return `{${unknown[0]}} is not a token; tokens: ${FILE_NAME_TOKENS.map((t) => `{${t}}`).join(' ')}`;
  if (/[{}]/.test(pattern.replace(TOKEN, ''))) return 'a "{" or "}" does not close a token';
  // Two reports must never get one name: the number (in the ID or alone) tells them apart.
  if (!pattern.includes('{id}') && !pattern.includes('{NNN}')) return 'it needs {id} or {NNN}, so each report gets its own name';
  return undefined;
}

export interface FileNameValues {
  readonly id: string;
  /** The ID's number, `001`. */
  readonly number: string;
  /** The incident's date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly title: string;
}

/** The file name the pattern gives; an empty title token leaves no dangling separator before `.md`. */
export function fileNameFor(pattern: string, values: FileNameValues): string {
  const [year, month, day] = values.date.split('-') as [string, string, string];
  const tokens: Record<FileNameToken, string> = { id: values.id, YYYY: year, MM: month, DD: day, NNN: values.number, title: titleForFileName(values.title), slug: slugOf(values.title) };
  const name = pattern.replace(TOKEN, (whole, token: string) => (Object.hasOwn(tokens, token) ? tokens[token as FileNameToken] : whole));
  return name.replace(/[\s._-]+(?=\.md$)/, '').replace(/^\s+/, '');
}

/**
 * The number an existing file name holds when it has the pattern's shape in the same date
 * scope ({YYYY} alone: numbers run per year); undefined for other names, or a pattern without {NNN}.
 */
export function numberInFileName(pattern: string, date: string, name: string): number | undefined {
  return fileNumberReader(pattern, date)?.(name);
}

/** numberInFileName with the pattern compiled once, for a whole folder's names. */
export function fileNumberReader(pattern: string, date: string): ((name: string) => number | undefined) | undefined {
  if (!pattern.includes('{NNN}')) return undefined;
  const [year, month, day] = date.split('-') as [string, string, string];
  const scope: Partial<Record<FileNameToken, string>> = { YYYY: year, MM: month, DD: day };
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    source += escape(pattern.slice(last, match.index));
    const token = match[1] as FileNameToken;
    source += token === 'NNN' ? '(?<number>\\d{3,})' : scope[token] !== undefined ? escape(scope[token]!) : '.*?';
    last = match.index + match[0].length;
  }
  source += escape(pattern.slice(last));
  const shape = new RegExp(`^${source}$`);
  return (name) => {
    const found = shape.exec(name)?.groups?.['number'];
    return found === undefined ? undefined : Number(found);
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The title as typed, one line, without the characters a file name cannot hold on any system. */
function titleForFileName(title: string): string {
  return title
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/[ .]+$/, '');
}

/** `api-latency`: a short slug of the title. */
export function slugOf(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}
