/**
 * Inline suppression comments (src/core/suppressions.ts): each form hides what it should
 * and nothing else; unknown ids and comments that hide nothing are reported with exact
 * ranges; comments in code are text; CRLF; draft and final; Fix All and sign-off never see
 * a suppressed problem. And the "Disable RULE for this line / file" fixes
 * (src/core/fix/suppress.ts): applied, the diagnostic goes and the report reads the same.
 */
import assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core';
import { lint as engineLint } from '../../../src/core/engine';
import { ReportParser } from '../../../src/core/model/parseReport';
import { splitChunks } from '../../../src/core/parse/chunks';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { defaultTemplateModel } from '../../../src/core/template/templateModel';
import { applyEdits } from '../../../src/core/fix/edits';
import { suppressionFixes } from '../../../src/core/fix/suppress';
import { allContents } from '../../../src/core/rules/query';
import { RULE_IDS } from '../../../src/core/rules';
import type { ReportModel } from '../../../src/core/model/types';
import { complete, FIXTURE_FILE_NAME, fixturePathExists, lint, lintWith, mutate, NOW, rangeOf, TODAY } from '../helpers';

const BLAME = '"careless" is blame-oriented phrasing; describe the system condition instead (what allowed the action, what did not catch it).';
/** The complete report (clean in both modes) with one blame word in the Root Cause. */
const BLAMED = mutate(complete(), 'A typo in a Helm value', 'A careless typo in a Helm value');
const blameLine = (text: string): string => `${rangeOf(text, 'careless')} blameless-language: ${BLAME}`;

/** The report with `to` in place of `from`, linted in `mode`. */
function lintOf(text: string, mode: 'draft' | 'final' = 'final'): string[] {
  return lintWith(text, { mode });
}

describe('suppression comments', () => {
  it('without a comment the problem is reported (the baseline every case below hides)', () => {
    assert.deepEqual(lintOf(BLAMED), [blameLine(BLAMED)]);
  });

  it('disable-next-line hides the next line only, for the rules it names', () => {
    const text = mutate(BLAMED, 'A careless typo', '<!-- incident-report-disable-next-line blameless-language -->\nA careless typo');
    assert.deepEqual(lintOf(text), []);
    // Two lines below is not the next line: the comment hides nothing there and says so.
    const far = mutate(BLAMED, '**Root Cause:**', '<!-- incident-report-disable-next-line blameless-language -->\n\n**Root Cause:**');
    assert.deepEqual(lintOf(far), [
      `${rangeOf(far, 'blameless-language -->', 'blameless-language'.length)} unused-suppression: This incident-report-disable-next-line comment hides no blameless-language problem; remove "blameless-language" from it.`,
      blameLine(far),
    ]);
  });

  it('disable-line hides its own line (an inline comment, also in a table cell)', () => {
    const text = mutate(BLAMED, 'A careless typo in a Helm value', 'A careless typo <!-- incident-report-disable-line blameless-language --> in a Helm value');
    assert.deepEqual(lintOf(text), []);
    const row = mutate(complete(), '| Investigation started | Priya Raman |', '| Investigation started by the careless on-call <!-- incident-report-disable-line blameless-language --> | Priya Raman |');
    assert.deepEqual(lintOf(row), []);
  });

  it('disable … enable hides the lines between; enable without ids enables every rule again', () => {
    const twice = mutate(BLAMED, '**Detection Time:**\n14 minutes', '**Detection Time:**\n14 minutes, a careless delay');
    const text = mutate(twice, '**Root Cause:**', '<!-- incident-report-disable blameless-language -->\n**Root Cause:**').replace('**Detection Time:**', '<!-- incident-report-enable -->\n\n**Detection Time:**');
    const second = text.lastIndexOf('careless');
    assert.deepEqual(lintOf(text), [`${rangeAt(text, second, 'careless'.length)} blameless-language: ${BLAME}`]);
  });

  it('disable without ids hides every rule from that line on; input-limit is never hidden', () => {
    const text = mutate(BLAMED, '## 📊 Timeline (UTC)', '<!-- incident-report-disable -->\n\n## 📊 Timeline (UTC)').replace('| 14:05 | On-call notified', '| 13:05 | On-call notified');
    // Before the comment the blame word is still reported; the timeline below is not.
    assert.deepEqual(lintOf(text), [blameLine(text)]);
    const wide = `${BLAMED.replace('A careless typo', `<!-- incident-report-disable-file -->\n\n${'| a '.repeat(201)}|\n\nA careless typo`)}`;
    assert.deepEqual(lint(wide, { mode: 'final' }).diagnostics.map((d) => d.ruleId), ['input-limit']);
  });

  it('disable-file hides the rule everywhere, even above the comment', () => {
    const text = `${BLAMED.trimEnd()}\n\n<!-- incident-report-disable-file blameless-language, timeline-order -->\n`;
    assert.deepEqual(lintOf(text), [`${rangeOf(text, 'timeline-order -->', 'timeline-order'.length)} unused-suppression: This incident-report-disable-file comment hides no timeline-order problem; remove "timeline-order" from it.`]);
  });

  it('reports an unknown rule id, an unsuppressible one and an unknown kind with exact ranges; the problem stays', () => {
    const text = mutate(BLAMED, 'A careless typo', '<!-- incident-report-disable-next-line blameles-language input-limit -->\n<!-- incident-report-disable-lines -->\nA careless typo');
    assert.deepEqual(lintOf(text), [
      `${rangeOf(text, 'blameles-language')} suppression-comment: "blameles-language" is not a rule id; a suppression comment names rule ids such as "front-matter" or "incident-id" (see docs/rules).`,
      `${rangeOf(text, 'input-limit')} suppression-comment: "input-limit" cannot be suppressed by a comment; turn it off in .incident-report.json if you must.`,
      `${rangeOf(text, 'incident-report-disable-lines')} suppression-comment: "incident-report-disable-lines" is not a suppression comment; expected incident-report-disable, incident-report-enable, incident-report-disable-line, incident-report-disable-next-line, incident-report-disable-file.`,
      blameLine(text),
    ]);
    const severities = lint(text, { mode: 'final' }).diagnostics.map((d) => `${d.ruleId} ${d.severity}`);
    assert.deepEqual(severities.slice(0, 3), ['suppression-comment warning', 'suppression-comment warning', 'suppression-comment warning']);
  });

  it('a comment that hides nothing is a hint in a draft, info once final; without ids its range is the whole comment', () => {
    const comment = '<!-- incident-report-disable-next-line -->';
    const text = mutate(complete(), '**Root Cause:**', `${comment}\n**Root Cause:**`);
    const expected = `${rangeOf(text, comment)} unused-suppression: This incident-report-disable-next-line comment hides no problem; remove it.`;
    assert.deepEqual(lintOf(text, 'final'), [expected]);
    assert.deepEqual(lint(text, { mode: 'draft' }).diagnostics.map((d) => d.severity), ['hint']);
    assert.deepEqual(lint(text, { mode: 'final' }).diagnostics.map((d) => d.severity), ['info']);
  });

  it('a comment in a fenced code block or in inline code is text, not a suppression', () => {
    const fenced = mutate(BLAMED, 'A careless typo', '```\n<!-- incident-report-disable-file -->\n```\n\nA careless typo');
    assert.deepEqual(lintOf(fenced), [blameLine(fenced)]);
    const inline = mutate(BLAMED, 'A careless typo', '`<!-- incident-report-disable-line -->` A careless typo');
    assert.deepEqual(lintOf(inline), [blameLine(inline)]);
  });

  it('reads CRLF documents the same, ranges included', () => {
    const text = mutate(BLAMED, 'A careless typo', '<!-- incident-report-disable-next-line blameless-language nope -->\nA careless typo').replace(/\n/g, '\r\n');
    const at = text.indexOf('nope');
    assert.deepEqual(lintOf(text), [`${rangeAt(text, at, 4)} suppression-comment: "nope" is not a rule id; a suppression comment names rule ids such as "front-matter" or "incident-id" (see docs/rules).`]);
    const far = mutate(BLAMED, '**Root Cause:**', '<!-- incident-report-disable-next-line blameless-language -->\r\n\r\n**Root Cause:**').replace(/\r?\n/g, '\r\n');
    assert.deepEqual(lintOf(far).map((s) => s.split(' ')[1]), ['unused-suppression:', 'blameless-language:']);
  });

  it('hides the draft hints of what is not yet written as well as final errors', () => {
    const placeholder = mutate(complete(), '| 14:12 | Investigation started |', '| HH:MM | Investigation started |');
    assert.ok(lintOf(placeholder, 'draft').some((s) => s.includes(' placeholder: ')));
    assert.ok(lintOf(placeholder, 'final').some((s) => s.includes(' placeholder: ')));
    const hidden = placeholder.replace('## 📊 Timeline (UTC)', '<!-- incident-report-disable placeholder timeline-time timeline-order duration -->\n\n## 📊 Timeline (UTC)');
    for (const mode of ['draft', 'final'] as const) assert.deepEqual(lintOf(hidden, mode).filter((s) => /placeholder|timeline-time/.test(s.split(':')[2] ?? s)), [], mode);
    assert.ok(!lintOf(hidden, 'draft').some((s) => / (placeholder|timeline-time): /.test(s)));
  });

  it('a comment in a row of a long table (parsed in batches of rows) hides that row, also after an edit elsewhere', () => {
    const row = (i: number): string => `| ${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | Step ${i} | Priya Raman |`;
    const body = Array.from({ length: 200 }, (_, i) => (i === 150 ? '| 09:00 | Late entry <!-- incident-report-disable-line timeline-order --> | Priya Raman |' : row(i))).join('\n');
    const start = complete().indexOf('| 13:48 |');
    const end = complete().indexOf('\n\n---', start);
    const text = complete().slice(0, start) + body + complete().slice(end);
    assert.ok(splitChunks(text).some((chunk) => (chunk.tables?.[0]?.batches.length ?? 0) > 1), 'the table is parsed in batches');
    const parser = new ReportParser();
    const env = { now: NOW, today: TODAY, fileName: FIXTURE_FILE_NAME, pathExists: fixturePathExists };
    const orderOf = (t: string) => engineLint(t, { template: defaultTemplateModel(DEFAULT_TEMPLATE), env, mode: 'draft', parser }).diagnostics.filter((d) => d.ruleId === 'timeline-order' || d.ruleId === 'unused-suppression').length;
    assert.equal(orderOf(text.replace(' <!-- incident-report-disable-line timeline-order -->', '')), 1, 'without the comment the row is reported');
    assert.equal(orderOf(text), 0);
    assert.equal(orderOf(text.replace('| Step 10 |', '| Step ten |')), 0, 'an edit in another batch');
  });

  it('a suppressed problem is not fixed by Fix All, and sign-off does not count it', () => {
    const backwards = mutate(complete(), '| 14:05 | On-call notified', '| 13:05 | On-call notified');
    const core = createIncidentCore();
    const request = { now: NOW, today: TODAY, fileName: FIXTURE_FILE_NAME, pathExists: fixturePathExists, mode: 'final' as const };
    // Unsuppressed: Fix All sorts the rows.
    assert.notEqual(core.fixAll(backwards, request).text, backwards);
    const hidden = backwards.replace('| 13:05 | On-call notified', '| 13:05 | On-call notified <!-- incident-report-disable-line timeline-order --> ');
    assert.deepEqual(lintOf(hidden), []);
    assert.equal(core.fixAll(hidden, request).text, hidden, 'the suppressed order is left as written');
    assert.equal(core.fixAll(hidden, request).edit, undefined);
  });
});

/** `L:C-L:C` of `length` characters at `offset`. */
function rangeAt(text: string, offset: number, length: number): string {
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\n/).length;
  const column = offset - (Math.max(before.lastIndexOf('\n'), -1) + 1) + 1;
  return `${line}:${column}-${line}:${column + length}`;
}

/** What a lint of the report reads, in outline: each table's rows, each list's items, each checklist's items. */
function shape(model: ReportModel): string {
  return allContents(model)
    .map((c) => `t${c.tables.map((t) => t.rows.length).join(',')} l${c.lists.map((l) => l.items.length).join(',')} c${c.checklists.map((l) => l.items.length).join(',')} f${c.fields.length}`)
    .join(' | ');
}

describe('Disable RULE for this line / file quick fixes', () => {
  /** Applies each suppression fix of the first `ruleId` diagnostic: the diagnostic goes, nothing new appears, the report reads the same. */
  function check(text: string, ruleId: string, expected: { title: string; inserted: string[] }[]): void {
    const before = lint(text, { mode: 'final' });
    const diagnostic = before.diagnostics.find((d) => d.ruleId === ruleId);
    assert.ok(diagnostic, `no ${ruleId} diagnostic`);
    const fixes = suppressionFixes(before.model, diagnostic, RULE_IDS);
    assert.deepEqual(fixes.map((f) => ({ title: f.title, inserted: f.edits.map((e) => e.newText) })), expected);
    for (const fix of fixes) {
      assert.notEqual(fix.safe, true, 'never safe: Fix All does not apply it');
      const after = applyEdits(text, fix.edits);
      const linted = lint(after, { mode: 'final' });
      // sign-off's "errors remain" named only this one: hidden, it no longer counts.
      const others: string[] = before.diagnostics.filter((d) => d !== diagnostic && !(d.ruleId === 'sign-off' && d.message.includes(`(${ruleId})`))).map((d) => `${d.ruleId}: ${d.message}`);
      assert.deepEqual(linted.diagnostics.map((d) => `${d.ruleId}: ${d.message}`), others, fix.title);
      assert.equal(shape(linted.model), shape(before.model), `${fix.title}: the report reads the same`);
    }
  }
  const file = (rule: string) => ({ title: `Disable ${rule} for this file`, inserted: [`\n<!-- incident-report-disable-file ${rule} -->`] });

  it('a paragraph\'s first line: disable-next-line on its own line above', () => {
    const text = mutate(complete(), '**Impact:**', '**Impact:** careless');
    check(text, 'blameless-language', [{ title: 'Disable blameless-language for this line', inserted: ['<!-- incident-report-disable-next-line blameless-language -->\n'] }, file('blameless-language')]);
  });

  it('a line inside a paragraph (the header\'s Date): the paragraph is wrapped, not split', () => {
    const text = mutate(complete(), '**Date:** 2026-10-20', '**Date:** 2026-13-40');
    check(text, 'incident-date', [{ title: 'Disable incident-date for this paragraph', inserted: ['<!-- incident-report-disable incident-date -->\n', '\n<!-- incident-report-enable incident-date -->'] }, file('incident-date')]);
    const fixed = applyEdits(text, suppressionFixes(lint(text).model, lint(text, { mode: 'final' }).diagnostics.find((d) => d.ruleId === 'incident-date')!, RULE_IDS)[0]!.edits);
    assert.ok(fixed.includes('<!-- incident-report-disable incident-date -->\n**Incident ID:** INC-20261020-001  \n**Date:** 2026-13-40  \n**Severity:** 🔴 Critical\n<!-- incident-report-enable incident-date -->\n'));
  });

  it('a table row: the table is wrapped (a comment between rows would end the table)', () => {
    const text = mutate(complete(), '| 14:05 | On-call notified', '| 13:05 | On-call notified');
    check(text, 'timeline-order', [{ title: 'Disable timeline-order for this table', inserted: ['<!-- incident-report-disable timeline-order -->\n', '\n<!-- incident-report-enable timeline-order -->'] }, file('timeline-order')]);
  });

  it('a list item: above the list for the first item, inside the item before for the others', () => {
    const first = mutate(complete(), '- [x] Automated alert', '- [x] Automated alert, careless');
    check(first, 'blameless-language', [{ title: 'Disable blameless-language for this line', inserted: ['<!-- incident-report-disable-next-line blameless-language -->\n'] }, file('blameless-language')]);
    const fixedFirst = applyEdits(first, suppressionFixes(lint(first).model, lint(first, { mode: 'final' }).diagnostics[0]!, RULE_IDS)[0]!.edits);
    assert.ok(fixedFirst.includes('**How was it detected:**\n<!-- incident-report-disable-next-line blameless-language -->\n- [x] Automated alert, careless'));
    const second = mutate(complete(), '- [ ] User report', '- [ ] User report of a careless change');
    check(second, 'blameless-language', [{ title: 'Disable blameless-language for this line', inserted: ['  <!-- incident-report-disable-next-line blameless-language -->\n'] }, file('blameless-language')]);
    // The second line of a task item: the item's paragraph is wrapped, the closing comment at the item's content indentation.
    const wrapped = mutate(complete(), '- [x] Automated alert', '- [x] Automated alert\n  with a careless threshold');
    check(wrapped, 'blameless-language', [{ title: 'Disable blameless-language for this paragraph', inserted: ['<!-- incident-report-disable blameless-language -->\n', '\n  <!-- incident-report-enable blameless-language -->'] }, file('blameless-language')]);
    const wrappedResult = lint(wrapped, { mode: 'final' });
    const afterWrap = lint(applyEdits(wrapped, suppressionFixes(wrappedResult.model, wrappedResult.diagnostics[0]!, RULE_IDS)[0]!.edits), { mode: 'final' });
    const items = (r: typeof afterWrap) => allContents(r.model).flatMap((c) => c.checklists.flatMap((l) => l.items.map((i) => i.text)));
    assert.deepEqual(items(afterWrap), items(wrappedResult), 'the item texts are unchanged');
    const ordered = mutate(complete(), '**Alert/Metric:**', '1. one\n10. ten, careless\n\n**Alert/Metric:**');
    check(ordered, 'blameless-language', [{ title: 'Disable blameless-language for this line', inserted: ['   <!-- incident-report-disable-next-line blameless-language -->\n'] }, file('blameless-language')]);
  });

  it('the front matter: only for this file; an existing disable-file comment is extended', () => {
    const text = mutate(complete(), 'Status: Resolved', 'Status: Done');
    check(text, 'front-matter', [file('front-matter')]);
    const existing = mutate(text, '# Incident Report:', '<!-- incident-report-disable-file blameless-language -->\n\n# Incident Report:').replace('A typo in a Helm value', 'A careless typo in a Helm value');
    const result = lint(existing, { mode: 'final' });
    const fixes = suppressionFixes(result.model, result.diagnostics.find((d) => d.ruleId === 'front-matter')!, RULE_IDS);
    assert.deepEqual(fixes.map((f) => f.edits.map((e) => [existing.slice(0, e.span.start).split('\n').length, e.newText])), [[[10, ' front-matter']]]);
    assert.deepEqual(lintOf(applyEdits(existing, fixes[0]!.edits)), []);
  });

  it('CRLF: the inserted lines end in CRLF; no fixes for input-limit and the suppression rules', () => {
    const text = mutate(complete(), '**Impact:**', '**Impact:** careless').replace(/\n/g, '\r\n');
    const result = lint(text, { mode: 'final' });
    const fixes = suppressionFixes(result.model, result.diagnostics[0]!, RULE_IDS);
    assert.deepEqual(fixes.map((f) => f.edits.map((e) => e.newText)), [['<!-- incident-report-disable-next-line blameless-language -->\r\n'], ['\r\n<!-- incident-report-disable-file blameless-language -->']]);
    assert.deepEqual(lintOf(applyEdits(text, fixes[0]!.edits)), []);
    for (const ruleId of ['input-limit', 'suppression-comment', 'unused-suppression', 'internal-error']) assert.deepEqual(suppressionFixes(result.model, { ...result.diagnostics[0]!, ruleId }, RULE_IDS), [], ruleId);
  });
});
