import { fix, replace } from '../fix/edits';
import type { Table, TableCell, TableRow } from '../model/types';
import { findPlaceholders, type PlaceholderSet } from '../template/placeholders';
import type { TemplateModel } from '../template/templateModel';
import { stripLeadingEmoji, wordsKey } from '../text/normalize';
import { parseDate } from '../time';
import type { Span } from '../types';
import { ACTION_ITEM_ROLES, resolveColumns, type ActionItemRole } from '../template/columnRoles';
import { actionItemsTable } from './query';
import type { Rule, RuleContext } from './rule';

/** The SPEC's statuses, used when the template's own Action Items rows name none. */
const DEFAULT_STATUSES = ['⬜ Not Started', '🟡 In Progress', '✅ Done'];
/** Words that mean "finished" in a team's own status list. */
const DONE_WORDS = new Set(['done', 'complete', 'completed', 'closed', 'resolved']);
/** An Owner cell that names nobody. */
const NO_OWNER = new Set(['tbd', 'tba', 'n a', 'none', 'nobody', 'unassigned', 'unknown']);

/** Column index per role, read from the table's own header; a role the table lacks is undefined and not checked. */
export type Columns = Readonly<Partial<Record<ActionItemRole, number>>>;

export const actionItemRule: Rule = {
  id: 'action-item',
  description: 'Each action item has an owner, a real due date and a known status, and is not overdue.',
  defaultSeverity: { draft: 'warning', final: 'error' },
  check(ctx) {
    const table = actionItemsTable(ctx.model, ctx.template);
    if (!table) return; // missing-section reports an absent section.
    const columns = actionItemColumns(table, ctx.template);
    const statuses = knownStatuses(ctx.template);
    const keys = statuses.map(statusKey);
    const today = parseDate(ctx.today);
    const names = columnNames(table, columns);
    for (const row of table.rows) checkRow(ctx, row, columns, names, statuses, keys, today);
  },
};

/** An action item's state, read the one way the rule and the Incidents view both use. */
export interface ActionItemState {
  readonly row: TableRow;
  readonly action: string;
  readonly owner: string;
  readonly due: string;
  readonly status: string;
  /** The status is a "finished" word (Done, Complete, Closed, ...), emoji and case aside. */
  readonly done: boolean;
  /** A real due date before today on an item not done. */
  readonly overdue: boolean;
  /** Nothing written but what the template says (its example rows: `[Action 1] | [Name] | [Date] | ✅ Done`): not an action item yet. */
  readonly example: boolean;
}

/** Each row of an Action Items table with its state; `today` is `YYYY-MM-DD`. */
export function readActionItems(table: Table, template: TemplateModel, today: string): ActionItemState[] {
  const columns = actionItemColumns(table, template);
  const todayDay = parseDate(today);
  return table.rows.map((row) => {
    const text = (index: number | undefined): string => (index === undefined ? '' : row.cells[index]?.text ?? '');
    const done = isDone(text(columns.status));
    const dueDay = parseDate(text(columns.due));
    const unfilled = (cell: TableCell | undefined): boolean => !cell || cell.text === '' || isPlaceholder(cell, template.placeholders);
    return {
      row,
      action: text(columns.action),
      owner: text(columns.owner),
      due: text(columns.due),
      status: text(columns.status),
      done,
      overdue: isOverdue(dueDay, todayDay, done),
      example: row.cells.every((cell, index) => index === columns.status || unfilled(cell)),
    };
  });
}

function isOverdue(dueDay: number | undefined, today: number | undefined, done: boolean): boolean {
  return dueDay !== undefined && today !== undefined && dueDay < today && !done;
}

/** Whether an item with this due cell and state is overdue on `today` (YYYY-MM-DD): the rule's reading, for items read on another day. */
export function isOverdueOn(due: string, done: boolean, today: string): boolean {
  return isOverdue(parseDate(due), parseDate(today), done);
}

/** The team's headers as messages say them: `Due Date` -> "due date", `Deadline` -> "deadline". */
interface ColumnNamesInMessages {
  readonly headers: readonly string[];
  readonly owner: string;
  readonly due: string;
  readonly status: string;
}

function columnNames(table: Table, columns: Columns): ColumnNamesInMessages {
  const noun = (role: ActionItemRole, fallback: string): string => {
    const at = columns[role];
    const header = at === undefined ? '' : (table.columns[at] ?? '').replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
    return header === '' ? fallback : header.toLowerCase();
  };
  const headers = ACTION_ITEM_ROLES.flatMap((role) => (columns[role] === undefined ? [] : [table.columns[columns[role]!]!]));
  return { headers, owner: noun('owner', 'owner'), due: noun('due', 'due date'), status: noun('status', 'status') };
}

function checkRow(ctx: RuleContext, row: TableRow, columns: Columns, names: ColumnNamesInMessages, statuses: readonly string[], keys: readonly string[], today: number | undefined): void {
  const placeholders = ctx.template.placeholders;
  if (row.cells.every((c) => c.text === '')) {
    const fill = names.headers.length > 1 ? `${names.headers.slice(0, -1).join(', ')} and ${names.headers[names.headers.length - 1]}` : names.headers[0] ?? 'it';
    ctx.report({ span: row.span, message: `Action item row is empty; fill in ${fill}, or remove the row.` });
    return;
  }
  const name = actionName(row, columns);
  const cell = (index: number | undefined): TableCell | undefined => (index === undefined ? undefined : row.cells[index]);
  const where = (c: TableCell | undefined): Span => (c && c.text !== '' ? c.span : row.span);

  const action = cell(columns.action);
  if (columns.action !== undefined && (!action || action.text === '')) {
    ctx.report({ span: row.span, message: `Action item ${name} has no action; expected what will be done.` });
  }

  const owner = cell(columns.owner);
  const ownerKey = owner ? wordsKey(owner.text) : '';
  if (columns.owner !== undefined && !isPlaceholder(owner, placeholders) && (!owner || ownerKey === '' || NO_OWNER.has(ownerKey))) {
    const found = owner && owner.text !== '' ? `is "${owner.text}"` : `has no ${names.owner}`;
    ctx.report({ span: where(owner), message: `Action item ${name} ${found}; expected the name of the person who owns it.` });
  }

  const due = cell(columns.due);
  const dueDay = due ? parseDate(due.text) : undefined;
  if (columns.due !== undefined && !isPlaceholder(due, placeholders) && dueDay === undefined) {
    const found = due && due.text !== '' ? `has ${names.due} "${due.text}"` : `has no ${names.due}`;
    ctx.report({ span: where(due), message: `Action item ${name} ${found}; expected a real date (YYYY-MM-DD).` });
  }

  const status = cell(columns.status);
  // The status's key once per row; the known statuses' keys once per check.
  const key = status ? statusKey(status.text) : '';
  const knownAt = key === '' ? -1 : keys.indexOf(key);
  const known = knownAt < 0 ? undefined : statuses[knownAt];
  const saysDone = !!status && DONE_WORDS.has(key);
  if (columns.status !== undefined && !known && !isPlaceholder(status, placeholders)) {
    const found = status && status.text !== '' ? `has ${names.status} "${status.text}"` : `has no ${names.status}`;
    // One fix per known status; a missing cell has no place to write into.
    // "Completed" or "closed" says the work is done: that fix leads.
    const fixes = status ? statuses.map((s, i) => fix(`Set status ${s}`, [replace(status.span, s)], saysDone && DONE_WORDS.has(keys[i]!) ? { isPreferred: true } : {})) : [];
    ctx.report({ span: where(status), message: `Action item ${name} ${found}; expected one of ${statuses.join(', ')}.`, fixes });
  }

  // Unknown status counts as not done unless its words say so ("Completed").
  if (due && isOverdue(dueDay, today, saysDone)) {
    const state = known ? `is "${known}"` : 'is not marked done';
    ctx.report({ span: due.span, message: `Action item ${name} was due ${due.text} and ${state}; expected it done by now (today is ${ctx.today}) or a new ${names.due}.` });
  }
}

/** Column positions by the roles of the table's own header (template/columnRoles.ts); never by position. */
export function actionItemColumns(table: Table, template: TemplateModel): Columns {
  return resolveColumns('actionItems', table.columns, template.columnNames).index;
}

/** The statuses the template's own rows use (`🟡 In Progress`, ...), in progress order. */
export function knownStatuses(template: TemplateModel): string[] {
  const table = actionItemsTable(template.report, template);
  const found: string[] = [];
  const column = table && actionItemColumns(table, template).status;
  if (table && column !== undefined) {
    for (const row of table.rows) {
      const text = row.cells[column]?.text ?? '';
      if (text === '' || findPlaceholders(text, template.placeholders).length > 0) continue;
      if (!found.some((s) => statusKey(s) === statusKey(text))) found.push(text);
    }
  }
  // A template whose example rows show no finished status (one row, `Not Started`) shows an
  // item's first state, not the team's whole list (its items could never be done): the
  // default statuses complete it, so `In Progress` and `Done` are known.
  const list = found.some(isDone) ? found : [...found, ...DEFAULT_STATUSES.filter((d) => !found.some((s) => statusKey(s) === statusKey(d)))];
  const rank = (s: string): number => (isDone(s) ? 2 : /not|todo|open/.test(statusKey(s)) ? 0 : 1);
  return [...list].sort((a, b) => rank(a) - rank(b));
}

/** `done`, `✅ DONE`, `✅ Done` -> `✅ Done` (emoji optional, case-insensitive words). */
export function matchStatus(text: string, statuses: readonly string[]): string | undefined {
  const key = statusKey(text);
  return key === '' ? undefined : statuses.find((s) => statusKey(s) === key);
}

function statusKey(text: string): string {
  return wordsKey(stripLeadingEmoji(text));
}

function isDone(status: string): boolean {
  return DONE_WORDS.has(statusKey(status));
}

/** A cell that is exactly a template placeholder (`[Name]`, `[Date]`) is the placeholder rule's. */
function isPlaceholder(cell: TableCell | undefined, placeholders: PlaceholderSet): boolean {
  if (!cell || cell.text === '') return false;
  const matches = findPlaceholders(cell.text, placeholders);
  return matches.length === 1 && matches[0]!.text === cell.text;
}

function actionName(row: TableRow, columns: Columns): string {
  const text = columns.action === undefined ? '' : row.cells[columns.action]?.text ?? '';
  return text === '' ? `in row "${row.cells.map((c) => c.text).filter(Boolean).join(' | ')}"` : `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}
