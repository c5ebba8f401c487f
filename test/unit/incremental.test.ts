/**
 * Incremental validation (one ReportParser kept per document, only changed `##` chunks
 * parsed again) must give exactly what a full validation gives. A seeded random walk of
 * edits over every fixture: after each edit the document is linted with its persistent
 * parser and with none, and the diagnostics (and the models) must be deep-equal.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createIncidentCore, ReportParser, type Diagnostic, type IncidentCore } from '../../src/core/index';
import { generateReport, prng } from '../../scripts/bench/generate';
import { NOW, REPO_ROOT, TODAY, fixturePathExists } from './helpers';


interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: string;
}

/** Characters and snippets that change Markdown structure (or the chunking) most. */
const CHARS = ['#', '|', '`', '\n', '-', ' ', '*', '[', ']', '>', '~', '<', '!', 'x', 'a', '1', ':', '\t', '\r\n', '\r', '🔴', '_', '\\'];
const LINES = [
  '## ',
  '## Extra section',
  '## 📊 Timeline (UTC)',
  '## Summary',
  '---',
  '```',
  '```bash',
  '~~~',
  '   ```',
  '<!--',
  '-->',
  '<!-- note -->',
  '<br>',
  '<div>',
  '| 10:00 | Incident detected | Alertmanager |',
  '| 23:59 | Incident resolved | Priya Raman |',
  '|------|-------|-------|',
  '| a | b |',
  '- [ ] Other: _______________',
  '- [x] Yes → Version: 2026.10.20-2',
  '**Duration:**',
  '**Incident ID:** INC-20261020-002',
  '**Severity:** 🟢 Minor',
  '    indented code',
  '[Name]: https://example.com',
  '> quoted ## text',
  '1. **Primary Cause:**',
  'Title: changed',
  'Status: Open',
  '',
];

/** One random edit of `text`: characters or whole lines inserted, deleted or replaced. */
function randomEdit(text: string, rnd: () => number): Edit {
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (i: number): { start: number; end: number } => {
    const start = lineStarts[i]!;
    const next = lineStarts[i + 1];
    return { start, end: next === undefined ? text.length : next };
  };
  const at = int(text.length + 1);
  switch (int(8)) {
    case 0:
      return { start: at, end: at, text: pick(CHARS), kind: 'insert char' };
    case 1: {
      const end = Math.min(text.length, at + 1 + int(3));
      return { start: at, end, text: '', kind: 'delete chars' };
    }
    case 2: {
      const end = Math.min(text.length, at + 1);
      return { start: at, end, text: pick(CHARS), kind: 'replace char' };
    }
    case 3: {
      const line = lineAt(int(lineStarts.length));
      return { start: line.start, end: line.start, text: `${pick(LINES)}\n`, kind: 'insert line' };
    }
    case 4: {
      const line = lineAt(int(lineStarts.length));
      return { start: line.start, end: line.end, text: '', kind: 'delete line' };
    }
    case 5: {
      const line = lineAt(int(lineStarts.length));
      const eol = text.slice(line.start, line.end).endsWith('\n') ? '\n' : '';
      return { start: line.start, end: line.end, text: `${pick(LINES)}${eol}`, kind: 'replace line' };
    }
    case 6: {
      // Start or end of a line: where `#`, `|`, fences and `---` change the structure.
      const line = lineAt(int(lineStarts.length));
      const where = rnd() < 0.5 ? line.start : Math.max(line.start, line.end - 1);
      return { start: where, end: where, text: pick(['#', '## ', '|', '```', '---\n', '\n', '\n\n', ' ', '<!--']), kind: 'insert at line edge' };
    }
    default: {
      // Typing: a few ordinary characters in the middle of a line.
      const word = pick(['x', 'ab', ' the', '5', ':', '|', '`']);
      return { start: at, end: at, text: word, kind: 'type' };
    }
  }
}

function apply(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

interface Source {
  readonly name: string;
  readonly text: string;
  readonly fileName?: string;
}

function sources(core: IncidentCore): Source[] {
  const files = [join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'incidents'), join(REPO_ROOT, 'examples', 'incidents')].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => join(dir, f)),
  );
  const seen = new Set<string>();
  const out: Source[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (seen.has(text)) continue; // examples/ repeats the workspace fixture
    seen.add(text);
    out.push({ name: file.slice(REPO_ROOT.length + 1), text, fileName: basename(file) });
  }
  const fresh = core.newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] });
  out.push({ name: 'newReport (major)', text: fresh.text, fileName: fresh.fileName });
  // Long Timeline, Metrics and Action Items tables: parsed in row batches (parse/chunks TableBatches).
  out.push({ name: 'generated report with long tables', text: generateReport({ units: 16 }, core) });
  return out;
}

/** Edits per document; with at least 4 documents this is well over 1,000 edits in all. */
const EDITS_PER_SOURCE = 250;
/** A walk drifts far from a report; every so often it starts again from the original text (same parser). */
const RESET_EVERY = 65;

describe('incremental validation equals full validation', () => {
  const core = createIncidentCore();
  const all = sources(core);

  it('has the fixtures the walk needs', () => {
    assert.ok(all.length >= 4, `only ${all.length} documents`);
    assert.ok(all.length * EDITS_PER_SOURCE >= 1000, `${all.length * EDITS_PER_SOURCE} edits`);
  });

  all.forEach((source, index) => {
    it(`agrees on ${EDITS_PER_SOURCE} random edits of ${source.name}`, function () {
      this.timeout(120_000); // ~3 s on an idle machine; generous for loaded CI runners
      const rnd = prng(0x1ce + index * 7919);
      const parser = new ReportParser();
      const env = { now: NOW, today: TODAY, fileName: source.fileName, pathExists: fixturePathExists };
      let text = source.text;
      core.lint(text, { ...env, parser });
      for (let step = 0; step < EDITS_PER_SOURCE; step++) {
        let edit: Edit;
        if (step > 0 && step % RESET_EVERY === 0) {
          edit = { start: 0, end: text.length, text: source.text, kind: 'reset' };
        } else {
          edit = randomEdit(text, rnd);
        }
        const before = text;
        text = apply(text, edit);
        const incremental = core.lint(text, { ...env, parser });
        const full = core.lint(text, env);
        const where = () => `${source.name}, step ${step}: ${edit.kind} [${edit.start},${edit.end}) ${JSON.stringify(edit.text)} (replacing ${JSON.stringify(before.slice(edit.start, edit.end))})`;
        assert.deepStrictEqual(brief(incremental.diagnostics), brief(full.diagnostics), where());
        assert.deepStrictEqual(incremental.diagnostics, full.diagnostics, where());
        assert.deepStrictEqual(incremental.model, full.model, `model differs: ${where()}`);
        assert.equal(incremental.mode, full.mode, where());
      }
    });
  });
});

/** A readable first comparison, so a failure shows which diagnostic differs. */
function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.ruleId}: ${d.message}`);
}
