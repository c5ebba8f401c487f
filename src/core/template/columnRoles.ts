import { wordsKey } from '../text/normalize';

/**
 * Column roles: which column of a timeline or action-items table holds what. Every reader
 * (rules, summary, views, chart, Add Timeline Event, writing aids, `template check`) asks
 * resolveColumns for the table in front of it, the report's own header, never the
 * template's positions. A column with no role is not read; there is no positional fallback.
 *
 * A header matches on its words: case, punctuation, emoji and anything in parentheses are
 * ignored, so `Time (UTC)`, `⏰ time` and `TIME` are all the time column.
 * 1. A header that is exactly a configured name (`columns` in the config) or a synonym
 *    below takes that role. When two headers claim one role, the one whose synonym comes
 *    first in the list wins (`Time` over `Date`); the other is not read, and said so.
 * 2. A header that only contains synonyms (`Start time`, `Action owner`, `Who/What`) takes
 *    the role of the one written last, the head of the phrase (`Action owner` is the owner),
 *    else the role of the one before it if that role is taken. So `Who/What` is the event
 *    column, unless another column is the event: then it is the actor.
 */
export const TIMELINE_ROLES = ['time', 'event', 'actor'] as const;
export const ACTION_ITEM_ROLES = ['action', 'owner', 'due', 'status'] as const;
export type TimelineRole = (typeof TIMELINE_ROLES)[number];
export type ActionItemRole = (typeof ACTION_ITEM_ROLES)[number];
export type ColumnRole = TimelineRole | ActionItemRole;
export type TableKind = 'timeline' | 'actionItems';

type RolesOf<K extends TableKind> = K extends 'timeline' ? TimelineRole : ActionItemRole;

/** The documented synonyms, best first (docs/templates.md lists them). */
export const COLUMN_SYNONYMS: { readonly timeline: Readonly<Record<TimelineRole, readonly string[]>>; readonly actionItems: Readonly<Record<ActionItemRole, readonly string[]>> } = {
  timeline: {
    time: ['Time (UTC)', 'Time', 'Date/Time', 'When', 'Timestamp', 'Date'],
    event: ['Event', 'Description', 'What happened', 'What', 'Action / Impact', 'Details', 'Activity', 'Update'],
    actor: ['Actor', 'Who', 'Owner', 'Source', 'By', 'Person'],
  },
  actionItems: {
    action: ['Action', 'Action item', 'Task', 'Item', 'Description', 'Follow-up'],
    owner: ['Owner', 'Assignee', 'Who', 'DRI', 'Responsible'],
    due: ['Due', 'Due date', 'Deadline', 'By when', 'Target date', 'ETA'],
    status: ['Status', 'State'],
  },
};

/** Header names from the config, per table and role (`"columns": {"timeline": {"time": "Zeit"}}`). */
export interface ColumnNames {
  readonly timeline?: Partial<Readonly<Record<TimelineRole, string | readonly string[]>>>;
  readonly actionItems?: Partial<Readonly<Record<ActionItemRole, string | readonly string[]>>>;
}

export interface ResolvedColumns<R extends ColumnRole = ColumnRole> {
  /** The column index of each role the table has. */
  readonly index: Readonly<Partial<Record<R, number>>>;
  /** Each column's role; undefined for a column that is not read. */
  readonly roles: readonly (R | undefined)[];
  /** What was decided between candidates, as sentences (`template check` prints them). */
  readonly ambiguities: readonly string[];
  /** The columns those sentences are about (left without a role, or given one of several). */
  readonly ambiguous: readonly number[];
}

/** A header's words for matching: parentheses dropped (`Time (UTC)` is `time`). */
export function headerKey(header: string): string {
  return wordsKey(header.replace(/\([^)]*\)/g, ' '));
}

interface Candidate<R> {
  readonly role: R;
  /** Exact header: rank in its list (configured names rank first). Contained: where its words end. */
  readonly exact: boolean;
  readonly order: number;
}

function namesFor<K extends TableKind>(kind: K, names: ColumnNames | undefined): [RolesOf<K>, string[]][] {
  const synonyms = COLUMN_SYNONYMS[kind] as Record<RolesOf<K>, readonly string[]>;
  const configured = (names?.[kind] ?? {}) as Partial<Record<RolesOf<K>, string | readonly string[]>>;
  return (Object.keys(synonyms) as RolesOf<K>[]).map((role) => {
    const own = configured[role];
    const list = own === undefined ? [] : typeof own === 'string' ? [own] : [...own];
    return [role, [...list, ...synonyms[role]].map(headerKey).filter(Boolean)];
  });
}

function candidatesOf<R>(key: string, lists: readonly [R, string[]][]): Candidate<R>[] {
  if (key === '') return [];
  const exact: Candidate<R>[] = [];
  for (const [role, keys] of lists) {
    const rank = keys.indexOf(key);
    if (rank >= 0) exact.push({ role, exact: true, order: rank });
  }
  if (exact.length > 0) return exact;
  const padded = ` ${key} `;
  const contained: Candidate<R>[] = [];
  for (const [role, keys] of lists) {
    let end = -1;
    for (const synonym of keys) {
      const at = padded.lastIndexOf(` ${synonym} `);
      if (at >= 0) end = Math.max(end, at + synonym.length + 1);
    }
    if (end >= 0) contained.push({ role, exact: false, order: end });
  }
  // The phrase's head is its last word: `Action owner` is an owner.
  return contained.sort((a, b) => b.order - a.order);
}

/** The roles of a table's columns, by its own header (see the comment at the top). */
export function resolveColumns<K extends TableKind>(kind: K, headers: readonly string[], names?: ColumnNames): ResolvedColumns<RolesOf<K>> {
  type R = RolesOf<K>;
  const lists = namesFor(kind, names);
  const candidates = headers.map((h) => candidatesOf(headerKey(h), lists));
  const roles: (R | undefined)[] = headers.map(() => undefined);
  const index: Partial<Record<R, number>> = {};
  const ambiguities: string[] = [];
  const ambiguous = new Set<number>();
  const name = (column: number): string => `"${headers[column]}"`;

  // Exact headers first; the best-ranked claim on a role wins, the first column on a tie.
  for (const [role] of lists) {
    const claims = candidates.flatMap((c, column) => c.filter((x) => x.exact && x.role === role && roles[column] === undefined).map((x) => ({ column, order: x.order })));
    if (claims.length === 0) continue;
    const best = claims.reduce((a, b) => (b.order < a.order ? b : a));
    roles[best.column] = role;
    index[role] = best.column;
    for (const other of claims) {
      if (other === best) continue;
      ambiguous.add(other.column);
      ambiguities.push(`${name(other.column)} and ${name(best.column)} both name the ${role} column: ${name(best.column)} is read, ${name(other.column)} is not`);
    }
  }
  // Then headers that contain synonyms, left to right.
  candidates.forEach((list, column) => {
    if (roles[column] !== undefined || list.length === 0 || list[0]!.exact) return;
    const free = list.find((c) => index[c.role] === undefined);
    if (!free) {
      ambiguous.add(column);
      ambiguities.push(`${name(column)} names the ${list.map((c) => c.role).join(' or ')} column, already read from another column: it is not read`);
      return;
    }
    roles[column] = free.role;
    index[free.role] = column;
    if (list.length > 1) {
      ambiguous.add(column);
      ambiguities.push(`${name(column)} names the ${list.map((c) => c.role).join(' and the ')}: read as the ${free.role}`);
    }
  });
  return { index, roles, ambiguities, ambiguous: [...ambiguous].sort((a, b) => a - b) };
}

/** The role a header names exactly (a configured name or a synonym, not a phrase holding one). */
export function exactRole<K extends TableKind>(kind: K, header: string, names?: ColumnNames): RolesOf<K> | undefined {
  const found = candidatesOf(headerKey(header), namesFor(kind, names));
  return found[0]?.exact ? found[0].role : undefined;
}
