import assert from 'node:assert/strict';
import { createIncidentCore } from '../../src/core';
import { applyEdits } from '../../src/core/fix/edits';
import { parseReport } from '../../src/core/model/parseReport';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { defaultTemplateModel } from '../../src/core/template/templateModel';
import { timelineChart } from '../../src/core/timelineChart';
import { reportTimeline } from '../../src/core/timelineSource';
import { assertFixes, complete, lint, lintWith, mutate, rangeOf } from './helpers';

const template = defaultTemplateModel(DEFAULT_TEMPLATE);
const TIMELINE_RULES = { rules: ['timeline-table', 'timeline-time', 'timeline-order', 'timeline-milestones'], mode: 'final' as const };
const TABLE_START = '| Time | Event | Actor |\n';
const LAST_ROW = '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n';

/** The complete report with its timeline table written as bullets, each row through `bullet`. */
function asBullets(bullet: (time: string, event: string) => string): string {
  const text = complete();
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(LAST_ROW) + LAST_ROW.length;
  const rows = parseReport(text).sections.find((s) => s.key === 'timeline utc')!.content.tables[0]!.rows;
  const list = rows.map((r) => bullet(r.cells[0]!.text, r.cells[1]!.text)).join('\n');
  return `${text.slice(0, start)}${list}\n${text.slice(end)}`;
}

const FORMS: Record<string, (time: string, event: string) => string> = {
  plain: (t, e) => `- ${t} ${e}`,
  bracketed: (t, e) => `- [${t}] ${e}`,
  'bold with a dash': (t, e) => `- **${t}** — ${e}`,
  'hyphen separated': (t, e) => `- ${t} - ${e}`,
};

describe('bullet-list timelines (timelineSource.ts)', () => {
  for (const [name, form] of Object.entries(FORMS)) {
    it(`${name}: read as timed rows (time and event spans, no actor), and the report lints clean`, () => {
      const text = asBullets(form);
      const found = reportTimeline(parseReport(text), template)!;
      assert.equal(found.kind, 'list');
      assert.equal(found.rows.length, 8);
      const second = found.rows[1]!;
      assert.equal(second.time!.text, '14:02');
      assert.equal(text.slice(second.time!.span.start, second.time!.span.end), '14:02');
      assert.equal(second.event!.text, 'Incident detected: checkout error rate alert fired');
      assert.equal(text.slice(second.event!.span.start, second.event!.span.end), second.event!.text);
      assert.equal(second.actor, undefined);
      assert.deepStrictEqual(lintWith(text, { mode: 'final' }), []);
    });
  }

  it('timeline-time reports a bad bullet time on the time itself, timeline-order the whole bullet', () => {
    const text = mutate(asBullets(FORMS['bold with a dash']!), '- **14:12** — Investigation started', '- **14:61** — Investigation started');
    assert.deepStrictEqual(lintWith(text, TIMELINE_RULES), [`${rangeOf(text, '14:61')} timeline-time: Timeline time "14:61" is not a time; expected HH:MM (UTC), YYYY-MM-DD HH:MM or an ISO 8601 time ending in Z.`]);

    const backwards = mutate(asBullets(FORMS.bracketed!), '- [14:12] Investigation started', '- [13:12] Investigation started');
    assert.deepStrictEqual(lintWith(backwards, TIMELINE_RULES), [
      `${rangeOf(backwards, '- [13:12] Investigation started')} timeline-order: Timeline goes backwards: 13:12 comes after 14:05; rows must be in time order.`,
    ]);
    const [sorted] = assertFixes(backwards, 'timeline-order', TIMELINE_RULES);
    assert.ok(sorted!.includes('- [13:12] Investigation started\n- [13:48] Helm release'), sorted);
  });

  it('timeline-milestones: a missing milestone is said on the first bullet, its fix adds a bullet in the list\'s style', () => {
    const text = mutate(asBullets(FORMS['bold with a dash']!), '- **16:37** — Incident resolved after 30 minutes of clean metrics\n', '');
    const result = lint(text, { ...TIMELINE_RULES, now: new Date('2026-10-20T16:40:00Z') });
    assert.deepStrictEqual(result.diagnostics.map((d) => `${d.ruleId}: ${d.message}`), ['timeline-milestones: Timeline has no "Incident resolved" entry; expected an entry that says so (e.g. "Incident resolved" or "All clear").']);
    assert.equal(lintWith(text, TIMELINE_RULES)[0]!.split(' ')[0], rangeOf(text, '**13:48** — Helm release 2026.10.20-3 deployed'));
    const fixed = applyEdits(text, result.diagnostics[0]!.fixes[0]!.edits);
    assert.ok(fixed.includes('- **16:05** — Service restored: error rate back under 0.5%\n- **16:40** — Incident resolved\n'), fixed);
  });

  it('a list where most items have no time is not a timeline', () => {
    const text = asBullets((t, e) => (t === '13:48' ? `- ${t} ${e}` : `- ${e}`));
    assert.equal(reportTimeline(parseReport(text), template)!.kind, 'none');
  });

  it('Add Timeline Event adds a bullet in the list\'s own style at its place in time', () => {
    const core = createIncidentCore();
    for (const [form, expected] of [
      [FORMS.plain!, '- 15:00 Cache flushed'],
      [FORMS.bracketed!, '- [15:00] Cache flushed'],
      [FORMS['bold with a dash']!, '- **15:00** — Cache flushed'],
      [FORMS['hyphen separated']!, '- 15:00 - Cache flushed'],
    ] as const) {
      const text = asBullets(form);
      const added = core.addTimelineRow(text, new Date('2026-10-20T15:00:00Z'), { event: 'Cache flushed', actor: 'Alice' })!;
      assert.equal(added.row, expected);
      const after = applyEdits(text, [added.edit]);
      const times = reportTimeline(parseReport(after), template)!.rows.map((r) => r.time?.text);
      assert.deepStrictEqual(times, ['13:48', '14:02', '14:05', '14:12', '15:00', '15:20', '15:31', '16:05', '16:37']);
    }
  });

  it('the chart and the Incidents view read a bullet timeline', () => {
    const text = asBullets(FORMS.bracketed!);
    const chart = timelineChart(text, template)!;
    assert.equal(chart.rows.length, 8);
    assert.deepStrictEqual(chart.rows[1]!.milestones, ['detected']);
    const details = createIncidentCore().summarizeDetails(text, '2026-10-25');
    assert.deepStrictEqual(details.timeline[1], { time: '14:02', event: 'Incident detected: checkout error rate alert fired', actor: '', line: 36 });
    assert.deepStrictEqual(details.metrics.map((m) => m.id), ['detect', 'acknowledge', 'mitigate', 'restore', 'resolve']);
  });
});

describe('timeline tables read by the report\'s own header', () => {
  it('Time (UTC) | Description | Who: every reader finds time, event and actor', () => {
    const text = mutate(complete(), TABLE_START, '| Time (UTC) | Description | Who |\n');
    assert.deepStrictEqual(lintWith(text, { mode: 'final' }), []);
    const details = createIncidentCore().summarizeDetails(text, '2026-10-25');
    assert.deepStrictEqual(details.timeline[1], { time: '14:02', event: 'Incident detected: checkout error rate alert fired', actor: 'Alertmanager', line: 38 });
  });

  it('columns in another order: Actor | Event | When', () => {
    const text = complete().replace(/^\| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm, (row, a: string, b: string, c: string) => (row.includes('Metric') || !/^\d\d:\d\d$|^Time$|^-+$/.test(a.trim()) ? row : `| ${c} | ${b} | ${a} |`));
    const swapped = text.replace('| Actor | Event | Time |', '| Actor | Event | When |');
    assert.ok(swapped.includes('| Alertmanager | Incident detected: checkout error rate alert fired | 14:02 |'));
    assert.deepStrictEqual(lintWith(swapped, TIMELINE_RULES), []);
    const core = createIncidentCore();
    const added = core.addTimelineRow(swapped, new Date('2026-10-20T15:00:00Z'), { event: 'Cache flushed', actor: 'Alice' })!;
    assert.equal(added.row, '| Alice | Cache flushed | 15:00 |');
  });

  it('config names the columns: "columns": {"timeline": {"time": "Zeit", "event": "Ereignis", "actor": "Wer"}}', () => {
    const text = mutate(complete(), TABLE_START, '| Zeit | Ereignis | Wer |\n');
    const plain = createIncidentCore();
    const named = createIncidentCore({ config: { columns: { timeline: { time: 'Zeit', event: 'Ereignis', actor: 'Wer' } } } });
    const now = new Date('2026-11-01T00:00:00Z');
    const timelineIds = (core: typeof plain) => core.lint(text, { mode: 'final', now, today: '2026-11-01' }).diagnostics.filter((d) => d.ruleId.startsWith('timeline')).map((d) => d.ruleId);
    assert.ok(timelineIds(plain).includes('timeline-table'));
    assert.deepStrictEqual(timelineIds(named), []);
    assert.deepStrictEqual(named.summarizeDetails(text, '2026-11-01').timeline[0], { time: '13:48', event: 'Helm release 2026.10.20-3 deployed', actor: 'CD pipeline', line: 37 });
  });
});

describe('timeline messages name the team\'s own header', () => {
  it('"The "When" cell …" under a When column; "Timeline time" under Time (UTC) and in a bullet list', () => {
    const when = mutate(mutate(complete(), TABLE_START, '| When | Event | Actor |\n'), '| 14:05 |', '| 14:65 |');
    assert.deepStrictEqual(lintWith(when, TIMELINE_RULES), [`${rangeOf(when, '14:65')} timeline-time: The "When" cell "14:65" is not a time; expected HH:MM (UTC), YYYY-MM-DD HH:MM or an ISO 8601 time ending in Z.`]);
    const utc = mutate(mutate(complete(), TABLE_START, '| Time (UTC) | Event | Actor |\n'), '| 14:05 |', '| 14:65 |');
    assert.deepStrictEqual(lintWith(utc, TIMELINE_RULES), [`${rangeOf(utc, '14:65')} timeline-time: Timeline time "14:65" is not a time; expected HH:MM (UTC), YYYY-MM-DD HH:MM or an ISO 8601 time ending in Z.`]);
  });

  it('timeline-milestones names the event column as the team writes it', () => {
    const text = mutate(mutate(complete(), TABLE_START, '| Time | What happened | Actor |\n'), '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n', '');
    const messages = lint(text, { ...TIMELINE_RULES, now: new Date('2026-10-20T16:40:00Z') }).diagnostics.map((d) => d.message);
    assert.deepStrictEqual(messages, ['Timeline has no "Incident resolved" row; expected a row whose What happened says so (e.g. "Incident resolved" or "All clear").']);
  });
});

describe('a team template whose timeline is a bullet list', () => {
  const TEMPLATE = `# Post-mortem: [Title]

**Incident ID:** INC-[YYYYMMDD]-[NNN]
**Date:** [YYYY-MM-DD]
**Severity:** SEV1 / SEV2 / SEV3

## Summary

**Customer impact:** [who and how long]

## Timeline

- **HH:MM** — [Incident detected]
- **HH:MM** — [Incident resolved]

## Follow-ups

| Task | Assignee | Deadline | State |
|------|----------|----------|-------|
| [Task] | [Name] | [YYYY-MM-DD] | Open |
`;

  it('new stamps the first bullet; the timeline rules read it; Add Timeline Event adds a bullet like it', () => {
    const core = createIncidentCore({ templateText: TEMPLATE });
    assert.deepStrictEqual(core.template.timeline, { sectionKey: 'timeline', subsection: undefined, columns: [], columnKeys: [], form: 'list' });
    const { text } = core.newReport({ title: 'Queue backlog', severity: 'sev2', now: new Date('2026-11-26T09:30:00Z'), existingIds: [] });
    assert.ok(text.includes('## Timeline\n\n- **09:30** — [Incident detected]\n\n## Follow-ups'), text);
    const now = new Date('2026-11-26T09:40:00Z');
    const timelineProblems = core.lint(text, { now, today: '2026-11-26' }).diagnostics.filter((d) => d.ruleId.startsWith('timeline') && d.severity !== 'hint');
    assert.deepStrictEqual(timelineProblems, []);
    const added = core.addTimelineRow(text, new Date('2026-11-26T09:45:00Z'), { event: 'Queue drained', actor: 'Ops' })!;
    assert.ok(applyEdits(text, [added.edit]).includes('- **09:30** — [Incident detected]\n- **09:45** — Queue drained\n'));
  });
});
