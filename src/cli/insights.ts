/**
 * `incident-report stats` and `incident-report actions`: the core's insights (src/core/insights.ts)
 * over the reports found in paths, printed as a table, JSON, CSV or Markdown.
 */
import { basename, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { REPORT_DEFINITION, createIncidentCore, formatDuration, actionItemsAcross, incidentStats, METRIC_IDS, METRIC_LABELS, STATS_DIMENSIONS, type ActionItemRow, type FiledFacts, type IncidentCore, type IncidentFacts, type IncidentStats, type MetricStats, type StatsDimension, type StatsGroup } from '../core';
import { discover } from './files';
import { printable } from './format';
import type { Io } from './main';
import { cachePath, hash } from './cache';
import { INSIGHTS_CACHE_FILE_NAME, InsightsCache, insightsSettingsKey } from './insightsCache';
import { VERSION } from './version';
import { UsageError, loadRootWorkspace, neverLinted, readErrorReason, readText } from './workspace';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Options every insights command takes. */
const COMMON = {
  format: { type: 'string', default: 'table' },
  root: { type: 'string', default: '.' },
  config: { type: 'string' },
  today: { type: 'string' },
  cache: { type: 'boolean', default: false },
  'cache-location': { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

interface Loaded {
  readonly core: IncidentCore;
  readonly reports: FiledFacts[];
  /** Unreadable paths and named files that are no report: printed on stderr, exit 2. */
  readonly problems: string[];
  readonly today: string;
}

/** The facts of every report in `paths` (default: the root), named as the output shows them. */
async function loadReports(paths: readonly string[], values: { root: string; config?: string; today?: string; cache: boolean; 'cache-location'?: string }, io: Io): Promise<Loaded> {
  if (values.today !== undefined && !DATE.test(values.today)) throw new UsageError(`--today ${values.today}: expected YYYY-MM-DD`);
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache');
  const root = resolve(io.cwd, values.root);
  const workspace = await loadRootWorkspace(root, values.config === undefined ? undefined : resolve(io.cwd, values.config), io);
  const core = createIncidentCore({ templateText: workspace.templateText, config: workspace.config });
  const today = values.today ?? io.now().toISOString().slice(0, 10);
  const { targets, problems } = discover(paths.length ? paths : [root], io.cwd, root);
  const note = (message: string): void => io.err(`incident-report: ${message}`);
  const cache = values.cache ? InsightsCache.open(cachePath(io.cwd, values['cache-location'], INSIGHTS_CACHE_FILE_NAME), VERSION, insightsSettingsKey(workspace.templateText, workspace.config), note) : undefined;
  const reports: FiledFacts[] = [];
  for (const target of targets) {
    // The team template, README files and `exclude` are no reports (as for lint).
    if (neverLinted(workspace, target)) {
      cache?.forget(target.path);
      continue;
    }
    const file = relative(io.cwd, target.path) || basename(target.path);
    let text: string;
    try {
      text = readText(target.path, 'report');
    } catch (error) {
      cache?.forget(target.path);
      problems.push((error as Error).message);
      continue;
    }
    let facts: IncidentFacts | undefined;
    if (cache) {
      const textHash = hash(text);
      const cached = cache.lookup(target.path, textHash, today);
      facts = cached === undefined ? core.facts(text, today) : (cached ?? undefined);
      if (cached === undefined) cache.store(target.path, textHash, facts);
    } else {
      facts = core.facts(text, today);
    }
    if (facts) reports.push({ file, facts });
    else if (target.explicit) problems.push(`${file}: not an incident report (${REPORT_DEFINITION})`);
  }
  if (cache) {
    try {
      cache.save();
    } catch (error) {
      note(`${cache.path}: cannot write the cache file: ${readErrorReason(error)}`);
    }
  }
  return { core, reports, problems, today };
}

function finish(io: Io, problems: readonly string[], code: number): number {
  for (const problem of problems) io.err(`incident-report: ${problem}`);
  return problems.length > 0 ? 2 : code;
}

function formatOf(value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new UsageError(`--format ${value}: expected ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`);
  return value;
}

// ---------------------------------------------------------------------------------------
// stats

export async function statsCommand(args: readonly string[], io: Io, help: string): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { ...COMMON, by: { type: 'string' }, since: { type: 'string' } } });
  if (values.help) {
    io.out(help);
    return 0;
  }
  const format = formatOf(values.format, ['table', 'json', 'csv', 'markdown']);
  const by = (values.by ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = by.filter((d) => !(STATS_DIMENSIONS as readonly string[]).includes(d));
  if (unknown.length > 0) throw new UsageError(`--by ${values.by}: expected a comma-separated list of ${STATS_DIMENSIONS.join(', ')}`);
  if (values.since !== undefined && (!DATE.test(values.since) || Number.isNaN(Date.parse(`${values.since}T00:00:00Z`)))) throw new UsageError(`--since ${values.since}: expected a date YYYY-MM-DD`);
  const { core, reports, problems } = await loadReports(positionals, values, io);
  const stats = incidentStats(reports, { by: by as StatsDimension[], since: values.since, severityOrder: core.template.severityLevels.map((l) => l.word) });
  if (format === 'json') io.out(JSON.stringify(stats, null, 2));
  else if (format === 'csv') io.out(csv(statsCsvRows(stats)));
  else if (format === 'markdown') io.out(statsMarkdown(stats));
  else io.out(statsTable(stats));
  return finish(io, problems, 0);
}

const MILESTONE_NAMES: Record<string, string> = { detected: 'detected', 'mitigation-started': 'mitigation started', 'service-restored': 'service restored', resolved: 'resolved' };

/** `1h 05m / 3h` (median / p90), `-` when no report gives the duration. */
function metricCell(m: MetricStats): string {
  return m.median === null || m.p90 === null ? '-' : `${formatDuration(m.median)} / ${formatDuration(m.p90)}`;
}

/** Header and rows as text: the grouping columns, the count, then each metric's median / p90. */
function statsRows(stats: IncidentStats, withTotal: boolean): string[][] {
  const header = [...stats.by, 'incidents', 'missing milestones', ...METRIC_IDS.map((id) => `M${METRIC_LABELS[id].short} median / p90`), 'action items open', 'overdue'];
  const row = (group: StatsGroup, label?: string): string[] => [
    ...stats.by.map((d, i) => (label !== undefined ? (i === 0 ? label : '') : group.key[d] ?? '')),
    String(group.incidents),
    String(group.incomplete),
    ...METRIC_IDS.map((id) => metricCell(group.metrics[id])),
    String(group.actionItems.open),
    String(group.actionItems.overdue),
  ];
  const rows = stats.by.length === 0 ? [row(stats.total)] : stats.groups.map((g) => row(g));
  if (withTotal && stats.by.length > 0) rows.push(row(stats.total, 'all'));
  return [header, ...rows];
}

/** CSV rows carry plain numbers (minutes), one column per figure, for spreadsheets. */
function statsCsvRows(stats: IncidentStats): (string | number)[][] {
  const header = [...stats.by, 'incidents', 'missing_milestones', ...METRIC_IDS.flatMap((id) => { const s = `m${METRIC_LABELS[id].short.toLowerCase()}`; return [`${s}_reports`, `${s}_median_minutes`, `${s}_p90_minutes`]; }), 'action_items', 'action_items_open', 'action_items_overdue'];
  const groups = stats.by.length === 0 ? [stats.total] : stats.groups;
  return [header, ...groups.map((g) => [...stats.by.map((d) => g.key[d] ?? ''), g.incidents, g.incomplete, ...METRIC_IDS.flatMap((id) => [g.metrics[id].count, g.metrics[id].median ?? '', g.metrics[id].p90 ?? '']), g.actionItems.total, g.actionItems.open, g.actionItems.overdue])];
}

function statsTable(stats: IncidentStats): string {
  const out = [`${stats.total.incidents} incident${stats.total.incidents === 1 ? '' : 's'}${stats.since ? ` since ${stats.since}` : ''}${stats.by.length ? ` by ${stats.by.join(', ')}` : ''} (durations: median / p90, nearest rank)`, '', alignedTable(statsRows(stats, true))];
  out.push(...statsNotes(stats, (s) => s));
  return out.join('\n');
}

function statsMarkdown(stats: IncidentStats): string {
  const out = [`**${stats.total.incidents} incident${stats.total.incidents === 1 ? '' : 's'}**${stats.since ? ` since ${stats.since}` : ''}${stats.by.length ? ` by ${stats.by.join(', ')}` : ''} (durations: median / p90, nearest rank)`, '', markdownTable(statsRows(stats, true))];
  out.push(...statsNotes(stats, (s) => `\`${s.replaceAll('`', "'")}\``));
  return out.join('\n');
}

/** The reports counted apart: missing milestones, and (with --since) no Date. */
function statsNotes(stats: IncidentStats, code: (s: string) => string): string[] {
  const out: string[] = [];
  if (stats.incomplete.length > 0) {
    out.push('', `Missing milestones (${stats.incomplete.length}; counted above, without the durations they lack):`);
    for (const r of stats.incomplete) out.push(`- ${code(printable(r.file))}${r.id ? ` ${printable(r.id)}` : ''}: no ${r.missing.map((m) => MILESTONE_NAMES[m] ?? m).join(', ')} row`);
  }
  if (stats.undated.length > 0) {
    out.push('', `Left out, no real Date (${stats.undated.length}):`);
    for (const file of stats.undated) out.push(`- ${code(printable(file))}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// actions

export async function actionsCommand(args: readonly string[], io: Io, help: string): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { ...COMMON, overdue: { type: 'boolean', default: false }, owner: { type: 'string' }, all: { type: 'boolean', default: false }, fail: { type: 'boolean', default: false } } });
  if (values.help) {
    io.out(help);
    return 0;
  }
  const format = formatOf(values.format, ['table', 'json', 'csv']);
  if (values.owner !== undefined && values.owner.trim() === '') throw new UsageError('--owner: expected a name');
  if (values.fail && !values.overdue) throw new UsageError('--fail needs --overdue (exit 1 when an action item is overdue)');
  const { reports, problems, today } = await loadReports(positionals, values, io);
  const rows = actionItemsAcross(reports, { overdue: values.overdue, owner: values.owner, all: values.all });
  if (format === 'json') io.out(JSON.stringify(rows.map(actionJson), null, 2));
  else if (format === 'csv') io.out(csv([ACTION_COLUMNS, ...rows.map((r) => ACTION_COLUMNS.map((c) => String(actionJson(r)[c] ?? '')))]));
  else io.out(actionsTable(rows, today));
  return finish(io, problems, values.fail && rows.some((r) => r.overdue) ? 1 : 0);
}

const ACTION_COLUMNS = ['file', 'line', 'id', 'title', 'action', 'owner', 'due', 'status', 'done', 'overdue'] as const;

/** One item as JSON and CSV show it: `line` 1-based, as an editor shows it. */
function actionJson(row: ActionItemRow): Record<(typeof ACTION_COLUMNS)[number], string | number | boolean | null> {
  return { file: row.file, line: row.line + 1, id: row.id ?? null, title: row.title ?? null, action: row.action, owner: row.owner, due: row.due, status: row.status, done: row.done, overdue: row.overdue };
}

function actionsTable(rows: readonly ActionItemRow[], today: string): string {
  if (rows.length === 0) return `No action items to list (today is ${today}).`;
  const table = [['', 'due', 'status', 'owner', 'action', 'incident', 'where'], ...rows.map((r) => [r.overdue ? 'OVERDUE' : '', r.due, r.status, r.owner, r.action, r.id ?? '', `${r.file}:${r.line + 1}`])];
  const overdue = rows.filter((r) => r.overdue).length;
  return `${alignedTable(table)}\n\n${rows.length} action item${rows.length === 1 ? '' : 's'}, ${overdue} overdue (today is ${today})`;
}

// ---------------------------------------------------------------------------------------
// Output formats

/** Columns padded to their widest cell; cells made printable (one inert line each). */
export function alignedTable(rows: readonly (readonly string[])[]): string {
  const cells = rows.map((r) => r.map(printable));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A GFM table; `|` and line breaks in a cell escaped so the row stays one row. */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const cell = (c: string): string => printable(c).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const line = (r: readonly string[]): string => `| ${r.map(cell).join(' | ')} |`;
  return [line(rows[0]!), `|${rows[0]!.map(() => '---').join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/**
 * RFC 4180 CSV (csv-stringify: fields with a comma, quote or line break are quoted, quotes
 * doubled, CRLF between records). A text cell that a spreadsheet would read as a formula
 * (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so
 * opening the file never runs what a report wrote; numbers are written as they are.
 */
export function csv(rows: readonly (readonly (string | number)[])[]): string {
  const safe = rows.map((r) => r.map((c) => (typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
  // A lone line feed or carriage return is quoted too (csv-stringify quotes only the record delimiter).
  return stringify(safe, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}

