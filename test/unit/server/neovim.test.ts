/**
 * A real third-party LSP client: Neovim (Debian's 0.7, headless) starts the built server
 * (`node dist/server.js --stdio`) on a report of a temporary workspace, shows its diagnostics
 * and asks for code actions, as test/fixtures/neovim/diagnostics.lua scripts it.
 * Needs `nvim` on PATH (.ci/run installs it; elsewhere the tests skip without it) and a built
 * dist/server.js (`npm test` builds it first).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { complete, FIXTURE_FILE_NAME, FIXTURE_WORKSPACE, mutate, REPO_ROOT } from '../helpers';

const SERVER = join(REPO_ROOT, 'dist', 'server.js');
const SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'neovim', 'diagnostics.lua');

/** A diagnostic as vim.diagnostic.get() holds it: 0-based lines, byte columns. */
interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source: string;
  code: string;
  message: string;
}

interface NvimResult {
  diagnostics: NvimDiagnostic[];
  /** The code actions offered on the line of each diagnostic. */
  actions: { code: string; lnum: number; titles: string[]; kinds: string[] }[];
  publishes: number;
  lenses?: { line: number; title: string }[];
  hover?: string | null;
  completion?: string[];
  definition?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

/** vim.diagnostic.severity.ERROR (LSP DiagnosticSeverity.Error). */
const ERROR = 1;

// The broken report: the Incident ID names another day than Date (and than the file name),
// and a timeline row goes back before the row above it.
const ID_LINE = '**Incident ID:** INC-20261020-001';
const WRONG_ID = 'INC-20261021-001';
const ROW = '| 14:12 | Investigation started | Priya Raman |';
const BACKWARDS_ROW = '| 14:01 | Investigation started | Priya Raman |';

function broken(): string {
  return mutate(mutate(complete(), ID_LINE, `**Incident ID:** ${WRONG_ID}`), ROW, BACKWARDS_ROW);
}

/** The 0-based line of the one line that starts with `start`. */
function lineStarting(text: string, start: string): { line: number; text: string } {
  const lines = text.split('\n');
  const found = lines.flatMap((line, index) => (line.startsWith(start) ? [index] : []));
  assert.equal(found.length, 1, `expected exactly one line starting with ${JSON.stringify(start)}`);
  return { line: found[0]!, text: lines[found[0]!]!.replace(/\r$/, '') };
}

const rangeOf = (d: NvimDiagnostic) => ({ start: [d.lnum, d.col], end: [d.end_lnum, d.end_col] });

describe('Neovim 0.7 as LSP client of dist/server.js (stdio)', function () {
  this.timeout(150_000);
  let dir: string;
  let nvim: string | undefined;

  before(function () {
    const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 30_000 });
    if (probe.error || probe.status !== 0) {
      const why = `nvim is not available (${probe.error?.message ?? `exit ${probe.status}`})`;
      if (process.env.CI) throw new Error(`${why}: CI must have it (.ci/run installs Debian's neovim).`);
      console.log(`      (skipped: ${why}; apt-get install neovim to run these tests)`);
      this.skip();
    }
    nvim = probe.stdout.split('\n')[0];
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node scripts/build.mjs\` first (npm test does).`);
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-nvim-'));
    // The fixture workspace: the complete report and the evidence files it cites.
    cpSync(FIXTURE_WORKSPACE, join(dir, 'ws'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Opens `text` as the fixture report in headless Neovim; what it saw, or a failure with its logs. */
  function openInNeovim(text: string, ask: { hover?: string; complete?: string; definition?: string } = {}): NvimResult {
    const root = join(dir, 'ws');
    const report = join(root, 'incidents', FIXTURE_FILE_NAME);
    writeFileSync(report, text);
    const out = join(dir, 'nvim-result.json');
    const cache = join(dir, 'xdg-cache');
    mkdirSync(cache);
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
      env: {
        ...process.env,
        INCIDENT_SERVER: SERVER,
        INCIDENT_NODE: process.execPath,
        INCIDENT_REPORT: report,
        INCIDENT_ROOT: root,
        INCIDENT_OUT: out,
        INCIDENT_TIMEOUT_MS: '60000',
        ...(ask.hover ? { INCIDENT_HOVER: ask.hover } : {}),
        ...(ask.complete ? { INCIDENT_COMPLETE: ask.complete } : {}),
        ...(ask.definition ? { INCIDENT_DEFINITION: ask.definition } : {}),
        // Neovim's lsp.log (the server's stderr lands there) in the temporary folder.
        XDG_CACHE_HOME: cache,
        XDG_STATE_HOME: join(dir, 'xdg-state'),
        XDG_DATA_HOME: join(dir, 'xdg-data'),
        XDG_CONFIG_HOME: join(dir, 'xdg-config'),
      },
    });
    const logFile = join(cache, 'nvim', 'lsp.log');
    const logs = () => `${nvim}, exit ${run.status} ${run.signal ?? ''}\nstderr: ${run.stderr}\nlsp.log:\n${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '(none)'}`;
    assert.ok(!run.error, `nvim could not run: ${run.error?.message}\n${logs()}`);
    assert.notEqual(run.status, null, `nvim was still running after 120 s (killed)\n${logs()}`);
    assert.ok(existsSync(out), `nvim wrote no result\n${logs()}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult & { error?: string };
    assert.equal(result.error, undefined, `the Neovim script failed: ${result.error}\n${logs()}`);
    assert.equal(run.status, 0, logs());
    assert.ok(result.publishes >= 1, `no publishDiagnostics for the open report\n${logs()}`);
    return result;
  }

  it('shows incident-id and timeline-order at their exact ranges, and offers their quick fixes', () => {
    const text = broken();
    const result = openInNeovim(text);
    const seen = JSON.stringify(result.diagnostics, null, 1);

    const idLine = lineStarting(text, `**Incident ID:** ${WRONG_ID}`);
    const idCol = idLine.text.indexOf(WRONG_ID);
    const id = result.diagnostics.filter((d) => d.code === 'incident-id');
    assert.equal(id.length, 1, seen);
    assert.deepEqual(rangeOf(id[0]!), { start: [idLine.line, idCol], end: [idLine.line, idCol + WRONG_ID.length] }, seen);
    assert.equal(id[0]!.severity, ERROR);
    assert.equal(id[0]!.source, 'incident-report');
    assert.match(id[0]!.message, /^Incident ID INC-20261021-001 names 2026-10-21 but Date is 2026-10-20/);

    const row = lineStarting(text, BACKWARDS_ROW);
    const order = result.diagnostics.filter((d) => d.code === 'timeline-order');
    assert.equal(order.length, 1, seen);
    assert.deepEqual(rangeOf(order[0]!), { start: [row.line, 0], end: [row.line, BACKWARDS_ROW.length] }, seen);
    // A resolved report is in final mode: timeline-order is an error there.
    assert.equal(order[0]!.severity, ERROR);
    assert.equal(order[0]!.source, 'incident-report');
    assert.match(order[0]!.message, /^Timeline goes backwards: 14:01 comes after 14:05/);

    // Code actions asked as 0.7's vim.lsp.buf.code_action() asks: the line's diagnostics, sent back.
    const quickFixes = (line: number) => {
      const found = result.actions.find((a) => a.lnum === line);
      assert.ok(found, `no code action request for line ${line}: ${JSON.stringify(result.actions)}`);
      return found.titles.filter((_, i) => found.kinds[i] === 'quickfix');
    };
    // Beside a problem it would fix, Fix All is offered too (the light bulb).
    assert.deepEqual(quickFixes(idLine.line), ['Set the ID from the file name (INC-20261020-001)', 'Fix all incident report problems']);
    assert.deepEqual(quickFixes(row.line), ['Sort the timeline rows by time', 'Fix all incident report problems']);
  });

  it('answers the metrics CodeLens, a timeline row\'s hover and Status completion (#14)', () => {
    const text = complete().replace('Status: Resolved', 'Status: ');
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.startsWith('| 15:31 | Mitigation started'));
    const status = lines.findIndex((l) => l === 'Status: ');
    const result = openInNeovim(text, { hover: `${row}:3`, complete: `${status}:8` });
    const header = lines.findIndex((l) => l === '| Time | Event | Actor |');
    assert.ok(result.lenses!.some((l) => l.line === header && l.title === 'TTD 14m · TTA 3m · TTM 1h 29m · TTRs 2h 3m · TTR 2h 35m'), JSON.stringify(result.lenses));
    assert.equal(result.hover, '+1h 29m from detection · +11m after the previous row\n\nTime to mitigate: **1h 29m**');
    assert.deepEqual(result.completion, ['Open', 'Investigating', 'Mitigated', 'Resolved', 'Closed']);
  });

  it('goes to the report an incident ID names and completes an actor name (#14)', () => {
    // A second report in the workspace, which the opened one cites (with an ID nobody has beside it).
    const otherId = 'INC-20261125-001';
    const other = join(dir, 'ws', 'incidents', `${otherId}-cache-stampede.md`);
    writeFileSync(other, `# Incident Report\n\n**Incident ID:** ${otherId}  \n**Date:** 2026-11-25  \n**Severity:** 🟡 Major\n`);
    const cited = '- Read replicas were idle throughout (as in INC-20261125-001, not INC-20261019-003).';
    const text = mutate(complete(), '- Read replicas were idle throughout.', cited);
    const lines = text.split('\n');
    const citeLine = lines.indexOf(cited);
    const rowText = '| 14:05 | On-call notified | PagerDuty |';
    const row = lines.indexOf(rowText);
    const result = openInNeovim(text, { definition: `${citeLine}:${cited.indexOf(otherId) + 4}`, complete: `${row}:${rowText.indexOf('PagerDuty') + 2}` });
    assert.deepEqual(result.definition, [{ uri: pathToFileURL(other).href, range: { start: { line: 2, character: 17 }, end: { line: 2, character: 33 } } }]);
    assert.deepEqual(result.completion, ['CD pipeline', 'Alertmanager', 'PagerDuty', 'Priya Raman', 'Marco Silva', 'Dana Okafor', 'Lee Chen', 'Sam Novak']);
  });

  it('the unbroken report: no incident-id or timeline-order diagnostic', () => {
    const result = openInNeovim(complete());
    const seen = JSON.stringify(result.diagnostics, null, 1);
    assert.deepEqual(result.diagnostics.filter((d) => d.code === 'incident-id' || d.code === 'timeline-order'), [], seen);
    assert.ok(result.diagnostics.every((d) => d.source === 'incident-report'), seen);
  });
});
