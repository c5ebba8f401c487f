import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { actionItemsAcross, createIncidentCore, incidentStats, nearestRank, type FiledFacts, type IncidentFacts } from '../../src/core';

import { insightsReport, type InsightsReportOptions } from './insightsReports';

const core = createIncidentCore();
const TODAY = '2026-11-26';

/** A small report (date from its ID unless given). */
const report = (options: InsightsReportOptions): string => insightsReport({ date: '2026-10-20', ...options });

/** Facts with only what stats reads; durations in minutes. */
function facts(partial: Partial<IncidentFacts> & { minutes?: IncidentFacts['minutes'] }): IncidentFacts {
  return { id: undefined, title: undefined, status: 'Resolved', open: false, severity: 'Critical', date: '2026-10-01', services: [], minutes: {}, missingMilestones: [], actionItems: [], ...partial };
}

describe('insights (src/core/insights.ts)', () => {
  describe('nearestRank', () => {
    it('is the value at rank ceil(p/100 × n): the lower middle value for an even median, an observed value always', () => {
      const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      assert.equal(nearestRank(ten, 50), 5);
      assert.equal(nearestRank(ten, 90), 9);
      assert.equal(nearestRank(ten, 91), 10);
      assert.equal(nearestRank([7], 50), 7);
      assert.equal(nearestRank([7], 90), 7);
      assert.equal(nearestRank([3, 9], 50), 3);
      assert.equal(nearestRank([3, 9], 90), 9);
      assert.equal(nearestRank([1, 2, 3], 50), 2);
      assert.equal(nearestRank([], 50), undefined);
    });
  });

  describe('facts of one report', () => {
    it('reads durations, severity, date, services and the action items with the rule\'s done and overdue', () => {
      const text = report({
        frontMatter: 'Service:\n  - checkout\n  - payments\n',
        rows: ['| 13:48 | Deploy | CD |', '| 14:02 | Incident detected | Alertmanager |', '| 14:05 | On-call notified | PD |', '| 14:30 | Mitigation started | Sam |', '| 15:00 | Service restored | Sam |', '| 15:10 | Incident resolved | Sam |'],
        actions: ['| Fix the alert | Sam | 2026-11-01 | 🟡 In Progress |', '| Write the runbook | Lee | 2026-11-01 | Completed |', '| Load test | Dana | 2026-12-01 | ⬜ Not Started |', '| [Action 1] | [Name] | [Date] | ⬜ Not Started |'],
      });
      const result = core.facts(text, TODAY)!;
      assert.deepEqual(result.minutes, { detect: 14, acknowledge: 3, mitigate: 28, restore: 58, resolve: 68 });
      assert.equal(result.severity, 'Critical');
      assert.equal(result.date, '2026-10-20');
      assert.deepEqual(result.services, ['checkout', 'payments']);
      assert.deepEqual(result.missingMilestones, []);
      // "Completed" is done for the action-item rule, so it is here; the template's example row is no item.
      assert.deepEqual(result.actionItems.map((i) => [i.action, i.done, i.overdue]), [
        ['Fix the alert', false, true],
        ['Write the runbook', true, false],
        ['Load test', false, false],
      ]);
      // The rule agrees: one overdue item, the one in progress.
      const overdue = core.lint(text, { today: TODAY }).diagnostics.filter((d) => d.ruleId === 'action-item' && /was due/.test(d.message));
      assert.deepEqual(overdue.map((d) => d.message.slice(0, 30)), ['Action item "Fix the alert" wa']);
    });

    it('lists the milestone rows a timeline lacks, and gives no duration that needs them', () => {
      const result = core.facts(report({ severity: '🟢 Minor', frontMatter: 'Service: mail\n', rows: ['| 08:40 | Incident detected | alert |', '| 10:37 | Service recovered | provider |', '| 10:55 | Incident resolved | Sam |'] }), TODAY)!;
      assert.deepEqual(result.missingMilestones, ['mitigation-started']);
      assert.deepEqual(result.minutes, { restore: 117, resolve: 135 });
      assert.deepEqual(result.services, ['mail']);
      assert.equal(result.severity, 'Minor');
    });

    it('is undefined for a file that is not a report', () => {
      assert.equal(core.facts('# Notes\n\nNothing here.\n', TODAY), undefined);
    });
  });

  describe('stats', () => {
    // Resolve times 10..100 minutes over 10 reports in two severities and two months; one
    // report lacks its resolved row, one names two services.
    const reports: FiledFacts[] = [
      ...[10, 20, 30, 40, 50].map((m, i) => ({ file: `c${i}.md`, facts: facts({ severity: 'Critical', date: `2026-09-0${i + 1}`, services: ['api'], minutes: { resolve: m, detect: i } }) })),
      ...[60, 70, 80, 90].map((m, i) => ({ file: `m${i}.md`, facts: facts({ severity: 'Major', date: `2026-10-0${i + 1}`, services: i === 0 ? ['api', 'web'] : [], minutes: { resolve: m } }) })),
      { file: 'open.md', facts: facts({ severity: 'Major', date: '2026-10-20', open: true, minutes: { detect: 100 }, missingMilestones: ['resolved'], actionItems: [{ action: 'a', owner: 'x', due: '2026-10-01', status: 'Not Started', done: false, overdue: true, line: 3 }, { action: 'b', owner: 'y', due: '', status: 'Done', done: true, overdue: false, line: 4 }] }) },
    ];

    it('one group without --by: counts, exact median and p90 over the reports that give each duration', () => {
      const stats = incidentStats(reports);
      assert.equal(stats.groups.length, 0);
      assert.equal(stats.total.incidents, 10);
      assert.equal(stats.total.incomplete, 1);
      assert.deepEqual(stats.total.metrics.resolve, { count: 9, median: 50, p90: 90 });
      assert.deepEqual(stats.total.metrics.detect, { count: 6, median: 2, p90: 100 });
      assert.deepEqual(stats.total.metrics.mitigate, { count: 0, median: null, p90: null });
      assert.deepEqual(stats.total.actionItems, { total: 2, open: 1, overdue: 1 });
      assert.deepEqual(stats.incomplete, [{ file: 'open.md', id: undefined, missing: ['resolved'] }]);
    });

    it('--by severity,month: groups in the template\'s severity order, months ascending', () => {
      const stats = incidentStats(reports, { by: ['severity', 'month'], severityOrder: ['Critical', 'Major', 'Minor'] });
      assert.deepEqual(stats.groups.map((g) => [g.key, g.incidents, g.metrics.resolve.median, g.metrics.resolve.p90, g.incomplete]), [
        [{ severity: 'Critical', month: '2026-09' }, 5, 30, 50, 0],
        [{ severity: 'Major', month: '2026-10' }, 5, 70, 90, 1],
      ]);
    });

    it('--by service: a report counts in each service it names; none is "unknown" (last); the total counts it once', () => {
      const stats = incidentStats(reports, { by: ['service'] });
      assert.deepEqual(stats.groups.map((g) => [g.key.service, g.incidents]), [['api', 6], ['web', 1], ['unknown', 4]]);
      assert.equal(stats.total.incidents, 10);
    });

    it('--since keeps reports dated on or after the day and lists the undated ones apart', () => {
      const stats = incidentStats([...reports, { file: 'undated.md', facts: facts({ date: undefined }) }], { since: '2026-10-02', by: ['month'] });
      assert.equal(stats.total.incidents, 4);
      assert.deepEqual(stats.undated, ['undated.md']);
      assert.deepEqual(stats.groups.map((g) => g.key.month), ['2026-10']);
    });

    it('a severity, month or service a report does not give is the group "unknown"', () => {
      const stats = incidentStats([{ file: 'x.md', facts: facts({ severity: undefined, date: undefined }) }], { by: ['severity', 'month', 'service'] });
      assert.deepEqual(stats.groups.map((g) => g.key), [{ severity: 'unknown', month: 'unknown', service: 'unknown' }]);
    });
  });

  describe('action items across reports', () => {
    const item = (action: string, owner: string, due: string, done: boolean, overdue: boolean, line: number) => ({ action, owner, due, status: done ? 'Done' : 'In Progress', done, overdue, line });
    const reports: FiledFacts[] = [
      { file: 'b.md', facts: facts({ id: 'INC-B', actionItems: [item('later', 'Priya Raman', '2026-12-20', false, false, 10), item('late', 'Priya Raman', '2026-11-01', false, true, 11)] }) },
      { file: 'a.md', facts: facts({ id: 'INC-A', actionItems: [item('done', 'Lee Chen', '2026-10-01', true, false, 5), item('late too', 'Lee Chen', '2026-10-15', false, true, 6)] }) },
    ];

    it('open items, overdue first, then by due date', () => {
      assert.deepEqual(actionItemsAcross(reports).map((r) => [r.action, r.id]), [['late too', 'INC-A'], ['late', 'INC-B'], ['later', 'INC-B']]);
    });
    it('--overdue, --owner (whole words, case ignored) and --all', () => {
      assert.deepEqual(actionItemsAcross(reports, { overdue: true }).map((r) => r.action), ['late too', 'late']);
      assert.deepEqual(actionItemsAcross(reports, { owner: 'priya' }).map((r) => r.action), ['late', 'later']);
      assert.deepEqual(actionItemsAcross(reports, { owner: 'PRIYA RAMAN', overdue: true }).map((r) => r.action), ['late']);
      assert.deepEqual(actionItemsAcross(reports, { owner: 'pri' }), []);
      assert.deepEqual(actionItemsAcross(reports, { all: true, owner: 'lee' }).map((r) => r.action), ['late too', 'done']);
    });
  });

  describe('the bundled examples', () => {
    const dir = join(__dirname, '..', '..', 'examples', 'incidents');
    const all = readdirSync(dir).map((name) => ({ file: name, facts: core.facts(readFileSync(join(dir, name), 'utf8'), TODAY)! }));

    it('cover four months, every severity, overdue items and a resolved report with a missing milestone', () => {
      assert.ok(all.every((r) => r.facts), 'every example is a report');
      const stats = incidentStats(all, { by: ['severity'], severityOrder: ['Critical', 'Major', 'Minor'] });
      assert.deepEqual(stats.groups.map((g) => [g.key.severity, g.incidents]), [['Critical', 4], ['Major', 4], ['Minor', 2], ['unknown', 1]]);
      assert.deepEqual(incidentStats(all, { by: ['month'] }).groups.map((g) => g.key.month), ['2026-08', '2026-09', '2026-10', '2026-11']);
      assert.equal(stats.total.actionItems.overdue, 8);
      assert.deepEqual(stats.incomplete.map((r) => r.id), ['INC-20260930-001', 'INC-20261124-001', 'INC-20261124-002']);
      // Time to resolve over the 9 resolved reports; nearest rank picks the 5th (⌈4.5⌉) and the 9th (⌈8.1⌉).
      const resolve = all.map((r) => r.facts.minutes.resolve).filter((m): m is number => m !== undefined).sort((a, b) => a - b);
      assert.deepEqual(resolve, [47, 65, 72, 74, 135, 153, 155, 182, 282]);
      assert.deepEqual(stats.total.metrics.resolve, { count: 9, median: 135, p90: 282 });
    });
  });
});
