import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csv } from '../../../src/cli/insights';
import { CLI, ROOT, cli, inProcess } from './run';
import { insightsReport, type InsightsReportOptions } from '../insightsReports';

const TODAY = ['--today', '2026-11-26'];

/** A resolved report with the given timeline rows, action items and front matter lines. */
const report = (id: string, options: Omit<InsightsReportOptions, 'id'>): string => insightsReport({ id, title: `Report ${id}`, ...options });

const ROWS = (detect: string, resolve: string): string[] => [`| ${detect} | Incident detected | alert |`, '| 14:40 | Mitigation started | Sam |', '| 14:50 | Service restored | Sam |', `| ${resolve} | Incident resolved | Sam |`];

describe('incident-report stats, actions and export', function () {
  this.timeout(120_000);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-insights-'));
    const write = (name: string, text: string): void => writeFileSync(join(dir, name), text);
    // Time to resolve: 30, 60 and 120 minutes (critical, critical, minor); a report without a resolved row.
    write('a.md', report('INC-20261001-001', { frontMatter: 'Service: checkout\n', rows: ROWS('14:30', '15:00'), actions: ['| =HYPERLINK("http://x") | Eve, "the" owner | 2026-10-10 | 🟡 In Progress |', '| Done thing | Sam | 2026-10-10 | ✅ Done |'] }));
    write('b.md', report('INC-20261015-001', { frontMatter: 'Service: checkout\n', rows: ROWS('14:00', '15:00'), actions: ['| Later thing | Priya Raman | 2026-12-31 | ⬜ Not Started |'] }));
    write('c.md', report('INC-20261102-001', { severity: '🟢 Minor', rows: ROWS('13:00', '15:00') }));
    write('d.md', report('INC-20261110-001', { severity: '🟡 Major', frontMatter: 'Service: search\n', rows: ['| 09:00 | Incident detected | alert |', '| 09:20 | Mitigation started | Sam |'] }));
    write('notes.md', '# Notes\n\nNot a report.\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('stats', () => {
    it('json: the documented shape, exact medians and p90 per group, the incomplete report listed', async () => {
      const result = await inProcess(['stats', '.', '--format', 'json', '--by', 'severity', ...TODAY], dir);
      assert.equal(result.code, 0, result.stderr);
      const stats = JSON.parse(result.stdout);
      assert.deepEqual(Object.keys(stats), ['by', 'since', 'groups', 'total', 'incomplete', 'undated']);
      assert.deepEqual(Object.keys(stats.total), ['key', 'incidents', 'incomplete', 'metrics', 'actionItems']);
      assert.deepEqual(Object.keys(stats.total.metrics), ['detect', 'acknowledge', 'mitigate', 'restore', 'resolve']);
      assert.deepEqual(stats.groups.map((g: { key: unknown; incidents: number }) => [g.key, g.incidents]), [[{ severity: 'Critical' }, 2], [{ severity: 'Major' }, 1], [{ severity: 'Minor' }, 1]]);
      assert.deepEqual(stats.groups[0].metrics.resolve, { count: 2, median: 30, p90: 60 });
      assert.deepEqual(stats.total.metrics.resolve, { count: 3, median: 60, p90: 120 });
      assert.deepEqual(stats.total.actionItems, { total: 3, open: 2, overdue: 1 });
      assert.deepEqual(stats.incomplete, [{ file: 'd.md', id: 'INC-20261110-001', missing: ['service-restored', 'resolved'] }]);
    });

    it('table: one row per group and the total; the reports with missing milestones listed below', async () => {
      const result = await inProcess(['stats', '--by', 'service', ...TODAY], dir);
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stdout.split('\n');
      assert.equal(lines[0], '4 incidents by service (durations: median / p90, nearest rank)');
      assert.match(lines[2]!, /^service\s+incidents\s+missing milestones\s+MTTD median \/ p90\s+MTTA median \/ p90\s+MTTM median \/ p90\s+MTTRs median \/ p90\s+MTTR median \/ p90\s+action items open\s+overdue$/);
      const rows = lines.slice(4, 8).map((l) => l.split(/\s{2,}/));
      assert.deepEqual(rows.map((r) => r[0]), ['checkout', 'search', 'unknown', 'all']);
      assert.deepEqual(rows[0], ['checkout', '2', '0', '-', '-', '10m / 40m', '20m / 50m', '30m / 1h', '2', '1']);
      assert.ok(result.stdout.includes('Missing milestones (1; counted above, without the durations they lack):\n- d.md INC-20261110-001: no service restored, resolved row'), result.stdout);
    });

    it('csv: RFC 4180 records with minutes as numbers, one row per group', async () => {
      const result = await inProcess(['stats', '--by', 'month', '--format', 'csv', ...TODAY], dir);
      assert.equal(result.code, 0, result.stderr);
      const records = result.stdout.split('\r\n');
      assert.equal(records[0], 'month,incidents,missing_milestones,mttd_reports,mttd_median_minutes,mttd_p90_minutes,mtta_reports,mtta_median_minutes,mtta_p90_minutes,mttm_reports,mttm_median_minutes,mttm_p90_minutes,mttrs_reports,mttrs_median_minutes,mttrs_p90_minutes,mttr_reports,mttr_median_minutes,mttr_p90_minutes,action_items,action_items_open,action_items_overdue');
      assert.deepEqual(records.slice(1, -1), ['2026-10,2,0,0,,,0,,,2,10,40,2,20,50,2,30,60,3,2,1', '2026-11,2,1,0,,,0,,,2,20,100,1,110,110,1,120,120,0,0,0']);
      assert.equal(records.at(-1), '');
    });

    it('markdown: a GFM table and the incomplete reports', async () => {
      const result = await inProcess(['stats', '--by', 'severity,month', '--format', 'markdown', ...TODAY], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^\| severity \| month \| incidents \| missing milestones \| MTTD median \/ p90 \|/m);
      assert.match(result.stdout, /^\| Critical \| 2026-10 \| 2 \| 0 \| - \| - \| 10m \/ 40m \| 20m \/ 50m \| 30m \/ 1h \| 2 \| 1 \|$/m);
      assert.match(result.stdout, /^- `d\.md` INC-20261110-001: no service restored, resolved row$/m);
    });

    it('--since leaves older reports out; bad --by, --since and --format are usage errors (exit 2)', async () => {
      const since = JSON.parse((await inProcess(['stats', '--since', '2026-11-01', '--format', 'json', ...TODAY], dir)).stdout);
      assert.equal(since.total.incidents, 2);
      for (const [args, message] of [
        [['--by', 'team'], /--by team: expected a comma-separated list of severity, month, service/],
        [['--since', '2026-13-01'], /--since 2026-13-01: expected a date YYYY-MM-DD/],
        [['--format', 'xml'], /--format xml: expected table, json, csv or markdown/],
      ] as const) {
        const result = await inProcess(['stats', ...args], dir);
        assert.equal(result.code, 2);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
      }
    });

    it('a named file that is not a report, or one that cannot be read, is reported (exit 2); the others are still counted', async () => {
      const result = await inProcess(['stats', 'a.md', 'notes.md', 'missing.md', '--format', 'json', ...TODAY], dir);
      assert.equal(result.code, 2);
      assert.equal(JSON.parse(result.stdout).total.incidents, 1);
      assert.match(result.stderr, /notes\.md: not an incident report/);
      assert.match(result.stderr, /missing\.md: no such file or directory/);
    });

    it('the built CLI over the bundled examples (a process, as users run it)', () => {
      assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
      const result = cli(['stats', 'incidents', '--by', 'severity', '--format', 'json', ...TODAY], join(ROOT, 'examples'));
      assert.equal(result.code, 0, result.stderr);
      const stats = JSON.parse(result.stdout);
      assert.deepEqual(stats.groups.map((g: { key: { severity: string }; incidents: number }) => [g.key.severity, g.incidents]), [['Critical', 4], ['Major', 4], ['Minor', 2], ['unknown', 1]]);
      assert.deepEqual(stats.total.metrics.resolve, { count: 9, median: 135, p90: 282 });
      assert.equal(stats.incomplete.length, 3);
    });
  });

  describe('actions', () => {
    it('lists open items overdue first; --owner and --all filter; json has 1-based lines', async () => {
      const all = JSON.parse((await inProcess(['actions', '--format', 'json', ...TODAY], dir)).stdout);
      assert.deepEqual(all.map((r: { action: string; overdue: boolean }) => [r.action, r.overdue]), [['=HYPERLINK("http://x")', true], ['Later thing', false]]);
      assert.deepEqual(Object.keys(all[0]), ['file', 'line', 'id', 'title', 'action', 'owner', 'due', 'status', 'done', 'overdue']);
      const text = readFileSync(join(dir, 'a.md'), 'utf8').split('\n');
      assert.ok(text[all[0].line - 1]!.startsWith('| =HYPERLINK'), 'line is 1-based');
      const priya = JSON.parse((await inProcess(['actions', '--owner', 'priya', '--format', 'json', ...TODAY], dir)).stdout);
      assert.deepEqual(priya.map((r: { action: string }) => r.action), ['Later thing']);
      const withDone = JSON.parse((await inProcess(['actions', '--all', '--format', 'json', ...TODAY], dir)).stdout);
      assert.equal(withDone.length, 3);
    });

    it('--overdue --fail exits 1 when an item is overdue, 0 when none is; --fail alone is a usage error', async () => {
      const late = await inProcess(['actions', '--overdue', '--fail', ...TODAY], dir);
      assert.equal(late.code, 1, late.stderr);
      assert.match(late.stdout, /^OVERDUE {2}2026-10-10 {2}🟡 In Progress {2}Eve, "the" owner/m);
      assert.match(late.stdout, /1 action item, 1 overdue \(today is 2026-11-26\)$/m);
      const early = await inProcess(['actions', '--overdue', '--fail', '--today', '2026-10-05'], dir);
      assert.equal(early.code, 0, early.stderr);
      assert.equal(early.stdout.trim(), 'No action items to list (today is 2026-10-05).');
      assert.equal((await inProcess(['actions', '--overdue', ...TODAY], dir)).code, 0, 'without --fail an overdue item is no failure');
      const usage = await inProcess(['actions', '--fail'], dir);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /--fail needs --overdue/);
    });

    it('csv: quoted per RFC 4180 and a formula neutralised with a leading quote', async () => {
      const result = await inProcess(['actions', '--format', 'csv', ...TODAY], dir);
      const records = result.stdout.split('\r\n');
      assert.equal(records[0], 'file,line,id,title,action,owner,due,status,done,overdue');
      assert.match(records[1]!, /^a\.md,\d+,INC-20261001-001,Report INC-20261001-001,"'=HYPERLINK\(""http:\/\/x""\)","Eve, ""the"" owner",2026-10-10,🟡 In Progress,true|false/);
      assert.ok(records[1]!.endsWith(',false,true'), records[1]);
    });

    it('the built CLI: --overdue --fail over the bundled examples exits 1 and lists the 8 overdue items', () => {
      const result = cli(['actions', 'incidents', '--overdue', '--fail', '--format', 'json', ...TODAY], join(ROOT, 'examples'));
      assert.equal(result.code, 1, result.stderr);
      const items = JSON.parse(result.stdout);
      assert.equal(items.length, 8);
      assert.ok(items.every((i: { overdue: boolean }) => i.overdue));
    });
  });

  describe('csv()', () => {
    it('quotes commas, quotes and line breaks; prefixes = + - @ tab and CR with a quote; leaves numbers alone', () => {
      assert.equal(csv([['a,b', 'say "hi"', 'two\nlines', 'plain'], ['=1+1', '+1', '-1', '@SUM(A1)'], ['\tx', 'ok', -5, 3.5]]), '"a,b","say ""hi""","two\nlines",plain\r\n\'=1+1,\'+1,\'-1,\'@SUM(A1)\r\n\'\tx,ok,-5,3.5\r\n');
    });
  });

  describe('export --html', () => {
    const HOSTILE = [
      '<script>alert("pwned")</script>',
      '<img src="x.png" onerror="alert(1)">',
      '[click me](javascript:alert(2)) <a href="javascript:alert(3)" onclick="alert(4)">raw link</a>',
      '![remote](https://evil.example/pixel.png) <iframe src="https://evil.example"></iframe>',
      '<style>@import url(https://evil.example/x.css);</style>',
    ].join('\n\n');

    beforeEach(() => {
      writeFileSync(join(dir, 'hostile.md'), report('INC-20261120-001', { rows: ['| 13:50 | Deploy <b onmouseover="alert(5)">v2</b> | CD |', ...ROWS('14:00', '15:00')], body: HOSTILE }));
    });

    it('writes one sanitised file: no script, no event handler, no javascript: link, nothing loaded from anywhere', async () => {
      const result = await inProcess(['export', 'hostile.md', '--html', 'out.html'], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim(), 'out.html');
      const html = readFileSync(join(dir, 'out.html'), 'utf8');
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /pwned/);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no on*= attribute (nor its text)');
      assert.doesNotMatch(html, /javascript:/i);
      assert.doesNotMatch(html, /<(?:img|iframe|link|object|embed)\b/i);
      assert.doesNotMatch(html, /@import|url\(/i);
      // No http(s) URL in any attribute that would load something: the only one left is a link's href (none here).
      assert.deepEqual([...html.matchAll(/\s([a-z-]+)\s*=\s*"(?:https?:)?\/\//gi)].map((m) => m[1]), []);
      assert.doesNotMatch(html, /https?:\/\//, 'this report links nowhere, so no URL at all');
      assert.match(html, /<span class="image">\[image: remote\]<\/span>/);
      assert.match(html, /<a>click me<\/a>/);
      // The print stylesheet, the metrics table and the chart are inline.
      assert.match(html, /<style>[\s\S]*@media print\{[\s\S]*<\/style>/);
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
      assert.match(html, /<tr><th scope="row">Time to detect \(TTD\)<\/th><td>10m<\/td><\/tr>/);
      assert.match(html, /<tr><th scope="row">Time to resolve \(TTR\)<\/th><td>1h<\/td><\/tr>/);
      assert.match(html, /<figure class="timeline"><svg role="img"[\s\S]*>13:50 Deploy v2<\/text>[\s\S]*<\/svg>/);
      assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
    });

    it('keeps a report\'s http(s) links as links, and loads nothing from them', async () => {
      writeFileSync(join(dir, 'linked.md'), report('INC-20261121-001', { rows: ROWS('14:00', '15:00'), body: 'See [the dashboard](https://grafana.internal/d/x).' }));
      assert.equal((await inProcess(['export', 'linked.md', '--html', 'linked.html'], dir)).code, 0);
      const html = readFileSync(join(dir, 'linked.html'), 'utf8');
      assert.deepEqual([...html.matchAll(/\s([a-z-]+)="https?:\/\/[^"]*"/gi)].map((m) => m[0].trim()), ['href="https://grafana.internal/d/x"']);
    });

    it('never writes over an existing file without --force, nor over the report itself', async () => {
      writeFileSync(join(dir, 'out.html'), 'keep me');
      const refused = await inProcess(['export', 'hostile.md', '--html', 'out.html'], dir);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /out\.html exists; pass --force to replace it/);
      assert.equal(readFileSync(join(dir, 'out.html'), 'utf8'), 'keep me');
      const forced = await inProcess(['export', 'hostile.md', '--html', 'out.html', '--force'], dir);
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(readFileSync(join(dir, 'out.html'), 'utf8'), /^<!DOCTYPE html>/);
      const self = await inProcess(['export', 'hostile.md', '--html', 'hostile.md', '--force'], dir);
      assert.equal(self.code, 2);
      assert.match(self.stderr, /is the report itself/);
      assert.match(readFileSync(join(dir, 'hostile.md'), 'utf8'), /^---\nTitle: Report INC-20261120-001/);
      assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
    });

    it('bad input: no --html, not a report, an unreadable file (exit 2, a message, nothing written)', async () => {
      for (const [args, message] of [
        [['export', 'hostile.md'], /--html OUT is required/],
        [['export', 'notes.md', '--html', 'n.html'], /notes\.md: not an incident report/],
        [['export', 'missing.md', '--html', 'm.html'], /missing\.md: cannot read report: no such file/],
        [['export', '--html', 'x.html'], /expected one report/],
      ] as const) {
        const result = await inProcess(args, dir);
        assert.equal(result.code, 2, args.join(' '));
        assert.match(result.stderr, message);
      }
      assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.html')), []);
    });

    it('the built CLI exports a bundled example', () => {
      const work = join(dir, 'examples');
      cpSync(join(ROOT, 'examples'), work, { recursive: true });
      const result = cli(['export', 'incidents/INC-20261020-001-checkout-outage.md', '--html', 'checkout.html'], work);
      assert.equal(result.code, 0, result.stderr);
      const html = readFileSync(join(work, 'checkout.html'), 'utf8');
      assert.match(html, /<title>Checkout API outage after connection pool change<\/title>/);
      assert.match(html, /<h1>Incident Report: Checkout API outage after connection pool change<\/h1>\n<table class="metrics">/);
      assert.match(html, /Time to resolve \(TTR\)<\/th><td>2h 35m</);
      assert.doesNotMatch(html, /\s(?:src|srcset|poster|data)="https?:/i);
    });
  });
});
