import { createHash } from 'node:crypto';
import { isProblem, type Diagnostic, type Severity } from '../core';

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
  /** The rule's configured level (the results carry the level each was reported at). */
  readonly level: Severity | 'off';
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
              defaultConfiguration: r.level === 'off' ? { enabled: false, level: 'none' } : { level: sarifLevel(r.level) },
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

/**
 * GitHub Actions workflow commands, one line per problem (hints, what an open report has
 * not filled in yet, are left out): `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`,
 * notice for info. Values are made printable first, then escaped as the runner reads them.
 */
export function formatGithub(items: readonly JsonDiagnostic[]): string {
  return items
    .filter(isProblem)
    .map((d) => {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const properties = [`file=${githubProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${githubProperty(d.ruleId)}`];
      return `::${command} ${properties.join(',')}::${githubData(d.message)}`;
    })
    .join('\n');
}

/** A workflow command's message: %, CR and LF escaped (as @actions/core's escapeData). */
export function githubData(value: string): string {
  return printable(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as githubData, and `:` and `,` too (as @actions/core's escapeProperty). */
export function githubProperty(value: string): string {
  return githubData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One GitLab Code Quality issue (the fields GitLab documents as required, and the rule's level). */
export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

/**
 * GitLab Code Quality: problems only (no hints); error is major, warning minor, info info.
 * The fingerprint does not depend on the line, so a finding keeps it while lines move above
 * it: a hash of the file, the rule, the message and which occurrence of that message it is.
 */
export function codeQualityIssues(items: readonly JsonDiagnostic[]): CodeQualityIssue[] {
  const seen = new Map<string, number>();
  return items.filter(isProblem).map((d) => {
    const key = `${d.file}\u0000${d.ruleId}\u0000${d.message}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return {
      description: d.message,
      check_name: d.ruleId,
      fingerprint: createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex'),
      severity: d.severity === 'error' ? 'major' : d.severity === 'warning' ? 'minor' : 'info',
      location: { path: d.file, lines: { begin: d.line, end: d.endLine } },
    };
  });
}

export function formatCodeQuality(items: readonly JsonDiagnostic[]): string {
  return JSON.stringify(codeQualityIssues(items), null, 2);
}

/**
 * JUnit XML: one testsuite, one testcase per report linted; each error is a <failure> of its
 * report's testcase (so a report fails as the exit code does); warnings and infos are listed
 * in the testcase's <system-out>; hints are left out. `failures` counts the failed testcases.
 */
export function formatJunit(files: readonly { readonly name: string; readonly items: readonly JsonDiagnostic[] }[]): string {
  const cases = files.map((f) => junitTestcase(f.name, f.items));
  const failed = cases.filter((c) => c.failed).length;
  const counts = `tests="${files.length}" failures="${failed}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="incident-report" ${counts}>`,
    `  <testsuite name="incident-report" ${counts} skipped="0">`,
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}

export function junitTestcase(name: string, items: readonly JsonDiagnostic[]): { xml: string; failed: boolean } {
  const problems = items.filter(isProblem);
  const errors = problems.filter((d) => d.severity === 'error');
  const others = problems.filter((d) => d.severity !== 'error');
  const open = `    <testcase classname="incident-report" name="${xml(name)}" file="${xml(name)}"`;
  if (problems.length === 0) return { xml: `${open}/>`, failed: false };
  const lines = [`${open}>`];
  for (const d of errors) lines.push(`      <failure type="${xml(d.ruleId)}" message="${xml(`${d.line}:${d.column} ${d.message}`)}">${xml(formatTextLine(d))}</failure>`);
  if (others.length) lines.push(`      <system-out>${others.map((d) => xml(formatTextLine(d))).join('\n')}</system-out>`);
  lines.push('    </testcase>');
  return { xml: lines.join('\n'), failed: errors.length > 0 };
}

/** Text for XML content or a double-quoted attribute: printable first (XML 1.0 allows no control characters). */
function xml(value: string): string {
  return printable(value).replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}
