import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIncidentCore, type ReportHeader } from '../../src/core/index';
import { metricsLine } from '../../src/core/metricsLine';
import { splitChunks } from '../../src/core/parse/chunks';
import { parseHeader, scanHeader, type HeaderParts } from '../../src/core/summary';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { NOW, REPO_ROOT, TODAY, complete, mutate } from './helpers';

const core = createIncidentCore();
const critical = core.severityLevel('critical');
const major = core.severityLevel('major');

/** `line time | event | actor`, one per timeline row (0-based line). */
function rows(text: string, today = TODAY): string[] {
  return core.summarizeDetails(text, today).timeline.map((r) => `${r.line} ${r.time} | ${r.event} | ${r.actor}`);
}

/** `line action | owner | due | status [done] [OVERDUE]`, one per action item. */
function actions(text: string, today = TODAY): string[] {
  return core.summarizeDetails(text, today).actionItems.map((a) => `${a.line} ${a.action} | ${a.owner} | ${a.due} | ${a.status}${a.done ? ' [done]' : ''}${a.overdue ? ' [OVERDUE]' : ''}`);
}

/** A header-only report: the text before the first `##`, then a Summary section. */
function report(header: string): string {
  return `${header}\n\n## Summary\n\nText.\n`;
}

function partsOf(text: string): { scanned: HeaderParts | undefined; parsed: HeaderParts } {
  const [first] = splitChunks(text);
  assert.ok(first);
  // The front matter's mapping has no prototype: compare it as a plain object.
  const plain = (parts: HeaderParts): HeaderParts => ({ ...parts, data: parts.data && { ...parts.data } });
  const scanned = scanHeader(first);
  return { scanned: scanned && plain(scanned), parsed: plain(parseHeader(first)) };
}

const FIXTURE_ROWS = [
  '37 13:48 | Helm release 2026.10.20-3 deployed | CD pipeline',
  '38 14:02 | Incident detected: checkout error rate alert fired | Alertmanager',
  '39 14:05 | On-call notified | PagerDuty',
  '40 14:12 | Investigation started | Priya Raman',
  '41 15:20 | Root cause identified: pool size 5 in release values | Priya Raman',
  '42 15:31 | Mitigation started: rollback to 2026.10.20-2 | Marco Silva',
  '43 16:05 | Service restored: error rate back under 0.5% | Marco Silva',
  '44 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman',
];

describe('Incidents view summaries', () => {
  describe('summarizeHeader (level 1: what the list shows)', () => {
    it('reads the complete report: ID, front matter title and status, severity, date and the ID line', () => {
      const expected: ReportHeader = {
        id: 'INC-20261020-001',
        title: 'Checkout API outage after connection pool change',
        status: 'Resolved',
        open: false,
        severity: critical,
        date: '2026-10-20',
        line: 11,
      };
      assert.deepEqual(core.summarizeHeader(complete()), expected);
    });

    it('is open for Open, Investigating, Mitigated or no status, closed for Resolved and Closed in any case', () => {
      const open = (status: string | undefined): boolean | undefined => {
        const text = status === undefined ? mutate(complete(), 'Status: Resolved\n', '') : mutate(complete(), 'Status: Resolved', `Status: ${status}`);
        return core.summarizeHeader(text)?.open;
      };
      assert.deepEqual(
        ['Open', 'Investigating', 'Mitigated', undefined, 'Resolved', 'closed', 'CLOSED'].map(open),
        [true, true, true, true, false, false, false],
      );
      assert.equal(core.summarizeHeader(mutate(complete(), 'Status: Resolved', 'Status:'))?.status, undefined);
    });

    it('names the levels of a Severity not yet narrowed to one, most severe first, so the view keeps a colour', () => {
      const two = core.summarizeHeader(mutate(complete(), '**Severity:** 🔴 Critical', '**Severity:** 🟡 Major / 🔴 Critical'));
      assert.equal(two?.severity, undefined);
      assert.deepEqual(two?.severityCandidates, [critical, major]);
      // One level, an unknown word or nothing: no candidates.
      assert.equal('severityCandidates' in core.summarizeHeader(complete())!, false);
      assert.equal(core.summarizeHeader(mutate(complete(), '**Severity:** 🔴 Critical', '**Severity:** Critical / Urgent'))?.severityCandidates, undefined);
      assert.equal(core.summarizeHeader(mutate(complete(), '**Severity:** 🔴 Critical', '**Severity:**'))?.severityCandidates, undefined);
    });

    it('reads a fresh report', () => {
      const fresh = core.newReport({ title: 'Payments down', severity: 'major', now: NOW, existingIds: [] });
      assert.deepEqual(core.summarizeHeader(fresh.text), { id: 'INC-20261126-001', title: 'Payments down', status: 'Open', open: true, severity: major, date: '2026-11-26', line: 10 });
    });

    it('reads the template itself: placeholders as they are, a severity list as no level (its levels as candidates)', () => {
      assert.deepEqual(core.summarizeHeader(DEFAULT_TEMPLATE), { id: 'INC-[YYYYMMDD]-[NNN]', title: 'Incident Report', status: 'Open', open: true, severity: undefined, severityCandidates: [critical, major, core.severityLevel('minor')], date: '[YYYY-MM-DD]', line: 10 });
    });

    it('takes the title from the `# ` heading without front matter, and reveals the title line without an ID', () => {
      assert.deepEqual(core.summarizeHeader(report('# Disk full on db-2\n\n**Incident ID:** INC-20261101-002\n**Severity:** Minor')), {
        id: 'INC-20261101-002',
        title: 'Disk full on db-2',
        status: undefined,
        open: true,
        severity: core.severityLevel('minor'),
        date: undefined,
        line: 2,
      });
      // Front matter with Status and Title makes a report without an ID: reveal the `# ` line, else line 0.
      assert.deepEqual(core.summarizeHeader(report('---\nTitle: Queue backlog\nStatus: Investigating\n---\n\n# Queue backlog (draft)')), {
        id: undefined,
        title: 'Queue backlog',
        status: 'Investigating',
        open: true,
        severity: undefined,
        date: undefined,
        line: 5,
      });
      assert.equal(core.summarizeHeader(report('---\nTitle: Queue backlog\nStatus: Open\n---'))?.line, 0);
      // A number as the title is read as text.
      assert.equal(core.summarizeHeader(report('---\nTitle: 404\nStatus: Open\n---'))?.title, '404');
    });

    it('reads a value on the line below its label, and labels in other shapes (through the parser)', () => {
      assert.equal(core.summarizeHeader(report('**Incident ID:**\nINC-20261101-003'))?.id, 'INC-20261101-003');
      assert.equal(core.summarizeHeader(report('**Incident ID**: INC-20261101-004'))?.id, 'INC-20261101-004');
      assert.equal(core.summarizeHeader(report('- **Incident ID:** INC-20261101-005'))?.id, 'INC-20261101-005');
      assert.equal(core.summarizeHeader(report('**Incident ID:** `INC-20261101-006`'))?.id, '`INC-20261101-006`');
      assert.equal(core.summarizeHeader(report('__Incident ID:__ INC-20261101-008'))?.id, 'INC-20261101-008');
      assert.equal(core.summarizeHeader(report('**Incident ID:** INC-20261101-007\\\n**Date:** 2026-11-01'))?.date, '2026-11-01');
    });

    it('is undefined for what is not a report', () => {
      const notReports = [
        '',
        '# README\n\nHow to build.\n\n## Usage\n\nRun it.',
        '---\nTitle: Notes\n---\n\n# Notes',
        '---\nStatus: Open\n---\n\n# Notes',
        'Incident ID: INC-20261101-001 (not a label)',
        // Only the part before the first `##` is the header.
        '# Notes\n\n## Summary\n\n**Incident ID:** INC-20261101-001',
        '---\nTitle: x\nStatus: Open\n', // front matter never closed: no front matter at all
        '# Guide\n\nSee [the docs][d] and **bold** text.\n\n[d]: https://example.com\n\n## Usage', // one chunk, parsed whole
      ];
      assert.deepEqual(notReports.map((text) => core.summarizeHeader(text)), notReports.map(() => undefined));
    });

    it('counts lines the same with CRLF, CR and a byte order mark', () => {
      const lf = complete();
      const expected = core.summarizeHeader(lf);
      assert.deepEqual(core.summarizeHeader(lf.replace(/\n/g, '\r\n')), expected);
      // Lone CRs are line breaks for the front matter too.
      assert.deepEqual(core.summarizeHeader(lf.replace(/\n/g, '\r')), expected);
      assert.deepEqual(core.summarizeHeader(`\uFEFF${lf}`), expected);
    });

    it('survives broken front matter and odd text', () => {
      // Invalid YAML: no front matter data, but the ID field still makes a report.
      assert.deepEqual(core.summarizeHeader(mutate(complete(), 'Status: Resolved', 'Status: [unclosed')), {
        id: 'INC-20261020-001',
        title: 'Incident Report: Checkout API outage after connection pool change',
        status: undefined,
        open: true,
        severity: critical,
        date: '2026-10-20',
        line: 11,
      });
      for (const text of ['---', '---\n---', '\0\0**Incident ID:** \0', '**Incident ID:** 🔥🔥🔥\u200d', '#', '**Incident ID:**', 'a\rb\r\n\n**Incident ID:**\r', '|a|\n|-|\n**Incident ID:** x']) {
        assert.doesNotThrow(() => core.summarizeHeader(text), text);
      }
      assert.equal(core.summarizeHeader('**Incident ID:**')?.id, undefined, 'an empty ID is no ID, but the field makes a report');
      assert.ok(core.summarizeHeader('**Incident ID:**'));
    });
  });

  describe('summarizeDetails (level 2: what an expanded incident shows)', () => {
    it('carries the metrics the CodeLens shows, on one line for the Incidents view; none without a timed detected row', () => {
      const { metrics } = core.summarizeDetails(complete(), TODAY);
      assert.equal(metricsLine(metrics), 'TTD 14m · TTA 3m · TTM 1h 29m · TTRs 2h 3m · TTR 2h 35m');
      assert.deepEqual(metrics.map((m) => [m.id, m.minutes]), [['detect', 14], ['acknowledge', 3], ['mitigate', 89], ['restore', 123], ['resolve', 155]]);
      assert.deepEqual(core.summarizeDetails(complete().replace('| 14:02 | Incident detected', '| --:-- | Incident detected'), TODAY).metrics, []);
    });

    it('reads the timeline rows and action items of the complete report, overdue as of today', () => {
      assert.deepEqual(rows(complete()), FIXTURE_ROWS);
      assert.deepEqual(actions(complete()), [
        '250 Alert on pool saturation above 80% | Priya Raman | 2026-10-22 | ✅ Done [done]',
        '251 Show rendered Helm diff in PR checks | Marco Silva | 2026-12-15 | 🟡 In Progress',
        '252 Load test checkout in staging weekly | Dana Okafor | 2027-01-31 | ⬜ Not Started',
      ]);
      assert.deepEqual(actions(complete(), '2026-12-16'), [
        '250 Alert on pool saturation above 80% | Priya Raman | 2026-10-22 | ✅ Done [done]',
        '251 Show rendered Helm diff in PR checks | Marco Silva | 2026-12-15 | 🟡 In Progress [OVERDUE]',
        '252 Load test checkout in staging weekly | Dana Okafor | 2027-01-31 | ⬜ Not Started',
      ]);
      // A `today` that is not a date makes nothing overdue.
      assert.deepEqual(core.summarizeDetails(complete(), 'someday').actionItems.map((a) => a.overdue), [false, false, false]);
    });

    it('is the same with CRLF line ends', () => {
      assert.deepEqual(rows(complete().replace(/\n/g, '\r\n')), FIXTURE_ROWS);
    });

    it('finds the sections when the splitter cannot split, and under an indented `##`', () => {
      // A link reference definition anywhere makes the whole text one chunk.
      assert.deepEqual(rows(`${complete()}\n[pr]: https://example.com/pr/4821\n`), FIXTURE_ROWS);
      const indented = mutate(complete(), '## 📊 Timeline (UTC)', '  ## 📊 Timeline (UTC)');
      assert.deepEqual(rows(indented), FIXTURE_ROWS);
    });

    it('has no rows without the sections, the tables or their rows; missing cells read empty', () => {
      const noTimeline = complete().replace(/## 📊 Timeline \(UTC\)[\s\S]*?\n---\n/, '');
      assert.deepEqual(rows(noTimeline), []);
      assert.equal(actions(noTimeline).length, 3);
      assert.deepEqual(rows(report('**Incident ID:** INC-20261101-001')), []);
      assert.deepEqual(rows(report('# T\n\n## 📊 Timeline (UTC)\n\nNo table yet.')), []);
      assert.deepEqual(rows('## Timeline (UTC)\n\n| Time | Event | Actor |\n|---|---|---|\n'), []);
      assert.deepEqual(rows('## Timeline (UTC)\n\n| Time | Event | Actor |\n|---|---|---|\n| 10:00 |\n| 10:05 | Paged |\n'), ['4 10:00 |  | ', '5 10:05 | Paged | ']);
      assert.deepEqual(actions('## Action Items\n\n| Action | Owner | Due Date | Status |\n|---|---|---|---|\n| Fix it |\n'), ['4 Fix it |  |  | ']);
    });

    it('does not count the template\'s example rows of a fresh report as action items', () => {
      const fresh = core.newReport({ title: 'Payments down', severity: 'major', now: NOW, existingIds: [] }).text;
      assert.deepEqual(actions(fresh), []);
      // Once a row says something of its own it is an item, placeholders left or not.
      const started = mutate(fresh, '| [Action 1] |', '| Add a pool alert |');
      assert.deepEqual(actions(started).map((a) => a.replace(/^\d+ /, '')), ['Add a pool alert | [Name] | [Date] | 🟡 In Progress']);
    });

    it('reads done and overdue as the action-item rule does', () => {
      const withStatus = (status: string): string => mutate(complete(), '| Marco Silva | 2026-12-15 | 🟡 In Progress |', `| Marco Silva | 2026-12-15 | ${status} |`);
      const late = '2026-12-16';
      const ruleOverdue = (text: string): boolean => core.lint(text, { today: late, mode: 'final' }).diagnostics.some((d) => d.ruleId === 'action-item' && d.message.includes('was due 2026-12-15'));
      for (const status of ['✅ Done', 'Completed', 'Not done', '🟡 In Progress', 'done-ish']) {
        const text = withStatus(status);
        const item = core.summarizeDetails(text, late).actionItems[1]!;
        assert.equal(item.overdue, ruleOverdue(text), status);
        assert.equal(item.done, !item.overdue, status);
      }
    });

    it('shows escaped pipes in cells as pipes', () => {
      const text = mutate(mutate(complete(), '| On-call notified | PagerDuty |', '| On-call notified: p99 \\| p50 | PagerDuty \\| Slack |'), '| Load test checkout in staging weekly |', '| Load test checkout \\| cart |');
      assert.ok(rows(text).includes('39 14:05 | On-call notified: p99 | p50 | PagerDuty | Slack'));
      assert.ok(actions(text).some((a) => a.startsWith('252 Load test checkout | cart | Dana Okafor')));
    });

    it('never throws on broken input', () => {
      const broken = ['', '##', '## Timeline\n|', '## Timeline\n| a |\n|', '## Action Items\n| Action | Due Date |\n|-|-|\n| x | 2026-02-30 |', '\uFEFF## Timeline\r\n| Time |\r\n|-|\r\n| 🔥 |', '---\n## Timeline\n```\n| x |'];
      for (const text of broken) assert.doesNotThrow(() => core.summarizeDetails(text, TODAY), JSON.stringify(text));
      // Cells are read by the template's columns (Action, Owner, Due Date, Status).
      assert.deepEqual(actions('## Action Items\n| Action | Owner | Due Date |\n|-|-|-|\n| x | me | 2026-02-30 |'), ['3 x | me | 2026-02-30 | ']);
    });

    it('summarize is both levels at once', () => {
      assert.deepEqual(core.summarize(complete(), TODAY), { ...core.summarizeHeader(complete()), ...core.summarizeDetails(complete(), TODAY) });
      assert.equal(core.summarize('# README', TODAY), undefined);
    });
  });

  describe('the header scanner (level 1 without a Markdown parse)', () => {
    it('reads the usual headers (the complete report, a fresh one, the template) as the parser does', () => {
      const fresh = core.newReport({ title: 'Payments down', severity: 'critical', now: NOW, existingIds: [] }).text;
      const files = [complete(), fresh, DEFAULT_TEMPLATE, readFileSync(join(REPO_ROOT, 'templates', 'default.md'), 'utf8'), complete().replace(/\n/g, '\r\n')];
      for (const text of files) {
        const { scanned, parsed } = partsOf(text);
        assert.ok(scanned, 'the scanner reads it');
        assert.deepEqual(scanned, parsed);
      }
    });

    it('leaves to the parser what it cannot read exactly', () => {
      const declined = [
        '- **Incident ID:** INC-1', // a list
        '> **Incident ID:** INC-1', // a quote
        '**Incident ID**: INC-1', // colon after the bold
        '**Incident ID:** *INC-1*', // emphasis may span lines
        '**Incident ID:** `INC-1`', // code
        '**Incident ID:** <b>INC-1</b>', // HTML
        '**Incident ID:** [INC-1](https://x)', // a link
        '**Incident ID:** [INC-1', // an open bracket
        '**Incident ID:** INC-1\n---', // a setext underline
        '**Incident ID:** INC-1\n===',
        '<!-- a comment\nover two lines -->\n**Incident ID:** INC-1',
        '### Details\n**Incident ID:** INC-1',
        '    **Incident ID:** INC-1', // indented code
        '---\nTitle: x\n', // front matter never closed
        '1. **Incident ID:** INC-1',
        '| **Incident ID:** | INC-1 |\n|---|---|',
      ];
      for (const header of declined) {
        const { scanned } = partsOf(report(header));
        assert.equal(scanned, undefined, header);
      }
      // What the parser makes of them stands: the list's field counts.
      assert.equal(core.summarizeHeader(report(declined[0]!))?.id, 'INC-1');
    });

    it('agrees with the parser on every generated header it reads', () => {
      const lines = [
        '',
        '  ',
        '---',
        '--- ',
        '# Incident Report: Disk full',
        '# Title #',
        '#',
        '#Title',
        '<!-- comment -->',
        '**Incident ID:** INC-20261020-001',
        '**Incident ID:** INC-20261020-001  ',
        '**Incident ID:** INC-1\\',
        '**Incident ID:**',
        '**Incident ID:**INC-2',
        '**Incident ID :** INC-3',
        '**incident-id:** INC-5',
        '**Date:** 2026-10-20',
        '**Date:** [YYYY-MM-DD]',
        '**Severity:** 🔴 Critical',
        '**Severity:** 🔴 Critical / 🟡 Major',
        '**Owner:** http://example.com/a_b',
        '**Owner:** a & b &amp; c | d',
        '**Owner:** x \\',
        '**Owner:** [a] (b)',
        "**Owner's name (team):** Ana",
        '**Incident ID:** A **Date:** B',
        'x **Date:** B',
        'Plain text line',
        'INC-20261020-001',
        '🔴 emoji first',
        '2026-10-20',
        '12:00 UTC',
        'Ünïcode',
        '- item',
        '> quote',
        '    code',
        '***',
        '1. item',
        '**Severity:** _Major_',
        '**Owner:** ![img]',
        'tab\there',
      ];
      const yaml = ['Title: X', 'Status: Open', 'Status: Resolved', 'Title: "Quoted: x"', 'Owner: ""', 'Status:', 'bad: [', '...', '--- ', 'Links: []', 'Title: 12'];
      let seed = 2026;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      let read = 0;
      for (let n = 0; n < 600; n++) {
        const out: string[] = [];
        if (random() < 0.6) {
          out.push(pick(['---', '---', '---\t']));
          for (let i = Math.floor(random() * 5); i > 0; i--) out.push(pick(yaml));
          if (random() < 0.95) out.push('---');
        }
        for (let i = 1 + Math.floor(random() * 9); i > 0; i--) out.push(random() < 0.85 ? pick(lines.slice(0, 33)) : pick(lines));
        const eol = pick(['\n', '\n', '\r\n', '\r']);
        const text = report(out.join(eol));
        const { scanned, parsed } = partsOf(text);
        if (!scanned) continue;
        read++;
        assert.deepEqual(scanned, parsed, JSON.stringify(text));
      }
      assert.ok(read > 150, `the scanner read ${read} of 600`);
    });
  });
});
