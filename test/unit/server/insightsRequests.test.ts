import * as assert from 'node:assert/strict';
import { ActionItemsRequest, ExportHtmlRequest, StatsRequest, type ActionItemsResult, type ExportHtmlResult, type StatsResult } from '../../../src/server/protocol';
import { REPORT_DEFINITION } from '../../../src/core';
import { ROOT, startServer, type Harness } from './lspHarness';
import { insightsReport, type InsightsReportOptions } from '../insightsReports';

/** A small report with a timeline (durations in minutes known) and action items. */
const report = (options: InsightsReportOptions & { readonly id: string; readonly date: string; readonly extra?: string }): string => insightsReport({ ...options, body: options.extra });

const CRITICAL = `${ROOT}/incidents/critical.md`;
const MAJOR = `${ROOT}/incidents/major.md`;
const INCOMPLETE = `${ROOT}/incidents/incomplete.md`;
// The harness's today is 2026-11-26.
const FILES = {
  // detect 14, acknowledge 3, mitigate 28, restore 58, resolve 68.
  [CRITICAL]: report({
    id: 'INC-20261020-001',
    date: '2026-10-20',
    severity: '🔴 Critical',
    rows: ['| 13:48 | Deploy | CD |', '| 14:02 | Incident detected | Alertmanager |', '| 14:05 | On-call notified | PD |', '| 14:30 | Mitigation started | Sam |', '| 15:00 | Service restored | Sam |', '| 15:10 | Incident resolved | Sam |'],
    actions: ['| Fix the alert | Priya Raman | 2026-11-01 | 🟡 In Progress |', '| Write the runbook | Lee | 2026-11-01 | Completed |', '| Load test | Dana | 2026-12-01 | ⬜ Not Started |'],
  }),
  // detect 10, mitigate 20, restore 30, resolve 40.
  [MAJOR]: report({
    id: 'INC-20261105-001',
    date: '2026-11-05',
    severity: '🟠 Major',
    rows: ['| 09:50 | Deploy | CD |', '| 10:00 | Incident detected | alert |', '| 10:20 | Mitigation started | Lee |', '| 10:30 | Service restored | Lee |', '| 10:40 | Incident resolved | Lee |'],
    actions: ['| Add a canary | Lee | 2026-11-20 | ⬜ Not Started |'],
  }),
  // No mitigation-started row: restore 117, resolve 135.
  [INCOMPLETE]: report({ id: 'INC-20261110-001', date: '2026-11-10', severity: '🟠 Major', rows: ['| 08:40 | Incident detected | alert |', '| 10:37 | Service recovered | provider |', '| 10:55 | Incident resolved | Sam |'] }),
  [`${ROOT}/README.md`]: '# Not a report\n',
};

describe('language server: insights requests (stats, action items, HTML export)', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  it('incidentReport/actionItems: every open item of the indexed reports, overdue first (then by due date), the report URI as file', async () => {
    server = await startServer({ files: FILES });
    await server.waitForDiagnostics(CRITICAL);
    const { items } = await server.client.sendRequest<ActionItemsResult>(ActionItemsRequest);
    assert.deepEqual(items.map((i) => [i.action, i.owner, i.due, i.overdue, i.file, i.id]), [
      ['Fix the alert', 'Priya Raman', '2026-11-01', true, CRITICAL, 'INC-20261020-001'],
      ['Add a canary', 'Lee', '2026-11-20', true, MAJOR, 'INC-20261105-001'],
      ['Load test', 'Dana', '2026-12-01', false, CRITICAL, 'INC-20261020-001'],
    ]);
    // The line is the row's (0-based) in the report, for "reveal".
    const lines = FILES[CRITICAL].split('\n');
    assert.equal(items[0]!.line, lines.findIndex((l) => l.startsWith('| Fix the alert')));
    // The core's filters pass through: done items with `all`, one owner.
    const all = await server.client.sendRequest<ActionItemsResult>(ActionItemsRequest, { all: true, owner: 'lee' });
    assert.deepEqual(all.items.map((i) => [i.action, i.done]), [['Add a canary', false], ['Write the runbook', true]]);
  });

  it('incidentReport/actionItems follows an edit of an open report (unsaved text counts)', async () => {
    server = await startServer({ files: FILES });
    await server.waitForDiagnostics(CRITICAL);
    const before = await server.client.sendRequest<ActionItemsResult>(ActionItemsRequest, { overdue: true });
    assert.deepEqual(before.items.map((i) => i.action), ['Fix the alert', 'Add a canary']);
    await server.openDocument(MAJOR, FILES[MAJOR].replace('⬜ Not Started', '✅ Done'));
    await server.waitForDiagnostics(MAJOR);
    const after = await server.client.sendRequest<ActionItemsResult>(ActionItemsRequest, { overdue: true });
    assert.deepEqual(after.items.map((i) => i.action), ['Fix the alert']);
  });

  it('incidentReport/stats: the numbers of `incident-report stats` over the index, severity groups in the template\'s order', async () => {
    server = await startServer({ files: FILES });
    await server.waitForDiagnostics(CRITICAL);
    const stats = await server.client.sendRequest<StatsResult>(StatsRequest, { by: ['severity'] });
    assert.equal(stats.total.incidents, 3);
    assert.deepEqual(stats.total.metrics.resolve, { count: 3, median: 68, p90: 135 });
    assert.deepEqual(stats.total.metrics.mitigate, { count: 2, median: 20, p90: 28 });
    assert.deepEqual(stats.total.actionItems, { total: 4, open: 3, overdue: 2 });
    assert.deepEqual(stats.groups.map((g) => [g.key, g.incidents, g.incomplete, g.metrics.resolve.median, g.metrics.resolve.p90, g.metrics.detect.median]), [
      [{ severity: 'Critical' }, 1, 0, 68, 68, 14],
      [{ severity: 'Major' }, 2, 1, 40, 135, 10],
    ]);
    assert.deepEqual(stats.incomplete, [{ file: INCOMPLETE, id: 'INC-20261110-001', missing: ['mitigation-started'] }]);

    const byMonth = await server.client.sendRequest<StatsResult>(StatsRequest, { by: ['month', 'severity'], since: '2026-11-01' });
    assert.deepEqual(byMonth.groups.map((g) => [g.key, g.metrics.resolve.median]), [[{ month: '2026-11', severity: 'Major' }, 40]]);
    assert.equal(byMonth.total.incidents, 2);
  });

  it('incidentReport/exportHtml: the CLI\'s sanitised HTML for a report (unsaved text included), a reason for anything else', async () => {
    server = await startServer({ files: FILES });
    await server.waitForDiagnostics(CRITICAL);
    const dangerous = FILES[CRITICAL].replace('## 📊 Timeline', '<script>alert(1)</script>\n\n[click](javascript:alert(2))\n\n## 📊 Timeline');
    await server.openDocument(CRITICAL, dangerous);
    const exported = await server.client.sendRequest<ExportHtmlResult>(ExportHtmlRequest, { uri: CRITICAL });
    assert.ok(exported.html, exported.reason);
    assert.match(exported.html, /<title>Sample INC-20261020-001<\/title>/);
    assert.match(exported.html, /<svg[^>]*>/);
    assert.match(exported.html, /Fix the alert/);
    assert.doesNotMatch(exported.html, /<script|javascript:|alert\(1\)/);
    const notReport = await server.client.sendRequest<ExportHtmlResult>(ExportHtmlRequest, { uri: `${ROOT}/README.md` });
    assert.deepEqual(notReport, { reason: `README.md is not an incident report (${REPORT_DEFINITION})` });
    const missing = await server.client.sendRequest<ExportHtmlResult>(ExportHtmlRequest, { uri: `${ROOT}/gone.md` });
    assert.equal(missing.html, undefined);
    assert.match(missing.reason!, /^gone\.md could not be read/);
  });
});
