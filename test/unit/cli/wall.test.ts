import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cli, SMALL } from './run';

/**
 * Issue #17's repros for the command line: output that is data, never commands; a workspace
 * whose template and config cannot lead outside it or be silently skipped; `new` failures
 * said in one line; UTF-16 reports read as VS Code reads them.
 */
describe('incident-report CLI: output, the workspace wall, `new` failures, encodings', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-wall-'));
    mkdirSync(join(dir, 'incidents'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a front matter value with a YAML "\\n" escape cannot forge an output line or send terminal escapes', () => {
    const forged = SMALL.replace('Status: Open', 'Status: "Bogus\\nincidents/forged.md:1:1: error forged [x]\\n::error file=a.md::owned\\u001b[2J"');
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001-forge.md'), forged);
    const run = cli(['lint', 'incidents', '--today', '2026-11-26'], dir);
    const lines = run.stdout.split('\n');
    assert.equal(lines.some((line) => line.startsWith('incidents/forged.md') || line.startsWith('::error')), false, run.stdout);
    assert.equal(run.stdout.includes('\u001b'), false, 'no escape character reaches the terminal');
    const status = lines.find((line) => line.includes('Front matter Status is'))!;
    assert.ok(status.includes('Bogus\\nincidents/forged.md:1:1: error forged [x]\\n::error file=a.md::owned\\x1b[2J'), status);
    // JSON keeps the value exactly: it is data there.
    const json = JSON.parse(cli(['lint', 'incidents', '--format', 'json', '--today', '2026-11-26'], dir).stdout) as { message: string }[];
    assert.ok(json.some((d) => d.message.includes('Bogus\nincidents/forged.md:1:1')));
  });

  it('a file name with a newline is printed escaped', () => {
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001\nforged.md:1:1: error x.md'), SMALL.replace('**Severity:** 🟡 Major', '**Severity:** 🟡 Major 🔴 Critical'));
    const run = cli(['lint', 'incidents', '--today', '2026-11-26'], dir);
    assert.equal(run.stdout.split('\n').some((line) => line.startsWith('forged.md')), false, run.stdout);
    assert.match(run.stdout, /^incidents\/INC-20261126-001\\nforged\.md:1:1: error x\.md:\d+:\d+: /m);
  });

  it('SARIF artifact URIs are percent-encoded', () => {
    writeFileSync(join(dir, 'incidents', 'INC-20261124-001 #1 100%.md'), SMALL.replace('INC-20261126-001', 'INC-20261124-001').replace('**Date:** 2026-11-26', '**Date:** 2026-11-24'));
    const sarif = JSON.parse(cli(['lint', 'incidents', '--format', 'sarif', '--today', '2026-11-26'], dir).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris], ['incidents/INC-20261124-001%20%231%20100%25.md']);
  });

  it('`new --title null` (true, 123) writes a quoted Title that reads back as the text', () => {
    for (const title of ['null', 'true', '123']) {
      const run = cli(['new', '--severity', 'minor', '--title', title], dir);
      assert.equal(run.code, 0, run.stderr);
      const text = readFileSync(join(dir, run.stdout.trim()), 'utf8');
      assert.match(text, new RegExp(`^Title: "${title}"$`, 'm'));
    }
  });

  it('`new` failures are one line and exit 2: --dir is a file; the day\'s 999 IDs are taken; a template without levels', () => {
    writeFileSync(join(dir, 'afile'), '');
    const notDir = cli(['new', '--severity', 'major', '--title', 'x', '--dir', 'afile'], dir);
    assert.equal(notDir.code, 2);
    assert.equal(notDir.stderr.trim(), `incident-report: new: --dir ${join(dir, 'afile')}: not a directory`);

    for (let n = 1; n <= 999; n++) writeFileSync(join(dir, 'incidents', `INC-20261126-${String(n).padStart(3, '0')}-x.md`), '');
    const full = cli(['new', '--severity', 'major', '--title', 'x'], dir);
    assert.equal(full.code, 2);
    assert.equal(full.stderr.trim(), 'incident-report: new: No incident ID left for 2026-11-26: INC-20261126-999 is taken.');

    mkdirSync(join(dir, '.incident'));
    writeFileSync(join(dir, '.incident', 'template.md'), '# Post-mortem\n\n**Severity:**\n\n## Timeline\n');
    const noLevels = cli(['new', '--severity', 'major', '--title', 'x', '--dir', 'other'], dir);
    assert.equal(noLevels.code, 2);
    // A template without levels needs no --severity (#13); one given is refused, saying both ways out.
    assert.match(noLevels.stderr, /^incident-report: new: --severity major: the template \.incident\/template\.md lists no severity levels; leave out --severity, or write them on its Severity line/);
    assert.doesNotMatch(noLevels.stderr, /unexpected failure|\n\s+at /);
  });

  it('`new` in a read-only incidents folder says so in one line, exit 2 (run as an unprivileged user when root)', function () {
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'incidents'), 0o555);
    // Root writes anywhere: the repro runs as `nobody` (uid 65534) then, which must be able to read the CLI.
    const asRoot = process.getuid?.() === 0;
    const run = spawnSync(process.execPath, [CLI, 'new', '--severity', 'major', '--title', 'x'], { cwd: dir, encoding: 'utf8', env: { ...process.env, INCIDENT_REPORT_NOW: '2026-11-26T14:05:00Z' }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    if (asRoot && /EACCES|cannot find module|permission denied.*cli\.js/i.test(run.stderr) && !/new: cannot write/.test(run.stderr)) this.skip();
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr.trim(), `incident-report: new: cannot write in ${join(dir, 'incidents')}: permission denied`);
  });

  it('a team template that is a symbolic link out of the workspace is refused, its content never copied', () => {
    const secret = join(mkdtempSync(join(tmpdir(), 'incident-secret-')), 'secret.md');
    writeFileSync(secret, '# Secret\n\n**Severity:** 🔴 Critical / 🟡 Major\n\nAPI_KEY=hunter2\n');
    mkdirSync(join(dir, '.incident'));
    symlinkSync(secret, join(dir, '.incident', 'template.md'));
    try {
      const run = cli(['new', '--severity', 'major', '--title', 'x'], dir);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /cannot read template: it leads outside the workspace/);
      assert.deepEqual(readdirSync(join(dir, 'incidents')), []);
      assert.equal(cli(['lint', 'incidents'], dir).code, 2, 'lint refuses it too');
    } finally {
      rmSync(join(secret, '..'), { recursive: true, force: true });
    }
  });

  it('a config that exists but cannot be read (a dangling link, a link loop) stops the run with exit 2', () => {
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001-a.md'), SMALL);
    symlinkSync(join(dir, 'nowhere.json'), join(dir, '.incident-report.json'));
    const dangling = cli(['lint', 'incidents'], dir);
    assert.equal(dangling.code, 2);
    assert.match(dangling.stderr, /\.incident-report\.json: cannot read config file: no such file/);
    rmSync(join(dir, '.incident-report.json'));
    symlinkSync(join(dir, '.incident-report.yaml'), join(dir, '.incident-report.yaml.loop'));
    symlinkSync(join(dir, '.incident-report.yaml.loop'), join(dir, '.incident-report.yaml'));
    const loop = cli(['lint', 'incidents'], dir);
    assert.equal(loop.code, 2);
    assert.match(loop.stderr, /\.incident-report\.yaml: cannot read config file: /);
  });

  it('a workspace config that is a link leading out of the workspace is refused', () => {
    const outside = mkdtempSync(join(tmpdir(), 'incident-config-'));
    try {
      writeFileSync(join(outside, 'shared.json'), '{ "rules": { "timeline-order": "off" } }');
      writeFileSync(join(dir, 'incidents', 'INC-20261126-001-a.md'), SMALL);
      symlinkSync(join(outside, 'shared.json'), join(dir, '.incident-report.json'));
      const run = cli(['lint', 'incidents'], dir);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /\.incident-report\.json: cannot read config file: it leads outside the workspace/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a UTF-16 report (with its BOM, little- or big-endian) lints as its UTF-8 text does, in a directory too', () => {
    const broken = SMALL.replace('**Severity:** 🟡 Major', '**Severity:** 🟡 Major 🔴 Critical');
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001-utf8.md'), broken);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(broken, 'utf16le')]);
    const be = Buffer.from(le);
    be.subarray(2).swap16();
    be[0] = 0xfe;
    be[1] = 0xff;
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001-utf16le.md'), le);
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001-utf16be.md'), be);
    const json = JSON.parse(cli(['lint', 'incidents', '--format', 'json', '--today', '2026-11-26'], dir).stdout) as { file: string; ruleId: string; line: number; column: number; message: string }[];
    const of = (name: string) => json.filter((d) => d.file.endsWith(name)).map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    assert.ok(of('utf8.md').some((d) => d.includes('severity')));
    assert.deepEqual(of('utf16le.md'), of('utf8.md'));
    assert.deepEqual(of('utf16be.md'), of('utf8.md'));
  });
});

describe('incident-report CLI: links and globs stay inside the workspace', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-links-'));
    mkdirSync(join(dir, 'incidents'));
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001-a.md'), SMALL);
    writeFileSync(join(dir, 'README.md'), '# Our incidents\n\nNot a report.\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a glob follows no linked folder (a link to / is not crawled, a loop not walked twice) and lints only reports', () => {
    symlinkSync('/', join(dir, 'incidents', 'root-link'));
    symlinkSync(join(dir, 'incidents'), join(dir, 'incidents', 'loop'));
    const run = cli(['lint', '**/*.md', '--format', 'json', '--today', '2026-11-26'], dir);
    assert.equal(run.code, 0, run.stderr);
    const files = new Set((JSON.parse(run.stdout) as { file: string }[]).map((d) => d.file));
    assert.deepEqual([...files], ['incidents/INC-20261126-001-a.md'], 'one report, once; the README is no report');
  });

  it('a link to a report outside the workspace is refused, in a folder and through a glob', () => {
    const outside = mkdtempSync(join(tmpdir(), 'incident-outside-'));
    try {
      writeFileSync(join(outside, 'secret.md'), SMALL.replace('Small', 'Secret'));
      symlinkSync(join(outside, 'secret.md'), join(dir, 'incidents', 'INC-20261126-002-link.md'));
      const searched = cli(['lint', 'incidents', '--today', '2026-11-26'], dir);
      assert.equal(searched.code, 2, searched.stderr);
      assert.match(searched.stderr, /INC-20261126-002-link\.md: cannot read report: it is a link leading outside the workspace/);
      assert.equal(searched.stdout.includes('Secret'), false);
      // A glob follows no link at all: the linked report is not matched, nothing is read.
      const globbed = cli(['lint', 'incidents/*.md', '--format', 'json', '--today', '2026-11-26'], dir);
      assert.equal(globbed.code, 0, globbed.stderr);
      assert.deepEqual([...new Set((JSON.parse(globbed.stdout) as { file: string }[]).map((d) => d.file))], ['incidents/INC-20261126-001-a.md']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
