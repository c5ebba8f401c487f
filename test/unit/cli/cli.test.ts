import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cli, ROOT } from './run';

interface JsonItem {
  file: string;
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

function lintJson(args: string[], cwd: string): { code: number | null; items: JsonItem[]; stderr: string } {
  const run = cli(['lint', '--format', 'json', '--today', '2026-11-26', ...args], cwd);
  return { code: run.code, items: JSON.parse(run.stdout) as JsonItem[], stderr: run.stderr };
}

describe('incident-report CLI (dist/cli.js)', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--version prints the package version; --help exits 0; no command is bad usage', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(cli(['--version'], dir).stdout.trim(), version);
    const help = cli(['--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /incident-report lint \[paths or globs\.\.\.\]/);
    assert.equal(cli([], dir).code, 2);
    const unknown = cli(['frobnicate'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it('new writes a report with the next ID, prints its path, and the report lints without errors', () => {
    const first = cli(['new', '--severity', 'major', '--title', 'API latency'], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout.trim(), join('incidents', 'INC-20261126-001-api-latency.md'));
    const text = readFileSync(join(dir, first.stdout.trim()), 'utf8');
    assert.match(text, /^---\nTitle: API latency\n/);
    assert.match(text, /\*\*Incident ID:\*\* INC-20261126-001 {2}\n\*\*Date:\*\* 2026-11-26 {2}\n\*\*Severity:\*\* 🟡 Major\n/);
    assert.match(text, /\| 14:05 \| Incident detected \|/);

    const lint = lintJson([], dir);
    assert.equal(lint.code, 0, lint.stderr);
    assert.deepEqual(lint.items.filter((d) => d.severity === 'error'), []);
    assert.ok(lint.items.length > 0, 'a fresh report still has placeholders to fill');
  });

  it('new twice gives two IDs and never touches an existing file', () => {
    mkdirSync(join(dir, 'incidents'));
    const existing = join(dir, 'incidents', 'INC-20261126-001-api-latency.md');
    writeFileSync(existing, 'my notes, not to be lost\n');
    const a = cli(['new', '--severity', 'critical', '--title', 'API latency'], dir);
    const b = cli(['new', '--severity', 'minor', '--title', 'API latency'], dir);
    assert.equal(a.stdout.trim(), join('incidents', 'INC-20261126-002-api-latency.md'));
    assert.equal(b.stdout.trim(), join('incidents', 'INC-20261126-003-api-latency.md'));
    assert.equal(readFileSync(existing, 'utf8'), 'my notes, not to be lost\n');
    assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), ['INC-20261126-001-api-latency.md', 'INC-20261126-002-api-latency.md', 'INC-20261126-003-api-latency.md']);
  });

  it('new rejects a bad severity or a missing title with exit 2', () => {
    const bad = cli(['new', '--severity', 'sev1', '--title', 'x'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--severity sev1: expected critical\|major\|minor/);
    const noTitle = cli(['new', '--severity', 'major'], dir);
    assert.equal(noTitle.code, 2);
    assert.match(noTitle.stderr, /--title/);
    assert.equal(existsSync(join(dir, 'incidents')), false);
  });

  it('reports timeline-order on the row that goes backwards', () => {
    const path = join(dir, cli(['new', '--severity', 'major', '--title', 'API latency'], dir).stdout.trim());
    const text = readFileSync(path, 'utf8');
    const first = '| 14:05 | Incident detected | [Alert/User] |';
    const second = '| 14:30 | Investigation started | Priya |';
    assert.ok(text.includes(first));
    writeFileSync(path, text.replace(first, `${second}\n${first}`));
    const line = text.split('\n').indexOf(first) + 2;
    const lint = lintJson([path], dir);
    const order = lint.items.filter((d) => d.ruleId === 'timeline-order');
    assert.deepEqual(order.map((d) => [d.line, d.column, d.endLine, d.endColumn, d.severity]), [[line, 1, line, first.length + 1, 'warning']]);
    assert.match(order[0]!.message, /14:05 comes after 14:30/);
  });

  it('prints JSON in the SPEC shape, sorted by file, line and column; exit 1 on an error', () => {
    cli(['new', '--severity', 'major', '--title', 'b'], dir);
    const path = join(dir, cli(['new', '--severity', 'major', '--title', 'a'], dir).stdout.trim());
    writeFileSync(path, readFileSync(path, 'utf8').replace('INC-20261126-002', 'INC-2026-2'));
    const lint = lintJson([], dir);
    assert.equal(lint.code, 1);
    for (const item of lint.items) {
      assert.deepEqual(Object.keys(item), ['file', 'ruleId', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message']);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(item.severity));
    }
    const keys = lint.items.map((d) => [d.file, d.line, d.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(keys, sorted);
    const id = lint.items.find((d) => d.ruleId === 'incident-id');
    assert.deepEqual(id && [id.file, id.line, id.column, id.endColumn, id.severity], [join('incidents', 'INC-20261126-002-a.md'), 11, 18, 28, 'error']);
  });

  it('prints SARIF 2.1.0 with one result per diagnostic', () => {
    cli(['new', '--severity', 'major', '--title', 'x'], dir);
    const json = lintJson([], dir).items;
    const run = cli(['lint', '--format', 'sarif', '--today', '2026-11-26'], dir);
    const sarif = JSON.parse(run.stdout) as { version: string; $schema: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const [only] = sarif.runs;
    assert.equal(only!.tool.driver.name, 'incident-report');
    assert.ok(only!.tool.driver.rules.some((r) => r.id === 'timeline-order'));
    assert.equal(only!.results.length, json.length);
    only!.results.forEach((result, i) => {
      const d = json[i]!;
      assert.equal(result.ruleId, d.ruleId);
      assert.equal(result.level, d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note');
      assert.deepEqual(result.locations[0]!.physicalLocation.region, { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
      assert.equal(result.locations[0]!.physicalLocation.artifactLocation.uri, d.file);
    });
  });

  it('--final turns a fresh report\'s placeholders into errors (exit 1)', () => {
    cli(['new', '--severity', 'major', '--title', 'x'], dir);
    const run = cli(['lint', '--final', '--format', 'json', '--today', '2026-11-26'], dir);
    assert.equal(run.code, 1);
    const items = JSON.parse(run.stdout) as JsonItem[];
    assert.ok(items.some((d) => d.ruleId === 'placeholder' && d.severity === 'error'));
  });

  it('searches directories for reports only, lints named files whatever they hold, and expands globs', () => {
    const report = join(dir, cli(['new', '--severity', 'major', '--title', 'x'], dir).stdout.trim());
    writeFileSync(join(dir, 'README.md'), '# Notes\n\nNot a report.\n');
    const fromDir = lintJson(['.'], dir);
    assert.deepEqual([...new Set(fromDir.items.map((d) => d.file))], [join('incidents', 'INC-20261126-001-x.md')]);
    const named = lintJson(['README.md'], dir);
    assert.ok(named.items.some((d) => d.file === 'README.md' && d.ruleId === 'incident-id'));
    const globbed = lintJson(['incidents/*.md'], dir);
    assert.deepEqual([...new Set(globbed.items.map((d) => d.file))], [join('incidents', 'INC-20261126-001-x.md')]);
    assert.ok(existsSync(report));
  });

  it('exits 2 naming an unreadable path, still linting the readable ones', () => {
    cli(['new', '--severity', 'major', '--title', 'x'], dir);
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'incidents', 'dangling.md'));
    const run = cli(['lint', '--format', 'json', 'incidents', 'missing.md'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing\.md: no such file or directory/);
    assert.match(run.stderr, /dangling\.md: cannot read report: no such file/);
    assert.ok((JSON.parse(run.stdout) as JsonItem[]).length > 0);
  });

  it('a problem hidden by a suppression comment is in no output; an unknown id in one is reported', () => {
    const report = join(dir, cli(['new', '--severity', 'major', '--title', 'x'], dir).stdout.trim());
    const fresh = readFileSync(report, 'utf8');
    const blamed = `${fresh.trimEnd()}\n\nThe outage was human error.\n`;
    writeFileSync(report, blamed);
    const shown = lintJson([], dir).items.filter((d) => d.ruleId === 'blameless-language');
    assert.deepEqual(shown.map((d) => d.message.slice(0, 13)), ['"human error"']);
    writeFileSync(report, blamed.replace('The outage was human error.', '<!-- incident-report-disable-next-line blameless-language -->\nThe outage was human error.'));
    const hidden = lintJson([], dir);
    assert.deepEqual(hidden.items.filter((d) => /blameless-language|suppression/.test(d.ruleId)), []);
    const sarif = cli(['lint', '--format', 'sarif', '--today', '2026-11-26'], dir);
    assert.ok(!sarif.stdout.includes('blameless-language/') && !sarif.stdout.includes('"ruleId": "blameless-language"'), 'not in SARIF either');
    // A typo in the id: reported where it is written, and the problem shows again.
    const typo = blamed.replace('The outage was human error.', '<!-- incident-report-disable-next-line blamless-language -->\nThe outage was human error.');
    writeFileSync(report, typo);
    const line = typo.split('\n').findIndex((l) => l.includes('blamless-language')) + 1;
    const column = typo.split('\n')[line - 1]!.indexOf('blamless-language') + 1;
    const items = lintJson([], dir).items.filter((d) => /blameless-language|suppression/.test(d.ruleId));
    assert.deepEqual(items.map((d) => [d.ruleId, d.severity, d.line, d.column, d.endLine, d.endColumn]), [
      ['suppression-comment', 'warning', line, column, line, column + 'blamless-language'.length],
      ['blameless-language', 'hint', line + 1, 16, line + 1, 27],
    ]);
  });

  it('reads .incident-report.json: a rule turned off disappears; an invalid key is a warning naming it, and the rest applies', () => {
    cli(['new', '--severity', 'major', '--title', 'x'], dir);
    writeFileSync(join(dir, '.incident-report.json'), JSON.stringify({ rules: { placeholder: 'off' } }));
    assert.equal(lintJson([], dir).items.filter((d) => d.ruleId === 'placeholder').length, 0);
    writeFileSync(join(dir, '.incident-report.json'), JSON.stringify({ rules: { placeholder: 'loud', 'blameless-language': 'off' }, mode: 'final' }));
    const bad = cli(['lint', '--format', 'json'], dir);
    assert.equal(bad.code, 1, 'mode "final" applies: the fresh report has errors');
    assert.equal(bad.stderr, 'incident-report: warning: .incident-report.json: "rules.placeholder" must be one of "off", "error", "warning", "info", "hint" or {"draft": level, "final": level}; this key is ignored\n');
    assert.ok((JSON.parse(bad.stdout) as { ruleId: string; severity: string }[]).some((d) => d.ruleId === 'placeholder' && d.severity === 'error'), 'placeholder keeps its final level');
    writeFileSync(join(dir, 'custom.yaml'), 'rules:\n  nonsense: off\n  placeholder: off\n');
    const unknown = cli(['lint', '--config', 'custom.yaml', '--format', 'json'], dir);
    assert.equal(unknown.code, 0);
    assert.match(unknown.stderr, /^incident-report: warning: custom\.yaml: "rules\.nonsense" is not a rule; known rules: front-matter, .*; this key is ignored\n$/);
    assert.equal((JSON.parse(unknown.stdout) as { ruleId: string }[]).filter((d) => d.ruleId === 'placeholder').length, 0, 'the valid key beside the typo applies');
  });

  it('--today decides what "the future" is', () => {
    const path = join(dir, cli(['new', '--severity', 'major', '--title', 'x'], dir).stdout.trim());
    const past = lintJson(['--today', '2026-11-25', path], dir);
    assert.deepEqual(past.items.filter((d) => d.ruleId === 'incident-date').map((d) => d.message), ['Date 2026-11-26 is in the future (today is 2026-11-25, UTC).']);
    assert.equal(past.code, 1);
    const bad = cli(['lint', '--today', 'tomorrow'], dir);
    assert.equal(bad.code, 2);
  });

  it('lints the complete Critical fixture clean in final mode', () => {
    const root = join(ROOT, 'test', 'fixtures', 'workspace');
    const run = cli(['lint', '--final', '--root', root, '--today', '2026-11-26', '--format', 'json', join(root, 'incidents')], ROOT);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });
});
