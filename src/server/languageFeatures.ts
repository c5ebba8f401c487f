/**
 * What the server says about a report beyond its problems: the timeline's metrics as a
 * CodeLens, hovers on timeline rows and incident IDs, completion of Status and severity
 * values, and the outline (sections, timeline rows, action items). Plain functions of the
 * document and the core; server.ts registers them.
 */
import type { CodeLens, CompletionItem, DocumentSymbol, Hover, Location, Position, Range, SymbolInformation } from 'vscode-languageserver';
import { CompletionItemKind, MarkupKind, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ID_IN_TEXT, isFinalStatus, metricsLine, REPORT_STATUSES, signedDuration, type CompletionContext, type IncidentCore, type ReportHeader, type ReportParser } from '../core';

/** One lens over the timeline table: "TTD 14m · TTA 3m · TTM 1h 29m · TTRs 2h 3m · TTR 2h 35m". */
export function metricsLens(core: IncidentCore, document: TextDocument, parser?: ReportParser): CodeLens[] {
  const { metrics, tableLine } = core.metrics(document.getText(), parser);
  if (tableLine === undefined || metrics.length === 0) return [];
  const title = metricsLine(metrics);
  const range = { start: { line: tableLine, character: 0 }, end: { line: tableLine, character: 0 } };
  // No command: the lens is information, clicking it does nothing.
  return [{ range, command: { title, command: '', tooltip: metrics.map((m) => `${m.label}: ${m.text}`).join('\n') } }];
}

/** "3 to fill" on each section heading that still holds something not yet written. */
export function progressLenses(core: IncidentCore, document: TextDocument, unfilled: readonly { readonly range: { readonly start: Position } }[], parser?: ReportParser): CodeLens[] {
  if (unfilled.length === 0) return [];
  return core.outline(document.getText(), parser).flatMap((section) => {
    const count = unfilled.filter((d) => d.range.start.line >= section.headingLine && d.range.start.line <= section.endLine).length;
    if (count === 0) return [];
    const range = { start: { line: section.headingLine, character: 0 }, end: { line: section.headingLine, character: 0 } };
    return [{ range, command: { title: `${count} to fill`, command: NEXT_TO_FILL_COMMAND, arguments: [document.uri, { line: section.headingLine, character: 0 }] } }];
  });
}

/** The client's command that moves the cursor to the next place still to fill (VS Code registers it). */
export const NEXT_TO_FILL_COMMAND = 'incidentReport.nextToFill';

/** Hover on a timeline row (offsets from detection and the previous row) or on an incident ID. */
export function hoverAt(core: IncidentCore, document: TextDocument, position: Position, reportById: (id: string) => { header: ReportHeader; uri: string } | undefined, parser?: ReportParser): Hover | null {
  const text = document.getText();
  const mention = idAt(document, position, core.template.identity.idScheme?.inText);
  if (mention) {
    const { id, range } = mention;
    const found = reportById(id);
    if (!found) return { range, contents: { kind: MarkupKind.Markdown, value: `**${id}**: no report of this workspace has this ID.` } };
    const h = found.header;
    const value = [`**${id}** ${h.title ?? ''}`, `Severity: ${h.severity?.label ?? 'not one known level'} · Status: ${h.status ?? 'none'} · Date: ${h.date ?? 'none'}`, `[Open the report](${found.uri})`].join('\n\n');
    return { range, contents: { kind: MarkupKind.Markdown, value } };
  }
  const offset = document.offsetAt(position);
  const { metrics, rows } = core.metrics(text, parser);
  const row = rows.find((r) => r.line === position.line);
  if (!row) return fieldHover(core, document, offset, parser);
  const parts: string[] = [];
  // A time written with an offset: its UTC value first (the rows' offsets are computed from it).
  const zoned = core.timelineTimeAt(text, offset, parser);
  if (zoned) parts.push(zoned.utc ? `\`${zoned.written}\` is **${zoned.utc} UTC**` : `\`${zoned.written}\` has an offset; give the report a Date to see it in UTC`);
  if (row.sinceDetection !== undefined) parts.push(row.sinceDetection === 0 ? 'Detection' : `${signedDuration(row.sinceDetection)} from detection`);
  if (row.sincePrevious !== undefined) parts.push(`${signedDuration(row.sincePrevious)} after the previous row`);
  const ends = metrics.filter((m) => m.toLine === row.line).map((m) => `${m.label}: **${m.text}**`);
  if (parts.length === 0 && ends.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: [parts.join(' · '), ...ends].filter(Boolean).join('\n\n') } };
}

/** The template's help for the field under the cursor: its comment, or the example it holds. */
function fieldHover(core: IncidentCore, document: TextDocument, offset: number, parser?: ReportParser): Hover | null {
  const field = core.fieldAt(document.getText(), offset, parser);
  if (!field?.help) return null;
  const where = field.section ? `**${field.label}** (${field.section})` : `**${field.label}**`;
  // A fence longer than any backtick run in the example, so the template's code blocks show as written.
  const fence = '`'.repeat(Math.max(3, ...(field.help.text.match(/`+/g) ?? []).map((run) => run.length + 1)));
  const help =
    field.help.kind === 'comment' ? `Template: ${field.help.text}` : field.help.text.includes('\n') ? `The template has:\n\n${fence}markdown\n${field.help.text}\n${fence}` : `The template has: \`${field.help.text}\``;
  const range = { start: document.positionAt(field.span.start), end: document.positionAt(field.span.end) };
  return { range, contents: { kind: MarkupKind.Markdown, value: `${where}\n\n${help}` } };
}

/** The incident ID under the cursor, with its range. */
export function idAt(document: TextDocument, position: Position, idInText: RegExp | undefined = ID_IN_TEXT): { id: string; range: Range } | undefined {
  // IDs that are bare numbers are not told apart from other numbers: no link.
  if (!idInText) return undefined;
  const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  for (const match of lineText.matchAll(idInText)) {
    if (position.character < match.index || position.character > match.index + match[0].length) continue;
    return { id: match[0], range: { start: { line: position.line, character: match.index }, end: { line: position.line, character: match.index + match[0].length } } };
  }
  return undefined;
}

/** What the workspace index holds of one report, for definitions, references and symbols. */
export interface IndexedReport {
  readonly uri: string;
  readonly header: ReportHeader;
  readonly mentions: readonly { readonly id: string; readonly range: Range }[];
}

/** The report's own ID field: its mention on the ID line, else the start of that line. */
export function idFieldRange(report: IndexedReport): Range {
  const own = report.mentions.find((m) => m.id === report.header.id && m.range.start.line === report.header.line);
  return own?.range ?? { start: { line: report.header.line, character: 0 }, end: { line: report.header.line, character: 0 } };
}

/** Go to definition: the ID field of every report that has this ID (one, unless IDs clash). */
export function definitionsOf(id: string, reports: Iterable<IndexedReport>): Location[] {
  const found: Location[] = [];
  for (const report of reports) if (report.header.id === id) found.push({ uri: report.uri, range: idFieldRange(report) });
  return found;
}

/** Find references: every mention of the ID in the workspace's reports; the ID fields themselves only with `includeDeclaration`. */
export function referencesOf(id: string, reports: Iterable<IndexedReport>, includeDeclaration: boolean): Location[] {
  const found: Location[] = [];
  for (const report of reports) {
    const declaration = report.header.id === id ? idFieldRange(report) : undefined;
    for (const mention of report.mentions) {
      if (mention.id !== id) continue;
      const isDeclaration = declaration !== undefined && mention.range.start.line === declaration.start.line && mention.range.start.character === declaration.start.character;
      if (!isDeclaration || includeDeclaration) found.push({ uri: report.uri, range: mention.range });
    }
  }
  return found;
}

/** Workspace symbols: each report as "INC-… title", at its ID field, filtered by the query's characters in order (as editors filter). */
export function workspaceSymbols(query: string, reports: Iterable<IndexedReport>): SymbolInformation[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const matches = (name: string): boolean => {
    let at = 0;
    for (const c of name.toLowerCase()) if (c === wanted[at]) at++;
    return at === wanted.length;
  };
  const symbols: SymbolInformation[] = [];
  for (const report of reports) {
    if (!report.header.id) continue;
    const name = report.header.title ? `${report.header.id} ${report.header.title}` : report.header.id;
    if (matches(name)) symbols.push({ name, kind: SymbolKind.File, location: { uri: report.uri, range: idFieldRange(report) }, containerName: [report.header.status, report.header.severity?.word].filter(Boolean).join(' · ') || undefined });
  }
  return symbols.sort((a, b) => a.name.localeCompare(b.name));
}

/** Completion of a name (actor, owner) or an evidence path; `sources` are what the workspace adds. */
export function contextCompletions(document: TextDocument, context: CompletionContext, sources: { readonly owners: readonly string[]; readonly evidenceFiles: readonly string[] }): CompletionItem[] {
  const range = { start: document.positionAt(context.span.start), end: document.positionAt(context.span.end) };
  if (context.kind === 'evidence') {
    return sources.evidenceFiles.map((name) => {
      const path = `${context.folder}${name}`;
      return { label: path, kind: CompletionItemKind.File, textEdit: { range, newText: path }, filterText: path };
    });
  }
  const names = context.kind === 'owner' ? [...new Set([...context.names, ...sources.owners])] : context.names;
  const detail = context.kind === 'owner' ? 'owner' : 'in this report';
  return names.map((name, index) => ({ label: name, kind: CompletionItemKind.Value, detail: context.kind === 'owner' && !context.names.includes(name) ? 'owner in another report' : detail, sortText: String(index).padStart(4, '0'), textEdit: { range, newText: name } }));
}

/** Values for `Status:` in the front matter and for the severity line (`**Severity:**`, or the template's label). */
export function completionsAt(core: IncidentCore, document: TextDocument, position: Position): CompletionItem[] {
  const before = document.getText({ start: { line: position.line, character: 0 }, end: position });
  if (/^Status:\s*\S*$/.test(before) && inFrontMatter(document, position.line)) {
    return REPORT_STATUSES.map((status, index) => ({ label: status, kind: CompletionItemKind.EnumMember, sortText: String(index), detail: isFinalStatus(status) ? 'final: every rule at its final level' : 'open' }));
  }
  // The template's own severity label (`**Sev:**`, `**Priority:**`), the shipped one's by default.
  const label = (core.template.identity.severity?.label ?? 'Severity').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`^\\*\\*${label}:\\*\\*\\s*[^*]*$`).test(before)) {
    return core.template.severityLevels.map((level, index) => ({ label: level.label, kind: CompletionItemKind.EnumMember, sortText: String(index), filterText: `${level.word} ${level.label}` }));
  }
  return [];
}

function inFrontMatter(document: TextDocument, line: number): boolean {
  const lines = document.getText().split(/\r\n|\r|\n/, line + 1);
  if (lines[0] !== '---') return false;
  for (let i = 1; i < line; i++) if (lines[i] === '---' || lines[i] === '...') return false;
  return line > 0;
}

/** Sections, and under the timeline and action items their rows. */
export function documentSymbols(core: IncidentCore, document: TextDocument, today: string, parser?: ReportParser): DocumentSymbol[] {
  const text = document.getText();
  const details = core.summarizeDetails(text, today);
  const lineRange = (line: number) => ({ start: { line, character: 0 }, end: { line, character: lineLength(document, line) } });
  return core.outline(text, parser).map((section) => {
    const range = { start: { line: section.headingLine, character: 0 }, end: { line: section.endLine, character: 0 } };
    const inside = (line: number) => line > section.headingLine && line <= section.endLine;
    const children: DocumentSymbol[] = [
      ...details.timeline.filter((r) => inside(r.line)).map((r) => ({ name: `${r.time || '--:--'} ${r.event}`.trim(), detail: r.actor, kind: SymbolKind.Event, range: lineRange(r.line), selectionRange: lineRange(r.line) })),
      ...details.actionItems.filter((a) => inside(a.line)).map((a) => ({ name: a.action || '(no action)', detail: [a.owner, a.due, a.status].filter(Boolean).join(' · '), kind: SymbolKind.Object, range: lineRange(a.line), selectionRange: lineRange(a.line) })),
    ];
    return { name: section.title, kind: SymbolKind.Namespace, range, selectionRange: lineRange(section.headingLine), children };
  });
}

function lineLength(document: TextDocument, line: number): number {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '').length;
}
