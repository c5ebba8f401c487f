import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { FIX_ALL_KIND, IncidentDetailsRequest, IncidentsRequest, ServerCommands, TemplateInfoRequest, TimelineChartRequest, type IncidentsResult, type TimelineChartResult, type NewIncidentResult, type SetStatusResultParams } from '../../../src/server/protocol';
import { complete, FIXTURE_FILE_NAME, FIXTURE_WORKSPACE, mutate } from '../helpers';
import { ROOT, snapshots, startServer, type Harness } from './lspHarness';

const REPORT = `${ROOT}/incidents/${FIXTURE_FILE_NAME}`;

/** The fixture workspace's evidence files, so evidence paths resolve as on disk. */
function evidenceFiles(): Record<string, string> {
  const dir = join(FIXTURE_WORKSPACE, 'evidence', 'INC-20261020-001');
  return Object.fromEntries(readdirSync(dir).map((name) => [`${ROOT}/evidence/INC-20261020-001/${name}`, readFileSync(join(dir, name), 'utf8')]));
}

/** 0-based line of the one line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const found = lines.flatMap((line, index) => (line.includes(needle) ? [index] : []));
  assert.equal(found.length, 1, `"${needle}" should be on exactly one line`);
  return found[0]!;
}

const BACKWARDS = mutate(complete(), '| 14:05 | On-call notified | PagerDuty |', '| 14:01 | On-call notified | PagerDuty |');

describe('language server over an in-memory connection', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  it('publishes diagnostics with exact ranges for an open report, and clears them when it is fixed', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, BACKWARDS);
    const found = await server.waitForDiagnostics(REPORT, (d) => d.length > 0);
    const row = lineOf(BACKWARDS, '| 14:01 | On-call notified');
    const rowText = BACKWARDS.split('\n')[row]!.replace(/\r$/, '');
    assert.deepEqual(snapshots(found.filter((d) => d.code === 'timeline-order')), [`${row}:0-${row}:${rowText.length} timeline-order`]);
    const order = found.find((d) => d.code === 'timeline-order')!;
    assert.equal(order.severity, 1, 'final mode: an error');
    assert.equal(order.source, 'incident-report');
    assert.match(order.codeDescription!.href, /timeline-order\.md$/);

    // An edit (incremental sync) that restores the order: the diagnostic goes.
    const offset = BACKWARDS.indexOf('| 14:01 |') + 2;
    await server.change(REPORT, [{ start: offset, end: offset + 5, text: '14:05' }]);
    const after = await server.waitForDiagnostics(REPORT, (d) => !d.some((x) => x.code === 'timeline-order'));
    assert.deepEqual(snapshots(after), [], 'the complete report is clean');
  });

  it('validates closed report files of the workspace and indexes them for the Incidents view', async () => {
    server = await startServer({ files: { ...evidenceFiles(), [REPORT]: BACKWARDS, [`${ROOT}/README.md`]: '# Not a report\n' } });
    const found = await server.waitForDiagnostics(REPORT, (d) => d.length > 0);
    assert.equal(found.filter((d) => d.code === 'timeline-order').length, 1);
    const list = await server.client.sendRequest<IncidentsResult>(IncidentsRequest);
    const problems = found.filter((d) => d.severity === 1 || d.severity === 2).length;
    assert.deepEqual(list.incidents.map((i) => [i.uri, i.header.id, i.header.open, i.problems]), [[REPORT, 'INC-20261020-001', false, problems]]);
    const details = await server.client.sendRequest<{ timeline: { time: string }[] }>(IncidentDetailsRequest, { uri: REPORT });
    assert.deepEqual(details.timeline.map((r) => r.time).slice(0, 3), ['13:48', '14:02', '14:01']);
  });

  it('skips README files and the config\'s exclude globs in the workspace scan: not validated, not listed', async () => {
    const other = (id: string) => complete().replaceAll('INC-20261020-001', id);
    const readme = `${ROOT}/incidents/ReadMe.md`;
    const archived = `${ROOT}/archive/2019/old.md`;
    const kept = `${ROOT}/archive/kept.md`;
    server = await startServer({
      files: { ...evidenceFiles(), [REPORT]: BACKWARDS, [readme]: mutate(other('INC-20261020-002'), '| 14:05 | On-call notified | PagerDuty |', '| 14:01 | On-call notified | PagerDuty |'), [archived]: other('INC-20261020-003'), [kept]: other('INC-20261020-004'), [`${ROOT}/.incident-report.json`]: JSON.stringify({ exclude: ['archive/2019/**'] }) },
    });
    await server.waitForDiagnostics(REPORT, (d) => d.length > 0);
    await server.waitForDiagnostics(kept);
    assert.deepEqual(await server.waitForDiagnostics(readme), [], 'a README that reads as a report is still no report of the workspace');
    assert.deepEqual(await server.waitForDiagnostics(archived), []);
    const list = await server.client.sendRequest<IncidentsResult>(IncidentsRequest);
    assert.deepEqual(list.incidents.map((i) => i.header.id).sort(), ['INC-20261020-001', 'INC-20261020-004']);
  });

  it('follows file events: a changed file is read again, a deleted one is cleared and leaves the index', async () => {
    server = await startServer({ files: { ...evidenceFiles(), [REPORT]: complete() } });
    await server.waitForDiagnostics(REPORT);
    server.workspace.write(REPORT, BACKWARDS);
    await server.filesChanged([{ uri: REPORT, type: 2 }]);
    await server.waitForDiagnostics(REPORT, (d) => d.some((x) => x.code === 'timeline-order'));
    server.workspace.delete(REPORT);
    await server.filesChanged([{ uri: REPORT, type: 3 }]);
    await server.waitForDiagnostics(REPORT, (d) => d.length === 0);
    const list = await server.client.sendRequest<IncidentsResult>(IncidentsRequest);
    assert.deepEqual(list.incidents, []);
  });

  it('on close, a workspace file keeps the diagnostics of its saved content; an untitled one is cleared', async () => {
    server = await startServer({ files: { ...evidenceFiles(), [REPORT]: complete() } });
    await server.waitForDiagnostics(REPORT);
    // Unsaved, the rows go backwards; closed without saving, the file on disk is clean again.
    await server.openDocument(REPORT, BACKWARDS);
    await server.waitForDiagnostics(REPORT, (d) => d.some((x) => x.code === 'timeline-order'));
    await server.close(REPORT);
    await server.waitForDiagnostics(REPORT, (d) => d.length === 0);
    const untitled = 'untitled:Untitled-1';
    await server.openDocument(untitled, BACKWARDS);
    await server.waitForDiagnostics(untitled, (d) => d.some((x) => x.code === 'timeline-order'));
    await server.close(untitled);
    await server.waitForDiagnostics(untitled, (d) => d.length === 0);
  });

  it('offers the quick fix of a diagnostic, Fix All on request by kind, and a fix-all that uses the file name', async () => {
    // The ID disagrees with the file name and with Date: Fix All sets it from the file name.
    const wrongId = mutate(complete(), '**Incident ID:** INC-20261020-001', '**Incident ID:** INC-20261020-007 <!-- reopened -->');
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, wrongId);
    const found = await server.waitForDiagnostics(REPORT, (d) => d.some((x) => x.code === 'incident-id'));
    const idDiagnostic = found.find((d) => d.code === 'incident-id')!;
    const line = lineOf(wrongId, '**Incident ID:**');
    assert.equal(idDiagnostic.range.start.line, line);
    const quickFixes = await server.codeActions(REPORT, idDiagnostic.range, [idDiagnostic], ['quickfix']);
    // The rule's own fix first, then the suppression comments (never in Fix All).
    assert.deepEqual(quickFixes.map((a) => a.title), ['Set the ID from the file name (INC-20261020-001)', 'Disable incident-id for this line', 'Disable incident-id for this file']);
    assert.deepEqual(quickFixes[0]!.diagnostics, [idDiagnostic]);

    const fixAll = await server.codeActions(REPORT, idDiagnostic.range, [], [FIX_ALL_KIND]);
    assert.deepEqual(fixAll.map((a) => a.kind), [FIX_ALL_KIND]);
    const result = await server.execute<{ applied: boolean; fixed: number; left: number }>(ServerCommands.fixAll, { uri: REPORT });
    assert.equal(result.applied, true);
    // Every problem published for it was fixed: the ID, and the sign-off's summary of errors with it.
    assert.deepEqual([result.fixed, result.left], [found.filter((d) => d.severity !== 4).length, 0]);
    const fixed = server.textOf(REPORT)!;
    assert.ok(fixed.includes('**Incident ID:** INC-20261020-001'), 'the ID from the file name');
    await server.waitForDiagnostics(REPORT, (d) => !d.some((x) => x.code === 'incident-id'));
  });

  it('builds "now" when the action is asked for, not when the lint ran', async () => {
    const placeholder = mutate(complete(), '| 14:12 | Investigation started |', '| HH:MM | Investigation started |');
    server = await startServer({ files: evidenceFiles(), now: new Date('2026-10-20T14:10:00Z') });
    await server.openDocument(REPORT, placeholder);
    const found = await server.waitForDiagnostics(REPORT, (d) => d.some((x) => x.code === 'placeholder'));
    const row = lineOf(placeholder, '| HH:MM | Investigation started');
    const diagnostic = found.find((d) => d.code === 'placeholder' && d.range.start.line === row)!;
    assert.deepEqual(snapshots([diagnostic]), [`${row}:2-${row}:7 placeholder`]);
    // Minutes later the light bulb is opened: the fill writes the time of the click.
    server.setNow(new Date('2026-10-20T14:13:00Z'));
    const actions = (await server.codeActions(REPORT, diagnostic.range, [diagnostic], ['quickfix'])).filter((a) => !a.title.startsWith('Disable '));
    const edits = actions.flatMap((a) => (a.edit?.documentChanges as TextDocumentEdit[] | undefined)?.flatMap((c) => (c.edits as TextEdit[]).map((e) => e.newText)) ?? []);
    assert.deepEqual(edits, ['14:13']);
  });

  it('New Incident creates the report through the client, never over a file, and two get two IDs', async () => {
    server = await startServer({ files: evidenceFiles() });
    const info = await server.client.sendRequest<{ severityLevels: { word: string }[]; incidentsDir: string }>(TemplateInfoRequest, {});
    assert.deepEqual(info.severityLevels.map((l) => l.word), ['Critical', 'Major', 'Minor']);
    const [first, second] = await Promise.all([
      server.execute<NewIncidentResult>(ServerCommands.newIncident, { severity: 'major', title: 'API latency' }),
      server.execute<NewIncidentResult>(ServerCommands.newIncident, { severity: 'minor', title: 'API latency' }),
    ]);
    assert.equal(first.id, 'INC-20261126-001');
    assert.equal(second.id, 'INC-20261126-002');
    assert.equal(first.uri, `${ROOT}/incidents/INC-20261126-001-api-latency.md`);
    assert.equal(server.textOf(first.uri!), first.text);
    assert.match(first.text, /\*\*Severity:\*\* 🟡 Major/);
    // Never over a file: a third with the first one's name takes the next number.
    const third = await server.execute<NewIncidentResult>(ServerCommands.newIncident, { severity: 'critical', title: 'API latency' });
    assert.equal(third.id, 'INC-20261126-003');
    assert.equal(server.textOf(first.uri!), first.text, 'the first report is untouched');
    // The client's file watcher reports the created files; the index lists them, open (Status: Open).
    await server.filesChanged([first, second, third].map((r) => ({ uri: r.uri!, type: 1 as const })));
    let listed: IncidentsResult | undefined;
    for (let turn = 0; turn < 2000 && (listed?.incidents.length ?? 0) < 3; turn++) {
      listed = await server.client.sendRequest<IncidentsResult>(IncidentsRequest);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.deepEqual(listed!.incidents.map((i) => [i.header.id, i.header.open]).sort(), [['INC-20261126-001', true], ['INC-20261126-002', true], ['INC-20261126-003', true]]);
  });

  it('Add Timeline Event inserts a row stamped now at its place', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    const result = await server.execute<{ applied: boolean; time: string }>(ServerCommands.addTimelineEvent, { uri: REPORT, event: 'Postmortem review held', actor: 'Dana' });
    assert.equal(result.applied, true);
    // Now is on another day than the report's Date: the row says which.
    assert.equal(result.time, '2026-11-26 12:00');
    assert.ok(server.textOf(REPORT)!.includes('| 2026-11-26 12:00 | Postmortem review held | Dana |'));
  });

  it('Add Timeline Event backfills a row at the time given, in time order', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    const result = await server.execute<{ applied: boolean; time: string; line: number }>(ServerCommands.addTimelineEvent, { uri: REPORT, event: 'Status page updated', actor: 'Dana', at: '2026-10-20T14:30:00.000Z' });
    assert.equal(result.applied, true);
    assert.equal(result.time, '14:30');
    const lines = server.textOf(REPORT)!.split('\n');
    assert.equal(lines[result.line], '| 14:30 | Status page updated | Dana |');
    assert.equal(lines[result.line - 1], '| 14:12 | Investigation started | Priya Raman |');
    const bad = await server.execute<{ applied: boolean; reason: string }>(ServerCommands.addTimelineEvent, { uri: REPORT, event: 'x', actor: 'y', at: 'soon' });
    assert.deepEqual(bad, { applied: false, reason: '"soon" is not a time.' });
  });

  it('Add Timeline Event checks first: whether the report has a timeline, writing nothing', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    const possible = await server.execute<{ applied: boolean; possible?: boolean }>(ServerCommands.addTimelineEvent, { uri: REPORT, event: '', actor: '', check: true });
    assert.deepEqual(possible, { applied: false, possible: true });
    assert.equal(server.textOf(REPORT), complete(), 'a check writes nothing');
    const noTimeline = `${ROOT}/incidents/INC-20261020-002-no-timeline.md`;
    await server.openDocument(noTimeline, complete().replace(/\| Time \| Event \| Actor \|[\s\S]*?\n\n/, 'No table yet.\n\n'));
    const refused = await server.execute<{ applied: boolean; possible?: boolean; reason?: string }>(ServerCommands.addTimelineEvent, { uri: noTimeline, event: '', actor: '', check: true });
    assert.deepEqual(refused, { applied: false, reason: 'This report has no timeline table to add a row to.' });
  });

  it('reports a config file that cannot be parsed, once, and applies settings from the client', async () => {
    server = await startServer({ files: { ...evidenceFiles(), [`${ROOT}/.incident-report.json`]: '{ "rules": ', [REPORT]: BACKWARDS }, settings: { rules: { 'timeline-order': 'off' } } });
    const found = await server.waitForDiagnostics(REPORT, (d) => d.length >= 0);
    assert.equal(found.filter((d) => d.code === 'timeline-order').length, 0, 'turned off in the settings');
    const problems = server.notifications.filter((n) => n.method === 'incidentReport/problem');
    assert.equal(problems.length, 1);
    assert.match((problems[0]!.params as { message: string }).message, /\.incident-report\.json/);
  });
});

export type { Diagnostic };

describe('language server: the team template', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  it('is read when its folder appears, drives New Incident, and is neither validated nor listed', async () => {
    server = await startServer({ files: evidenceFiles() });
    const template = `${ROOT}/.incident/template.md`;
    const base = readFileSync(join(FIXTURE_WORKSPACE, '..', '..', '..', 'templates', 'default.md'), 'utf8');
    server.workspace.write(template, base.replace(/^## 🔐 Post-Mortem/m, '## 🧪 Game Day\n\n**Exercise:**\n<!-- What we will rehearse -->\n\n---\n\n## 🔐 Post-Mortem'));
    // A folder created with its file is reported as the folder alone.
    await server.filesChanged([{ uri: `${ROOT}/.incident`, type: 1 }]);
    let info: { templateUri?: string } = {};
    for (let turn = 0; turn < 2000 && info.templateUri === undefined; turn++) {
      info = await server.client.sendRequest(TemplateInfoRequest, {});
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(info.templateUri, template);
    const created = await server.execute<NewIncidentResult>(ServerCommands.newIncident, { severity: 'minor', title: 'Team template' });
    assert.match(created.text, /## 🧪 Game Day/);
    const list = await server.client.sendRequest<IncidentsResult>(IncidentsRequest);
    assert.equal(list.incidents.some((i) => i.uri === template), false);
    await server.openDocument(template, server.textOf(template)!);
    assert.deepEqual(await server.waitForDiagnostics(template), []);
  });
});

describe('language server: New Incident with a team template', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  it('needs no severity when the template lists none, takes the incident date, and names the file by the config', async () => {
    server = await startServer({
      files: {
        [`${ROOT}/.incident/template.md`]: '# Post-mortem: [Title]\n\n## Timeline\n\n- [HH:MM] Alert fired\n- [HH:MM] Restored\n',
        [`${ROOT}/.incident-report.json`]: JSON.stringify({ fileName: 'PM{YYYY}-{NNN} - {title}.md' }),
        [`${ROOT}/incidents/PM2026-001 - Earlier.md`]: 'by hand\n',
      },
    });
    let info: { templateUri?: string; severityLevels?: unknown[] } = {};
    for (let turn = 0; turn < 2000 && info.templateUri === undefined; turn++) {
      info = await server.client.sendRequest(TemplateInfoRequest, {});
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.deepEqual(info.severityLevels, []);
    const created = await server.execute<NewIncidentResult>(ServerCommands.newIncident, { title: 'Queue backlog', date: '2026-11-25' });
    assert.equal(created.uri, `${ROOT}/incidents/PM2026-002%20-%20Queue%20backlog.md`);
    assert.equal(created.id, 'INC-20261125-002');
    assert.ok(created.text.endsWith('# Post-mortem: Queue backlog\n\n## Timeline\n\n- [HH:MM] Alert fired\n'), created.text);
    assert.equal(server.textOf(`${ROOT}/incidents/PM2026-001 - Earlier.md`), 'by hand\n');
    await assert.rejects(server.execute(ServerCommands.newIncident, { title: 'x', date: '2026-11-27' }), /2026-11-27 is in the future/);
  });
});

describe('language server: metrics, hover, completion, outline', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  it('shows the timeline\'s metrics as a CodeLens over its table and offsets in a row\'s hover', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    const lenses = await server.client.sendRequest<{ range: Diagnostic['range']; command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri: REPORT } });
    const header = lineOf(complete(), '| Time | Event | Actor |');
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command.title]), [[header, 'TTD 14m · TTA 3m · TTM 1h 29m · TTRs 2h 3m · TTR 2h 35m']]);
    const row = lineOf(complete(), '| 15:31 | Mitigation started');
    const hover = await server.client.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: REPORT }, position: { line: row, character: 3 } });
    assert.equal(hover.contents.value, '+1h 29m from detection · +11m after the previous row\n\nTime to mitigate: **1h 29m**');
    const plain = lineOf(complete(), '## 📊 Timeline (UTC)');
    assert.equal(await server.client.sendRequest('textDocument/hover', { textDocument: { uri: REPORT }, position: { line: plain, character: 3 } }), null);
  });

  it('hovers an incident ID with that report\'s title, severity and status, or says none has it', async () => {
    const other = `${ROOT}/incidents/INC-20261125-001-other.md`;
    const citing = mutate(complete(), '## 🔧 Root Cause Analysis', 'Related: INC-20261020-001 and INC-20261231-009.\n\n## 🔧 Root Cause Analysis');
    server = await startServer({ files: { ...evidenceFiles(), [REPORT]: complete() } });
    await server.waitForDiagnostics(REPORT);
    await server.openDocument(other, citing);
    await server.waitForDiagnostics(other);
    const line = lineOf(citing, 'Related: INC-');
    const known = await server.client.sendRequest<{ range: Diagnostic['range']; contents: { value: string } }>('textDocument/hover', { textDocument: { uri: other }, position: { line, character: 12 } });
    assert.deepEqual(known.range, { start: { line, character: 9 }, end: { line, character: 25 } });
    assert.match(known.contents.value, /^\*\*INC-20261020-001\*\* Checkout API outage after connection pool change\n\nSeverity: 🔴 Critical · Status: Resolved · Date: 2026-10-20/);
    const unknown = await server.client.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: other }, position: { line, character: 32 } });
    assert.equal(unknown.contents.value, '**INC-20261231-009**: no report of this workspace has this ID.');
  });

  it('completes Status in the front matter and the severity levels on the Severity line, nowhere else', async () => {
    server = await startServer({ files: evidenceFiles() });
    const text = mutate(mutate(complete(), 'Status: Resolved', 'Status: '), '**Severity:** 🔴 Critical', '**Severity:** ');
    await server.openDocument(REPORT, text);
    await server.waitForDiagnostics(REPORT);
    const at = (needle: string) => ({ line: lineOf(text, needle), character: needle.length });
    const labels = async (position: { line: number; character: number }) => ((await server!.client.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri: REPORT }, position })) ?? []).map((i) => i.label);
    assert.deepEqual(await labels(at('Status: ')), ['Open', 'Investigating', 'Mitigated', 'Resolved', 'Closed']);
    assert.deepEqual(await labels(at('**Severity:** ')), ['🔴 Critical', '🟡 Major', '🟢 Minor']);
    assert.deepEqual(await labels(at('**Date:** 2026-10-20')), []);
  });

  it('outlines the sections, with the timeline rows and action items under theirs', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    type Symbol = { name: string; detail?: string; children?: Symbol[]; range: Diagnostic['range'] };
    const symbols = await server.client.sendRequest<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri: REPORT } });
    assert.equal(symbols.length, 16, symbols.map((s) => s.name).join(' | '));
    const timeline = symbols.find((s) => s.name === '📊 Timeline (UTC)')!;
    assert.deepEqual(timeline.children!.slice(0, 2).map((c) => [c.name, c.detail, c.range.start.line]), [
      ['13:48 Helm release 2026.10.20-3 deployed', 'CD pipeline', lineOf(complete(), '| 13:48 |')],
      ['14:02 Incident detected: checkout error rate alert fired', 'Alertmanager', lineOf(complete(), '| 14:02 |')],
    ]);
    const actions = symbols.find((s) => s.children?.some((c) => c.name === 'Alert on pool saturation above 80%'))!;
    assert.equal(actions.children!.length, 3);
  });
});

describe('language server: progress instead of noise (draft mode)', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  it('a fresh report lists at most 3 problems; what is not yet written is hints, counted per section and in the index', async () => {
    server = await startServer({ files: evidenceFiles() });
    const created = await server.execute<NewIncidentResult>(ServerCommands.newIncident, { severity: 'major', title: 'Redis failover' });
    await server.openDocument(created.uri!, created.text);
    const found = await server.waitForDiagnostics(created.uri!, (d) => d.length > 0);
    const problems = found.filter((d) => d.severity !== 4);
    assert.ok(problems.length <= 3, JSON.stringify(problems.map((d) => [d.code, d.message])));
    assert.deepEqual(problems.map((d) => d.code), ['front-matter'], 'the empty Owner');
    const unfilled = found.filter((d) => (d.data as { unfilled?: boolean } | undefined)?.unfilled);
    assert.ok(unfilled.length > 50, `${unfilled.length} places to fill`);
    assert.ok(unfilled.every((d) => d.severity === 4), 'hints');

    const lenses = await server.client.sendRequest<{ range: Diagnostic['range']; command: { title: string; command: string } }[]>('textDocument/codeLens', { textDocument: { uri: created.uri } });
    const progress = lenses.filter((l) => / to fill$/.test(l.command.title));
    const total = progress.reduce((sum, l) => sum + Number(/^(\d+)/.exec(l.command.title)![1]), 0);
    assert.equal(total, unfilled.length, 'every place to fill is counted once, under its section');
    const summary = lineOf(created.text, '## 📋 Summary');
    const summaryLens = progress.find((l) => l.range.start.line === summary)!;
    assert.equal(summaryLens.command.command, 'incidentReport.nextToFill');

    await server.filesChanged([{ uri: created.uri!, type: 1 }]);
    let listed: IncidentsResult | undefined;
    for (let turn = 0; turn < 2000 && !listed?.incidents.some((i) => i.toFill > 0); turn++) {
      listed = await server.client.sendRequest<IncidentsResult>(IncidentsRequest);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(listed!.incidents.find((i) => i.uri === created.uri)!.toFill, unfilled.length);
  });

  it('final mode reports what is not written at the final level, as today', async () => {
    server = await startServer({ files: evidenceFiles() });
    const created = await server.execute<NewIncidentResult>(ServerCommands.newIncident, { severity: 'major', title: 'Closed early' });
    const closed = created.text.replace('Status: Open', 'Status: Closed');
    await server.openDocument(created.uri!, closed);
    const found = await server.waitForDiagnostics(created.uri!, (d) => d.length > 0);
    const placeholders = found.filter((d) => d.code === 'placeholder');
    assert.ok(placeholders.length > 0 && placeholders.every((d) => d.severity === 1), 'placeholders are errors once Closed');
  });
});

describe('language server: Set Status', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  it('walks a fresh report to Resolved: rows, Duration and sign-off written; what blocks sign-off listed', async () => {
    server = await startServer({ files: evidenceFiles(), now: new Date('2026-11-26T09:03:00Z') });
    const created = await server.execute<NewIncidentResult>(ServerCommands.newIncident, { severity: 'major', title: 'Redis failover', owner: 'Dana' });
    assert.match(created.text, /^Owner: Dana$/m);
    await server.openDocument(created.uri!, created.text);
    await server.waitForDiagnostics(created.uri!);
    server.setNow(new Date('2026-11-26T12:00:00Z'));
    const mitigated = await server.execute<SetStatusResultParams>(ServerCommands.setStatus, { uri: created.uri, status: 'Mitigated', at: '2026-11-26T10:15:00Z', closer: 'Dana' });
    assert.deepEqual([mitigated.applied, mitigated.blockers], [true, []]);
    const resolved = await server.execute<SetStatusResultParams>(ServerCommands.setStatus, { uri: created.uri, status: 'Resolved', at: '2026-11-26T11:38:00Z', closer: 'Priya Raman' });
    assert.equal(resolved.applied, true);
    assert.deepEqual(resolved.changes, ['Status Resolved', 'LastUpdated 2026-11-26', 'row 11:38 Incident resolved', 'Duration 2h 35m', 'sign-off Date 2026-11-26', 'Closed By Priya Raman']);
    const text = server.textOf(created.uri!)!;
    assert.match(text, /^\| 10:15 \| Service restored \| Dana \|\r?$/m);
    assert.match(text, /^\| 11:38 \| Incident resolved \| Priya Raman \|\r?$/m);
    // Final mode now: the template's placeholders block the sign-off, each with its line.
    assert.ok(resolved.blockers.length > 10);
    const first = resolved.blockers.find((b) => b.ruleId === 'placeholder')!;
    assert.match(text.split('\n')[first.line]!, /\[|_{3,}|XX|HH:MM/);
    assert.equal(resolved.blockers.some((b) => b.ruleId === 'timeline-order' || b.ruleId === 'duration'), false);
  });
});

describe('language server: LastUpdated on save', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  const willSave = (harness: Harness, uri: string) => harness.client.sendRequest<{ range: Diagnostic['range']; newText: string }[] | null>('textDocument/willSaveWaitUntil', { textDocument: { uri }, reason: 1 });

  it('a changed report saved gets today as LastUpdated; an unchanged one, or with the setting off, is left alone', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    assert.deepEqual((await willSave(server, REPORT)) ?? [], [], 'not changed since it was opened');
    const at = complete().indexOf('## 🔧 Root Cause Analysis');
    await server.change(REPORT, [{ start: at, end: at, text: 'A note.\n\n' }]);
    const line = lineOf(complete(), 'LastUpdated: 2026-10-23');
    assert.deepEqual(await willSave(server, REPORT), [{ range: { start: { line, character: 13 }, end: { line, character: 23 } }, newText: '2026-11-26' }]);
    await server.client.sendNotification('textDocument/didSave', { textDocument: { uri: REPORT } });
    assert.deepEqual((await willSave(server, REPORT)) ?? [], [], 'saved: not changed since');
  });

  it('the setting lastUpdatedOnSave: false turns it off', async () => {
    server = await startServer({ files: evidenceFiles(), settings: { lastUpdatedOnSave: false } });
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    const at = complete().indexOf('## 🔧 Root Cause Analysis');
    await server.change(REPORT, [{ start: at, end: at, text: 'A note.\n\n' }]);
    await server.waitForDiagnostics(REPORT);
    assert.deepEqual((await willSave(server, REPORT)) ?? [], []);
  });
});

describe('language server: links between reports, field help, names and evidence files (#14)', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  const OTHER = `${ROOT}/incidents/INC-20261125-001-cache-stampede.md`;
  /** A second, short report: it cites the fixture's report and an ID no report has, and names its own owner. */
  const other = [
    '---',
    'Title: Cache stampede',
    'Status: Investigating',
    '---',
    '',
    '# Incident Report',
    '',
    '**Incident ID:** INC-20261125-001  ',
    '**Date:** 2026-11-25  ',
    '**Severity:** 🟡 Major',
    '',
    '## 📋 Summary',
    '',
    '**What happened:**',
    'Same pool limit as INC-20261020-001, see also INC-20261231-009.',
    '',
    '## 📝 Action Items',
    '',
    '| Action | Owner | Due Date | Status |',
    '|--------|-------|----------|--------|',
    '| Add a cache warmer | Ana Ruiz | 2026-12-01 | ⬜ Not Started |',
    '',
  ].join('\n');
  const citeLine = lineOf(other, 'Same pool limit as');
  const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
  const request = <T>(method: string, uri: string, position: { line: number; character: number }, extra: Record<string, unknown> = {}) => server!.client.sendRequest<T>(method, { textDocument: { uri }, position, ...extra });
  type Location = { uri: string; range: Diagnostic['range'] };
  type Item = { label: string; detail?: string; textEdit?: { range: Diagnostic['range']; newText: string } };

  it('hovers a field with the template\'s guidance, on its label and on the text under it', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    const label = lineOf(complete(), '**What happened:**');
    type HoverResult = { range: Diagnostic['range']; contents: { value: string } };
    const onLabel = await request<HoverResult>('textDocument/hover', REPORT, { line: label, character: 4 });
    // The field runs from its label to the end of its value (here the paragraph under the label).
    const prose = complete().split('\n')[label + 1]!;
    assert.deepEqual(onLabel.range, { start: { line: label, character: 0 }, end: { line: label + 1, character: prose.length } });
    assert.equal(onLabel.contents.value, '**What happened** (📋 Summary)\n\nTemplate: Brief description of the incident');
    const below = await request<HoverResult>('textDocument/hover', REPORT, { line: label + 1, character: 10 });
    assert.deepEqual(below.range, onLabel.range);
    assert.equal(below.contents.value, onLabel.contents.value);
    const id = lineOf(complete(), '**Incident ID:**');
    const onId = await request<HoverResult>('textDocument/hover', REPORT, { line: id, character: 3 });
    assert.equal(onId.contents.value, '**Incident ID**\n\nThe template has: `INC-[YYYYMMDD]-[NNN]`');
    // A heading and the title are no field.
    assert.equal(await request('textDocument/hover', REPORT, { line: lineOf(complete(), '## 📋 Summary'), character: 4 }), null);
  });

  it('hovers a timeline time written with an offset with its UTC value; a UTC time has none', async () => {
    server = await startServer({ files: evidenceFiles() });
    const text = mutate(complete(), '| 15:31 | Mitigation started', '| 17:31+02:00 | Mitigation started');
    await server.openDocument(REPORT, text);
    await server.waitForDiagnostics(REPORT);
    const row = lineOf(text, '| 17:31+02:00 |');
    const hover = await request<{ contents: { value: string } }>('textDocument/hover', REPORT, { line: row, character: 4 });
    assert.equal(hover.contents.value, '`17:31+02:00` is **15:31 UTC** · +1h 29m from detection · +11m after the previous row\n\nTime to mitigate: **1h 29m**');
    const utc = await request<{ contents: { value: string } }>('textDocument/hover', REPORT, { line: lineOf(text, '| 15:20 |'), character: 4 });
    assert.equal(utc.contents.value, '+1h 18m from detection · +1h 8m after the previous row');
  });

  it('completes actor names in the timeline\'s Actor column only, from its actors and People Involved', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    const rowText = '| 14:05 | On-call notified | PagerDuty |';
    const row = lineOf(complete(), rowText);
    const inActor = { line: row, character: rowText.indexOf('PagerDuty') + 3 };
    const items = await request<Item[]>('textDocument/completion', REPORT, inActor);
    assert.deepEqual(items.map((i) => i.label), ['CD pipeline', 'Alertmanager', 'PagerDuty', 'Priya Raman', 'Marco Silva', 'Dana Okafor', 'Lee Chen', 'Sam Novak']);
    const start = rowText.indexOf('PagerDuty');
    assert.deepEqual(items[3]!.textEdit, { range: range(row, start, start + 'PagerDuty'.length), newText: 'Priya Raman' });
    // The Event and Time columns of the same row, and the header row: nothing.
    assert.deepEqual(await request('textDocument/completion', REPORT, { line: row, character: rowText.indexOf('On-call') + 2 }), []);
    assert.deepEqual(await request('textDocument/completion', REPORT, { line: row, character: 3 }), []);
    assert.deepEqual(await request('textDocument/completion', REPORT, { line: lineOf(complete(), '| Time | Event | Actor |'), character: 20 }), []);
  });

  it('completes owners in the Owner column from this report, its people and the other reports of the workspace', async () => {
    server = await startServer({ files: { ...evidenceFiles(), [OTHER]: other } });
    await server.waitForDiagnostics(OTHER);
    await server.openDocument(REPORT, complete());
    await server.waitForDiagnostics(REPORT);
    const rowText = '| Show rendered Helm diff in PR checks | Marco Silva | 2026-12-15 | 🟡 In Progress |';
    const row = lineOf(complete(), rowText);
    const items = await request<Item[]>('textDocument/completion', REPORT, { line: row, character: rowText.indexOf('Marco') });
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [
      ['Priya Raman', 'owner'],
      ['Marco Silva', 'owner'],
      ['Dana Okafor', 'owner'],
      ['Lee Chen', 'owner'],
      ['Sam Novak', 'owner'],
      ['Ana Ruiz', 'owner in another report'],
    ]);
    const start = rowText.indexOf('Marco Silva');
    assert.deepEqual(items[5]!.textEdit, { range: range(row, start, start + 'Marco Silva'.length), newText: 'Ana Ruiz' });
    // The Action column: nothing.
    assert.deepEqual(await request('textDocument/completion', REPORT, { line: row, character: 5 }), []);
  });

  it('completes evidence paths with the files of evidence/<ID>/, inside an evidence path only', async () => {
    server = await startServer({ files: { ...evidenceFiles(), [`${ROOT}/elsewhere/secret.txt`]: 'x' } });
    const text = mutate(complete(), 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt', 'evidence/INC-20261020-001/ro');
    await server.openDocument(REPORT, text);
    await server.waitForDiagnostics(REPORT);
    const line = lineOf(text, 'evidence/INC-20261020-001/ro');
    const items = await request<Item[]>('textDocument/completion', REPORT, { line, character: 'evidence/INC-20261020-001/ro'.length });
    const folder = join(FIXTURE_WORKSPACE, 'evidence', 'INC-20261020-001');
    assert.deepEqual(items.map((i) => i.label), readdirSync(folder).sort().map((name) => `evidence/INC-20261020-001/${name}`));
    assert.deepEqual(items[0]!.textEdit!.range, range(line, 0, 'evidence/INC-20261020-001/ro'.length));
    // The label above the code block is not a path.
    assert.deepEqual(await request('textDocument/completion', REPORT, { line: lineOf(text, '**Rollback Evidence:**'), character: 5 }), []);
  });

  it('goes to the report whose ID field holds the ID, from any Markdown file; nothing for an unknown ID or off an ID', async () => {
    const notes = `${ROOT}/notes.md`;
    server = await startServer({ files: { ...evidenceFiles(), [REPORT]: complete(), [OTHER]: other } });
    await server.openDocument(notes, 'Meeting notes: see INC-20261020-001.\n');
    const idLine = lineOf(complete(), '**Incident ID:** INC-20261020-001');
    const declaration = range(idLine, '**Incident ID:** '.length, '**Incident ID:** INC-20261020-001'.length);
    assert.deepEqual(await request<Location[]>('textDocument/definition', notes, { line: 0, character: 22 }), [{ uri: REPORT, range: declaration }]);
    await server.openDocument(OTHER, other);
    assert.deepEqual(await request<Location[]>('textDocument/definition', OTHER, { line: citeLine, character: 'Same pool limit as INC'.length }), [{ uri: REPORT, range: declaration }]);
    assert.deepEqual(await request('textDocument/definition', OTHER, { line: citeLine, character: other.split('\n')[citeLine]!.indexOf('INC-20261231-009') + 3 }), []);
    assert.deepEqual(await request('textDocument/definition', OTHER, { line: citeLine, character: 2 }), []);
  });

  it('finds every mention of an ID across the reports, the ID field only with the declaration', async () => {
    server = await startServer({ files: { ...evidenceFiles(), [REPORT]: complete(), [OTHER]: other } });
    await server.openDocument(OTHER, other);
    await server.waitForDiagnostics(OTHER);
    const at = { line: citeLine, character: 'Same pool limit as INC'.length };
    const withDeclaration = await request<Location[]>('textDocument/references', OTHER, at, { context: { includeDeclaration: true } });
    const inReport = [...complete().matchAll(/INC-20261020-001/g)].map((m) => {
      const before = complete().slice(0, m.index);
      const line = before.split('\n').length - 1;
      const character = m.index - (before.lastIndexOf('\n') + 1);
      return { uri: REPORT, range: range(line, character, character + 16) };
    });
    const cite = { uri: OTHER, range: range(citeLine, 'Same pool limit as '.length, 'Same pool limit as '.length + 16) };
    const sorted = (locations: Location[]) => [...locations].sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line);
    assert.equal(inReport.length, 8);
    assert.deepEqual(sorted(withDeclaration), sorted([...inReport, cite]));
    const withoutDeclaration = await request<Location[]>('textDocument/references', OTHER, at, { context: { includeDeclaration: false } });
    const idLine = lineOf(complete(), '**Incident ID:** INC-20261020-001');
    assert.deepEqual(sorted(withoutDeclaration), sorted([...inReport.filter((l) => l.range.start.line !== idLine), cite]));
    assert.deepEqual(await request('textDocument/references', OTHER, { line: citeLine, character: 1 }, { context: { includeDeclaration: true } }), []);
    // The index follows edits: the citation rewritten, the mention goes with it.
    const offset = other.indexOf('INC-20261020-001');
    await server.change(OTHER, [{ start: offset, end: offset + 16, text: 'the checkout outage' }]);
    await server.openDocument(REPORT, complete());
    const fromReport = { line: idLine, character: 20 };
    // Notifications and requests are handled in order: the edit is indexed before the request.
    assert.deepEqual(sorted(await request<Location[]>('textDocument/references', REPORT, fromReport, { context: { includeDeclaration: true } })), sorted(inReport));
  });

  it('lists the reports as workspace symbols, filtered by the query', async () => {
    server = await startServer({ files: { ...evidenceFiles(), [REPORT]: complete(), [OTHER]: other } });
    await server.waitForDiagnostics(OTHER);
    type Symbol = { name: string; location: Location };
    const symbols = (query: string) => server!.client.sendRequest<Symbol[]>('workspace/symbol', { query });
    const idLine = lineOf(complete(), '**Incident ID:** INC-20261020-001');
    assert.deepEqual(await symbols('checkout'), [{ name: 'INC-20261020-001 Checkout API outage after connection pool change', kind: 1, location: { uri: REPORT, range: range(idLine, 17, 33) }, containerName: 'Resolved · Critical' }]);
    assert.deepEqual((await symbols('')).map((s) => s.name), ['INC-20261020-001 Checkout API outage after connection pool change', 'INC-20261125-001 Cache stampede']);
    assert.deepEqual((await symbols('inc1125')).map((s) => s.location), [{ uri: OTHER, range: range(lineOf(other, '**Incident ID:**'), 17, 33) }]);
    assert.deepEqual(await symbols('no such report'), []);
  });

  it('warns about an ID that names no report (incident-reference), in open and closed files, and not for the report\'s own ID', async () => {
    server = await startServer({ files: { ...evidenceFiles(), [REPORT]: complete(), [OTHER]: other } });
    const unknown = range(citeLine, other.split('\n')[citeLine]!.indexOf('INC-20261231-009'), other.split('\n')[citeLine]!.indexOf('INC-20261231-009') + 16);
    const references = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'incident-reference');
    // Closed: checked once the scan has indexed every report.
    const closed = references(await server.waitForDiagnostics(OTHER, (d) => references(d).length > 0));
    assert.deepEqual(closed.map((d) => [d.range, d.severity, d.message]), [[unknown, 2, 'INC-20261231-009 names no report of this workspace; expected the ID of an existing report (check its date and number).']]);
    assert.deepEqual(references(await server.waitForDiagnostics(REPORT)), []);
    await server.openDocument(OTHER, other);
    assert.deepEqual(references(await server.waitForDiagnostics(OTHER)).map((d) => d.range), [unknown]);
    // The report it names appears: the warning goes.
    const named = `${ROOT}/incidents/INC-20261231-009-later.md`;
    server.workspace.write(named, other.replace('INC-20261125-001', 'INC-20261231-009').replace('2026-11-25', '2026-12-31').replace('Same pool limit as INC-20261020-001, see also INC-20261231-009.', 'Later.'));
    await server.filesChanged([{ uri: named, type: 1 }]);
    await server.waitFor('the warning to go', () => (references(server!.diagnostics.get(OTHER) ?? []).length === 0 ? true : undefined));
    // An untitled document has no workspace: nothing is reported.
    await server.openDocument('untitled:Untitled-1', other);
    assert.deepEqual(references(await server.waitForDiagnostics('untitled:Untitled-1')), []);
  });
});

describe('language server: suppression comments and their quick fixes', () => {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  /** Applies a code action's edits the way a client would, as one didChange. */
  async function applyAction(harness: Harness, uri: string, edit: CodeAction['edit']): Promise<void> {
    const document = harness.open.get(uri)!;
    const edits = (edit!.documentChanges as TextDocumentEdit[]).flatMap((c) => c.edits as TextEdit[]);
    await harness.change(uri, edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start));
  }

  it('offers "Disable RULE for this line / file" after the rule\'s fixes; applied, the diagnostic goes; Fix All never applies them', async () => {
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, BACKWARDS);
    const found = await server.waitForDiagnostics(REPORT, (d) => d.some((x) => x.code === 'timeline-order'));
    const order = found.find((d) => d.code === 'timeline-order')!;
    const actions = await server.codeActions(REPORT, order.range, [order], ['quickfix']);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [
      ['Sort the timeline rows by time', 'quickfix', true],
      ['Disable timeline-order for this table', 'quickfix', false],
      ['Disable timeline-order for this file', 'quickfix', false],
    ]);
    assert.deepEqual(actions[1]!.diagnostics, [order]);
    // A table row: the comment goes around the table, never between its rows.
    const tableStart = lineOf(BACKWARDS, '| Time | Event | Actor |');
    const lastRow = lineOf(BACKWARDS, '| 16:37 |');
    const edits = (actions[1]!.edit!.documentChanges as TextDocumentEdit[])[0]!.edits as TextEdit[];
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]), [
      [tableStart, 0, '<!-- incident-report-disable timeline-order -->\n'],
      [lastRow, BACKWARDS.split('\n')[lastRow]!.length, '\n<!-- incident-report-enable timeline-order -->'],
    ]);
    // Fix All sorts the rows: it never writes a suppression comment.
    const fixAll = await server.codeActions(REPORT, order.range, [], [FIX_ALL_KIND]);
    const fixAllText = ((fixAll[0]!.edit!.documentChanges as TextDocumentEdit[])[0]!.edits as TextEdit[]).map((e) => e.newText).join('');
    assert.ok(!fixAllText.includes('incident-report-disable'));

    await applyAction(server, REPORT, actions[1]!.edit);
    const after = await server.waitForDiagnostics(REPORT, (d) => !d.some((x) => x.code === 'timeline-order'));
    assert.deepEqual(snapshots(after), [], 'hidden, and sign-off no longer counts it');
    assert.ok(server.textOf(REPORT)!.includes('<!-- incident-report-disable timeline-order -->\n| Time | Event | Actor |'));
  });

  it('"Disable RULE for this file" goes after the front matter, and a second rule extends that comment', async () => {
    const two = mutate(BACKWARDS, 'A typo in a Helm value', 'A careless typo in a Helm value');
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, two);
    const found = await server.waitForDiagnostics(REPORT, (d) => d.some((x) => x.code === 'timeline-order'));
    const order = found.find((d) => d.code === 'timeline-order')!;
    const fileAction = (await server.codeActions(REPORT, order.range, [order], ['quickfix'])).find((a) => a.title === 'Disable timeline-order for this file')!;
    await applyAction(server, REPORT, fileAction.edit);
    const next = await server.waitForDiagnostics(REPORT, (d) => !d.some((x) => x.code === 'timeline-order'));
    const frontMatterEnd = lineOf(two, 'pull/4821') + 1;
    assert.equal(server.textOf(REPORT)!.split('\n')[frontMatterEnd + 1], '<!-- incident-report-disable-file timeline-order -->');
    const blame = next.find((d) => d.code === 'blameless-language')!;
    const blameActions = await server.codeActions(REPORT, blame.range, [blame], ['quickfix']);
    assert.deepEqual(blameActions.map((a) => a.title), ['Disable blameless-language for this paragraph', 'Disable blameless-language for this file']);
    await applyAction(server, REPORT, blameActions[1]!.edit);
    await server.waitForDiagnostics(REPORT, (d) => d.length === 0);
    assert.equal(server.textOf(REPORT)!.split('\n')[frontMatterEnd + 1], '<!-- incident-report-disable-file timeline-order blameless-language -->');
  });

  it('publishes an unknown id in a suppression comment and an unused one, with exact ranges', async () => {
    const text = mutate(complete(), '**Root Cause:**', '<!-- incident-report-disable-next-line timline-order -->\n<!-- incident-report-disable-line blameless-language -->\n**Root Cause:**');
    server = await startServer({ files: evidenceFiles() });
    await server.openDocument(REPORT, text);
    const found = await server.waitForDiagnostics(REPORT, (d) => d.length > 0);
    const first = lineOf(text, 'timline-order');
    const second = lineOf(text, 'disable-line blameless-language');
    const idAt = (line: number, id: string) => text.split('\n')[line]!.indexOf(id);
    assert.deepEqual(snapshots(found), [
      `${first}:${idAt(first, 'timline-order')}-${first}:${idAt(first, 'timline-order') + 'timline-order'.length} suppression-comment`,
      `${second}:${idAt(second, 'blameless-language')}-${second}:${idAt(second, 'blameless-language') + 'blameless-language'.length} unused-suppression`,
    ]);
    assert.deepEqual(found.map((d) => d.severity), [2, 3], 'a warning; info in final mode');
    // Neither can be hidden by a comment: no Disable actions for them.
    for (const diagnostic of found) assert.deepEqual(await server.codeActions(REPORT, diagnostic.range, [diagnostic], ['quickfix']), []);
  });
});

describe('language server: the timeline chart request', function () {
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  it('charts a closed report from disk, then the open document’s unsaved text; null for a file that is not a report', async () => {
    const notes = `${ROOT}/notes.md`;
    server = await startServer({ files: { ...evidenceFiles(), [REPORT]: complete(), [notes]: '# Notes\n' } });
    const saved = await server.client.sendRequest<TimelineChartResult>(TimelineChartRequest, { uri: REPORT });
    assert.ok(saved);
    assert.equal(saved.version, null, 'read from disk');
    assert.deepEqual(saved.gaps.map((g) => g.text), ['1h 8m', '34m', '32m']);
    assert.deepEqual(saved.phases.map((p) => p.id), ['impact', 'detected', 'mitigating', 'restored']);
    assert.equal(saved.rows[1]!.line, lineOf(complete(), '| 14:02 |'));

    // Unsaved: the 15:20 row moves to 14:40; the gaps follow the editor's text, with the threshold asked for.
    const edited = mutate(complete(), '| 15:20 | Root cause', '| 14:40 | Root cause');
    await server.openDocument(REPORT, edited);
    const open = await server.client.sendRequest<TimelineChartResult>(TimelineChartRequest, { uri: REPORT, gapMinutes: 40 });
    assert.ok(open);
    assert.equal(open.version, 1);
    assert.equal(open.gapMinutes, 40);
    assert.deepEqual(open.gaps.map((g) => [g.text, g.fromLine, g.toLine]), [['51m', lineOf(edited, '| 14:40 |'), lineOf(edited, '| 15:31 |')]]);

    assert.equal(await server.client.sendRequest<TimelineChartResult>(TimelineChartRequest, { uri: notes }), null);
    assert.equal(await server.client.sendRequest<TimelineChartResult>(TimelineChartRequest, { uri: `${ROOT}/missing.md` }), null);
  });
});
