/**
 * The editor's half of "any team's template", through the language server (what VS Code and
 * Neovim both use): for each of the six team templates of test/fixtures/team-templates, its
 * filled report is validated clean of errors in final mode, listed in the Incidents view with
 * its ID, title and severity, takes Add Timeline Event in the timeline's own shape (table row
 * or bullet), and its blank copy is fixed by Fix All without losing a character it keeps.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IncidentsRequest, ServerCommands, type IncidentsResult } from '../../../src/server/protocol';
import { REPO_ROOT } from '../helpers';
import { ROOT, startServer, type Harness } from './lspHarness';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'team-templates');
const TEMPLATES = ['headings-as-fields', 'h3-sections', 'setext', 'bullet-timeline', 'kv-table', 'front-matter'];
const REPORT = `${ROOT}/incidents/report.md`;

describe('language server: the six team templates in the editor', function () {
  this.timeout(120_000);
  let server: Harness | undefined;
  afterEach(() => server?.dispose());

  for (const name of TEMPLATES) {
    it(`${name}: no error in final mode, listed with its header, Add Timeline Event in the timeline's shape`, async () => {
      const read = (file: string): string => readFileSync(join(DIR, name, file), 'utf8');
      const filled = read('filled.md');
      server = await startServer({ files: { [`${ROOT}/.incident/template.md`]: read('template.md'), [REPORT]: filled }, settings: { mode: 'final' }, now: new Date('2026-11-26T12:00:00Z') });
      await server.openDocument(REPORT, filled);
      const diagnostics = await server.waitForDiagnostics(REPORT);
      assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: ${d.message} [${d.code}]`), []);

      const list = await server.client.sendRequest<IncidentsResult>(IncidentsRequest);
      const facts = (await import('../../../src/core')).createIncidentCore({ templateText: read('template.md') }).facts(filled, '2026-11-26')!;
      assert.deepEqual(list.incidents.map((i) => [i.uri, i.header.id, i.header.severity?.word]), [[REPORT, facts.id, facts.severity]]);
      assert.ok(facts.severity, 'the severity is read');

      const result = await server.execute<{ applied: boolean; time: string }>(ServerCommands.addTimelineEvent, { uri: REPORT, event: 'Postmortem review held', actor: 'Dana' });
      assert.equal(result.applied, true);
      const added = server.textOf(REPORT)!.split('\n').find((line) => line.includes('Postmortem review held'))!;
      if (name === 'bullet-timeline') assert.match(added, /^- (\*\*)?2026-11-26 12:00(\*\*)? - Postmortem review held$/);
      else assert.match(added, /^\| 2026-11-26 12:00 \| Postmortem review held \|/);
    });
  }

  it('Fix All on a blank copy of a team template keeps every line of it and fixes only what is safe', async () => {
    const read = (file: string): string => readFileSync(join(DIR, 'kv-table', file), 'utf8');
    const blank = read('blank.md');
    server = await startServer({ files: { [`${ROOT}/.incident/template.md`]: read('template.md'), [REPORT]: blank } });
    await server.openDocument(REPORT, blank);
    await server.waitForDiagnostics(REPORT);
    await server.execute<{ applied: boolean }>(ServerCommands.fixAll, { uri: REPORT });
    const after = server.textOf(REPORT)!;
    // Safe fixes replace placeholders or add what is missing; no line of the writer's is dropped.
    const kept = blank.split('\n').filter((line) => line.trim() !== '' && !/\[|HH:MM|YYYY|XX/.test(line));
    for (const line of kept) assert.ok(after.includes(line), `kept: ${line}`);
  });
});
