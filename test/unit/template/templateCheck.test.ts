import * as assert from 'node:assert/strict';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { summarizeTemplate, templateUsable } from '../../../src/core/template/templateCheck';
import { buildTemplateModel } from '../../../src/core/template/templateModel';

const summary = (text: string) => summarizeTemplate(buildTemplateModel(text));

/** A team template of another shape: `###` headings inside sections, other column names. */
const TEAM = `# Post-mortem: [Title]

**Incident ID:** PM-[NNN]
**Severity:** SEV1 / SEV2 / SEV3

## Summary

**Customer impact:** [who and how long]

## Timeline

| When | What happened | Who |
|------|---------------|-----|
| HH:MM | [event] | [name] |

### Notes

## Follow-ups

| Action | Owner | Due Date | Status |
|--------|-------|----------|--------|
| [Action 1] | [Name] | [YYYY-MM-DD] | Open |
`;

describe('summarizeTemplate (template check)', () => {
  it('the shipped template: 16 sections in order, its fields, timeline and action-item roles, levels, and no problem', () => {
    const s = summary(DEFAULT_TEMPLATE);
    assert.deepEqual(s.problems, []);
    assert.equal(templateUsable(s), true);
    const sections = s.sections.filter((h) => h.level === 2);
    assert.equal(sections.length, 16);
    assert.deepEqual([sections[0], sections[15]], [{ title: '📋 Summary', level: 2, line: 17 }, { title: '✍️ Sign-off', level: 2, line: 301 }]);
    assert.deepEqual(s.sections.find((h) => h.level === 3), { title: 'Contributing Factors', level: 3, line: 100 });
    assert.deepEqual(s.headerFields, ['Incident ID', 'Date', 'Severity']);
    assert.deepEqual(s.severityLevels, ['🔴 Critical', '🟡 Major', '🟢 Minor']);
    assert.deepEqual(s.tables.map((t) => [t.section, t.kind, t.columns.map((c) => `${c.name}:${c.role ?? '-'}`).join(' ')]), [
      ['📊 Timeline (UTC)', 'timeline', 'Time:time Event:event Actor:actor'],
      ['📈 Metrics Evidence', 'metrics', 'Metric:- Before:- During:- After:-'],
      ['📝 Action Items', 'action items', 'Action:action Owner:owner Due Date:due Status:status'],
    ]);
    assert.deepEqual(s.milestoneWords.map((m) => m.milestone), ['Incident detected', 'Mitigation started', 'Service restored', 'Incident resolved']);
    // The template's own rows give their wording; the built-in list and the config add the rest (#13: no first-row-only words).
    assert.ok(s.milestoneWords[0]!.builtIn.includes('detected') && s.milestoneWords[0]!.builtIn.includes('alert fired'));
    assert.deepEqual(s.milestoneWords.map((m) => m.fromTemplate), [['incident detected'], ['mitigation started'], ['service restored'], ['incident resolved']]);
    assert.ok(s.placeholders.tokens.includes('[YYYY-MM-DD]'));
  });

  it('a team template: its own headings with levels, column roles by their names, SEV levels', () => {
    const s = summary(TEAM);
    assert.deepEqual(s.sections, [
      { title: 'Summary', level: 2, line: 6 },
      { title: 'Timeline', level: 2, line: 10 },
      { title: 'Notes', level: 3, line: 16 },
      { title: 'Follow-ups', level: 2, line: 18 },
    ]);
    assert.deepEqual(s.sectionFields, [{ section: 'Summary', field: 'Customer impact' }]);
    assert.deepEqual(s.severityLevels, ['SEV1', 'SEV2', 'SEV3']);
    assert.deepEqual(s.tables.map((t) => [t.kind, t.columns.map((c) => c.role ?? '-').join(' ')]), [
      ['timeline', 'time event actor'],
      ['action items', 'action owner due status'],
    ]);
    assert.deepEqual(s.problems, []);
  });

  it('errors (not usable): no ## section; no severity levels is no error (`new` and lint need none)', () => {
    const s = summary('# Notes\n\nJust text.\n');
    assert.equal(templateUsable(s), false);
    assert.deepEqual(s.problems.filter((p) => p.level === 'error').map((p) => p.message), ['no "##" section: reports would be checked against no section at all']);
    assert.deepEqual(s.severityLevels, []);
    assert.ok(!s.problems.some((p) => /severity|levels/i.test(p.message)));
  });

  it('warnings (ambiguous, still usable): no timeline table, no time column, no action items, duplicate section names, no ID field', () => {
    // Role resolution (columnRoles.ts): prose is no timeline; a table without a time column is none either.
    const noTimeline = summary(TEAM.replace(/\| When[\s\S]*?\| \[name\] \|\n/, 'Written later.\n'));
    assert.equal(templateUsable(noTimeline), true);
    const NO_TIMELINE = 'no timeline found (a table with a time column or a bullet list in a "Timeline" section, or a table with a Time, When or Timestamp column): the timeline checks see nothing';
    assert.deepEqual(noTimeline.problems.map((p) => p.message), [NO_TIMELINE]);

    const noTime = summary(TEAM.replace('| When | What happened | Who |', '| Moment | What happened | Who |'));
    assert.deepEqual(noTime.problems.map((p) => p.message), [NO_TIMELINE]);

    const others = summary(TEAM.replace('**Incident ID:** PM-[NNN]\n', '').replace('| Action | Owner |', '| Note | Remark |').replace('## Follow-ups', '## Summary'));
    // Its reports are found by its shape (two section headings): no warning about finding them.
    assert.deepEqual(others.problems.map((p) => `${p.level}: ${p.message}`), [
      'warning: no action items table found (a table with Action and Owner columns): the action-item checks see nothing',
      'warning: duplicate section names: "## Summary" and "## Summary" are the same section (headings match by their words)',
    ]);
    // One section, no field, no front matter, no title pattern: nothing to tell its reports by.
    const thin = summary('# Notes\n\n**Severity:** SEV1 / SEV2\n\n## Summary\n\n[What happened]\n');
    assert.ok(thin.problems.some((p) => p.message === 'no "**Incident ID:**" header field and no front matter with Status and Title: reports written from it are not found in a folder'));
  });

  it('table roles: synonyms resolved, columns with no role listed as not read, ambiguity said', () => {
    const s = summary(TEAM.replace('| When | What happened | Who |\n|------|---------------|-----|', '| Time (UTC) | Who/What | Date | Notes |\n|---|---|---|---|').replace('| HH:MM | [event] | [name] |', '| HH:MM | [event] | [date] | [notes] |').replace('| Action | Owner | Due Date | Status |', '| Task | Assignee | Deadline | State |'));
    const timeline = s.tables.find((t) => t.kind === 'timeline');
    assert.deepEqual(timeline?.columns, [
      { name: 'Time (UTC)', role: 'time' },
      { name: 'Who/What', role: 'event' },
      { name: 'Date', role: undefined },
      { name: 'Notes', role: undefined },
    ]);
    const actions = s.tables.find((t) => t.kind === 'action items');
    assert.deepEqual(actions?.columns.map((c) => c.role), ['action', 'owner', 'due', 'status']);
    assert.deepEqual(s.problems.map((p) => p.message), [
      'the timeline table (in "## Timeline"): "Notes" has no role and is not read',
      'the timeline table (in "## Timeline"): "Date" and "Time (UTC)" both name the time column: "Time (UTC)" is read, "Date" is not',
      'the timeline table (in "## Timeline"): "Who/What" names the event and the actor: read as the event',
    ]);
  });

  it('a bullet-list timeline is the timeline, with no columns', () => {
    const s = summary(TEAM.replace(/\| When[\s\S]*?\| \[name\] \|\n/, '- HH:MM — [event]\n'));
    assert.deepEqual(s.problems, []);
    assert.deepEqual(s.tables.find((t) => t.kind === 'timeline'), { section: 'Timeline', kind: 'timeline', columns: [], form: 'list' });
  });
});
