import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { SMALL } from '../cli/run';
import { ROOT, startServer, type Harness } from './lspHarness';

const levels = (diagnostics: Diagnostic[], rule: string): number[] => [...new Set(diagnostics.filter((d) => d.code === rule).map((d) => d.severity!))].sort();

describe('language server: layered configuration', function () {
  this.timeout(60_000);
  let server: Harness | undefined;
  afterEach(() => {
    server?.dispose();
    server = undefined;
  });

  const ARCHIVE_CONFIG = '{\n  "extends": "../shared/base.json",\n  "rules": { "placeholdr": "off", "timeline-milestones": "off" }\n}\n';
  const files = (): Record<string, string> => ({
    [`${ROOT}/.incident-report.json`]: JSON.stringify({ rules: { 'missing-section': 'off' }, overrides: [{ files: ['incidents/2026/**'], rules: { 'missing-section': 'warning' } }] }),
    [`${ROOT}/shared/base.json`]: JSON.stringify({ rules: { 'missing-section': 'off' } }),
    [`${ROOT}/archive/.incident-report.json`]: ARCHIVE_CONFIG,
    [`${ROOT}/incidents/2025/INC-20261126-001-a.md`]: SMALL,
    [`${ROOT}/incidents/2026/INC-20261126-001-b.md`]: SMALL,
    [`${ROOT}/archive/INC-20261126-001-c.md`]: SMALL,
  });

  it('each report gets its nearest config, with the overrides matching its path', async () => {
    server = await startServer({ files: files() });
    const a = await server.waitForDiagnostics(`${ROOT}/incidents/2025/INC-20261126-001-a.md`, (d) => d.length > 0);
    const b = await server.waitForDiagnostics(`${ROOT}/incidents/2026/INC-20261126-001-b.md`, (d) => d.length > 0);
    // Nothing left to report in archive/: published empty.
    const c = await server.waitForDiagnostics(`${ROOT}/archive/INC-20261126-001-c.md`, (d) => d.length >= 0);
    assert.deepEqual(levels(a, 'missing-section'), [], 'off in the root config');
    assert.deepEqual(levels(b, 'missing-section'), [2], 'a warning by the override for incidents/2026/**');
    assert.deepEqual(levels(c, 'missing-section'), [], 'archive/ extends shared/base.json');
    assert.deepEqual(levels(c, 'timeline-milestones'), [], 'off in archive/, beside the typo');
    assert.ok(levels(a, 'timeline-milestones').length > 0, 'the root config leaves it on');
    // An open document follows the same config as its file.
    await server.openDocument(`${ROOT}/incidents/2026/INC-20261126-001-b.md`, SMALL);
    assert.deepEqual(levels(await server.waitForDiagnostics(`${ROOT}/incidents/2026/INC-20261126-001-b.md`, (d) => d.length > 0), 'missing-section'), [2]);
  });

  it('shows an invalid key on the config file at the key, and reloads when a base of the chain changes', async () => {
    server = await startServer({ files: files() });
    const onConfig = await server.waitForDiagnostics(`${ROOT}/archive/.incident-report.json`, (d) => d.length > 0);
    const line = ARCHIVE_CONFIG.split('\n')[2]!;
    const start = line.indexOf('"placeholdr"');
    assert.deepEqual(
      onConfig.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.source, String(d.message).replace(/known rules: .*;/, 'known rules: …;')]),
      [[2, start, 2, start + '"placeholdr"'.length, 2, 'incident-report', 'archive/.incident-report.json: "rules.placeholdr" is not a rule; known rules: …; this key is ignored']],
    );
    // shared/base.json is no config file by its name: it is known as a base of archive's config.
    server.workspace.write(`${ROOT}/shared/base.json`, JSON.stringify({ rules: { 'missing-section': 'error' } }));
    await server.filesChanged([{ uri: `${ROOT}/shared/base.json`, type: 2 }]);
    const c = await server.waitForDiagnostics(`${ROOT}/archive/INC-20261126-001-c.md`, (d) => levels(d, 'missing-section').length > 0);
    assert.deepEqual(levels(c, 'missing-section'), [1]);
    // The typo fixed: its diagnostic goes.
    server.workspace.write(`${ROOT}/archive/.incident-report.json`, ARCHIVE_CONFIG.replace('"placeholdr": "off", ', ''));
    await server.filesChanged([{ uri: `${ROOT}/archive/.incident-report.json`, type: 2 }]);
    await server.waitForDiagnostics(`${ROOT}/archive/.incident-report.json`, (d) => d.length === 0);
  });

  it('an extends leading outside the workspace folder is refused on its key; the rest of the file applies', async () => {
    server = await startServer({
      files: {
        [`${ROOT}/.incident-report.json`]: '{ "extends": "../other/base.json", "rules": { "missing-section": "off" } }',
        [`${ROOT}/incidents/INC-20261126-001-a.md`]: SMALL,
      },
    });
    const onConfig = await server.waitForDiagnostics(`${ROOT}/.incident-report.json`, (d) => d.length > 0);
    assert.deepEqual(
      onConfig.map((d) => [d.range.start.character, d.range.end.character, d.severity, d.message]),
      [[2, 11, 1, '.incident-report.json: "extends" "../other/base.json": it leads outside the workspace folder ws']],
    );
    const a = await server.waitForDiagnostics(`${ROOT}/incidents/INC-20261126-001-a.md`, (d) => d.length > 0);
    assert.deepEqual(levels(a, 'missing-section'), []);
  });
});
