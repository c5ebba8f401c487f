/**
 * The lint output written file by file, in the output's order, byte for byte what the
 * whole-run formatters in format.ts print for the same diagnostics: a run over thousands
 * of reports then never holds every diagnostic until the end.
 */
import type { Severity } from '../core';
import { codeQualityIssues, formatGithub, formatJunit, formatSarif, formatTextLine, formatTextSummary, junitTestcase, type JsonDiagnostic, type SarifRule } from './format';

/** The values of `lint --format`. */
export const FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'codequality'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputWriter {
  /** One file's diagnostics, sorted; files come in output order. `name` is the file as printed. */
  file(items: readonly JsonDiagnostic[], name: string): void;
  /** After the last file. */
  end(fileCount: number): void;
}

/** `out` is the CLI's: it ends every chunk with a newline unless the chunk has one. */
export function createWriter(format: Format, out: (text: string) => void, sarif: { rules: readonly SarifRule[]; version: string }): OutputWriter {
  if (format === 'text') return textWriter(out);
  if (format === 'json') return arrayWriter(out, { open: '[', close: ']', closeIndent: '', chunk: (items) => items.map((d) => indent(JSON.stringify(d, null, 2), '  ')).join(',\n') });
  if (format === 'github') return githubWriter(out);
  if (format === 'junit') return junitWriter(out);
  // Code Quality leaves hints out: a file with only hints is a file with no issue.
  if (format === 'codequality') return arrayWriter(out, { open: '[', close: ']', closeIndent: '', chunk: (items) => codeQualityIssues(items).map((i) => indent(JSON.stringify(i, null, 2), '  ')).join(',\n'), empty: (items) => codeQualityIssues(items).length === 0 });
  return sarifWriter(out, sarif.rules, sarif.version);
}

function githubWriter(out: (text: string) => void): OutputWriter {
  return {
    file(items) {
      const lines = formatGithub(items);
      if (lines) out(lines);
    },
    end() {},
  };
}

/** JUnit's counts come first, in its root element: the testcases are held until the end. */
function junitWriter(out: (text: string) => void): OutputWriter {
  const cases: string[] = [];
  let failed = 0;
  return {
    file(items, name) {
      const testcase = junitTestcase(name, items);
      cases.push(testcase.xml);
      if (testcase.failed) failed++;
    },
    end() {
      // formatJunit's document with these testcases (its shell built from no file).
      const shell = formatJunit([]).replace(/tests="0" failures="0"/g, `tests="${cases.length}" failures="${failed}"`);
      const close = '  </testsuite>';
      const at = shell.lastIndexOf(close);
      out(cases.length ? `${shell.slice(0, at)}${cases.join('\n')}\n${shell.slice(at)}` : shell);
    },
  };
}

function textWriter(out: (text: string) => void): OutputWriter {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  return {
    file(items) {
      if (items.length === 0) return;
      for (const d of items) counts[d.severity]++;
      out(items.map(formatTextLine).join('\n'));
    },
    end(fileCount) {
      out(formatTextSummary(counts, fileCount));
    },
  };
}

/**
 * A JSON array as `JSON.stringify(value, null, 2)` lays it out: `open` ends the line before
 * the first item, items are separated by `,` + newline, the closing bracket has the indent
 * of the line that opened the array, and an empty array is `open` + `close` on one line.
 * `chunk` is one file's items already laid out and separated; the last chunk is held back
 * until the next one (or the end) says whether a comma follows it.
 */
function arrayWriter(out: (text: string) => void, shape: { open: string; close: string; closeIndent: string; chunk: (items: readonly JsonDiagnostic[]) => string; empty?: (items: readonly JsonDiagnostic[]) => boolean }): OutputWriter {
  let started = false;
  let held: string | undefined;
  const opening = (): string => (started ? '' : `${shape.open}\n`);
  return {
    file(items) {
      if (items.length === 0 || shape.empty?.(items)) return;
      const chunk = shape.chunk(items);
      if (held !== undefined) {
        out(`${opening()}${held},`);
        started = true;
      }
      held = chunk;
    },
    end() {
      out(held === undefined ? `${shape.open}${shape.close}` : `${opening()}${held}\n${shape.closeIndent}${shape.close}`);
    },
  };
}

/**
 * SARIF: the log formatSarif prints for no result, cut at its `"results": []`; each file's
 * results are what formatSarif prints for that file alone, between the same two parts.
 */
function sarifWriter(out: (text: string) => void, rules: readonly SarifRule[], version: string): OutputWriter {
  const shell = formatSarif([], rules, version);
  const marker = '"results": []';
  const at = shell.indexOf(marker);
  if (at < 0 || shell.indexOf(marker, at + 1) >= 0) throw new Error('formatSarif: no single "results" array to stream into');
  const indent = shell.slice(shell.lastIndexOf('\n', at) + 1, at);
  const open = shell.slice(0, at + marker.length - 1); // up to and including "["
  const close = shell.slice(at + marker.length - 1); // from "]"
  const chunk = (items: readonly JsonDiagnostic[]): string => {
    const whole = formatSarif(items, rules, version);
    const end = `\n${indent}${close}`;
    if (!whole.startsWith(`${open}\n`) || !whole.endsWith(end)) throw new Error('formatSarif: unexpected layout');
    return whole.slice(open.length + 1, whole.length - end.length);
  };
  return arrayWriter(out, { open, close, closeIndent: indent, chunk });
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}
