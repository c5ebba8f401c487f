import * as assert from 'node:assert/strict';
import { createIncidentCore, fileNameFor, fileNamePatternProblem, timelineStamp, validateConfig, RULE_IDS } from '../../src/core';
import { numberInFileName } from '../../src/core/fileName';

const NOW = new Date('2026-11-26T09:05:00Z');

/** A team template with front matter of its own: other keys, comments, a list, a team status. */
const FRONT_MATTER_TEMPLATE = `---
# Post-mortem metadata
title: "[Incident title]"
incident_id: PM0000-000  # written by the tool
date: YYYY-MM-DD
status: draft
authors: []
service: checkout
last-updated:
---

# Post-mortem: [Title]

**Severity:** SEV1 / SEV2 / SEV3

## Summary

<!-- What happened -->

## Timeline

| Time (UTC) | Description | Who |
|---|---|---|
| YYYY-MM-DD HH:MM | First alert | [Name] |
| YYYY-MM-DD HH:MM | Resolved | [Name] |
`;

/** A template with a placeholder H1 and nothing else that matters. */
const withHeading = (heading: string, timeline = '| Time | Event |\n|---|---|\n| HH:MM | Detected |\n| HH:MM | Resolved |') => `${heading}\n\n**Severity:** P1 / P2\n\n## Timeline\n\n${timeline}\n`;

/** The lines of the report from its H1 to the end (the front matter the tool adds is checked elsewhere). */
const body = (text: string): string => text.slice(text.indexOf('\n#') + 1);

describe('new: a faithful copy of the team template', () => {
  describe('front matter', () => {
    const core = createIncidentCore({ templateText: FRONT_MATTER_TEMPLATE });

    it('keeps every key of the template, its order and comments, and fills the keys it knows', () => {
      const report = core.newReport({ title: 'Queue backlog', severity: 'sev2', now: NOW, existingIds: [], owner: 'Dana' });
      assert.equal(
        report.text.slice(0, report.text.indexOf('\n\n#')),
        ['---', '# Post-mortem metadata', 'title: Queue backlog', 'incident_id: INC-20261126-001  # written by the tool', 'date: 2026-11-26', 'status: draft', 'authors: [Dana]', 'service: checkout', 'last-updated: 2026-11-26', '---'].join('\n'),
      );
    });

    it('writes a status of the lifecycle as Open, an owner alone as text, and quotes what YAML would misread', () => {
      const template = '---\nName: "[title]"\nState: Resolved / Closed\nOwner: <name>\nSeverity: ""\n---\n\n# Report\n\n**Severity:** Low / High\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| HH:MM | x |\n';
      const text = createIncidentCore({ templateText: template }).newReport({ title: 'Disk: full', severity: 'high', now: NOW, existingIds: [] }).text;
      assert.equal(text.slice(0, text.indexOf('\n\n#')), '---\nName: "Disk: full"\nState: Open\nOwner: ""\nSeverity: High\n---');
    });

    it('the shipped template: Title, Owner, Status, LastUpdated filled, Links kept', () => {
      const text = createIncidentCore().newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [], owner: 'Dana' }).text;
      assert.equal(text.slice(0, text.indexOf('\n\n#')), '---\nTitle: API latency\nOwner: Dana\nStatus: Open\nLastUpdated: 2026-11-26\nLinks: []\n---');
    });
  });

  describe('title', () => {
    const h1 = (heading: string): string => {
      const text = createIncidentCore({ templateText: withHeading(heading) }).newReport({ title: 'Queue backlog', severity: 'p2', now: NOW, existingIds: [] }).text;
      return body(text).split('\n')[0]!;
    };

    it('replaces a placeholder H1 and keeps the words around it', () => {
      assert.equal(h1('# [Title]'), '# Queue backlog');
      assert.equal(h1('# Post-mortem: [Title]'), '# Post-mortem: Queue backlog');
      assert.equal(h1('# {Incident title}'), '# Queue backlog');
      assert.equal(h1('# <title>'), '# Queue backlog');
      assert.equal(h1('# [Title] (draft)'), '# Queue backlog (draft)');
    });

    it('fills the ID or date a placeholder names, and the title goes where it is asked', () => {
      assert.equal(h1('# [Incident ID]: [Title]'), '# INC-20261126-001: Queue backlog');
      assert.equal(h1('# Incident on [Date]'), '# Incident on 2026-11-26: Queue backlog');
      assert.equal(h1('# Outage [Summary]'), '# Outage Queue backlog');
    });

    it('appends the title only when the H1 has no placeholder', () => {
      assert.equal(h1('# Incident Report'), '# Incident Report: Queue backlog');
    });

    it('fills the header fields it knows by their common names: Title, ID, Date, Severity, Owner', () => {
      const template = '# Post-mortem\n\n**Title:** [Title]\n**ID:**\n**Incident date:** [YYYY-MM-DD]\n**Severity:** P1 / P2\n**Author:** [Name]\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| HH:MM | x |\n';
      const text = createIncidentCore({ templateText: template }).newReport({ title: 'Queue backlog', severity: 'p1', now: NOW, existingIds: [], owner: 'Dana' }).text;
      assert.ok(text.includes('\n# Post-mortem: Queue backlog\n\n**Title:** Queue backlog\n**ID:** INC-20261126-001\n**Incident date:** 2026-11-26\n**Severity:** P1\n**Author:** Dana\n'), text);
    });
  });

  describe('first timeline entry in the column’s own format', () => {
    const at = { date: '2026-11-26', clock: '09:05' };

    it('stamps each format as written', () => {
      assert.equal(timelineStamp('HH:MM', at, { cell: true }), '09:05');
      assert.equal(timelineStamp('YYYY-MM-DD HH:MM', at, { cell: true }), '2026-11-26 09:05');
      assert.equal(timelineStamp('HH:MM UTC', at, { cell: true }), '09:05 UTC');
      assert.equal(timelineStamp('[HH:MM]', at, { cell: true }), '09:05');
      assert.equal(timelineStamp('[HH:MM]', at, { cell: false }), '[09:05]');
      assert.equal(timelineStamp('**HH:MM**', at, { cell: true }), '**09:05**');
      assert.equal(timelineStamp('2026-01-02T13:26:00Z', at, { cell: true }), '2026-11-26T09:05:00Z');
      assert.equal(timelineStamp('YYYY/MM/DD HH:MM', at, { cell: true }), '2026/11/26 09:05');
      assert.equal(timelineStamp('', at, { cell: true }), '09:05');
      assert.equal(timelineStamp('[Time]', at, { cell: true }), '09:05');
    });

    it('leaves the clock to fill in on a later day, with the date written', () => {
      assert.equal(timelineStamp('YYYY-MM-DD HH:MM', { date: '2026-11-24', clock: undefined }, { cell: true }), '2026-11-24 HH:MM');
      assert.equal(timelineStamp('HH:MM', { date: '2026-11-24', clock: undefined }, { cell: true }), 'HH:MM');
    });

    it('a date-time column gets the date and time; the example rows go', () => {
      const text = createIncidentCore({ templateText: FRONT_MATTER_TEMPLATE }).newReport({ title: 'Queue backlog', severity: 'sev1', now: NOW, existingIds: [] }).text;
      assert.ok(text.endsWith('| Time (UTC) | Description | Who |\n|---|---|---|\n| 2026-11-26 09:05 | First alert | [Name] |\n'), text);
    });

    it('a bullet-list timeline gets its first bullet stamped and its example bullets removed', () => {
      const list = (items: string) => createIncidentCore({ templateText: withHeading('# [Title]', items) }).newReport({ title: 'x', severity: 'p1', now: NOW, existingIds: [] }).text;
      assert.ok(list('- HH:MM Alert fired\n- HH:MM Resolved').endsWith('## Timeline\n\n- 09:05 Alert fired\n'));
      assert.ok(list('- [HH:MM] Alert fired\n- [HH:MM] Resolved').endsWith('## Timeline\n\n- [09:05] Alert fired\n'));
      assert.ok(list('- **13:26** — Alert fired\n- **13:40** — Resolved').endsWith('## Timeline\n\n- **09:05** — Alert fired\n'));
    });
  });

  describe('--date: a report written on a later day', () => {
    const core = createIncidentCore({ templateText: FRONT_MATTER_TEMPLATE });

    it('the ID, Date, file name and timeline date are the incident’s; LastUpdated and nothing else is today', () => {
      const report = core.newReport({ title: 'Queue backlog', severity: 'sev1', now: NOW, date: '2026-11-24', existingIds: ['INC-20261124-001-a.md', 'INC-20261126-007-b.md'] });
      assert.equal(report.id, 'INC-20261124-002');
      assert.equal(report.fileName, 'INC-20261124-002-queue-backlog.md');
      assert.match(report.text, /\ndate: 2026-11-24\n/);
      assert.match(report.text, /\nlast-updated: 2026-11-26\n/);
      assert.match(report.text, /\n\| 2026-11-24 HH:MM \| First alert \| \[Name\] \|\n/);
    });

    it('the default template: Date field and ID of that day', () => {
      const report = createIncidentCore().newReport({ title: 'x', severity: 'minor', now: NOW, date: '2026-11-25', existingIds: [] });
      assert.equal(report.id, 'INC-20261125-001');
      assert.match(report.text, /\*\*Incident ID:\*\* INC-20261125-001 {2}\n\*\*Date:\*\* 2026-11-25 {2}\n/);
      assert.match(report.text, /\n\| HH:MM \| Incident detected \| \[Alert\/User\] \|\n\n---/);
    });

    it('refuses a date that is not real or is after today', () => {
      assert.throws(() => core.newReport({ title: 'x', severity: 'sev1', now: NOW, date: '2026-02-30', existingIds: [] }), /"2026-02-30" is not a date; expected YYYY-MM-DD/);
      assert.throws(() => core.newReport({ title: 'x', severity: 'sev1', now: NOW, date: '2026-11-27', existingIds: [] }), /2026-11-27 is in the future; today is 2026-11-26 \(UTC\)/);
    });
  });

  describe('severity', () => {
    const noLevels = '# [Title]\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| HH:MM | Detected |\n';

    it('is not needed when the template lists no levels', () => {
      const report = createIncidentCore({ templateText: noLevels }).newReport({ title: 'Queue backlog', now: NOW, existingIds: [] });
      assert.equal(body(report.text), '# Queue backlog\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 09:05 | Detected |\n');
    });

    it('is refused when the template lists none, and needed from its list when it does', () => {
      assert.throws(() => createIncidentCore({ templateText: noLevels }).newReport({ title: 'x', severity: 'sev1', now: NOW, existingIds: [] }), /The template lists no severity levels/);
      assert.throws(() => createIncidentCore().newReport({ title: 'x', now: NOW, existingIds: [] }), /A severity is needed; expected one of Critical, Major, Minor/);
      assert.throws(() => createIncidentCore({ templateText: withHeading('# x') }).newReport({ title: 'x', severity: 'major', now: NOW, existingIds: [] }), /Unknown severity "major"; expected one of P1, P2/);
    });
  });

  describe('file name pattern from config', () => {
    const config = { fileName: 'PM{YYYY}-{NNN} - {title}.md' };
    const core = createIncidentCore({ templateText: FRONT_MATTER_TEMPLATE, config });

    it('names the file by the pattern, numbering after the names of the same year', () => {
      const report = core.newReport({ title: 'Queue backlog', severity: 'sev1', now: NOW, existingIds: ['PM2026-004 - Disk full.md', 'PM2025-017 - Old.md', 'README.md'] });
      assert.equal(report.fileName, 'PM2026-005 - Queue backlog.md');
      assert.equal(report.id, 'INC-20261126-005');
      assert.ok(report.taken('PM2026-005 - Another title.md'));
      assert.ok(!report.taken('PM2025-005 - Another title.md'));
      assert.ok(!report.taken('PM2026-006 - Queue backlog.md'));
    });

    it('without a pattern, a template with no ID field names its reports by date and number; one with an ID field by its ID', () => {
      const noId = createIncidentCore({ templateText: '# Postmortem: [Title]\n\n### Date\n[YYYY-MM-DD]\n\n### Severity\nSEV1 / SEV2\n\n## Summary\n' });
      const first = noId.newReport({ title: 'Queue backlog', severity: 'sev2', now: NOW, existingIds: ['2026-11-26-001-disk-full.md', '2026-11-25-004-old.md'] });
      assert.equal(first.fileName, '2026-11-26-002-queue-backlog.md');
      assert.ok(first.taken('2026-11-26-002-other.md'));
      assert.ok(!first.taken('2026-11-25-002-other.md'));
      const withId = createIncidentCore({ templateText: '# Postmortem: [Title]\n\n**Incident ID:** INC-[YYYYMMDD]-[NNN]\n**Severity:** SEV1 / SEV2\n\n## Summary\n' });
      assert.equal(withId.newReport({ title: 'Queue backlog', severity: 'sev2', now: NOW, existingIds: [] }).fileName, 'INC-20261126-001-queue-backlog.md');
    });

    it('substitutes every token; characters a file name cannot hold become "-"', () => {
      const values = { id: 'INC-20261126-003', number: '003', date: '2026-11-26', title: 'API: 5xx / timeouts?' };
      assert.equal(fileNameFor('{YYYY}{MM}{DD}-{NNN} {id} {title} {slug}.md', values), '20261126-003 INC-20261126-003 API- 5xx - timeouts- api-5xx-timeouts.md');
      assert.equal(fileNameFor('{id}-{slug}.md', { ...values, title: '🔥' }), 'INC-20261126-003.md');
      assert.equal(numberInFileName('{YYYY}-{MM}-{NNN}.md', '2026-11-26', '2026-11-012.md'), 12);
      assert.equal(numberInFileName('{YYYY}-{MM}-{NNN}.md', '2026-11-26', '2026-10-012.md'), undefined);
    });

    it('is validated: ends in .md, a name not a path, known tokens, a number in it', () => {
      assert.equal(fileNamePatternProblem('PM{YYYY}-{NNN} - {title}.md'), undefined);
      assert.equal(fileNamePatternProblem('{id}.txt'), 'it must end in ".md"');
      assert.equal(fileNamePatternProblem('reports/{id}.md'), 'it names a file, not a path: no "/" or "\\"');
      assert.equal(fileNamePatternProblem('{ID}.md'), '{ID} is not a token; tokens: {id} {YYYY} {MM} {DD} {NNN} {title} {slug}');
      assert.equal(fileNamePatternProblem('{title}.md'), 'it needs {id} or {NNN}, so each report gets its own name');
      assert.equal(fileNamePatternProblem('{id}{.md'), 'a "{" or "}" does not close a token');
      const result = validateConfig({ fileName: '{title}.md' }, RULE_IDS);
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.errors[0]! : '', /fileName.*a file name pattern ending in "\.md" with \{id\} or \{NNN\}/);
      assert.equal(validateConfig({ fileName: 'PM{YYYY}-{NNN}.md' }, RULE_IDS).ok, true);
    });
  });
});
