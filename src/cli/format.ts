import type { Diagnostic, Severity } from '../core';

/** One diagnostic as SPEC's JSON output: 1-based lines and columns. */
export interface JsonDiagnostic {
  readonly file: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

export function toJson(file: string, d: Diagnostic): JsonDiagnostic {
  return {
    file,
    ruleId: d.ruleId,
    severity: d.severity,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    message: d.message,
  };
}

export function sortJson(items: JsonDiagnostic[]): JsonDiagnostic[] {
  return items.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)));
}

/**
 * A value as one inert line of terminal output: control characters, line and paragraph
 * separators are written as escapes, so a report (a front matter value, an evidence path, a
 * file name) can neither forge a line that CI problem matchers read (`file:1:1: error …`,
 * `::error …`) nor send the terminal escape sequences.
 */
export function printable(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function formatText(items: readonly JsonDiagnostic[], fileCount: number): string {
  const lines = items.map(formatTextLine);
  const count = (s: Severity) => items.filter((d) => d.severity === s).length;
  lines.push(formatTextSummary({ error: count('error'), warning: count('warning'), info: count('info'), hint: count('hint') }, fileCount));
  return lines.join('\n');
}

/** One diagnostic's line of the text format (the CLI streams these file by file). */
export function formatTextLine(d: JsonDiagnostic): string {
  return `${printable(d.file)}:${d.line}:${d.column}: ${d.severity} ${printable(d.message)} [${d.ruleId}]`;
}

/** The text format's last line. */
export function formatTextSummary(counts: Readonly<Record<Severity, number>>, fileCount: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info + counts.hint, 'note')} in ${plural(fileCount, 'report')}`;
}

export interface SarifRule {
  readonly id: string;
  readonly description: string;
  readonly docsUrl: string;
  readonly level: Severity;
}

/** SARIF 2.1.0 for code-scanning uploads; columns are UTF-16 code units like ours. */
export function formatSarif(items: readonly JsonDiagnostic[], rules: readonly SarifRule[], version: string): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'incident-report',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/spark-eng/incident-report',
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: r.docsUrl,
              defaultConfiguration: { level: sarifLevel(r.level) },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: items.map((d) => ({
          ruleId: d.ruleId,
          ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
          level: sarifLevel(d.severity),
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUriReference(d.file) },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** A relative path as a URI reference: each segment percent-encoded (`#`, `%`, spaces), `/` between. */
export function fileUriReference(path: string): string {
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
