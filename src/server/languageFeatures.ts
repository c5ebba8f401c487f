/**
 * What the server says about a report beyond its problems: the timeline's metrics as a
 * CodeLens, hovers on timeline rows and incident IDs, completion of Status and severity
 * values, and the outline (sections, timeline rows, action items). Plain functions of the
 * document and the core; server.ts registers them.
 */
import type { CodeLens, CompletionItem, DocumentSymbol, Hover, Position } from 'vscode-languageserver';
import { CompletionItemKind, MarkupKind, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isFinalStatus, REPORT_STATUSES, signedDuration, type IncidentCore, type ReportHeader, type ReportParser } from '../core';

/** The ID pattern as it appears inside text (the core's is anchored to a whole value). */
const ID_IN_TEXT = /\bINC-\d{8}-\d{3}\b/g;

/** One lens over the timeline table: "TTD 14m · TTA 3m · TTM 1h 29m · TTRs 2h 3m · TTR 2h 35m". */
export function metricsLens(core: IncidentCore, document: TextDocument, parser?: ReportParser): CodeLens[] {
  const { metrics, tableLine } = core.metrics(document.getText(), parser);
  if (tableLine === undefined || metrics.length === 0) return [];
  const title = metrics.map((m) => `${m.short} ${m.text}`).join(' · ');
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
  const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  for (const match of lineText.matchAll(ID_IN_TEXT)) {
    if (position.character < match.index || position.character > match.index + match[0].length) continue;
    const found = reportById(match[0]);
    const range = { start: { line: position.line, character: match.index }, end: { line: position.line, character: match.index + match[0].length } };
    if (!found) return { range, contents: { kind: MarkupKind.Markdown, value: `**${match[0]}**: no report of this workspace has this ID.` } };
    const h = found.header;
    const value = [`**${match[0]}** ${h.title ?? ''}`, `Severity: ${h.severity?.label ?? 'not one known level'} · Status: ${h.status ?? 'none'} · Date: ${h.date ?? 'none'}`, `[Open the report](${found.uri})`].join('\n\n');
    return { range, contents: { kind: MarkupKind.Markdown, value } };
  }
  const { metrics, rows } = core.metrics(text, parser);
  const row = rows.find((r) => r.line === position.line);
  if (!row) return null;
  const parts: string[] = [];
  if (row.sinceDetection !== undefined) parts.push(row.sinceDetection === 0 ? 'Detection' : `${signedDuration(row.sinceDetection)} from detection`);
  if (row.sincePrevious !== undefined) parts.push(`${signedDuration(row.sincePrevious)} after the previous row`);
  const ends = metrics.filter((m) => m.toLine === row.line).map((m) => `${m.label}: **${m.text}**`);
  if (parts.length === 0 && ends.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: [parts.join(' · '), ...ends].filter(Boolean).join('\n\n') } };
}

/** Values for `Status:` in the front matter and for the `**Severity:**` line. */
export function completionsAt(core: IncidentCore, document: TextDocument, position: Position): CompletionItem[] {
  const before = document.getText({ start: { line: position.line, character: 0 }, end: position });
  if (/^Status:\s*\S*$/.test(before) && inFrontMatter(document, position.line)) {
    return REPORT_STATUSES.map((status, index) => ({ label: status, kind: CompletionItemKind.EnumMember, sortText: String(index), detail: isFinalStatus(status) ? 'final: every rule at its final level' : 'open' }));
  }
  if (/^\*\*Severity:\*\*\s*[^*]*$/.test(before)) {
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
