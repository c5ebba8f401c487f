/**
 * The streamed output (src/cli/output.ts) is byte for byte what the whole-run formatters
 * print for the same diagnostics, whatever the files and messages.
 */
import * as assert from 'node:assert/strict';
import type { Severity } from '../../../src/core';
import { formatCodeQuality, formatGithub, formatJunit, formatSarif, formatText, type JsonDiagnostic, type SarifRule } from '../../../src/cli/format';
import { FORMATS, createWriter, type Format } from '../../../src/cli/output';
import { prng } from '../../../scripts/bench/generate';

const RULES: SarifRule[] = [
  { id: 'timeline-order', description: 'Timeline rows go forward in time.', docsUrl: 'https://example.test/timeline-order', level: 'warning' },
  { id: 'placeholder', description: 'No template placeholder is left.', docsUrl: 'https://example.test/placeholder', level: 'error' },
];
const MESSAGES = ['Plain message.', 'Quotes "inside" and a backslash \\ here', 'A line\nbreak and a tab\t', 'Émoji 🟡 and ünïcode', '},\n          {', '"results": []'];
const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

/** Files in output order, each with its diagnostics (some with none). */
function corpus(seed: number, files: number): JsonDiagnostic[][] {
  const rnd = prng(seed);
  return Array.from({ length: files }, (_, f) => {
    const count = rnd() < 0.3 ? 0 : Math.floor(rnd() * 5);
    return Array.from({ length: count }, (_, i) => ({
      file: `incidents/report-${String(f).padStart(3, '0')}.md`,
      ruleId: rnd() < 0.8 ? RULES[Math.floor(rnd() * RULES.length)]!.id : 'unknown-rule',
      severity: SEVERITIES[Math.floor(rnd() * SEVERITIES.length)]!,
      line: i + 1,
      column: 1 + Math.floor(rnd() * 20),
      endLine: i + 1,
      endColumn: 21 + Math.floor(rnd() * 20),
      message: MESSAGES[Math.floor(rnd() * MESSAGES.length)]!,
    }));
  });
}

/** What the CLI writes: each chunk ends with a newline, added when it has none. */
function streamed(format: Format, files: JsonDiagnostic[][]): string {
  let written = '';
  const writer = createWriter(format, (text) => (written += text.endsWith('\n') ? text : `${text}\n`), { rules: RULES, version: '9.9.9' });
  for (const items of files) writer.file(items, items[0]?.file ?? '');
  writer.end(files.length);
  return written;
}

function whole(format: Format, files: JsonDiagnostic[][]): string {
  const all = files.flat();
  if (format === 'github') return all.some((d) => d.severity !== 'hint') ? `${formatGithub(all)}\n` : '';
  const text =
    format === 'text' ? formatText(all, files.length)
    : format === 'json' ? JSON.stringify(all, null, 2)
    : format === 'codequality' ? formatCodeQuality(all)
    : format === 'junit' ? formatJunit(files.map((items) => ({ name: items[0]?.file ?? '', items })))
    : formatSarif(all, RULES, '9.9.9');
  return `${text}\n`;
}

describe('CLI output streamed file by file', () => {
  for (const format of FORMATS) {
    it(`${format}: the same bytes as the whole-run formatter, with no file, no diagnostic, one, or many`, () => {
      const cases: JsonDiagnostic[][][] = [[], [[]], [[], [], []], corpus(1, 1).filter((f) => f.length > 0).slice(0, 1), ...[2, 3, 4, 5, 6].map((seed) => corpus(seed, 1 + seed * 7))];
      const single = corpus(7, 3).flat().slice(0, 1);
      cases.push([single], [[], single, []]);
      for (const files of cases) assert.equal(streamed(format, files), whole(format, files), `${files.length} files, ${files.flat().length} diagnostics`);
    });
  }
});
